"""The self-contained HTML report: inline CSS and SVG charts, no script, no external request (opens offline and
from ``file://``). Every text that comes from tickets or articles goes through :func:`html.escape`."""

from __future__ import annotations

from html import escape

from deflection import sections
from deflection.model import Breakdown, Report, Thresholds, Topic, Verdict, WeekCount

_CSS = """
:root{--ok:#2e7d32;--gap:#c62828;--near:#ef6c00;--ink:#1f2328;--mute:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0 auto;max-width:1100px;padding:24px}h1{font-size:1.6em;margin:0 0 4px}h2{margin-top:2em;border-bottom:1px
solid var(--line);padding-bottom:4px}.mute{color:var(--mute)}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:160px}
.card b{display:block;font-size:1.6em}.topic{border:1px solid var(--line);border-radius:8px;padding:12px 16px;
margin:12px 0}.topic h3{margin:0 0 4px;font-size:1.1em}.badge{display:inline-block;border-radius:10px;padding:0 8px;
font-size:.8em;color:#fff}.missing{background:var(--gap)}.mismatch{background:var(--near)}blockquote{margin:4px 0;
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
            f'<text x="0" y="40">answered {answered:,}</text>'
            f'<text x="{w}" y="40" text-anchor="end">unanswered {total - answered:,}</text></svg>')


def _bars(rows: list[tuple[str, int]], color: str, aria: str) -> str:
    """A horizontal bar chart of labelled counts."""
    if not rows:
        return ""
    top = max(n for _, n in rows) or 1
    h, label_w, w = 22, 330, 700
    parts = [f'<svg role="img" aria-label="{_e(aria)}" width="100%" viewBox="0 0 {w} {h * len(rows) + 4}">']
    for i, (label, n) in enumerate(rows):
        y = i * h
        bw = max(1, round((w - label_w - 70) * n / top))
        short = label if len(label) <= 48 else label[:47] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(short)}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{bw}" height="14" fill="{color}" rx="2"/>'
                     f'<text x="{label_w + bw + 6}" y="{y + 15}">{n:,}</text>')
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


def _topic(t: Topic, extra: str = "") -> str:
    cls = "missing" if t.verdict is Verdict.MISSING else "mismatch"
    nearest = (f'<a href="{_e(t.nearest.url)}">{_e(t.nearest.title or t.nearest.slug)}</a> (<code>{_e(t.nearest.slug)}'
               f"</code>)" if t.nearest else "none")
    examples = "".join(f"<blockquote>{_e(e)}</blockquote>" for e in t.examples)
    return (
        f'<section class="topic" id="{_e(t.id)}"><div class="grid"><div>'
        f"<h3>{_e(t.label)}</h3>"
        f'<span class="badge {cls}">{_e(t.verdict.value)}</span> '
        f'<span class="mute">{t.count:,} tickets · {_pct(t.share)} of all</span>'
        f"<p>Suggested title: <b>{_e(t.suggested_title)}</b><br>Nearest article: {nearest}</p>"
        f"{extra}</div><div>{_sparkline(t.weekly)}</div></div>{examples}</section>"
    )


def _learned(t: Thresholds | None) -> str:
    """The sentence on the rule of articles that learned customers' questions (none when there is none)."""
    if t is None:
        return ""
    return (f" Articles that learned {t.min_questions} or more customer questions (the questions file) need "
            f"{t.min_score:g}, raised or "
            f"lowered by about {10 * t.question_bonus:g}% per 0.1 of similarity to their closest question above or "
            f"below {t.question_pivot:g}.")


def _lead(min_ratio: float) -> str:
    """The runner-up clause of "How tickets were decided" (none when the test is off)."""
    return f" and that article beats the runner-up by a factor of {min_ratio:g}" if min_ratio > 1.0 else ""


def _breakdown_table(title: str, rows: tuple[Breakdown, ...]) -> str:
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{_e(b.key)}</td><td class=n>{b.tickets:,}</td><td class=n>{b.answered:,}</td>"
        f'<td><span class="bar" style="width:{round(120 * b.answered_share)}px"></span> '
        f"{_pct(b.answered_share)}</td></tr>"
        for b in rows
    )
    return (f"<h3>{_e(title)}</h3><table><tr><th>{_e(title.split()[-1].capitalize())}</th><th>Tickets</th>"
            f"<th>Answered</th><th>Answered share</th></tr>{body}</table>")


def render_html(report: Report, *, site_name: str = "") -> str:
    """The whole report as one HTML page."""
    h = report.headline
    period = f"{h.first} – {h.last}" if h.first and h.last else "undated"
    cards = "".join(
        f'<div class="card"><span class="mute">{_e(k)}</span><b>{_e(v)}</b></div>'
        for k, v in (("Tickets analyzed", f"{h.analyzed:,}"), ("Answered by an article", _pct(h.answered_share)),
                     ("Unanswered", f"{h.unanswered:,}"), ("Topics to write", f"{len(report.topics):,}"),
                     ("Skipped records", f"{h.skipped_total:,}"), *sections.html_cards(report))
    )
    topics = "".join(_topic(t, sections.html_topic_extra(report, t)) for t in report.topics) \
        or '<p class="mute">No unanswered topics.</p>'
    topic_chart = _bars([(t.label, t.count) for t in report.topics[:15]], "#c62828", "tickets per topic")
    pressure_rows = "".join(
        f'<tr><td><a href="{_e(a.article.url)}">{_e(a.article.title or a.article.slug)}</a></td>'
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
    t = report.thresholds
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Ticket deflection report{(" · " + _e(site_name)) if site_name else ""}</title><style>{_CSS}</style></head>
<body><h1>Ticket deflection report</h1>
<p class="mute">{_e(site_name)} · {_e(period)} · generated {_e(report.generated.isoformat())} ·
from {_e(", ".join(report.sources))}</p>
<div class="cards">{cards}</div>
{_split_bar(h.answered, h.analyzed)}
{f"<p>{_e(sections.linked_sentence(h))}</p>" if h.labeled else ""}
<p class="mute">{_e(sections.sources_sentence(report))}</p>
<h2>Articles to write next</h2>
<p class="mute">Unanswered tickets grouped by what they ask. "Article exists but doesn't match how customers ask":
most of the topic's tickets came close to one article: add their words to it (its keywords, a heading).
{report.ungrouped:,} unanswered tickets fit no topic. {_e(sections.rank_note(report))}</p>
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
<h2>Skipped records</h2>
{f"<table><tr><th>Reason</th><th>Count</th><th>Where (file:line)</th></tr>{skipped}</table>" if skipped
 else '<p class="mute">None.</p>'}
<h2>How tickets were decided</h2>
<p class="mute">A ticket is answered when the help center's search engine scores its best article at least
{t.min_score:g} (a score raised by up to {100 * t.phrase_bonus:g}% when the ticket uses the article's title or one of
its keywords, and, in languages with meaning vectors, raised or lowered by about {10 * t.similarity_bonus:g}% per 0.1
of meaning similarity above or below {t.similarity_pivot:g}){_lead(t.min_ratio)}; scores from {t.near_score:g}
count as near misses.{_learned(t.learned)} E-mail addresses, phone, card and account numbers are redacted.</p>
</body></html>
"""
