"""Property tests (hypothesis): segment → identity translation → reassemble gives back the source, for any Markdown."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
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
