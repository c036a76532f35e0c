"""Streaming ticket readers: CSV, JSON and JSON Lines exports, one :class:`Ticket` (or :class:`Skipped`) at a time.

- Encodings: UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-byte pattern), else Windows-1252/Latin-1.
- Formats: by extension (``.csv``/``.tsv``, ``.json``, ``.jsonl``/``.ndjson``), else sniffed from the first bytes.
  JSON may be an array of tickets or an object holding one (``{"tickets": [...]}``, Help Scout's
  ``{"_embedded": {"conversations": [...]}}``, Intercom's ``{"conversations": [...]}``); it is parsed one
  element at a time, so a multi-gigabyte export never sits in memory.
- Text: the text fields (subject, then body) are joined with :data:`deflection.clean.FIELD_BREAK`, which reads as
  a blank line, so that cleaning treats each field on its own (a greeting opens the body, not the subject).
- Fields: the ``ColumnMapping`` given, else the conventions of Zendesk, Freshdesk, Help Scout and Intercom
  exports, else common names (``subject``, ``description``, ``body``, ``created_at`` ...). Names match
  case- and punctuation-insensitively (``Created at`` = ``created_at`` = ``createdAt``); JSON fields may be
  dotted paths (``source.body``).
- Bad rows are skipped with their line and why, and nothing else is lost: a CSV quote never closed is skipped at the
  line it opened on and the rows it ran into are read again; a ticket read twice (same id and text) is skipped,
  another ticket with a known id kept (:class:`SeenTickets`).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from deflection.clean import FIELD_BREAK
from deflection.costs import EXTRA_FIELDS, NO_METRICS, handle_fields, read_rating, ticket_metrics, unnamed_units
from deflection.model import ColumnMapping, Skipped, SkipReason, Ticket, place
from deflection.replies import REPLY_COLUMNS, ArticleLinks, customer_messages, customer_thread, public_replies
from helpkit.errors import ConfigError, MissingResource, Warning
from helpkit.wording import files_text

MAX_FIELD = 64 * 1024 * 1024
"""Longest CSV field read (a ticket thread pasted whole); Python's default is 128 KiB."""

_CHUNK = 1 << 16


# --- encodings ---------------------------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """The codec to read ``path`` with: a BOM wins; else UTF-16 by its NUL bytes; else UTF-8 if the whole file
    decodes (checked incrementally, in constant memory); else Windows-1252, else Latin-1 (never fails)."""
    with path.open("rb") as f:
        head = f.read(4096)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        sample = head[:1024]
        if len(sample) >= 4:
            even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
            odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
            if odd_nul > 0.3 and even_nul < 0.05:
                return "utf-16-le"
            if even_nul > 0.3 and odd_nul < 0.05:
                return "utf-16-be"
        f.seek(0)
        for codec in ("utf-8", "cp1252"):
            decoder = codecs.getincrementaldecoder(codec)()
            f.seek(0)
            try:
                while chunk := f.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return codec
    return "latin-1"


# --- field conventions -------------------------------------------------------------------------------------------


def _norm(key: str) -> str:
    """A field name without case, spaces or punctuation: ``Created at`` -> ``createdat``."""
    return re.sub(r"[^0-9a-z]", "", key.casefold())


@dataclass(frozen=True, slots=True)
class Convention:
    """How one help desk names its export's fields; each field lists candidate paths, first present wins."""

    name: str
    """Help desk name (shown in messages)."""
    signature: tuple[str, ...]
    """Fields whose presence (any of them) identifies this help desk's export."""
    subject: tuple[str, ...]
    """Candidates for the ticket's subject."""
    body: tuple[str, ...]
    """Candidates for the ticket's first message."""
    id: tuple[str, ...]
    """Candidates for the ticket id."""
    date: tuple[str, ...]
    """Candidates for the creation date."""
    lang: tuple[str, ...]
    """Candidates for the language."""
    channel: tuple[str, ...]
    """Candidates for the channel."""


_GENERIC = Convention(
    name="generic",
    signature=(),
    subject=("subject", "title", "summary", "topic"),
    body=("description", "descriptiontext", "body", "text", "message", "content", "comment", "question", "query",
          "utterance", "sentence", "firstmessage", "preview", "details", "extract"),
    id=("id", "ticketid", "conversationid", "number", "ticketnumber", "ticketno", "utteranceid"),
    date=("createdat", "created", "createdtime", "createddatetime", "createddate", "createdon", "createdatetime",
          "createdate", "datecreated", "creationdate", "creationtime", "submittedat", "receivedat", "date", "timestamp",
          "requested", "opened", "messagedate"),
    lang=("locale", "language", "lang", "requesterlanguage", "requesterlocale"),
    channel=("channel", "via", "source", "medium"),
)

CONVENTIONS: tuple[Convention, ...] = (
    Convention(
        name="Front",  # its analytics message export: one row per message (see _conversations)
        signature=("messageapiid", "conversationapiid", "segmentid", "extract"),
        subject=("subject",),
        body=("extract",),
        id=("conversationid", "conversationapiid"),
        date=("messagedate",),
        lang=(),
        channel=("inbox",),
    ),
    Convention(
        name="Intercom",
        signature=("conversationmessage", "source.deliveredas", "conversationparts"),
        subject=("source.subject", "conversationmessage.subject", "title"),
        body=("customermessages", "source.body", "conversationmessage.body", "firstmessage"),
        id=("id", "conversationid"),
        date=("createdat", "created"),
        lang=("customattributes.language", "source.author.language", "language", "locale"),
        # source.type is the channel (email, conversation, push ...); delivered_as says who started it
        # (customer_initiated for every customer's ticket), not how it came.
        channel=("source.type", "channel"),
    ),
    Convention(
        name="Help Scout",
        signature=("mailboxid", "folderid"),
        subject=("subject",),
        body=("customerthread", "preview", "body", "embedded.threads.0.body"),
        id=("number", "id", "conversationid"),
        date=("createdat", "created"),
        lang=("customer.language", "language", "locale"),
        channel=("source.type", "type", "channel"),
    ),
    Convention(
        name="Freshdesk",
        signature=("descriptiontext", "frescalated", "createdtime", "responderid"),
        subject=("subject",),
        body=("descriptiontext", "description"),
        id=("id", "ticketid"),
        date=("createdat", "createdtime"),
        lang=("language", "customfields.language", "locale"),
        channel=("source", "channel"),
    ),
    Convention(
        name="Zendesk",
        signature=("via", "rawsubject", "requesterid", "via.channel"),
        subject=("subject", "rawsubject"),
        body=("description", "comment.body"),
        id=("id", "ticketid"),
        date=("createdat", "created", "requested"),
        lang=("locale", "requesterlocale", "requesterlanguage", "language"),
        channel=("via.channel", "via", "channel"),
    ),
)
"""Known help desks, most specific signature first."""

KNOWLEDGE_BASES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("Freshdesk", "freshdesk", frozenset({"folderid", "categoryid", "title", "description"})),
    ("Zendesk", "zendesk", frozenset({"sectionid", "title", "body", "htmlurl"})),
    ("Intercom", "intercom", frozenset({"parentid", "parenttype", "authorid", "title", "body"})),
)
"""Help-center (articles) exports, told by their fields: (name, ``helpkit import`` source, fields all present).
Given to the report in place of tickets, they are named with the command that imports them."""


FRESHDESK_SOURCES = {
    1: "email", 2: "portal", 3: "phone", 4: "forum", 5: "twitter", 6: "facebook", 7: "chat", 8: "mobile",
    9: "feedback widget", 10: "outbound email", 11: "ecommerce", 12: "bot",
}
"""Freshdesk's numeric ``source`` codes."""


_SEEN_KEYS: dict[str, str] = {}
"""Normalized field name → the spelling last seen in an export (records of one export spell keys alike)."""


def _lookup(record: Mapping[str, Any], path: str) -> Any:
    """The value at a normalized dotted ``path`` (``source.body``, ``embedded.threads.0.body``), else None."""
    node: Any = record
    for part in path.split("."):
        if isinstance(node, Mapping):
            key = _SEEN_KEYS.get(part, part)
            if key in node:
                node = node[key]
                continue
            keys = {_norm(k): k for k in node}
            if part not in keys:
                return None
            _SEEN_KEYS[part] = keys[part]
            node = node[keys[part]]
        elif isinstance(node, list) and part.isdigit():
            i = int(part)
            node = node[i] if i < len(node) else None
        else:
            return None
    return node


_EXTRA_KEYS: dict[tuple[str, ...], bool] = {}


def _has_extras(record: Mapping[str, Any]) -> bool:
    """Whether a record has a field of replies or metrics (:data:`EXTRA_FIELDS`): only then are they looked for.
    Asked of each record, as JSON records carry only the fields they have (a reply, a rating); cached by its field
    names, which most records of an export share (every row of a CSV)."""
    keys = tuple(record)
    found = _EXTRA_KEYS.get(keys)
    if found is None:
        if len(_EXTRA_KEYS) > 4096:
            _EXTRA_KEYS.clear()
        found = _EXTRA_KEYS[keys] = not EXTRA_FIELDS.isdisjoint(map(_norm, keys))
    return found


def _as_written(record: Mapping[str, Any], path: str) -> str:
    """A normalized dotted ``path`` spelled as the record spells it (``createdat`` → ``created_at``), to name a
    field in a message; ``path`` itself where the record does not have it."""
    node: Any = record
    out = []
    for part in path.split("."):
        if not isinstance(node, Mapping):
            out.append(part)
            node = None
            continue
        key = next((k for k in node if _norm(k) == part), part)
        out.append(str(key))
        node = node.get(key)
    return ".".join(out)


def _paths(record: Mapping[str, Any], prefix: str = "", depth: int = 0) -> list[str]:
    """Normalized dotted paths of a record's fields (two levels deep), to match signatures and mappings."""
    out: list[str] = []
    for k, v in record.items():
        p = f"{prefix}{_norm(str(k))}"
        out.append(p)
        if isinstance(v, Mapping) and depth < 1:
            out.extend(_paths(v, p + ".", depth + 1))
    return out


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """Resolved field paths for one export (decided from its header or first record)."""

    convention: str
    """Help desk detected, or ``generic`` / ``mapping``."""
    text: tuple[str, ...]
    """Paths joined into the ticket text."""
    id: str | None
    """Path of the id."""
    date: str | None
    """Path of the creation date."""
    lang: str | None
    """Path of the language."""
    channel: str | None
    """Path of the channel."""
    reply: str | None = None
    """Path of a field holding the agent's reply (``--reply``, or a CSV's :func:`reply_column`); ``None``: replies
    are read from the help desk's conversation fields (:func:`deflection.replies.public_replies`)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Fields as the export writes them, by normalized path (for messages): a CSV's header, a JSON export's
    chosen fields."""
    unnamed_units: tuple[str, ...] = ()
    """Time columns read as minutes though neither their name nor the help desk says so
    (:func:`deflection.costs.unnamed_units`)."""

    def describe(self) -> str:
        """Which field was taken for what, in one line: ``columns: text = 'Subject' + 'Body', id = none ...``."""

        def shown(path: str | None, none: str = "none") -> str:
            return f"'{self.names.get(path, path)}'" if path else none

        known = f" ({self.convention} export)" if self.convention not in ("generic", "mapping") else ""
        return (f"columns{known}: text = {' + '.join(map(shown, self.text))}, "
                f"id = {shown(self.id, 'none (tickets are named file:line)')}, date = {shown(self.date)}, "
                f"language = {shown(self.lang)}, channel = {shown(self.channel)}"
                + (f", reply = {shown(self.reply)}" if self.reply else "")
                + (f"; read as minutes, their names giving no unit: {', '.join(map(repr, self.unnamed_units))} (if "
                   f"they are seconds or hours, say so in the column's name, e.g. '{self.unnamed_units[0]} (seconds)')"
                   if self.unnamed_units else ""))


def plan_fields(available: Sequence[str], mapping: ColumnMapping, source: str, *,
                sample: Mapping[str, Any] | None = None) -> FieldPlan:
    """Decide which fields to read, from the header (CSV) or the first record's fields (JSON).

    Raises :class:`ConfigError` naming the available fields when a mapped field is missing or no text field exists.
    """
    paths = set(_paths(sample)) if sample is not None else {_norm(a) for a in available}
    shown = ", ".join(available) if available else "(none)"

    def need(name: str, option: str) -> str:
        n = ".".join(_norm(p) for p in name.split("."))
        if n not in paths and (sample is None or _lookup(sample, n) is None):
            raise ConfigError(
                f"{source}: column '{name}' (from {option}) not found; available columns: {shown}; "
                f"fix the {option} option"
            )
        return n

    if not mapping.text:
        for name, command, fields in KNOWLEDGE_BASES:
            if fields <= paths:
                raise ConfigError(
                    f"{source}: this is an export of {name} help-center articles, not tickets; move it into the help "
                    f"center with 'helpkit import {command} PATH', and give helpkit deflection an export of tickets")
    convention = next((c for c in CONVENTIONS if any(s in paths for s in c.signature)), _GENERIC)

    def pick(candidates: tuple[str, ...], generic: tuple[str, ...]) -> str | None:
        for c in candidates + tuple(x for x in generic if x not in candidates):
            if c in paths or (sample is not None and "." in c and _lookup(sample, c) is not None):
                return c
        return None

    g = _GENERIC
    if mapping.text:
        text = tuple(need(t, "--text") for t in mapping.text)
    else:
        subject = pick(convention.subject, g.subject)
        body = pick(convention.body, g.body)
        text = tuple(p for p in (subject, body) if p)
        if not text:
            raise ConfigError(
                f"{source}: no text column found (looked for subject, description, body, text, message ...); "
                f"available columns: {shown}; name them with --text, e.g. --text subject,description"
            )
    ident = need(mapping.id, "--id") if mapping.id else pick(convention.id, g.id)
    when = need(mapping.date, "--date") if mapping.date else pick(convention.date, g.date)
    lang = need(mapping.lang, "--lang") if mapping.lang else pick(convention.lang, g.lang)
    channel = need(mapping.channel, "--channel") if mapping.channel else pick(convention.channel, g.channel)
    # A CSV's reply column is found by its name; JSON exports carry the help desk's conversation fields.
    reply = need(mapping.reply, "--reply") if mapping.reply else reply_column(available) if sample is None else None
    name = "mapping" if mapping.text else convention.name
    chosen = [p for p in (*text, ident, when, lang, channel, reply) if p]
    names = {p: _as_written(sample, p) for p in chosen} if sample is not None else {_norm(a): a for a in available}
    return FieldPlan(convention=name, text=text, id=ident, date=when, lang=lang, channel=channel, reply=reply,
                     names=names, unnamed_units=unnamed_units(available, convention.name) if sample is None else ())


_REPLY_WORDS = {"reply", "replies", "response", "responses", "answer", "respuesta", "resposta", "réponse", "antwort"}
_AGENT_WORDS = {"agent", "agents", "teammate", "teammates", "staff", "admin", "support", "public", "operator",
                "assignee", "agente", "atendente", "soporte", "suporte", "conseiller", "mitarbeiter", "team", "equipo",
                "equipe"}
_NOT_A_REPLY = {"time", "times", "at", "date", "count", "minutes", "mins", "hours", "seconds", "secs", "sla", "rate",
                "status", "id", "by", "author", "type", "tiempo", "fecha", "zeit", "temps", "tempo", "data"}


def reply_column(columns: Sequence[str]) -> str | None:
    """The (normalized) column of a flat export (a CSV) holding the agent's reply, found by its name: one of
    :data:`deflection.replies.REPLY_COLUMNS` (``reply``, ``agent_reply``, ``public_reply`` ...) is left to
    :func:`deflection.replies.public_replies`; else the first whose words name a reply and who wrote it ("Last
    teammate reply", "Staff response", "Respuesta del agente") and no number about it ("First reply time",
    "Agent reply count"). ``None`` when no column is named so."""
    normed = [_norm(c) for c in columns]
    if any(n in REPLY_COLUMNS for n in normed):
        return None
    for column, n in zip(columns, normed, strict=True):
        said = set(re.findall(r"[^\W\d_]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", column).casefold()))
        if said & _REPLY_WORDS and said & _AGENT_WORDS and not said & _NOT_A_REPLY:
            return n
    return None


# --- values ------------------------------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y %H:%M",
                 "%d.%m.%Y", "%a, %d %b %Y %H:%M:%S %z", "%b %d, %Y %H:%M", "%b %d, %Y")


def parse_date(value: Any) -> datetime | None:
    """A creation date from ISO 8601, common export formats, or a Unix timestamp (seconds or milliseconds)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ts = float(value)
        if ts > 1e11:
            ts /= 1000
        try:
            return datetime.fromtimestamp(ts, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", s):
        return parse_date(float(s))
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt)
        except ValueError:
            continue
    return None


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_text_of(v) for v in value)
    if isinstance(value, Mapping):
        for k in ("body", "text", "value", "name"):
            if k in value:
                return _text_of(value[k])
        return ""
    return str(value)


def _channel_of(value: Any) -> str:
    if value is None or value == "":
        return "unknown"
    if isinstance(value, Mapping):
        return _channel_of(value.get("channel") or value.get("type"))
    if isinstance(value, bool):
        return "unknown"
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return FRESHDESK_SOURCES.get(int(value), str(value))
    return str(value).strip().casefold() or "unknown"


def _record_name(plan: FieldPlan, ident: str, number: int) -> str:
    """How to name the ``number``-th record of a JSON export that shares its line with others (``0``: it does
    not): by its id, as its help desk calls it (``conversation 215470000004``, ``ticket 101``), else its number."""
    if not number:
        return ""
    if not ident:
        return f"record {number}"
    return f"{'conversation' if plan.convention in ('Intercom', 'Help Scout') else 'ticket'} {ident}"


_OUTBOUND = frozenset({"outbound", "outgoing", "out", "sent"})
"""A message's ``Direction`` when a teammate sent it (Front's message exports hold one row per message)."""
AGENT_MESSAGE = "an agent's message (its Direction is outbound), not a customer's"
TEAM_ONLY = "a conversation with no customer message (only the team's)"


def _record_to_ticket(record: Mapping[str, Any], plan: FieldPlan, source: str, line: int,
                      links: ArticleLinks | None = None, number: int = 0) -> Ticket | Skipped:
    """The ticket of one record at ``line``; ``number``: its number in the export when other records share its
    line (:func:`_record_name`), else 0."""
    ident = _text_of(_lookup(record, plan.id)).strip() if plan.id else ""
    name = _record_name(plan, ident, number)
    if _outbound(record):
        return Skipped(source, line, AGENT_MESSAGE, name)
    parts = [_text_of(_lookup(record, p)).replace(FIELD_BREAK.strip("\n"), "\n").strip() for p in plan.text]
    if not any(parts):
        return Skipped(source, line, "no text", name)
    # Fields stay apart (subject first, even when empty) so that cleaning treats each on its own.
    text = FIELD_BREAK.join(parts) if len(parts) > 1 else parts[0]
    if not text:
        return Skipped(source, line, "no text", name)
    raw_date = _lookup(record, plan.date) if plan.date else None
    created = parse_date(raw_date)
    if created is None and raw_date not in (None, ""):
        shown = plan.names.get(plan.date) or _as_written(record, plan.date)
        return Skipped(source, line, f"unreadable date in '{shown}'", name)
    lang = _text_of(_lookup(record, plan.lang)).strip() if plan.lang else ""
    channel = _channel_of(_lookup(record, plan.channel)) if plan.channel else "unknown"
    replies, metrics = (public_replies(record), ticket_metrics(record, created, plan.convention)) \
        if _has_extras(record) else ((), NO_METRICS)
    if plan.reply:
        value = _lookup(record, plan.reply)
        replies = tuple(r.strip() for r in (value if isinstance(value, list) else [value])
                        if isinstance(r, str) and r.strip())
    return Ticket(
        id=ident or place(source, line, name), text=text, created=created,
        locale=lang or None, channel=channel,
        source=source, line=line, replies=replies,
        reply_article=(links.linked(replies) or (None,))[0] if links is not None and replies else None,
        first_reply_minutes=metrics.first_reply_minutes,
        resolution_minutes=metrics.resolution_minutes, handle_minutes=metrics.handle_minutes,
        satisfaction=metrics.satisfaction, unread_rating=metrics.unread_rating, rating=metrics.rating,
        record=name, alias=_alias(record, plan, ident),
    )


def _alias(record: Mapping[str, Any], plan: FieldPlan, ident: str) -> str:
    """The record's ``id`` when the ticket is named by its ``number`` (Help Scout's conversations have both: the
    inbox shows the number, the conversation's address the id), else ``""``."""
    if not ident or plan.id is None or plan.names.get(plan.id, plan.id).casefold() != "number":
        return ""
    other = record.get("id")
    return str(other).strip() if isinstance(other, (int, str)) and str(other).strip() != ident else ""


# --- formats -----------------------------------------------------------------------------------------------------


def sniff_format(path: Path, encoding: str) -> str:
    """``csv``, ``json`` or ``jsonl``: by extension, else by the first non-blank character and line."""
    ext = path.suffix.casefold()
    if ext in (".csv", ".tsv", ".txt"):
        return "csv"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    with path.open(encoding=encoding, errors="replace") as f:
        head = f.read(_CHUNK)
    stripped = head.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        lines = [ln.strip() for ln in stripped.split("\n") if ln.strip()]
        try:
            first = json.loads(lines[0])
        except ValueError:
            return "json"
        one_object = len(lines) == 1 or not lines[1].startswith("{")
        if one_object and isinstance(first, dict) and any(
            isinstance(v, list | dict) and _norm(k) in _LIST_KEYS | _WRAPPER_KEYS for k, v in first.items()
        ):
            return "json"
        return "jsonl"
    if ext == ".json":
        return "json"
    return "csv"


NOT_EXPORTS = {".yml": "a YAML file", ".yaml": "a YAML file", ".md": "a Markdown file", ".html": "a web page",
               ".htm": "a web page", ".po": "a translation file", ".py": "a Python file", ".pdf": "a PDF",
               ".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".webp": "an image",
               ".svg": "an image", ".zip": "a zip archive", ".gz": "a compressed file",
               ".xlsx": "a spreadsheet (save it as CSV)", ".xls": "a spreadsheet (save it as CSV)",
               ".ods": "a spreadsheet (save it as CSV)", ".docx": "a document"}
"""Files given by mistake, by extension, and what they are."""


def _refuse_other_files(path: Path, shown: str, encoding: str) -> None:
    """A :class:`ConfigError` for a file that is no ticket export: one of :data:`NOT_EXPORTS`, or binary
    (``encoding``: :func:`detect_encoding`'s)."""
    what = NOT_EXPORTS.get(path.suffix.casefold())
    if what is None and not encoding.startswith("utf-16"):  # UTF-16 text has NUL bytes too
        with path.open("rb") as f:
            what = "a binary file" if b"\x00" in f.read(4096) else None
    if what is not None:
        raise ConfigError(f"{shown}: this is {what}, not a ticket export; give an export of tickets as CSV, JSON "
                          "or JSON Lines (helpkit deflection --help)")


# --- satisfaction ratings exported apart from the tickets ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ratings:
    """Satisfaction ratings exported apart from the tickets, by ticket id: Freshdesk's API gives them at
    ``/api/v2/surveys/satisfaction_ratings`` (``ticket_id``, ``ratings.default_question``: 103 … -103), Help Scout's
    at ``/v2/reports/happiness/ratings`` (``results``: the conversation's ``number`` and ``id``, ``ratingId`` 1 great,
    2 okay, 3 not good, or ``rating``), not with the tickets. Given among the exports, they join the tickets they name
    that carry no rating of their own."""

    files: tuple[Path, ...] = ()
    """The ratings exports read."""
    helpdesks: tuple[str, ...] = ()
    """Whose ratings they are (``Freshdesk``, ``Help Scout``)."""
    count: int = 0
    """Ratings read (a Help Scout rating names its conversation twice in :attr:`by_ticket`: number and id)."""
    by_ticket: Mapping[str, tuple[float | None, float | None]] = field(default_factory=dict)
    """Ticket id → (satisfaction on a 0..1 scale, a bare 0..10 rating): :func:`deflection.costs.read_rating`."""

    def apply(self, ticket: Ticket) -> Ticket:
        """``ticket`` with its rating from these exports, when it has none of its own and they have one."""
        found = self.by_ticket.get(ticket.id)
        if found is None or ticket.satisfaction is not None or ticket.rating is not None:
            return ticket
        return replace(ticket, satisfaction=found[0], rating=found[1], unread_rating="")


HELP_SCOUT_RATINGS = {1: "great", 2: "okay", 3: "not good"}
"""Help Scout's ``ratingId`` values."""


def _ratings_record(record: object) -> str:
    """Which help desk's satisfaction rating of a ticket a JSON record is (``""``: none, a ticket or anything else):
    Freshdesk's survey response (``survey_id``, ``ticket_id``, ``ratings``) or a row of Help Scout's happiness
    ratings report (``number``, ``threadid``, ``ratingId`` or ``rating``), with no subject or text."""
    if not isinstance(record, Mapping):
        return ""
    keys = {_norm(k) for k in record}
    if keys & {"subject", "description", "descriptiontext", "preview", "threads", "body"}:
        return ""
    if {"surveyid", "ticketid", "ratings"} <= keys:
        return "Freshdesk"
    if {"number", "threadid"} <= keys and keys & {"ratingid", "rating"}:
        return "Help Scout"
    return ""


def _rating_rows(data: object) -> list[object]:
    """The records of a ratings export as parsed: a JSON array, or an object holding one (``results``)."""
    if isinstance(data, Mapping):
        if _ratings_record(data):
            return [data]
        data = next((v for k, v in data.items() if _norm(k) in _LIST_KEYS and isinstance(v, list)), [])
    return data if isinstance(data, list) else []


def _first_record(path: Path, encoding: str) -> object:
    """The first JSON record of a JSON or JSON Lines file, read from its head (None when there is none); of an
    object that holds its records in a list (``{"results": [...]}``), the first of them."""
    with path.open(encoding=encoding, errors="replace") as f:
        head = f.read(_CHUNK).lstrip()
    head = head[1:].lstrip() if head.startswith("[") else head
    try:
        first = json.JSONDecoder().raw_decode(head)[0]
    except ValueError:
        m = re.search(r'"(?:results|data|items)"\s*:\s*\[\s*', head)  # an object too long for the head: its list
        if m is None:
            return None
        try:
            return json.JSONDecoder().raw_decode(head[m.end():])[0]
        except ValueError:
            return None
    rows = _rating_rows(first) if isinstance(first, Mapping) and not _ratings_record(first) else None
    return rows[0] if rows else first


def _rating_of(record: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """A ratings export's record's rating (:func:`deflection.costs.read_rating`)."""
    values = {_norm(k): v for k, v in record.items()}
    if "ratings" in values:  # Freshdesk
        ratings = values["ratings"] if isinstance(values["ratings"], Mapping) else {}
        return read_rating(ratings.get("default_question", next(iter(ratings.values()), None)))
    rid = str(values.get("ratingid", "")).strip()
    return read_rating(HELP_SCOUT_RATINGS[int(rid)] if rid.isdigit() and int(rid) in HELP_SCOUT_RATINGS
                       else values.get("rating"))


def _rated_tickets(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The ids a ratings export's record names its ticket by: Freshdesk's ``ticket_id``; Help Scout's conversation
    ``number`` and ``id`` (a conversation is named by its number, the id is its alias)."""
    values = {_norm(k): v for k, v in record.items()}
    return tuple(str(values[k]) for k in ("ticketid", "number", "id") if values.get(k) not in (None, "")
                 and (k != "id" or "ticketid" not in values))


def separate_ratings(sources: Sequence[Path]) -> tuple[tuple[Path, ...], Ratings]:
    """The ticket exports among ``sources``, and the satisfaction ratings exported apart (:class:`Ratings`) that
    are the others. A ratings export whose JSON does not parse is a :class:`ConfigError` at its line."""
    tickets: list[Path] = []
    files: list[Path] = []
    helpdesks: dict[str, None] = {}
    count = 0
    by_ticket: dict[str, tuple[float | None, float | None]] = {}
    for path in sources:  # told by their head (an API's ratings are UTF-8 JSON): a ticket export is not read through
        helpdesk = "" if not path.is_file() or sniff_format(path, "utf-8-sig") == "csv" else \
            _ratings_record(_first_record(path, "utf-8-sig"))
        if not helpdesk:
            tickets.append(path)
            continue
        files.append(path)
        helpdesks[helpdesk] = None
        text = path.read_text(encoding=detect_encoding(path), errors="replace")
        try:
            try:
                records = json.loads(text)
            except json.JSONDecodeError:  # JSON Lines: a record (or a page of them) a line
                records = [r for line in text.splitlines() if line.strip() for r in _rating_rows(json.loads(line))]
        except json.JSONDecodeError as e:
            raise ConfigError(f"{path}:{e.lineno}:{e.colno}: not valid JSON ({e.msg}); export the satisfaction "
                              "ratings again") from None
        for r in _rating_rows(records):
            if isinstance(r, Mapping) and _ratings_record(r):
                count += 1
                rating = _rating_of(r)
                for ticket in _rated_tickets(r):
                    by_ticket[ticket] = rating
    return tuple(tickets), Ratings(tuple(files), tuple(helpdesks), count, by_ticket)


def read_tickets(path: Path, mapping: ColumnMapping | None = None, *, source: str | None = None,
                 position: list[int] | None = None, links: ArticleLinks | None = None,
                 seen: SeenTickets | None = None, plans: list[FieldPlan] | None = None,
                 ratings: Ratings | None = None) -> Iterator[Ticket | Skipped]:
    """Stream one export's tickets (and skipped records, with their line numbers).

    ``position``, when given, is a one-item list updated with the bytes read so far (for progress bars).
    ``links``: the help center's article URLs; with them each ticket's :attr:`Ticket.reply_article` is set.
    ``seen``: the tickets read before, from this export's predecessors (:class:`SeenTickets`; give the same one for
    every export read together): a ticket read again is skipped, another with the same id renamed; by default,
    within this export only. ``plans``, when given, receives the export's :class:`FieldPlan` once decided.
    ``ratings``: satisfaction ratings exported apart (:func:`separate_ratings`), joined to the tickets they name.
    Raises :class:`MissingResource` when the file is absent, :class:`ConfigError` for a file that cannot be
    read as an export (a missing column, a JSON file that is not valid JSON: a bad command-line input).
    """
    mapping = mapping or ColumnMapping()
    shown = source or str(path)
    seen = seen if seen is not None else SeenTickets()
    if not path.is_file():
        raise MissingResource(f"{shown}: no such ticket export; check the path")
    encoding = detect_encoding(path)
    _refuse_other_files(path, shown, encoding)
    fmt = sniff_format(path, encoding)
    raw = path.open("rb")
    try:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="" if fmt == "csv" else None)
        reader = {"csv": _read_csv, "json": _read_json, "jsonl": _read_jsonl}[fmt]
        for item in reader(text, mapping, shown, links, plans if plans is not None else []):
            if position is not None:
                position[0] = raw.tell()
            if type(item) is Ticket:
                yield seen.check(ratings.apply(item) if ratings is not None else item)
            else:
                yield item
    finally:
        raw.close()


DUPLICATE = "read twice: the same id and text as an earlier ticket (exports that overlap); counted once"
"""The skip reason of a ticket read again."""


class SeenTickets:
    """The tickets read so far, over one export or several read together, by id: tells a ticket read twice from
    two tickets that share an id.

    The same id and text is one ticket read again (exports that overlap, as two monthly exports sharing a day):
    it is skipped, so that it counts once. The same id with another text is another ticket (two help desks'
    numbering, a ticket edited between two exports): it is kept, its id made unique by its place (``52010
    (tickets.csv:92)``) so that ``--explain`` can name it. Tickets without an id (named ``file:line``) are not
    compared. Memory: one hashed entry per ticket with an id, about 110 bytes (110 MB for a million tickets)."""

    def __init__(self) -> None:
        self._first: dict[int, int] = {}
        """Hash of an id → where it was first read: the hash of its text, its export (in :attr:`_sources`) and
        its line, packed in one int."""
        self._sources: list[str] = []
        self.counts: Counter[str] = Counter()
        """Duplicates found: ``again`` (the same text: skipped), ``other`` (another text: kept)."""
        self._examples: dict[str, list[tuple[str, str, str]]] = {}
        """Up to three of each kind: the id, where it was first read, where again."""

    def check(self, ticket: Ticket) -> Ticket | Skipped:
        """The ticket as it is (an id not read before, or none), a :class:`Skipped` (read twice), or the ticket
        with its id made unique by its place (the id names another ticket already)."""
        if ticket.id == ticket.place:  # no id: named by its place
            return ticket
        if not self._sources or self._sources[-1] != ticket.source:
            self._sources.append(ticket.source)
        export = len(self._sources) - 1
        mark = (hash(ticket.text) & 0xFFFFFFFF) << 64 | export << 40 | ticket.line
        first = self._first.get(key := hash(ticket.id))
        if first is None:  # not by its line: the records of a one-line JSON export all share line 1
            self._first[key] = mark
            return ticket
        again = ticket.place
        kind = "other" if first >> 64 != mark >> 64 else "again"
        self.counts[kind] += 1
        examples = self._examples.setdefault(kind, [])
        if len(examples) < 3:
            examples.append((ticket.id, f"{self._sources[(first >> 40) & 0xFFFFFF]}:{first & 0xFFFFFFFFFF}", again))
        if kind == "again":
            return Skipped(ticket.source, ticket.line, DUPLICATE)
        return replace(ticket, id=f"{ticket.id} ({again})")

    def warnings(self) -> tuple[Warning, ...]:
        """One warning per kind of duplicate found: how many, up to three examples (the id, both places), and
        what was done with them."""
        told = {
            "again": ("duplicate tickets", "skipped: the same id and text as an earlier one (the exports overlap), "
                      "each ticket counted once", "if the exports should not overlap, check which files were given"),
            "other": ("duplicate ticket ids", "kept as different tickets (another text; --explain FILE:LINE names "
                      "each)", "if they are one ticket edited between two exports, give only the newer copy"),
        }
        out = []
        for kind, (what, done, fix) in told.items():
            if self.counts[kind]:
                examples = "; ".join(f"id {i} on {a} and {b}" for i, a, b in self._examples[kind])
                out.append(Warning("", f"{what}: {self.counts[kind]:,} in all, {done}; e.g. {examples}", fix))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class ExportScan:
    """What reading the exports through once found (:func:`scan_exports`), told before the analysis starts."""

    empty: tuple[Path, ...]
    """Exports that held no record, when others did."""
    columns: tuple[str, ...]
    """For each export whose fields were not all named by the mapping: which field was taken for what."""
    warnings: tuple[Warning, ...]
    """Duplicate tickets: read twice (skipped) or an id naming different texts (kept)."""
    explain: str | None
    """The id of the ticket ``explain`` names (by its id or its place, ``file:line``); None when not asked."""
    exports: tuple[Path, ...] = ()
    """The exports of tickets among those scanned (:func:`separate_ratings`)."""
    ratings: Ratings = field(default_factory=Ratings)
    """The satisfaction ratings exported apart among them (:func:`separate_ratings`)."""


def scan_exports(sources: Sequence[Path], mapping: ColumnMapping | None = None, since: date | None = None, *,
                 explain: str | None = None, events: Sequence[Path] = ()) -> ExportScan:
    """Read every export through once, before anything is matched (seconds for a million tickets, against
    minutes of matching): a missing column, or JSON that does not parse, is a :class:`ConfigError` naming the
    file, line and column before helpkit asks for its search index; so is an export set with no ticket to analyze
    (no records, every record skipped, none on or after ``since``), and no report is written over the last one;
    so is an ``explain`` that names no ticket (the error names some that exist)."""
    mapping = mapping or ColumnMapping()
    read = 0
    kept = 0
    skips: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    empty = []
    columns = []
    seen = SeenTickets()  # as the analysis reads the exports: one ticket counted once, whichever export holds it
    named = _Named(explain) if explain is not None else None
    unread: Counter[str] = Counter()
    guessed = None in (mapping.text, mapping.id, mapping.date, mapping.lang, mapping.channel)
    notes: list[Warning] = []
    sources, ratings = separate_ratings(sources)
    joined: set[str] = set()
    described: list[tuple[str, str]] = []
    for path in sources:
        before = read
        plans: list[FieldPlan] = []
        for item in read_tickets(path, mapping, source=str(path), seen=seen, plans=plans, ratings=ratings):
            read += 1
            if named is not None:
                named.look(item)
            if isinstance(item, Ticket) and item.unread_rating:
                unread[item.unread_rating] += 1
            if isinstance(item, Ticket) and item.id in ratings.by_ticket:
                joined.add(item.id)
            if isinstance(item, Ticket) and (since is None or item.created is not None and
                                             item.created.date() >= since):
                kept += 1
                continue
            reason = item.reason if isinstance(item, Skipped) else _left_out(item, since, plans)
            skips[reason] += 1
            spots = where.setdefault(reason, [])
            if len(spots) < 3:
                spots.append(item.place)
        if read == before:
            empty.append(path)
        if plans and guessed:
            described.append((str(path), plans[0].describe()))
            if mapping.text is None and (alone := _subject_alone(plans[0])):
                notes.append(Warning(str(path), f"the ticket text is the '{alone}' column alone: this export holds no "
                                     "ticket body (Zendesk's CSV export has none), so tickets are matched on their "
                                     "subjects", "export the tickets as JSON with their comments (Zendesk: the "
                                     "JSON export or the API), or name the body's column with --text"))
    for how, group in itertools.groupby(described, key=lambda d: d[1]):  # an API's pages: one line
        paths = [p for p, _ in group]
        columns.append(f"{files_text(paths, 'exports', listed=1)}: {how}")
    if ratings.files:
        columns.append(f"{', '.join(map(str, ratings.files))}: satisfaction ratings ({', '.join(ratings.helpdesks)}), "
                       f"{ratings.count:,} joined to the tickets by their id: {len(joined):,} name a ticket of the "
                       "exports")
    if not kept:
        raise no_tickets(sources, read, tuple(SkipReason(r, n, tuple(where[r])) for r, n in skips.most_common()))
    events_note = (Warning(", ".join(map(str, events)), f"the site's events are counted over the whole file: "
                           f"--since {since} selects tickets only", "export the site's events for the same days"),) \
        if since is not None and events else ()
    return ExportScan(tuple(empty), tuple(columns), tuple(notes) + seen.warnings() + _unread_ratings(unread) +
                      events_note, named.found() if named is not None else None, tuple(sources), ratings)


SUBJECTS = ("subject", "title", "summary", "topic")
"""Names of a column that holds a ticket's subject line, not its body."""


def _subject_alone(plan: FieldPlan) -> str:
    """The column's name when the ticket text is a subject column alone (as written), else ``""``."""
    if len(plan.text) != 1:
        return ""
    name = plan.names.get(plan.text[0], plan.text[0])
    return name if name.strip().casefold() in SUBJECTS else ""


def _left_out(ticket: Ticket, since: date | None, plans: Sequence[FieldPlan]) -> str:
    """Why a ticket read through is left out by ``--since``: its date, or no date (and no date column at all)."""
    if ticket.created is not None:
        return f"not on or after --since {since}"
    if plans and plans[0].date:
        return "no date (--since given)"
    return "no date column found (--since given): name it with --date"


def _unread_ratings(unread: Counter[str]) -> tuple[Warning, ...]:
    """One warning for the satisfaction values read as neither a rating nor "not rated", with the commonest."""
    if not unread:
        return ()
    shown = ", ".join(f"'{v}' ({n:,})" for v, n in unread.most_common(3))
    return (Warning("", f"satisfaction: {sum(unread.values()):,} ratings not understood, left out of the "
                        f"satisfaction figures: {shown}",
                    "export the rating as a number (1-5, 0-10, a percentage) or a word such as good, bad, satisfied "
                    "or dissatisfied"),)


def check_exports(sources: Sequence[Path], mapping: ColumnMapping | None = None,
                  since: date | None = None) -> tuple[Path, ...]:
    """:func:`scan_exports`'s checks; returns the exports that held no record, when others did (the report
    names them)."""
    return scan_exports(sources, mapping, since).empty


class _Named:
    """Looks for the ticket ``--explain`` names, by its id, else by its place: ``file:line``, the file as given on
    the command line, or by its name alone."""

    def __init__(self, wanted: str) -> None:
        self.wanted = wanted
        file, _, line = wanted.rpartition(":")
        self.place = (file, int(line)) if file and line.isdigit() else None
        self.by_id: str | None = None
        self.at_place: Ticket | Skipped | None = None
        self.names: dict[str, list[str]] = {}
        """Up to three ticket names of each export (for the message when none is the one wanted)."""

    def look(self, item: Ticket | Skipped) -> None:
        if isinstance(item, Ticket):
            if self.by_id is None and self.wanted in (item.id, item.alias or None):
                self.by_id = item.id
            names = self.names.setdefault(item.source, [])
            if len(names) < 3:
                names.append(item.id)
        if self.place is not None and self.at_place is None and item.line == self.place[1] and \
                self._same_file(item.source):
            self.at_place = item

    def _same_file(self, source: str) -> bool:
        file = self.place[0] if self.place else ""
        return file == source or file == Path(source).name or Path(file).resolve() == Path(source).resolve()

    def found(self) -> str:
        """The id of the ticket wanted; a :class:`ConfigError` when it was skipped or is not there."""
        if self.by_id is not None:
            return self.by_id
        if isinstance(self.at_place, Ticket):
            return self.at_place.id
        if isinstance(self.at_place, Skipped):
            raise ConfigError(f"--explain {self.wanted}: the record at {self.at_place.place} "
                              f"was skipped ({self.at_place.reason}); explain another ticket")
        names = "; ".join(f"{source}: {', '.join(ids)}" for source, ids in self.names.items())
        raise ConfigError(f"--explain {self.wanted}: no ticket has this id or place; tickets are named by their id, "
                          f"or by file:line where the export has none, e.g. {names}")


def no_tickets(sources: Sequence[Path], read: int, skipped: Sequence[SkipReason]) -> ConfigError:
    """The error for exports that leave no ticket to analyze: which files, how many records, why each was
    skipped (with where), and what to do."""
    names = ", ".join(str(p) for p in sources)
    if not read:
        return ConfigError(f"{names}: the export has no tickets (no records, or a header only); export the tickets "
                           "again or give the file that holds them (the last report, if any, is left as it was)")
    why = "; ".join(f"{s.reason}: {s.count:,} (e.g. {', '.join(s.where[:3])})" for s in skipped[:3])
    return ConfigError(f"{names}: no ticket to analyze: all {read:,} records were skipped ({why}); fix the rows, map "
                       "the columns (--text, --date) or change --since (the last report, if any, is left as it was)")


def _read_csv(f: IO[str], mapping: ColumnMapping, source: str, links: ArticleLinks | None,
              plans: list[FieldPlan]) -> Iterator[Ticket | Skipped]:
    head = f.read(_CHUNK)
    if not head.strip():
        return
    first_line = head.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count) if any(c in first_line for c in ",;\t|") else ","
    lines = _RecordLines(_lines(head, f))
    # RFC 4180 quoting, as help desks export; only the delimiter varies. Strict: a quote left open is an error at
    # the quote that ends it (the next field's opening one), not a field that silently holds the rows after it.
    reader = csv.reader(lines, csv.excel, delimiter=delimiter, strict=True)
    try:
        header = _next_row(reader)
    except StopIteration:
        return
    except csv.Error:
        header = _loose(lines.held, delimiter)
    header = [h.strip().lstrip("\ufeff") for h in header]
    plan = plan_fields(header, mapping, source)
    plans.append(plan)
    index = {_norm(h): i for i, h in enumerate(header)}
    by_message = plan.convention == "Front" and "direction" in index and plan.id is not None
    messages: list[tuple[int, dict[str, Any]]] = []
    while True:
        lines.start()
        try:
            row = _next_row(reader)
        except StopIteration:
            break
        except csv.Error as e:
            if len(lines.held) == 1 and "expected after" in str(e):
                row = _loose(lines.held, delimiter)  # '"5" screen': read as Python's lenient reader does
            else:
                yield _unclosed(lines, str(e), delimiter, source)
                continue
        line = lines.first
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(header):
            yield Skipped(source, line, f"expected {len(header)} fields, found {len(row)}")
            continue
        record = {h: row[i] for h, i in index.items()}
        if by_message:
            messages.append((line, record))
            continue
        yield _record_to_ticket(record, plan, source, line, links)
    # a message export is read to its end first: a conversation's messages may be anywhere in it
    for item in _conversations(messages, plan, source):
        yield item if isinstance(item, Skipped) else _record_to_ticket(item[1], plan, source, item[0], links)


def _conversations(messages: Sequence[tuple[int, dict[str, Any]]], plan: FieldPlan, source: str
                   ) -> Iterator[tuple[int, dict[str, Any]] | Skipped]:
    """A message export's conversations (one row per message, as Front exports them), each as one record at the line
    of its first customer message: that message's fields, the teammates' messages (``Direction`` outbound) as its
    replies (``agentreplies``: a link to an article labels the ticket), their first as its first reply
    (``firstreplyat``), and the agent time of all its messages added up. The customer's later messages in the same
    conversation are follow-ups of that ticket, not tickets; a conversation with no customer message (the team
    wrote first and got no answer) is skipped with its reason."""
    def when(item: tuple[int, dict[str, Any]]) -> tuple[datetime, int]:
        day = parse_date(_lookup(item[1], plan.date)) if plan.date else None
        return (day.replace(tzinfo=None) if day else datetime.max, item[0])

    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for line, record in messages:
        groups.setdefault(_text_of(_lookup(record, plan.id or "")).strip() or f"line {line}", []).append((line, record))
    for rows in groups.values():
        rows.sort(key=when)
        asked = [r for r in rows if not _outbound(r[1])]
        if not asked:
            yield Skipped(source, rows[0][0], TEAM_ONLY)
            continue
        line, first = asked[0]
        merged = dict(first)
        start = when(asked[0])
        replies = [r for r in rows if _outbound(r[1]) and when(r) >= start]
        merged["agentreplies"] = [str(_lookup(r, plan.text[-1])) for _, r in replies]
        if replies and plan.date:
            merged["firstreplyat"] = str(_lookup(replies[0][1], plan.date))
        for key in handle_fields(first):
            merged[key] = str(sum(_number(r.get(key)) for _, r in rows))
        yield line, merged


def _outbound(record: Mapping[str, Any]) -> bool:
    """Whether a message export's row is a teammate's message."""
    return _text_of(_lookup(record, "direction")).strip().casefold() in _OUTBOUND


def _number(value: Any) -> float:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return 0.0


class _RecordLines:
    """A CSV export's lines as :func:`csv.reader` takes them, keeping those of the record being read, so that a
    record a quote left open spoiled can be read again from the line after the quote's."""

    __slots__ = ("_lines", "_again", "held", "first")

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._again: list[str] = []
        """Lines to give again before reading on, last first."""
        self.held: list[str] = []
        """The lines of the record being read."""
        self.first = 1
        """The line number of ``held[0]``."""

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        line = self._again.pop() if self._again else next(self._lines)
        self.held.append(line)
        return line

    def start(self) -> None:
        """The next line starts a record."""
        self.first += len(self.held)
        self.held.clear()

    def again(self, after: int) -> None:
        """Give the held lines after line ``after`` again, the first of them starting a record."""
        self._again.extend(reversed(self.held[after - self.first + 1:]))
        self.first = after + 1
        self.held.clear()


def _loose(lines: Sequence[str], delimiter: str) -> list[str]:
    """The first record of ``lines`` as Python's lenient CSV reader reads it (a quote left open runs to the end)."""
    return _next_row(csv.reader(lines, csv.excel, delimiter=delimiter)) if lines else []


def _breaks(text: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", text))


def _unclosed(lines: _RecordLines, error: str, delimiter: str, source: str) -> Skipped:
    """The skip for a record the strict reader refused: most often a quoted field never closed, which runs into
    the rows below (up to the next quote, which it takes as its closing one) or to the end of the file. The record
    is skipped up to the line the field opened on; the lines after it are read again as rows."""
    start, end = lines.first, lines.first + len(lines.held) - 1
    at_end = error == "unexpected end of data"
    if not at_end and start == end:
        return Skipped(source, start, f"unreadable CSV row ({error})")
    try:  # the line the open field starts on: after the line breaks of the fields before it
        fields = _loose(lines.held, delimiter)
        spans = list(itertools.accumulate(_breaks(x) for x in fields))
        i = len(fields) - 1 if at_end else next(i for i, n in enumerate(spans) if n >= end - start)
        opened = start + (spans[i - 1] if i else 0)
    except (csv.Error, StopIteration):
        opened = start
    lines.again(opened)
    if opened == end:
        return Skipped(source, start, f"a quoted field opened on line {opened} is never closed (the file ends inside "
                                      "it); close the quote, or export the tickets again")
    ran = "to the end of the file" if at_end else "into the rows below"
    return Skipped(source, start, f"a quoted field opened on line {opened} is never closed: it ran {ran}; lines "
                                  f"{opened + 1}-{end} were read again as rows; close the quote, or export the "
                                  "tickets again")


def _next_row(reader: Iterator[list[str]]) -> list[str]:
    """The next row, read with fields up to :data:`MAX_FIELD` long; the process-wide limit is as it was before
    and after (the reader is a generator: other CSV readers run between its rows)."""
    limit = csv.field_size_limit(MAX_FIELD)
    try:
        return next(reader)
    finally:
        csv.field_size_limit(limit)


def _lines(head: str, rest: IO[str]) -> Iterator[str]:
    """Lines of ``head`` then of ``rest``; the partial last line of ``head`` is completed from ``rest``."""
    lines = head.splitlines(keepends=True)
    tail = ""
    if lines and not lines[-1].endswith(("\n", "\r")):
        tail = lines.pop()
    yield from lines
    first = True
    for line in rest:
        if first:
            line, first = tail + line, False
        yield line
    if first and tail:
        yield tail


def _read_jsonl(f: IO[str], mapping: ColumnMapping, source: str, links: ArticleLinks | None,
                plans: list[FieldPlan]) -> Iterator[Ticket | Skipped]:
    def records() -> Iterator[_Record | Skipped]:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as e:
                yield Skipped(source, n, f"invalid JSON ({e.msg})")
                continue
            if not isinstance(record, dict):
                yield Skipped(source, n, f"expected an object, found {type(record).__name__}")
                continue
            yield n, record, 0

    yield from _planned(records(), mapping, source, links, plans)


PLAN_RECORDS = 100
"""JSON records read before deciding which fields to use: a field the first record leaves out (an unanswered
ticket has no reply, a new one no date) counts when a later one has it."""


_Record = tuple[int, dict[str, Any], int]
"""A JSON export's record: its line, its fields, and its number in the export when others share its line (else 0)."""


def _planned(records: Iterator[_Record | Skipped], mapping: ColumnMapping, source: str,
             links: ArticleLinks | None, plans: list[FieldPlan]) -> Iterator[Ticket | Skipped]:
    """Tickets of a JSON export's records, with the fields planned (:func:`plan_fields`) from the first
    :data:`PLAN_RECORDS` records merged (the first value present of each top-level field)."""
    head: list[_Record | Skipped] = []
    merged: dict[str, Any] = {}
    records = (_with_customer_thread(r) for r in records)
    for item in records:
        head.append(item)
        if not isinstance(item, Skipped):
            for k, v in item[1].items():
                if merged.get(k) is None:
                    merged[k] = v
            if len(head) >= PLAN_RECORDS:
                break
    plan = plan_fields(list(merged), mapping, source, sample=merged) if merged else None
    if plan is not None:
        plans.append(plan)
    for item in itertools.chain(head, records):
        if isinstance(item, Skipped):
            yield item
        else:
            assert plan is not None
            yield _record_to_ticket(item[1], plan, source, item[0], links, item[2])


def _with_customer_thread(item: _Record | Skipped) -> _Record | Skipped:
    """A Help Scout conversation with its threads gets ``customer_thread``: the customer's first message
    (:func:`deflection.replies.customer_thread`; its ``preview`` is the newest thread, often the agent's reply),
    else its ``preview`` or ``body``, so that every record of the export reads its text from one field. An Intercom
    conversation with its parts gets ``customer_messages``: the customer's messages before the team's first reply
    (:func:`deflection.replies.customer_messages`; a chat's opening "hi" asks nothing, the next message asks)."""
    if not isinstance(item, Skipped) and ("conversation_parts" in item[1] or isinstance(item[1].get("source"), dict)) \
            and (messages := customer_messages(item[1])) is not None:
        return item[0], {**item[1], "customer_messages": messages}, item[2]
    if isinstance(item, Skipped) or not ({"_embedded", "threads", "preview"} & item[1].keys()):
        return item
    record = item[1]
    text = customer_thread(record)
    if text is None:
        text = next((v for k in ("preview", "body") if isinstance(v := record.get(k), str) and v.strip()), None)
    return item if text is None else (item[0], {**record, "customer_thread": text}, item[2])


_LIST_KEYS = {"tickets", "conversations", "results", "data", "items", "records", "rows", "requests"}
"""Keys whose array value holds the tickets in an object-shaped JSON export."""
_WRAPPER_KEYS = {"embedded", "data", "response", "export"}
"""Keys whose object value may itself hold the tickets' array (Help Scout's ``_embedded``)."""


def _read_json(f: IO[str], mapping: ColumnMapping, source: str, links: ArticleLinks | None,
               plans: list[FieldPlan]) -> Iterator[Ticket | Skipped]:
    stream = JsonStream(f, source)
    first = stream.peek()
    if first == "":
        return
    found = False

    def elements() -> Iterator[tuple[int, Any, int]]:
        """``(line, element, number)``: ``number`` is the element's number in the array when another element
        starts on its line (an export written on one line), else 0; one element is read ahead to know."""
        held: tuple[int, Any, bool] | None = None
        n = 0
        for line, element in stream.tickets():
            n += 1
            shared = held is not None and held[0] == line
            if held is not None:
                yield held[0], held[1], n - 1 if held[2] or shared else 0
            held = (line, element, shared)
        if held is not None:
            yield held[0], held[1], n if held[2] else 0

    def records() -> Iterator[_Record | Skipped]:
        nonlocal found
        for line, element, number in elements():
            found = True
            if not isinstance(element, dict):
                yield Skipped(source, line, f"expected an object, found {type(element).__name__}",
                              f"record {number}" if number else "")
                continue
            yield line, element, number

    yield from _planned(records(), mapping, source, links, plans)
    if not found and first == "{" and not stream.saw_list:
        if stream.keys & {"articles", "sections", "categories", "folders", "collections"}:
            raise ConfigError(f"{source}: this is an export of help-center articles, not tickets; move it into "
                              "the help center with 'helpkit import SOURCE PATH' (SOURCE: zendesk, freshdesk or "
                              "intercom), and give helpkit deflection an export of tickets")
        raise ConfigError(
            f"{source}: no list of tickets found; expected a JSON array or an object like {{\"tickets\": [...]}}"
        )


class JsonStream:
    """Parse a JSON document one array element at a time (``json.JSONDecoder.raw_decode`` on a sliding buffer),
    keeping track of line numbers so skipped records can be reported where they are (and a syntax error at its
    line and column)."""

    def __init__(self, f: IO[str], source: str) -> None:
        self.f = f
        self.source = source
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.offset = 0
        """Characters of the file before ``buf``."""
        self.line_start = 0
        """Where line :attr:`line` starts, in characters from the file's start."""
        self.eof = False
        self.saw_list = False
        self.keys: set[str] = set()
        """The top-level (and wrapper objects') keys read so far, normalized."""
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.f.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.offset += self.pos
        self.buf = self.buf[self.pos:] + chunk
        self.pos = 0
        return True

    def _advance(self, end: int) -> None:
        """Move to ``end`` in the buffer, counting the lines passed."""
        newlines = self.buf.count("\n", self.pos, end)
        if newlines:
            self.line += newlines
            self.line_start = self.offset + self.buf.rindex("\n", self.pos, end) + 1
        self.pos = end

    def peek(self) -> str:
        """The next non-blank character (``""`` at the end)."""
        while True:
            m = re.compile(r"\s*").match(self.buf, self.pos)
            assert m is not None
            self._advance(m.end())
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, chars: str) -> str:
        c = self.peek()
        if c == "" or c not in chars:
            self._fail(f"expected {' or '.join(repr(x) for x in chars)}, found {c!r}" if c else "unexpected end")
        self.pos += 1
        return c

    def value(self) -> Any:
        """Decode the next JSON value, reading more input until it is complete."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                if self._fill():
                    continue
                self._advance(e.pos)
                self._fail(e.msg)
            if end == len(self.buf) and not self.eof and self._fill():
                continue  # a number cut at the buffer's end: read on
            self._advance(end)
            return value

    def _fail(self, msg: str) -> None:
        """A :class:`ConfigError` at the current position: ``file:line:column: invalid JSON``."""
        column = self.offset + self.pos - self.line_start + 1
        raise ConfigError(f"{self.source}:{self.line}:{column}: invalid JSON: {msg}; fix the file or export it again")

    def _array(self) -> Iterator[tuple[int, Any]]:
        self.expect("[")
        self.saw_list = True
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            self.peek()
            line = self.line
            yield line, self.value()
            if self.expect(",]") == "]":
                return

    def _object(self) -> Iterator[tuple[int, Any]]:
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            self.expect(":")
            nxt = self.peek()
            k = _norm(str(key))
            self.keys.add(k)
            if nxt == "[" and k in _LIST_KEYS and not self.saw_list:
                yield from self._array()
            elif nxt == "{" and k in _WRAPPER_KEYS and not self.saw_list:
                yield from self._object()
            else:
                self.value()
            if self.expect(",}") == "}":
                return

    def tickets(self) -> Iterator[tuple[int, Any]]:
        """``(line, element)`` for each element of the tickets' array."""
        c = self.peek()
        if c == "[":
            yield from self._array()
        elif c == "{":
            yield from self._object()
        else:
            self._fail(f"expected '[' or '{{', found {c!r}")
