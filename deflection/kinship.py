"""Does a topic ask what an article already answers? Evidence from the group, not from single tickets.

A single ticket's score separates "answered" from "no article" poorly when a help center's subjects are near
neighbours (a card that was swallowed vs a card that does not work). A group of tickets separates far better: the
centre of many tickets asking one thing sits where that thing sits, whatever the phrasing of each. So a topic's
verdict compares the centre of its tickets (unit mean of their vectors) with an article's **centre**: the unit
mean of the better-scoring half of the tickets the report called answered by it, in the export's own words (no
shift between how a help center is written and how its customers write; the better half, because the weaker
answered tickets include other subjects' tickets that came closest to it).

How near is near enough is read off the same export, for the topic's size: random groups of that many of an
article's weaker answered tickets (a topic is made of tickets that scored too low to be answered) are compared
with its centre ("same subject") and with the nearest other article's centre ("another subject"). A topic asks
what the article answers when its similarity is at least as likely under "same subject" as under "another
subject" (Gaussian kernel densities, even odds). Sizes are taken in powers of two up to :data:`LARGEST` (a
centre's noise shrinks with the square root of its size, so larger groups change little).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from deflection.calibrate import posterior
from deflection.spool import VectorRows
from deflection.topics import spread, unit

LARGEST = 64
"""Group sizes above this are compared as groups of this size."""
FEWEST = 3
"""Answered tickets an article needs, and articles the export needs, before the answered tickets' spread stands
for the help center's (one pair of tickets is one distance, not a spread)."""
DRAWS = 400
"""Random groups drawn per size and reference (spread over the articles that have enough answered tickets)."""


class Kinship:
    """The answered tickets' centres per article, and the references of :meth:`same_subject`."""

    def __init__(self, vectors: np.ndarray | VectorRows, members: Mapping[int, np.ndarray], seed: int = 0,
                 scores: np.ndarray | None = None, linked: np.ndarray | None = None) -> None:
        """``vectors``: every analysed ticket's unit vector (rows, spool order); ``members``: per article (index),
        the rows of the tickets called answered with it as their best article (or linked to it by an agent's
        reply); ``scores``: every ticket's score (rows), which orders them (in the given order when None);
        ``linked``: per row, whether an agent's reply linked the ticket's article (:attr:`core`)."""
        self.vectors = vectors
        self.members = {a: np.asarray(m, dtype=np.int64) for a, m in members.items() if len(m) >= 2}
        """Articles with at least two answered tickets, and their rows: reply-linked first, then best-scoring."""
        first = np.zeros(vectors.shape[0], dtype=bool) if linked is None else np.asarray(linked, dtype=bool)
        if scores is not None or linked is not None:
            s = np.zeros(vectors.shape[0]) if scores is None else np.asarray(scores, np.float64)
            self.members = {a: m[np.lexsort((-s[m], ~first[m]))] for a, m in self.members.items()}
        known = {a: int(first[m].sum()) for a, m in self.members.items()}
        self.core = {a: m[:min(known[a], len(m) // 2) if known[a] >= FEWEST else len(m) // 2]
                     for a, m in self.members.items()}
        """Each article's centre tickets: the tickets an agent's reply linked to it, when at least :data:`FEWEST`
        (known answers, in the customers' words; up to half of its answered tickets), else the better-scoring half
        of its answered tickets (the weaker half holds other subjects' tickets that came closest to it). Test
        splits, 10% or 30% of the covered tickets linked: false-alarm topics fell on 7 of 8 rows (banking articles
        only 26 → 21 and 18 → 14, clinc 7 → 6 and 3 → 1)."""
        self.order = sorted(self.members)
        self.centres = np.stack([unit(np.asarray(vectors[self.core[a]], np.float64).mean(axis=0))
                                 for a in self.order]) if self.order else np.zeros((0, vectors.shape[1]))
        """Unit centre of each article (rows in :attr:`order`)."""
        self.row = {a: i for i, a in enumerate(self.order)}
        self.rng = np.random.default_rng(seed)
        self._refs: dict[int, tuple[np.ndarray, np.ndarray] | None] = {}

    def spread(self, most: int = 200) -> float | None:
        """How far apart the tickets of one subject are, in the customers' own words: :func:`deflection.topics.spread`
        over the answered tickets of the articles that have at least :data:`FEWEST` (at most ``most`` per article,
        drawn at random); None when fewer than :data:`FEWEST` articles have that many."""
        enough = [a for a in self.order if len(self.members[a]) >= FEWEST]
        if len(enough) < FEWEST:
            return None
        groups = []
        for a in enough:
            rows = self.members[a]
            if len(rows) > most:
                rows = np.sort(self.rng.choice(rows, most, replace=False))
            groups.append(np.asarray(self.vectors[rows], np.float64))
        return spread(groups)

    def size(self, n: int) -> int:
        """The reference size a group of ``n`` tickets is compared at: the largest power of two ≤ ``n`` (at most
        :data:`LARGEST`) for which some article has twice as many answered tickets; 0 when none has."""
        biggest = max((len(m) for m in self.members.values()), default=0)
        m = 1
        while m * 2 <= min(n, LARGEST) and m * 4 <= biggest:
            m *= 2
        return m if m * 2 <= biggest else 0

    def reference(self, m: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Similarities of random groups of ``m`` of an article's weaker answered tickets with its centre
        ("same subject") and with the nearest other article's centre ("another subject"); None when no article
        has ``2m`` answered tickets or there is no other article."""
        if m in self._refs:
            return self._refs[m]
        eligible = [a for a in self.order if len(self.members[a]) >= 2 * m]
        out = None
        if eligible and len(self.order) > 1:
            same, other = [], []
            per = max(1, DRAWS // len(eligible))
            for a in eligible:
                weaker = self.members[a][len(self.core[a]):]
                for _ in range(per):
                    pick = weaker[self.rng.choice(len(weaker), m, replace=False)]
                    c = unit(np.asarray(self.vectors[pick], np.float64).sum(axis=0))
                    same.append(float(c @ self.centres[self.row[a]]))
                    sims = self.centres @ c
                    sims[self.row[a]] = -2.0
                    other.append(float(sims.max()))
            out = (np.asarray(same), np.asarray(other))
        self._refs[m] = out
        return out

    def nearest(self, total: np.ndarray) -> int | None:
        """The article whose answered tickets' centre is nearest to a group whose vectors sum to ``total``; None
        when no article has answered tickets."""
        if not self.order:
            return None
        return self.order[int(np.argmax(self.centres @ unit(np.asarray(total, np.float64))))]

    def same_subject(self, total: np.ndarray, n: int, article: int) -> float | None:
        """Probability (even odds) that a group of ``n`` tickets whose vectors sum to ``total`` asks what
        ``article``'s answered tickets ask; None when the export has too few answered tickets to tell."""
        if article not in self.row:
            return None
        m = self.size(n)
        ref = self.reference(m) if m else None
        if ref is None:
            return None
        s = np.array([float(unit(np.asarray(total, np.float64)) @ self.centres[self.row[article]])])
        return float(posterior(ref[0], ref[1], s)[0])
