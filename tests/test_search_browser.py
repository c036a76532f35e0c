"""The browser index, run by Node exactly as the page runs it (bench/search_node.js loads the built files
through the same script-loading hook): same terms, same ranking, same scores as ``helpkit search``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpkit.config import load_config
from helpkit.loader import load_help_center
from helpkit.model import Article
from search_index import Engine, build_index, open_engine, write_browser_index
from search_index._analysis import analyzer_for
from tests.conftest import REPO

NODE = shutil.which("node")
RUNNER = REPO / "bench" / "search_node.js"
FIXTURE = REPO / "tests" / "fixtures" / "search" / "project"

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

QUERIES = [
    "I was charged twice", "refund", "money back please", "reimbursement", "chargeback", "pasword reset",
    "forgot my password", "delete account", "2fa", "authenticator app", "my card was declined", "expired card",
    "the", "zzzz", "<b>refund</b>", "refund refund refund", "billed twice??", "how do I close my account",
    "recieve refund", "securty code", "PASSWORD", "Update payment", "I paid twice and was refunded",
    "my card hasn't come yet", "lost my phone", "get rid of my profile", "shows up two times",
]


def node(assets: Path, lines: list[str], *flags: str) -> list[dict]:  # type: ignore[type-arg]
    out = subprocess.run([NODE, str(RUNNER), str(assets), *flags], input="\n".join(json.dumps(q) for q in lines),
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return [json.loads(line) for line in out.splitlines()]


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
def engine(built: tuple[Path, Path]) -> Engine:
    e = open_engine(built[0], "en")
    yield e
    e.close()


def test_browser_ranking_equals_python(built: tuple[Path, Path], engine: Engine) -> None:
    browser = node(built[1], QUERIES, "--limit", "5")
    reordered = 0
    for query, b in zip(QUERIES, browser, strict=True):
        assert "error" not in b, b
        python = engine.search(query, limit=5)
        assert b["slugs"] == [h.slug for h in python.hits], query
        assert b["scores"] == [h.score for h in python.hits], query
        assert b["suggestion"] == python.suggestion, query
        reordered += b["scores"] != sorted(b["scores"], reverse=True)
    assert browser[0]["slugs"][0] == "duplicate-charge"
    assert reordered >= 2  # meaning vectors reordered some candidates, identically on both sides


def test_links_are_relative_to_the_locale_root(built: tuple[Path, Path]) -> None:
    [result] = node(built[1], ["refund"])
    href = result["hrefs"][0]
    assert href.endswith("/assets/helpkit/../../billing/request-a-refund.html")


def test_a_query_fetches_only_a_few_small_files(built: tuple[Path, Path]) -> None:
    [result] = node(built[1], ["I was charged twice"], "--cold")
    # the runtime, meta, one postings file per term shard, one small meaning-vector file per word (4 here), the
    # candidates' meaning vectors (16 articles a file) and titles (32 a file)
    assert result["files"] <= 10
    assert result["bytes"] < 60_000


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
def test_browser_analysis_equals_python(locale: str, tmp_path: Path) -> None:
    doc = Article(slug="a", locale=locale, title=TEXTS[locale], category="c", body="", source_path=tmp_path / "a.md",
                  source_hash="")
    write_browser_index([doc], locale, tmp_path / "assets")
    words = TEXTS[locale].split() + [TEXTS[locale]]
    got = [r["terms"] for r in node(tmp_path / "assets", words, "--terms")]
    assert got == [analyzer_for(locale).terms(w) for w in words]


def test_porter_stemmer_is_the_same_in_both(tmp_path: Path) -> None:
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
    got = [r["terms"] for r in node(tmp_path / "assets", ordered, "--terms")]
    assert got == [analyzer.terms(w) for w in ordered]


def test_word_shards_are_the_same_in_python_and_the_browser() -> None:
    from search_index._browser import word_shard

    words = ["charged", "devolución", "überweisung", "カード", "a", ""]
    script = (REPO / "search_index" / "assets" / "hk-search.js").read_text(encoding="utf-8")
    body = script[script.index("function wordShard"):]
    body = body[:body.index("\n  }\n") + 4]
    js = f"{body}\nconsole.log(JSON.stringify({json.dumps(words)}.map(function (w) {{ return wordShard(w, 997); }})));"
    out = subprocess.run([NODE, "-e", js], capture_output=True, text=True, check=True, timeout=60).stdout
    assert json.loads(out) == [word_shard(w, 997) for w in words]
