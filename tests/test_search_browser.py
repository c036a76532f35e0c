"""The browser index, run in headless Chromium exactly as the page runs it (bench/search_browser.py: the runtime
loads the built files with its own script tags, from file://): same terms, same ranking, same scores, same
links as ``helpkit search``."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.search_browser import BrowserSearch
from helpkit.config import load_config
from helpkit.loader import load_help_center
from helpkit.model import Article
from search_index import Engine, build_index, open_engine, write_browser_index
from search_index._analysis import analyzer_for
from tests.conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "search" / "project"

QUERIES = [
    "I was charged twice", "refund", "money back please", "reimbursement", "chargeback", "pasword reset",
    "forgot my password", "delete account", "2fa", "authenticator app", "my card was declined", "expired card",
    "the", "zzzz", "<b>refund</b>", "refund refund refund", "billed twice??", "how do I close my account",
    "recieve refund", "securty code", "PASSWORD", "Update payment", "I paid twice and was refunded",
    "my card hasn't come yet", "lost my phone", "get rid of my profile", "shows up two times",
    "stop the newsletter", "switch the app to french", "account settings", "download my invoices",
    "what is the capital of australia", "how tall is the eiffel tower", "recipe for a chocolate cake",
    "do you have a cart in the app", "can I play a game while I wait", "where is my clock", "refnd", "pasword",
    "I asked for cash but I did not receive all the funds", "psasword reset", "rfeund", "erfund",
]
CLOSE = ["I asked for cash but I did not receive all the funds"]
"""Queries whose first hit is confident only by its meaning (its coverage is below the cut-off)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(index_dir, assets_dir) of the fixture project."""
    root = tmp_path_factory.mktemp("search")
    project = root / "project"
    shutil.copytree(FIXTURE, project)
    config = load_config(project / "mkdocs.yml")
    articles = load_help_center(config).articles
    build_index(articles, "en", root / "index", synonyms=config.synonyms_path)
    write_browser_index(articles, "en", root / "site" / "assets" / "helpkit", synonyms=config.synonyms_path)
    return root / "index", root / "site" / "assets" / "helpkit"


@pytest.fixture(scope="module")
def runtime(browser, built: tuple[Path, Path]) -> Iterator[BrowserSearch]:  # type: ignore[no-untyped-def]
    """The built site's search runtime in a Chromium page."""
    with BrowserSearch(browser, built[1]) as r:
        yield r


@pytest.fixture(scope="module")
def engine(built: tuple[Path, Path]) -> Engine:
    e = open_engine(built[0], "en")
    yield e
    e.close()


def test_browser_ranking_equals_python(runtime: BrowserSearch, engine: Engine, built: tuple[Path, Path]) -> None:
    browser = runtime.search(QUERIES, limit=5)
    reordered = 0
    for query, b in zip(QUERIES, browser, strict=True):
        python = engine.search(query, limit=5)
        assert b.slugs == [h.slug for h in python.hits], query
        assert b.scores == [h.score for h in python.hits], query
        assert b.suggestion == python.suggestion, query
        assert b.anchors == [h.anchor for h in python.hits], query
        assert b.confident == python.confident, query
        assert b.hits_confident == [h.confident for h in python.hits], query
        assert [h.split("/assets/helpkit/../../")[1] for h in b.hrefs] == [h.link for h in python.hits], query
        reordered += b.scores != sorted(b.scores, reverse=True)
    assert browser[0].slugs[0] == "duplicate-charge"
    # the answer sits under a later heading: both sides link to it; a title match opens the top of the page
    newsletter = browser[QUERIES.index("stop the newsletter")]
    assert newsletter.hrefs[0].endswith("/account/account-settings.html#notifications")
    assert browser[QUERIES.index("account settings")].hrefs[0].endswith("/account/account-settings.html")
    assert reordered >= 2  # meaning vectors reordered some candidates, identically on both sides
    confident = dict(zip(QUERIES, (b.confident for b in browser), strict=True))
    assert confident["I was charged twice"] and confident["forgot my password"]
    assert not confident["zzzz"] and not confident["recipe for a chocolate cake"]
    # a word of the language no article uses ("cart", not "card") is not a typo, on both sides; a typo is one
    suggestions = dict(zip(QUERIES, (b.suggestion for b in browser), strict=True))
    assert suggestions["do you have a cart in the app"] is None and not confident["do you have a cart in the app"]
    assert suggestions["can I play a game while I wait"] is None and suggestions["where is my clock"] is None
    assert suggestions["pasword reset"] == "password reset" and suggestions["securty code"] == "security code"
    assert suggestions["refnd"] == "refund" and confident["refnd"]  # judged on the word meant, on both sides
    # a slip within the first letters, the commonest on a phone (they had been no words: "No articles match")
    assert suggestions["psasword reset"] == "password reset"
    assert suggestions["rfeund"] == "refund" and suggestions["erfund"] == "refund"
    assert browser[QUERIES.index("refnd")].slugs == browser[QUERIES.index("refund")].slugs
    # a first hit as close in meaning as half the keys are to their article needs no coverage, on both sides
    with open_engine(built[0], "en") as words:
        words.cutoff = dataclasses.replace(engine.cutoff, close=None)
        for query in CLOSE:
            assert confident[query] and not words.search(query, limit=5).confident, query


def test_links_are_relative_to_the_locale_root(runtime: BrowserSearch) -> None:
    [result] = runtime.search(["refund"])
    href = result.hrefs[0]
    assert href.endswith("/assets/helpkit/../../billing/request-a-refund.html")


def test_a_query_fetches_only_a_few_small_files(runtime: BrowserSearch) -> None:
    [result] = runtime.search(["I was charged twice"], cold=True)
    # the runtime, meta, one postings file per term shard, one small meaning-vector file per word (4 here), the
    # candidates' meaning vectors (16 articles a file) and titles (32 a file)
    assert 3 <= result.files <= 10
    assert result.bytes < 60_000


def test_index_files_are_scripts_not_json(built: tuple[Path, Path]) -> None:
    index = built[1] / "index"
    assert (index / "meta.js").read_text().startswith('HelpkitSearch.register("meta",')
    assert not list(index.glob("*.json"))
    assert (built[1] / "hk-search.js").exists() and (built[1] / "hk-search.css").exists()


TEXTS = {
    "en": "Why hasn't my card arrived? I'm waiting for refunds, cancelled transfers and the activation code",
    "es": "¿Por qué no ha llegado mi tarjeta? Esperando devoluciones y transferencias canceladas",
    "de": "Warum ist meine Karte nicht angekommen? Rückerstattungen und stornierte Überweisungen",
    "fr": "Pourquoi ma carte n'est-elle pas arrivée ? Remboursements et virements annulés",
    "ja": "カードがまだ届きません。返金と送金のキャンセル",
    "zh": "我的卡还没有到。退款和取消的转账",
}


@pytest.mark.parametrize("locale", sorted(TEXTS))
def test_browser_analysis_equals_python(browser, locale: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = Article(slug="a", locale=locale, title=TEXTS[locale], category="c", body="", source_path=tmp_path / "a.md",
                  source_hash="")
    write_browser_index([doc], locale, tmp_path / "assets")
    words = TEXTS[locale].split() + [TEXTS[locale]]
    with BrowserSearch(browser, tmp_path / "assets") as runtime:
        assert runtime.terms(words) == [analyzer_for(locale).terms(w) for w in words]


def test_porter_stemmer_is_the_same_in_both(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every word of the banking fixture and of the sample help center stems the same in JS and Python."""
    analyzer = analyzer_for("en")
    words: set[str] = set()
    for md in [*REPO.glob("content/**/*.md"), *REPO.glob("bench/fixtures/banking/content/**/*.md")]:
        words.update(w.surface for w in analyzer.words(md.read_text(encoding="utf-8")) if w.term)
    words.update(["hopping", "conflated", "caresses", "ponies", "generalization", "yes", "sky", "agreed", "fully",
                  "controll", "rolling", "happiness", "relational", "oscillators", "y", "yy",
                  "sent", "paid", "withdrew", "delivery", "deliveries", "constructor", "__proto__"])
    doc = Article(slug="a", locale="en", title="x", category="c", body="", source_path=tmp_path / "a.md",
                  source_hash="")
    write_browser_index([doc], "en", tmp_path / "assets")
    ordered = sorted(words)
    with BrowserSearch(browser, tmp_path / "assets") as runtime:
        assert runtime.terms(ordered) == [analyzer.terms(w) for w in ordered]


def test_word_shards_are_the_same_in_python_and_the_browser(runtime: BrowserSearch) -> None:
    from search_index._browser import word_shard

    words = ["charged", "devolución", "überweisung", "カード", "a", ""]
    script = (REPO / "search_index" / "assets" / "hk-search.js").read_text(encoding="utf-8")
    body = script[script.index("function wordShard"):]
    body = body[:body.index("\n  }\n") + 4]
    js = f"(words) => {{ {body}\n return words.map(function (w) {{ return wordShard(w, 997); }}); }}"
    assert runtime.evaluate(js, words) == [word_shard(w, 997) for w in words]
