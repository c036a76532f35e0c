"""The values a search returns (re-exported by :mod:`search_index`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found for a query."""

    slug: str
    """The article's slug (stable across locales)."""
    title: str
    """The article's title in the index's locale."""
    url: str
    """Page path relative to the locale's site root (``billing/request-a-refund.html``)."""
    score: float
    """Relevance score (higher is better); comparable between queries of one index only."""
    snippet: str
    """HTML-escaped text around the matches, matched terms wrapped in ``<mark>``."""
    phrase: float = 0.0
    """How much of the article's closest own wording the query contains, 0 to 1: 1.0 when it has every word of
    the title or of one of the article's keywords (idf-weighted; see :mod:`search_index._phrases`). Evidence
    that the article answers the query, used by deflection; not used for ranking."""
    similarity: float = 0.0
    """Cosine (-1 to 1) of the query's and the article's meaning vectors (:mod:`search_index._meaning`); 0.0 for
    a locale without them. Reorders the best candidates; deflection reads it as evidence too."""
    questions: int = 0
    """How many customer questions the article learned (the questions file): its score includes them, so
    deflection judges it by the rule calibrated for learned articles."""
    nearest: float = 0.0
    """Highest cosine of the query's meaning vector with one of the article's learned questions; 0.0 when it
    has none or the locale no meaning vectors. Deflection reads it as evidence; not used for ranking."""
    section: str = ""
    """The heading of the section the query's words weigh most in, when a section rather than the article's top
    (title, description, keywords, text before the first heading) carries the match; else "". ``search`` only
    (``match_many`` leaves it empty)."""
    anchor: str = ""
    """That section's anchor (its heading's HTML id), else ""."""
    confident: bool = True
    """Whether the article is a good answer: its score over the most the query's words could score, and its
    :attr:`similarity`, reach the cut-offs the index derived from its own articles
    (:mod:`search_index._confidence`); True when the index has no cut-offs (a help center of a few articles)."""

    @property
    def link(self) -> str:
        """The page to open: :attr:`url`, with ``#anchor`` when a section carries the match."""
        return f"{self.url}#{self.anchor}" if self.anchor else self.url


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The answer to one query."""

    query: str
    """The query as given."""
    hits: tuple[SearchHit, ...]
    """Best first."""
    suggestion: str | None = None
    """A corrected query ("did you mean") when the query looks misspelt, else None."""

    @property
    def confident(self) -> bool:
        """Whether the first hit is a good answer (:attr:`SearchHit.confident`). False without hits, and for a weak
        first hit: the help center may not answer the query, so the contact page is offered."""
        return bool(self.hits) and self.hits[0].confident
