"""The synonyms file: ``refund = money back, chargeback``, one group of equivalent phrases per line.

A query that contains any phrase of a group (after analysis, as consecutive terms) also looks up
the terms of the group's other phrases, at a lower weight than the words the customer typed.
"""

from __future__ import annotations

from pathlib import Path

from helpkit.errors import ConfigError, MissingResource
from search_index._analysis import Analyzer

Group = tuple[tuple[str, ...], ...]
"""One line of the file, analyzed: each phrase as its sequence of terms."""


def read_synonyms(path: Path | None, analyzer: Analyzer) -> tuple[Group, ...]:
    """The analyzed groups of a synonyms file (none when ``path`` is None).

    Lines are ``phrase = phrase, phrase`` (or just ``phrase, phrase``); ``#`` starts a comment.
    """
    if path is None:
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MissingResource(
            f"{path}: synonyms file not found (Config value 'helpkit.search.synonyms'); create it or remove the setting"
        ) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {e.start}); save the file as UTF-8") from None
    groups: list[Group] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        phrases = [p.strip() for p in line.replace("=", ",").split(",")]
        analyzed = tuple(dict.fromkeys(t for t in (tuple(analyzer.terms(p)) for p in phrases if p) if t))
        if len(analyzed) < 2:
            raise ConfigError(
                f"{path}:{number}: synonyms line {line!r} needs at least two phrases with searchable words; "
                "write 'refund = money back, chargeback'"
            )
        groups.append(analyzed)
    return tuple(groups)


def expand(terms: list[str], groups: tuple[Group, ...]) -> list[str]:
    """Terms of the phrases equivalent to those found in ``terms`` (not already in it), in group order."""
    have = set(terms)
    extra: list[str] = []
    for group in groups:
        if any(phrase[0] in have and _contains(terms, phrase) for phrase in group):
            for phrase in group:
                for t in phrase:
                    if t not in have:
                        have.add(t)
                        extra.append(t)
    return extra


def _contains(terms: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(terms[i:i + n]) == phrase for i in range(len(terms) - n + 1))
