"""Property tests (hypothesis): segment → identity translation → reassemble gives back the source, for any Markdown."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from translations.protect import for_model, protect, repair, restore
from translations.segment import segment_markdown

_PIECES = st.sampled_from([
    "# ", "## ", "### ", "- ", "* ", "1. ", "> ", "    ", "  ", "\t", "\n", "\n\n", "```\n", "~~~", "`", "``",
    "**", "*", "_", "__", "[", "]", "(", ")", "![", "](", "<", ">", "<b>", "</b>", "<!-- c -->", "&amp;", "&#35;",
    "\\", "\\*", "|", "| --- |", "---", "===", "!!! note \"T\"\n    ", "{#id}", "{1}", "ZXQ1", "zxq 2", "ZX",
    "Q", "x", "2", "http://x.y/z", "<http://a.b>",
    "word", "Hello", "world.", "Save", " ", "é", "日本", "\r\n", "\u0000", ":", ".", "?",
])
MARKDOWN = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_identity_translation_reassembles_the_source(source: str) -> None:
    st_ = segment_markdown(source, ("Hello",))
    assert st_.reassemble({s.key: s.source for s in st_.segments}) == source
    assert st_.reassemble(lambda s: restore(s.protected.text, s.protected)) == source


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
def test_protect_then_restore_is_identity(text: str) -> None:
    p = protect(text, ("world",))
    assert restore(p.text, p) == text


@settings(max_examples=200, deadline=None)
@given(MARKDOWN)
def test_segments_never_overlap_and_are_in_order(source: str) -> None:
    spans = segment_markdown(source).spans
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
@example("ZXQ1zxq 2")  # a look-alike that for_model spaces away from a placeholder
def test_what_the_model_reads_is_undone_by_repair(text: str) -> None:
    p = protect(text, ("world",))
    assert restore(repair(for_model(p), p), p, tidy=True) == restore(p.text, p, tidy=True)
    assert restore(repair(for_model(p).upper(), p), p, tidy=True) == restore(p.text.upper(), p, tidy=True)


_WRITTEN = st.lists(st.sampled_from([
    "# ", "## ", "- ", "* ", "+ ", "1. ", "> ", "    ", "  ", "\t", "\n", "\n\n", "```\n", "~~~\n", "**", "*", "_",
    "|", "| --- |", "---", "===", "!!! note \"T\"\n    ", "!!! tip\n    ", "{#id}", "{: .lead }", "`code`",
    "[link](x.md)", "![alt](i.png)", "word", "Hello", "world.", " ", "é", "#", ":", ".", "C#", "\\",
]), max_size=40).map("".join)
"""Markdown as writers write it: the pieces of :data:`MARKDOWN` but raw HTML, lone backticks and control characters
(with those, markdown-it and Python-Markdown part ways long before any mark)."""

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "th", "td")


def _blocks(html: str) -> list[str]:
    """The block elements of some HTML, in order (their names)."""
    from bs4 import BeautifulSoup

    return [tag.name for tag in BeautifulSoup(html, "html.parser").find_all(_BLOCKS)]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_WRITTEN)
def test_language_marks_change_nothing_but_the_language(source: str) -> None:
    """Every segment left in the source language and marked (``lang="en"``): Python-Markdown, which renders the site,
    gives the same HTML as without the marks once their lang/dir attributes and spans are taken away. Where the two
    parsers read different blocks (markdown-it finds the segments) the page is already not what its writer meant:
    tests/test_language_of_parts.py covers the usual ones (a list or a table right after a paragraph)."""
    from helpkit.markdown import parser
    from tests.test_language_of_parts import render, unmarked

    text = segment_markdown(source)
    plain = render(text.reassemble(lambda s: None))
    assume(_blocks(parser().render(source)) == _blocks(str(plain)))
    assert unmarked(render(text.reassemble(lambda s: None, 'lang="en" dir="ltr"'))) == unmarked(plain)
