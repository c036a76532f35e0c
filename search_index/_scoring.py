"""How relevant an article is to a query: BM25F over six weighted fields.

BM25F (Robertson & Zaragoza) first adds up a term's occurrences over the fields, each weighted
and normalized by the field's length, then saturates once. So a rare word in the keywords is not
outweighed by a common word repeated in every field (as it is when per-field BM25 scores are summed).

The per-field weighting happens at indexing time (each occurrence is a Whoosh token boost, see
:mod:`search_index._whoosh`); the saturation and idf happen at query time in the Whoosh scorer.
Every (term, article) score is rounded to an integer, so Whoosh in ``helpkit search``, the vectorized
matcher of ``match_many`` and the browser add up the very same integers: the totals, and so the
rankings, are identical on all three, in any summation order. Ties go to the article indexed first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FIELDS = ("title", "description", "keywords", "headings", "body", "questions")
"""The searchable parts of an article, in index order."""


@dataclass(frozen=True, slots=True)
class FieldWeight:
    """The weight and length normalization of one field."""

    boost: float
    """How much one occurrence counts: a title word more than a body word."""
    b: float
    """Length normalization (0: none, 1: full): long bodies should not win on length alone."""


WEIGHTS = {
    "title": FieldWeight(boost=2.0, b=0.5),
    "description": FieldWeight(boost=1.5, b=0.5),
    "keywords": FieldWeight(boost=1.5, b=0.3),
    "headings": FieldWeight(boost=1.2, b=0.5),
    "body": FieldWeight(boost=0.5, b=0.75),
    "questions": FieldWeight(boost=3.0, b=0.75),
}
"""Field weights, tuned on the BANKING77 train split (bench/search_relevance.py; ``questions`` two-fold: the
questions of one half of the split, the other half searched)."""

K1 = 8.0
"""BM25 term-frequency saturation; high because the weighted frequencies above are large (a title word
alone is worth 2 to 4), tuned on the BANKING77 train split."""

SCALE = 1000
"""Scores are ``round(SCALE * score)``: three decimals of precision."""

TYPED_WEIGHT = 2
"""Query weight of a term the customer typed (or a correction of it)."""

SYNONYM_WEIGHT = 1
"""Query weight of a term added from the synonyms file."""


def occurrence_weight(field: str, length: int, avg_length: float) -> float:
    """What one occurrence of a term in ``field`` adds to its BM25F frequency, given the field's length."""
    w = WEIGHTS[field]
    return w.boost / ((1.0 - w.b) + w.b * length / (avg_length or 1.0))


def idf(doc_count: int, doc_frequency: int) -> float:
    """BM25 idf: ``log(1 + (N - df + 0.5) / (df + 0.5))`` (positive even for a word in every article)."""
    return math.log(1.0 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def score(idf_value: float, frequency: float) -> int:
    """The integer score of one term in one article, from its weighted frequency."""
    return round(SCALE * idf_value * frequency * (K1 + 1.0) / (frequency + K1))
