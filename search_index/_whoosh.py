"""The Whoosh side: schema, the BM25F field, writing an index, the weighting that scores it.

Each article's fields are analyzed once (:class:`search_index._analysis.Analyzer`, stop words never reach the
index) and Whoosh is given the terms. Besides the six text fields (each searchable on its own), every article
has a ``content`` field whose postings weigh each occurrence by its field's weight and length normalization
(:func:`search_index._scoring.occurrence_weight`): ranking queries that one field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import fields, formats, scoring
from whoosh.filedb.filestore import Storage
from whoosh.index import Index
from whoosh.system import pack_uint

from helpkit.model import Article
from search_index._analysis import analyzer_for
from search_index._scoring import FIELDS, idf, occurrence_weight, score

RANKED = "content"
"""The field ranking queries run against."""


class WeightedText(fields.FieldType):
    """A field indexed from ``(terms, weight per occurrence)`` pairs: the BM25F ``content`` field, and the six
    text fields (one pair, weight 1: term frequencies)."""

    def __init__(self) -> None:
        self.format = formats.Frequency()
        self.analyzer = None
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None

    def index(self, value: Sequence[tuple[Sequence[str], float]], **kwargs: Any) -> Iterator[tuple]:
        freqs: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        for terms, weight in value:
            for t in terms:
                freqs[t] += 1
                weights[t] += weight
        for t in sorted(freqs):
            yield t.encode("utf-8"), freqs[t], weights[t], pack_uint(freqs[t])


def schema() -> fields.Schema:
    """The index schema: six text fields, the ranked field, and what results display."""
    text = {name: WeightedText() for name in FIELDS}
    return fields.Schema(
        slug=fields.ID(stored=True, unique=True), title_text=fields.STORED, url=fields.STORED,
        summary=fields.STORED, text=fields.STORED, content=WeightedText(), **text,
    )


def field_texts(article: Article) -> dict[str, str]:
    """The text of each searchable field of an article."""
    return {
        "title": article.title,
        "description": article.description,
        "keywords": "\n".join((*article.keywords, *article.tags)),
        "headings": "\n".join(s.title for s in article.sections if s.level > 1),
        "body": article.text,
        "questions": "\n".join(article.questions),
    }


@dataclass(frozen=True, slots=True)
class Written:
    """An index just written, and what analyzing the articles for it found."""

    index: Index
    """The Whoosh index."""
    words: dict[str, str]
    """Every word (normalized surface) of the articles' fields with its term, stop words left out: the
    lexicon's candidates (:func:`search_index._table.lexicon`)."""


def write(storage: Storage, articles: Sequence[Article], locale: str) -> Written:
    """Create an index of ``articles`` in ``storage`` (one segment, documents in the given order), analyzing
    each field's text once."""
    analyzer = analyzer_for(locale)
    texts = [field_texts(a) for a in articles]
    words: dict[str, str] = {}
    terms = []
    for t in texts:
        doc = {}
        for f in FIELDS:
            found = [w for w in analyzer.words(t[f]) if w.term]
            if f != "questions":  # customers' spellings are never offered as corrections
                words.update((w.surface, w.term) for w in found)
            doc[f] = [w.term for w in found]
        terms.append(doc)
    for a in articles:  # headings of level 1 are not a field, but their words are the article's words
        for s in a.sections:
            if s.level <= 1:
                words.update((w.surface, w.term) for w in analyzer.words(s.title) if w.term)
    n = len(articles) or 1
    average = {f: sum(len(doc[f]) for doc in terms) / n for f in FIELDS}
    index = storage.create_index(schema())
    writer = index.writer()
    for article, doc in zip(articles, terms, strict=True):
        content = tuple((doc[f], occurrence_weight(f, len(doc[f]), average[f])) for f in FIELDS)
        writer.add_document(slug=article.slug, title_text=article.title, url=article.url,
                            summary=article.description, text=article.text, content=content,
                            **{f: ((doc[f], 1.0),) for f in FIELDS})
    writer.commit(optimize=True)
    return Written(index, words)


class BM25F(scoring.WeightingModel):
    """Whoosh weighting for the ``content`` field: integer BM25F (:func:`search_index._scoring.score`)."""

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> scoring.BaseScorer:
        return _Scorer(searcher, fieldname, text)


class _Scorer(scoring.BaseScorer):
    def __init__(self, searcher: Any, fieldname: str, text: Any) -> None:
        parent = searcher.get_parent()
        self._idf = idf(parent.doc_count_all(), parent.doc_frequency(fieldname, text))

    def supports_block_quality(self) -> bool:
        return False

    def score(self, matcher: Any) -> float:
        return float(score(self._idf, matcher.weight()))
