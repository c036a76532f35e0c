"""Search: a Whoosh index per locale (``helpkit search``, deflection matching) and a prebuilt browser index.

Public entry points (the rest of the package is private):

- :func:`build_index` writes one locale's Whoosh index;
- :func:`write_browser_index` writes one locale's browser index and search UI assets into the built site;
- :func:`write_indexes` does both from one indexing pass (``helpkit build``);
- :func:`open_engine` opens a built index for queries (:meth:`Engine.search`, :meth:`Engine.match_many`);
- :func:`analyzer_for` is a language's text analysis (words, stop words, stems), which deflection shares;
- :func:`search` is the one-shot query; :func:`search_project` picks a help center's locale index for it and
  :func:`format_results` prints the answer (``helpkit search``).

How the pieces agree: one analysis (:mod:`search_index._analysis`), one query plan
(:mod:`search_index._query`), one integer BM25F weighting (:mod:`search_index._scoring`) and one reordering
of the best candidates by meaning vectors (:mod:`search_index._meaning`, integer vectors). Whoosh builds the
index and stores the articles' text; the score table it yields at build time is what ranks, in Python
(``Engine._rank``: ``search`` is ``match_many`` of one query plus snippets) and in the browser (the same table,
sharded, summed by ``assets/hk-search.js``), so both rank the same articles first with the same scores, and
call the same first hits weak (:mod:`search_index._confidence`: cut-offs derived from the articles at build time,
stored in the index; ``SearchHit.confident``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from helpkit.model import Article
from search_index._analysis import Analyzer, analyzer_for, normalize
from search_index._engine import Engine as _EngineImpl
from search_index._report import format_results, search_project
from search_index._types import SearchHit, SearchResults

__all__ = [
    "Analyzer", "analyzer_for", "normalize",
    "Engine", "SearchHit", "SearchResults", "build_index", "format_results", "index_fingerprint", "open_engine",
    "search", "search_project", "write_browser_index",
]


class Engine(_EngineImpl):
    """An opened locale index. Cheap to query many times; open once per process."""

    locale: str

    def search(self, query: str, *, limit: int = 5) -> SearchResults:
        """Best articles for one query (ConfigError, exit 2, for an empty query)."""
        return self._search(query, limit)

    def match_many(self, queries: Iterable[str], *, limit: int = 3) -> Iterator[tuple[SearchHit, ...]]:
        """Best hits for each of many queries, in order, ranked as :meth:`search` ranks them (the same code),
        fast enough for a million tickets (no snippets: ``snippet`` is empty)."""
        return self._match_many(queries, limit)


def index_fingerprint() -> str:
    """What a locale's indexes depend on besides its articles and synonyms: the index format, the browser
    runtime's bytes and the meaning model (for build caches)."""
    import hashlib
    from importlib import resources

    from search_index._files import INDEX_FORMAT
    from search_index._meaning import model_id

    h = hashlib.sha256()
    for asset in sorted((resources.files("search_index") / "assets").iterdir(), key=lambda p: p.name):
        if asset.is_file():
            h.update(asset.name.encode() + b"\0" + asset.read_bytes())
    return f"index format {INDEX_FORMAT}, runtime {h.hexdigest()[:16]}, meaning {model_id()}"


def build_index(
    articles: Sequence[Article], locale: str, index_dir: Path, *, synonyms: Path | None = None, meaning: bool = True
) -> None:
    """Write the Whoosh index of one locale's articles to ``index_dir / locale``, replacing it atomically
    (``meaning=False``: rank by words alone, see :mod:`search_index._meaning`)."""
    from search_index._build import build_index as build

    build(articles, locale, Path(index_dir), synonyms=synonyms, meaning=meaning)


def write_browser_index(
    articles: Sequence[Article], locale: str, assets_dir: Path, *, synonyms: Path | None = None, meaning: bool = True
) -> None:
    """Write the prebuilt browser index and the search script/styles into ``assets_dir``
    (a locale's ``<site root>/assets/helpkit/``)."""
    from search_index._browser import write_browser_index as write

    write(articles, locale, Path(assets_dir), synonyms=synonyms, meaning=meaning)


def write_indexes(
    articles: Sequence[Article], locale: str, index_dir: Path, assets_dir: Path, *, synonyms: Path | None = None,
    meaning: bool = True,
) -> None:
    """:func:`build_index` and :func:`write_browser_index` together, indexing the articles once
    (what ``helpkit build`` does for each locale)."""
    from search_index._browser import write_browser_index as write
    from search_index._build import build_index as build

    compiled = build(articles, locale, Path(index_dir), synonyms=synonyms, meaning=meaning)
    write(articles, locale, Path(assets_dir), synonyms=synonyms, compiled=compiled)


def open_engine(index_dir: Path, locale: str) -> Engine:
    """Open the index ``helpkit build`` wrote for ``locale``; MissingResource (run 'helpkit build') if absent
    or built by another helpkit version."""
    return Engine(Path(index_dir), locale)


def search(index_dir: Path, query: str, *, locale: str, limit: int = 5) -> SearchResults:
    """One query against a built index (what ``helpkit search`` prints)."""
    return open_engine(index_dir, locale).search(query, limit=limit)
