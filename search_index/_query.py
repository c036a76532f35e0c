"""From a query string to weighted terms: analysis, typo correction, synonyms.

A word the articles never use is a typo only when it is not a word of the language either: "stop" or "timer" in
a help center that says "step" and "time" is what the customer meant, and stays as typed (it finds nothing, and
the confidence of the first hit, :mod:`search_index._confidence`, counts it as a word no article answers). The
words of the language are the meaning vectors' vocabulary (:mod:`search_index._meaning`, every whole word of the
model's tokenizer), which the browser already fetches for the query's words; a language without meaning vectors
corrects every unknown word.

:func:`plan` is the one place that decides what a query looks up; ``assets/hk-search.js`` repeats it
step for step in the browser.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from search_index._analysis import MAX_QUERY_TERMS, MAX_QUERY_WORDS, Analyzer, normalize
from search_index._scoring import SYNONYM_WEIGHT, TYPED_WEIGHT
from search_index._synonyms import Group, expand
from search_index._table import LexiconEntry

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")

MIN_CORRECTABLE = 4
"""Shorter words, and words with digits, are never "corrected" (too many near neighbours)."""


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """What one query looks up."""

    terms: tuple[tuple[str, int], ...]
    """(term, weight) pairs, distinct, typed terms first."""
    suggestion: str | None
    """The query with misspelt words replaced by known ones, when any was replaced."""
    typed: int = 0
    """How many of :attr:`terms` (the first ones) the customer typed; the rest come from synonyms."""


def max_distance(word: str) -> int:
    """How many edits a correction may make: 1 for short words, 2 from 7 characters."""
    return 1 if len(word) < 7 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (edits and adjacent swaps), or ``limit + 1`` if over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


def correct(word: str, candidates: Sequence[LexiconEntry]) -> LexiconEntry | None:
    """The closest known word (fewest edits, then most common, then first in order), if close enough."""
    limit = max_distance(word)
    best: tuple[int, int, LexiconEntry] | None = None
    for entry in candidates:
        d = distance(word, entry.surface, limit)
        if d <= limit and (best is None or (d, -entry.df) < (best[0], best[1])):
            best = (d, -entry.df, entry)
    return best[2] if best else None


def plan(
    query: str,
    analyzer: Analyzer,
    known: Callable[[str], bool],
    correction: Callable[[str], LexiconEntry | None],
    synonyms: tuple[Group, ...],
    real: Callable[[str], bool],
) -> QueryPlan:
    """The terms ``query`` looks up: typed terms (a misspelt one replaced by ``correction(word)``, the
    closest known word of its lexicon group, see :func:`correct`), then the terms of synonyms of what was typed.
    A word is misspelt when its term is not ``known`` (in no article) and ``real(word)`` (a normalized word of the
    language, see the module docstring) is false."""
    norm = normalize(query, analyzer.fold)
    sequence: list[str] = []
    fixes: list[tuple[int, int, str]] = []
    for word in itertools.islice((w for w in analyzer.words(query) if w.term), MAX_QUERY_WORDS):
        term = word.term
        if (not known(term) and len(word.surface) >= MIN_CORRECTABLE and _LETTERS.fullmatch(word.surface)
                and not real(word.surface)):
            fix = correction(word.surface)
            if fix is not None:
                term = fix.term
                fixes.append((word.start, word.end, fix.surface))
        sequence.append(term)
    typed = list(dict.fromkeys(sequence))[:MAX_QUERY_TERMS]
    extra = expand(sequence, synonyms)
    terms = tuple((t, TYPED_WEIGHT) for t in typed) + tuple((t, SYNONYM_WEIGHT) for t in extra)
    suggestion = None
    if fixes:
        out, pos = [], 0
        for start, end, surface in fixes:
            out += [norm[pos:start], surface]
            pos = end
        suggestion = "".join(out) + norm[pos:]
    return QueryPlan(terms, suggestion, len(typed))
