"""The report's sections on agents' links, the support lead's numbers and the site's signals, in each output format
(HTML, Markdown, JSON, CSV columns). Each is empty when its data is absent: no empty columns, no empty sections.
Every text that comes from tickets, queries or articles is escaped (HTML, Markdown) or formula-guarded (CSV)."""

from __future__ import annotations

from html import escape
from typing import Any

from deflection.calibrate import LABEL_REFERENCE
from deflection.costs import Cost, Costs
from deflection.encoder import INSTALL
from deflection.events import ArticleHealth, SiteSignals
from deflection.model import ArticlePressure, Headline, Report, TicketRecord, Topic, Verdict
from helpkit.wording import files_text

MEASURES = {"handle": "agent hours (time agents spent)", "resolution": "hours to resolution (calendar time; the "
            "export has no handle time)"}
"""What :attr:`Costs.measure` counts, as the report says it."""


def headline_caveat(report: Report) -> str:
    """What a reader must know of a headline that is a bound (which tickets, and only the remedies not yet tried:
    the sentence encoder, learned questions, agents' replies linking articles); "" for an estimate."""
    h = report.headline
    if h.estimate is None or not h.estimate.bounded:
        return ""
    bounded = [b for b in h.by_locale if b.estimate is not None and b.estimate.bounded]
    where = ""
    if bounded and len(bounded) < len(h.by_locale):
        where = ", for the " + " and ".join(f"{b.tickets:,} {b.key}" for b in bounded) + " tickets"
    remedies = ["install the sentence encoder"] if INSTALL in report.install_hint and not where else []
    if not report.calibration.learned:
        remedies.append("learn customers' questions from a questions file, which --questions writes")
    if h.labeled < LABEL_REFERENCE:
        remedies.append(f"export the agents' replies with the tickets: {LABEL_REFERENCE} or more linking an "
                        "article calibrate the report")
    text = f"a bound, not an estimate{where}: they score outside what the help center's own texts predict"
    if remedies:
        text += " (to fix: " + "; or ".join(remedies) + ")"
    return text


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _md(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("\n", " ").replace("`", "'"))


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _hours(x: float | None) -> str:
    return "—" if x is None else f"{x:,.1f} h"


def sources_sentence(report: Report) -> str:
    """Which sources the report had (plain text): the ticket exports and what they carried, the site's events."""
    carried = []
    if report.headline.labeled:
        carried.append("agents' replies")
    if report.costs is not None:
        names = {"first_reply": "first reply times", "resolution": "resolution times", "handle": "agent time",
                 "satisfaction": "satisfaction ratings"}
        carried.append(", ".join(names[f] for f in report.costs.fields))
    tickets = files_text(report.sources) + (f" (with {'; '.join(carried)})" if carried else "")
    if report.empty_sources:
        tickets += f"; {', '.join(report.empty_sources)} held no tickets (check the export)"
    s = report.signals
    site = ("site events from " + ", ".join(f"{x.path} ({x.provider})" for x in s.sources)) if s else \
        "no site events (--events adds searches that found nothing, votes and the contact page)"
    return f"Sources: tickets from {tickets}; {site}."


def linked_sentence(h: Headline) -> str:
    """The headline's sentence on agents' links (plain text; ``""`` when no reply linked an article)."""
    if not h.labeled:
        return ""
    return (f"{h.labeled:,} tickets were answered by an agent linking an article; on their words alone, the "
            f"report links {h.labeled_matched:,} of them to that same article and calls them answered.")


def english_name(code: str) -> str:
    """A language's English name (``pl`` → ``Polish``), the code itself when Babel has none."""
    from babel import UnknownLocaleError

    from site_builder.strings import language_name

    try:
        return language_name(code, "en")
    except (UnknownLocaleError, ValueError):
        return code


def partly_sentence(report: Report) -> str:
    """The report's sentence on locales that serve some articles untranslated (plain text; ``""`` when none)."""
    out = []
    for p in report.partly:
        topics = topics_in(report, p.locale)
        listed = "; ".join(f"“{t.label}” ({t.count:,})" for t in topics[:5])
        out.append(
            f"{english_name(p.locale)} ({p.locale}): {p.untranslated:,} of {p.articles:,} articles "
            f"{'has' if p.untranslated == 1 else 'have'} no translation yet, so its {p.tickets:,} tickets were "
            f"matched against the other {p.articles - p.untranslated:,}; "
            "those about an untranslated article count as unanswered"
            + (f", and these topics of its tickets may ask what one of them answers: {listed}" if topics else "")
            + f". Run helpkit translate --lang {p.locale}, then this report again.")
    return " ".join(out)


def topics_in(report: Report, locale: str) -> list[Topic]:
    """The "missing article" topics whose tickets are mostly in ``locale``."""
    return [t for t in to_write(report) if t.locale == locale and t.verdict is Verdict.MISSING]


def partly_note(report: Report, t: Topic) -> str:
    """A topic's note when most of its tickets are in a locale that serves some articles untranslated (plain
    text; ``""`` otherwise)."""
    p = next((p for p in report.partly if p.locale == t.locale), None)
    if p is None or t.verdict is not Verdict.MISSING:  # the other verdicts name the article that answers them
        return ""
    return (f"Its tickets are in {english_name(p.locale)} ({p.locale}), where {p.untranslated:,} of {p.articles:,} "
            "articles have no translation yet: one of those may answer them.")


def unserved_sentence(report: Report) -> str:
    """The report's sentence on languages many tickets are in that the help center has no locale in (plain text;
    ``""`` when none)."""
    out = []
    for untranslated in (False, True):
        group = [x for x in report.unserved if x.untranslated == untranslated]
        if not group:
            continue
        many = "; ".join(f"{x.tickets:,} tickets in {english_name(x.language)} ({x.language})" for x in group)
        codes = ", ".join(x.language for x in group)
        one = len(group) == 1
        why = (f"the help center's {codes} {'locale has' if one else 'locales have'} no translation yet" if untranslated
               else f"the help center has no locale in {'that language' if one else 'these'}")
        fix = ("Run helpkit translate" if untranslated else
               f"To answer them in their language, add {codes} to helpkit: locales in mkdocs.yml and run helpkit "
               "translate")
        out.append(f"{many}: {why}, so they were matched against the articles of the default locale and are not "
                   f"grouped into topics. {fix}{' to answer them in their language' if untranslated else ''}.")
    return " ".join(out)


# --- cost columns ------------------------------------------------------------------------------------------------


def cost_headers(costs: Costs | None) -> list[str]:
    """Column titles for a cost (none when the export carries no figures)."""
    if costs is None:
        return []
    out = []
    if {"handle", "resolution"} & set(costs.fields):
        out.append("Agent hours" if costs.measure == "handle" else "Hours to resolve")
    if "first_reply" in costs.fields:
        out.append("First reply (median)")
    if "satisfaction" in costs.fields:
        out.append("Satisfied (CSAT)")
    return out


def cost_cells(costs: Costs | None, cost: Cost | None) -> list[str]:
    """Cells for :func:`cost_headers` (plain text)."""
    if costs is None:
        return []
    out = []
    if {"handle", "resolution"} & set(costs.fields):
        out.append(_hours(cost.hours if cost else None))
    if "first_reply" in costs.fields:
        out.append(_hours(cost.first_reply_hours if cost else None))
    if "satisfaction" in costs.fields:
        out.append(f"{_pct(cost.satisfaction)} of {cost.rated}" if cost and cost.rated else "—")
    return out


def cost_data(cost: Cost | None) -> dict[str, Any] | None:
    if cost is None:
        return None

    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 2)

    return {"tickets": cost.tickets, "hours": r(cost.hours), "first_reply_hours": r(cost.first_reply_hours),
            "resolution_hours": r(cost.resolution_hours), "rated": cost.rated,
            "satisfaction": r(cost.satisfaction)}


# --- HTML --------------------------------------------------------------------------------------------------------


def html_cards(report: Report) -> list[tuple[str, str]]:
    """Extra headline cards."""
    out: list[tuple[str, str]] = []
    if report.headline.labeled:
        out.append(("Answered by linking an article", f"{report.headline.labeled:,}"))
    c = report.costs
    if c is not None and c.total.hours is not None:
        out.append(("Agent hours" if c.measure == "handle" else "Hours to resolve", _hours(c.total.hours)))
    if c is not None and c.total.satisfaction is not None:
        out.append(("Satisfied (CSAT)", _pct(c.total.satisfaction)))
    return out


def html_topic_extra(report: Report, t: Topic) -> str:
    """Lines under a topic: its locale's missing translations, its cost and the searches that asked the same
    thing."""
    parts: list[str] = [f"<p>{_e(note)}</p>"] if (note := partly_note(report, t)) else []
    c = report.costs
    cost = c.topic(t.id) if c else None
    if c is not None and cost is not None:
        cells = cost_cells(c, cost)
        parts.append("<p>" + " · ".join(f"{_e(h)}: <b>{_e(v)}</b>" for h, v in zip(cost_headers(c), cells,
                                                                                 strict=True)) + "</p>")
    s = report.signals
    ts = next((x for x in s.by_topic if x.topic == t.id), None) if s else None
    if ts is not None:
        qs = ", ".join(f"“{_e(q.text)}” ({q.count:,})" for q in ts.queries)
        parts.append(f'<p class="mute">Also searched on the site with no result: <b>{ts.searches:,}</b> times '
                     f"({qs})</p>")
    return "".join(parts)


def html_pressure_headers(report: Report) -> str:
    return "".join(f"<th>{_e(h)}</th>" for h in cost_headers(report.costs))


def html_pressure_cells(report: Report, a: ArticlePressure) -> str:
    c = report.costs
    return "".join(f"<td class=n>{_e(v)}</td>" for v in cost_cells(c, c.article(a.article.slug) if c else None))


def _health_row(h: ArticleHealth, has_views: bool) -> str:
    views = f"<td class=n>{h.views:,}</td>" if has_views else ""
    return (f"<tr><td>{_e(h.title)} <code>{_e(h.slug)}</code></td>{views}<td class=n>{_pct(h.helpful)}"
            f"{f' of {h.yes + h.no:,}' if h.yes + h.no else ''}</td><td class=n>{h.tickets:,}</td></tr>")


def _no_results(s: SiteSignals) -> str:
    """"N searches found nothing (of M)", saying how many of them found only a weak first hit (the site counts
    both: neither showed an answer)."""
    of = f" (of {s.searches:,})" if s.searches else ""
    searches = f"{s.no_results:,} {'search' if s.no_results == 1 else 'searches'}"
    if not s.weak:
        return f"{searches} found nothing{of}"
    return (f"{searches} found nothing that answered{of}: {s.no_results - s.weak:,} found no article and {s.weak:,} "
            f"only weak matches")


def html_sections(report: Report) -> str:
    """The site's signals and the sources read, as HTML sections (``""`` when no events were given)."""
    s = report.signals
    if s is None:
        return ""
    out = ['<h2 id="site">From the site</h2>']
    src = "".join(f"<li><code>{_e(x.path)}</code>: {_e(x.provider)}, {x.events:,} events"
                  f"{f', {x.skipped:,} rows skipped' if x.skipped else ''}</li>" for x in s.sources)
    out.append(f'<p class="mute">The site\'s analytics exports read:</p><ul>{src}</ul>')
    if s.no_results:
        out.append(f"<h3>Searches that found nothing</h3><p>{_e(_no_results(s))}. Grouped with the ticket topics "
                   f"above where they ask the same thing (the tickets' own topic grouping); the topics asked both "
                   f"ways rank higher.</p>")
        if s.by_topic:
            titles = {t.id: t.label for t in report.topics}
            rows = "".join(f'<tr><td><a href="#{_e(x.topic)}">{_e(titles.get(x.topic, x.topic))}</a></td>'
                           f"<td class=n>{x.searches:,}</td><td>{_e(', '.join(q.text for q in x.queries))}</td></tr>"
                           for x in s.by_topic)
            out.append(f"<table><tr><th>Ticket topic</th><th>No-result searches</th><th>Queries</th></tr>{rows}"
                       "</table>")
        if s.other_queries:
            rows = "".join(f"<tr><td>{_e(q.text)}</td><td class=n>{q.count:,}</td></tr>" for q in s.other_queries)
            out.append(f"<h4>Asked only in the search box</h4><table><tr><th>Query</th><th>Searches</th></tr>{rows}"
                       "</table>")
    if s.unhelpful:
        rows = "".join(
            f"<tr><td>{_e(h.title)} <code>{_e(h.slug)}</code></td><td class=n>{h.no:,}</td><td class=n>"
            f"{_pct(h.helpful)}</td><td>{_e(', '.join(f'{r.text} {r.count:,}' for r in h.reasons))}</td></tr>"
            for h in s.unhelpful)
        out.append(f"<h3>Articles voted unhelpful</h3><p class=\"mute\">Less helpful than the site's articles on the "
                   f"whole ({_pct(s.helpful)} of votes say yes); first the most \"no\" votes beyond that rate.</p>"
                   "<table><tr><th>Article</th>"
                   f"<th>No votes</th><th>Helpful</th><th>Reasons</th></tr>{rows}</table>")
    if s.contact:
        rows = "".join(f"<tr><td>{_e(c.locale)}</td><td class=n>{c.suggested:,}</td><td class=n>{c.sent:,}</td>"
                       f"<td class=n>{_pct(c.deflected)}</td></tr>" for c in s.contact)
        out.append("<h3>Contact page</h3><p class=\"mute\">How often the articles it suggested were enough: a "
                   "suggestion not followed by a sent ticket counts as deflected.</p><table><tr><th>Locale</th>"
                   f"<th>Suggestions shown</th><th>Tickets sent</th><th>Deflected</th></tr>{rows}</table>")
    if s.health:
        views = "<th>Views</th>" if s.has_views else ""
        rows = "".join(_health_row(h, s.has_views) for h in s.health)
        out.append(f"<h3>Article health</h3><table><tr><th>Article</th>{views}<th>Helpful</th>"
                   f"<th>Tickets it answers</th></tr>{rows}</table>")
    if s.skipped:
        rows = "".join(f"<tr><td>{_e(r.reason)}</td><td class=n>{r.count:,}</td><td>{_e(', '.join(r.where))}</td>"
                       "</tr>" for r in s.skipped)
        out.append(f"<h3>Skipped event rows</h3><table><tr><th>Reason</th><th>Count</th><th>Where (file:line)</th>"
                   f"</tr>{rows}</table>")
    return "\n".join(out)


def to_write(report: Report) -> tuple[Topic, ...]:
    """The topics listed under "Articles to write next": a missing article, or an article whose words differ from
    the customers' (a topic an article answers is counted in its pressure, and listed apart)."""
    return tuple(t for t in report.topics if t.verdict is not Verdict.ANSWERED)


def answered_topics(report: Report) -> tuple[Topic, ...]:
    """The topics an existing article likely answers (listed apart from the articles to write)."""
    return tuple(t for t in report.topics if t.verdict is Verdict.ANSWERED)


def answered_sentence(report: Report) -> str:
    """One sentence naming the topics an article likely answers, and which article; "" when none."""
    topics = answered_topics(report)
    if not topics:
        return ""
    named = "; ".join(f"{t.label} ({t.count:,} tickets, {t.nearest.title or t.nearest.slug if t.nearest else 'none'})"
                      for t in topics[:10])
    more = f"; and {len(topics) - 10:,} more" if len(topics) > 10 else ""
    return (f"Topics an article likely answers (counted in its pressure, not articles to write): {named}{more}.")


NO_HOURS = ("Ranked by tickets, not hours: the export carries no handle or resolution times (export them with the "
            "tickets, e.g. Zendesk's metric set or a resolution-time column).")
"""What the report says when ``--rank-by hours`` finds no times to rank by."""


def rank_note(report: Report) -> str:
    """How "articles to write next" are ordered (plain text; ``""`` for plain ticket counts)."""
    if report.rank_by == "hours" and report.costs is not None and report.costs.total.hours is not None:
        return f"Ranked by {MEASURES[report.costs.measure].split(' (')[0]} a new article would save."
    if report.rank_by == "hours":
        return NO_HOURS
    if report.signals is not None and report.signals.by_topic:
        return "Ranked by tickets plus searches on the site that found nothing and ask the same thing."
    return ""


def html_costs_note(report: Report) -> str:
    c = report.costs
    if c is None:
        return ""
    return (f'<p class="mute">Hours are {_e(MEASURES[c.measure])}: the mean of the tickets that carry them times the '
            f"tickets, i.e. what an article answering them all would save. Satisfaction counts good, great and "
            f"4-5 of 5 as satisfied.</p>")


# --- Markdown ----------------------------------------------------------------------------------------------------


def md_sections(report: Report) -> list[str]:
    """Markdown lines for the site's signals and the costs (none when absent)."""
    lines: list[str] = []
    c = report.costs
    if c is not None:
        t = c.total
        bits = [f"{t.hours:,.1f} {MEASURES[c.measure].split(' (')[0]}"] if t.hours is not None else []
        if t.first_reply_hours is not None:
            bits.append(f"first reply in {_hours(t.first_reply_hours)} (median)")
        if t.satisfaction is not None:
            bits.append(f"{_pct(t.satisfaction)} satisfied of {t.rated:,} rated")
        lines += ["Support numbers: " + "; ".join(bits) + ".", ""]
    s = report.signals
    if s is None:
        return lines
    lines += ["### From the site", "",
              "Read: " + "; ".join(f"`{_md(x.path)}` ({x.provider}, {x.events:,} events"
                                   f"{f', {x.skipped} rows skipped' if x.skipped else ''})" for x in s.sources)
              + ".", ""]
    if s.no_results:
        labels = {t.id: t.label for t in report.topics}
        lines.append(f"{_no_results(s)}.")
        if s.by_topic:
            lines += ["", "| Ticket topic | No-result searches | Queries |", "|---|---:|---|"]
            lines += [f"| {_md(labels.get(x.topic, x.topic))} | {x.searches:,} | "
                      f"{_md(', '.join(q.text for q in x.queries))} |" for x in s.by_topic[:10]]
        if s.other_queries:
            lines += ["", "Asked only in the search box: " + ", ".join(f"{_md(q.text)} ({q.count})"
                                                                     for q in s.other_queries[:10]) + "."]
        lines.append("")
    if s.unhelpful:
        lines += ["| Voted unhelpful | No votes | Helpful | Reasons |", "|---|---:|---:|---|"]
        lines += [f"| {_md(h.title)} | {h.no:,} | {_pct(h.helpful)} | "
                  f"{_md(', '.join(f'{r.text} {r.count}' for r in h.reasons))} |" for h in s.unhelpful[:10]]
        lines.append("")
    if s.contact:
        lines.append("Contact page, deflected after suggestions: " + "; ".join(
            f"{_md(c.locale)} {_pct(c.deflected)} of {c.suggested:,}" for c in s.contact) + ".")
        lines.append("")
    return lines


# --- JSON and CSV ------------------------------------------------------------------------------------------------


def json_data(report: Report) -> dict[str, Any]:
    """Keys added to the JSON summary (``costs``, ``site``), only when there is data for them."""
    out: dict[str, Any] = {}
    c = report.costs
    if c is not None:
        out["costs"] = {
            "measure": c.measure, "fields": list(c.fields), "total": cost_data(c.total),
            "topics": {k.key: cost_data(k.cost) for k in c.topics},
            "articles": {k.key: cost_data(k.cost) for k in c.articles},
        }
    s = report.signals
    if s is not None:
        out["site"] = _signals_data(s)
    return out


def _health_data(h: ArticleHealth) -> dict[str, Any]:
    return {"slug": h.slug, "title": h.title, "views": h.views, "yes": h.yes, "no": h.no,
            "helpful": None if h.helpful is None else round(h.helpful, 4),
            "reasons": {r.text: r.count for r in h.reasons}, "tickets": h.tickets}


def _signals_data(s: SiteSignals) -> dict[str, Any]:
    return {
        "sources": [{"path": x.path, "provider": x.provider, "events": x.events, "skipped": x.skipped}
                    for x in s.sources],
        "skipped": [{"reason": r.reason, "count": r.count, "where": list(r.where)} for r in s.skipped],
        "searches": s.searches, "no_results": s.no_results, "weak_results": s.weak,
        "no_result_by_topic": [{"topic": x.topic, "searches": x.searches,
                                "queries": [{"query": q.text, "count": q.count} for q in x.queries]}
                               for x in s.by_topic],
        "no_result_other": [{"query": q.text, "count": q.count} for q in s.other_queries],
        "unhelpful": [_health_data(h) for h in s.unhelpful],
        "contact": [{"locale": c.locale, "suggested": c.suggested, "sent": c.sent,
                     "deflected": None if c.deflected is None else round(c.deflected, 4)} for c in s.contact],
        "health": [_health_data(h) for h in s.health],
    }


RECORD_EXTRAS = ("label", "first_reply_minutes", "resolution_minutes", "handle_minutes", "satisfaction", "language")
"""Per-ticket fields beyond the base ones, present in JSON and CSV only when the export carried them (``language``:
when the report names a language no locale serves)."""


def record_extras(report: Report) -> tuple[str, ...]:
    """Which of :data:`RECORD_EXTRAS` this report's per-ticket outputs carry."""
    have = {"label"} if report.headline.labeled else set()
    if report.unserved:
        have.add("language")
    if report.costs is not None:
        have |= {f"{f}_minutes" for f in report.costs.fields if f != "satisfaction"}
        have |= {"satisfaction"} & set(report.costs.fields)
    return tuple(f for f in RECORD_EXTRAS if f in have)


def record_values(r: TicketRecord, fields: tuple[str, ...], costs: Costs | None) -> list[Any]:
    """A ticket's values of the per-ticket ``fields`` (:func:`record_extras`); its satisfaction on a 0..1 scale."""
    return [costs.satisfaction(r) if f == "satisfaction" and costs is not None else
            getattr(r, f) if getattr(r, f) != "" else None for f in fields]
