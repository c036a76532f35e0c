"""Whether a search found a good answer: a cut-off derived, at build time, from the help center in hand.

A query whose best hit is weak (an out-of-scope question sharing one common word with an article) should not be
shown as if it were answered. Two signals describe the first hit, both comparable between queries:

- **coverage**: the first hit's BM25F score over the most the query's typed terms could score (each term's
  ``idf × (K1 + 1)``, its saturated maximum; a word the articles never use counts with the idf of a word in no
  article). Near 1 when every word weighs as much as it can; near 0 when one common word of a long query
  matched. Integer sums (:func:`ceiling`), so Python and the browser compute the same value.
- **similarity**: the first hit's meaning cosine (:mod:`search_index._meaning`), for languages with vectors.

The cut-offs come from the articles themselves (:func:`calibrate`). Every key of an article — its title,
description, each keyword, each heading (below the title), each learned question — is a query a customer could
type, and is scored against its own article **with the key left out** (the article's weighted frequencies minus
the key's occurrences; its meaning vector without the key's words or question): what a query the article
answers, in words the article does not quite use, scores. Keys the article no longer matches at all without
them (coverage 0) are set aside: such a query finds nothing, and "nothing" needs no cut-off. A first hit below
the lower :data:`QUANTILE` of the other keys, on either signal, is weak — except that a first hit as close in
meaning as half the keys are to their own article (:data:`CLOSE_QUANTILE` of their similarity) needs no
coverage: its low coverage comes from the customer's phrasing, not from another topic ("how much does it
cost": "much" is in no article, so it weighs as much as an off-topic word and leaves "cost" half the query). The
values are stored in the index (``helpkit-index.json``, ``meta.js``): ``helpkit search`` and the browser compare
against the same numbers.

Why not the balanced cut between a key's score on its own article and on the nearest other article: in a help
center of close topics (BANKING77's 77 intents) the nearest other article scores almost as high as the own one,
so that cut lands between two in-scope articles (coverage 0.33, cosine 0.78), above most customers' answered
queries (median coverage 0.23); the question "is there an answer at all" is one of distance from every
article, which the own-article keys' spread measures.

Measured (``bench/search_weak.py``; designed on banking train, the figures below on test splits with the same
code): bench/fixtures/banking flags 87.5% of BANKING77-OOS's off-topic queries and 6.6% of BANKING77 queries it
answers (top-1 74.8% overall: 37.3% among the flagged, 77.5% among the others); bench/fixtures/clinc flags 88.9%
of CLINC150's out-of-scope queries, 78.9% of its other domains' queries and 19.4% of the queries it answers
(top-1 72.6%: 41.7% flagged, 80.0% not). With ``--missing``, in-domain questions with no article: 20.2% (banking)
and 40.8% (clinc) flagged. Without :attr:`Cutoff.close`: 87.5% / 7.4%; 88.9% / 79.0% / 21.3%; 21.1% and
40.8%. Words alone (no meaning vectors): 78.3% / 5.6% and 68.2% / 13.6%.

A query with a corrected typo is ranked and judged on the words meant (the "did you mean"), on both signals: a
misspelt word has no meaning vector, so "refnd" alone had similarity 0 and its first hit, the refund article,
was called weak. Measured on the test splits against judging the typed words: banking answered flagged 7.5% →
7.4%, off-topic 88.3% → 87.5%; clinc answered 21.4% → 21.3%, out-of-scope 89.2% → 88.9%, other domains 79.4% →
79.0%; top-1 unchanged. The off-topic queries it lets through are mostly real words the corrector takes for typos
("parking" → "paying", "pink" → "pin": words missing from the meaning vocabulary), judged as the query they
were turned into.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from helpkit.model import Article
from search_index._scoring import K1, SCALE, idf

MIN_KEYS = 20
"""Fewer keys (a help center of two or three articles) calibrate nothing: every search is confident."""

QUANTILE = 0.075
"""Share of the articles' own keys (each left out, among those it still finds) whose score a confident first hit
may fall below, for each signal. Chosen on BANKING77's train queries and BANKING77-OOS's off-topic validation
queries (``bench/search_weak.py --split train``): 0.05 flagged 5.5% of answered queries and 86% of out-of-scope
ones, 0.075 8.4% and 93.5%, 0.10 14% and 96.5%."""

CLOSE_QUANTILE = 0.5
"""Share of the keys' meaning similarities below the one from which a first hit is confident whatever its coverage
(:attr:`Cutoff.close`): the median. Chosen on BANKING77 train (``bench/search_weak.py --split train --missing``:
11 of the 77 articles left out, their queries in the domain with no article), answered flagged / off-topic flagged
/ in-domain without an article flagged: without it 8.0% / 94.0% / 23.2%; 0.5 6.9% / 94.0% / 21.4%; 0.4 6.3% /
94.0% / 19.5%; 0.25 4.0% / 93.5% / 14.1%. A lower share frees more answered queries but lets twice as many in-domain
questions with no article pass (meaning cannot tell a neighbouring topic from the same one); the median loses no
off-topic query and little of the in-domain ones."""

MAX_KEYS = 3_000
"""Keys scored at most (evenly spaced over the help center's): the calibration's cost stays bounded."""


@dataclass(frozen=True, slots=True)
class Cutoff:
    """Where a good first hit starts, for one locale's index."""

    coverage: float = 0.0
    """Least coverage (see the module docstring) of a confident first hit; 0.0: not calibrated."""
    similarity: float | None = None
    """Least meaning cosine of a confident first hit; None without meaning vectors."""
    keys: int = 0
    """How many article keys the cut-offs were derived from."""
    close: float | None = None
    """Meaning cosine from which a first hit is confident whatever its coverage; None without meaning vectors."""

    def confident(self, coverage: float, similarity: float) -> bool:
        """Whether a first hit with this ``coverage`` and ``similarity`` is a good answer (hk-search.js
        ``judge``)."""
        if self.similarity is not None and similarity < self.similarity:
            return False
        return coverage >= self.coverage or (self.close is not None and similarity >= self.close)


def ceiling(doc_count: int, doc_frequency: int) -> int:
    """The most one occurrence-saturated term can score, as the score table's integers: ``SCALE × idf × (K1 + 1)``
    rounded (hk-search.js ``ceiling``)."""
    return round(SCALE * idf(doc_count, doc_frequency) * (K1 + 1.0))


def coverage(score: int, possible: int) -> float:
    """``score`` (an integer BM25F total) over ``possible``, the most the query's typed terms could score (the sum
    of weight × :func:`ceiling` over them). 0.0 for a query with no typed term."""
    return score / possible if possible > 0 else 0.0


def frequency(score: int, idf_value: float) -> float:
    """The weighted frequency behind an integer term score (the inverse of :func:`search_index._scoring.score`)."""
    top = SCALE * idf_value * (K1 + 1.0)
    return score * K1 / (top - score) if score < top else 1e9


def lower_quantile(values: Sequence[float], share: float) -> float:
    """The least value that at most ``share`` of ``values`` fall below (``sorted(values)[floor(share × n)]``)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.floor(share * len(ordered)))]


def calibrate(samples: Sequence[tuple[float, float]], meaning: bool) -> Cutoff:
    """The cut-offs from the keys' (coverage, similarity) against their own article, each left out: the
    :data:`QUANTILE` lower quantile of each signal, and the :data:`CLOSE_QUANTILE` one of the similarity (those of
    the similarity only with meaning vectors)."""
    found = [(c, s) for c, s in samples if c > 0]
    if len(found) < MIN_KEYS:
        return Cutoff(keys=len(found))
    cov = lower_quantile([c for c, _ in found], QUANTILE)
    if not meaning:
        return Cutoff(_round(cov), None, len(found))
    sims = [s for _, s in found]
    return Cutoff(_round(cov), _round(lower_quantile(sims, QUANTILE)), len(found),
                  _round(lower_quantile(sims, CLOSE_QUANTILE)))


def _round(x: float) -> float:
    """Down to four decimals: the stored value reads the same in JSON for Python and the browser."""
    return math.floor(x * 10_000) / 10_000


@dataclass(frozen=True, slots=True)
class Key:
    """A text of an article that a customer could type as a query."""

    doc: int
    """Its article's document number."""
    field: str
    """Where it is: ``title``, ``description``, ``keywords``, ``headings`` or ``questions``."""
    text: str
    """The text."""
    weight: float
    """What one occurrence of one of its terms adds to its article's BM25F frequency (the field's occurrence
    weight in that article): what leaving it out takes away."""


def article_keys(article: Article, doc: int, weights: dict[str, float]) -> Iterator[Key]:
    """The keys of one article: title, description, each keyword, each heading (below the title), each question."""
    texts = [("title", article.title), ("description", article.description),
             *(("keywords", k) for k in article.keywords),
             *(("headings", s.title) for s in article.sections if s.level > 1),
             *(("questions", q) for q in article.questions)]
    for field, text in texts:
        if text.strip():
            yield Key(doc, field, text, weights[field])


def spread(items: Sequence[Key], limit: int) -> list[Key]:
    """At most ``limit`` of ``items``, evenly spaced (deterministic)."""
    if len(items) <= limit:
        return list(items)
    return [items[i * len(items) // limit] for i in range(limit)]
