"""Whole translated pages (``locales/<lang>/<slug>.md``): checked like articles, headings keeping the source's ids,
MkDocs' warnings naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpkit.config import load_config
from site_builder.build import build
from site_builder.check import check
from tests.conftest import MINIMAL_CONFIG, article

CONFIG = MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n"

TAX = article("Add VAT", """
    Add your tax rates once.

    ## Add a tax rate

    Open the settings.

    ## Reverse charge

    Tick the box.
""")
DISCOUNT = article("Add a discount", "See [reverse charge](tax.md#reverse-charge).")


def whole(body: str) -> str:
    """A whole Spanish page: front matter (3 lines), a blank line, then ``body`` from line 5."""
    return f"---\ntitle: Añadir IVA\n---\n\n{body}"


LINED_UP = whole("Añade tus tipos.\n\n## Añadir un tipo\n\nAbre los ajustes.\n\nOtro párrafo.\n\n"
                 "## Inversión del sujeto pasivo\n\nMarca la casilla.\n")


@pytest.fixture
def project(make_project):  # type: ignore[no-untyped-def]
    def make(page: str) -> Path:
        return make_project({"content/a/tax.md": TAX, "content/a/discount.md": DISCOUNT,
                             "content/a/other.md": article("Other", "[tax](tax.md) [discount](discount.md)"),
                             "locales/es/tax.md": page}, config=CONFIG)
    return make


def _problems(root: Path) -> list[str]:
    return [str(p) for p in check(load_config(root / "mkdocs.yml")).problems]


def test_check_names_a_whole_pages_broken_link_image_and_anchor_by_file_and_line(project) -> None:  # type: ignore[no-untyped-def]
    root = project(whole("Ver [otro](nope.md).\n\n![captura](images/nada.png)\n\n## Título\n\n[aquí](#nada)\n"))
    problems = _problems(root)
    assert "locales/es/tax.md:5: error: link 'nope.md': content/a/nope.md does not exist; fix the path" in problems
    assert ("locales/es/tax.md:7: error: image 'images/nada.png': content/a/images/nada.png does not exist; "
            "fix the path") in problems
    assert any(p.startswith("locales/es/tax.md:11: error: link '#nada': no such heading") for p in problems)


def test_headings_that_line_up_keep_the_source_ids_and_links_land_on_them(project) -> None:  # type: ignore[no-untyped-def]
    """The walkthrough's case: an untranslated page links tax.md#reverse-charge, tax.md is a whole Spanish page."""
    root = project(LINED_UP)
    assert not [p for p in _problems(root) if "error" in p]
    site = build(load_config(root / "mkdocs.yml")).site_dir
    page = (site / "es/a/tax.html").read_text(encoding="utf-8")
    assert '<h2 id="reverse-charge">Inversión del sujeto pasivo' in page
    assert '<h2 id="add-a-tax-rate">Añadir un tipo' in page
    assert 'href="tax.html#reverse-charge"' in (site / "es/a/discount.html").read_text(encoding="utf-8")


def test_a_heading_with_its_own_id_keeps_it(project) -> None:  # type: ignore[no-untyped-def]
    root = project(LINED_UP.replace("## Añadir un tipo", "## Añadir un tipo {#anadir}"))
    page = (build(load_config(root / "mkdocs.yml")).site_dir / "es/a/tax.html").read_text(encoding="utf-8")
    assert '<h2 id="anadir">' in page and '<h2 id="reverse-charge">' in page


def test_headings_that_do_not_line_up_are_reported_at_the_link_with_the_fix(project) -> None:  # type: ignore[no-untyped-def]
    root = project(LINED_UP.replace("## Añadir un tipo", "### Añadir un tipo"))
    problems = _problems(root)
    broken = [p for p in problems if p.startswith("content/a/discount.md:")]
    assert len(broken) == 1, problems
    assert "content/a/discount.md:5: error: link 'tax.md#reverse-charge': in the es site it opens locales/es/tax.md" \
        in broken[0]
    assert "add '{#reverse-charge}' at the end of the heading that translates 'Reverse charge'" in broken[0]
    warnings = [str(w) for w in build(load_config(root / "mkdocs.yml")).warnings]
    assert any(w.startswith("content/a/discount.md:5: link 'tax.md#reverse-charge'") for w in warnings), warnings


def test_mkdocs_warnings_about_a_whole_page_name_its_file_and_line(project) -> None:  # type: ignore[no-untyped-def]
    root = project(whole("Texto.\n\nVer [otro](<otra cosa.md>).\n"))
    warnings = [str(w) for w in build(load_config(root / "mkdocs.yml")).warnings]
    mkdocs = [w for w in warnings if "not found among documentation files" in w]
    assert mkdocs == ["locales/es/tax.md:7: the es page contains a link 'otra cosa.md', but the target "
                      "'a/otra cosa.md' is not found among documentation files."], warnings


def test_links_to_a_heading_by_its_translated_id_land_on_the_source_id_it_now_has(project) -> None:  # type: ignore[no-untyped-def]
    """``#inversion-del-sujeto-pasivo`` is the id the Spanish heading's own text gives it; the heading now has the
    source's ``reverse-charge``: links by either id, in the page and from another whole page, reach it."""
    root = project(LINED_UP + "\nVer [aquí](#inversion-del-sujeto-pasivo), [el tipo][t] y [la otra](#reverse-charge)."
                              "\n\n[t]: #anadir-un-tipo\n")
    (root / "locales/es/discount.md").write_text(
        whole("Ver [inversión](tax.md#inversion-del-sujeto-pasivo) y `[no](tax.md#inversion-del-sujeto-pasivo)`.\n"),
        encoding="utf-8")
    assert not [p for p in _problems(root) if "error" in p]
    result = build(load_config(root / "mkdocs.yml"))
    assert not [str(w) for w in result.warnings if "link '" in str(w)]
    page = (result.site_dir / "es/a/tax.html").read_text(encoding="utf-8")
    assert 'href="#reverse-charge">aquí' in page and 'href="#add-a-tax-rate">el tipo' in page
    assert 'href="#reverse-charge">la otra' in page
    other = (result.site_dir / "es/a/discount.html").read_text(encoding="utf-8")
    assert 'href="tax.html#reverse-charge">inversión' in other
    assert "<code>[no](tax.md#inversion-del-sujeto-pasivo)</code>" in other  # code is not a link


def test_a_link_by_a_translated_id_no_heading_has_is_still_reported(project) -> None:  # type: ignore[no-untyped-def]
    root = project(LINED_UP + "\nVer [aquí](#inversion-del-sujeto).\n")
    assert any(p.startswith("locales/es/tax.md:17: error: link '#inversion-del-sujeto': no such heading")
               for p in _problems(root))
