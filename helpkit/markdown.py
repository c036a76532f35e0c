"""The one Markdown parser configuration helpkit uses (markdown-it-py), and heading anchors.

Anchors are made with Python-Markdown's ``toc`` slugify, the function MkDocs uses, so a
section's anchor is the id the built page gives its heading.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify as _toc_slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

from helpkit.model import Link, Section


@functools.cache
def parser() -> MarkdownIt:
    """The markdown-it parser for help articles: CommonMark + tables + ``!!!`` admonitions (shared: parsing
    does not change it)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(admon_plugin)


def page_html(body: str) -> str:
    """The HTML a body renders to, with its line wrapping ignored: what the page says, whatever a formatter did to
    the Markdown (re-wrapped lines, ``*`` or ``-`` bullets, list numbering, ``_`` or ``*`` emphasis, table padding,
    trailing spaces, blank lines). A hard line break, an indented admonition body or a code block's spacing are part
    of what the page says."""
    tokens = parser().parse(body)
    for tok in tokens:
        for child in tok.children or ():
            if child.type == "softbreak":  # a line wrapped in a paragraph reads as a space
                child.type, child.content = "text", " "
            elif child.type == "text":
                child.content = re.sub(r"\s+", " ", child.content)
    return parser().renderer.render(tokens, parser().options, {})


def heading_anchor(title: str, seen: dict[str, int]) -> str:
    """The id MkDocs gives a heading titled ``title``; ``seen`` de-duplicates like toc does (``a``, ``a_1``)."""
    base = _toc_slugify(title, "-")
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}_{n}"


_HEADING_ID = re.compile(r"\s*\{:?\s*#([A-Za-z0-9_:.-]+)\s*\}\s*$")


def split_heading_id(text: str) -> tuple[str, str | None]:
    """A heading's text and its explicit id (``## Título {#source-anchor}``, attr_list syntax), if it has one."""
    m = _HEADING_ID.search(text)
    return (text[: m.start()], m.group(1)) if m else (text, None)


def inline_text(token: Token) -> str:
    """Plain text of an ``inline`` token: text, code spans and image alt text, markup removed."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_children_text(child.children or ()))
    return "".join(parts)


def _children_text(children: Iterable[Token]) -> str:
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))


def linked_file(here: Path, target: str) -> Path | None:
    """The file a link of the file ``here`` points at (resolved), or None for a web or mail address, a
    site-absolute path or a same-page anchor (``#id``)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or target.startswith("/"):
        return None
    return (here.parent / unquote(parts.path)).resolve()


@dataclass(frozen=True, slots=True)
class Outline:
    """What one parse of an article body yields."""

    sections: tuple[Section, ...]
    """Headings with the plain text under them."""
    links: tuple[Link, ...]
    """Links and images with their lines."""


def sections(body: str, title: str, *, first_line: int = 1) -> tuple[Section, ...]:
    """The body's sections (see :func:`outline`)."""
    return outline(body, title, first_line=first_line).sections


def outline(body: str, title: str, *, first_line: int = 1) -> Outline:
    """Parse a Markdown body once: its sections (split at headings, from the token stream's line map) and links.

    Text before the first heading becomes a level-1 section with an empty anchor and the
    article's ``title``. ``first_line`` is the file line of the body's first line.
    """
    out: list[Section] = []
    links: list[Link] = []
    seen: dict[str, int] = {}
    anchor, heading, level, line = "", title, 1, first_line
    texts: list[str] = []
    tokens = parser().parse(body)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            if texts or anchor:
                out.append(Section(anchor, heading, level, "\n".join(texts), line))
            heading, custom = split_heading_id(inline_text(tokens[i + 1]))
            line = (tok.map[0] if tok.map else 0) + first_line
            anchor = custom or heading_anchor(heading, seen)
            level, texts = int(tok.tag[1]), []
            _collect_links(tokens[i + 1], line, links)
            i += 3
            continue
        if tok.type == "inline":
            texts.append(inline_text(tok))
            _collect_links(tok, (tok.map[0] if tok.map else 0) + first_line, links)
        i += 1
    if texts or anchor:
        out.append(Section(anchor, heading, level, "\n".join(texts), line))
    return Outline(tuple(out), tuple(links))


_SPACED_LINK = re.compile(r"(!?)\[[^\]]*\]\(([^()\s\"']+(?:[ \t]+[^()\s\"']+)+)(?:[ \t]+\"[^\"]*\")?\)")
"""``![](images/My Screenshot.png)``: text for CommonMark (a space ends a link's path), an image for Python-Markdown,
which renders the site: collected, so a missing file is found before the build."""


def _collect_links(token: Token, line: int, links: list[Link]) -> None:
    for child in token.children or ():
        if child.type == "link_open":
            links.append(Link(line, "link", str(child.attrs.get("href", ""))))
        elif child.type == "image":
            links.append(Link(line, "image", str(child.attrs.get("src", ""))))
        elif child.type == "text" and "](" in child.content:
            links += [Link(line, "image" if m.group(1) else "link", m.group(2))
                      for m in _SPACED_LINK.finditer(child.content)]
