"""Search: a Whoosh index per locale (``helpkit search``, deflection matching) and a prebuilt browser index.

Public entry points (the rest of the package is private):

- :func:`build_index` writes one locale's Whoosh index;
- :func:`write_browser_index` writes one locale's browser index and search UI assets into the built site;
- :func:`open_engine` opens a built index for queries (:meth:`Engine.search`, :meth:`Engine.match_many`);
- :func:`search` is the one-shot query ``helpkit search`` runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from helpkit.model import Article


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


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The answer to one query."""

    query: str
    """The query as given."""
    hits: tuple[SearchHit, ...]
    """Best first."""
    suggestion: str | None = None
    """A corrected query ("did you mean") when the query looks misspelt, else None."""


class Engine:
    """An opened locale index. Cheap to query many times; open once per process."""

    locale: str

    def search(self, query: str, *, limit: int = 5) -> SearchResults:
        """Best articles for one query."""
        raise NotImplementedError

    def match_many(self, queries: Iterable[str], *, limit: int = 3) -> Iterator[tuple[SearchHit, ...]]:
        """Best hits for each of many queries, in order, scored exactly as :meth:`search` scores them,
        fast enough for a million tickets (no snippets: ``snippet`` is empty)."""
        raise NotImplementedError


def build_index(articles: Sequence[Article], locale: str, index_dir: Path, *, synonyms: Path | None = None) -> None:
    """Write the Whoosh index of one locale's articles to ``index_dir / locale``, replacing it atomically."""
    raise NotImplementedError


def write_browser_index(
    articles: Sequence[Article], locale: str, assets_dir: Path, *, synonyms: Path | None = None
) -> None:
    """Write the prebuilt browser index and the search script/styles into ``assets_dir``
    (a locale's ``<site root>/assets/helpkit/``)."""
    raise NotImplementedError


def open_engine(index_dir: Path, locale: str) -> Engine:
    """Open the index ``helpkit build`` wrote for ``locale``; MissingResource (run 'helpkit build') if absent
    or built by another helpkit version."""
    raise NotImplementedError


def search(index_dir: Path, query: str, *, locale: str, limit: int = 5) -> SearchResults:
    """One query against a built index (what ``helpkit search`` prints)."""
    return open_engine(index_dir, locale).search(query, limit=limit)
