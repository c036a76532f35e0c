"""Ticket deflection: which tickets an existing article could have answered, and which articles to write next.

Public entry points (the rest of the package is private):

- :func:`analyze` reads ticket exports, scores each ticket against every article (a sentence encoder, or the help
  center's own search engine), calibrates on the help center and the export, decides answered/unanswered,
  groups the unanswered into topics and returns a :class:`Report`;
- :func:`render` writes a report as HTML, Markdown, JSON and CSV (and draft article stubs);
- :func:`run` does both, as ``helpkit deflection`` does;
- :func:`scan_exports` reads the exports through once and tells, before the analysis, which columns were taken
  for what, the duplicate tickets, and which ticket ``--explain`` names.

The per-ticket records of a report are spooled to a folder the caller owns (``workdir``), so memory stays
bounded on exports of millions of tickets.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

from deflection.analyze import analyze
from deflection.calibrate import Calibration, Estimate
from deflection.matching import EngineForLocale, MatchEngine
from deflection.model import (
    AnsweredQuestion,
    ArticlePressure,
    ArticleRef,
    Breakdown,
    ColumnMapping,
    Explanation,
    Headline,
    Options,
    PartlyTranslated,
    Report,
    Skipped,
    SkipReason,
    Status,
    Ticket,
    TicketRecord,
    Topic,
    Verdict,
    WeekCount,
)
from deflection.progress import progress_bar
from deflection.readers import ExportScan, no_tickets, scan_exports
from deflection.render import FORMATS, QUESTIONS_REVIEW, explain_text, render, summary_line
from helpkit.model import Article

__all__ = [
    "FORMATS", "QUESTIONS_REVIEW", "AnsweredQuestion", "ArticlePressure", "ArticleRef", "Breakdown", "Calibration",
    "ColumnMapping", "EngineForLocale", "Estimate", "Explanation", "Headline", "MatchEngine", "Options",
    "PartlyTranslated", "Report",
    "ExportScan", "SkipReason", "Skipped",
    "Status", "Ticket", "TicketRecord", "Topic", "Verdict", "WeekCount", "analyze", "progress_bar",
    "explain_text", "render", "run", "scan_exports", "summary_line",
]


def run(sources: Sequence[Path], options: Options, engine_for_locale: EngineForLocale, *, formats: Sequence[str],
        out_dir: Path, locales: Sequence[str] = ("en",), articles: Sequence[Article] = (),
        stubs_dir: Path | None = None, site_name: str = "", questions_path: Path | None = None,
        scan: ExportScan | None = None) -> tuple[Report, tuple[Path, ...]]:
    """Analyze the exports and write the report; return it (its records are gone once this returns)
    and the files written (``questions_path``: the answered tickets as a questions file; ``scan``: the exports'
    :func:`scan_exports`, when the caller read them through already).

    Exports that leave no ticket to analyze raise :class:`helpkit.errors.ConfigError` and write nothing: the
    last report stays as it was."""
    if questions_path is not None:
        options = dataclasses.replace(options, questions=True)
    with tempfile.TemporaryDirectory(prefix="helpkit-deflection-") as work:
        report = analyze(sources, options, engine_for_locale, locales=locales, articles=articles, workdir=Path(work),
                         scan=scan)
        if not report.headline.analyzed:  # every ticket was empty once quotes and signatures were removed
            raise no_tickets(sources, report.headline.read, report.headline.skipped)
        written = render(report, formats, out_dir, stubs_dir=stubs_dir, site_name=site_name,
                         questions_path=questions_path)
    return report, written
