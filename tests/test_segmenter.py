"""Segmenter: data-driven fixtures (tests/fixtures/segmenter/NAME.md → NAME.json), placeholders, reassembly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translations.protect import PlaceholderError, compare, protect, restore
from translations.segment import SegmentKind, segment_markdown, text_segment

FIXTURES = Path(__file__).parent / "fixtures" / "segmenter"
GLOSSARY = ("Parcelo",)


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.md")))
def test_fixture_segments(name: str) -> None:
    source = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    st = segment_markdown(source, GLOSSARY)
    got = [{"kind": s.kind.value, "line": s.line, "source": s.source, "protected": s.protected.text,
            **({"anchor": s.anchor} if s.anchor else {})} for s in st.segments]
    assert got == expected
    assert st.reassemble({}) == source


def test_code_html_and_link_targets_are_never_segment_text() -> None:
    st = segment_markdown((FIXTURES / "protected.md").read_text(encoding="utf-8"))
    everything = " ".join(s.protected.text for s in st.segments)
    for never in ("never translated", "indented code", "Raw HTML block", "https://", "only code", "kbd"):
        assert never not in everything


def test_translated_heading_keeps_its_source_anchor() -> None:
    st = segment_markdown("## Request a refund\n\n## Custom {#keep}\n\nText.\n")
    out = st.reassemble(lambda s: s.source.upper())
    assert out == "## REQUEST A REFUND {#request-a-refund}\n\n## CUSTOM {#keep}\n\nTEXT.\n"


def test_translation_is_laid_out_with_container_prefixes() -> None:
    st = segment_markdown("> one\n> two\n\n- a\n  b\n")
    out = st.reassemble(lambda s: s.source.replace("one", "uno").replace("b", "be"))
    assert out == "> uno\n> two\n\n- a\n  be\n"
    one_line = st.reassemble(lambda s: "X Y")
    assert one_line == "> X Y\n\n- X Y\n"


def test_restore_reports_lost_duplicated_and_reordered_placeholders() -> None:
    p = protect("Click **Save** in `Settings`.")
    assert p.text == "Click {1}Save{2} in {3}."
    assert restore("Pulse {1}Guardar{2} en {3}.", p) == "Pulse **Save**".replace("Save", "Guardar") + " en `Settings`."
    with pytest.raises(PlaceholderError, match="lost"):
        restore("Pulse {1}Guardar{2}.", p)
    with pytest.raises(PlaceholderError, match="unexpected"):
        restore("Pulse {1}Guardar{2} {3} {3}.", p)
    with pytest.raises(PlaceholderError, match="after its closing"):
        restore("Pulse {2}Guardar{1} en {3}.", p)


def test_tidy_removes_spaces_a_model_puts_inside_markup() -> None:
    p = protect("See [the guide](x.md).")
    assert restore("Vea {1} la guía {2}.", p, tidy=True) == "Vea [la guía](x.md)."


def test_glossary_terms_are_protected_and_checked() -> None:
    src = protect("Connect Parcelo to Shopify.", ("Parcelo", "Shopify"))
    assert src.text == "Connect {1} to {2}."
    assert compare(src, protect("Conecte Parcelo a Shopify.", ("Parcelo", "Shopify"))) is None
    assert "missing 'Parcelo'" in (compare(src, protect("Conecte Parcela a Shopify.", ("Parcelo", "Shopify"))) or "")


def test_human_translation_must_keep_code_and_link_targets() -> None:
    src = protect("Run `export` and read [this](a.md).")
    assert compare(src, protect("Ejecute `export` y lea [esto](a.md).")) is None
    problem = compare(src, protect("Ejecute `exportar` y lea [esto](b.md)."))
    assert problem is not None and "'`export`'" in problem and "'](b.md)'" in problem


def test_front_matter_value_segments() -> None:
    seg = text_segment("Request a refund", SegmentKind.TITLE)
    assert seg is not None and seg.kind.single_line
    assert text_segment("  ", SegmentKind.DESCRIPTION) is None
    assert text_segment("`42`", SegmentKind.TITLE) is None
