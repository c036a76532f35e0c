"""Clean, redact, match and decide batches of tickets: in this process, or in worker processes for large exports.

Each worker opens its own engines (an opened index is cheap to query but not shared between processes). Batches
are handed out with a bounded number in flight, so a fast reader never piles tickets up in memory. Workers need
the ``fork`` start method (Linux); elsewhere everything runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from deflection.clean import NOTHING_ASKED, clean_and_judge, redact
from deflection.matching import EngineForLocale, Matcher, best_match, query_of
from deflection.model import Match, Ticket
from deflection.text import language
from helpkit.processes import worker_pool


@dataclass(frozen=True, slots=True)
class Prepared:
    """One ticket after cleaning and matching."""

    text: str
    """Cleaned, PII-redacted text (``""`` when nothing was left: the ticket is skipped)."""
    locale: str
    """Help-center locale it was matched in."""
    match: Match | None
    """The decision (``None`` when ``text`` is empty)."""
    skip: str = ""
    """Why the ticket is skipped when ``text`` is empty: :data:`~deflection.clean.NOTHING_ASKED`, else ``""`` (no
    text left after cleaning)."""
    unserved: str = ""
    """The ticket's language (base code: what its words are in when they tell, else the export's field) when the
    help center has no locale in it (it is matched in the default locale); ``""`` otherwise."""


@dataclass(frozen=True, slots=True)
class _Job:
    engine_for_locale: EngineForLocale
    match: bool
    locales: tuple[str, ...]
    default_locale: str


_job: _Job | None = None
_matcher: Matcher | None = None


def _init(job: _Job) -> None:
    global _job, _matcher
    _job, _matcher = job, Matcher(job.engine_for_locale)


def resolve_locale(code: str | None, locales: Sequence[str], default: str) -> str:
    """The help-center locale for a ticket language: exact, else same base language, else ``default``."""
    if not code:
        return default
    c = code.strip().replace("_", "-").casefold()
    for loc in locales:
        if loc.casefold() == c:
            return loc
    for loc in locales:
        if base_code(loc) == base_code(c):
            return loc
    return default


def _process(payload: list[tuple[str, str | None]]) -> list[Prepared]:
    assert _job is not None and _matcher is not None
    judged = [clean_and_judge(raw) for raw, _ in payload]  # each ticket cleaned once
    texts = [redact(t) if t and not n else "" for t, n in judged]
    read = [language(text) if text else "" for text in texts]  # what its words are in
    langs = [lang or seen for seen, (_, lang) in zip(read, payload, strict=True)]  # the export's field wins
    locs = [resolve_locale(lang, _job.locales, _job.default_locale) for lang in langs]
    todo = [i for i, t in enumerate(texts) if t]
    hits = _matcher.hits([(locs[i], query_of(texts[i])) for i in todo]) if _job.match else [()] * len(todo)
    out = [Prepared("", loc, None, NOTHING_ASKED if n else "") for loc, (_, n) in zip(locs, judged, strict=True)]
    for i, h in zip(todo, hits, strict=True):
        # a help desk's language field is often the customer's profile, not the ticket's: its words tell
        out[i] = Prepared(texts[i], locs[i], best_match(h), unserved=_unserved(read[i] or langs[i], _job.locales))
    return out


def base_code(code: str) -> str:
    """A language code's language, lower case: ``pt-BR`` → ``pt``."""
    return code.strip().replace("_", "-").casefold().split("-", 1)[0]


def _unserved(lang: str | None, locales: Sequence[str]) -> str:
    """``lang``'s base code when no locale of the help center is in that language, else ``""``."""
    base = base_code(lang or "")
    return base if base and all(base_code(loc) != base for loc in locales) else ""


def default_workers() -> int:
    """Worker processes for a large export: one per CPU (the reader mostly waits on them), at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def process(chunks: Iterator[list[Ticket]], engine_for_locale: EngineForLocale, locales: Sequence[str],
            default_locale: str, *, match: bool = True, workers: int = 0
            ) -> Iterator[tuple[list[Ticket], list[Prepared]]]:
    """Each chunk of tickets with its prepared results, in order (``match``: with the engine's best hit, else
    cleaned only); ``workers`` > 0 uses that many processes."""
    job = _Job(engine_for_locale, match, tuple(locales), default_locale)
    if workers <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        _init(job)
        for chunk in chunks:
            yield chunk, _process([(t.text, t.locale) for t in chunk])
        return
    with worker_pool(workers, _init, (job,)) as pool:
        inflight: deque = deque()
        for chunk in chunks:
            inflight.append((chunk, pool.apply_async(_process, ([(t.text, t.locale) for t in chunk],))))
            while len(inflight) > 2 * workers:
                done, result = inflight.popleft()
                yield done, result.get()
        while inflight:
            done, result = inflight.popleft()
            yield done, result.get()
