"""Meaning vectors (search_index/_meaning.py): the second ranking signal, its tables and its fallbacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from helpkit.config import load_config
from helpkit.loader import load_help_center
from search_index import _meaning as meaning
from search_index import build_index, open_engine, write_browser_index
from search_index._analysis import WORD, analyzer_for, normalize
from search_index._files import MEANING
from search_index._table import js_order
from tests.conftest import MINIMAL_CONFIG, REPO, article

FIXTURE = REPO / "tests" / "fixtures" / "search" / "project"


def words(text: str) -> list[str]:
    """The normalized words of an English text (what meaning vectors are keyed by)."""
    return WORD.findall(normalize(text, True))


@pytest.fixture(scope="module")
def articles():  # type: ignore[no-untyped-def]
    return load_help_center(load_config(FIXTURE / "mkdocs.yml")).articles


def test_rerank_lets_meaning_overturn_a_small_score_gap_only() -> None:
    # (document, score), best BM25F first
    close = [(0, 1000), (1, 950)]
    assert meaning.rerank(close, [0.1, 0.6]) == [1, 0]
    far = [(0, 1000), (1, 100)]
    assert meaning.rerank(far, [0.1, 0.6]) == [0, 1]


def test_rerank_keeps_bm25_order_on_ties() -> None:
    assert meaning.rerank([(3, 500), (1, 500), (2, 500)], [0.2, 0.2, 0.2]) == [0, 1, 2]
    assert meaning.rerank([], []) == []


def test_cosine_is_exact_and_zero_for_empty_vectors() -> None:
    assert meaning.cosine(12, 16, 9) == 1.0
    assert meaning.cosine(-12, 16, 9) == -1.0
    assert meaning.cosine(5, 0, 9) == 0.0
    assert meaning.cosine(5, 9, 0) == 0.0


def test_english_articles_get_term_and_article_vectors(articles) -> None:  # type: ignore[no-untyped-def]
    table = meaning.build_meaning(articles, analyzer_for("en"))
    assert table is not None
    assert table.word_vectors.dtype == np.int8 and table.word_vectors.shape == (len(table.words), meaning.DIMS)
    assert table.doc_vectors.shape == (len(articles), meaning.DIMS)
    assert list(table.words) == sorted(table.words, key=js_order)
    # words of the model's vocabulary that no article uses have vectors too: that is the point
    used = {w for a in articles for w in words(f"{a.title} {a.description} {' '.join(a.keywords)} {a.text}")}
    assert "arrived" not in used and "arrived" in table.words
    assert len(set(table.words) - used) > 5_000
    assert used - {w for w in used if w.isdigit()} <= set(table.words)  # and every word of the articles
    assert all(np.abs(table.doc_vectors).sum(axis=1) > 0)


def test_vectors_are_deterministic(articles) -> None:  # type: ignore[no-untyped-def]
    a = meaning.build_meaning(articles, analyzer_for("en"))
    b = meaning.build_meaning(articles, analyzer_for("en"))
    assert a is not None and b is not None
    assert a.words == b.words
    assert a.word_vectors.tobytes() == b.word_vectors.tobytes()
    assert a.doc_vectors.tobytes() == b.doc_vectors.tobytes()


def test_related_words_are_closer_than_unrelated_ones(articles) -> None:  # type: ignore[no-untyped-def]
    table = meaning.build_meaning(articles, analyzer_for("en"))
    assert table is not None
    def sim(a: str, b: str) -> float:
        qa, qb = table.query_vector(words(a)), table.query_vector(words(b))
        return meaning.cosine(int(qa @ qb), int(qa @ qa), int(qb @ qb))

    assert sim("refund", "reimbursement") > sim("refund", "password")
    assert sim("card arrived", "card delivery") > sim("card arrived", "delete account")


def test_languages_without_a_model_rank_by_words_alone(articles) -> None:  # type: ignore[no-untyped-def]
    assert meaning.build_meaning(articles, analyzer_for("es")) is None


def test_meaning_reorders_the_best_candidates(tmp_path: Path, articles) -> None:  # type: ignore[no-untyped-def]
    build_index(articles, "en", tmp_path, synonyms=None)
    assert (tmp_path / "en" / MEANING).exists()
    with open_engine(tmp_path, "en") as engine:
        # "refunded" gives the refund article the higher word score; the query means the double charge
        hits = engine.search("I paid twice and was refunded", limit=3).hits
        assert hits[0].slug == "duplicate-charge"
        assert [h.score for h in hits] != sorted((h.score for h in hits), reverse=True)  # not BM25F order
        assert hits[0].similarity > hits[1].similarity
        many = next(iter(engine.match_many(["I paid twice and was refunded"], limit=3)))
        assert [h.slug for h in many] == [h.slug for h in hits]
        assert [h.similarity for h in many] == [h.similarity for h in hits]


def test_without_the_model_search_still_works(tmp_path: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(meaning, "_model", lambda: None)
    build_index(articles, "en", tmp_path / "index", synonyms=None)
    assert not (tmp_path / "index" / "en" / MEANING).exists()
    write_browser_index(articles, "en", tmp_path / "assets", synonyms=None)
    meta = (tmp_path / "assets" / "index" / "meta.js").read_text(encoding="utf-8")
    assert json.loads(meta[meta.index(",") + 1:meta.rindex(")")])["meaning"] is None
    assert not list((tmp_path / "assets" / "index").glob("v*.js"))
    with open_engine(tmp_path / "index", "en") as engine:
        hits = engine.search("I was charged twice", limit=3).hits
        assert hits[0].slug == "duplicate-charge"
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(h.similarity == 0.0 for h in hits)


def test_model_files_missing_from_the_package_mean_no_vectors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "wordllama"
    fake.mkdir()
    (fake / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    meaning._model_files.cache_clear()
    meaning._model.cache_clear()
    try:
        assert meaning._model() is None
        assert meaning.model_id() == "none"
    finally:
        meaning._model_files.cache_clear()
        meaning._model.cache_clear()
    shutil.rmtree(fake)


def test_the_meaning_switch_turns_vectors_off_in_the_build(make_project) -> None:  # type: ignore[no-untyped-def]
    from site_builder.build import build

    files = {"content/shipping/track-a-parcel.md": article("Track a parcel", "Where your parcel is.",
                                                           description="Follow a delivery.")}
    on = make_project(files=files)
    off = make_project(files=files, config=MINIMAL_CONFIG + "  search:\n    meaning: false\n", name="off")
    for root, expected in ((on, True), (off, False)):
        config = load_config(root / "mkdocs.yml")
        assert config.helpkit.search.meaning is expected
        build(config)
        index = root / "site" / "assets" / "helpkit" / "index"
        assert bool(list(index.glob("v*.js"))) is expected
        assert (config.index_dir / "en" / MEANING).exists() is expected
        with open_engine(config.index_dir, "en") as engine:
            hits = engine.search("where is my parcel").hits
            assert hits[0].slug == "track-a-parcel"
            assert (hits[0].similarity != 0.0) is expected


def test_the_meaning_switch_is_a_boolean(make_project) -> None:  # type: ignore[no-untyped-def]
    from helpkit.errors import ConfigError

    root = make_project(files={}, config=MINIMAL_CONFIG + "  search:\n    meaning: sometimes\n")
    with pytest.raises(ConfigError, match="meaning"):
        load_config(root / "mkdocs.yml")
