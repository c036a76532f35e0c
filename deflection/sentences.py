"""Matching by sentence meaning: every article stands for a few texts (its keys), each ticket's score for an
article is its highest cosine with one of them, nearest neighbour style.

Keys: the article's title, description, keywords and headings, and the customer questions it learned (the
questions file). :meth:`SentenceIndex.leave_one_out` gives the calibration's reference scores
(:mod:`deflection.calibrate`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from deflection.encoder import Encoder
from helpkit.model import Article


@dataclass(frozen=True, slots=True)
class Scored:
    """A batch of tickets scored against every article."""

    best: np.ndarray
    """Index (in :attr:`SentenceIndex.articles`) of each ticket's best article."""
    score: np.ndarray
    """Its score (cosine with the article's nearest key)."""
    top: np.ndarray
    """The three best articles' indexes per ticket, best first."""
    top_scores: np.ndarray
    """Their scores."""
    vectors: np.ndarray
    """The tickets' unit vectors."""


def article_keys(a: Article) -> list[str]:
    """The texts that stand for an article, without repeats (case aside)."""
    texts = [a.title, a.description, *a.keywords, *(s.title for s in a.sections), *a.questions]
    seen: set[str] = set()
    out = []
    for t in texts:
        k = " ".join(t.split()).casefold()
        if k and k not in seen:
            seen.add(k)
            out.append(t)
    return out


class SentenceIndex:
    """The articles' key vectors, and scoring of tickets against them."""

    def __init__(self, articles: Sequence[Article], encoder: Encoder,
                 progress: Callable[[int], None] | None = None) -> None:
        self.articles = tuple(articles)
        """The articles, in the order of the indexes returned."""
        keys: list[str] = []
        owner: list[int] = []
        learned: list[bool] = []
        for i, a in enumerate(self.articles):
            questions = {" ".join(q.split()).casefold() for q in a.questions}
            for k in article_keys(a):
                keys.append(k)
                owner.append(i)
                learned.append(" ".join(k.split()).casefold() in questions)
        self.encoder = encoder
        self.keys = keys
        """Every article's keys, article by article."""
        self.owner = np.asarray(owner, dtype=np.int64)
        """Article index of each key."""
        self.learned = np.asarray(learned, dtype=bool)
        """Whether each key is a learned customer question."""
        self.vectors = encoder.encode(keys, progress) if keys else np.zeros((0, encoder.dimensions), np.float32)
        """Unit vector of each key."""

    def per_article(self, sims: np.ndarray) -> np.ndarray:
        """Rows of key similarities → rows of article scores (the best key of each article)."""
        out = np.full((sims.shape[0], len(self.articles)), -1.0, dtype=np.float32)
        for i in range(len(self.articles)):
            cols = np.flatnonzero(self.owner == i)
            if len(cols):
                out[:, i] = sims[:, cols].max(axis=1)
        return out

    def score(self, texts: Sequence[str]) -> Scored:
        """Score tickets' texts (cleaned) against every article."""
        v = self.encoder.encode(texts)
        return self.score_vectors(v)

    def score_vectors(self, v: np.ndarray) -> Scored:
        """Score tickets' unit vectors against every article."""
        a = self.per_article(v @ self.vectors.T)
        k = min(3, a.shape[1])
        top = np.argsort(-a, axis=1, kind="stable")[:, :k]
        ts = np.take_along_axis(a, top, axis=1)
        return Scored(top[:, 0], ts[:, 0], top, ts, v)

    def leave_one_out(self) -> tuple[np.ndarray, np.ndarray, str]:
        """Reference scores: each key against its own article's other keys ("answered") and against the nearest
        other article ("no article"), and which keys were used: the learned questions when articles have some
        (customers' words), else every key but the titles (a title against its own article's description,
        keywords and headings)."""
        use = self.learned.copy()
        source = "learned questions"
        if use.sum() < 2 * max(1, len(set(self.owner[use].tolist()))):
            titles = np.zeros(len(self.keys), dtype=bool)
            titles[np.unique(self.owner, return_index=True)[1]] = True
            use = ~titles
            source = "article texts (descriptions, keywords, headings against the other texts)"
        rows = np.flatnonzero(use)
        pos: list[float] = []
        neg: list[float] = []
        for start in range(0, len(rows), 1024):
            r = rows[start:start + 1024]
            sims = self.vectors[r] @ self.vectors.T
            sims[np.arange(len(r)), r] = -2.0  # leave the key itself out
            a = self.per_article(sims)
            own = self.owner[r]
            p = a[np.arange(len(r)), own]
            a[np.arange(len(r)), own] = -2.0
            n = a.max(axis=1)
            keep = p > -1.5  # the article has another key
            pos.extend(p[keep].tolist())
            neg.extend(n[keep].tolist())
        return np.asarray(pos), np.asarray(neg), source
