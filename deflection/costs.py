"""The support lead's numbers: first reply time, resolution time, handle time and satisfaction per ticket, where
the export carries them, and what they add up to per topic and per article.

Field names (normalized: case, spaces and punctuation ignored), by help desk:

- Zendesk: ``metric_set.reply_time_in_minutes.calendar``, ``metric_set.full_resolution_time_in_minutes.calendar``,
  ``satisfaction_rating.score`` (``good``/``bad``); its CSV export's ``First reply time in minutes``,
  ``Full resolution time in minutes``, ``Satisfaction Score``.
- Freshdesk: ``stats.first_responded_at`` and ``stats.resolved_at`` (timestamps, minus ``created_at``),
  ``satisfaction_rating.ratings.default_question`` (103 … -103); its CSV's ``First response time (in hrs)``,
  ``Resolution time (in hrs)``, ``Time tracked`` (``hh:mm``), ``Survey results``.
- Help Scout: ``firstResponseTime``, ``resolutionTime``, ``handleTime`` (seconds, as its reports give them),
  ``rating`` (``great``/``okay``/``not good``); its Mailbox API's conversations carry none of them, so resolution is
  ``closedAt`` minus ``createdAt`` and the first reply the first agent's reply thread (``_embedded.threads``).
- Intercom: ``statistics.time_to_admin_reply``, ``statistics.time_to_first_close``, ``statistics.handling_time``
  (seconds), ``conversation_rating.rating`` (1-5).
- Front's message export: ``Handle time`` per message, in seconds (added up per conversation by the reader).
- Zendesk's time tracking app: ``Total time spent (sec)``.
- Any CSV: ``first_reply_time``, ``first_response_time``, ``resolution_time``, ``handle_time``, ``time_spent``,
  ``csat``, ``satisfaction``, ``rating`` …; a unit in the name (``_minutes``, ``(in hrs)``, ``_seconds``) wins,
  else the help desk's own unit (minutes for Zendesk and CSVs of unknown origin).

Satisfaction is put on a 0..1 scale; a ticket counts as satisfied at 0.75 or more (good, great, 4 or 5 of 5,
Freshdesk's happy faces), which is how CSAT is usually counted. A bare number's scale is the help desk's where it
has one (Intercom: 1-5 stars); else the export's own ratings tell it (:func:`on_scale`: its largest is at most 1, 5
or 10), so a 1 is one star of five in an export that also holds 4s and 5s, and satisfied in one of 0s and 1s.
"""

from __future__ import annotations

import functools
import re
import statistics
from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from deflection.model import Ticket, TicketRecord, Topic
from deflection.replies import REPLY_COLUMNS, norm_key

WORKING_DAY = 8 * 60
"""Minutes of an agent's working day: a median ticket taking longer is a unit misread, not a hard ticket."""
SATISFIED = 0.75
"""Satisfaction (0..1) from which a rated ticket counts as satisfied."""

_FIRST_REPLY = ("metricset.replytimeinminutes", "replytimeinminutes", "firstreplytimeinminutes",
                "firstresponsetimeinhrs", "firstresponsetimeinhours", "statistics.timetoadminreply",
                "timetoadminreply", "firstreplytime", "firstresponsetime", "timetofirstreply", "timetofirstresponse",
                "firstresponseminutes", "firstreplyminutes", "stats.firstrespondedat", "firstrespondedat",
                "firstreplyat")
_RESOLUTION = ("metricset.fullresolutiontimeinminutes", "fullresolutiontimeinminutes", "resolutiontimeinhrs",
               "resolutiontimeinhours", "statistics.timetofirstclose", "timetofirstclose", "fullresolutiontime",
               "resolutiontime", "timetoresolution", "timetoclose", "resolutionminutes", "stats.resolvedat",
               "resolvedat", "stats.closedat", "closedat")
_HANDLE = ("handletime", "statistics.handlingtime", "handlingtime", "timetracked", "timespent",
           "handletimeinminutes", "agentworktimeinminutes", "timespentinminutes", "totaltimespent")
_SATISFACTION = ("satisfactionrating.score", "satisfactionscore", "satisfactionrating.ratings.defaultquestion",
                 "satisfactionrating.rating", "satisfactionrating", "conversationrating.rating", "csat", "csatscore",
                 "satisfaction", "customersatisfaction", "rating", "surveyresults", "surveyresult")

_UNIT_SUFFIXES = ("minutes", "mins", "inminutes", "seconds", "secs", "sec", "inseconds", "hours", "hrs", "inhours",
                  "inhrs")
"""Unit suffixes a duration column may carry (``first_reply_time_seconds``)."""
_DEFAULT_UNIT = {"Zendesk": 1.0, "Freshdesk": 60.0, "Help Scout": 1 / 60, "Intercom": 1 / 60, "Front": 1 / 60}
"""Minutes per unit of a duration whose field name gives no unit, by help desk (else minutes)."""

_WORDS = {
    "good": 1.0, "great": 1.0, "satisfied": 1.0, "verysatisfied": 1.0, "happy": 1.0, "veryhappy": 1.0,
    "extremelyhappy": 1.0, "awesome": 1.0, "positive": 1.0, "yes": 1.0, "okay": 0.5, "ok": 0.5, "neutral": 0.5,
    "bad": 0.0, "notgood": 0.0, "unsatisfied": 0.0, "dissatisfied": 0.0, "unhappy": 0.0, "veryunhappy": 0.0,
    "extremelyunhappy": 0.0, "negative": 0.0, "no": 0.0, "verydissatisfied": 0.0,
}


_norm = norm_key
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")


def _flat(record: Mapping[str, Any], prefix: str = "", depth: int = 0, out: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    out = {} if out is None else out
    for k, v in record.items():
        key = prefix + _norm(str(k))
        if type(v) is dict and depth < 3:
            if "calendar" in v:  # Zendesk's {calendar, business} minutes
                out[key] = v["calendar"]
            _flat(v, key + ".", depth + 1, out)
        elif key not in out:
            out[key] = v
    return out


@functools.lru_cache(maxsize=1024)
def _unit(key: str, default: float) -> float:
    """Minutes per unit of the duration in field ``key``."""
    if re.search(r"(minutes|mins?)$|inmin", key):
        return 1.0
    if re.search(r"(hrs|hours|inh)$|inhrs|inhours", key):
        return 60.0
    if re.search(r"(seconds|secs?)$|insec", key):
        return 1 / 60
    return default


def _duration(key: str, value: Any, created: datetime | None, default: float) -> float | None:
    """Minutes from a field's value: a number (in the field's unit), ``hh:mm[:ss]``, or a timestamp (``…at``)
    minus the creation time."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        minutes = float(value) * _unit(key, default)
    else:
        s = str(value).strip()
        if s.isdigit() or _NUMBER.fullmatch(s):
            minutes = float(s.replace(",", "")) * _unit(key, default)
        elif m := _CLOCK.fullmatch(s):
            minutes = int(m[1]) * 60 + int(m[2]) + int(m[3] or 0) / 60
        elif key.endswith("at") and created is not None:
            from deflection.readers import parse_date

            when = parse_date(s)
            if when is None:
                return None
            if (when.tzinfo is None) != (created.tzinfo is None):
                when, created = when.replace(tzinfo=None), created.replace(tzinfo=None)
            minutes = (when - created).total_seconds() / 60
        else:
            return None
    return minutes if 0 <= minutes < 10 * 365 * 24 * 60 else None


def read_rating(value: Any) -> tuple[float | None, float | None]:
    """(a rating whose value says its scale, on a 0..1 scale: words such as good, great, okay, bad, not good,
    Freshdesk's 103 … -103, percentages; a bare number from 0 to 10, on a scale the help desk or the export tells,
    :func:`on_scale`): at most one of the two; neither for unrated (offered, unoffered, empty)."""
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, Mapping):
        return read_rating(value.get("score") or value.get("rating"))
    if isinstance(value, str):
        s = value.strip()
        word = _norm(s)
        if word in _WORDS:
            return _WORDS[word], None
        try:
            x = float(s.rstrip("%"))
        except ValueError:
            return _rating_words(s), None
        if s.endswith("%"):
            return (x / 100, None) if 0 <= x <= 100 else (None, None)
        value = x
    x = float(value)
    if abs(x) >= 100:  # Freshdesk: 103/102/101 happy, 100 neutral, -101..-103 unhappy
        return (1.0 if x > 100 else 0.5 if x == 100 else 0.0), None
    return (None, x) if 0 <= x <= 10 else (None, None)


def on_scale(x: float, largest: float) -> float:
    """A bare rating ``x`` on a 0..1 scale, its scale told by the ``largest`` bare rating of its export: at most 1
    (0..1, e.g. thumbs 0/1), at most 5 (1-5 stars), else 0-10."""
    if largest <= 1:
        return x
    if largest <= 5:
        return max(0.0, (x - 1) / 4)
    return x / 10


STARS = {"Intercom": 5.0}
"""Help desks whose bare ratings have a known scale (its largest value): Intercom's conversation ratings are 1-5."""


_POSITIVE = {"satisfied", "happy", "good", "great", "pleased", "excellent", "awesome", "amazing", "positive",
             "helpful", "love", "loved", "perfect", "fantastic", "superb", "wonderful", "satisfait", "satisfecho",
             "satisfecha", "zufrieden", "bueno", "bom", "bon", "gut", "satisfeito", "satisfeita"}
_NEGATIVE = {"dissatisfied", "unsatisfied", "unhappy", "bad", "poor", "terrible", "awful", "horrible", "negative",
             "disappointed", "disappointing", "unhelpful", "worst", "insatisfait", "insatisfecho", "insatisfecha",
             "unzufrieden", "malo", "ruim", "mauvais", "schlecht", "insatisfeito", "insatisfeita"}
_NEUTRAL = {"neutral", "okay", "ok", "average", "fine", "neither", "mixed", "regular", "neutre", "neutro"}
_NOT = {"not", "no", "nicht", "pas", "não", "nao"}
UNRATED = {"offered", "unoffered", "notoffered", "notrated", "unrated", "none", "na", "norating", "pending",
           "surveysent", "sent", "noresponse", "noanswer", "skipped", "declined", "notanswered", "unanswered"}
"""Satisfaction values that say the customer gave no rating (not a rating helpkit failed to read)."""


def _rating_words(text: str) -> float | None:
    """A rating in words on a 0..1 scale: a satisfied, happy or good word (with any intensifier: "Extremely
    satisfied", "Very good") 1, a dissatisfied, unhappy or bad one 0, a neutral one or both ("Neither satisfied nor
    dissatisfied") 0.5; "not satisfied" is 0, "not bad" 0.5; ``None`` when no such word is there."""
    tokens = re.findall(r"[^\W\d_]+", text.casefold())
    pos = neg = neutral = 0
    for i, t in enumerate(tokens):
        negated = i > 0 and tokens[i - 1] in _NOT
        if t in _POSITIVE:
            neg, pos = (neg + 1, pos) if negated else (neg, pos + 1)
        elif t in _NEGATIVE:
            neutral, neg = (neutral + 1, neg) if negated else (neutral, neg + 1)
        elif t in _NEUTRAL:
            neutral += 1
    if pos and neg or neutral and not (pos or neg):
        return 0.5
    if pos or neg:
        return 1.0 if pos else 0.0
    return None


def unread_rating(value: Any) -> bool:
    """Whether a satisfaction value is there but is neither a rating :func:`read_rating` reads nor one that says
    "not rated" (:data:`UNRATED`): the report leaves it out and says so."""
    if value is None or isinstance(value, bool | Mapping):
        return False
    s = str(value).strip()
    return bool(s) and _norm(s) not in UNRATED and s not in {"-", "—"} and read_rating(value) == (None, None)


@dataclass(frozen=True, slots=True)
class Metrics:
    """The support lead's numbers of one ticket (``None``: not in the export)."""

    first_reply_minutes: float | None
    """See :attr:`Ticket.first_reply_minutes`."""
    resolution_minutes: float | None
    """See :attr:`Ticket.resolution_minutes`."""
    handle_minutes: float | None
    """See :attr:`Ticket.handle_minutes`."""
    satisfaction: float | None
    """See :attr:`Ticket.satisfaction`."""
    unread_rating: str = ""
    """See :attr:`Ticket.unread_rating`."""
    rating: float | None = None
    """See :attr:`Ticket.rating`."""


NO_METRICS = Metrics(None, None, None, None)
"""A ticket whose export carries none of the numbers."""


def _key_index() -> dict[str, tuple[int, int]]:
    """Every field name a metric may have (candidates, with a unit suffix for durations) → (metric, rank)."""
    out: dict[str, tuple[int, int]] = {}
    for metric, names in enumerate((_FIRST_REPLY, _RESOLUTION, _HANDLE)):
        for rank, name in enumerate(names):
            for suffix in ("", *_UNIT_SUFFIXES):
                out.setdefault(name + suffix, (metric, rank))
    for rank, name in enumerate(_SATISFACTION):
        out.setdefault(name, (3, rank))
    return out


_KEYS = _key_index()
"""Looked up once per field of a record (a record has far fewer fields than there are candidate names)."""
EXTRA_FIELDS = frozenset(
    {k.split(".", 1)[0] for k in _KEYS}  # with their unit suffixes: "Handle time (seconds)"
    | {"comments", "conversations", "threads", "embedded", "conversationparts", "metricset", "stats", "statistics",
       *REPLY_COLUMNS}
)
"""First segments of the (normalized) fields that hold replies or metrics: an export with none is not searched."""


def _first_agent_thread(record: Mapping[str, Any]) -> str | None:
    """When the first agent's reply thread of a Help Scout conversation (``_embedded.threads``, any order) was
    created; ``None`` when there is none."""
    embedded = record.get("_embedded")
    threads = embedded.get("threads") if isinstance(embedded, Mapping) else None
    if not isinstance(threads, list):
        return None
    times = [str(t["createdAt"]) for t in threads
             if isinstance(t, Mapping) and t.get("type") in ("reply", "message") and t.get("createdAt")
             and isinstance(t.get("createdBy"), Mapping) and t["createdBy"].get("type") == "user"]
    return min(times, default=None)  # ISO 8601 in UTC: text order is time order


def ticket_metrics(record: Mapping[str, Any], created: datetime | None, helpdesk: str = "") -> Metrics:
    """The metrics one exported record (JSON object or CSV row) carries; see the module docstring."""
    default = _DEFAULT_UNIT.get(helpdesk, 1.0)
    found: list[list[tuple[int, str]]] = [[], [], [], []]
    flat = _flat(record)
    for key in flat:
        hit = _KEYS.get(key)
        if hit is not None and flat[key] not in (None, ""):
            found[hit[0]].append((hit[1], key))
    values: list[float | None] = [None, None, None, None]
    if not found[0] and created is not None:
        found[0].append((len(_FIRST_REPLY), "firstagentreplyat"))
        flat["firstagentreplyat"] = _first_agent_thread(record)
    for metric, keys in enumerate(found[:3]):
        for _, key in sorted(keys):
            value = _duration(key, flat[key], created, default)
            if value is not None:
                values[metric] = value
                break
    bare = None
    for _, key in sorted(found[3]):
        values[3], bare = read_rating(flat[key])
        if bare is not None and helpdesk in STARS:
            values[3], bare = on_scale(bare, STARS[helpdesk]), None
        if values[3] is not None or bare is not None:
            break
    unread = "" if values[3] is not None or bare is not None else next(
        (str(flat[key]).strip() for _, key in sorted(found[3]) if unread_rating(flat[key])), "")
    return Metrics(*values, unread_rating=unread, rating=bare)


def handle_fields(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields of a record (normalized names) read as agent time."""
    return tuple(k for k in record if (hit := _KEYS.get(_norm(str(k)))) is not None and hit[0] == 2)


def unnamed_units(columns: Sequence[str], helpdesk: str) -> tuple[str, ...]:
    """The columns (as written) read as a duration in minutes although neither their name nor their help desk
    says the unit ("Handle time" of a CSV from a help desk helpkit does not know): the report names them, and how
    to say their unit."""
    if helpdesk in _DEFAULT_UNIT:
        return ()
    out = []
    for column in columns:
        key = _norm(column)
        hit = _KEYS.get(key)
        if hit is not None and hit[0] < 3 and not key.endswith("at") and _unit(key, 0.0) == 0.0:
            out.append(column)
    return tuple(out)


# --- aggregates --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cost:
    """What the tickets of one topic or article cost the support team."""

    tickets: int
    """Tickets in the group."""
    hours: float | None
    """Hours (:attr:`Costs.measure`) of the group's tickets: the mean of those that carry it times ``tickets``,
    so it is what a new or better-found article would save if it answered them all. ``None``: no ticket has it."""
    first_reply_hours: float | None
    """Median hours to the first reply."""
    resolution_hours: float | None
    """Median hours to resolution."""
    rated: int
    """Tickets with a satisfaction rating."""
    satisfaction: float | None
    """Share of rated tickets that were satisfied (CSAT, 0..1); ``None`` when none was rated."""


@dataclass(frozen=True, slots=True)
class KeyedCost:
    """The cost of one topic (by id) or article (by slug)."""

    key: str
    """Topic id or article slug."""
    cost: Cost
    """Its cost."""


@dataclass(frozen=True, slots=True)
class Costs:
    """The support lead's numbers for the report; only what the export carried."""

    measure: str
    """What ``hours`` counts: ``handle`` (time agents spent, where exported) or ``resolution`` (calendar time to
    resolution, when no handle time is exported)."""
    fields: tuple[str, ...]
    """Per-ticket figures the export carried: some of ``first_reply``, ``resolution``, ``handle``,
    ``satisfaction``."""
    total: Cost
    """All analyzed tickets."""
    topics: tuple[KeyedCost, ...]
    """Per topic."""
    articles: tuple[KeyedCost, ...]
    """Per article (its answered tickets)."""
    largest_rating: float = 0.0
    """The export's largest bare rating, which tells their scale (:func:`on_scale`); 0 when it has none."""
    handle_median_minutes: float | None = None
    """The median agent time of a ticket that has one, in minutes."""

    def implausible_handle(self) -> str:
        """A warning when agents' time per ticket is more than a working day on median (:data:`WORKING_DAY`): a
        time column in seconds read as minutes, most likely; ``""`` otherwise."""
        m = self.handle_median_minutes
        if self.measure != "handle" or m is None or m <= WORKING_DAY:
            return ""
        return (f"agents' time per ticket is {m / 60:,.1f} h on median, more than a working day: if the export's "
                "handle-time column is in seconds, say so in its name (e.g. 'Handle time (seconds)'; the columns line "
                "names the ones read as minutes)")

    def satisfaction(self, r: TicketRecord) -> float | None:
        """One ticket's satisfaction on a 0..1 scale, a bare rating put on the export's scale."""
        if r.rating is not None and r.satisfaction is None:
            return round(on_scale(r.rating, self.largest_rating), 4)
        return r.satisfaction

    def topic(self, topic_id: str) -> Cost | None:
        return next((k.cost for k in self.topics if k.key == topic_id), None)

    def article(self, slug: str) -> Cost | None:
        return next((k.cost for k in self.articles if k.key == slug), None)


@dataclass
class _Group:
    tickets: int = 0
    first: array = field(default_factory=lambda: array("f"))
    resolution: array = field(default_factory=lambda: array("f"))
    handle_sum: float = 0.0
    handle_n: int = 0
    rated: int = 0
    satisfied: int = 0
    bare: Counter[float] = field(default_factory=Counter)
    """Bare ratings (:attr:`TicketRecord.rating`) by value, put on a scale when the export's largest is known."""

    def add(self, r: TicketRecord) -> None:
        self.tickets += 1
        if r.first_reply_minutes is not None:
            self.first.append(r.first_reply_minutes)
        if r.resolution_minutes is not None:
            self.resolution.append(r.resolution_minutes)
        if r.handle_minutes is not None:
            self.handle_sum += r.handle_minutes
            self.handle_n += 1
        if r.satisfaction is not None:
            self.rated += 1
            self.satisfied += r.satisfaction >= SATISFIED
        elif r.rating is not None:
            self.bare[r.rating] += 1

    def cost(self, measure: str, largest: float) -> Cost:
        if measure == "handle":
            hours = self.handle_sum / self.handle_n / 60 * self.tickets if self.handle_n else None
        else:
            hours = sum(self.resolution) / len(self.resolution) / 60 * self.tickets if self.resolution else None
        rated = self.rated + sum(self.bare.values())
        satisfied = self.satisfied + sum(n for x, n in self.bare.items() if on_scale(x, largest) >= SATISFIED)
        return Cost(
            tickets=self.tickets, hours=hours,
            first_reply_hours=statistics.median(self.first) / 60 if self.first else None,
            resolution_hours=statistics.median(self.resolution) / 60 if self.resolution else None,
            rated=rated, satisfaction=satisfied / rated if rated else None,
        )


@dataclass
class CostTally:
    """Adds up the final per-ticket records by topic and by answered article."""

    total: _Group = field(default_factory=_Group)
    topics: dict[str, _Group] = field(default_factory=dict)
    articles: dict[str, _Group] = field(default_factory=dict)
    handle: array = field(default_factory=lambda: array("f"))
    """Every ticket's agent time, in minutes, for the median."""

    def add(self, r: TicketRecord) -> None:
        self.total.add(r)
        if r.handle_minutes is not None:
            self.handle.append(r.handle_minutes)
        if r.topic:
            self.topics.setdefault(r.topic, _Group()).add(r)
        elif r.slug and r.status.value == "answered":
            self.articles.setdefault(r.slug, _Group()).add(r)

    def result(self) -> Costs | None:
        """The costs, or ``None`` when no ticket carried any figure."""
        t = self.total
        timed = t.handle_n and t.handle_sum > 0  # all zero: the help desk's timer column, never used
        fields = tuple(name for name, present in (("first_reply", t.first), ("resolution", t.resolution),
                                                  ("handle", timed), ("satisfaction", t.rated or t.bare))
                       if present)
        if not fields:
            return None
        measure = "handle" if timed else "resolution"
        largest = max(t.bare, default=0.0)
        return Costs(
            measure=measure, fields=fields, total=t.cost(measure, largest),
            topics=tuple(KeyedCost(k, g.cost(measure, largest)) for k, g in self.topics.items()),
            articles=tuple(KeyedCost(k, g.cost(measure, largest)) for k, g in self.articles.items()),
            largest_rating=largest, handle_median_minutes=statistics.median(self.handle) if self.handle else None,
        )


def with_metrics(ticket: Ticket, metrics: Metrics) -> Ticket:
    """``ticket`` carrying ``metrics``."""
    return replace(ticket, first_reply_minutes=metrics.first_reply_minutes,
                   resolution_minutes=metrics.resolution_minutes, handle_minutes=metrics.handle_minutes,
                   satisfaction=metrics.satisfaction, rating=metrics.rating)


RANK_BY = ("tickets", "hours")
"""Orders of "articles to write next" (``--rank-by``)."""


def rank_topics(topics: Sequence[Topic], costs: Costs | None, rank_by: str,
                searches: Mapping[str, int] | None = None) -> tuple[Topic, ...]:
    """Topics in the order a writer should take them: by tickets plus no-result searches on the same topic
    (``searches``: topic id → searches), or by the hours a new article would save (``hours``; topics without
    hours last, by tickets)."""
    searches = searches or {}

    def demand(t: Topic) -> tuple[float, ...]:
        both = t.count + searches.get(t.id, 0)
        if rank_by == "hours" and costs is not None:
            c = costs.topic(t.id)
            return (-(c.hours if c and c.hours is not None else -1.0), -both)
        return (-both, -t.count)

    return tuple(sorted(topics, key=demand))
