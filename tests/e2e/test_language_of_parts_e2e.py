"""Language of parts in real Chromium: a partly translated page and an untranslated one, in Spanish and in Arabic
(right to left), pass axe-core with no serious or critical violation; the English parts read as English in the
browser's own view of the page (``Element.lang``, the computed direction), and so do an untranslated article's
title and snippet in the search results. Without its lang attributes the page is laid out and drawn the same; on the
Arabic page the English parts run left to right (``dir``), a list item's marker on its own side."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import serving
from tests.e2e.test_accessibility_e2e import serious
from tests.test_language_of_parts import build_partly_translated

pytestmark = pytest.mark.e2e

LANGUAGE_OF = """el => {
  const parts = [];
  for (const node of el.querySelectorAll("h1, h2, p, li, th, td, .admonition-title")) {
    if (node.closest(".hk-feedback, .hk-contact, .hk-notice, .hk-breadcrumbs")) continue;
    const text = node.innerText.replace("¶", "").trim();
    const holder = node.closest("[lang]"), inner = node.querySelector("[lang]");
    const lang = inner && inner.innerText.trim() === text ? inner.lang : holder.lang;
    const dir = getComputedStyle(inner && inner.innerText.trim() === text ? inner : node).direction;
    if (text) parts.push([text, lang, dir]);
  }
  return parts;
}"""
"""Each text block of the article: [text, the language the browser reads it in, the direction it is laid out in]."""


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_partly_translated(tmp_path_factory.mktemp("parts-e2e"))) as url:
        yield url


LAYOUT = """el => Array.from(el.querySelectorAll("*"), n => {
  const box = n.getBoundingClientRect(), style = getComputedStyle(n);
  return [n.tagName, box.x, box.y, box.width, box.height, style.fontFamily, style.fontSize, style.fontWeight,
          style.color, style.textAlign, style.direction];
})"""
"""Where each element of the article is and how its text is drawn."""


@pytest.mark.parametrize(("locale", "page_dir"), [("es", "ltr"), ("ar", "rtl")])
def test_english_parts_read_as_english_and_pass_axe(page, parts_site: str, locale: str,  # type: ignore[no-untyped-def]
                                                    page_dir: str) -> None:
    page.goto(f"{parts_site}/{locale}/shipping/send.html")
    found = {text: (lang, direction) for text, lang, direction in page.locator("article").evaluate(LANGUAGE_OF)}
    english = {t for t, (lang, _) in found.items() if lang == "en"}
    assert english == {"Print the label", "Write the address.", "Price", "Small", "Five euros", "Save money",
                       "Track a parcel"}  # the last: the related article, not translated
    assert all(lang == locale and direction == page_dir for t, (lang, direction) in found.items() if t not in english)
    assert {found[t][1] for t in english} == {"ltr"}  # left to right, on a right-to-left page too
    assert serious(page) == []
    article = page.locator("article")
    shown = article.evaluate(LAYOUT)  # the page looks the same without the lang attributes (dir shows: below)
    article.evaluate("el => el.querySelectorAll('[lang]').forEach(n => n.removeAttribute('lang'))")
    assert article.evaluate(LAYOUT) == shown
    if page_dir == "rtl":  # the English item is laid out left to right, its marker on the left in the column
        margins = page.locator("article li[dir=ltr]").evaluate("""li => {
            const mine = getComputedStyle(li), page = getComputedStyle(li.parentElement.firstElementChild);
            return [mine.marginLeft, mine.marginRight, page.marginRight, page.marginLeft];
        }""")
        assert margins[:2] == margins[2:] and margins[0] != "0px"  # mirrored: the Arabic item's on the right
    page.goto(f"{parts_site}/{locale}/shipping/track.html")
    assert {lang for _, lang, _ in page.locator("article").evaluate(LANGUAGE_OF)} == {"en", locale}
    assert serious(page) == []
    if page_dir == "rtl":  # its list too (in the article's dir="ltr" block)
        margins = page.locator("article [dir=ltr] li").evaluate(
            "li => [getComputedStyle(li).marginLeft, getComputedStyle(li).marginRight]")
        assert margins[0] != "0px" and margins[1] == "0px"


def test_search_results_mark_an_untranslated_articles_title_and_snippet(page, parts_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{parts_site}/ar/index.html")
    page.locator(".hk-search--hero .hk-search-input").fill("parcel")
    page.wait_for_selector(".hk-search--hero[data-hk-state=done] .hk-search-result")
    results = page.locator(".hk-search--hero .hk-search-result").evaluate_all("""links => links.map(a => {
        const title = a.querySelector(".hk-search-result__title");
        const text = title.querySelector(":scope > span:not(.hk-search-result__section)") || title;
        return [text.innerText, text.lang, getComputedStyle(text).direction,
                a.querySelector(".hk-search-result__snippet").lang];
    })""")
    assert ["Track a parcel", "en", "ltr", "en"] in results
    assert ["أرسل طردًا", "", "rtl", "en"] in results  # translated title, English description


def test_a_search_result_marks_the_untranslated_heading_it_points_at(page, parts_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{parts_site}/es/index.html")
    page.locator(".hk-search--hero .hk-search-input").fill("print the label")
    result = page.locator(".hk-search--hero .hk-search-result").first
    result.wait_for(timeout=10_000)
    assert result.locator(".hk-search-result__title").evaluate(
        "t => [t.firstChild.textContent, t.lang, t.querySelector('.hk-search-result__section').innerText, "
        "t.querySelector('.hk-search-result__section').lang]") == ["Enviar un paquete", "", "Print the label", "en"]
