"""Meaning vectors: a second ranking signal for queries that share few words with the right article.

Customers write "my card still hasn't come" where the article says "Track your card delivery". Word matching
(BM25F, :mod:`search_index._scoring`) finds the candidates; meaning vectors reorder the best of them.

- Every word gets a small vector: the static embeddings of WordLlama (``wordllama`` package, MIT; its
  256-dimension "l2_supercat" token table ships inside the wheel, nothing is downloaded) summed over the word's
  tokens, cut to the first :data:`DIMS` dimensions (the model is trained so that a prefix of the dimensions still
  works) and quantized to int8 with one scale for the whole table. Words are the analyzer's normalized words
  (:meth:`Analyzer.words`: lowercased, accents folded), stop words included: "how do I" carries meaning too. The
  vocabulary is every whole word of the model's tokenizer plus every word of the articles, so a query word the
  articles never use still has a vector.
- An article's vector is the sum of the vectors of the words of its title, description and keywords, made
  unit length, plus one unit vector per customer question of the article (``Article.questions``, each the sum of
  its first :data:`MAX_WORDS` words), normalized and quantized to int8: the article's own wording and each
  question count once.
- A query's vector is the sum of the vectors of its first :data:`MAX_WORDS` words (words without one count 0).

The engine orders the first :data:`RERANK` BM25F candidates with :func:`rerank`: ``score / best score +
WEIGHT × cosine``. Every step after the tables is integer arithmetic, one square root and two divisions, which
Python and JavaScript compute identically (IEEE doubles), so ``helpkit search``, ``match_many`` and the browser
(``assets/hk-search.js``, ``rerank``) agree. Tuned on the BANKING77 train split (``bench/search_relevance.py``).

Only languages the model was trained on (:data:`LANGUAGES`) get vectors; other locales rank by BM25F alone, as
do all locales when ``wordllama`` is not installed.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpkit.model import Article
from search_index._analysis import WORD, Analyzer, normalize
from search_index._table import js_order

if TYPE_CHECKING:
    import numpy as np

DIMS = 64
"""Dimensions kept of the model's 256 (64 loses one point of top-1 on BANKING77 train and makes the browser's
files four times smaller)."""

RERANK = 10
"""How many of the best BM25F candidates meaning vectors may reorder."""

WEIGHT = 1.5
"""Weight of the cosine against the BM25F score relative to the best candidate's (tuned on BANKING77 train)."""

MAX_WORDS = 20
"""A query's vector sums the vectors of its first 20 words (one small file each in the browser)."""

LANGUAGES = frozenset({"en"})
"""Languages of the model's training data."""

MODEL_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
MODEL_WEIGHTS = "weights/l2_supercat_256.safetensors"
"""Files of the ``wordllama`` package used (read directly: loading them needs no network and no import of it)."""


@dataclass(frozen=True, slots=True)
class MeaningTable:
    """One locale's meaning vectors."""

    words: tuple[str, ...]
    """Words with a vector (normalized like the analyzer's words), in JavaScript string order."""
    word_vectors: np.ndarray
    """int8 (len(words), DIMS)."""
    doc_vectors: np.ndarray
    """int8 (articles, DIMS), by document number."""
    question_vectors: np.ndarray | None = None
    """int8 (questions, DIMS): each learned question's vector (unit length × 127), grouped by document; the
    Python side only (deflection's :meth:`nearest`), never published."""
    question_indptr: np.ndarray | None = None
    """Document ``d``'s questions are ``question_vectors[question_indptr[d]:question_indptr[d + 1]]``."""
    _ids: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._ids.update((w, i) for i, w in enumerate(self.words))

    def has(self, word: str) -> bool:
        """Whether ``word`` (normalized) has a vector: a word of the language or of the articles."""
        return word in self._ids

    def query_vector(self, words: Iterable[str]) -> np.ndarray:
        """The int64 sum of the vectors of ``words`` (normalized words; those without a vector are skipped)."""
        import numpy as np

        rows = [self._ids[w] for w in words if w in self._ids]
        if not rows:
            return np.zeros(DIMS, dtype=np.int64)
        return self.word_vectors[rows].astype(np.int64).sum(axis=0)

    def similarities(self, query: np.ndarray, docs: Sequence[int]) -> list[float]:
        """Cosine of ``query`` with each of ``docs`` (0.0 when either vector is zero)."""
        import numpy as np

        if not len(docs):
            return []
        vectors = self.doc_vectors[list(docs)].astype(np.int64)
        dots = (vectors @ query).tolist()
        norms = (vectors * vectors).sum(axis=1).tolist()
        qq = int(query @ query)
        return [cosine(d, qq, n) for d, n in zip(dots, norms, strict=True)]

    def nearest(self, query: np.ndarray, docs: Sequence[int]) -> list[float]:
        """For each of ``docs``, the highest cosine of ``query`` with one of its learned questions (0.0 when it
        has none, or the query no vector)."""
        import numpy as np

        out = [0.0] * len(docs)
        if self.question_vectors is None or self.question_indptr is None:
            return out
        qq = int(query @ query)
        for i, d in enumerate(docs):
            rows = self.question_vectors[self.question_indptr[d]:self.question_indptr[d + 1]].astype(np.int64)
            if len(rows):
                dots = rows @ query
                best = int(np.argmax(dots))
                out[i] = cosine(int(dots[best]), qq, int(rows[best] @ rows[best]))
        return out

    def save(self, path: Path) -> None:
        """Write the table as one ``.npz`` file."""
        import numpy as np

        extra = {} if self.question_vectors is None else {"question_vectors": self.question_vectors,
                                                          "question_indptr": self.question_indptr}
        np.savez(path, words=np.array(self.words, dtype=str), word_vectors=self.word_vectors,
                 doc_vectors=self.doc_vectors, **extra)

    @classmethod
    def load(cls, path: Path) -> MeaningTable:
        """Read a table written by :meth:`save`."""
        import numpy as np

        with np.load(path, allow_pickle=False) as data:
            learned = "question_vectors" in data
            return cls(tuple(data["words"].tolist()), data["word_vectors"], data["doc_vectors"],
                       data["question_vectors"] if learned else None, data["question_indptr"] if learned else None)


def cosine(dot: int, qq: int, aa: int) -> float:
    """``dot / sqrt(qq × aa)`` from exact integers, rounded as JavaScript rounds it (hk-search.js ``cosine``)."""
    if qq <= 0 or aa <= 0:
        return 0.0
    return dot / math.sqrt(float(qq * aa))


def rerank(candidates: Sequence[tuple[int, int]], similarity: Sequence[float]) -> list[int]:
    """Positions of ``candidates`` — ``(document, score)`` pairs, best BM25F first, at most :data:`RERANK` —
    ordered by ``score / best + WEIGHT × similarity``, ties kept in BM25F order (hk-search.js ``rerank``)."""
    if not candidates:
        return []
    best = candidates[0][1] or 1
    combined = [score / best + WEIGHT * sim for (_, score), sim in zip(candidates, similarity, strict=True)]
    return sorted(range(len(candidates)), key=lambda i: (-combined[i], i))


def build_meaning(articles: Sequence[Article], analyzer: Analyzer) -> MeaningTable | None:
    """The meaning vectors of one locale's articles, or None when the language has no model or the
    ``wordllama`` package is not installed."""
    if analyzer.language not in LANGUAGES:
        return None
    model = _model()
    if model is None:
        return None
    import numpy as np

    tokenizer, embedding = model
    vocabulary = set(_model_words()) | analyzer.stops
    for a in articles:  # the words of a language with a model: no CJK runs, so words are the regex's matches
        text = "\n".join((a.title, a.description, " ".join(a.keywords), *(s.title for s in a.sections), a.text))
        vocabulary.update(WORD.findall(normalize(text, analyzer.fold)))
    words = sorted((w for w in vocabulary if not w.isdigit()), key=js_order)
    encoded = tokenizer.encode_batch(words, add_special_tokens=False)
    sums = np.stack([embedding[e.ids].sum(axis=0) if e.ids else np.zeros(DIMS, np.float32) for e in encoded])
    scale = float(np.abs(sums).max()) / 127.0 or 1.0
    table = MeaningTable(tuple(words), np.rint(sums / scale).astype(np.int8),
                         np.zeros((len(articles), DIMS), dtype=np.int8))
    questions: list[np.ndarray] = []
    indptr = [0]
    for d, a in enumerate(articles):  # article vectors, filled in from the word vectors
        v = _unit(table.query_vector(_own_words(a, analyzer)))
        for q in a.questions:
            u = _question_vector(table, q, analyzer)
            questions.append(_int8(u))
            v += u
        indptr.append(len(questions))
        table.doc_vectors[d] = _int8(_unit(v))
    if questions:
        return dataclasses.replace(table, question_vectors=np.stack(questions),
                                   question_indptr=np.array(indptr, dtype=np.int64))
    return table


def _own_words(article: Article, analyzer: Analyzer) -> list[str]:
    """The words of an article's own wording that its meaning vector holds: title, description, keywords."""
    return WORD.findall(normalize(f"{article.title}\n{article.description}\n{' '.join(article.keywords)}",
                                  analyzer.fold))


def _question_vector(table: MeaningTable, question: str, analyzer: Analyzer) -> np.ndarray:
    """A learned question's vector (float, unit length), as its article's vector adds it."""
    return _unit(table.query_vector(WORD.findall(normalize(question, analyzer.fold))[:MAX_WORDS]))


def _int8(unit: np.ndarray) -> np.ndarray:
    """A unit-length vector quantized to int8 (× 127)."""
    import numpy as np

    return np.clip(np.rint(unit * 127.0), -127, 127).astype(np.int8)


def _unit(v: np.ndarray) -> np.ndarray:
    """``v`` as float64 of length 1 (or zero)."""
    import numpy as np

    out = v.astype(np.float64)
    norm = float(np.sqrt(out @ out))
    return out / norm if norm > 0 else out


def model_id() -> str:
    """Which meaning model builds use: ``wordllama <version>``, or ``none``."""
    if _model_files() is None:
        return "none"
    from importlib.metadata import version

    return f"wordllama {version('wordllama')}"


@functools.cache
def _model_files() -> tuple[Path, Path] | None:
    """(tokenizer, weights) files of the installed wordllama package, or None."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    files = (root / MODEL_TOKENIZER, root / MODEL_WEIGHTS)
    return files if all(f.is_file() for f in files) else None


@functools.cache
def _model() -> tuple[Any, np.ndarray] | None:
    """(tokenizer, float32 token table cut to DIMS) of the wordllama package, or None if it is absent."""
    files = _model_files()
    if files is None:
        return None
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights = load_file(str(files[1]))["embedding.weight"]
    return Tokenizer.from_file(str(files[0])), np.ascontiguousarray(weights[:, :DIMS], np.float32)


@functools.cache
def _model_words() -> tuple[str, ...]:
    """The whole lowercase words of the model's vocabulary (``▁word`` tokens)."""
    model = _model()
    if model is None:
        return ()
    vocab = model[0].get_vocab()
    return tuple(sorted(w[1:] for w in vocab if w.startswith("▁") and len(w) > 2 and w[1:].isalpha()
                        and w[1:].islower() and w[1:].isascii()))


def vector_without(table: MeaningTable, article: Article, analyzer: Analyzer, field: str, text: str) -> np.ndarray:
    """The article's vector as :func:`build_meaning` makes it (float, unit length) with one key left out: the
    words of ``text`` from its own wording (``field`` title, description or keywords) or that learned question
    (``questions``); unchanged for a key the vector does not hold (a heading)."""
    import collections

    own = collections.Counter(_own_words(article, analyzer))
    if field in ("title", "description", "keywords"):
        own -= collections.Counter(WORD.findall(normalize(text, analyzer.fold)))
    v = _unit(table.query_vector(own.elements()))
    skipped = False
    for q in article.questions:
        if field == "questions" and q == text and not skipped:
            skipped = True
            continue
        v += _question_vector(table, q, analyzer)
    return _unit(v)
