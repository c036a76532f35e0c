"""Old addresses of moved articles: a page at each that sends the reader on to the article (front matter
``redirect_from``), and a warning when an article's page of the last build is gone because the article moved.

The site is static and opened from disk too, so a redirect is a page: a ``refresh`` meta and a script that keeps the
address's ``#anchor``, a canonical link to the article, ``noindex`` for search engines, and a plain link.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from html import escape, unescape
from pathlib import Path

from helpkit.errors import Warning
from helpkit.loader import display_path
from helpkit.model import Article


def redirect_page(target: str, title: str, locale: str) -> str:
    """The page at an old address: ``target`` is the article's page relative to it."""
    href = escape(target, quote=True)
    script = target.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return (f'<!doctype html>\n<html lang="{escape(locale, quote=True)}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>"
            f'<link rel="canonical" href="{href}"><meta name="robots" content="noindex">'
            f'<meta http-equiv="refresh" content="0; url={href}">'
            f'<script>location.replace("{script}" + location.hash)</script></head>\n'
            f'<body><p><a href="{href}">{escape(title)}</a></p></body></html>\n')


def _where(a: Article, content_dir: Path) -> str:
    """The article's file as the writer knows it (``content/billing/refunds.md``)."""
    return display_path(a.source_path, content_dir).as_posix()


def write_redirects(roots: Sequence[tuple[Path, str]], articles: Sequence[Article], content_dir: Path
                    ) -> list[Warning]:
    """Write the pages of every article's old addresses (``redirect_from``) under each locale's site root
    (``roots``: (folder, locale), the source locale first); an old address that is a page of the site is left
    alone, with a warning. ``content_dir``: the help center's content folder (warnings name files from its
    folder)."""
    warnings = []
    for a in articles:
        for old in a.redirect_from:
            for root, locale in roots:
                page = root / f"{old}.html"
                if page.exists():
                    if locale == roots[0][1]:
                        warnings.append(Warning(_where(a, content_dir), f"front matter 'redirect_from': '{old}' is a "
                                                "page of the site", "remove it from the list"))
                    continue
                page.parent.mkdir(parents=True, exist_ok=True)
                target = os.path.relpath(root / a.url, page.parent).replace(os.sep, "/")
                page.write_text(redirect_page(target, a.title, locale), encoding="utf-8")
    return warnings


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_PERMALINK = re.compile(r"<a\b[^>]*\bheaderlink\b[^>]*>.*?</a>", re.DOTALL)
"""The ``¶`` link the toc extension puts in a heading (permalinks on, as in a help center's mkdocs.yml)."""


def _heading(page: Path) -> str:
    """The title a built page shows (its first ``<h1>``, as text); ``""`` when it has none."""
    m = _H1.search(page.read_text(encoding="utf-8", errors="replace"))
    return unescape(re.sub(r"<[^>]+>", "", _PERMALINK.sub("", m.group(1)))).strip() if m else ""


def moved_pages(old_site: Path, articles: Sequence[Article], locales: Sequence[str], content_dir: Path
                ) -> list[Warning]:
    """Article pages of the last build (``old_site``, the source locale's root; ``locales``: the others' folders in
    it) that the new one lacks because their article moved to another category, or its file was renamed (the old
    page's title is the article's), with no ``redirect_from`` for them: links and bookmarks to them would find
    nothing."""
    if not old_site.is_dir():
        return []
    by_slug = {a.slug: a for a in articles}
    titles: dict[str, list[Article]] = {}
    for a in articles:
        titles.setdefault(a.title.strip(), []).append(a)
    now = {a.url for a in articles}
    kept = {old for a in articles for old in a.redirect_from}
    warnings = []
    for page in sorted(old_site.glob("*/*.html")):
        address = f"{page.parent.name}/{page.stem}"
        if page.parent.name in locales or f"{address}.html" in now or address in kept or page.stem == "index":
            continue
        a = by_slug.get(page.stem)
        if a is None:  # a renamed file: its old page had the article's title
            same = titles.get(_heading(page), [])
            a = same[0] if len(same) == 1 else None
        if a is None:
            continue
        warnings.append(Warning(_where(a, content_dir), f"its page moved from {address}.html to {a.url}: links and "
                                "bookmarks to the old address would find nothing",
                                f"add 'redirect_from: [{address}]' to its front matter"))
    return warnings
