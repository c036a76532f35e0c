"""Counts in messages: ``1 article``, ``2 articles``."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, noun: str, plural: str = "") -> str:
    """``n`` and ``noun``, the noun plural unless ``n`` is 1 (``plural``, else ``noun`` + "s")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def files_text(paths: Sequence[str], noun: str = "files", listed: int = 3) -> str:
    """Files as a reader takes them in: all of them when at most ``listed``, else the first and the last and how many
    (an API's 26 pages of conversations: ``page-01.json … page-26.json (26 files)``)."""
    if len(paths) <= listed:
        return ", ".join(paths)
    return f"{paths[0]} … {paths[-1]} ({len(paths)} {noun})"
