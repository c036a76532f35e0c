"""Language of parts (WCAG 2.1 SC 3.1.2): what a locale's page shows in the source language is marked as such.

A partly translated article shows its untranslated headings, paragraphs, list items, table cells and admonitions in
English on a Spanish page; each carries ``lang="en"`` on the element that holds it (``dir="ltr"`` too on a
right-to-left page), and nothing else does, so a screen reader switches voice for exactly those parts. The page
looks the same, and the translation memory never sees the marks.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import polib
import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from helpkit.config import load_config
from helpkit.loader import load_help_center
from site_builder.build import build
from site_builder.mkdocs_build import REQUIRED_EXTENSIONS
from tests.conftest import MINIMAL_CONFIG, article, write_tree
from translations.backends import FakeBackend
from translations.localize import localize
from translations.segment import Segment, segment_markdown

BODY = """\
Intro keep paragraph
over two lines.

Intro done paragraph.

## Keep heading

## Done heading

## Keep custom {#custom}

Setext keep heading
-------------------

- keep tight item
- done tight item
    - keep nested item
- keep item with `code`

1. keep loose item

2. done loose item

> keep quoted
> lines

| Keep head | Done head |
|-----------|-----------|
| keep cell | done **cell** |

!!! note "Keep title"
    keep admonition body

!!! tip "Done title"
    done admonition body

A keep lead paragraph.
{: .lead }

Keep para before a list
- keep item the paragraph runs on into

Keep para before a table
| keep a | keep b |
|--------|--------|
| keep c | keep d |

Keep para before a fence
```
code {: lang="xx" }
```

```python
# a keep comment in code
```
"""
"""Every kind of block, some translated ("done": upper-cased), the rest ("keep") left in English."""


UNMARKED = {"Keep para before a list\n- keep item the paragraph runs on into", "Keep para before a fence",
            "Keep para before a table\n| keep a | keep b |\n|--------|--------|\n| keep c | keep d |"}
"""What is left unmarked: Python-Markdown reads on past a paragraph into a list, fence or table right after it (the
source page shows them as its text, too), where markdown-it sees blocks; a mark there could show on the page."""


def done(segment: Segment) -> str | None:
    """The translation of a "done" segment (upper-cased), None for the others (left in the source language)."""
    return segment.source.upper() if "done" in segment.source.lower() else None


def render(text: str) -> BeautifulSoup:
    """``text`` as the site renders it (its required extensions, plus the sample's code fences)."""
    md = markdown.Markdown(extensions=[*REQUIRED_EXTENSIONS, "pymdownx.superfences"])
    return BeautifulSoup(md.convert(text), "html.parser")


def unmarked(soup: BeautifulSoup) -> str:
    """The HTML with every lang/dir attribute removed and every <span> that only carried them unwrapped; blanks as a
    browser shows them (a run of them as one, none at either end of a block), but in code."""
    for tag in soup.find_all(True):
        for name in ("lang", "dir"):
            tag.attrs.pop(name, None)
        if tag.name == "span" and not tag.attrs:
            tag.unwrap()
    soup.smooth()  # the texts either side of an unwrapped span as one
    for text in soup.find_all(string=True):
        if text.find_parent("pre") is None:
            text.replace_with(re.sub(r"\s+", " ", str(text)))
    html = re.sub(r"\s+((?:</\w+>)*</(?:p|li|h\d|td|th|div)>)", r"\1", str(soup))
    return re.sub(r"(<(?:p|li|h\d|td|th|div)(?: [^>]*)?>)\s+", r"\1", html)


def language_of(text: NavigableString, page: str) -> str:
    """The language a text is read in: the nearest ``lang`` around it, else the page's."""
    parent = text.find_parent(lambda t: isinstance(t, Tag) and t.has_attr("lang"))
    return str(parent["lang"]) if parent is not None else page


def words(soup: BeautifulSoup | Tag) -> list[NavigableString]:
    """Its texts with letters, code left out (never translated, never marked)."""
    return [t for t in soup.find_all(string=True)
            if re.search(r"[^\W\d_]", t) and t.find_parent(["code", "pre"]) is None]


@pytest.mark.parametrize(("attrs", "direction"), [('lang="en"', None), ('lang="en" dir="ltr"', "ltr")])
def test_every_english_part_and_only_they_carry_its_language(attrs: str, direction: str | None) -> None:
    text = segment_markdown(BODY)
    page = render(text.reassemble(done, attrs))
    found = {str(t).strip(): language_of(t, "es") for t in words(page)}
    assert {t for t, lang in found.items() if lang == "en"} == {t for t in found if t != t.upper()} - UNMARKED
    assert {t for t, lang in found.items() if lang == "es"} == {t for t in found if t == t.upper()} | UNMARKED
    marked = page.find_all(lang=True)
    assert {str(tag.get("dir")) if tag.get("dir") else None for tag in marked} == {direction}
    by_text = {tag.get_text(" ", strip=True): tag.name for tag in marked}
    assert by_text["Keep heading"] == "h2" and by_text["Setext keep heading"] == "h2"
    assert by_text["keep tight item"] == "li" and by_text["keep loose item"] == "p"  # the smallest block around
    assert by_text["keep cell"] == "td" and by_text["Keep head"] == "th"
    assert by_text["keep admonition body"] == "p" and by_text["Keep title"] == "span"
    assert page.find(id="custom")["lang"] == "en"  # joined to the heading's own id
    assert "lead" in page.find(string=re.compile("A keep lead")).parent["class"]  # and to a paragraph's own list


def test_the_marks_change_nothing_a_reader_sees() -> None:
    """Without its lang/dir attributes the page is the same HTML, code and odd Markdown included: no "{: }" shows, no
    block changes (a list right after a paragraph, which Python-Markdown reads as more of the paragraph, too)."""
    text = segment_markdown(BODY)
    marked, plain = text.reassemble(done, 'lang="en" dir="ltr"'), text.reassemble(done)
    assert unmarked(render(marked)) == unmarked(render(plain))
    assert 'code {: lang="xx" }' in render(marked).select("pre code")[0].get_text()


def test_identity_and_the_translation_memory_never_see_the_marks() -> None:
    text = segment_markdown(BODY)
    assert text.reassemble(lambda s: None) == BODY
    assert all("lang=" not in s.source for s in text.segments)


TRANSLATED = {
    "es": {"Send a parcel": "Enviar un paquete", "Pack the box well.": "Embala bien la caja.",
           "Print it on A4 paper.": "Imprímela en papel A4.", "Seal the box.": "Cierra la caja.",
           "Size": "Tamaño", "Weigh it first.": "Pésalo primero.", "Shipping": "Envíos", "Pay online": "Paga en línea",
           "Pay with a card.": "Paga con tarjeta."},
    "ar": {"Send a parcel": "أرسل طردًا", "Pack the box well.": "غلّف الصندوق جيدًا.",
           "Print it on A4 paper.": "اطبعه على ورق A4.", "Seal the box.": "أغلق الصندوق.",
           "Size": "الحجم", "Weigh it first.": "زِنه أولًا.", "Shipping": "الشحن", "Pay online": "ادفع عبر الإنترنت",
           "Pay with a card.": "ادفع بالبطاقة."},
}
"""What a person translated of the partly translated article (reviewed PO entries), in Spanish and in Arabic."""
ENGLISH = {"Print the label", "Write the address.", "Price", "Small", "Five euros", "Save money",
           "How to send a parcel."}
"""What of it stays in English."""

FILES = {
    "content/shipping/_category.yml": "title: Shipping\n",
    "content/returns/_category.yml": "title: Returns\ndescription: Send it back.\n",
    "content/returns/send-back.md": article("Send a parcel back", "Use the return label."),
    "content/shipping/send.md": article("Send a parcel", """
        Pack the box well.

        ## Print the label

        Print it on A4 paper.

        - Seal the box.
        - Write the address.

        | Size | Price |
        |------|-------|
        | Small | Five euros |

        !!! tip "Save money"
            Weigh it first.

        ```
        parcel send --to home
        ```

        ## Pay online

        Pay with a card.
        """, description="How to send a parcel.", related=["track"]),
    "content/shipping/track.md": article("Track a parcel", "Open the tracking page.\n\n## Late parcels\n\n"
                                         "- Wait a day.", description="Where is it?", related=["send"]),
}


def build_partly_translated(root: Path) -> Path:
    """A help center in English, Spanish and Arabic with one article partly translated by a person and one not
    translated at all, built; returns its ``site/``."""
    write_tree(root, {**FILES, "mkdocs.yml": MINIMAL_CONFIG + "  locales: [es, ar]\n  translation: {backend: none}\n"})
    config = load_config(root / "mkdocs.yml")
    build(config)  # writes locales/<lang>.po with empty entries, filled in below
    for locale, table in TRANSLATED.items():
        po = polib.pofile(str(root / f"locales/{locale}.po"))
        for entry in po:
            entry.msgstr = table.get(entry.msgid, "")
        po.save()
    return build(config).site_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_partly_translated(tmp_path_factory.mktemp("parts"))


def page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup) -> list[NavigableString]:
    """The texts of the article itself: its title and body (not the notice, breadcrumbs or blocks under it)."""
    body = BeautifulSoup(str(soup), "html.parser").select_one("article")  # a copy: the parts below are removed
    assert body is not None
    for extra in body.select(".hk-breadcrumbs, .hk-notice, .hk-feedback, .hk-related, .hk-contact, .headerlink"):
        extra.decompose()
    return words(body)


@pytest.mark.parametrize(("locale", "direction"), [("es", None), ("ar", "ltr")])
def test_a_partly_translated_page_marks_its_english_parts_and_only_them(site: Path, locale: str,
                                                                      direction: str | None) -> None:
    soup = page(site, f"{locale}/shipping/send.html")
    assert soup.html["lang"] == locale
    found = {str(t).strip(): language_of(t, locale) for t in content(soup)}
    assert {t for t, lang in found.items() if lang == "en"} == ENGLISH - {"How to send a parcel."}
    assert set(found) >= set(TRANSLATED[locale].values()) - {TRANSLATED[locale]["Shipping"]}
    marked = soup.select("article [lang]")
    assert {(tag.name, tag.get_text(strip=True)) for tag in marked} >= {
        ("h2", "Print the label"), ("li", "Write the address."), ("th", "Price"), ("td", "Small"),
        ("td", "Five euros"), ("span", "Save money"), ("a", "Track a parcel")}  # the related article's title
    assert {tag.get("dir") for tag in marked} == {direction}
    assert soup.select_one("pre code").get_text() == "parcel send --to home\n"
    toc = {a.get_text(strip=True): (a.get("lang"), a.get("dir")) for a in soup.select(".md-nav--secondary a")}
    assert toc == {"Print the label": ("en", direction), TRANSLATED[locale]["Pay online"]: (None, None)}


@pytest.mark.parametrize(("locale", "direction"), [("es", None), ("ar", "ltr")])
def test_an_untranslated_page_is_marked_english_from_its_title_down(site: Path, locale: str,
                                                                    direction: str | None) -> None:
    soup = page(site, f"{locale}/shipping/track.html")
    found = {str(t).strip(): language_of(t, locale) for t in content(soup)}
    assert set(found.values()) == {"en"} and "Open the tracking page." in found
    assert soup.select_one("article h1")["lang"] == "en"
    assert [a.get("lang") for a in soup.select(".md-nav--secondary a")] == ["en"]  # its table of contents
    assert {tag.get("dir") for tag in soup.select("article [lang]")} == {direction}
    notice = soup.select_one(".hk-notice--untranslated")
    assert language_of(notice.find(string=True), locale) == locale  # the notice is in the page's language


def test_listings_mark_the_titles_and_descriptions_left_in_english(site: Path) -> None:
    listing = page(site, "es/shipping/index.html")
    links = {a.get_text(strip=True): a.get("lang") for a in listing.select(".hk-list__title")}
    assert links == {"Enviar un paquete": None, "Track a parcel": "en"}
    texts = {p.get_text(strip=True): p.get("lang") for p in listing.select(".hk-list__text")}
    assert texts == {"How to send a parcel.": "en", "Where is it?": "en"}


def test_categories_mark_their_untranslated_title_and_description(site: Path) -> None:
    home = page(site, "es/index.html")
    cards = {card.get_text(strip=True): card.get("lang") for card in home.select(".hk-card__title, .hk-card__text")
             if card.get_text(strip=True)}
    assert cards == {"Envíos": None, "Returns": "en", "Send it back.": "en"}
    category = page(site, "es/returns/index.html")
    assert category.select_one("article h1")["lang"] == "en" and category.select_one(".hk-lead")["lang"] == "en"
    trail = page(site, "es/returns/send-back.html").select(".hk-breadcrumbs a")
    assert [(a.get_text(), a.get("lang")) for a in trail] == [("Inicio", None), ("Returns", "en")]
    assert [a.get("lang") for a in page(site, "es/shipping/send.html").select(".hk-breadcrumbs a")] == [None, None]


def test_the_english_site_and_the_translation_memory_carry_no_marks(site: Path) -> None:
    assert not page(site, "shipping/send.html").select("article [lang]")
    for locale in TRANSLATED:
        for entry in polib.pofile(str(site.parent / f"locales/{locale}.po")):
            assert "lang=" not in entry.msgid + entry.msgstr and "{:" not in entry.msgid + entry.msgstr


def test_the_browser_index_says_which_results_are_in_english(site: Path) -> None:
    """An untranslated article's title, snippet and headings in the Spanish search results are English, and so is a
    partly translated one's snippet and untranslated heading: the index carries [lang, dir] for each (hk-search.js
    puts them on the result's parts)."""
    docs = (site / "es/assets/helpkit/index/d0.js").read_text(encoding="utf-8")
    assert '"Track a parcel","shipping/track.html","Where is it?",[["late-parcels","Late parcels"]],' \
           '[["en",""],["en",""],[["en",""]]]' in docs
    assert '"Enviar un paquete","shipping/send.html","How to send a parcel.",[["print-the-label",' \
           '"Print the label"],["pay-online","Paga en línea"]],[0,["en",""],[["en",""],0]]' in docs
    assert '[["en","ltr"],["en","ltr"],[["en","ltr"]]]' in (site / "ar/assets/helpkit/index/d0.js").read_text()
    assert '"en"' not in (site / "assets/helpkit/index/d0.js").read_text()


def test_a_machine_translation_that_failed_its_checks_is_marked_like_an_untranslated_part(make_project) -> None:  # type: ignore[no-untyped-def]
    """The machine's output that lost a placeholder is not used: the source paragraph is shown, marked English; a
    paragraph the machine translated is not marked."""
    root = make_project({"content/a/x.md": article("Pay", "Click `Pay` to pay.\n\nIt takes a minute.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n")
    config = load_config(root / "mkdocs.yml")
    (page,) = localize(load_help_center(config), config, "es", backend=FakeBackend(drop_placeholders=True)).articles
    assert page.body.strip() == 'Click `Pay` to pay.\n{: lang="en" }\n\nIT TAKES A MINUTE.'
    assert page.title == "PAY" and not page.title_language

