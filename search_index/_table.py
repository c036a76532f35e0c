"""The score table: for every term, the articles containing it and their integer scores (all fields summed).

Computed once at build time from the Whoosh index, with Whoosh's own postings and the index's weighting,
then stored beside it (``scores.npz``) for :meth:`Engine.match_many` and sharded into the browser index.
The lexicon (every word seen, by its term's first two characters) drives typo correction on both sides.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from search_index._whoosh import RANKED

if TYPE_CHECKING:
    import numpy as np


MIN_CANDIDATE = 3
"""Shortest word offered as a correction."""


def js_order(text: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be")


def group_of(text: str) -> str:
    """The lexicon group of a term or word: its first two characters."""
    return text[:2]


def correction_groups(word: str) -> tuple[str, ...]:
    """The lexicon groups a misspelt ``word``'s correction may be in: its own, then those of the words it is one
    slip from within its first three letters ("bkie" → "bi": two letters swapped; "ebike" → "be"; "xbike" → "bi": a
    letter too many), in this order (the browser loads and searches the same, in the same order). A letter missing
    or wrong in the first two ("rfund") stays uncorrected: its group could be any."""
    if len(word) < 3:
        return (group_of(word),)
    found = (word[:2], word[0] + word[2], word[1] + word[0], word[1:3])
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What a hit shows about an article."""

    slug: str
    """The article's slug."""
    title: str
    """Its title."""
    url: str
    """Its page, relative to the locale's site root."""
    description: str
    """Its one-line summary (the browser's snippet)."""
    questions: int = 0
    """How many customer questions it learned (``Article.questions``): part of its scores."""
    sections: tuple[tuple[str, str], ...] = ()
    """(anchor, heading) of each section with an anchor, in order: place ``k`` of :attr:`ScoreTable.places` is
    ``sections[k - 1]``."""
    title_language: str = ""
    """The language :attr:`title` is in when not the index's (``en``: not translated yet), else empty."""
    description_language: str = ""
    """The same for :attr:`description`."""
    section_languages: tuple[str, ...] = ()
    """The same for each heading of :attr:`sections` (same order; empty when none is in another language)."""


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A word seen in the articles, a candidate correction for a misspelt query word."""

    surface: str
    """The normalized word."""
    term: str
    """Its index term."""
    df: int
    """How many articles contain the term (more common corrections win ties)."""


@dataclass(frozen=True, slots=True)
class ScoreTable:
    """Compressed sparse rows: ``docs[indptr[i]:indptr[i+1]]`` contain ``terms[i]`` with ``scores[...]``."""

    terms: tuple[str, ...]
    """All indexed terms, in JavaScript string order."""
    indptr: np.ndarray
    """Row offsets (len(terms) + 1)."""
    docs: np.ndarray
    """Document numbers (ascending within a row)."""
    scores: np.ndarray
    """Integer scores, int32."""
    places: np.ndarray
    """Where in the article the term weighs most (:func:`search_index._whoosh.places`): 0 its top, ``k`` its
    ``k``-th section with an anchor; int32."""

    def save(self, path: Path) -> None:
        """Write the table as one ``.npz`` file."""
        import numpy as np

        np.savez(path, terms=np.array(self.terms, dtype=str), indptr=self.indptr, docs=self.docs,
                 scores=self.scores, places=self.places)

    @classmethod
    def load(cls, path: Path) -> ScoreTable:
        """Read a table written by :meth:`save`."""
        import numpy as np

        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(data["terms"].tolist()), data["indptr"], data["docs"], data["scores"], data["places"])

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(docs, scores, places) of term number ``i``."""
        a, b = self.indptr[i], self.indptr[i + 1]
        return self.docs[a:b], self.scores[a:b], self.places[a:b]

    def entry(self, i: int, doc: int) -> tuple[int, int]:
        """(score, place) of term number ``i`` in article ``doc``; (0, 0) when the article lacks the term."""
        import numpy as np

        a, b = int(self.indptr[i]), int(self.indptr[i + 1])
        j = a + int(np.searchsorted(self.docs[a:b], doc))
        if j < b and self.docs[j] == doc:
            return int(self.scores[j]), int(self.places[j])
        return 0, 0


def score_table(searcher: object, places: Sequence[dict[str, int]]) -> ScoreTable:
    """Every term's per-article score, read through ``searcher`` (a Whoosh searcher weighting with BM25F), with
    its place in the article (``places``: by document number, term → place)."""
    per_term: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    reader = searcher.reader()  # type: ignore[attr-defined]
    for raw in reader.lexicon(RANKED):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        matcher = searcher.postings(RANKED, term)  # type: ignore[attr-defined]
        row = per_term[term]
        while matcher.is_active():
            row[matcher.id()] += int(matcher.score())
            matcher.next()
    import numpy as np

    terms = sorted(per_term, key=js_order)
    indptr = np.zeros(len(terms) + 1, dtype=np.int64)
    docs: list[int] = []
    scores: list[int] = []
    where: list[int] = []
    for i, term in enumerate(terms):
        row = per_term[term]
        for d in sorted(row):
            docs.append(d)
            scores.append(row[d])
            where.append(places[d].get(term, 0))
        indptr[i + 1] = len(docs)
    return ScoreTable(tuple(terms), indptr, np.array(docs, dtype=np.int32), np.array(scores, dtype=np.int32),
                      np.array(where, dtype=np.int32))


def lexicon(words: dict[str, str], table: ScoreTable) -> dict[str, list[LexiconEntry]]:
    """The articles' words (``surface → term``, from :func:`search_index._whoosh.write`) that are long enough to
    be offered as corrections, grouped by :func:`group_of` their term, sorted."""
    df = {t: int(table.indptr[i + 1] - table.indptr[i]) for i, t in enumerate(table.terms)}
    groups: dict[str, list[LexiconEntry]] = defaultdict(list)
    for surface, term in words.items():
        if len(surface) >= MIN_CANDIDATE and term in df:
            groups[group_of(term)].append(LexiconEntry(surface, term, df[term]))
    return {g: sorted(v, key=lambda e: js_order(e.surface)) for g, v in sorted(groups.items())}


def write_lexicon(path: Path, groups: dict[str, list[LexiconEntry]]) -> None:
    """Write the lexicon as JSON: ``{group: [[surface, term, df], ...]}``."""
    data = {g: [[e.surface, e.term, e.df] for e in entries] for g, entries in groups.items()}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_lexicon(path: Path) -> dict[str, list[LexiconEntry]]:
    """Read what :func:`write_lexicon` wrote."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {g: [LexiconEntry(s, t, d) for s, t, d in entries] for g, entries in data.items()}
