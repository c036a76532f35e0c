"""The one Markdown parser configuration helpkit uses (markdown-it-py), and heading anchors.

Anchors are made with Python-Markdown's ``toc`` slugify, the function MkDocs uses, so a
section's anchor is the id the built page gives its heading.
"""

from __future__ import annotations

from collections.abc import Iterable

from markdown.extensions.toc import slugify as _toc_slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

from helpkit.model import Section


def parser() -> MarkdownIt:
    """A markdown-it parser for help articles: CommonMark + tables + ``!!!`` admonitions."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(admon_plugin)


def heading_anchor(title: str, seen: dict[str, int]) -> str:
    """The id MkDocs gives a heading titled ``title``; ``seen`` de-duplicates like toc does (``a``, ``a_1``)."""
    base = _toc_slugify(title, "-")
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}_{n}"


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


def sections(body: str, title: str, *, first_line: int = 1) -> tuple[Section, ...]:
    """Split a Markdown body into sections at its headings (from the token stream's line map).

    Text before the first heading becomes a level-1 section with an empty anchor and the
    article's ``title``. ``first_line`` is the file line of the body's first line.
    """
    out: list[Section] = []
    seen: dict[str, int] = {}
    current = {"anchor": "", "title": title, "level": 1, "line": first_line}
    texts: list[str] = []
    tokens = parser().parse(body)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            if texts or current["anchor"]:
                out.append(Section(text="\n".join(texts), **current))  # type: ignore[arg-type]
            heading = inline_text(tokens[i + 1])
            line = (tok.map[0] if tok.map else 0) + first_line
            current = {"anchor": heading_anchor(heading, seen), "title": heading, "level": int(tok.tag[1]), "line": line}
            texts = []
            i += 3
            continue
        if tok.type == "inline":
            texts.append(inline_text(tok))
        i += 1
    if texts or current["anchor"]:
        out.append(Section(text="\n".join(texts), **current))  # type: ignore[arg-type]
    return tuple(out)
