"""Markdown docs from another generator (Docusaurus, Starlight, MkDocs) → helpkit articles (shared conversion).

Each generator's module (:mod:`importers.docusaurus`, :mod:`importers.starlight`, :mod:`importers.mkdocs_docs`)
gives a :class:`Flavor`: where its docs and translations are, how it names categories and positions.
This module reads the files and converts them:

- front matter: ``title`` (else the first ``# heading``, else ``sidebar_label``), ``description``,
  ``keywords``/``tags`` → ``keywords``, ``sidebar_position`` (Starlight: ``sidebar.order``) → ``order``
  (the rank in the folder), ``draft`` → ``draft``, ``last_update.date``/``lastUpdated`` → ``updated``,
  ``slug``/``id`` → the slug; other keys (``sidebar_label``, ``displayed_sidebar``, ``hide_title`` ...)
  have no meaning in helpkit and are left out.
- categories: the top folder (deeper folders belong to their top folder's category); title, description and
  position from ``_category_.json``/``_category_.yml`` (Docusaurus), ``.pages`` (MkDocs awesome-pages) or the
  folder's ``index.md`` front matter; files at the top go to "General".
- slugs: a file's name (or ``slug``/``id``); when two files would get one slug, the deeper ones get their
  folders' names in front (``proxy/guides/introduction.md`` → ``proxy-guides-introduction``), the shallowest
  keeps it (ties: the first in path order), and the links that pointed at them follow.
- body: MDX ``import``/``export`` lines dropped; ``:::note Title`` ... ``:::`` (and ``:::tip[Title]``) →
  ``!!! note "Title"``; ``<img src={useBaseUrl('img/x.png')} />`` and ``require('./x.png').default`` →
  Markdown images with the file copied (``static/`` for site-absolute paths); raw HTML blocks converted to
  Markdown by :mod:`importers.convert` (scripts, handlers dropped); ``<Tabs>``/``<TabItem>``/``<Steps>``/
  ``<Card>`` unwrapped (a tab's label as a bold line); ``<Aside>`` → admonition; other components
  (``<CtaBox />``) dropped and reported; links to other docs (``./x.md``, ``/docs/x``, ``x.mdx#a``) → tokens
  the writer makes relative ``.md`` links.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from helpkit.errors import MissingResource
from helpkit.loader import split_front_matter, unclosed_front_matter
from importers.convert import html_to_md
from importers.exports import helpkit_locale, to_date
from importers.model import Export, FileRef, LinkRef, Problem, SourceArticle, SourceCategory, SourceText
from site_builder.scaffold import slugify

ADMONITION_KINDS = {
    "note": "note", "tip": "tip", "info": "info", "caution": "warning", "warning": "warning", "danger": "danger",
    "important": "warning", "success": "success", "secondary": "note", "question": "question",
}
"""Docusaurus/Starlight admonition types → Material's."""

UNWRAPPED = {"Tabs", "TabItem", "Steps", "Card", "CardGrid", "LinkCard", "Details", "BrowserWindow"}
"""Components whose content is kept (their tags dropped)."""

GENERAL = "docs-category:"
"""Key of the category of the files at the top of the docs folder."""

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_TAG = re.compile(r"^(\s*)<([A-Za-z][\w.]*)")
_ADMONITION = re.compile(r"^(\s*)(:{3,})([A-Za-z]+)?(?:\[([^\]]*)\])?\s*(.*?)\s*$")
_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(\s+\"[^\"]*\")?\s*\)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


@dataclass(frozen=True)
class Flavor:
    """What differs between generators."""

    name: str
    """Reader name (``docusaurus``)."""
    docs_dirs: tuple[str, ...]
    """Where the docs are, relative to a project's root (the given folder itself is tried last)."""
    route_base: str = ""
    """URL prefix of the docs (``/docs``), stripped from site-absolute links."""
    static_dirs: tuple[str, ...] = ()
    """Folders site-absolute images come from (``static``), relative to the project's root."""
    translations: Callable[[Path, Path], dict[str, Path]] = field(default=lambda project, docs: {})
    """(project root, docs folder) → locale → the folder mirroring the docs in that locale."""
    suffix_translations: bool = False
    """``page.es.md`` beside ``page.md`` is its translation (mkdocs-static-i18n)."""
    order: Callable[[dict[str, Any]], Any] = field(default=lambda meta: meta.get("sidebar_position"))
    """Front matter → the position in the folder."""


@dataclass
class _Doc:
    path: Path
    rel: PurePosixPath
    meta: dict[str, Any]
    body: str
    slug: str = ""
    route: str = ""


@dataclass
class _Body:
    """One file's conversion state: links and files found, what was dropped."""

    links: list[LinkRef] = field(default_factory=list)
    files: list[FileRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_docs(path: Path, flavor: Flavor, skip: set[str] | frozenset[str] = frozenset()) -> Export:
    """Read a generator's docs folder (or its project folder); top folders in ``skip`` are not docs."""
    project, docs = _locate(path, flavor)
    problems: list[Problem] = []
    found = [d for d in _read_files(docs, flavor, problems) if d.rel.parts[0] not in skip]
    if not found and not problems:  # a folder of another kind (a help desk's JSON export, a built site)
        raise MissingResource(f"{docs}: no Markdown (.md, .mdx) files; give the {flavor.name} project or its docs "
                              "folder (for an export of .json or .html files, use that source's name)")
    by_lang: dict[str, dict[PurePosixPath, _Doc]] = {}
    main: dict[PurePosixPath, _Doc] = {}
    for d in found:
        m = re.match(r"^(.+)\.([a-z]{2}(?:[-_][A-Za-z]{2,4})?)$", d.rel.stem) if flavor.suffix_translations else None
        base = d.rel.with_name(f"{m.group(1)}{d.rel.suffix}") if m else None
        if m and base is not None and any(o.rel == base for o in found):
            code = helpkit_locale(m.group(2))
            if code is None:
                problems.append(Problem(str(d.path), "", f"unknown locale '{m.group(2)}': not imported", True))
            else:
                by_lang.setdefault(code, {})[base] = d
        else:
            main[d.rel] = d
    for code, folder in flavor.translations(project, docs).items():
        locale = helpkit_locale(code)
        if locale is None:
            problems.append(Problem(str(folder), "", f"unknown locale '{code}': its translations are not imported",
                                    True))
            continue
        for d in _read_files(folder, flavor, problems):
            if d.rel in main:
                by_lang.setdefault(locale, {})[d.rel] = d
    categories, index_pages = _categories(docs, main, flavor, problems)
    _slugs(main)
    routes = _routes(main, flavor)
    statics = [project / s for s in flavor.static_dirs]
    articles = []
    positions = _ranks(main, flavor)
    for rel, d in main.items():
        if rel in index_pages and not d.body.strip():
            continue
        sid = f"{flavor.name}:{rel.with_suffix('').as_posix()}"
        text = _text(d, "", docs, d.path.parent, routes, statics, problems, sid, flavor.route_base)
        if text is None:
            continue
        others = []
        for locale, docs_in in sorted(by_lang.items()):
            t = docs_in.get(rel)
            if t is not None:
                translated = _text(t, locale, docs, d.path.parent, routes, statics, problems, sid, flavor.route_base)
                if translated is not None:
                    others.append(translated)
        meta = d.meta
        words = [*_words(meta.get("keywords")), *_words(meta.get("tags"))]
        last = meta.get("last_update")
        updated = to_date(str(last.get("date")) if isinstance(last, dict) else meta.get("lastUpdated")
                          or meta.get("date"))
        top = rel.parts[0] if len(rel.parts) > 1 else ""
        articles.append(SourceArticle(sid, d.path, f"{GENERAL}{top}", text, tuple(others), tuple(words),
                                      positions[rel], bool(meta.get("draft")), updated, d.slug))
    return Export(flavor.name, "", categories, tuple(articles), tuple(problems))


def _locate(path: Path, flavor: Flavor) -> tuple[Path, Path]:
    if not path.is_dir():
        raise MissingResource(f"{path}: no such folder; give the {flavor.name} project (or its docs folder)")
    for d in flavor.docs_dirs:
        if (path / d).is_dir():
            return path, path / d
    return (path.parent if path.name in ("docs", "content") else path), path


def _read_files(root: Path, flavor: Flavor, problems: list[Problem]) -> list[_Doc]:
    out = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".md", ".mdx") and p.is_file()):
        rel = PurePosixPath(path.relative_to(root).as_posix())
        if any(part.startswith(("_", ".")) for part in rel.parts) or rel.parts[0] in ("node_modules",):
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        meta: Any = {}
        front, body, _ = split_front_matter(text)
        if front is not None and unclosed_front_matter(text, body):
            problems.append(Problem(str(path), "", "the front matter has no closing '---' line: not imported; add one "
                                    "after its last key", True))
            continue
        if front is not None:
            try:
                meta = yaml.safe_load(front) or {}
            except yaml.YAMLError as e:
                problems.append(Problem(str(path), "", f"invalid front matter ({str(e).splitlines()[0]}): not "
                                        "imported; fix the YAML", True))
                continue
        out.append(_Doc(path, rel, meta if isinstance(meta, dict) else {}, body))
    return out


def _words(value: Any) -> list[str]:
    if isinstance(value, str):
        return [w.strip() for w in value.split(",") if w.strip()]
    if isinstance(value, list):
        return [str(w.get("label") if isinstance(w, dict) else w).strip() for w in value if w]
    return []


def _categories(docs: Path, main: dict[PurePosixPath, _Doc], flavor: Flavor, problems: list[Problem],
                ) -> tuple[tuple[SourceCategory, ...], set[PurePosixPath]]:
    tops = sorted({rel.parts[0] for rel in main if len(rel.parts) > 1})
    out = []
    index_pages: set[PurePosixPath] = set()
    for n, top in enumerate(tops):
        folder = docs / top
        title, description, position = top.replace("-", " ").replace("_", " ").capitalize(), "", None
        for name in ("_category_.json", "_category_.yml", "_category_.yaml"):
            if (folder / name).is_file():
                try:
                    raw = (folder / name).read_text(encoding="utf-8")
                    data = json.loads(raw) if name.endswith(".json") else yaml.safe_load(raw)
                except (ValueError, yaml.YAMLError) as e:
                    problems.append(Problem(str(folder / name), "", f"unreadable ({e}); the folder's name is used"))
                    data = {}
                if isinstance(data, dict):
                    link = data.get("link") if isinstance(data.get("link"), dict) else {}
                    title = str(data.get("label") or title)
                    description = str(data.get("description") or link.get("description") or "")
                    position = data.get("position")
        pages = folder / ".pages"
        if pages.is_file():
            data = yaml.safe_load(pages.read_text(encoding="utf-8")) or {}
            if isinstance(data, dict) and data.get("title"):
                title = str(data["title"])
        for name in ("index.md", "index.mdx", "README.md"):
            rel = PurePosixPath(top) / name
            if rel in main:
                index_pages.add(rel)
                meta = main[rel].meta
                title = str(meta.get("title") or title) if not (folder / "_category_.json").is_file() else title
                description = description or str(meta.get("description") or "")
                position = position if position is not None else flavor.order(meta)
        order = int(position) if isinstance(position, int | float) else 1000 + n
        out.append(SourceCategory(f"{GENERAL}{top}", title, description, order, folder=top))
    if any(len(rel.parts) == 1 for rel in main):
        out.insert(0, SourceCategory(GENERAL, "General", "", 0))
    return tuple(out), index_pages


def _slugs(main: dict[PurePosixPath, _Doc]) -> None:
    """Each doc's slug: ``slug``/``id`` or the file name; deeper colliding files get their folders in front."""
    for rel, d in main.items():
        own = d.meta.get("slug") if isinstance(d.meta.get("slug"), str) else None
        name = PurePosixPath(own).name if own and own.strip("/") else ""
        if rel.stem in ("index", "README"):  # never "index": that is a category's own page
            name = name or (rel.parts[-2] if len(rel.parts) > 1 else slugify(str(d.meta.get("title") or "")) or "home")
        d.slug = name or str(d.meta.get("id") or "") or rel.stem
    by_slug: dict[str, list[_Doc]] = {}
    for d in main.values():
        by_slug.setdefault(d.slug.lower(), []).append(d)
    for group in by_slug.values():
        if len(group) > 1:
            group.sort(key=lambda d: (len(d.rel.parts), str(d.rel)))
            for d in group[1:]:
                d.slug = "-".join([*d.rel.parts[:-1], d.slug])


def _routes(main: dict[PurePosixPath, _Doc], flavor: Flavor) -> dict[str, _Doc]:
    """Every way a link can name a doc: its path with or without extension, its ``slug``, its ``id``."""
    routes: dict[str, _Doc] = {}
    for rel, d in main.items():
        plain = rel.with_suffix("").as_posix()
        keys = [rel.as_posix(), plain, f"{plain}/"]
        if rel.stem in ("index", "README"):
            keys += [rel.parent.as_posix(), f"{rel.parent.as_posix()}/"]
        slug = d.meta.get("slug")
        if isinstance(slug, str):
            keys.append(slug.strip("/") if slug.startswith("/") else (rel.parent / slug).as_posix())
        if d.meta.get("id"):
            keys.append((rel.parent / str(d.meta["id"])).as_posix())
        for k in keys:
            routes.setdefault(k.strip("/").lower(), d)
    stems: dict[str, list[_Doc]] = {}
    for rel, d in main.items():
        stems.setdefault(rel.stem.lower(), []).append(d)
    routes.update({f"name:{stem}": docs[0] for stem, docs in stems.items() if len(docs) == 1})
    return routes


def _ranks(main: dict[PurePosixPath, _Doc], flavor: Flavor) -> dict[PurePosixPath, int]:
    """order = the rank of the doc's position in its category (docs without one after, by path)."""
    out: dict[PurePosixPath, int] = {}
    groups: dict[str, list[PurePosixPath]] = {}
    for rel in main:
        groups.setdefault(rel.parts[0] if len(rel.parts) > 1 else "", []).append(rel)
    for rels in groups.values():
        def key(rel: PurePosixPath) -> tuple[float, str]:
            pos = flavor.order(main[rel].meta)
            return (float(pos) if isinstance(pos, int | float) else float("inf"), str(rel))
        for n, rel in enumerate(sorted(rels, key=key)):
            out[rel] = n + 1
    return out


def _text(d: _Doc, locale: str, docs: Path, here: Path, routes: dict[str, _Doc], statics: list[Path],
          problems: list[Problem], sid: str, flavor_base: str = "") -> SourceText | None:
    state = _Body()

    def link(href: str) -> tuple[str, str] | None:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith("mailto:"):
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            key = path.strip("/")
        else:
            key = (PurePosixPath(here.relative_to(docs).as_posix()) / path).as_posix()
            key = _normalize(key)
        key = key.lower()
        base = flavor_base.strip("/")
        keys = [key, key[len(base) + 1:] if base and key.startswith(base + "/") else key]
        for k in keys:
            for candidate in (k, re.sub(r"\.(md|mdx)$", "", k), re.sub(r"\.html$", "", k)):
                target = routes.get(candidate.strip("/"))
                if target is not None:
                    return f"{sid.split(':')[0]}:{target.rel.with_suffix('').as_posix()}", parts.fragment
        stem = re.sub(r"\.(md|mdx|html)$", "", PurePosixPath(key).name)
        target = routes.get(f"name:{stem}")  # a file named so, when only one is (a link written from elsewhere)
        if target is not None:
            return f"{sid.split(':')[0]}:{target.rel.with_suffix('').as_posix()}", parts.fragment
        if path.endswith((".md", ".mdx")) or not PurePosixPath(path).suffix:
            return f"{sid.split(':')[0]}:{key.strip('/')}", parts.fragment  # not imported: listed by the writer
        return None

    def file(src: str) -> FileRef | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        options = [s / path.lstrip("/") for s in statics] if path.startswith("/") else [here / path]
        if not path.startswith("/"):
            options += [s / path for s in statics]
        for p in options:
            if p.is_file() and p.suffix not in (".md", ".mdx"):
                return FileRef(p, p.name)
        return None

    body, title = _convert(d.body, link, file, state)
    meta = d.meta
    sidebar = meta.get("sidebar") if isinstance(meta.get("sidebar"), dict) else {}
    title = str(meta.get("title") or title or meta.get("sidebar_label") or sidebar.get("label") or "").strip()
    title = title or d.rel.stem.replace("-", " ").capitalize()
    lang = f"{locale}: " if locale else ""
    for note in dict.fromkeys(state.notes):
        problems.append(Problem(str(d.path), sid, f"{lang}{note}"))
    if not body.strip():
        problems.append(Problem(str(d.path), sid, f"{lang}'{title}' has no text: not imported", True))
        return None
    return SourceText(locale, title, body, " ".join(str(meta.get("description") or "").split()),
                      tuple(state.links), tuple(state.files))


def _normalize(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part not in (".", ""):
            out.append(part)
    return "/".join(out)


def _convert(body: str, link: Callable[[str], tuple[str, str] | None], file: Callable[[str], FileRef | None],
             state: _Body) -> tuple[str, str]:
    """(helpkit Markdown, the first ``# heading``'s text, removed from the body)."""
    lines = body.splitlines()
    out = _blocks(lines, link, file, state)
    text = "\n".join(out)
    title = ""
    m = re.search(r"^# +(.+?)\s*#*\s*$", text, re.MULTILINE)
    if m and not text[:m.start()].strip():
        title = m.group(1).strip()
        text = text[m.end():]
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return (text + "\n" if text else ""), title


def _blocks(lines: list[str], link: Callable[[str], tuple[str, str] | None],
            file: Callable[[str], FileRef | None], state: _Body) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            j = i + 1
            marker = fence.group(2)
            while j < len(lines) and not lines[j].strip().startswith(marker[0] * len(marker)):
                j += 1
            out.extend(lines[i:j + 1])
            i = j + 1
            continue
        if re.match(r"^(import|export)\s", line):
            i = _statement_end(lines, i) + 1
            continue
        adm = _ADMONITION.match(line)
        if adm and adm.group(3):
            i = _admonition(lines, i, adm, out, link, file, state)
            continue
        tag = _TAG.match(line)
        if tag and not line.strip().startswith("<!--"):
            i = _html_block(lines, i, tag.group(1), tag.group(2), out, link, file, state)
            continue
        if line.strip().startswith("{/*") and line.strip().endswith("*/}"):
            i += 1
            continue
        out.append(_inline(line, link, file, state))
        i += 1
    return out


def _statement_end(lines: list[str], i: int) -> int:
    """Last line of the MDX ``import``/``export`` statement starting at line ``i``."""
    if lines[i].startswith("import"):
        j = i
        while j < len(lines) - 1 and lines[j].strip() and not re.search(r"""(['"];?|;)\s*$""", lines[j]):
            j += 1
        return j
    depth, j = 0, i
    while j < len(lines):
        depth += sum(lines[j].count(c) for c in "{([") - sum(lines[j].count(c) for c in "})]")
        if depth <= 0:
            return j
        j += 1
    return len(lines) - 1


def _admonition(lines: list[str], i: int, m: re.Match[str], out: list[str], link: Any, file: Any,
                state: _Body) -> int:
    indent, colons, kind, bracket, rest = m.groups()
    j = i + 1
    while j < len(lines) and lines[j].strip() != colons:
        j += 1
    inner = [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines[i + 1:j]]
    converted = _trim(_blocks(inner, link, file, state))
    title = (bracket or rest or "").strip()
    head = f'{indent}!!! {ADMONITION_KINDS.get(kind.lower(), "note")}' + (f' "{_quote(title)}"' if title else "")
    out.append(head)
    out.extend(f"{indent}    {ln}" if ln.strip() else "" for ln in converted)
    out.append("")
    return j + 1


def _trim(lines: list[str]) -> list[str]:
    """Without blank lines at the start and end."""
    start = next((k for k, ln in enumerate(lines) if ln.strip()), len(lines))
    end = len(lines) - next((k for k, ln in enumerate(reversed(lines)) if ln.strip()), len(lines))
    return lines[start:end]


def _quote(title: str) -> str:
    return title.replace('"', "'")


def _html_block(lines: list[str], i: int, indent: str, name: str, out: list[str], link: Any, file: Any,
                state: _Body) -> int:
    """A raw HTML or JSX block starting at line ``i``: to where its first tag closes (blank lines allowed)."""
    j, depth = i, 0
    open_re = re.compile(rf"<{re.escape(name)}(?=[\s>/])")
    close_re = re.compile(rf"</{re.escape(name)}\s*>")
    while j < len(lines):
        depth += len(open_re.findall(lines[j])) - len(close_re.findall(lines[j]))
        depth -= len(re.findall(rf"<{re.escape(name)}(?=[\s/])[^<>]*/>", lines[j]))
        if depth <= 0 and (j + 1 >= len(lines) or not lines[j + 1].strip() or depth < 0 or close_re.search(lines[j])
                           or lines[j].rstrip().endswith("/>")):
            break
        j += 1
    block = "\n".join(ln[len(indent):] if ln.startswith(indent) else ln for ln in lines[i:j + 1])
    self_closing = re.fullmatch(rf"<{re.escape(name)}\b[^<>]*/>", block.strip(), re.DOTALL) is not None
    if name == "Aside":
        kind = re.search(r'type="(\w+)"', block)
        title = re.search(r'title="([^"]*)"', block)
        out.append(f"{indent}!!! {ADMONITION_KINDS.get(kind.group(1) if kind else 'note', 'note')}"
                   + (f' "{_quote(title.group(1))}"' if title else ""))
        out.extend(f"{indent}    {ln}" if ln.strip() else ""
                   for ln in _trim(_blocks(_inner(block, name), link, file, state)))
        out.append("")
        return j + 1
    if name in ("head", "Head") or name[0].isupper() and self_closing:
        state.notes.append("dropped a <head> block" if name.lower() == "head"
                           else f"dropped the MDX component <{name} /> (helpkit has no equivalent)")
        return j + 1
    container = name[0].isupper() or name in ("details", "div", "section") and re.search(r"\n\s*\n", block)
    if container:  # Markdown inside a component or an HTML container: keep the Markdown, drop the tags
        if name[0].isupper() and name not in UNWRAPPED:
            state.notes.append(f"kept the text of the MDX component <{name}>, not the component")
        inner = _inner(block, name)
        head: list[str] = []
        label = re.search(r'(?:label|title)="([^"]*)"', block.split("\n", 1)[0])
        summary = re.search(r"<summary>(.*?)</summary>", "\n".join(inner), re.DOTALL) if name == "details" else None
        if summary is not None:
            text = re.sub(r"<[^>]+>", "", summary.group(1)).strip()
            head = [text if text.startswith("#") else f"**{text}**", ""]
            inner = re.sub(r"<summary>.*?</summary>", "", "\n".join(inner), count=1, flags=re.DOTALL).splitlines()
        elif label is not None:
            head = [f"**{label.group(1)}**", ""]
        out.extend(f"{indent}{ln}" if ln.strip() else "" for ln in [*head, *_blocks(inner, link, file, state)])
        out.append("")
        return j + 1
    converted = html_to_md(_jsx_to_html(block), link, file)
    state.notes.extend(converted.notes)
    md = _renumber(converted.markdown, converted.links, converted.files, state)
    out.extend(f"{indent}{ln}" if ln.strip() else "" for ln in md.splitlines())
    out.append("")
    return j + 1


def _inner(block: str, name: str) -> list[str]:
    """The lines between a block's opening tag and its last closing tag (common indentation removed)."""
    opening = re.match(rf"\s*<{re.escape(name)}\b[^>]*>", block, re.DOTALL)
    inner = block[opening.end():] if opening else block
    inner = re.sub(rf"</{re.escape(name)}\s*>\s*$", "", inner.rstrip())
    lines = inner.splitlines()
    widths = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(widths, default=0)
    return [ln[cut:] for ln in lines]


def _jsx_to_html(block: str) -> str:
    """JSX attribute syntax → HTML: ``src={useBaseUrl('x')}`` → ``src="x"``, ``className`` → ``class``."""
    block = re.sub(r"\{\s*/\*.*?\*/\s*\}", "", block, flags=re.DOTALL)
    block = re.sub(r"""=\{\s*useBaseUrl\(\s*['"]/?([^'"]+)['"]\s*\)\s*\}""", r'="/\1"', block)  # site-absolute
    block = re.sub(r"""=\{\s*require\(\s*['"]([^'"]+)['"]\s*\)(?:\.default)?\s*\}""", r'="\1"', block)
    block = re.sub(r"""=\{\s*['"]([^'"]*)['"]\s*\}""", r'="\1"', block)
    block = re.sub(r"\s[\w-]+=\{\{.*?\}\}", "", block, flags=re.DOTALL)
    block = re.sub(r"\s[\w-]+=\{[^{}]*\}", "", block)
    return block.replace("className=", "class=")


def _renumber(md: str, links: tuple[LinkRef, ...], files: tuple[FileRef, ...], state: _Body) -> str:
    """Tokens of a converted HTML block (numbered from 0) → this file's token numbers."""
    base_l, base_f = len(state.links), len(state.files)
    state.links.extend(links)
    state.files.extend(files)
    md = re.sub(r"\]\(hk:(\d+)\)", lambda m: f"](hk:{base_l + int(m.group(1))})", md)
    return re.sub(r"\]\(hk-file:(\d+)\)", lambda m: f"](hk-file:{base_f + int(m.group(1))})", md)


def _inline(line: str, link: Any, file: Any, state: _Body) -> str:
    """Links and images of a Markdown line (not inside code spans) → tokens; inline JSX images → Markdown."""
    line = re.sub(r"<img\b[^>]*/?>", lambda m: _inline_img(m.group(0), file, state), line)
    line = re.sub(r"\s*<[A-Z][\w.]*\b[^<>]*/>", "", line)  # inline MDX components (<Optional />)
    line = re.sub(r"\s+on[a-z]+=(\"[^\"]*\"|'[^']*')", "", line)
    if "<script" in line:
        state.notes.append("dropped a <script>")
        line = re.sub(r"<script\b.*?(</script>|$)", "", line)
    spans = [m.span() for m in _CODE_SPAN.finditer(line)]

    def replace(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in spans):
            return m.group(0)
        bang, text, target, title = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        if bang:
            ref = file(target)
            if ref is None:
                if urlsplit(target).scheme or target.startswith("//"):
                    state.notes.append(f"remote image left as a link to {target}")
                    return m.group(0)
                state.notes.append(f"image {target} is not in the export: dropped (copy the file into the export "
                                   "to keep it)")
                return ""

            state.files.append(ref)
            return f"![{text}](hk-file:{len(state.files) - 1}{title})"
        found = link(target)
        if found is not None:
            state.links.append(LinkRef(found[0], found[1], target))
            return f"[{text}](hk:{len(state.links) - 1})"
        ref = file(target)
        if ref is not None:
            state.files.append(ref)
            return f"[{text}](hk-file:{len(state.files) - 1})"
        return m.group(0)

    return _MD_LINK.sub(replace, line)


def _inline_img(tag: str, file: Any, state: _Body) -> str:
    html = _jsx_to_html(tag)
    converted = html_to_md(html, lambda href: None, file)
    state.notes.extend(converted.notes)
    return _renumber(converted.markdown.strip(), converted.links, converted.files, state)
