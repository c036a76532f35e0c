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
page no longer answers, and the ``{#id}`` to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from helpkit.errors import HelpkitError
from helpkit.markdown import parser, split_heading_id
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


_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n(?:---|\.\.\.)\r?\n?(.*)\Z", re.DOTALL)


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
        m = _FRONT.match(path.read_text(encoding="utf-8-sig"))
        try:
            meta = yaml.safe_load(m.group(1)) if m else None
        except yaml.YAMLError as e:
            raise HelpkitError(f"{path}: invalid YAML in the front matter ({e}); fix it or delete the file") from None
        if not isinstance(meta, dict) or not str(meta.get("title") or "").strip():
            raise HelpkitError(f"{path}: a whole translated page needs front matter with 'title: ...'; add it, or "
                               "delete the file to translate the article through the translation memory")
        body_line = m.group(0).count("\n", 0, m.start(2)) + 1 if m else 1
        out[path.stem] = WholePage(path.stem, str(meta["title"]).strip(), str(meta.get("description") or ""),
                                   m.group(2) if m else "", path, body_line)
    return out


_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


def with_source_anchors(page: WholePage, source: Article) -> WholePage:
    """``page`` with each heading given the id of ``source``'s heading in the same place (``{#id}``, attr_list),
    when the headings line up (as many, the same levels, in order); a heading's own ``{#id}`` is kept.
    Unchanged when they do not line up."""
    targets = [s for s in source.sections if s.anchor]
    tokens = parser().parse(page.body)
    found = [(tok, tokens[i + 1]) for i, tok in enumerate(tokens) if tok.type == "heading_open" and tok.map]
    if [int(tok.tag[1]) for tok, _ in found] != [s.level for s in targets]:
        return page
    lines = page.body.split("\n")
    for (tok, inline), target in zip(found, targets, strict=True):
        if split_heading_id(inline.content)[1] is not None:
            continue
        assert tok.map is not None
        n = tok.map[0] if tok.markup.startswith("#") else tok.map[1] - 2  # ATX: its line; setext: its last text line
        lines[n] = f"{_ATX_CLOSE.sub('', lines[n].rstrip())} {{#{target.anchor}}}"
    return replace(page, body="\n".join(lines))
