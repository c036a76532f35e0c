"""Matching tickets to articles with the help center's own search engine, and the answered/unanswered rule.

Deflection does not import the search stage: it needs only what :class:`MatchEngine` describes, which
``search_index.Engine`` provides (``match_many``); the CLI opens the real engine, tests may pass another.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from deflection.model import Match, Status, Thresholds

QUERY_CHARS = 600
"""A ticket's query is its cleaned text cut to this many characters (the question is nearly always first)."""

CALIBRATION_ARTICLES = 50
"""Articles in the help center the thresholds were calibrated on."""


def score_scale(articles: int) -> float:
    """BM25 scores grow with the log of the number of articles (through idf); thresholds are given for a
    help center of :data:`CALIBRATION_ARTICLES` articles and scaled by this factor for others."""
    return math.log1p(max(1, articles)) / math.log1p(CALIBRATION_ARTICLES)


DEFAULT_THRESHOLDS = Thresholds(min_score=124.0, min_ratio=1.0, near_score=74.4, phrase_bonus=4.0)
"""Calibrated on banking77_oos train (50 supported intents with articles vs 27 held-out intents without): the
(min_score, min_ratio, phrase_bonus) with the best F1 for "unanswered"; ``near_score`` is the 25th percentile of
supported tickets' best evidence. Re-run ``python -m bench.deflection_quality --calibrate``; see
``deflection/CALIBRATION.md``."""


class Hit(Protocol):
    """What deflection reads of a search hit (``search_index.SearchHit`` has these)."""

    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def phrase(self) -> float:
        """Share (0-1) of the article's closest title or keyword phrase that the query contains; hits without
        it count as 0."""
        ...


class MatchEngine(Protocol):
    """What deflection needs of a locale's search engine (``search_index.Engine`` satisfies it)."""

    def match_many(self, queries: Iterable[str], *, limit: int = 3) -> Iterator[tuple[Hit, ...]]:
        """Best hits for each query, in order."""
        ...


EngineForLocale = Callable[[str], MatchEngine]
"""Opens (once) the engine of one locale of the help center."""


def evidence(hit: Hit, thresholds: Thresholds) -> float:
    """The best hit's score, raised when the ticket uses the article's own wording (``phrase_bonus``)."""
    return float(hit.score) * (1.0 + thresholds.phrase_bonus * float(getattr(hit, "phrase", 0.0)))


def decide(hits: Sequence[Hit], thresholds: Thresholds, scale: float = 1.0) -> Match:
    """Answered when the best hit's :func:`evidence` is at least ``min_score × scale`` and its score beats the
    runner-up's by ``min_ratio`` (``scale``: :func:`score_scale` of the help center's size)."""
    if not hits:
        return Match(Status.UNANSWERED, "", "", "", 0.0, False)
    best = hits[0]
    second = hits[1].score if len(hits) > 1 else 0.0
    ratio = float(best.score) / float(second) if second > 0 else float("inf")
    strength = evidence(best, thresholds)
    answered = strength >= thresholds.min_score * scale and ratio >= thresholds.min_ratio
    near = not answered and strength >= thresholds.near_score * scale
    return Match(Status.ANSWERED if answered else Status.UNANSWERED, best.slug, best.url, best.title,
                 float(best.score), bool(near))


class Matcher:
    """Matches batches of (locale, query) pairs, one engine per locale, with a bounded cache of repeated queries
    (exports repeat "Where is my card?" thousands of times)."""

    def __init__(self, engine_for_locale: EngineForLocale, *, cache_size: int = 100_000, limit: int = 3) -> None:
        self._open = engine_for_locale
        self._engines: dict[str, MatchEngine] = {}
        self._cache: OrderedDict[tuple[str, str], tuple[Hit, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._limit = limit

    def engine(self, locale: str) -> MatchEngine:
        """The engine of ``locale``, opened on first use."""
        if locale not in self._engines:
            self._engines[locale] = self._open(locale)
        return self._engines[locale]

    def hits(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[Hit, ...]]:
        """Hits for each ``(locale, query)``, in order."""
        out: list[tuple[Hit, ...] | None] = [None] * len(pairs)
        todo: dict[str, dict[str, list[int]]] = {}
        for i, key in enumerate(pairs):
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                out[i] = cached
            else:
                todo.setdefault(key[0], {}).setdefault(key[1], []).append(i)
        for locale, queries in todo.items():
            texts = list(queries)
            for text, found in zip(texts, self.engine(locale).match_many(texts, limit=self._limit), strict=True):
                found = tuple(found)
                for i in queries[text]:
                    out[i] = found
                self._cache[(locale, text)] = found
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return out  # type: ignore[return-value]


def query_of(text: str) -> str:
    """The search query for a cleaned ticket text."""
    return text[:QUERY_CHARS]
