"""A progress bar on stderr for large exports (click's), driven by the bytes read."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

LARGE = 4 * 1024 * 1024
"""Exports smaller than this (in all) read too fast to need a bar."""


@contextmanager
def progress_bar(sources: Sequence[Path]) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback taking the bytes read so far, or ``None`` when the exports are small or absent."""
    total = sum(p.stat().st_size for p in sources if p.is_file())
    if total < LARGE:
        yield None
        return
    with click.progressbar(length=total, label="Reading tickets", file=sys.stderr, show_pos=False,
                           show_percent=True, show_eta=True) as bar:

        def update(done: int) -> None:
            bar.update(max(0, min(total, done) - bar.pos))

        yield update
