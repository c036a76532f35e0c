"""A search that admits failure: the confidence cut-offs derived from the help center in hand
(search_index/_confidence.py), stored once for ``helpkit search`` and the browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpkit.config import load_config
from helpkit.loader import load_help_center
from search_index import build_index, open_engine, write_browser_index
from search_index._build import compile_in_memory
from search_index._confidence import CLOSE_QUANTILE, MIN_KEYS, QUANTILE, Cutoff, Key, calibrate, lower_quantile
from search_index._engine import Engine
from tests.conftest import REPO, MakeProject, article

FIXTURE = REPO / "tests" / "fixtures" / "search" / "project"


def test_the_cut_offs_are_the_lower_quantile_of_the_keys_that_still_find_their_article() -> None:
    found = [(c / 100, c / 50) for c in range(1, 101)]
    cut = calibrate(found + [(0.0, 0.9)] * 50, meaning=True)  # keys that find nothing without themselves: aside
    assert cut.keys == 100
    assert cut.coverage == pytest.approx(lower_quantile([c for c, _ in found], QUANTILE))
    assert cut.similarity == pytest.approx(lower_quantile([s for _, s in found], QUANTILE))
    assert cut.close == pytest.approx(lower_quantile([s for _, s in found], CLOSE_QUANTILE))
    assert 0.0 < cut.coverage < 0.2 and cut.similarity < cut.close
    words = calibrate(found, meaning=False)  # no meaning vectors: words alone
    assert words.similarity is None and words.close is None
    assert not words.confident(words.coverage - 0.001, 1.0) and words.confident(words.coverage, 0.0)
    # a first hit is confident at or above both ...
    assert cut.confident(cut.coverage, cut.similarity)
    assert not cut.confident(1.0, cut.similarity - 0.001)
    # ... or, whatever its coverage ("how much does it cost": "much" is in no article), as close in meaning as most
    # keys are to their own article
    assert not cut.confident(cut.coverage - 0.001, cut.close - 0.001)
    assert cut.confident(0.001, cut.close)


def test_too_few_keys_calibrate_nothing() -> None:
    cut = calibrate([(0.5, 0.5)] * (MIN_KEYS - 1), meaning=True)
    assert cut == Cutoff(keys=MIN_KEYS - 1)
    assert cut.confident(0.0001, -1.0)  # a help center of two articles never calls a hit weak


def test_a_key_is_scored_against_its_article_without_itself(make_project: MakeProject) -> None:
    root = make_project(files={
        "content/billing/refunds.md": article("Refunds", "Ask for a refund from the billing page.",
                                              description="Money back for unused labels.",
                                              keywords=["reimbursement"]),
        "content/account/password.md": article("Reset your password", "Open the sign-in page.",
                                               description="Set a new password."),
    })
    compiled = compile_in_memory(load_help_center(load_config(root / "mkdocs.yml")).articles, "en")
    doc = [d.slug for d in compiled.docs].index("refunds")
    engine = Engine.compiled(compiled)
    title, keyword = (Key(doc, "title", "Refunds", 2.0), Key(doc, "keywords", "reimbursement", 1.5))
    left_out = engine._samples([title, keyword], [None, None])
    kept_in = engine._samples([Key(doc, "title", "Refunds", 0.0)], [None])  # weight 0: nothing taken away
    assert left_out[1][0] == 0.0  # its only word is in no other field: without it, the article is not found
    assert 0.0 < left_out[0][0] < kept_in[0][0]  # "refund" is in the body too, but weighs less there


def test_the_cut_offs_come_from_the_help_center_and_are_stored_for_both_sides(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config = load_config(project / "mkdocs.yml")
    articles = load_help_center(config).articles
    build_index(articles, "en", tmp_path / "index", synonyms=config.synonyms_path)
    write_browser_index(articles, "en", tmp_path / "assets", synonyms=config.synonyms_path)
    engine = open_engine(tmp_path / "index", "en")
    derived = compile_in_memory(articles, "en", synonyms=config.synonyms_path).cutoff
    assert engine.cutoff == derived and derived.keys >= MIN_KEYS and derived.similarity is not None
    meta = (tmp_path / "assets" / "index" / "meta.js").read_text(encoding="utf-8")
    stored = json.loads(meta[meta.index(",") + 1:meta.rindex(")")])["confidence"]
    assert (stored["coverage"], stored["similarity"], stored["close"]) == \
        (derived.coverage, derived.similarity, derived.close)
    # another help center, other cut-offs: nothing is a constant
    fewer = compile_in_memory([a for a in articles if a.slug != "request-a-refund"], "en",
                              synonyms=config.synonyms_path).cutoff
    assert (fewer.coverage, fewer.similarity) != (derived.coverage, derived.similarity)
    # and the index tells an answered question from an out-of-scope one sharing a common word with an article
    answered, outside = engine.search("I was charged twice"), engine.search("the weather in paris today")
    assert answered.confident and answered.hits[0].slug == "duplicate-charge"
    assert outside.hits and not outside.confident
    assert not engine.search("zzzz").confident  # nothing found: not confident either


def test_a_real_word_no_article_uses_is_judged_as_typed(tmp_path: Path) -> None:
    """"cart" is one edit from "card", which the articles use; it is an English word, so it is what the customer
    meant: no "did you mean", no silent "card", and the first hit is weak (a question no article answers)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config = load_config(project / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", tmp_path / "index", synonyms=config.synonyms_path)
    with open_engine(tmp_path / "index", "en") as engine:
        results = engine.search("do you have a cart in the app")
        assert results.suggestion is None and results.hits and not results.confident
        assert results.hits[0].slug != "update-payment-method"  # what "card" would have found
        assert engine.search("where is my clock").suggestion is None
        typo = engine.search("pasword reset")  # a word of no language is still corrected
        assert typo.suggestion == "password reset" and typo.confident
        assert typo.hits[0].slug == "reset-your-password"


def test_a_corrected_query_is_judged_on_the_words_meant(tmp_path: Path) -> None:
    """A misspelt word has no meaning vector: "refnd" was ranked and judged as if it meant nothing, and its first
    hit, the refund article, called weak under "Did you mean refund?". The corrected words rank and judge it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config = load_config(project / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", tmp_path / "index", synonyms=config.synonyms_path)
    with open_engine(tmp_path / "index", "en") as engine:
        for typo, meant in [("refnd", "refund"), ("pasword", "password"), ("my refnd please", "my refund please")]:
            typed, corrected = engine.search(typo), engine.search(meant)
            assert typed.suggestion == meant and corrected.suggestion is None
            assert [(h.slug, h.similarity, h.confident) for h in typed.hits] == \
                [(h.slug, h.similarity, h.confident) for h in corrected.hits], typo
            assert typed.confident and typed.hits[0].similarity > 0, typo
