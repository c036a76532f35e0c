"""Calibration from the help center in hand, the packaged sentence encoder, and topics by meaning."""

from __future__ import annotations

import os

import numpy as np
import pytest

from deflection import calibrate
from deflection.encoder import load_encoder
from deflection.topics import fit_meaning, spread


def _draw(n: int, share: float, rng: np.random.Generator) -> np.ndarray:
    answered = rng.random(n) < share
    return np.where(answered, rng.normal(0.8, 0.07, n), rng.normal(0.55, 0.08, n))


@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_the_headline_estimate_recovers_the_answered_share(share: float) -> None:
    rng = np.random.default_rng(1)
    ref = calibrate.reference(rng.normal(0.8, 0.07, 800), rng.normal(0.55, 0.08, 800))
    e = ref.estimate(_draw(5000, share, rng))
    assert e.low <= share <= e.high and e.high - e.low < 0.12 and abs(e.share - share) < 0.04
    # the single-ticket threshold sits between the two distributions and moves with the share
    assert 0.55 < ref.decision(share) < 0.8
    assert ref.decision(0.8) < ref.decision(0.2)


def test_posterior_rises_with_the_score() -> None:
    rng = np.random.default_rng(2)
    ref = calibrate.reference(rng.normal(0.8, 0.07, 500), rng.normal(0.55, 0.08, 500))
    p = ref.posterior(np.array([0.4, 0.675, 0.95]), 0.5)
    assert p[0] < 0.05 and 0.2 < p[1] < 0.8 and p[2] > 0.95


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    enc = load_encoder()
    assert enc is not None, "pip install 'helpkit[sentences]'"
    return enc


def test_the_encoder_runs_offline_from_its_package(encoder) -> None:  # type: ignore[no-untyped-def]
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    v = encoder.encode(["my card has not arrived", "my card still hasn't come", "how do I change my currency",
                        "my card has not arrived"])
    assert v.shape == (4, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2  # a paraphrase is nearer than another subject
    assert np.array_equal(v[0], v[3])  # duplicates are encoded once


def test_topics_group_by_meaning_not_shared_words(encoder) -> None:  # type: ignore[no-untyped-def]
    texts = ["my card got stuck in the ATM", "the cash machine swallowed my card", "ATM kept my card",
             "how do I change the currency of my account", "switch my account to euros", "change account currency",
             "is there a fee to top up by card"]
    v = encoder.encode(texts)
    model = fit_meaning(texts, v, spread([v[:3], v[3:6]]) + 0.1)
    groups, _ = model.assign(texts, v)
    assert groups[0] == groups[1] == groups[2] >= 0 and groups[3] == groups[4] == groups[5] >= 0
    assert groups[0] != groups[3]
    assert model.seeds[groups[0]].representative in texts[:3]  # labeled with a customer's own question


def test_an_export_the_references_do_not_explain_is_a_bound_not_an_estimate() -> None:
    ref = calibrate.reference(np.linspace(0.3, 0.9, 200), np.linspace(0.1, 0.5, 200))  # they overlap
    inside = ref.estimate(np.concatenate([np.full(50, 0.8), np.full(50, 0.2)]))  # half of each kind
    assert not inside.bounded and inside.caveat == "" and inside.low <= 0.5 <= inside.high
    above = ref.estimate(np.full(100, 0.95))  # every ticket scores above every "answered" reference
    assert above.bounded and above.share == 1.0 and "a bound, not an estimate" in above.caveat
