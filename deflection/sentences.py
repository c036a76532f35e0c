"""Matching by sentence meaning: every article stands for a few texts (its keys), each ticket's cosine with an
article is its highest cosine with one of them, nearest neighbour style (with learned questions, the mean of its
:data:`NEAREST_KEYS` highest).

A ticket's **score** for an article is that cosine when the calibration's references are learned customer
questions (written like tickets); when they are the articles' own texts (no questions file yet), it is the
cosine minus the ticket's mean cosine over all articles (its **lead**): texts phrased unlike tickets lower every
cosine of a ticket by about the same amount, which the lead cancels, so the references and the tickets are
compared on one scale.

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
    """Its score for the best article (:attr:`SentenceIndex.statistic`)."""
    top: np.ndarray
    """The three best articles' indexes per ticket, best first."""
    top_scores: np.ndarray
    """Their scores."""
    vectors: np.ndarray
    """The tickets' unit vectors."""


NEAREST_KEYS = 5
"""With learned questions, a ticket's score for an article is its mean cosine with the article's this many nearest
keys: one near-duplicate question no longer decides, and a ticket must be near the article's questions, not near
one of them (chosen on banking valid among 1, 3 and 5; test splits: banking right & answered 77.1% → 80.3%,
missing intents surfaced 70% → 85%; clinc 67.8% → 71.3%, 100% both)."""
COSINE = f"mean cosine with the article's {NEAREST_KEYS} nearest keys"
"""What a score is when the references are learned questions."""
LEAD = "cosine with the article's nearest key minus the ticket's mean cosine over all articles"
"""What a score is when the references are the articles' own texts."""


def lead(scores: np.ndarray, column: np.ndarray, counted: np.ndarray | None = None) -> np.ndarray:
    """Each row's article score in ``column`` minus the row's mean over the articles ``counted`` (all when
    None): the score less what the ticket scores against any article, the same for help centers written in
    their customers' words or not."""
    if counted is None:
        mean = scores.mean(axis=1)
    else:
        mean = np.where(counted, scores, 0.0).sum(axis=1) / np.maximum(counted.sum(axis=1), 1)
    return scores[np.arange(len(scores)), column] - mean


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
        self.questions = bool(self.learned.sum() >= 2 * max(1, len(set(self.owner[self.learned].tolist()))))
        """Whether the references are the learned questions (at least two per article that has some)."""
        self.statistic = COSINE if self.questions else LEAD
        """What a score is (:data:`COSINE`, or :data:`LEAD` when the references are the articles' texts)."""

    def per_article(self, sims: np.ndarray) -> np.ndarray:
        """Rows of key similarities → rows of article scores: the best key of each article, or with learned
        questions the mean of its :data:`NEAREST_KEYS` best, or of as many as it learned questions when fewer (an
        article with two learned questions is not asked to be near five of its texts; keys left out, at -2, count
        for nothing)."""
        out = np.full((sims.shape[0], len(self.articles)), -1.0, dtype=np.float32)
        for i in range(len(self.articles)):
            cols = np.flatnonzero(self.owner == i)
            if len(cols) == 0:
                continue
            m = min(NEAREST_KEYS, max(1, int(self.learned[cols].sum()))) if self.questions else 1
            if m == 1 or len(cols) == 1:
                out[:, i] = sims[:, cols].max(axis=1)
                continue
            k = min(m, len(cols))
            near = np.partition(sims[:, cols], len(cols) - k, axis=1)[:, len(cols) - k:]
            kept = near > -1.5  # a key left out (leave-one-out) counts for nothing
            n = kept.sum(axis=1)
            out[:, i] = np.where(n > 0, np.where(kept, near, 0.0).sum(axis=1) / np.maximum(n, 1), -1.0)
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
        ts = np.take_along_axis(a, top, axis=1) - (0.0 if self.questions else a.mean(axis=1, keepdims=True))
        return Scored(top[:, 0], ts[:, 0], top, ts, v)

    def with_without(self, v: np.ndarray, article: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Tickets' scores (unit vectors ``v``) for a known ``article`` each, and for the nearest other article
        in the help center without it: the two references of :meth:`leave_one_out`, in customers' words (for
        tickets an agent's reply linked to an article)."""
        a = self.per_article(v @ self.vectors.T)
        return self._own_and_other(a, article, np.ones(a.shape, dtype=bool))

    def _own_and_other(self, a: np.ndarray, own: np.ndarray, counted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of article scores → each row's score for its ``own`` article, and for the nearest other one in the
        help center without it (``counted``: the articles a lead's mean counts; changed in place)."""
        pos = self._scores(a, own, counted)
        counted[np.arange(len(own)), own] = False
        nearest = np.where(counted, a, -np.inf).argmax(axis=1)
        return pos, self._scores(a, nearest, counted)

    def _scores(self, a: np.ndarray, column: np.ndarray, counted: np.ndarray | None = None) -> np.ndarray:
        """Rows of article scores → each row's score for the article in ``column``, counting the articles
        ``counted`` (all when None) in the lead."""
        return a[np.arange(len(a)), column] if self.questions else lead(a, column, counted)

    def leave_one_out(self) -> tuple[np.ndarray, np.ndarray, str]:
        """Reference scores: each key against its own article's other keys ("answered") and against the nearest
        other article ("no article"), and which keys were used: the learned questions when articles have some
        (customers' words), else every key but the titles (a title against its own article's description,
        keywords and headings). Scored as tickets are (:attr:`statistic`); a lead's mean counts every article
        for "answered", every article but the key's own for "no article" (the help center without it)."""
        use = self.learned.copy()
        source = "learned questions"
        if not self.questions:
            titles = np.zeros(len(self.keys), dtype=bool)
            titles[np.unique(self.owner, return_index=True)[1]] = True
            use = ~titles
            source = ("article texts (descriptions, keywords, headings against the other texts; a score is the cosine "
                      "minus the ticket's mean cosine over all articles)")
        rows = np.flatnonzero(use)
        pos: list[float] = []
        neg: list[float] = []
        for start in range(0, len(rows), 1024):
            r = rows[start:start + 1024]
            sims = self.vectors[r] @ self.vectors.T
            sims[np.arange(len(r)), r] = -2.0  # leave the key itself out
            a = self.per_article(sims)
            own = self.owner[r]
            keep = a[np.arange(len(r)), own] > -1.5  # the article has another key
            a, own = a[keep], own[keep]
            with_it, without = self._own_and_other(a, own, a > -1.5)
            pos.extend(with_it.tolist())
            neg.extend(without.tolist())
        return np.asarray(pos), np.asarray(neg), source
