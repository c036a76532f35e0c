"""An opened index: one ranking (:meth:`Engine._rank`, over the score table) serves ``search`` and ``match_many``;
Whoosh's stored text gives ``search`` its snippets."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpkit import __version__
from helpkit.errors import ConfigError, MissingResource
from search_index._analysis import Analyzer, analyzer_for
from search_index._confidence import Cutoff, Key, ceiling, coverage, frequency
from search_index._files import INDEX_FORMAT, LEXICON, MEANING, STAMP, TABLE, WHOOSH_DIR
from search_index._meaning import MAX_WORDS, RERANK, MeaningTable, rerank
from search_index._phrases import Phrase, PhraseMatrix
from search_index._query import QueryPlan, correct, plan
from search_index._scoring import SCALE, idf
from search_index._scoring import score as term_score
from search_index._snippet import snippet
from search_index._synonyms import Group
from search_index._table import DocInfo, LexiconEntry, ScoreTable, correction_groups, read_lexicon
from search_index._types import SearchHit, SearchResults

if TYPE_CHECKING:
    from search_index._build import Compiled

BATCH = 512
"""Queries scored together by ``match_many`` (one sparse product per batch)."""

CACHE = 200_000
"""Distinct query texts whose hits ``match_many`` remembers (tickets repeat themselves)."""

CORRECTIONS = 100_000
"""Distinct unknown words whose spelling correction an engine remembers (the same typos come back)."""


@dataclass(frozen=True, slots=True)
class Ordered:
    """The best candidates of a query in their final order."""

    pairs: list[tuple[int, int]]
    """(score, document), best first."""
    similarity: list[float]
    """Each one's meaning similarity (0.0 without meaning vectors)."""
    nearest: list[float]
    """Each one's highest similarity with one of its learned questions (0.0 when none)."""


class Engine:
    """An opened locale index (see :class:`search_index.Engine`)."""

    locale: str

    def __init__(self, index_dir: Path, locale: str) -> None:
        self.locale = locale
        self._dir = index_dir / locale
        stamp = _read_stamp(self._dir, locale)
        self._docs = tuple(DocInfo(*d[:5], tuple(tuple(x) for x in d[5])) for d in stamp["docs"])
        self._synonyms: tuple[Group, ...] = tuple(tuple(tuple(p) for p in g) for g in stamp["synonyms"])
        self._phrases: tuple[tuple[Phrase, ...], ...] = tuple(tuple(tuple(p) for p in d) for d in stamp["phrases"])
        self._analyzer: Analyzer = analyzer_for(locale)
        self._corrections: dict[str, LexiconEntry | None] = {}
        self.cutoff = Cutoff(**stamp.get("confidence", {}))

    @classmethod
    def compiled(cls, compiled: Compiled) -> Engine:
        """An engine over an index compiled in memory (no Whoosh reader: ``match_many`` and key scoring only)."""
        engine = cls.__new__(cls)
        engine.locale = compiled.locale
        engine._dir = Path()
        engine._docs = compiled.docs
        engine._synonyms = compiled.synonyms
        engine._phrases = compiled.phrases
        engine._analyzer = analyzer_for(compiled.locale)
        engine._corrections = {}
        engine.cutoff = Cutoff()
        engine.__dict__.update(_table=compiled.table, _lexicon=compiled.lexicon, _meaning=compiled.meaning)
        return engine

    # -- shared ------------------------------------------------------------------------------------------------

    @cached_property
    def _table(self) -> ScoreTable:
        return ScoreTable.load(self._dir / TABLE)

    @cached_property
    def _term_ids(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self._table.terms)}

    @cached_property
    def _lexicon(self) -> dict[str, list[LexiconEntry]]:
        return read_lexicon(self._dir / LEXICON)

    def _correction(self, word: str) -> LexiconEntry | None:
        try:
            return self._corrections[word]
        except KeyError:
            pass
        fix = correct(word, [e for g in correction_groups(word) for e in self._lexicon.get(g, ())])
        if len(self._corrections) >= CORRECTIONS:
            self._corrections.clear()
        self._corrections[word] = fix
        return fix

    @cached_property
    def _meaning(self) -> MeaningTable | None:
        path = self._dir / MEANING
        return MeaningTable.load(path) if path.exists() else None

    def _order(self, query: str, scored: Sequence[tuple[int, int]], limit: int) -> Ordered:
        """``scored`` — (score, document) pairs, best BM25F first — with its first :data:`RERANK` reordered by
        meaning (:func:`search_index._meaning.rerank`), cut to ``limit``, with each one's similarity and nearest
        learned question."""
        meaning = self._meaning
        if meaning is None or not scored:
            pairs = list(scored[:limit])
            return Ordered(pairs, [0.0] * len(pairs), [0.0] * len(pairs))
        head = list(scored[:RERANK])
        words = [w.surface for w in itertools.islice(self._analyzer.words(query), MAX_WORDS)]
        vector = meaning.query_vector(words)
        sims = meaning.similarities(vector, [d for _, d in head])
        order = rerank([(d, s) for s, d in head], sims)
        rest = list(scored[RERANK:])
        pairs = ([head[i] for i in order] + rest)[:limit]
        return Ordered(pairs, ([sims[i] for i in order] + [0.0] * len(rest))[:limit],
                       meaning.nearest(vector, [d for _, d in pairs]))

    def _plan(self, query: str) -> QueryPlan:
        return plan(query, self._analyzer, self._known, self._correction, self._synonyms, self._real)

    @cached_property
    def _phrase_matrix(self) -> PhraseMatrix:
        t = self._table
        return PhraseMatrix(self._phrases, self._term_ids, t.indptr[1:] - t.indptr[:-1])

    def _query_matrix(self, plans: Sequence[QueryPlan]) -> Any:
        """Sparse (queries × terms) matrix of the plans' term weights (terms the index lacks left out)."""
        import numpy as np
        from scipy.sparse import csr_matrix

        rows, cols, vals = [], [], []
        for r, qp in enumerate(plans):
            for term, weight in qp.terms:
                i = self._term_ids.get(term)
                if i is not None:
                    rows.append(r)
                    cols.append(i)
                    vals.append(weight)
        return csr_matrix((np.array(vals, dtype=np.int64), (rows, cols)), shape=(len(plans), len(self._table.terms)))

    def _known(self, term: str) -> bool:
        return term in self._term_ids

    def _real(self, word: str) -> bool:
        """Whether ``word`` (normalized) is a word of the language: it has a meaning vector (none without them)."""
        meaning = self._meaning
        return meaning is not None and meaning.has(word)

    def _df(self, term: str) -> int:
        i = self._term_ids.get(term)
        return 0 if i is None else int(self._table.indptr[i + 1] - self._table.indptr[i])

    def _possible(self, qp: QueryPlan) -> int:
        """The most the plan's typed terms could score (:func:`search_index._confidence.coverage`)."""
        n = len(self._docs)
        return sum(w * ceiling(n, self._df(t)) for t, w in qp.terms[:qp.typed])

    def _samples(self, keys: Sequence[Key], vectors: Sequence[Any]) -> list[tuple[float, float]]:
        """Each key as a query against its own article with the key left out: (coverage, similarity)
        (:mod:`search_index._confidence`; ``vectors``: each key's article's meaning vector without it, float and
        unit length, or None without meaning vectors)."""
        import collections

        n, meaning, out = len(self._docs), self._meaning, []
        for key, vector in zip(keys, vectors, strict=True):
            qp = self._plan(key.text)
            counts = collections.Counter(self._analyzer.terms(key.text))
            total = 0
            for term, weight in qp.terms:
                i = self._term_ids.get(term)
                found = self._table.entry(i, key.doc)[0] if i is not None else 0
                if found:
                    idf_value = idf(n, self._df(term))
                    left = frequency(found, idf_value) - counts[term] * key.weight
                    total += weight * term_score(idf_value, left) if left > 0 else 0
            similarity = 0.0
            if meaning is not None and vector is not None:
                words = [w.surface for w in itertools.islice(self._analyzer.words(key.text), MAX_WORDS)]
                q = meaning.query_vector(words).astype(float)
                norm = float(q @ q) ** 0.5
                similarity = float(q @ vector) / norm if norm > 0 else 0.0
            out.append((coverage(total, self._possible(qp)), similarity))
        return out

    # -- search: match_many of one query, plus snippets ----------------------------------------------------------

    @cached_property
    def _reader(self) -> Any:
        """The Whoosh index's reader: the articles' stored text, for snippets."""
        from whoosh.index import open_dir

        return open_dir(str(self._dir / WHOOSH_DIR)).reader()

    def _search(self, query: str, limit: int) -> SearchResults:
        if not query.strip():
            raise ConfigError("search: the query is empty; type some words, e.g. helpkit search \"reset password\"")
        if limit < 1:
            raise ConfigError(f"search: --limit must be at least 1, found {limit}")
        qp = self._plan(query)
        [ranked] = self._rank([query], [qp], limit)
        terms = frozenset(t for t, _ in qp.terms)
        hits = []
        for hit, d in ranked:
            doc = self._docs[d]
            place = self._place(qp, d)
            anchor, heading = doc.sections[place - 1] if place else ("", "")
            shown = snippet((self._reader.stored_fields(d)["text"], doc.description), terms, self._analyzer)
            hits.append(dataclasses.replace(hit, snippet=shown, section=heading, anchor=anchor))
        return SearchResults(query, tuple(hits), qp.suggestion)

    def _place(self, qp: QueryPlan, doc: int) -> int:
        """Where in article ``doc`` the query's terms weigh most: the place (0 its top, ``k`` its ``k``-th section
        with an anchor) with the highest sum of weight × score over the query's terms whose place it is, ties to
        the earlier place (hk-search.js ``bestPlace``)."""
        sums: dict[int, int] = {}
        for term, weight in qp.terms:
            i = self._term_ids.get(term)
            if i is not None:
                score, place = self._table.entry(i, doc)
                if score:
                    sums[place] = sums.get(place, 0) + weight * score
        return max(sorted(sums), key=lambda p: sums[p], default=0)

    def close(self) -> None:
        """Release the index files (the engine can still be used; it reopens them)."""
        reader = self.__dict__.pop("_reader", None)
        if reader is not None:
            reader.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- match_many ---------------------------------------------------------------------------------------------

    @cached_property
    def _matrix(self) -> Any:
        from scipy.sparse import csr_matrix

        t = self._table
        return csr_matrix((t.scores.astype("int64"), t.docs, t.indptr), shape=(len(t.terms), len(self._docs)))

    def _match_many(self, queries: Iterable[str], limit: int) -> Iterator[tuple[SearchHit, ...]]:
        cache: OrderedDict[str, tuple[SearchHit, ...]] = OrderedDict()
        batch: list[str] = []
        for query in queries:
            batch.append(query)
            if len(batch) >= BATCH:
                yield from self._match_batch(batch, limit, cache)
                batch = []
        if batch:
            yield from self._match_batch(batch, limit, cache)

    def _match_batch(
        self, batch: list[str], limit: int, cache: OrderedDict[str, tuple[SearchHit, ...]]
    ) -> Iterator[tuple[SearchHit, ...]]:
        todo = list(dict.fromkeys(q for q in batch if q not in cache))
        if todo:
            for query, ranked in zip(todo, self._rank(todo, [self._plan(q) for q in todo], limit), strict=True):
                cache[query] = tuple(hit for hit, _ in ranked)
                if len(cache) > CACHE:
                    cache.popitem(last=False)
        for query in batch:
            yield cache.get(query, ())

    def _rank(
        self, queries: Sequence[str], plans: Sequence[QueryPlan], limit: int
    ) -> list[list[tuple[SearchHit, int]]]:
        """The one ranking: for each query (and its plan), its best ``limit`` hits with their document numbers,
        BM25F from the score table (one sparse product for all), the best :data:`RERANK` reordered by meaning."""
        import numpy as np

        n = len(self._docs)
        if not n:
            return [[] for _ in queries]
        q = self._query_matrix(plans)
        scores = (q @ self._matrix).toarray()
        phrase = self._phrase_matrix.match(q)
        keys = np.where(scores > 0, scores * n + (n - 1 - np.arange(n)), -1)
        k = min(max(limit, RERANK), n)
        top = np.argpartition(-keys, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(queries), 1))
        out = []
        for r, (query, qp) in enumerate(zip(queries, plans, strict=True)):
            found = sorted((d for d in top[r] if keys[r, d] >= 0), key=lambda d: -keys[r, d])
            # meaning from the words the customer meant: a misspelt word has no vector ("refnd" weighed nothing
            # and its first hit, the refund article, was called weak), its correction has
            ordered = self._order(qp.suggestion or query, [(int(scores[r, d]), int(d)) for d in found], limit)
            possible = self._possible(qp) if ordered.pairs else 0
            out.append([
                (SearchHit(self._docs[d].slug, self._docs[d].title, self._docs[d].url, score / SCALE, "",
                           float(phrase[r, d]), sim, self._docs[d].questions, near,
                           confident=self.cutoff.confident(coverage(score, possible), sim)), d)
                for (score, d), sim, near in zip(ordered.pairs, ordered.similarity, ordered.nearest, strict=False)
            ])
        return out


def _read_stamp(directory: Path, locale: str) -> dict[str, Any]:
    path = directory / STAMP
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MissingResource(
            f"{directory}: no search index for locale '{locale}'; run 'helpkit build' to create it"
        ) from None
    except (OSError, ValueError) as e:
        raise MissingResource(f"{path}: unreadable search index ({e}); run 'helpkit build' to rebuild it") from None
    if stamp.get("helpkit") != __version__ or stamp.get("format") != INDEX_FORMAT:
        raise MissingResource(
            f"{path}: search index built by helpkit {stamp.get('helpkit')} (format {stamp.get('format')}), "
            f"this is helpkit {__version__} (format {INDEX_FORMAT}); run 'helpkit build' to rebuild it"
        )
    return stamp
