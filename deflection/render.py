"""Writing a :class:`Report`: JSON and CSV for machines, Markdown for a PR comment, HTML for people, draft stubs.

Every file is written to a temporary name beside its target and moved into place when complete.
Per-ticket records are streamed from the report's spool into the JSON and CSV files (never all in memory).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import yaml

from deflection import sections
from deflection.html import render_html
from deflection.model import SKIPPED_FILE, Report, Status, Topic, Verdict
from deflection.trend import Rise
from helpkit.files import atomic_open, atomic_write
from helpkit.slug import slugify, unique_slug
from helpkit.wording import counted

FORMATS = ("html", "md", "json", "csv")
"""Output formats :func:`render` writes."""
FILE_NAMES = {"html": "deflection.html", "md": "deflection.md", "json": "deflection.json", "csv": "deflection.csv"}
"""File name of each format in the output folder."""
SCHEMA = "helpkit-deflection/1"
"""Version tag of the JSON output's layout."""
QUESTION_FIELDS = ("question", "article", "locale", "likely", "ticket", "linked")
"""Columns of the questions file of answered tickets (the help center's questions file reads the first three);
``linked`` (``reply`` when an agent's reply linked the article) only when some reply did."""
QUESTIONS_REVIEW = ("review {path} before adding its rows to the questions file: sort by 'likely' and check the least "
                    "likely first, and drop the rows whose article does not answer them (a wrong row teaches search a "
                    "wrong answer, and the next report counts its subject as answered)")
"""What ``helpkit deflection --questions FILE`` prints after writing it."""
CSV_FIELDS = ("id", "status", "slug", "url", "score", "topic", "locale", "channel", "created")
"""Columns of the per-ticket CSV (the JSON ``tickets`` records have the same keys)."""
VERDICT_KEYS = {Verdict.MISSING: "missing", Verdict.MISMATCH: "mismatch", Verdict.ANSWERED: "answered"}
"""A topic's verdict in JSON."""
MD_TOPICS = 10
"""Topics listed in the Markdown summary."""


def render(report: Report, formats: Sequence[str], out_dir: Path, *, stubs_dir: Path | None = None,
           stub_count: int = 5, site_name: str = "", questions_path: Path | None = None) -> tuple[Path, ...]:
    """Write the report in each of ``formats`` into ``out_dir`` (draft articles into ``stubs_dir``, the answered
    tickets as a questions file to ``questions_path``); return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    writers = {"html": lambda f: f.write(render_html(report, site_name=site_name)),
               "md": lambda f: f.write(render_markdown(report)),
               "json": lambda f: write_json(report, f),
               "csv": lambda f: write_csv(report, f)}
    for fmt in formats:
        target = out_dir / FILE_NAMES[fmt]
        with atomic_open(target, newline="" if fmt == "csv" else None) as f:
            writers[fmt](f)
        written.append(target)
    if report.skipped_path is not None and report.skipped_path.exists():
        target = out_dir / SKIPPED_FILE
        with atomic_open(target, newline="") as f, report.skipped_path.open(encoding="utf-8", newline="") as src:
            shutil.copyfileobj(src, f)
        written.append(target)
    if stubs_dir is not None:
        written.extend(write_stubs(report, stubs_dir, count=stub_count))
    if questions_path is not None:
        questions_path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(questions_path, newline="") as f:
            write_questions(report, f)
        written.append(questions_path)
    return tuple(written)


def write_questions(report: Report, f: IO[str]) -> None:
    """The answered tickets as a questions file (helpkit/questions.py): each ticket's text and the article it
    was linked to, for a person to review and add to the help center's questions (search learns their words)."""
    out = csv.writer(f)
    linked = bool(report.headline.labeled)  # the column says which article an agent's reply linked
    out.writerow(QUESTION_FIELDS if linked else QUESTION_FIELDS[:-1])
    # one row per question and article; of tickets that read the same, the one an agent's reply linked
    replied = {hash((a.question, a.article)) for a in report.answered() if a.linked}
    written: set[int] = set()
    for a in report.answered():
        key = hash((a.question, a.article))
        if key in written or (key in replied and not a.linked):
            continue
        written.add(key)
        row = (" ".join(a.question.split()), a.article, a.locale, f"{a.likely:.2f}", a.ticket)
        out.writerow((*row, "reply" if a.linked else "") if linked else row)


# --- JSON --------------------------------------------------------------------------------------------------------


def summary_data(report: Report) -> dict[str, Any]:
    """The JSON output without ``tickets``: headline, topics, article pressure (plain JSON types)."""
    h = report.headline
    c = report.calibration
    return {
        "schema": SCHEMA,
        "generated": report.generated.isoformat(),
        "sources": list(report.sources),
        "empty_sources": list(report.empty_sources),
        "unserved_languages": [{"language": x.language, "tickets": x.tickets} for x in report.unserved],
        "partly_translated": [dataclasses.asdict(p) for p in report.partly],
        "calibration": {**dataclasses.asdict(c), "sureness": c.sureness},
        "install_hint": report.install_hint or None,
        "headline": {
            "read": h.read, "analyzed": h.analyzed, "answered": h.answered, "unanswered": h.unanswered,
            "answered_share": round(h.answered_share, 4),
            "estimate": _estimate(h.estimate),
            "skipped": {"total": h.skipped_total,
                        "reasons": [{"reason": s.reason, "count": s.count, "where": list(s.where)} for s in h.skipped]},
            "by_locale": [_breakdown(b, "locale") for b in h.by_locale],
            "by_channel": [_breakdown(b, "channel") for b in h.by_channel],
            "first": h.first.isoformat() if h.first else None,
            "last": h.last.isoformat() if h.last else None,
            "labeled": h.labeled, "labeled_matched": h.labeled_matched,
        },
        "topics": [_topic_data(tp) for tp in report.topics],
        "ungrouped": report.ungrouped,
        "min_topic": report.min_topic,
        "dropped": {"topics": report.dropped[0], "tickets": report.dropped[1]},
        "articles": [
            {"slug": a.article.slug, "title": a.article.title, "url": a.article.url, "tickets": a.tickets,
             "share": round(a.share, 4), "missing_words": list(a.missing_words), "rising": _rise(a.rising)}
            for a in report.articles
        ],
        **sections.json_data(report),
    }


def _breakdown(b: Any, key: str) -> dict[str, Any]:
    return {key: b.key, "tickets": b.tickets, "answered": b.answered, "answered_share": round(b.answered_share, 4),
            "estimate": _estimate(b.estimate)}


def _estimate(e: Any) -> dict[str, float | bool] | None:
    if not e:
        return None
    return {"share": round(e.share, 4), "low": round(e.low, 4), "high": round(e.high, 4), "bounded": e.bounded}


def _topic_data(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id, "label": t.label, "key_phrases": list(t.key_phrases), "count": t.count,
        "share": round(t.share, 4), "weekly": [{"week": w.week.isoformat(), "count": w.count} for w in t.weekly],
        "examples": list(t.examples), "suggested_title": t.suggested_title,
        "nearest": ({"slug": t.nearest.slug, "title": t.nearest.title, "url": t.nearest.url}
                    if t.nearest else None),
        "closest": [{"slug": c.article.slug, "title": c.article.title, "url": c.article.url, "tickets": c.tickets}
                    for c in t.closest],
        "verdict": VERDICT_KEYS[t.verdict], "answerable": t.answerable,
        "verdict_text": t.verdict.value, "locale": t.locale or None, "rising": _rise(t.rising),
    }


def _rise(r: Rise | None) -> dict[str, int] | None:
    return dataclasses.asdict(r) if r else None


def write_json(report: Report, f: IO[str]) -> None:
    """The summary, then ``"tickets": [...]`` streamed one record at a time."""
    head = json.dumps(summary_data(report), ensure_ascii=False, indent=1)
    f.write(head[: head.rstrip().rfind("}")].rstrip())
    f.write(',\n "tickets": [')
    sep = "\n  "
    extras = sections.record_extras(report)
    for r in report.records():
        f.write(sep)
        f.write(json.dumps({"id": r.id, "status": r.status.value, "slug": r.slug or None, "url": r.url or None,
                            "score": r.score, "topic": r.topic, "locale": r.locale, "channel": r.channel,
                            "created": r.created or None,
                            **dict(zip(extras, sections.record_values(r, extras, report.costs), strict=True))},
                           ensure_ascii=False))
        sep = ",\n  "
    f.write("\n ]\n}\n")


# --- CSV ---------------------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    s = "" if value is None else str(value)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def write_csv(report: Report, f: IO[str]) -> None:
    """One row per ticket: :data:`CSV_FIELDS`."""
    w = csv.writer(f)
    extras = sections.record_extras(report)
    w.writerow(CSV_FIELDS + extras)
    for r in report.records():
        w.writerow([_cell(r.id), r.status.value, r.slug, r.url, r.score, r.topic or "", r.locale, _cell(r.channel),
                    r.created, *("" if v is None else v for v in sections.record_values(r, extras, report.costs))])


# --- Markdown ----------------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell (no HTML, pipes or line breaks)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("\n", " ").replace("`", "'"))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _interval(e: Any, short: bool = False, caveat: str | None = None) -> str:
    """``74% (70–78%)``; ``—`` without an estimate; a bound says so (``short``: in two words, for the breakdowns
    under a headline that explains it; ``caveat``: the headline's own, :func:`sections.headline_caveat`)."""
    if not e:
        return "—"
    caveat = caveat if caveat is not None else "a bound" if short and e.caveat else e.caveat
    return f"{_pct(e.share)} ({_pct(e.low)}–{_pct(e.high)})" + (f" [{caveat}]" if caveat else "")


def render_markdown(report: Report) -> str:
    """A summary short enough for a pull-request comment."""
    h = report.headline
    lines = ["## Ticket deflection report", ""]
    period = f" from {h.first} to {h.last}" if h.first and h.last else ""
    lines.append(
        f"**{h.analyzed:,}** tickets analyzed{period}: an existing article could have answered "
        f"**{_interval(h.estimate, caveat=sections.headline_caveat(report))}** of them "
        f"({'95% interval' if h.estimate and h.estimate.bounded else 'estimate, 95% interval'}; "
        f"{h.answered:,} tickets one by one)."
    )
    c = report.calibration
    lines.append(f"Matcher: {c.matcher}; calibrated on this help center ({_md(c.source)}), threshold "
                 f"{c.threshold:g}, sureness of single verdicts: {c.sureness}.")
    if report.install_hint:
        lines.append(_md(report.install_hint))
    if h.labeled:
        lines.append(sections.linked_sentence(h))
    if report.unserved:
        lines.append(_md(sections.unserved_sentence(report)))
    if report.partly:
        lines.append(_md(sections.partly_sentence(report)))
    lines.append(_md(sections.sources_sentence(report)))
    if h.skipped_total:
        lines.append(f"{h.skipped_total:,} of {h.read:,} records skipped ({_md(_skips(h))}); every one, with its "
                     f"ticket id, is in `{SKIPPED_FILE}` beside this report.")
    lines.append("")
    write = sections.to_write(report)
    if write:
        heads = sections.cost_headers(report.costs)
        lines += ["### Articles to write next", "", *([sections.rank_note(report), ""] if sections.rank_note(report)
                                                      else []),
                  "| # | Topic | Tickets | Share | Suggested title | Nearest article | Verdict |"
                  + "".join(f" {h} |" for h in heads),
                  "|---:|---|---:|---:|---|---|---|" + "---:|" * len(heads)]
        for n, t in enumerate(write[:MD_TOPICS], start=1):
            near = f"`{t.nearest.slug}`" if t.nearest else "none"
            verdict = _md(t.verdict.value)
            cost = report.costs.topic(t.id) if report.costs else None
            rise = f" ({_md(t.rising.sentence())})" if t.rising else ""
            lines.append(f"| {n} | {_md(t.label)}{rise} | {t.count:,} | {_pct(t.share)} | {_md(t.suggested_title)} | "
                         f"{near} | {verdict} |" + "".join(f" {c} |" for c in sections.cost_cells(report.costs, cost)))
        if len(write) > MD_TOPICS:
            lines.append(f"\n…and {len(write) - MD_TOPICS} smaller topics (see the full report).")
        if report.dropped[0]:
            lines.append(f"\n{report.dropped[0]:,} groups under {report.min_topic:,} tickets not listed "
                         f"({report.dropped[1]:,} tickets).")
        lines.append("")
    elif report.topics:  # every topic is one an article answers (listed below)
        lines += ["### Articles to write next", "", "None: an article likely answers every topic.", ""]
    elif h.unanswered:  # no topic: say what became of the unanswered tickets, as the HTML does
        small = (f" {report.dropped[0]:,} groups under {report.min_topic:,} tickets are not listed "
                 f"({report.dropped[1]:,} tickets).") if report.dropped[0] else ""
        lines += ["### Articles to write next", "",
                  f"No topic: {report.ungrouped:,} unanswered tickets fit no topic.{small}", ""]
    if answered := sections.answered_sentence(report):
        lines += [_md(answered), ""]
    if report.articles:
        lines += ["### Article pressure", "", "| Article | Tickets | Share | Customer words it lacks |",
                  "|---|---:|---:|---|"]
        for a in report.articles[:MD_TOPICS]:
            words = ", ".join(a.missing_words[:5]) or "—"
            rise = f" ({_md(a.rising.sentence())})" if a.rising else ""
            lines.append(f"| `{a.article.slug}`{rise} | {a.tickets:,} | {_pct(a.share)} | {_md(words)} |")
        lines.append("")
    lines += sections.md_sections(report)
    if len(h.by_locale) > 1 or len(h.by_channel) > 1:
        parts = [f"{_md(b.key)} {_interval(b.estimate, short=True)} of {b.tickets:,}"
                 for b in (*h.by_locale, *h.by_channel)]
        lines += ["Answered share by locale and channel: " + "; ".join(parts) + ".", ""]
    return "\n".join(lines)


def summary_line(report: Report) -> str:
    """The report in two lines, as ``helpkit deflection`` prints it."""
    h = report.headline
    c = report.calibration
    e = h.estimate
    share = f"{_pct(e.share)} ({_pct(e.low)}-{_pct(e.high)})" if e else _pct(h.answered_share)
    if caveat := sections.headline_caveat(report):
        share += f" [{caveat}]"
    text = (f"{counted(h.analyzed, 'ticket')}: answered by an article {share}; {h.unanswered} unanswered one by one, "
            f"in {counted(len(report.topics), 'topic')}; {h.skipped_total} skipped\nmatcher: {c.matcher}, "
            f"threshold {c.threshold:g} "
            f"(calibrated on this help center; sureness of single verdicts: {c.sureness})")
    if h.skipped_total:
        text += f"\nskipped: {_skips(h)}"
    if report.empty_sources:
        text += f"\nwarning: {', '.join(report.empty_sources)}: no tickets in this export (check the file)"
    if report.unserved:
        text += f"\nnote: {sections.unserved_sentence(report)}"
    if report.partly:
        text += f"\nnote: {sections.partly_sentence(report)}"
    if report.costs is not None and (odd := report.costs.implausible_handle()):
        text += f"\nwarning: {odd}"
    if sections.rank_note(report) == sections.NO_HOURS:
        text += f"\nwarning: {sections.NO_HOURS}"
    return text + (f"\n{report.install_hint}" if report.install_hint else "")


def _skips(h: Any) -> str:
    """The skip reasons, most first, each with its count and where (the first places): ``no text: 2 at
    tickets.csv:14, tickets.csv:27``."""
    return "; ".join(f"{s.reason}: {s.count:,} at {', '.join(s.where[:3])}{' …' if s.count > 3 else ''}"
                     if s.where else f"{s.reason}: {s.count:,}" for s in h.skipped[:5])


def explain_text(report: Report, ticket_id: str) -> str:
    """Why one ticket got its verdict (``--explain``)."""
    x = report.explained
    if x is None and report.explained_skip:
        return f"--explain {ticket_id}: left out of the analysis: {report.explained_skip}"
    if x is None:
        return f"--explain {ticket_id}: no analyzed ticket has this id (skipped, or not in the export)"
    best = x.nearest[0][0].slug if x.nearest else x.linked
    unsure = x.status is Status.UNANSWERED and x.posterior >= 0.5
    odds = f"probability answered {_pct(x.posterior)}" + (
        ": the help center's references do not tell scores this low apart, and a ticket scoring under the middle "
        "of the 'no article' references is not called answered" if unsure else "")
    why = (f"score {x.score:.4f}, threshold {x.threshold:g}, {odds}" if not x.linked
           else f"an agent's reply linked {x.linked}; its score {x.score:.4f}, threshold {x.threshold:g}"
           if best == x.linked else f"an agent's reply linked {x.linked}, whatever its words score; they came "
           f"closest to {best} ({x.score:.4f}, threshold {x.threshold:g})")
    lines = [f"ticket {x.id}: {x.status.value} ({why})", f"  score: {x.statistic}" if x.statistic else "",
             f"  text: {' '.join(x.text.split())[:200]}"]
    lines = [line for line in lines if line]
    lines += [f"  {n}. {a.title or a.slug} ({a.slug}): {score:.4f}" for n, (a, score) in enumerate(x.nearest, 1)]
    lines.append(f"  topic: {x.topic}" if x.topic else "  topic: none")
    if x.unserved:
        lines.append(f"  language: {sections.english_name(x.unserved)} ({x.unserved}), which no locale of the help "
                     f"center is in: matched against the {x.locale} articles, its score says little")
    elif x.partly is not None:
        p = x.partly
        lines.append(f"  locale: {p.locale}, where {p.untranslated:,} of {p.articles:,} articles have no translation "
                     "yet: if one of those answers it, its words could not find it")
    return "\n".join(lines)


# --- stubs -------------------------------------------------------------------------------------------------------


def write_stubs(report: Report, stubs_dir: Path, *, count: int = 5) -> tuple[Path, ...]:
    """Draft articles (``draft: true``) for the largest topics that have no article, each named by a slug the
    loader accepts and a title of its own (``Refund delays``, then ``Refund delays (2)``, slug ``refund-delays-2``, for
    a second topic with the same title), so stubs moved into ``content/`` build."""
    stubs_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    titles: set[str] = set()
    for t in [t for t in report.topics if t.verdict is Verdict.MISSING][:count]:
        title = t.suggested_title or t.label
        n = 2
        while title.casefold() in titles:  # the loader wants each article's own title too
            title, n = f"{t.suggested_title or t.label} ({n})", n + 1
        titles.add(title.casefold())
        slug = unique_slug(slugify(title, 60) or slugify(f"topic {t.id}"), taken)
        taken.add(slug)
        front = {
            "title": title,
            "description": f"Answers what {t.count:,} customers asked about {', '.join(t.key_phrases) or title}.",
            "keywords": list(t.key_phrases),
            "draft": True,
        }
        body = [
            "<!-- Draft from the deflection report: rewrite in your own words before publishing. -->", "",
            "## What customers ask", "",
            *[f"- {_md(e)}" for e in t.examples[:5]], "",
            "## The short answer", "", "TODO: one or two sentences that answer the question.", "",
            "## Step by step", "", "1. TODO", "",
            "## Still stuck?", "",
        ]
        if t.nearest:
            link = "../" + t.nearest.url.replace(".html", ".md")
            body.append(f"See also [{_md(t.nearest.title or t.nearest.slug)}]({link}).")
        text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + "\n".join(body) + "\n"
        target = stubs_dir / f"{slug}.md"
        atomic_write(target, text)
        written.append(target)
    return tuple(written)
