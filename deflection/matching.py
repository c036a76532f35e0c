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


LEARNED_THRESHOLDS = Thresholds(min_score=203.0, min_ratio=1.0, near_score=121.8, phrase_bonus=6.0,
                                similarity_bonus=1.0, similarity_pivot=0.88, question_bonus=4.0, question_pivot=0.73,
                                min_questions=10)
"""The rule of articles that learned at least 10 customer questions: the same calibration with the banking77_oos
train split's supported tickets as the questions file, on the VALID split, plus ``(question_bonus,
question_pivot)`` (then ``min_score`` again). ``python -m bench.deflection_quality --questions --calibrate``.
``min_questions``: with 10 questions an article this rule judges better than the plain one (valid F1 of
"unanswered" 0.59 vs 0.54), with 5 worse (0.54 vs 0.57): ``--questions-per-article N``."""

DEFAULT_THRESHOLDS = Thresholds(min_score=124.0, min_ratio=1.0, near_score=74.4, phrase_bonus=4.0,
                                similarity_bonus=0.5, similarity_pivot=0.56, learned=LEARNED_THRESHOLDS)
"""Calibrated on banking77_oos train (50 supported intents with articles vs 27 held-out intents without), best F1
for "unanswered": ``(min_score, min_ratio, phrase_bonus)`` on an index without meaning vectors (the rule of
locales without them), then ``(similarity_bonus, similarity_pivot)`` with those fixed; ``near_score`` is the 25th
percentile of supported tickets' best evidence. Articles with questions use :data:`LEARNED_THRESHOLDS`. Re-run
``python -m bench.deflection_quality --calibrate``; see ``deflection/CALIBRATION.md``."""


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
    @property
    def questions(self) -> int:
        """How many customer questions the article learned (0, or absent, when none)."""
        ...
    @property
    def nearest(self) -> float:
        """Highest cosine of the query with one of the article's learned questions (0.0, or absent, when none)."""
        ...
    @property
    def similarity(self) -> float:
        """Cosine (-1 to 1) of the query's and the article's meaning vectors; exactly 0.0, or absent, when there
        are none (a locale without a model, a query without known words): the hit is then judged on words alone."""
        ...


class MatchEngine(Protocol):
    """What deflection needs of a locale's search engine (``search_index.Engine`` satisfies it)."""

    def match_many(self, queries: Iterable[str], *, limit: int = 3) -> Iterator[tuple[Hit, ...]]:
        """Best hits for each query, in order."""
        ...


EngineForLocale = Callable[[str], MatchEngine]
"""Opens (once) the engine of one locale of the help center."""


def evidence(hit: Hit, thresholds: Thresholds) -> float:
    """How surely ``hit`` answers its query, in score units: the score, raised when the ticket uses the article's
    own wording (``phrase_bonus``), times :func:`meaning_factor`."""
    phrase = float(getattr(hit, "phrase", 0.0))
    return float(hit.score) * (1.0 + thresholds.phrase_bonus * phrase) * meaning_factor(hit, thresholds)


def _factor(value: float, bonus: float, pivot: float) -> float:
    """``exp(bonus × (value − pivot))``, exactly 1 for a value of 0.0 (not measured)."""
    return 1.0 if value == 0.0 else math.exp(bonus * (value - pivot))


def meaning_factor(hit: Hit, thresholds: Thresholds) -> float:
    """``exp(similarity_bonus × (similarity − similarity_pivot))``: above 1 when the query's meaning is closer to
    the article's than ``similarity_pivot``, below 1 when further; exactly 1 for a hit without a similarity
    (0.0: no meaning vectors), so those are judged by the words-only rule the thresholds were calibrated for.
    Times ``exp(question_bonus × (nearest − question_pivot))`` for a hit whose article learned questions: how
    close the ticket is to the closest of them (``SearchHit.nearest``)."""
    t = thresholds
    return (_factor(float(getattr(hit, "similarity", 0.0)), t.similarity_bonus, t.similarity_pivot)
            * _factor(float(getattr(hit, "nearest", 0.0)), t.question_bonus, t.question_pivot))


def decide(hits: Sequence[Hit], thresholds: Thresholds, scale: float = 1.0) -> Match:
    """Answered when the best hit's :func:`evidence` is at least ``min_score × scale`` and, if ``min_ratio`` is
    above 1, at least ``min_ratio`` times the runner-up's evidence (``scale``: :func:`score_scale` of the help
    center's size). A best hit whose article learned at least ``thresholds.learned.min_questions`` questions is
    judged by ``thresholds.learned`` when set.

    The best hit is the engine's first, which meaning vectors may have put ahead of a higher-scoring runner-up:
    the lead is therefore measured on evidence, which counts similarity too, and ``min_ratio`` 1.0 switches the
    test off rather than rejecting every ticket whose best article was reordered."""
    if not hits:
        return Match(Status.UNANSWERED, "", "", "", 0.0, False)
    best = hits[0]
    learned = thresholds.learned
    if learned is not None and getattr(best, "questions", 0) >= max(1, learned.min_questions):
        thresholds = learned
    strength = evidence(best, thresholds)
    answered = strength >= thresholds.min_score * scale
    if answered and thresholds.min_ratio > 1.0 and len(hits) > 1:
        answered = strength >= thresholds.min_ratio * evidence(hits[1], thresholds)
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
