"""Phrase match: how much of an article's own wording (its title or one of its keywords) a query contains.

Not a ranking signal (ranking stays the additive BM25F of :mod:`search_index._scoring`, identical in the
browser), but evidence for deciding whether the best article really answers a query: a ticket that says all
of "card not arrived" is answered by the article with that keyword more surely than one that only shares
"card" with it, whatever the raw scores. Deflection reads it as :attr:`search_index.SearchHit.phrase`.

Each phrase's coverage is idf-weighted (a rare word missing counts more than a common one); an article's
phrase match is the best coverage over its phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from helpkit.model import Article
from search_index._analysis import Analyzer
from search_index._scoring import idf

if TYPE_CHECKING:
    import numpy as np

Phrase = tuple[str, ...]
"""The analyzed terms of a title or a keyword."""


def article_phrases(article: Article, analyzer: Analyzer) -> list[Phrase]:
    """The distinct analyzed phrases of an article: its title, then its keywords and tags."""
    out = (tuple(analyzer.terms(text)) for text in (article.title, *article.keywords, *article.tags))
    return list(dict.fromkeys(p for p in out if p))


class PhraseMatrix:
    """Every article's phrases as idf-weighted, normalized rows over the index's terms."""

    def __init__(self, phrases: Sequence[Sequence[Phrase]], term_ids: dict[str, int], df: np.ndarray) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        n = len(phrases)
        rows, cols, vals, owners = [], [], [], []
        for doc, doc_phrases in enumerate(phrases):
            for phrase in doc_phrases:
                ids = sorted({term_ids[t] for t in phrase if t in term_ids})
                weights = [idf(n, int(df[i])) for i in ids]
                total = sum(weights)
                if not ids or total <= 0:
                    continue
                rows += [len(owners)] * len(ids)
                cols += ids
                vals += [w / total for w in weights]
                owners.append(doc)
        self._matrix = csr_matrix((np.array(vals, dtype=np.float64), (rows, cols)), shape=(len(owners), len(term_ids)))
        self._owner = np.array(owners, dtype=np.int64)
        self._articles = n

    def match(self, queries: object) -> np.ndarray:
        """(queries × articles) phrase match, from a sparse (queries × terms) matrix whose nonzeros are the
        terms each query looks up."""
        import numpy as np

        q = queries.copy()  # type: ignore[attr-defined]
        q.data[:] = 1
        covered = (q @ self._matrix.T).tocoo()  # sparse: only phrases sharing a term with the query
        out = np.zeros((q.shape[0], self._articles))
        np.maximum.at(out, (covered.row, self._owner[covered.col]), covered.data)
        return np.round(out, 6)
