"""Per-ticket rows kept on disk between passes, so memory does not grow with the export (one JSON array a line)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from deflection.model import AnsweredQuestion, Status, TicketRecord


@dataclass(frozen=True, slots=True)
class Pending:
    """A matched ticket waiting for its topic (first pass → topic assignment)."""

    record: TicketRecord
    """The ticket's record, ``topic`` not yet known."""
    text: str
    """Cleaned, redacted text (for grouping and examples)."""
    labeled: bool
    """Whether an agent's reply linked its article (answered, whatever its score)."""
    title: str
    """Title of its best article."""


def _extras(r: TicketRecord) -> list[object]:
    """A record's label, support numbers and language no locale serves, or nothing when it has none (most
    exports)."""
    extras = [r.label, r.first_reply_minutes, r.resolution_minutes, r.handle_minutes, r.satisfaction, r.rating,
              r.language]
    return extras if any(x not in ("", None) for x in extras) else []


def write_pending(f: IO[str], p: Pending) -> None:
    r = p.record
    f.write(json.dumps([r.id, r.status.value, r.slug, r.url, r.score, r.locale, r.channel, r.created,
                        p.text, p.labeled, p.title, *_extras(r)], ensure_ascii=False))
    f.write("\n")


def read_pending(path: Path) -> Iterator[Pending]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            i, st, slug, url, score, locale, channel, created, text, labeled, title, *extras = json.loads(line)
            yield Pending(TicketRecord(i, Status(st), slug, url, score, None, locale, channel, created, *extras),
                          text, labeled, title)


def write_record(f: IO[str], r: TicketRecord) -> None:
    f.write(json.dumps([r.id, r.status.value, r.slug, r.url, r.score, r.topic, r.locale, r.channel, r.created,
                        *_extras(r)], ensure_ascii=False))
    f.write("\n")


def read_records(path: Path) -> Iterator[TicketRecord]:
    """The final per-ticket records, in input order."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            i, st, slug, url, score, topic, locale, channel, created, *extras = json.loads(line)
            yield TicketRecord(i, Status(st), slug, url, score, topic, locale, channel, created, *extras)


def write_answered(f: IO[str], a: AnsweredQuestion) -> None:
    f.write(json.dumps([a.question, a.article, a.locale, a.likely, a.ticket, a.linked], ensure_ascii=False))
    f.write("\n")


def read_answered(path: Path) -> Iterator[AnsweredQuestion]:
    """The rows :func:`write_answered` wrote, in order."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield AnsweredQuestion(*json.loads(line))


class VectorRows:
    """Read-only rows of a file of float16 vectors (the first pass's ticket vectors), read on demand with
    ``os.pread``: what was read does not stay in the process's memory, as the pages of a memory map would
    (a million tickets' vectors are 0.8 GB)."""

    def __init__(self, path: Path, rows: int, dimensions: int) -> None:
        self.path = path
        self.shape = (rows, dimensions)
        """Rows and dimensions, as an array's shape."""
        self._width = dimensions * 2
        self._fd = os.open(path, os.O_RDONLY)

    def __getitem__(self, index: int | np.integer | Sequence[int] | np.ndarray) -> np.ndarray:
        """One row (an int) or several (a sequence of row numbers, in that order), as float16 arrays."""
        if isinstance(index, int | np.integer):
            return self._rows(np.array([int(index)]))[0]
        return self._rows(np.asarray(index, dtype=np.int64).reshape(-1))

    def _rows(self, rows: np.ndarray) -> np.ndarray:
        out = np.empty((len(rows), self.shape[1]), dtype=np.float16)
        w = self._width
        start = 0
        while start < len(rows):  # runs of consecutive rows in one read
            end = start + 1
            while end < len(rows) and rows[end] == rows[end - 1] + 1:
                end += 1
            data = os.pread(self._fd, w * (end - start), int(rows[start]) * w)
            out[start:end] = np.frombuffer(data, dtype=np.float16).reshape(end - start, self.shape[1])
            start = end
        return out

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)
