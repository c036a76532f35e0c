"""Near-duplicate article bodies: the same article exported twice (or already written by hand) under another title.

Two bodies are near-duplicates when their sets of three-word shingles (words of the text, link targets and
Markdown left out) overlap by at least :data:`SAME_TEXT` (Jaccard). Candidates are found with four min-hashes
(bodies sharing one are compared), so an export of thousands of articles is not compared pair by pair; a pair
at the threshold is missed only when all four differ (about 0.2⁴ if the hashes were independent).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

SAME_TEXT = 0.8
"""Jaccard overlap of shingles from which two bodies are the same text (an added line or a changed word)."""
MIN_WORDS = 8
"""Bodies shorter than this ("Coming soon.") say too little to call two articles the same."""
_BANDS = (0x5BD1E995, 0x27D4EB2F, 0x165667B1, 0x9E3779B1)
"""Odd multipliers: each makes a permutation of 32-bit hashes, whose minimum is one min-hash."""
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Body:
    """One article's text, reduced to what near-duplicate detection compares."""

    key: str
    """Who it is (a source id, or a file for an article already in the help center)."""
    shingles: frozenset[int]
    """Hashes of its three-word shingles (empty when the text is too short to compare)."""


def body(key: str, markdown: str) -> Body:
    """The comparable form of ``markdown`` (lowercased words; link targets, code fences' marks and markup dropped)."""
    words = _WORD.findall(_LINK_TARGET.sub("]", markdown).lower())
    if len(words) < MIN_WORDS:
        return Body(key, frozenset())
    return Body(key, frozenset(zlib.crc32(" ".join(words[i:i + 3]).encode()) for i in range(len(words) - 2)))


def overlap(a: Body, b: Body) -> float:
    """Jaccard overlap of two bodies' shingles (0 when either is too short)."""
    if not a.shingles or not b.shingles:
        return 0.0
    return len(a.shingles & b.shingles) / len(a.shingles | b.shingles)


class Index:
    """Bodies seen so far; :meth:`twin` finds the first earlier one with the same text."""

    def __init__(self) -> None:
        self._bodies: list[Body] = []
        self._buckets: dict[tuple[int, int], list[int]] = {}

    def twin(self, b: Body) -> Body | None:
        """The earliest added body that is a near-duplicate of ``b`` (the closest when several tie), else None."""
        if not b.shingles:
            return None
        seen: set[int] = set()
        best: tuple[float, int] | None = None
        for band in self._bands(b):
            for n in self._buckets.get(band, ()):
                if n in seen:
                    continue
                seen.add(n)
                score = overlap(b, self._bodies[n])
                if score >= SAME_TEXT and (best is None or (-score, n) < (-best[0], best[1])):
                    best = (score, n)
        return self._bodies[best[1]] if best else None

    def add(self, b: Body) -> None:
        """Remember ``b`` for later :meth:`twin` calls."""
        if not b.shingles:
            return
        self._bodies.append(b)
        for band in self._bands(b):
            self._buckets.setdefault(band, []).append(len(self._bodies) - 1)

    @staticmethod
    def _bands(b: Body) -> list[tuple[int, int]]:
        return [(i, min((h * salt) & 0xFFFFFFFF for h in b.shingles)) for i, salt in enumerate(_BANDS)]
