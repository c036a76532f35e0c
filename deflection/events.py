"""The site's analytics events, read back from the team's analytics exports: what the search box, the "Was this
helpful?" vote and the contact page saw (the events and properties are the site's contract, ``EVENTS.md``).

Exports read (``helpkit deflection --events FILE``, repeatable), told apart by their columns or fields:

- **Plausible**: the dashboard's ``custom_props.csv`` (``property,value,visitors,events``; export it with the
  goal filter set and name the file after the goal, e.g. ``no_result-custom_props.csv``, or add a ``goal``
  column), or a Stats API breakdown as CSV (``event:goal``, ``event:props:<name>`` …, ``events``). The dashboard
  file counts each property apart, so it gives no-result searches and contact counts by locale, not votes per
  article; the breakdown gives everything.
- **Umami**: its data export's ``website_event.csv`` (``event_id``, ``event_type``, ``event_name``, ``url_path``
  …; ``event_type`` 1 rows are page views) and ``event_data.csv`` (``website_event_id``, ``data_key``,
  ``string_value``, ``number_value``: one row per property), given together (``--events website_event.csv
  --events event_data.csv``), or a CSV of events with one column per property.
- **GA4**: the BigQuery export as JSON lines (``event_name``, ``event_params`` as ``{key, value: {string_value,
  int_value …}}``), or a CSV with ``event_name``, one column per parameter (``customEvent:query`` or ``query``)
  and an optional ``event_count``.
- **custom**: the site's own JSON (``{"event", "props", "ts"}``), as JSON lines or one JSON array.

Page views (``pageview``, ``page_view``) are counted per article where the export has them. Queries are redacted
again on reading (:func:`helpkit.redact.redact`). Malformed rows are skipped, counted and named (file:line).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from deflection.model import ArticlePressure, SkipReason
from deflection.readers import JsonStream, detect_encoding, sniff_format
from deflection.replies import ArticleLinks
from deflection.text import language, stem, words
from helpkit.errors import ConfigError, MissingResource
from helpkit.model import Article
from helpkit.redact import redact

EVENTS = ("search", "no_result", "feedback", "contact_suggested", "contact_sent")
"""The site's event names (``EVENTS.md``)."""
VIEWS = ("pageview", "page_view", "page view")
"""Page-view event names of the providers."""
REASONS = ("missing", "incorrect", "unclear", "outdated")
"""Reasons a reader may give with a "no" vote."""
WHERE_LIMIT = 20
"""Locations kept per skip reason."""
TOP_QUERIES = 30
"""No-result queries listed outside the ticket topics."""


@dataclass(frozen=True, slots=True)
class SiteEvent:
    """One event (or, from an aggregated export, ``count`` alike events) as the site sent it."""

    name: str
    """``search``, ``no_result``, ``feedback``, ``contact_suggested``, ``contact_sent`` or ``pageview``."""
    count: int
    """How many such events the row stands for (1 for raw events)."""
    locale: str = ""
    """The page's locale code (``""``: not in the row)."""
    page: str = ""
    """The page: an article slug, ``contact``, ``home``, ``category:<slug>``, ``search``, or a URL or path."""
    query: str = ""
    """The search or contact text (redacted; ``""`` when not sent)."""
    article: str = ""
    """``feedback``: the article voted on."""
    vote: str = ""
    """``feedback``: ``yes`` or ``no``."""
    reason: str = ""
    """``feedback``: why not (``missing``, ``incorrect``, ``unclear``, ``outdated``) or ``""``."""
    articles: tuple[str, ...] = ()
    """``contact_*``: the articles suggested."""
    weak: bool = False
    """``no_result``: the search found articles, but its first hit was weak (the site said none may answer)."""
    partial: bool = False
    """From an export that counts each property apart (Plausible's ``custom_props.csv``): only one property is
    known, so totals come from the ``locale`` rows (every event carries it) and queries from the ``query`` rows."""


@dataclass(frozen=True, slots=True)
class EventSource:
    """One events export as read."""

    path: str
    """The file, as given."""
    provider: str
    """``Plausible``, ``Umami``, ``GA4`` or ``custom``."""
    events: int
    """Events it holds (aggregated rows count their events)."""
    skipped: int
    """Rows skipped (see :attr:`SiteSignals.skipped`)."""


@dataclass(frozen=True, slots=True)
class TextCount:
    """A text and how often it came: a no-result search (redacted) and the times it was typed, or a reason given
    with "no" votes (``missing``, ``incorrect``, ``unclear``, ``outdated`` or ``none given``) and the votes giving
    it."""

    text: str
    """The query, or the reason."""
    count: int
    """Times searched, or votes."""


@dataclass(frozen=True, slots=True)
class TopicSearches:
    """No-result searches that ask what a ticket topic asks."""

    topic: str
    """The ticket topic's id."""
    searches: int
    """No-result searches grouped with it."""
    queries: tuple[TextCount, ...]
    """Its most frequent queries."""


@dataclass(frozen=True, slots=True)
class ArticleHealth:
    """One article's health line: how often it is read, how helpful readers find it, how many tickets it answers."""

    slug: str
    """The article."""
    title: str
    """Its title (the slug when the article is not in the help center any more)."""
    views: int | None
    """Page views (``None``: the exports have no page views)."""
    yes: int
    """"Was this helpful?" yes votes."""
    no: int
    """No votes."""
    reasons: tuple[TextCount, ...]
    """Reasons given with the no votes, most frequent first."""
    tickets: int
    """Tickets the report found it answers."""

    @property
    def helpful(self) -> float | None:
        """Share of yes votes (``None``: no votes)."""
        return self.yes / (self.yes + self.no) if self.yes + self.no else None


NO_LOCALE = "unknown"
"""The contact page's locale in the report when an event does not say it (and others do)."""
ALL_LOCALES = "all locales"
"""The contact page's locale in the report when no event says it: its figures are the whole site's."""


@dataclass(frozen=True, slots=True)
class ContactRate:
    """The contact page in one locale: how often suggestions were shown and how often a ticket was still sent."""

    locale: str
    """Locale code."""
    suggested: int
    """``contact_suggested`` events."""
    sent: int
    """``contact_sent`` events."""

    @property
    def deflected(self) -> float | None:
        """Share of suggestions after which no ticket was sent (``None``: no suggestions)."""
        return max(0.0, 1 - self.sent / self.suggested) if self.suggested else None


@dataclass(frozen=True, slots=True)
class SiteSignals:
    """What the site's events add to the report."""

    sources: tuple[EventSource, ...]
    """The exports read."""
    skipped: tuple[SkipReason, ...]
    """Rows skipped, by reason, with up to 20 ``file:line`` each."""
    searches: int
    """``search`` events."""
    no_results: int
    """``no_result`` events: searches that found no article, or only a weak first hit (:attr:`weak`)."""
    weak: int
    """Of :attr:`no_results`, those whose search found articles but only a weak first hit (0 when the export does
    not say)."""
    by_topic: tuple[TopicSearches, ...]
    """No-result searches grouped with the ticket topics (by the same grouping as the tickets)."""
    other_queries: tuple[TextCount, ...]
    """The most frequent no-result queries that fit no ticket topic."""
    unhelpful: tuple[ArticleHealth, ...]
    """Articles readers found less helpful than the site's articles on the whole (:attr:`helpful`), least helpful
    first."""
    helpful: float | None
    """Share of "yes" votes over every article (``None``: no votes): the bar :attr:`unhelpful` is measured by."""
    contact: tuple[ContactRate, ...]
    """The contact page per locale, most suggestions first."""
    health: tuple[ArticleHealth, ...]
    """Per article with any signal (views, votes, tickets), most tickets then views first."""
    has_views: bool
    """Whether any export had page views."""

    def searches_by_topic(self) -> dict[str, int]:
        """No-result searches per ticket topic id."""
        return {t.topic: t.searches for t in self.by_topic}


# --- reading -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row of an events export that could not be read."""

    line: int
    """1-based line."""
    reason: str
    """Why."""


Row = SiteEvent | BadRow


def _norm(key: str) -> str:
    return re.sub(r"[^0-9a-z]", "", key.casefold())


def _prop_name(column: str) -> str:
    """A property's name from a column: ``event:props:query``, ``customEvent:query``, ``props.query`` → ``query``."""
    name = re.split(r"[:.]", column.strip())[-1]
    return _norm(name)


def _count(value: Any) -> int | None:
    if value is None or value == "":
        return 1
    try:
        n = float(str(value).replace(",", ""))
    except ValueError:
        return None
    return int(n) if n >= 0 and n == int(n) else None


def make_event(name: str, props: Mapping[str, Any], count: int = 1, *, partial: bool = False) -> SiteEvent | str:
    """An event from its name and (normalized) properties, or the reason it is not one."""
    n = _norm(name)
    event = next((e for e in EVENTS if _norm(e) == n), None)
    if event is None:
        if n in {_norm(v) for v in VIEWS}:
            page = props.get("page") or props.get("pagelocation") or props.get("urlpath") or props.get("url") or ""
            return SiteEvent("pageview", count, locale=str(props.get("locale", "")), page=str(page))
        return "other"

    def text(key: str) -> str:
        v = props.get(key)
        return "" if v is None else str(v).strip()

    e = SiteEvent(event, count, locale=text("locale"), page=text("page"), query=redact(" ".join(text("query").split())),
                  article=text("article"), vote=text("vote").casefold(), reason=text("reason").casefold(),
                  articles=tuple(a.strip() for a in text("articles").split(",") if a.strip()),
                  weak=text("weak").casefold() in ("1", "true", "yes"), partial=partial)
    if event == "feedback" and e.vote and e.vote not in ("yes", "no"):
        return f"feedback vote '{e.vote}' is not yes or no"
    return e


def _custom(obj: Mapping[str, Any]) -> Row | str:
    name = obj.get("event") or obj.get("name")
    props = obj.get("props") or obj.get("properties") or {}
    if not isinstance(name, str) or not isinstance(props, Mapping):
        return "no 'event' name or 'props' object"
    return make_event(name, {_norm(k): v for k, v in props.items()})


def _ga4(obj: Mapping[str, Any]) -> Row | str:
    params = obj.get("event_params") or []
    if not isinstance(params, list):
        return "'event_params' is not a list"
    props: dict[str, Any] = {}
    for p in params:
        if not isinstance(p, Mapping) or not isinstance(p.get("value"), Mapping):
            return "an 'event_params' item has no key/value"
        v = p["value"]
        value = next((v[k] for k in ("string_value", "int_value", "double_value", "float_value") if v.get(k)
                      is not None), None)
        props[_norm(str(p.get("key", "")))] = value
    if "pagelocation" in props and "page" not in props:
        props["page"] = props["pagelocation"]
    return make_event(str(obj.get("event_name", "")), props)


def _json_rows(text: io.TextIOBase, fmt: str, shown: str) -> Iterator[tuple[int, Any]]:
    if fmt == "jsonl":
        for n, line in enumerate(text, start=1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except ValueError as e:
                    yield n, BadRow(n, f"invalid JSON ({e.msg})")
        return
    yield from JsonStream(text, shown).tickets()


def _read_json(text: io.TextIOBase, fmt: str, shown: str) -> tuple[str, Iterator[Row]]:
    rows = _json_rows(text, fmt, shown)
    first = None
    buffered: list[tuple[int, Any]] = []
    for item in rows:
        buffered.append(item)
        if isinstance(item[1], Mapping):
            first = item[1]
            break
    provider = "GA4" if first is not None and "event_name" in first else "custom"
    parse = _ga4 if provider == "GA4" else _custom

    def events() -> Iterator[Row]:
        for n, obj in (*buffered, *rows):
            if isinstance(obj, BadRow):
                yield obj
                continue
            if not isinstance(obj, Mapping):
                yield BadRow(n, f"expected an object, found {type(obj).__name__}")
                continue
            e = parse(obj)
            if isinstance(e, str):
                if e != "other":
                    yield BadRow(n, e)
                continue
            yield e

    return provider, events()


def _csv_rows(text: io.TextIOBase) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    reader = csv.reader(text)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        while not any(header) or header[0].startswith("#"):  # GA4's download opens with "# ..." comment lines
            header = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], iter(())

    def rows() -> Iterator[tuple[int, list[str]]]:
        last = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield last + 1, [f"\0{e}"]
                last = reader.line_num
                continue
            line, last = last + 1, reader.line_num
            if row and any(c.strip() for c in row):
                yield line, row

    return header, rows()


def _goal_from_name(path: Path) -> str | None:
    stem = _norm(path.stem)
    return next((e for e in sorted(EVENTS, key=len, reverse=True) if _norm(e) in stem), None)


UmamiData = Mapping[str, Mapping[str, Any]]
"""Umami's event data: properties (normalized names) by ``website_event_id``."""


def _read_csv(path: Path, text: io.TextIOBase, shown: str, umami: UmamiData) -> tuple[str, Iterator[Row]]:
    header, rows = _csv_rows(text)
    norm = [_norm(h) for h in header]
    cols = set(norm)

    def counted(line: int, row: list[str], count_col: int | None) -> int | BadRow:
        """How many events a row stands for, or why it cannot be read."""
        if row and row[0].startswith("\0"):
            return BadRow(line, f"unreadable CSV row ({row[0][1:]})")
        if len(row) != len(header):
            return BadRow(line, f"expected {len(header)} fields, found {len(row)}")
        n = _count(row[count_col]) if count_col is not None else 1
        if n is None:
            return BadRow(line, f"'{header[count_col or 0]}' is not a count: {row[count_col or 0]!r}")
        return n

    if {"property", "value"} <= cols:  # Plausible's custom_props.csv
        goal_col = next((i for i, h in enumerate(norm) if h in ("goal", "name", "event", "eventgoal")), None)
        goal = _goal_from_name(path)
        if goal_col is None and goal is None:
            raise ConfigError(
                f"{shown}: a Plausible custom_props.csv does not say which goal it counts; export it with the goal "
                f"filter set and name the file after the goal (e.g. no_result-custom_props.csv), or add a 'goal' column"
            )
        count_col = norm.index("events") if "events" in norm else norm.index("visitors") if "visitors" in norm else None

        def plausible() -> Iterator[Row]:
            for line, row in rows:
                n = counted(line, row, count_col)
                if isinstance(n, BadRow):
                    yield n
                    continue
                name = row[goal_col] if goal_col is not None else goal or ""
                e = make_event(name, {_norm(row[norm.index("property")]): row[norm.index("value")]}, n,
                               partial=True)
                if isinstance(e, str):
                    if e != "other":
                        yield BadRow(line, e)
                    continue
                yield e

        return "Plausible", plausible()

    name_col = next((i for i, h in enumerate(norm) if h in ("eventname", "eventgoal", "goal", "event", "name")), None)
    if name_col is None:
        raise ConfigError(f"{shown}: not an events export (no 'event_name', 'event:goal' or 'property,value' "
                          f"columns); found: {', '.join(header) or '(none)'}")
    is_umami = "datakey" in cols or "urlpath" in cols or "websiteeventid" in cols
    provider = "Umami" if is_umami else "Plausible" if any(h.startswith("event:") for h in header) else "GA4"
    count_col = next((i for i, h in enumerate(norm) if h in ("eventcount", "events", "count")), None)
    id_col = norm.index("eventid") if "eventid" in norm else None
    type_col = norm.index("eventtype") if "eventtype" in norm else None
    skip = {name_col, count_col}
    props_cols = [(i, _prop_name(h)) for i, h in enumerate(header) if i not in skip]

    def columns() -> Iterator[Row]:
        for line, row in rows:
            n = counted(line, row, count_col)
            if isinstance(n, BadRow):
                yield n
                continue
            props = {k: row[i] for i, k in props_cols if row[i] != ""}
            if id_col is not None and row[id_col] in umami:
                props.update(umami[row[id_col]])
            if "page" not in props and props.get("urlpath"):
                props["page"] = props["urlpath"]
            name = row[name_col].strip()
            if not name and type_col is not None and row[type_col].strip() == "1":
                name = "pageview"  # Umami: event_type 1 is a page view
            if not name:
                yield BadRow(line, "no event name")
                continue
            e = make_event(name, props, n)
            if isinstance(e, str):
                if e != "other":
                    yield BadRow(line, e)
                continue
            yield e

    return provider, columns()


def _open(path: Path, shown: str) -> tuple[str, io.TextIOBase]:
    if not path.is_file():
        raise MissingResource(f"{shown}: no such events export; check the --events path")
    encoding = detect_encoding(path)
    fmt = sniff_format(path, encoding)
    return fmt, path.open(encoding=encoding, newline="" if fmt == "csv" else None)  # type: ignore[return-value]


def umami_event_data(path: Path, *, source: str | None = None) -> tuple[dict[str, dict[str, Any]], list[BadRow]] | None:
    """Umami's ``event_data.csv`` (properties by ``website_event_id``) and its bad rows; ``None`` when ``path`` is
    not one."""
    shown = source or str(path)
    fmt, text = _open(path, shown)
    with text:
        if fmt != "csv":
            return None
        header, rows = _csv_rows(text)
        norm = [_norm(h) for h in header]
        if "datakey" not in norm or "websiteeventid" not in norm or "eventname" in norm:
            return None
        ident, key = norm.index("websiteeventid"), norm.index("datakey")
        sval = norm.index("stringvalue") if "stringvalue" in norm else None
        nval = norm.index("numbervalue") if "numbervalue" in norm else None
        data: dict[str, dict[str, Any]] = {}
        bad: list[BadRow] = []
        for line, row in rows:
            if len(row) != len(header) or not row[ident] or not row[key]:
                bad.append(BadRow(line, f"expected {len(header)} fields, found {len(row)}" if len(row) != len(header)
                                  else "no website_event_id or data_key"))
                continue
            value = row[sval] if sval is not None and row[sval] != "" else row[nval] if nval is not None else ""
            data.setdefault(row[ident], {})[_norm(row[key])] = value
        return data, bad


def read_events(path: Path, *, source: str | None = None, umami: UmamiData | None = None
                ) -> tuple[str, Iterator[SiteEvent | BadRow]]:
    """The provider of one events export and its events (and bad rows, with their lines), streamed. ``umami``:
    Umami's event data (:func:`umami_event_data`) for its ``website_event.csv``.

    Raises :class:`MissingResource` for a missing file and :class:`ConfigError` for a file that is no events export.
    """
    shown = source or str(path)
    fmt, text = _open(path, shown)
    try:
        provider, rows = _read_csv(path, text, shown, umami or {}) if fmt == "csv" else _read_json(text, fmt, shown)
    except BaseException:
        text.close()
        raise

    def closing() -> Iterator[Row]:
        with text:
            yield from rows

    return provider, closing()


def check_events(paths: Sequence[Path]) -> None:
    """Fail now, before the tickets are analyzed, on an events export that is missing or not one: a file none of
    whose rows is an event (malformed JSON, objects of another shape) names its first bad row, instead of a report
    that quietly counts no event from it. Reads up to the first event."""
    for path in map(Path, paths):
        if umami_event_data(path) is None:
            provider, rows = read_events(path)
            first_bad: BadRow | None = None
            for row in rows:
                if not isinstance(row, BadRow):
                    break
                first_bad = first_bad or row
            else:
                if first_bad is not None:
                    raise ConfigError(f"{path}:{first_bad.line}: {first_bad.reason}; no row of this file is an "
                                      f"event (read as {provider}): fix the file, or pass the export of Plausible, "
                                      "Umami, GA4 or the custom endpoint the README names")
            rows.close()


# --- aggregating -------------------------------------------------------------------------------------------------


@dataclass
class _Votes:
    yes: int = 0
    no: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class TopicTerms:
    """What a topic's label and key phrases say, to join a short site search to it (:func:`_joined_by_words`)."""

    language: str
    """The label's language (``""``: not told; English's analysis then)."""
    terms: frozenset[str]
    """Its content words, stemmed in that language."""

    @classmethod
    def of(cls, label: str, key_phrases: Sequence[str]) -> TopicTerms:
        lang = language(label)
        return cls(lang, frozenset(_terms(" ".join((label, *key_phrases)), lang)))


def _excess_no(h: ArticleHealth, overall: float) -> float:
    """How many more "no" votes an article got than the site's rate would give it: the unhelpful list's order. By its
    share alone, one "no" (0% helpful) came before 30 of 32 on the article customers were stuck on."""
    return h.no - (h.yes + h.no) * (1.0 - overall)


def _terms(text: str, lang: str) -> set[str]:
    """``text``'s content words stemmed in ``lang``."""
    return {stem(w.casefold(), lang or "en") for w in words(text, lang or None)}


def _joined_by_words(query: str, topics: Mapping[str, TopicTerms]) -> str | None:
    """The one topic whose label and key phrases hold every content word of ``query`` (stemmed in the topic's
    language), else None: a search of two words scores under the word topics' floor ("chorus pro" beside the topic
    "Mon client (une mairie) exige un dépôt sur Chorus Pro")."""
    mine = {lang: _terms(query, lang) for lang in {held.language for held in topics.values()}}
    hits = [t for t, held in topics.items() if mine[held.language] and mine[held.language] <= held.terms]
    return hits[0] if len(hits) == 1 else None


def site_signals(paths: Sequence[Path], assign: Callable[[Sequence[str]], tuple[np.ndarray, np.ndarray]],
                 topic_ids: Mapping[int, str], articles: Sequence[Article],
                 pressure: Sequence[ArticlePressure], site_url: str = "",
                 terms: Mapping[str, TopicTerms] | None = None, *, by_words: bool = False) -> SiteSignals:
    """Read the events exports and join them with the report: no-result queries grouped with the ticket topics
    by ``assign`` (the topic model's own assignment, so a query and a ticket asking the same thing share a
    topic; ``topic_ids`` maps its groups to the report's topic ids), votes and views per article, contact
    suggestions per locale. ``site_url``: to tell which article a page view's URL is. ``terms``: each topic's
    words (:class:`TopicTerms`), for the searches the assignment leaves out (:func:`_joined_by_words`).
    ``by_words``: the topics were grouped by their words (no sentence encoder), and a search joins the topic the
    assignment gives only when it shares a content word with its label or key phrases: the 50 searches "clock in
    greyed out" had joined a topic labeled "Is there a way to track tips per shift??", three of whose 63 tickets
    said "clock in"."""
    links = ArticleLinks.of(articles, site_url)
    titles = {a.slug: a.title for a in articles}
    sources: list[EventSource] = []
    skip_counts: Counter[str] = Counter()
    skip_where: dict[str, list[str]] = {}
    queries: Counter[str] = Counter()
    searches = no_results = weak = 0
    votes: dict[str, _Votes] = {}
    views: Counter[str] = Counter()
    has_views = False
    suggested: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    umami: dict[str, dict[str, Any]] = {}
    event_files: list[Path] = []
    for path in map(Path, paths):
        found = umami_event_data(path)
        if found is None:
            event_files.append(path)
            continue
        data, bad_rows = found
        umami.update(data)
        for b in bad_rows:
            skip_counts[b.reason] += 1
            if len(spots := skip_where.setdefault(b.reason, [])) < WHERE_LIMIT:
                spots.append(f"{path}:{b.line}")
        sources.append(EventSource(str(path), "Umami event data", len(data), len(bad_rows)))
    for path in event_files:
        provider, rows = read_events(path, umami=umami)
        events = bad = 0
        for row in rows:
            if isinstance(row, BadRow):
                bad += 1
                skip_counts[row.reason] += 1
                spots = skip_where.setdefault(row.reason, [])
                if len(spots) < WHERE_LIMIT:
                    spots.append(f"{path}:{row.line}")
                continue
            events += row.count * (not row.partial or bool(row.locale))
            total = not row.partial or bool(row.locale)  # see SiteEvent.partial
            if row.name == "search":
                searches += row.count * total
            elif row.name == "no_result":
                no_results += row.count * total
                weak += row.count * row.weak  # a partial export's "weak" rows count those events alone
                if row.query:
                    queries[row.query.casefold()] += row.count
            elif row.name == "feedback" and row.article and row.vote:
                v = votes.setdefault(row.article, _Votes())
                if row.vote == "yes":
                    v.yes += row.count
                else:
                    v.no += row.count
                    v.reasons[row.reason if row.reason in REASONS else "none given"] += row.count
            elif row.name == "contact_suggested" and total:
                suggested[row.locale or NO_LOCALE] += row.count
            elif row.name == "contact_sent" and total:
                sent[row.locale or NO_LOCALE] += row.count
            elif row.name == "pageview":
                has_views = True
                slug = row.page if row.page in titles else links.article(row.page)
                if slug:
                    views[slug] += row.count
        sources.append(EventSource(str(path), provider, events, bad))

    distinct = list(queries)
    by_topic: dict[str, Counter[str]] = {}
    other: Counter[str] = Counter()
    if distinct:
        groups, _ = assign(distinct)
        for q, g in zip(distinct, groups.tolist(), strict=True):
            tid = topic_ids.get(int(g))
            if tid and by_words and terms and tid in terms and not _terms(q, terms[tid].language) & terms[tid].terms:
                tid = None
            tid = tid or (_joined_by_words(q, terms) if terms else None)
            (by_topic.setdefault(tid, Counter()) if tid else other)[q] += queries[q]
    topic_searches = tuple(sorted(
        (TopicSearches(t, sum(c.values()), tuple(TextCount(q, n) for q, n in c.most_common(5))) for t, c in
         by_topic.items()), key=lambda t: (-t.searches, t.topic)))

    tickets = {p.article.slug: p.tickets for p in pressure}

    def health(slug: str) -> ArticleHealth:
        v = votes.get(slug, _Votes())
        return ArticleHealth(slug, titles.get(slug, slug), views[slug] if has_views else None, v.yes, v.no,
                             tuple(TextCount(r, n) for r, n in v.reasons.most_common()), tickets.get(slug, 0))

    slugs = set(votes) | set(views) | set(tickets)
    lines = sorted((health(s) for s in slugs), key=lambda h: (-h.tickets, -(h.views or 0), h.slug))
    yes, no = sum(v.yes for v in votes.values()), sum(v.no for v in votes.values())
    overall = yes / (yes + no) if yes + no else None
    unhelpful = tuple(sorted((h for h in lines if h.no and h.helpful is not None and overall is not None
                              and h.helpful < overall), key=lambda h: (-_excess_no(h, overall), h.slug)))
    locales = sorted(set(suggested) | set(sent), key=lambda loc: (-suggested[loc], loc))
    if locales == [NO_LOCALE]:  # an export that keeps no locale (a Plausible breakdown without it): the whole site
        suggested[ALL_LOCALES], sent[ALL_LOCALES] = suggested[NO_LOCALE], sent[NO_LOCALE]
        locales = [ALL_LOCALES]
    return SiteSignals(
        sources=tuple(sources),
        skipped=tuple(SkipReason(r, n, tuple(skip_where[r])) for r, n in skip_counts.most_common()),
        searches=searches, no_results=no_results, weak=weak, by_topic=topic_searches,
        other_queries=tuple(TextCount(q, n) for q, n in other.most_common(TOP_QUERIES)),
        unhelpful=unhelpful, helpful=overall,
        contact=tuple(ContactRate(loc, suggested[loc], sent[loc]) for loc in locales),
        health=tuple(lines), has_views=has_views,
    )
