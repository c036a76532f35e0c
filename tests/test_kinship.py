"""A topic judged as a group: does it ask what an article's answered tickets ask?"""

from __future__ import annotations

import numpy as np

from deflection.kinship import Kinship
from deflection.topics import unit


def _cloud(rng: np.random.Generator, centre: np.ndarray, n: int, noise: float = 0.6) -> np.ndarray:
    v = centre[None, :] + noise * rng.standard_normal((n, len(centre))) / np.sqrt(len(centre))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _world(seed: int = 0) -> tuple[np.random.Generator, list[np.ndarray], Kinship]:
    """Three articles whose answered tickets sit around three subjects, 40 tickets each."""
    rng = np.random.default_rng(seed)
    centres = [unit(rng.standard_normal(64)) for _ in range(3)]
    vectors = np.concatenate([_cloud(rng, c, 40) for c in centres]).astype(np.float32)
    members = {a: np.arange(40 * a, 40 * (a + 1)) for a in range(3)}
    return rng, centres, Kinship(vectors, members)


def test_a_group_asking_the_articles_subject_is_recognised_and_a_neighbouring_one_is_not() -> None:
    rng, centres, kin = _world()
    same = _cloud(rng, centres[0], 12)
    assert kin.same_subject(same.sum(axis=0), 12, 0) > 0.9
    assert kin.nearest(_cloud(rng, centres[2], 6).sum(axis=0)) == 2
    # a subject of its own, as near article 0 as the help center's other subjects are to each other
    neighbour = unit(centres[0] + centres[1] + 0.8 * unit(rng.standard_normal(64)))
    other = _cloud(rng, neighbour, 12)
    assert kin.same_subject(other.sum(axis=0), 12, 0) < 0.1


def test_the_reference_follows_the_group_size_and_needs_answered_tickets() -> None:
    _, _, kin = _world()
    assert kin.size(3) == 2 and kin.size(12) == 8 and kin.size(500) == 16  # 40 answered: groups of 16 vs 24
    lonely = Kinship(np.eye(4, dtype=np.float32), {0: np.array([0]), 1: np.array([1, 2])})
    assert lonely.same_subject(np.ones(4), 5, 0) is None  # one answered ticket: no centre to compare with
    assert lonely.spread() is None  # too few answered tickets to stand for the help center's spread


def test_spread_is_read_from_the_answered_tickets() -> None:
    _, _, kin = _world()
    s = kin.spread()
    assert s is not None and 0.1 < s < 0.5


def test_an_articles_centre_is_its_better_scoring_answered_tickets() -> None:
    """Answered tickets of another subject that came closest to an article (its weaker ones) do not move its
    centre."""
    rng = np.random.default_rng(1)
    own, stray = unit(rng.standard_normal(64)), unit(rng.standard_normal(64))
    vectors = np.concatenate([_cloud(rng, own, 30), _cloud(rng, stray, 20)]).astype(np.float32)
    scores = np.concatenate([np.full(30, 0.9), np.full(20, 0.5)])
    kin = Kinship(vectors, {0: np.arange(50), 1: np.arange(50)[::-1]}, scores=scores)
    assert float(kin.centres[0] @ own) > 0.9 and float(kin.centres[0] @ stray) < 0.3


def test_tickets_an_agent_linked_to_an_article_are_its_centre() -> None:
    """Another subject's tickets can score higher for an article than its own (a missing article's customers
    find its nearest neighbour): the tickets an agent's reply linked to it say what it answers."""
    rng = np.random.default_rng(2)
    own, stray = unit(rng.standard_normal(64)), unit(rng.standard_normal(64))
    vectors = np.concatenate([_cloud(rng, own, 20), _cloud(rng, stray, 20)]).astype(np.float32)
    scores = np.concatenate([np.full(20, 0.4), np.full(20, 0.8)])  # the strays score higher
    linked = np.zeros(40, dtype=bool)
    linked[:6] = True
    members = {0: np.arange(40), 1: np.arange(40)[::-1]}
    assert float(Kinship(vectors, members, scores=scores).centres[0] @ stray) > 0.9  # by score alone: the strays
    kin = Kinship(vectors, members, scores=scores, linked=linked)
    assert float(kin.centres[0] @ own) > 0.9 and float(kin.centres[0] @ stray) < 0.3
    few = linked & (np.arange(40) < 2)  # fewer than three linked: no centre of their own
    assert float(Kinship(vectors, members, scores=scores, linked=few).centres[0] @ stray) > 0.5


def test_vector_rows_read_what_was_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The first pass's vectors, read back row by row or in any order, without a memory map."""
    from deflection.spool import VectorRows

    data = np.random.default_rng(2).standard_normal((10, 4)).astype(np.float16)
    path = tmp_path / "vectors.f16"
    path.write_bytes(data.tobytes())
    rows = VectorRows(path, 10, 4)
    try:
        assert rows.shape == (10, 4)
        assert np.array_equal(rows[3], data[3])
        assert np.array_equal(rows[[7, 2, 3, 4, 9]], data[[7, 2, 3, 4, 9]])
        assert np.array_equal(rows[np.arange(10)], data)
    finally:
        rows.close()
