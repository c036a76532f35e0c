"""Matching tickets to articles with the help center's own search engine (the matcher without the sentence
encoder, and ``--fast``); the answered/unanswered rule is calibrated at report time (:mod:`deflection.calibrate`).

Deflection does not import the search stage: it needs only what :class:`MatchEngine` describes, which
``search_index.Engine`` provides (``match_many``); the CLI opens the real engine, tests may pass another.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from deflection.model import Match, Status
from helpkit.model import Article

QUERY_CHARS = 600
"""A ticket's query is its cleaned text cut to this many characters (the question is nearly always first)."""

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


def engine_score(hit: Hit) -> float:
    """The search engine's score of a hit on the scale calibration uses: ``log(1 + score)`` (BM25 scores are
    skewed; the log spreads the low end, where answered and unanswered tickets part)."""
    return math.log1p(max(0.0, float(hit.score)))


def best_match(hits: Sequence[Hit]) -> Match:
    """The engine's best hit as a :class:`Match` (status decided later, once the export is calibrated)."""
    if not hits:
        return Match(Status.UNANSWERED, "", "", "", 0.0, False)
    best = hits[0]
    return Match(Status.UNANSWERED, best.slug, best.url, best.title, engine_score(best), False)


def engine_leave_one_out(engine: MatchEngine, articles: Sequence[Article]) -> tuple[list[float], list[float], str]:
    """Reference scores for the search engine's matcher (:mod:`deflection.calibrate`): each article's keys
    (description, keywords, headings, learned questions; :func:`deflection.sentences.article_keys` but the
    title) searched, scored against their own article ("answered": 0 when it is not among the hits) and the best
    other article ("no article")."""
    from deflection.sentences import article_keys

    queries: list[tuple[str, str]] = []
    for a in articles:
        queries.extend((a.slug, k) for k in article_keys(a)[1:])
    pos: list[float] = []
    neg: list[float] = []
    found = engine.match_many([q for _, q in queries], limit=10)
    for (slug, _), hits in zip(queries, found, strict=True):
        own = [engine_score(h) for h in hits if h.slug == slug]
        other = [engine_score(h) for h in hits if h.slug != slug]
        pos.append(own[0] if own else 0.0)
        neg.append(other[0] if other else 0.0)
    learned = " and learned questions" if any(a.questions for a in articles) else ""
    return pos, neg, f"article texts{learned} searched with the engine"


def without_article(hits: Sequence[Hit], slug: str) -> float:
    """A ticket's score without the article ``slug``: its first other hit's, as the engine ranks them (0 when it
    has none), as :func:`engine_leave_one_out` scores a key without its article."""
    return next((engine_score(h) for h in hits if h.slug != slug), 0.0)


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
