"""Markdown-safe segmentation: the human text of a Markdown body, found from markdown-it-py's tokens.

A :class:`Segment` is one unit of translation: a heading, a paragraph (also inside list items,
block quotes and admonitions), a table cell or an admonition title; front matter ``title`` and
``description`` and category titles are segments too (:func:`text_segment`). Fenced and indented
code, raw HTML blocks, front matter keys and anything markdown-it does not give as inline text are
never segments, so they are copied as they are.

Every segment is located *exactly* in the source: :class:`SegmentedText` keeps the span of each
segment and the text between its lines (``"\\n> "`` inside a block quote, ``"\\n  "`` in a list
item), so :meth:`SegmentedText.reassemble` with identity translations gives back the source byte
for byte. Inline text that cannot be located exactly (tabs expanded by the parser, say) is left out
of translation rather than risk rewriting the wrong bytes.

A translated heading keeps its source anchor with an ``attr_list`` id: ``## Título {#refund-policy}``,
so ``page.md#refund-policy`` links keep working in every locale.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from helpkit.markdown import heading_anchor, inline_text, parser
from translations.protect import Protected, protect


class SegmentKind(enum.StrEnum):
    """What part of an article (or category) a segment is."""

    TITLE = "title"
    DESCRIPTION = "description"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE_CELL = "table cell"
    ADMONITION_TITLE = "admonition title"

    @property
    def single_line(self) -> bool:
        """Whether a translation must stay on one line."""
        return self is not SegmentKind.PARAGRAPH


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of translation: a piece of Markdown text and where it came from."""

    key: str
    """Hash of :attr:`source`: the translation memory's key (``msgctxt``)."""
    source: str
    """The Markdown text, inline markup included, lines joined by ``"\\n"`` (container prefixes removed)."""
    kind: SegmentKind
    """Heading, paragraph, table cell ..."""
    line: int
    """1-based line in the text it was found in (the body, or 1 for front matter values)."""
    protected: Protected
    """:attr:`source` with inline markup and glossary terms replaced by placeholders."""
    anchor: str = ""
    """For a heading without an explicit ``{#id}``: its source anchor, kept when the text is translated."""


@dataclass(frozen=True, slots=True)
class Span:
    """Where a segment sits in the source text."""

    start: int
    """Offset of the segment's first character."""
    end: int
    """Offset just after its last character."""
    glues: tuple[str, ...]
    """The source text between the segment's lines (newline plus container prefix)."""
    block_attrs: bool = True
    """Whether an ``attr_list`` written after it reaches the element Python-Markdown (which renders the site) makes
    of it: for a paragraph, whether Python-Markdown ends it there too (the next line is blank or the next item of its
    list, and none of its lines could start another block there); for a table cell or a heading, whether
    Python-Markdown reads its table or heading as one. Never inside an HTML element (``<h3>`` ... ``</h3>`` around
    it), whose content Python-Markdown shows as it is. markdown-it lets a list, a fence or a table start right after a
    paragraph's last line; Python-Markdown reads them as more of the paragraph."""


@dataclass(frozen=True, slots=True)
class SegmentedText:
    """A Markdown text split into translatable segments and the untouched text around them."""

    source: str
    """The text as written."""
    segments: tuple[Segment, ...]
    """Its segments, in document order."""
    spans: tuple[Span, ...]
    """Where each segment is (same order as :attr:`segments`)."""

    def reassemble(self, translation: Mapping[str, str] | Callable[[Segment], str | None], source_attrs: str = "",
                   ) -> str:
        """The text with each segment replaced by its translation (by key, or from a function).

        A segment with no translation (missing key, or ``None``) keeps its source text, marked with the HTML
        attributes ``source_attrs`` when given (``lang="en"``: :meth:`in_source`).
        """
        lookup = translation if callable(translation) else (lambda s: translation.get(s.key))
        out: list[str] = []
        pos = 0
        for seg, span in zip(self.segments, self.spans, strict=True):
            text = lookup(seg)
            out.append(self.source[pos:span.start])
            if text is not None:
                out.append(render(seg, span, text))
                pos = span.end
            elif source_attrs:
                marked, pos = self.in_source(seg, span, source_attrs)
                out.append(marked)
            else:
                out.append(self.source[span.start:span.end])
                pos = span.end
        out.append(self.source[pos:])
        return "".join(out)

    def in_source(self, segment: Segment, span: Span, attrs: str) -> tuple[str, int]:
        """A segment's source text carrying ``attrs`` on the element Python-Markdown makes of it, and the offset
        where the source resumes after it.

        With ``attr_list``: a heading or table cell ends with ``{: lang="en" }`` (joined to an attribute list
        it has: ``{#refund-policy lang="en"}``); a paragraph gets a line ``{: lang="en" }`` after its last line
        (in its list item or quote), which marks the ``<p>``, or the ``<li>`` of a tight list. An admonition
        title is wrapped in ``<span lang="en">``. The text itself is unchanged (trailing blanks aside), so the page
        looks the same. What Python-Markdown may read otherwise than markdown-it (:attr:`Span.block_attrs`: a list
        right after a paragraph; a heading ending in a ``#`` it shows; a ``{`` attr_list would read) is left as it
        is rather than risk showing a mark.
        """
        src, kind = self.source, segment.kind
        text = src[span.start:span.end]
        line_end = src.find("\n", span.end) % (len(src) + 1)
        rest = src[span.end:line_end]
        if "{" in text and kind in (SegmentKind.HEADING, SegmentKind.TABLE_CELL):
            pass  # attr_list reads a heading's or cell's last "{...}" as its attributes: left as it is
        elif kind is SegmentKind.HEADING and span.block_attrs:
            own = _ATTRS_AFTER.match(src, span.end)
            if own and own["space"]:  # ## Refund policy {#refund-policy}
                return f"{text}{own['space']}{{{own['attrs']} {attrs}}}", own.end()
            setext = "#" not in src[src.rfind("\n", 0, span.start) + 1:span.start]
            if not own and _plain_heading(text, rest, setext):  # (a setext heading over lines: the last is its line)
                return f"{text}{rest} {{: {attrs} }}", line_end
        elif kind is SegmentKind.ADMONITION_TITLE:
            return f"<span {attrs}>{text}</span>", span.end
        elif kind is SegmentKind.TABLE_CELL and span.block_attrs:
            return f"{text} {{: {attrs} }}", span.end
        elif kind is SegmentKind.PARAGRAPH and span.block_attrs:
            prefix = src[src.rfind("\n", 0, span.start) + 1:span.start]  # its containers' markers on its first line
            if any(glue.count(">") != prefix.count(">") or _DEEP_QUOTE.search(glue) for glue in span.glues):
                return text, span.end  # a "> quote" line without its ">", or with one Python-Markdown reads as text
            own = _LAST_LINE_ATTRS.search(text)
            if own:  # the writer's own "{: .lead }" line
                return f"{text[:own.start('attrs')]}{own['attrs']} {attrs}{text[own.end('attrs'):]}", span.end
            if _BRACE_LINE.search("\n" + text):  # a line that attr_list may read: left as it is
                return text, span.end
            if span.glues or len(_CONTAINERS.findall(prefix)) <= 2:  # ("- - > " is read otherwise)
                glue = span.glues[-1] if span.glues else "\n" + _line_prefix(prefix)
                kept = "" if rest.expandtabs(4).endswith("  ") else rest  # blanks after it, but a line break's
                return f"{text}{kept}{glue}{{: {attrs} }}", line_end
        return text, span.end


def _line_prefix(first: str) -> str:
    """What starts a new last line of a one-line paragraph whose line starts with ``first`` (its containers' markers):
    the indent and quote markers before its first list marker, blanked but for ``>`` and tabs (an admonition's
    indent), then a lazy line in the item (``> `` for each quote in it: Python-Markdown indents an item's lines by
    4 whatever its marker)."""
    item = next((m for m in _CONTAINERS.finditer(first) if m[0] != ">"), None)
    if item is None:
        return _CONTAINER_MARK.sub(" ", first)
    return _CONTAINER_MARK.sub(" ", first[:item.start()]) + "> " * first[item.end():].count(">")


def _plain_heading(text: str, rest: str, setext: bool) -> bool:
    """Whether an ``attr_list`` at the end of a heading's (last) line marks it and takes nothing else off: after its
    text ``rest`` is nothing or closing ``#``s (no blanks after them, which make Python-Markdown show them), and no
    ``#`` ending its text that Python-Markdown shows (``## C# ##``, ``# C# ``, under a setext line), which attr_list
    would take off."""
    return bool(_CLOSING.fullmatch(rest)) and not (text.endswith("#") and (rest or setext))


def render(segment: Segment, span: Span, text: str) -> str:
    """A translation laid out in the source's place: its lines re-joined with the source's line prefixes."""
    if text == segment.source:
        lines = text.split("\n")
        return lines[0] + "".join(g + line for g, line in zip(span.glues, lines[1:], strict=False))
    if segment.kind.single_line or not span.glues:
        text = re.sub(r"\s*\n\s*", " ", text.strip())
        lines = [text]
    else:
        lines = text.strip("\n").split("\n")
    out = lines[0]
    for k, line in enumerate(lines[1:]):
        out += (span.glues[k] if k < len(span.glues) else span.glues[-1]) + line
    if segment.anchor:
        out += f" {{#{segment.anchor}}}"
    return out


def segment_key(source: str) -> str:
    """The translation memory key of a segment's source text (16 hex digits of its SHA-256)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def text_segment(text: str, kind: SegmentKind, glossary: Sequence[str] = ()) -> Segment | None:
    """A segment for a one-line value (front matter title/description, category title), or None if no words."""
    if not text.strip():
        return None
    protected = protect(text, glossary)
    if not protected.has_words:
        return None
    return Segment(segment_key(text), text, kind, 1, protected)


_ATTR_LIST = re.compile(r"\s*\{\s*[#.:][^{}]*\}\s*$")
_ATTRS_AFTER = re.compile(r"(?P<space>[ \t]*)\{(?::|(?=[ \t]*[#.]))[ \t]*(?P<attrs>[^{}\n]*?)[ \t]*\}")
"""An ``attr_list`` right after a heading's text (``{#id}``, ``{: .class key=value }``)."""
_LAST_LINE_ATTRS = re.compile(r"\n[ \t>]*\{:?[ \t]*(?P<attrs>[^{}\n]*?)[ \t]*\}[ \t]*$")
"""A paragraph's last line that is an ``attr_list`` of the paragraph (``{: .lead }``)."""
_BRACE_LINE = re.compile(r"\n[ \t>]*\{")
"""A paragraph line starting with ``{``, which attr_list may read as the paragraph's attributes."""
_CLOSING = re.compile(r"(?:[ \t]+#+)?")
"""What may follow an ATX heading's text for an ``attr_list`` after it to work: nothing, or closing ``#``s."""
_DEEP_QUOTE = re.compile(r"[ \t]{4,}>")
"""A quote marker after four blanks: markdown-it may read it in a quote's line, Python-Markdown as text."""
_CONTAINERS = re.compile(r">|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
"""The quote and list item markers of a line's prefix."""
_CONTAINER_MARK = re.compile(r"[^>\t]")
"""What of a line's prefix becomes a space on a line of its own: all but quote markers and tabs (a list marker)."""
_ATX_OPEN = re.compile(r"[ \t]*#{1,6}")


def segment_markdown(body: str, glossary: Sequence[str] = ()) -> SegmentedText:
    """Find the translatable segments of a Markdown body (memoized: every locale segments the same source)."""
    return _segment_markdown(body, tuple(glossary))


@functools.lru_cache(maxsize=65536)
def _segment_markdown(body: str, glossary: tuple[str, ...]) -> SegmentedText:
    tokens = parser().parse(body)
    line_starts = [0]
    for m in re.finditer("\n", body):
        line_starts.append(m.end())
    lines = body.split("\n")
    found: list[tuple[Segment, Span]] = []
    seen_anchors: dict[str, int] = {}
    cursor: dict[int, int] = {}
    lists: list[bool] = []  # the lists open around the token: does Python-Markdown read each as a list?
    table = True  # and the table around it as a table?
    raw = 0  # HTML elements open around it (Python-Markdown shows what they hold as it is)
    inner: list[str] = []  # the containers around it, innermost last (list_item, blockquote, admonition)
    for i, tok in enumerate(tokens):
        if tok.type.endswith("_open") and tok.type[:-5] in _CONTAINER_TOKENS:
            inner.append(tok.type[:-5])
        elif tok.type.endswith("_close") and tok.type[:-6] in _CONTAINER_TOKENS and inner:
            inner.pop()
        if tok.type == "html_block":
            raw = _still_open(tok.content, raw)
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append((not lists or lists[-1]) and not _interrupts(tokens, i))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "table_open":
            table = all(lists) and not _interrupts(tokens, i)
        if tok.type != "inline" or tok.map is None or i == 0:
            continue
        opener = tokens[i - 1]
        anchor = ""
        if opener.type == "heading_open":
            anchor = heading_anchor(inline_text(tok), seen_anchors)
        located = _locate(tok, opener, lines, cursor)
        if located is None:
            continue
        kind, first_line, pieces = located
        content = "\n".join(lines[ln][s:e] for ln, s, e in pieces)
        if kind is SegmentKind.HEADING:
            attr = _ATTR_LIST.search(content)
            if attr:
                content = content[: attr.start()]
                anchor = ""
                ln, s, _ = pieces[-1]
                pieces[-1] = (ln, s, s + len(content.split("\n")[-1]))
        if not content.strip():
            continue
        starts = [line_starts[ln] + s for ln, s, _ in pieces]
        ends = [line_starts[ln] + e for ln, _, e in pieces]
        protected = protect(content, glossary)
        if not protected.has_words:
            continue
        glues = tuple(body[ends[k]:starts[k + 1]] for k in range(len(starts) - 1))
        seg = Segment(segment_key(content), content, kind, first_line + 1, protected, anchor)
        if raw:
            marks = False
        elif kind is SegmentKind.TABLE_CELL:
            marks = table
        elif kind is SegmentKind.PARAGRAPH:
            in_item = bool(inner) and inner[-1] == "list_item"
            marks = (all(lists) and _opens_block(tokens, i - 1, lines) and _closes_block(lines, opener, in_item)
                     and not _BLOCKISH.search(content))
        else:
            marks = kind is not SegmentKind.HEADING or _heading_in_both(lines, opener)
        found.append((seg, Span(starts[0], ends[-1], glues, marks)))
    found.sort(key=lambda p: p[1].start)
    kept: list[tuple[Segment, Span]] = []
    for seg, span in found:
        if kept and span.start < kept[-1][1].end:
            continue
        kept.append((seg, span))
    return SegmentedText(body, tuple(s for s, _ in kept), tuple(sp for _, sp in kept))


_BLOCK_AFTER = re.compile(r"[ \t>]*$")
"""A blank line (but for quote markers)."""
_QUOTES = re.compile(r"[ \t>]*")
"""The quote markers (and blanks) a line starts with."""
_RULE = re.compile(r"[ \t>]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
"""A thematic break (``* * *``, ``---``), for both parsers, however much it looks like a list item."""
_ITEM_AFTER = re.compile(r"[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
"""A list item's first line: it ends the paragraph of the item before it (not a paragraph outside a list)."""


_STARTS = frozenset({"heading_close", "admonition_title_close"})
"""Tokens after which a paragraph starts a block in both parsers, blank line or not."""


def _opens_block(tokens: Sequence[Token], at: int, lines: list[str]) -> bool:
    """Whether the paragraph opened by ``tokens[at]`` starts a block for Python-Markdown too: first in its container,
    after a heading, or after a blank line (markdown-it ends an admonition or a list where Python-Markdown may not)."""
    before = tokens[at - 1] if at else None
    start = tokens[at].map[0] if tokens[at].map else 0
    return (before is None or before.type.endswith("_open") or before.type in _STARTS
            or start == 0 or bool(_BLOCK_AFTER.match(lines[start - 1])))


def _closes_block(lines: list[str], opener: Token, in_item: bool) -> bool:
    """Whether Python-Markdown ends the paragraph ``opener`` opens where markdown-it does (:attr:`Span.block_attrs`)."""
    end = opener.map[1] if opener.map else len(lines)
    if end >= len(lines):
        return True
    after = lines[end]
    depth, depth_after = (_QUOTES.match(line)[0].count(">") for line in (lines[end - 1], after))  # type: ignore[index]
    if _BLOCK_AFTER.match(after):  # blank, in the paragraph's quote or out of it (not a quote of its own)
        return depth_after <= depth
    return bool(in_item and depth_after == depth and _ITEM_AFTER.match(after) and not _RULE.match(after))


_BLOCKISH = re.compile(r"(?:^|\n)[ \t]*(?:[#>|=]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|```|~~~|!!!|\?\?\?)")
"""A paragraph line that may start another block for Python-Markdown (``#1 choice`` is a heading there, a lone
``*`` a list item ...): such a paragraph is left unmarked."""
_CONTAINER_TOKENS = frozenset({"list_item", "blockquote", "admonition"})
"""Blocks that hold blocks (markdown-it's token types, without ``_open``/``_close``)."""
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _still_open(html: str, depth: int) -> int:
    """How many HTML elements are open after an HTML block ``html``, ``depth`` being open before it. markdown-it
    ends an HTML block at a blank line and reads the Markdown after it; Python-Markdown keeps an element's content
    as it is up to its end tag (but an element with a ``markdown`` attribute: md_in_html)."""
    for m in _TAG.finditer(html):
        closing, name, attrs = m.groups()
        if name.lower() in _VOID or attrs.rstrip().endswith("/") or (not closing and re.search(r"\bmarkdown\b", attrs)):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
    return depth


_SETEXT_LINE = re.compile(r"[=-]+ *$")
"""A setext heading's underline as Python-Markdown reads it (from the line's start, nothing but the line)."""


def _heading_in_both(lines: list[str], opener: Token) -> bool:
    """Whether Python-Markdown reads the heading ``opener`` opens as a heading too: an ATX heading always, a setext
    heading outside lists and quotes with an underline from its line's start (markdown-it allows more)."""
    if opener.markup.startswith("#"):
        return True
    return opener.level == 0 and bool(opener.map) and bool(_SETEXT_LINE.match(lines[opener.map[1] - 1]))


def _interrupts(tokens: Sequence[Token], i: int) -> bool:
    """Whether the list or table opened by ``tokens[i]`` follows a paragraph with no blank line between: markdown-it
    starts it there, Python-Markdown reads on in the paragraph (a list right in a tight list item is nested in both)."""
    before = tokens[i - 1] if i else None
    return bool(before is not None and before.type == "paragraph_close" and not before.hidden
                and tokens[i].map and _paragraph_end(tokens, i - 1) == tokens[i].map[0])


def _paragraph_end(tokens: Sequence[Token], close: int) -> int | None:
    """The line after the paragraph that ``tokens[close]`` closes (its opener's map end)."""
    for j in range(close - 1, -1, -1):
        if tokens[j].type == "paragraph_open":
            return tokens[j].map[1] if tokens[j].map else None
    return None


_KINDS = {
    "heading_open": SegmentKind.HEADING,
    "paragraph_open": SegmentKind.PARAGRAPH,
    "th_open": SegmentKind.TABLE_CELL,
    "td_open": SegmentKind.TABLE_CELL,
    "admonition_title_open": SegmentKind.ADMONITION_TITLE,
}


def _locate(
    tok: Token, opener: Token, lines: list[str], cursor: dict[int, int],
) -> tuple[SegmentKind, int, list[tuple[int, int, int]]] | None:
    """(kind, first line, [(line, start column, end column)]) of an inline token's content, or None."""
    kind = _KINDS.get(opener.type)
    if kind is None or tok.map is None:
        return None
    content_lines = tok.content.split("\n")
    first = tok.map[0]
    if first + len(content_lines) > len(lines):
        return None
    pieces: list[tuple[int, int, int]] = []
    for k, piece in enumerate(content_lines):
        ln = first + k
        src = lines[ln]
        if kind is SegmentKind.PARAGRAPH or (kind is SegmentKind.HEADING and not opener.markup.startswith("#")):
            stripped, want = src.rstrip(), piece.rstrip()
            if not stripped.endswith(want):
                return None
            col = len(stripped) - len(want)
        elif kind is SegmentKind.HEADING:
            m = _ATX_OPEN.match(src)
            col = src.find(piece, m.end() if m else 0)
        elif kind is SegmentKind.TABLE_CELL:
            col = src.find(piece, cursor.get(ln, 0))
            if col < 0 and "|" in piece:
                piece = piece.replace("|", "\\|")
                col = src.find(piece, cursor.get(ln, 0))
            if col >= 0:
                cursor[ln] = col + len(piece)
        else:
            col = src.find(piece, 3)
        if col < 0 or src[col:col + len(piece)] != piece:
            return None
        pieces.append((ln, col, col + len(piece)))
    return kind, first, pieces
