"""Search: analysis per language, the Whoosh index, ranking, synonyms, keywords, typos, bad input, versions."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpkit.config import load_config
from helpkit.errors import ConfigError, MissingResource
from helpkit.loader import load_help_center
from helpkit.model import Article
from search_index import Engine, build_index, open_engine
from search_index._analysis import analyzer_for
from search_index._files import STAMP
from search_index._synonyms import read_synonyms
from tests.conftest import MINIMAL_CONFIG, MakeProject, article

ARTICLES = {
    "content/billing/request-a-refund.md": article(
        "Request a refund", """
        You can get your money returned for unused labels.

        ## How to ask

        Open **Billing > Invoices**, pick the invoice and click **Request**.
        """, description="Get money returned for unused labels.", keywords=["chargeback"]),
    "content/billing/duplicate-charge.md": article(
        "Why was I charged twice?", """
        Two charges on your statement are often a pending hold and the real payment.

        ## Pending holds

        Holds disappear after a few days.
        """, description="A second charge is usually a pending hold."),
    "content/account/reset-your-password.md": article(
        "Reset your password", """
        Forgot your password? Click **Forgot password** on the sign-in page and follow the e-mail.

        ## No e-mail?

        Check the spam folder. Symbols like 1 < 2 & co are shown as text.
        """, description="Set a new password when you cannot sign in."),
    "content/account/delete-your-account.md": article(
        "Delete your account", "Closing your account removes all data after 30 days.",
        description="Close the account for good."),
}


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    root = make_project(files={**ARTICLES, "synonyms.txt": "refund = money back, reimbursement\n"},
                        config=MINIMAL_CONFIG + "  search:\n    synonyms: synonyms.txt\n")
    config = load_config(root / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", config.index_dir, synonyms=config.synonyms_path)
    return root


@pytest.fixture
def engine(project: Path) -> Iterator[Engine]:
    with open_engine(project / ".helpkit" / "index", "en") as e:
        yield e


def top(engine: Engine, query: str) -> str | None:
    hits = engine.search(query).hits
    return hits[0].slug if hits else None


# -- analysis ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "text", "terms"), [
    ("en", "I can't reset my passwords!", ["cant", "reset", "password"]),
    ("en", "Refunds were refunded; refunding", ["refund", "refund", "refund"]),
    ("en", "the and of to", []),
    ("en", "Ｆｕｌｌｗｉｄｔｈ Café", ["fullwidth", "cafe"]),
    ("es", "¿Cómo solicito un reembolso de mis tarjetas?", ["solicit", "reembols", "tarjet"]),
    ("es", "devolución devolucion", ["devolu", "devolu"]),
    ("de", "Rückerstattungen für die Rechnungen", ["ruckerstatt", "rechnung"]),
    ("fr", "Comment réinitialiser mes mots de passe ?", ["comment", "reinitialis", "mot", "pass"]),
    ("ja", "パスワードを忘れた", ["パス", "スワ", "ワー", "ード", "ドを", "を忘", "忘れ", "れた"]),
    ("zh", "重置密码", ["重置", "置密", "密码"]),
    ("pt-BR", "Não consigo pagar as faturas", ["consig", "pag", "fatur"]),
])
def test_analyzer_terms(locale: str, text: str, terms: list[str]) -> None:
    assert analyzer_for(locale).terms(text) == terms


def test_analyzer_word_offsets_point_into_normalized_text() -> None:
    words = list(analyzer_for("en").words("Hello wörld"))
    assert [(w.surface, w.start, w.end) for w in words] == [("hello", 0, 5), ("world", 6, 11)]


def test_english_irregular_forms_meet_their_stems() -> None:
    en = analyzer_for("en")
    assert en.terms("sent paid delivery") == en.terms("send pay deliver")
    assert analyzer_for("es").terms("sent") == ["sent"]


def test_unknown_language_still_splits_words() -> None:
    assert analyzer_for("xx").terms("Kia ora koutou") == ["kia", "ora", "koutou"]


# -- index and ranking ----------------------------------------------------------------------------------------------


def test_search_ranks_the_matching_article_first(engine: Engine) -> None:
    results = engine.search("I was charged twice")
    assert results.hits[0].slug == "duplicate-charge"
    assert results.hits[0].url == "billing/duplicate-charge.html"
    assert results.hits[0].title == "Why was I charged twice?"
    assert results.hits[0].score > 0
    assert [h.score for h in results.hits] == sorted((h.score for h in results.hits), reverse=True)
    assert "<mark>" in results.hits[0].snippet


def test_limit(engine: Engine) -> None:
    assert len(engine.search("your", limit=1).hits) <= 1
    assert len(engine.search("account password refund charge", limit=2).hits) == 2


def test_keywords_from_front_matter_widen_recall(engine: Engine) -> None:
    assert top(engine, "chargeback") == "request-a-refund"


def test_synonyms_file_widens_recall(engine: Engine) -> None:
    assert top(engine, "reimbursement please") == "request-a-refund"
    assert top(engine, "money back") == "request-a-refund"


def test_typo_gets_results_and_a_suggestion(engine: Engine) -> None:
    results = engine.search("pasword")
    assert results.suggestion == "password"
    assert results.hits[0].slug == "reset-your-password"


def test_correct_query_has_no_suggestion(engine: Engine) -> None:
    assert engine.search("password").suggestion is None


def test_a_real_word_the_articles_never_use_is_not_a_typo(make_project: MakeProject) -> None:
    root = make_project(files={
        "content/account/two-step.md": article("Turn on two-step verification", "Scan the QR code, step by step.",
                                               description="A code from your phone at each sign-in."),
        "content/billing/cancel.md": article("Change your plan or cancel your subscription",
                                             "Click **Cancel subscription** in Settings.",
                                             description="Switch plans or end your subscription."),
    })
    config = load_config(root / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", config.index_dir)
    with open_engine(config.index_dir, "en") as e:
        results = e.search("how do I stop my subscription")  # "stop" is English, not a typo of "step"
        assert results.suggestion is None
        assert results.hits[0].slug == "cancel"
        assert e.search("two-stpe verification").suggestion == "two-step verification"


def test_match_many_agrees_with_search(engine: Engine) -> None:
    queries = ["charged twice", "pasword", "money back", "delete account", "the", "", "zzz", "refund",
               "my card hasn't come yet", "how do I reset your password", "two factor authentication code"] * 3
    many = list(engine.match_many(queries, limit=3))
    assert len(many) == len(queries)
    for query, hits in zip(queries, many, strict=True):
        expected = engine.search(query, limit=3).hits if query.strip() else ()
        fields = [(h.slug, h.score, h.phrase, h.similarity) for h in expected]
        assert [(h.slug, h.score, h.phrase, h.similarity) for h in hits] == fields, query
        assert all(h.snippet == "" for h in hits)


def test_phrase_match_says_how_much_of_the_article_wording_the_query_has(engine: Engine) -> None:
    full = engine.search("how do I reset your password", limit=4).hits
    assert full[0].slug == "reset-your-password" and full[0].phrase == 1.0
    partial = engine.search("password", limit=1).hits[0]
    assert partial.slug == "reset-your-password" and 0.0 < partial.phrase < 1.0
    keyword = engine.search("chargeback", limit=1).hits[0]
    assert keyword.slug == "request-a-refund" and keyword.phrase == 1.0
    many = list(engine.match_many(["how do I reset your password", "password", "chargeback"], limit=4))
    assert [h.phrase for h in many[0]] == [h.phrase for h in full]
    assert many[1][0].phrase == partial.phrase and many[2][0].phrase == 1.0


def test_rebuild_replaces_the_index(project: Path) -> None:
    config = load_config(project / "mkdocs.yml")
    only = [a for a in load_help_center(config).articles if a.slug == "delete-your-account"]
    build_index(only, "en", config.index_dir)
    with open_engine(config.index_dir, "en") as e:
        assert top(e, "password") is None
        assert top(e, "delete") == "delete-your-account"
    assert sorted(p.name for p in config.index_dir.iterdir()) == ["en"]


def test_empty_corpus(tmp_path: Path) -> None:
    build_index([], "en", tmp_path)
    with open_engine(tmp_path, "en") as e:
        assert e.search("anything").hits == ()
        assert list(e.match_many(["anything"])) == [()]


def test_japanese_index(tmp_path: Path) -> None:
    ja = [
        Article(slug="reset", locale="ja", title="パスワードをリセットする", category="account", body="",
                source_path=tmp_path / "a.md", source_hash=""),
        Article(slug="refund", locale="ja", title="返金を申請する", category="billing", body="",
                source_path=tmp_path / "b.md", source_hash=""),
    ]
    build_index(ja, "ja", tmp_path)
    with open_engine(tmp_path, "ja") as e:
        assert top(e, "パスワード") == "reset"
        assert top(e, "返金") == "refund"


# -- bad input ------------------------------------------------------------------------------------------------------


def test_empty_query_is_a_usage_error(engine: Engine) -> None:
    with pytest.raises(ConfigError) as err:
        engine.search("   ")
    assert err.value.exit_code == 2


def test_only_stop_words_finds_nothing(engine: Engine) -> None:
    results = engine.search("the and of to")
    assert results.hits == ()


def test_very_long_query_is_fast_and_works(engine: Engine) -> None:
    query = "password " + "lorem ipsum dolor " * 560
    assert len(query) > 10_000
    start = time.perf_counter()
    results = engine.search(query)
    assert time.perf_counter() - start < 5  # generous: a guard against pathological slowness, not a benchmark
    assert results.hits[0].slug == "reset-your-password"


@pytest.mark.parametrize("query", ["*", ".*", "[a-z]+", "a|b", "\\", "?", "%s %d", "\x00"])
def test_special_characters_are_plain_text(engine: Engine, query: str) -> None:
    assert engine.search(query).hits == ()  # no exception, and no word to match


@pytest.mark.parametrize(("query", "slug"), [
    ("title:refund", "request-a-refund"), ("(refund", "request-a-refund"), ("refund)", "request-a-refund"),
    ("password*", "reset-your-password"), ("-password", "reset-your-password"),
])
def test_query_operators_are_read_as_words(engine: Engine, query: str, slug: str) -> None:
    # title: does not restrict, * is no wildcard, - does not exclude: the words are searched as typed
    assert top(engine, query) == slug


def test_not_is_a_word_not_an_operator(engine: Engine) -> None:
    slugs = {h.slug for h in engine.search("refund AND NOT password").hits}
    assert {"request-a-refund", "reset-your-password"} <= slugs  # NOT excluded nothing


def test_html_is_escaped_in_snippets(engine: Engine) -> None:
    results = engine.search("<script>alert(1)</script> spam folder")
    assert results.hits[0].slug == "reset-your-password"
    snippet = results.hits[0].snippet
    assert "&lt; 2 &amp; co" in snippet
    assert "<script" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


# -- missing or foreign index -------------------------------------------------------------------------------------


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(MissingResource, match="run 'helpkit build'") as err:
        open_engine(tmp_path / "nowhere", "en")
    assert err.value.exit_code == 3


def test_index_from_another_version(project: Path) -> None:
    stamp = project / ".helpkit" / "index" / "en" / STAMP
    data = json.loads(stamp.read_text())
    stamp.write_text(json.dumps({**data, "helpkit": "0.0.1"}))
    with pytest.raises(MissingResource, match=r"helpkit 0\.0\.1.*run 'helpkit build'") as err:
        open_engine(project / ".helpkit" / "index", "en")
    assert err.value.exit_code == 3


def test_corrupt_stamp(project: Path) -> None:
    (project / ".helpkit" / "index" / "en" / STAMP).write_text("{not json")
    with pytest.raises(MissingResource, match="run 'helpkit build'"):
        open_engine(project / ".helpkit" / "index", "en")


# -- synonyms file ------------------------------------------------------------------------------------------------


def test_synonyms_file_format(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("# comment\nrefund = money back, chargeback  # trailing\n\natm, cash machine\n")
    assert read_synonyms(path, analyzer_for("en")) == (
        (("refund",), ("monei", "back"), ("chargeback",)),
        (("atm",), ("cash", "machin")),
    )


def test_synonyms_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("refund = money back\nlonely\n")
    with pytest.raises(ConfigError, match=r"synonyms.txt:2: .*'lonely'.*refund = money back"):
        read_synonyms(path, analyzer_for("en"))
    with pytest.raises(MissingResource, match="helpkit.search.synonyms"):
        read_synonyms(tmp_path / "missing.txt", analyzer_for("en"))
