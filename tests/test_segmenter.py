"""Segmenter: data-driven fixtures (tests/fixtures/segmenter/NAME.md → NAME.json), placeholders, reassembly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translations.protect import PlaceholderError, compare, for_model, protect, repair, restore, unwrap
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
    assert restore("Pulse {1}Guardar{2} en {3}.", p) == "Pulse **Guardar** en `Settings`."
    with pytest.raises(PlaceholderError, match="lost"):
        restore("Pulse {1}Guardar{2}.", p)
    with pytest.raises(PlaceholderError, match="unexpected"):
        restore("Pulse {1}Guardar{2} {3} {3}.", p)
    with pytest.raises(PlaceholderError, match="after its closing"):
        restore("Pulse {2}Guardar{1} en {3}.", p)


def test_tidy_removes_spaces_a_model_puts_inside_markup() -> None:
    p = protect("See [the guide](x.md).")
    assert restore("Vea {1} la guía {2}.", p, tidy=True) == "Vea [la guía](x.md)."


def test_a_model_reads_placeholders_spaced_from_words_and_adjacent_ones_as_one() -> None:
    p = protect("Open **Settings** and [**Parcelo**](https://parcelo.example) or `a`/`b`.", GLOSSARY)
    assert for_model(p) == "Open ZXQ1 Settings ZXQ2 and ZXQ3 or ZXQ8/ZXQ9."
    out = "Abra ZXQ1 Configurações ZXQ2 e ZXQ3 ou ZXQ8/ZXQ9."
    assert restore(repair(out, p), p, tidy=True) == (
        "Abra **Configurações** e [**Parcelo**](https://parcelo.example) ou `a`/`b`.")


@pytest.mark.parametrize("variant", ["zxq1 Configurações ZXQ2", "ZXQ 1 Configurações Zxq2", "ZX Q1 Configurações ZXQ2"])
def test_repair_reads_recased_and_respaced_placeholders(variant: str) -> None:
    p = protect("Open **Settings**, then save.")
    out = repair(f"Abra {variant}, depois salve.", p)
    assert restore(out, p, tidy=True) == "Abra **Configurações**, depois salve."


@pytest.mark.parametrize("broken", ["Clique em 1 e escolha 2 euros.", "Clique em ZXQ1 e escolha ZXQ1.",
                                    "Clique em ZXQ1.", "Clique em ZXQ1 e ZXQ2 e ZXQ3.", "Clique em ZXQ12."])
def test_repair_never_guesses_a_lost_or_repeated_placeholder(broken: str) -> None:
    p = protect("Click `Save` and choose `Plan`.")
    with pytest.raises(PlaceholderError):
        restore(repair(broken, p), p, tidy=True)


def test_markup_wrapping_a_whole_sentence_is_taken_off_for_the_model() -> None:
    p = protect("**Card data.** Card numbers never touch [our servers](s.md). [**Help**](h.md)")
    assert for_model(p) == "ZXQ1 Card data.ZXQ2 Card numbers never touch ZXQ3 our servers ZXQ4. ZXQ5 Help ZXQ7"
    assert unwrap("ZXQ1 Card data.ZXQ2", p) == ("ZXQ1", "Card data.", "ZXQ2")
    assert unwrap("ZXQ5 Help ZXQ7", p) == ("ZXQ5", "Help", "ZXQ7")  # [** ... **](h.md): two atoms each side
    assert unwrap("Card numbers never touch ZXQ3 our servers ZXQ4.", p)[0] == ""
    assert unwrap("ZXQ2 Card numbers ZXQ1", p) == ("", "ZXQ2 Card numbers ZXQ1", "")  # not a pair: left alone
    out = "ZXQ1 Dados do cartão. ZXQ2 Os números nunca tocam ZXQ3 nossos servidores ZXQ4. ZXQ5 Ajuda ZXQ7"
    assert restore(repair(out, p), p, tidy=True) == (
        "**Dados do cartão.** Os números nunca tocam [nossos servidores](s.md). [**Ajuda**](h.md)")


def test_text_that_looks_like_a_placeholder_is_kept_as_written() -> None:
    for text in ("Use {1} or ZXQ1, zxq 2 and `c`2, then {3}.", "A 4x6 label, 10x20 cm"):
        p = protect(text)
        assert "ZXQ" not in p.text.upper()
        assert restore(p.text, p) == text and restore(repair(for_model(p), p), p, tidy=True) == text


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
