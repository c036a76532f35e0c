"""``helpkit search`` behind the command line: pick the locale's index, query it, print the results."""

from __future__ import annotations

import html
import json
import re

import click

from helpkit.config import ProjectConfig
from helpkit.errors import ConfigError
from search_index._types import SearchResults

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def search_project(config: ProjectConfig, query: str, *, lang: str | None = None, limit: int = 5) -> SearchResults:
    """Query the index ``helpkit build`` wrote for ``lang`` (default: the source locale) of a help center."""
    from search_index import search

    locale = lang or config.source_locale
    if locale not in config.locales:
        raise ConfigError(
            f"search: --lang '{locale}' is not a locale of {config.path.name}; known: {', '.join(config.locales)}"
        )
    return search(config.index_dir, query, locale=locale, limit=limit)


def format_results(results: SearchResults, *, as_json: bool = False, color: bool = False) -> str:
    """Results as text for people (title, section, URL, snippet with matches emphasized, score) or as a JSON
    list of ``{slug, title, section, url, score, similarity, confident, snippet}`` for scripts (``url`` ends in
    ``#anchor`` and ``section`` is that heading when a section carries the match, else ``section`` is "";
    ``score`` is the BM25F part and ``similarity`` the meaning part of the ranking, so a lower score can rank
    first; ``confident`` is false for a weak hit, see :attr:`SearchHit.confident`: when the first one is, the
    help center may not answer the query; the snippet is HTML-escaped with ``<mark>``)."""
    if as_json:
        return json.dumps([{"slug": h.slug, "title": h.title, "section": h.section, "url": h.link, "score": h.score,
                            "similarity": round(h.similarity, 4), "confident": h.confident, "snippet": h.snippet}
                           for h in results.hits], ensure_ascii=False, indent=2)
    lines: list[str] = []
    if results.suggestion:
        lines.append(f"Did you mean: {results.suggestion!r}?")
    if not results.hits:
        lines.append(f"No articles match {_shorten(results.query)!r}.")
    elif not results.confident:
        lines.append(f"No good match for {_shorten(results.query)!r}: none of these may answer it.")
    for n, hit in enumerate(results.hits, 1):
        # meaning reorders close scores: show it, so a lower score ranked first makes sense
        meaning = f", meaning {hit.similarity:.2f}" if hit.similarity else ""
        section = f" › {hit.section}" if hit.section else ""
        lines.append(f"{n}. {click.style(hit.title, bold=True) if color else hit.title}{section}  "
                     f"(score {hit.score:.2f}{meaning})")
        lines.append(f"   {hit.link}")
        lines.append(f"   {_terminal(hit.snippet, color)}")
    return "\n".join(lines)


def _terminal(snippet: str, color: bool) -> str:
    """An HTML snippet as plain text: matches in reverse video, or between ``[ ]`` without color."""
    out: list[str] = []
    for i, piece in enumerate(_MARK.split(snippet)):
        text = html.unescape(piece)
        out.append((click.style(text, reverse=True) if color else f"[{text}]") if i % 2 else text)
    return "".join(out)


def _shorten(query: str, width: int = 60) -> str:
    return query if len(query) <= width else query[: width - 1] + "…"
