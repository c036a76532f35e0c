"""The self-contained HTML report: inline CSS and SVG charts, no script, no external request (opens offline and
from ``file://``). Every text that comes from tickets or articles goes through :func:`html.escape`."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from deflection import sections
from deflection.calibrate import Calibration, Estimate
from deflection.model import SKIPPED_FILE, Breakdown, Headline, Report, Topic, Verdict, WeekCount
from deflection.trend import Rise
from helpkit.wording import counted, files_text

_CSS = """
:root{--ok:#2e7d32;--gap:#c62828;--near:#b34700;--ink:#1f2328;--mute:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0 auto;max-width:1100px;padding:24px}h1{font-size:1.6em;margin:0 0 4px}h2{margin-top:2em;border-bottom:1px
solid var(--line);padding-bottom:4px}.mute{color:var(--mute)}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:160px}
.card b{display:block;font-size:1.6em}.card .caveat{display:block;max-width:42em;font-size:.85em;
color:var(--mute)}.topic{border:1px solid var(--line);border-radius:8px;padding:12px 16px;
margin:12px 0}.topic h3{margin:0 0 4px;font-size:1.1em}.badge{display:inline-block;border-radius:10px;padding:0 8px;
font-size:.8em;color:#fff}.missing{background:var(--gap)}.mismatch{background:var(--near)}.answered{background:var(--ok)}.rising{background:#6f42c1}
.hint{border-left:4px solid var(--near);padding:4px 8px}blockquote{margin:4px 0;
padding:2px 10px;border-left:3px solid var(--line);color:var(--mute);white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;
vertical-align:top}th{background:var(--bg)}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:10px;background:var(--ok);border-radius:2px}.grid{display:grid;
grid-template-columns:1fr 220px;gap:8px 16px;align-items:start}svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
code{background:var(--bg);padding:0 4px;border-radius:4px}
@media (max-width:700px){.grid{grid-template-columns:1fr}}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _split_bar(answered: int, total: int) -> str:
    """A horizontal bar: answered (green) vs unanswered (red)."""
    if not total:
        return ""
    w = 600
    a = round(w * answered / total)
    return (f'<svg role="img" aria-label="{_pct(answered / total)} answered" width="100%" viewBox="0 0 {w} 46" '
            f'preserveAspectRatio="none"><rect x="0" y="0" width="{a}" height="24" fill="#2e7d32"/>'
            f'<rect x="{a}" y="0" width="{w - a}" height="24" fill="#c62828"/>'
            f'<text x="0" y="40">answered one by one {answered:,}</text>'
            f'<text x="{w}" y="40" text-anchor="end">unanswered {total - answered:,}</text></svg>')


def _bar_note(h: Headline) -> str:
    """Why the bar (single verdicts) and the headline (the estimate) differ, when they do by a point or more."""
    if h.estimate is None or not h.analyzed or abs(h.answered / h.analyzed - h.estimate.share) < 0.01:
        return ""
    return (f"<p class=mute>The bar counts each ticket's own verdict ({_pct(h.answered / h.analyzed)} answered); "
            f"the headline, {_pct(h.estimate.share)}, is estimated over the whole export: single verdicts near the "
            "threshold are wrong both ways, and the estimate corrects for how often.</p>")


LABEL_CHARS = 40
"""A bar's label is cut to this many characters: wide letters of 48 ran past the chart's left edge ("echnung mit
ausgewiesener MwSt")."""


def _bars(rows: list[tuple[str, int]], color: str, aria: str, extra: Sequence[int] = (), what: str = "") -> str:
    """A horizontal bar chart of labelled counts; ``extra``: a second count per row (``what`` it counts), drawn on
    after the first in a lighter shade (a topic's no-result searches after its tickets: the two rank it)."""
    if not rows:
        return ""
    more = list(extra) or [0] * len(rows)
    top = max(n + m for (_, n), m in zip(rows, more, strict=True)) or 1
    h, label_w, w = 22, 330, 700
    room = w - label_w - (150 if any(more) else 70)
    parts = [f'<svg role="img" aria-label="{_e(aria)}" width="100%" viewBox="0 0 {w} {h * len(rows) + 4}">']
    for i, ((label, n), m) in enumerate(zip(rows, more, strict=True)):
        y = i * h
        bw = max(1, round(room * n / top))
        ew = round(room * m / top)
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end"><title>{_e(label)}</title>'
                     f"{_e(short)}</text>"
                     f'<rect x="{label_w}" y="{y + 4}" width="{bw}" height="14" fill="{color}" rx="2"/>'
                     + (f'<rect x="{label_w + bw}" y="{y + 4}" width="{ew}" height="14" fill="{color}" '
                        f'fill-opacity="0.35" rx="2"/>' if m else "")
                     + f'<text x="{label_w + bw + ew + 6}" y="{y + 15}">{n:,}'
                     + (f" + {m:,} {_e(what)}" if m else "") + "</text>")
    parts.append("</svg>")
    return "".join(parts)


def _sparkline(weekly: tuple[WeekCount, ...]) -> str:
    """Tickets per week as a small line chart (first and last week labelled)."""
    if len(weekly) < 2:
        return f'<span class="mute">{_e(weekly[0].week) + ": " + str(weekly[0].count) if weekly else "undated"}</span>'
    w, h = 220, 50
    top = max(c.count for c in weekly) or 1
    step = w / (len(weekly) - 1)
    pts = " ".join(f"{i * step:.1f},{h - 14 - (h - 20) * c.count / top:.1f}" for i, c in enumerate(weekly))
    return (f'<svg role="img" aria-label="tickets per week" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'<polyline points="{pts}" fill="none" stroke="#c62828" stroke-width="2"/>'
            f'<text x="0" y="{h - 1}">{_e(weekly[0].week)}</text>'
            f'<text x="{w}" y="{h - 1}" text-anchor="end">{_e(weekly[-1].week)}</text></svg>')


def _rising_badge(rise: Rise | None) -> str:
    """A "rising" badge (its sentence as the tooltip), or ``""``."""
    return f'<span class="badge rising" title="{_e(rise.sentence())}">rising</span> ' if rise else ""


def _pressure_rise(rise: Rise | None) -> str:
    """An article's "rising" badge and sentence, or ``""``."""
    return f' {_rising_badge(rise)}<span class="mute">{_e(rise.detail())}</span>' if rise else ""


_BADGE = {Verdict.MISSING: "missing", Verdict.MISMATCH: "mismatch", Verdict.ANSWERED: "answered"}


def _topic(t: Topic, extra: str = "") -> str:
    nearest = (f'<a href="{_e(t.nearest.url)}">{_e(t.nearest.title or t.nearest.slug)}</a> (<code>{_e(t.nearest.slug)}'
               f"</code>)" if t.nearest else "none")
    examples = "".join(f"<blockquote>{_e(e)}</blockquote>" for e in t.examples)
    if t.verdict is Verdict.MISMATCH and t.nearest:
        todo = (f"<p>Add the customers' words to <b>{_e(t.nearest.title or t.nearest.slug)}</b>: the questions "
                f"below as rows of the questions file (<code>question,article</code> with <code>{_e(t.nearest.slug)}"
                f"</code>){(', or the keywords ' + _e(', '.join(t.key_phrases))) if t.key_phrases else ''}.</p>")
    elif t.verdict is Verdict.ANSWERED:
        todo = "<p>Counted in the article's pressure: it likely answers these tickets.</p>"
    else:
        todo = f"<p>Suggested title: <b>{_e(t.suggested_title)}</b></p>"
        if t.closest:
            todo += ("<p>Before writing it, check the articles its tickets came closest to: " + ", ".join(
                f'<a href="{_e(c.article.url)}">{_e(c.article.title or c.article.slug)}</a> '
                f'({counted(c.tickets, "ticket") if not n else f"{c.tickets:,}"})' for n, c in enumerate(t.closest))
                + ". If one of them answers these tickets, add the customers' words to it instead.</p>")
            nearest = ""
    # how much its article answers means something where an article is named as the answer; under a missing
    # article it read as a contradiction ("missing article · nearest article answers about 52% of them")
    answers = "" if t.verdict is Verdict.MISSING else f" · nearest article answers about {_pct(t.answerable)} of them"
    rise = f" · {_e(t.rising.detail())}" if t.rising else ""
    return (
        f'<section class="topic" id="{_e(t.id)}"><div class="grid"><div>'
        f"<h3>{_e(t.label)}</h3>"
        f'<span class="badge {_BADGE[t.verdict]}">{_e(t.verdict.value)}</span> {_rising_badge(t.rising)}'
        f'<span class="mute">{t.count:,} tickets · {_pct(t.share)} of all'
        f"{answers}{rise}</span>{todo}{f'<p>Nearest article: {nearest}</p>' if nearest else ''}"
        f"{extra}</div><div>{_sparkline(t.weekly)}</div></div>{examples}</section>"
    )


def _interval(e: Estimate | None, short: bool = False, caveat: str | None = None) -> str:
    """``74% (70–78%)``; ``—`` without an estimate; a bound says so (``short``: in two words, as table rows do
    under a headline that explains it; ``caveat``: the headline's own, :func:`sections.headline_caveat`)."""
    if not e:
        return "—"
    caveat = caveat if caveat is not None else "a bound" if short and e.caveat else e.caveat
    return f"{_pct(e.share)} ({_pct(e.low)}–{_pct(e.high)})" + (f" ({_e(caveat)})" if caveat else "")


def _breakdown_table(title: str, rows: tuple[Breakdown, ...]) -> str:
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{_e(b.key)}</td><td class=n>{b.tickets:,}</td><td class=n>{b.answered:,}</td>"
        f'<td><span class="bar" style="width:{round(120 * _share(b))}px"></span> '
        f"{_interval(b.estimate, short=True)}</td></tr>"
        for b in rows
    )
    return (f"<h3>{_e(title)}</h3><table><tr><th>{_e(title.split()[-1].capitalize())}</th><th>Tickets</th>"
            f"<th>Answered (one by one)</th><th>Answered share (estimate, 95% interval)</th></tr>{body}</table>")


def _other(c: Calibration) -> str:
    """The sentence on tickets another matcher scored (languages the encoder does not read)."""
    o = c.other
    if o is None:
        return ""
    return (f" Tickets of the help center's other locales were scored by the {_e(o.matcher)} in their locale and "
            f"calibrated apart (threshold {o.threshold:g}, sureness {_e(o.sureness)}).")


def _share(b: Breakdown) -> float:
    return b.estimate.share if b.estimate else b.answered_share


def render_html(report: Report, *, site_name: str = "") -> str:
    """The whole report as one HTML page."""
    h = report.headline
    period = f"{h.first} – {h.last}" if h.first and h.last else "undated"
    missing = sum(1 for t in report.topics if t.verdict is Verdict.MISSING)
    caveat = sections.headline_caveat(report)  # a sentence: the card's small print, under its figure
    small = {"Answered by an article": f'<span class="caveat">{_e(caveat[0].upper() + caveat[1:])}.</span>'
             if caveat else ""}
    cards = "".join(  # values are HTML: the interval escapes its own caveat
        f'<div class="card"><span class="mute">{_e(k)}</span><b>{v}</b>{small.get(k, "")}</div>'
        for k, v in (("Tickets analyzed", f"{h.analyzed:,}"),
                     ("Answered by an article", _interval(h.estimate, caveat="a bound" if caveat else "")),
                     ("Unanswered (one by one)", f"{h.unanswered:,}"), ("Articles to write", f"{missing:,}"),
                     ("Left out of the analysis",
                      f'<a href="#skipped">{h.skipped_total:,}</a>' if h.skipped_total else "0"),
                     *((k, _e(v)) for k, v in sections.html_cards(report)))
    )
    write, answered = sections.to_write(report), sections.answered_topics(report)
    topics = "".join(_topic(t, sections.html_topic_extra(report, t)) for t in write) or (
        '<p class="mute">None: an article likely answers every topic (below).</p>' if answered
        else '<p class="mute">No unanswered topics.</p>')
    if answered:
        topics += ('<h2>Topics an article already answers</h2><p class="mute">Counted in the article\'s pressure, '
                   "not articles to write.</p>" + "".join(_topic(t, sections.html_topic_extra(report, t))
                                                         for t in answered))
    searched = report.signals.searches_by_topic() if report.signals else {}
    topic_chart = _bars([(t.label, t.count) for t in write[:15]], "#c62828",
                        "tickets (and no-result searches) per topic", [searched.get(t.id, 0) for t in write[:15]],
                        "searches")
    pressure_rows = "".join(
        f'<tr><td><a href="{_e(a.article.url)}">{_e(a.article.title or a.article.slug)}</a>'
        f"{_pressure_rise(a.rising)}</td>"
        f"<td class=n>{a.tickets:,}</td><td class=n>{_pct(a.share)}</td>"
        f"<td>{_e(', '.join(a.missing_words)) or '—'}</td>{sections.html_pressure_cells(report, a)}</tr>"
        for a in report.articles
    )
    pressure_chart = _bars([(a.article.title or a.article.slug, a.tickets) for a in report.articles[:15]], "#2e7d32",
                           "tickets per article")
    skipped = "".join(
        f"<tr><td>{_e(s.reason)}</td><td class=n>{s.count:,}</td><td>{_e(', '.join(s.where))}"
        f"{' …' if s.count > len(s.where) else ''}</td></tr>"
        for s in h.skipped
    )
    c = report.calibration
    dropped = (f" {report.dropped[0]:,} smaller groups ({report.dropped[1]:,} tickets) are not listed: a topic needs "
               f"{report.min_topic:,} tickets." if report.dropped[0] else "")
    hint = f'<p class="hint">{_e(report.install_hint)}</p>' if report.install_hint else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Ticket deflection report{(" · " + _e(site_name)) if site_name else ""}</title><style>{_CSS}</style></head>
<body><h1>Ticket deflection report</h1>
<p class="mute">{_e(site_name)} · {_e(period)} · generated {_e(report.generated.isoformat())} ·
from {_e(files_text(report.sources))}</p>
<div class="cards">{cards}</div>
{_split_bar(h.answered, h.analyzed)}
{_bar_note(h)}
{f"<p>{_e(sections.linked_sentence(h))}</p>" if h.labeled else ""}
{f"<p>{_e(sections.unserved_sentence(report))}</p>" if report.unserved else ""}
{f"<p>{_e(sections.partly_sentence(report))}</p>" if report.partly else ""}
<p class="mute">{_e(sections.sources_sentence(report))}</p>
<h2>Articles to write next</h2>
{hint}
<p class="mute">Unanswered tickets grouped by what they ask, each labeled with its most central customer question.
"Article exists but customers' words differ": taken together, the topic's tickets ask what one article's answered
tickets ask, in words the article lacks: add their words to it. "Missing article": they ask something else.
{report.ungrouped:,} unanswered tickets fit no topic.{dropped} {_e(sections.rank_note(report))}</p>
{topic_chart}
{topics}
<h2>Article pressure</h2>
<p class="mute">Tickets each article could have deflected, and the words customers used that the article lacks
(candidates for its <code>keywords</code>).</p>
{pressure_chart}
<table><tr><th>Article</th><th>Tickets</th><th>Share</th><th>Customer words it lacks</th>
{sections.html_pressure_headers(report)}</tr>{pressure_rows}</table>
{sections.html_costs_note(report)}
{sections.html_sections(report)}
<h2>By locale and channel</h2>
{_breakdown_table("By locale", h.by_locale)}
{_breakdown_table("By channel", h.by_channel)}
<h2 id="skipped">Left out of the analysis</h2>
{f"<table><tr><th>Reason</th><th>Count</th><th>Where (file:line)</th></tr>{skipped}</table><p class=mute>Every "
 f"record left out, with its ticket id, is in <code>{SKIPPED_FILE}</code> beside this report.</p>" if skipped
 else '<p class="mute">None.</p>'}
<h2>How tickets were decided</h2>
<p class="mute">Matcher: {_e(c.matcher)}. Calibrated on this help center, no fixed threshold: {_e(c.source)}
give {c.positives:,} scores of a text against its own article (answered) and {c.negatives:,} against the nearest
other article (no article). A ticket is answered when its best article scores at least {c.threshold:g}
({_pct(c.tpr)} of the answered references reach it, {_pct(c.fpr)} of the others): where a ticket is as likely
answered as not, given the export's estimated answered share. The headline share is estimated from the share of
all tickets above the best-separating score, corrected for both error rates (95% interval by resampling), not
counted ticket by ticket. Sureness of single verdicts: {_e(c.sureness)} (separation of the two reference
distributions {c.separation:.2f});{_other(c)}
<code>helpkit deflection --explain ID</code> shows why one ticket got its verdict.{
f" {c.labels:,} tickets were labeled by an agent's reply linking an article." if c.labels else ""}
E-mail addresses, phone, card and account numbers are redacted.</p>
</body></html>
"""
