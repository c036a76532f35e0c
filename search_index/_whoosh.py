"""The Whoosh side: schema, the BM25F field, writing an index, the weighting that scores it.

Each article's fields are analyzed once (:class:`search_index._analysis.Analyzer`, stop words never reach the
index) and Whoosh is given the terms. Besides the six text fields (each searchable on its own), every article
has a ``content`` field whose postings weigh each occurrence by its field's weight and length normalization
(:func:`search_index._scoring.occurrence_weight`): ranking queries that one field.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
    places: tuple[dict[str, int], ...]
    """Per article (in index order), where each of its terms weighs most (:func:`places`): 0 for the article's
    top, ``k`` for its ``k``-th section with an anchor."""
    weights: tuple[dict[str, float], ...] = ()
    """Per article (in index order), what one occurrence of a term adds to its BM25F frequency in each field
    (:func:`search_index._scoring.occurrence_weight`): the confidence calibration leaves a key out with it."""


def write(storage: Storage, articles: Sequence[Article], locale: str) -> Written:
    """Create an index of ``articles`` in ``storage`` (one segment, documents in the given order), analyzing
    each field's text once (headings and body a section at a time, for :func:`places`)."""
    analyzer = analyzer_for(locale)
    words: dict[str, str] = {}
    terms = []
    outlines = []
    for a in articles:
        texts = field_texts(a)
        doc = {}
        for f in FIELDS:
            if f in _SECTIONED:
                continue
            found = [w for w in analyzer.words(texts[f]) if w.term]
            if f != "questions":  # customers' spellings are never offered as corrections
                words.update((w.surface, w.term) for w in found)
            doc[f] = [w.term for w in found]
        outline = []
        for section in a.sections:  # headings of level 1 are not a field, but their words are the article's words
            heading = [w for w in analyzer.words(section.title) if w.term]
            body = [w for w in analyzer.words(section.text) if w.term]
            words.update((w.surface, w.term) for w in (*heading, *body))
            outline.append(([w.term for w in heading] if section.level > 1 else [], [w.term for w in body]))
        doc["headings"] = [t for heading, _ in outline for t in heading]
        doc["body"] = [t for _, body in outline for t in body]
        terms.append(doc)
        outlines.append(outline)
    n = len(articles) or 1
    average = {f: sum(len(doc[f]) for doc in terms) / n for f in FIELDS}
    index = storage.create_index(schema())
    writer = index.writer()
    found_places = []
    found_weights = []
    for article, doc, outline in zip(articles, terms, outlines, strict=True):
        weight = {f: occurrence_weight(f, len(doc[f]), average[f]) for f in FIELDS}
        content = tuple((doc[f], weight[f]) for f in FIELDS)
        writer.add_document(slug=article.slug, title_text=article.title, url=article.url,
                            summary=article.description, text=article.text, content=content,
                            **{f: ((doc[f], 1.0),) for f in FIELDS})
        found_places.append(places(article, doc, outline, weight))
        found_weights.append(weight)
    writer.commit(optimize=True)
    return Written(index, words, tuple(found_places), tuple(found_weights))


_SECTIONED = ("headings", "body")
"""Fields analyzed a section at a time."""


def places(
    article: Article, doc: dict[str, list[str]], outline: Sequence[tuple[list[str], list[str]]],
    weight: dict[str, float],
) -> dict[str, int]:
    """Where each term of an article weighs most, by the same field weights as its score: 0 for the article's top
    (title, description, keywords, questions and the text before the first heading), ``k`` for the ``k``-th
    section with an anchor (its heading and its text); ties go to the earlier place. A hit links to the place
    its query's terms weigh most in (:meth:`search_index.Engine.search`, ``hk-search.js``)."""
    per_place: list[dict[str, float]] = [defaultdict(float)]
    for f in FIELDS:
        if f not in _SECTIONED:
            for t, count in Counter(doc[f]).items():
                per_place[0][t] += count * weight[f]
    for section, (heading, body) in zip(article.sections, outline, strict=True):
        if section.anchor:
            per_place.append(defaultdict(float))
        here = per_place[-1]
        for terms, w in ((heading, weight["headings"]), (body, weight["body"])):
            for t, count in Counter(terms).items():
                here[t] += count * w
    best: dict[str, tuple[float, int]] = {}
    for place, weights in enumerate(per_place):
        for t, w in weights.items():
            if t not in best or w > best[t][0]:
                best[t] = (w, place)
    return {t: place for t, (_, place) in best.items()}


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
