"""A folder of HTML files (any other tool's export): one article per file, categories from folders.

``<folder>/<category>/<page>.html`` is an article of the category named after the folder (files at the top
go to "General"). Title: ``<h1>`` (removed from the body), else ``<title>``. Description and keywords:
``<meta name="description">`` and ``<meta name="keywords">``; date: ``<meta property="article:modified_time">``
or the first ``<time datetime>``. Body: ``<main>``, else ``<article>``, else ``<body>`` without its ``<nav>``,
``<header>`` and ``<footer>``. Links to other pages of the folder become article links; images and files
in the folder are copied. ``page.es.html`` beside ``page.html`` is its Spanish translation.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from helpkit.errors import MissingResource
from importers.convert import article_text
from importers.exports import helpkit_locale, to_date
from importers.model import Export, FileRef, Problem, SourceArticle, SourceCategory, SourceText

GENERAL = "html-category:"
"""Key of the category of the files at the top of the folder."""
_LANG_SUFFIX = re.compile(r"^(.+)\.([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$")


def read(root: Path) -> Export:
    """Read a folder of HTML pages."""
    if not root.is_dir():
        raise MissingResource(f"{root}: no such folder; give the folder that holds the .html files")
    pages = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
    if not pages:
        raise MissingResource(f"{root}: no .html files found")
    problems: list[Problem] = []
    main: dict[Path, Path] = {}
    translations: dict[Path, list[tuple[str, Path]]] = {}
    for p in pages:
        m = _LANG_SUFFIX.match(p.stem)
        base = p.with_name(f"{m.group(1)}{p.suffix}") if m else None
        if m and base in pages:
            locale = helpkit_locale(m.group(2))
            if locale is None:
                problems.append(Problem(str(p), _sid(root, base), f"unknown locale '{m.group(2)}': not imported", True))
            else:
                translations.setdefault(base, []).append((locale, p))
        else:
            main[p] = p
    folders = sorted({p.relative_to(root).parts[0] for p in main if len(p.relative_to(root).parts) > 1})
    categories = [SourceCategory(f"{GENERAL}{f}", f.replace("-", " ").replace("_", " ").capitalize(), "", n + 1,
                                 folder=f) for n, f in enumerate(folders)]
    if any(len(p.relative_to(root).parts) == 1 for p in main):
        categories.insert(0, SourceCategory(GENERAL, "General", "", 0))
    articles = []
    for n, page in enumerate(main):
        sid = _sid(root, page)
        parts = page.relative_to(root).parts
        text, updated, keywords = _page(root, page, "", problems)
        if text is None:
            continue
        others = []
        for locale, tp in translations.get(page, ()):
            translated, _, _ = _page(root, tp, locale, problems, sid)
            if translated is not None:
                others.append(translated)
        articles.append(SourceArticle(sid, page, f"{GENERAL}{parts[0] if len(parts) > 1 else ''}", text,
                                      tuple(others), keywords, n + 1, False, updated, slug=page.stem))
    return Export("html", "", tuple(categories), tuple(articles), tuple(problems))


def _sid(root: Path, page: Path) -> str:
    return f"html:{page.relative_to(root).with_suffix('').as_posix()}"


def _page(root: Path, page: Path, locale: str, problems: list[Problem], sid: str = ""
          ) -> tuple[SourceText | None, object, tuple[str, ...]]:
    sid = sid or _sid(root, page)
    try:
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(str(page), sid, f"unreadable ({e}): not imported", True))
        return None, None, ()
    body = soup.find("main") or soup.find("article") or soup.find("body") or soup
    for el in body.find_all(["nav", "header", "footer"]) if isinstance(body, Tag) else ():
        el.decompose()
    h1 = body.find("h1") if isinstance(body, Tag) else None
    title = h1.get_text(" ", strip=True) if isinstance(h1, Tag) else ""
    if isinstance(h1, Tag):
        h1.decompose()
    if not title and soup.title is not None:
        title = soup.title.get_text(" ", strip=True)
    meta = {str(m.get("name") or m.get("property") or "").lower(): str(m.get("content") or "")
            for m in soup.find_all("meta") if isinstance(m, Tag)}
    time_el = soup.find("time", attrs={"datetime": True})
    updated = to_date(meta.get("article:modified_time") or (time_el.get("datetime") if isinstance(time_el, Tag)
                                                             else None))
    here = page.parent

    def local(href: str, exists: bool = True) -> Path | None:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith(("/", "#", "mailto:")):
            return None
        target = (here / unquote(parts.path)).resolve()
        return target if target.is_relative_to(root.resolve()) and (target.is_file() or not exists) else None

    def link(href: str) -> tuple[str, str] | None:
        """Any relative link to a page (one that is not in the folder too: it is listed as not imported)."""
        target = local(href, exists=False)
        if target is None or target.suffix.lower() not in (".html", ".htm"):
            return None
        m = _LANG_SUFFIX.match(target.stem)
        base = target.with_name(f"{m.group(1)}{target.suffix}") if m else target
        return _sid(root.resolve(), base if base.is_file() else target), urlsplit(href).fragment

    def file(src: str) -> FileRef | None:
        target = local(src)
        return FileRef(target, target.name) if target is not None and target.suffix.lower() not in (
            ".html", ".htm") else None

    text = article_text(locale, title, body.decode_contents() if isinstance(body, Tag) else str(body),
                        meta.get("description", ""), link, file, page, sid, problems)
    keywords = tuple(k.strip() for k in meta.get("keywords", "").split(",") if k.strip())
    return text, updated, keywords
