"""Whole translated pages: ``locales/<lang>/<slug>.md``, an article a person translated as a whole.

A translation whose blocks line up with the source article's (the common case) lives in the translation
memory, segment by segment. One that does not (a paragraph split in two, a list turned into a table) cannot
be cut into segments; ``helpkit import`` then keeps it whole in ``locales/<lang>/<slug>.md``: front matter
``title`` (and ``description``), then the translated Markdown, whose relative links and images are written
as if the file sat beside the source article (``content/<category>/<slug>.md``).

The site serves it for that locale in place of the article's segments (status ``source``: written in that
language, no machine-translation notice), and ``helpkit translations status`` counts it in its own column
(``whole``), its segments left out of the locale's totals. Deleting the file goes back to the memory.

Links to a heading (``refunds.md#how-long``) are written against the source article, so a whole page's
headings keep the source's ids: when its headings line up with the source's (as many, the same levels, in
the same order), each gets the id of the source heading in its place (``## Plazos {#how-long}``) unless
it gives its own ``{#id}``. When they do not line up, ``helpkit check`` names each link that a heading of the
page no longer answers, and the ``{#id}`` to add. A link of the locale's whole pages to such a heading by
the id its own text would give it (``[ver](#como-pagar)`` for ``## Cómo pagar``, now ``{#how-to-pay}``) is
pointed at the id the heading has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import yaml

from helpkit.errors import HelpkitError
from helpkit.loader import split_front_matter
from helpkit.markdown import heading_anchor, inline_text, parser, split_heading_id
from helpkit.model import Article

WHOLE_DIR = "{lang}"
"""Folder of a locale's whole pages, inside the translation memory's folder."""


@dataclass(frozen=True, slots=True)
class WholePage:
    """A whole translated article."""

    slug: str
    """The source article's slug (the file name)."""
    title: str
    """Translated title."""
    description: str
    """Translated description (may be empty)."""
    body: str
    """Translated Markdown body."""
    path: Path
    """The file."""
    body_line: int = 1
    """1-based line of the body's first line in the file (after the front matter)."""


def whole_dir(memory_dir: Path, locale: str) -> Path:
    """``locales/<lang>/``."""
    return memory_dir / WHOLE_DIR.format(lang=locale)


def whole_pages(memory_dir: Path, locale: str) -> dict[str, WholePage]:
    """The whole pages of ``locale`` by slug (none when the folder is missing); HelpkitError names a bad file."""
    folder = whole_dir(memory_dir, locale)
    if not folder.is_dir():
        return {}
    out = {}
    for path in sorted(folder.glob("*.md")):
        front, body, body_line = split_front_matter(path.read_text(encoding="utf-8-sig"))
        try:
            meta = yaml.safe_load(front) if front is not None else None
        except yaml.YAMLError as e:
            raise HelpkitError(f"{path}: invalid YAML in the front matter ({e}); fix it or delete the file") from None
        if not isinstance(meta, dict) or not str(meta.get("title") or "").strip():
            raise HelpkitError(f"{path}: a whole translated page needs front matter with 'title: ...'; add it, or "
                               "delete the file to translate the article through the translation memory")
        out[path.stem] = WholePage(path.stem, str(meta["title"]).strip(), str(meta.get("description") or ""),
                                   body, path, body_line)
    return out


_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


def source_anchored(pages: Mapping[str, WholePage], articles: Mapping[str, Article]) -> dict[str, WholePage]:
    """A locale's whole pages (by slug) with their headings' source ids (``## Cómo pagar {#how-to-pay}``, where
    they line up), and their links to such a heading by the id its own text gives it (``[ver](#como-pagar)``,
    ``pay.md#como-pagar``) pointed at the id it has now (``#how-to-pay``): in the page itself and from the
    locale's other whole pages.
    ``articles`` are the source articles by slug; a page without one is left out."""
    anchored = {slug: _with_source_anchors(p, articles[slug]) for slug, p in pages.items() if slug in articles}
    by_path = {articles[slug].source_path.resolve(): slug for slug in anchored}
    out = {}
    for slug, (page, _) in anchored.items():
        here = articles[slug].source_path.resolve()

        def retarget(href: str, here: Path = here) -> str | None:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                return None
            target = by_path.get((here.parent / unquote(parts.path)).resolve() if parts.path else here)
            moved = anchored[target][1].get(parts.fragment) if target else None
            return urlunsplit(parts._replace(fragment=moved)) if moved else None

        out[slug] = replace(page, body=_retargeted(page.body, retarget))
    return out


def _with_source_anchors(page: WholePage, source: Article) -> tuple[WholePage, dict[str, str]]:
    """``page`` with each heading given the id of ``source``'s heading in the same place (``{#id}``, attr_list),
    when the headings line up (as many, the same levels, in order; a heading's own ``{#id}`` is kept; unchanged
    when they do not line up); and the ids the page's headings lost by it: ``{"como-pagar": "how-to-pay"}``
    (the id each heading's text gave it, to the source id it has instead; none that another heading keeps)."""
    targets = [s for s in source.sections if s.anchor]
    tokens = parser().parse(page.body)
    found = [(tok, tokens[i + 1]) for i, tok in enumerate(tokens) if tok.type == "heading_open" and tok.map]
    if [int(tok.tag[1]) for tok, _ in found] != [s.level for s in targets]:
        return page, {}
    lines = page.body.split("\n")
    seen: dict[str, int] = {}
    moved: dict[str, str] = {}
    kept: set[str] = set()
    for (tok, inline), target in zip(found, targets, strict=True):
        text, own = split_heading_id(inline_text(inline))
        if own is not None:
            kept.add(own)
            continue
        moved[heading_anchor(text, seen)] = target.anchor
        kept.add(target.anchor)
        assert tok.map is not None
        n = tok.map[0] if tok.markup.startswith("#") else tok.map[1] - 2  # ATX: its line; setext: its last text line
        lines[n] = f"{_ATX_CLOSE.sub('', lines[n].rstrip())} {{#{target.anchor}}}"
    lost = {old: new for old, new in moved.items() if old not in kept and old != new}
    return replace(page, body="\n".join(lines)), lost


def _retargeted(body: str, retarget: Callable[[str], str | None]) -> str:
    """``body`` with the destination of each link for which ``retarget(href)`` gives a new one replaced, where it is
    written: in the link (``[a](href)``, ``[a](<href>)``) or in its reference definition (``[a]: href``)."""
    lines = body.split("\n")
    for tok in parser().parse(body):
        if tok.type != "inline" or not tok.map:
            continue
        for child in tok.children or ():
            href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
            new = retarget(href) if href else None
            if new is None:
                continue
            inline = re.compile(r"(\]\(\s*<?)" + re.escape(href) + r"(?=[\s>)])")
            if not _sub_first(lines, range(*tok.map), inline, new):
                definition = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*<?)" + re.escape(href) + r"(?=[\s>]|$)")
                _sub_first(lines, range(len(lines)), definition, new)
    return "\n".join(lines)


def _sub_first(lines: list[str], where: range, pattern: re.Pattern[str], new: str) -> bool:
    """Replace the first match of ``pattern`` (its first group kept, the rest becoming ``new``) in ``lines[where]``."""
    for n in where:
        changed = pattern.sub(lambda m: m.group(1) + new, lines[n], count=1)
        if changed != lines[n]:
            lines[n] = changed
            return True
    return False
