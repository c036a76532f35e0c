"""Snippets: a short, HTML-escaped window of an article's text with the matched words in ``<mark>``."""

from __future__ import annotations

import html

import regex

from search_index._analysis import Analyzer

_RAW_WORD = regex.compile(r"[\p{L}\p{N}\p{M}'’]+")

WIDTH = 180
"""Approximate length of a snippet in characters."""


def snippet(texts: tuple[str, ...], terms: frozenset[str], analyzer: Analyzer, *, width: int = WIDTH) -> str:
    """The ``width``-character window holding most matched words, escaped, matches in ``<mark>``: from the
    first of ``texts`` (e.g. body, then description) with a match, else the start of the first non-empty one."""
    for text in texts:
        text = " ".join(text.split())
        spans = [(m.start(), m.end()) for m in _RAW_WORD.finditer(text)
                 if terms.intersection(analyzer.terms(m.group()))]
        if spans:
            return _window(text, spans, width)
    text = " ".join(next((t for t in texts if t.strip()), "").split())
    cut = text[:width]
    return html.escape(cut if len(text) <= width else cut.rsplit(" ", 1)[0] + " …")


def _window(text: str, spans: list[tuple[int, int]], width: int) -> str:
    best_start, best_count = 0, -1
    for s, _ in spans:
        count = sum(1 for a, b in spans if s <= a and b <= s + width)
        if count > best_count:
            best_start, best_count = s, count
    start = max(0, best_start - width // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(s for s, _ in spans if s < end) else end
    out = ["… " if start else ""]
    pos = start
    for a, b in spans:
        if a < start or b > end:
            continue
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    out += [html.escape(text[pos:end]), " …" if end < len(text) else ""]
    return "".join(out)
