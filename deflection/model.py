"""The deflection report's typed values: what flows from the readers to the matcher, the topic grouping and
the renderers. Every field is documented; nothing between stages is a dict.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deflection.costs import Costs
    from deflection.events import SiteSignals

from deflection.calibrate import Calibration, Estimate
from deflection.trend import Rise


class Status(enum.StrEnum):
    """Whether an existing article covers a ticket."""

    ANSWERED = "answered"
    """An article matched well enough that a customer searching these words would have found it."""
    UNANSWERED = "unanswered"
    """No article matched well enough: a candidate for a new article."""


class Verdict(enum.StrEnum):
    """What a topic of unanswered tickets asks of the writers."""

    MISSING = "missing article"
    """The topic asks something no existing article's answered tickets ask: write a new one."""
    MISMATCH = "article exists but customers' words differ"
    """Taken as a group, the topic asks what one article's answered tickets ask, but its tickets' own words match
    the article poorly: add the customers' words (keywords, questions rows) to it."""
    ANSWERED = "answered"
    """The topic asks what one article answers and its tickets' words match it: counted in its pressure."""


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which fields of an export hold what; ``None`` fields are auto-detected (Zendesk, Freshdesk, Help Scout,
    Intercom conventions, then common names)."""

    text: tuple[str, ...] | None = None
    """Fields joined (in order) into the ticket's text, e.g. ``("subject", "description")``."""
    id: str | None = None
    """Field holding the ticket id; when absent, ``<file>:<line>`` is used."""
    date: str | None = None
    """Field holding the creation date (ISO 8601, ``YYYY-MM-DD HH:MM``, or a Unix timestamp)."""
    lang: str | None = None
    """Field holding the ticket's language (``en``, ``es-MX``)."""
    channel: str | None = None
    """Field holding the channel the ticket came through (email, chat, web ...)."""
    reply: str | None = None
    """Field holding the agent's public reply (its links to articles label the ticket); when absent, the help
    desk's conversation fields, else a column named for an agent's reply (:func:`deflection.readers.reply_column`)."""


@dataclass(frozen=True, slots=True)
class Ticket:
    """One ticket as read from an export, text not yet cleaned."""

    id: str
    """The help desk's ticket id, or ``<file>:<line>`` when the export has none."""
    text: str
    """Subject and body joined by a blank line, as exported (may hold HTML, quotes, signatures)."""
    created: datetime | None
    """When the ticket was opened; ``None`` when the export has no (readable) date."""
    locale: str | None
    """Language code as exported (``en``, ``pt-BR``); ``None`` when unknown."""
    channel: str
    """How the ticket arrived (``email``, ``chat`` ...); ``unknown`` when the export does not say."""
    source: str
    """The export file it came from (as given on the command line)."""
    line: int
    """1-based line in that file where the ticket's record starts."""
    replies: tuple[str, ...] = ()
    """The agents' public replies, in order, as exported (HTML or text): never internal notes, never the
    customer's own messages (the first of which is :attr:`text`). A reply linking an article labels the ticket
    (:attr:`reply_article`)."""
    reply_article: str | None = None
    """Slug of the first article of this help center the agents' public replies link: a known answer (a positive
    for calibration). Set by :func:`deflection.readers.read_tickets` when given the help center's
    :class:`deflection.replies.ArticleLinks`; ``None`` when no reply links one (or no links were given)."""
    first_reply_minutes: float | None = None
    """Minutes from the ticket's creation to the first agent reply, where the export says."""
    resolution_minutes: float | None = None
    """Minutes from creation to (full) resolution, where the export says (calendar time)."""
    handle_minutes: float | None = None
    """Minutes agents spent on the ticket (handle time, time tracked), where the export says."""
    satisfaction: float | None = None
    """The customer's satisfaction rating on a 0..1 scale (good/great/4-5 of 5 = 0.75 or more), where rated."""
    unread_rating: str = ""
    """A satisfaction value the export carries that is neither a rating helpkit reads nor "not rated" (left out of
    the satisfaction figures; the command line warns)."""
    rating: float | None = None
    """A bare number from 0 to 10 the export gives as the satisfaction rating, on a scale the help desk or the export's
    largest rating tells (:func:`deflection.costs.on_scale`; 1 is one star of five, or satisfied on 0..1)."""
    record: str = ""
    """How the export names the record where its line does not: a JSON export written on one line (as APIs return
    it) holds every record on line 1, so each is named by its id (``conversation 215470000004``) or its number
    (``record 3``); ``""`` where the line tells the records apart."""
    alias: str = ""
    """The record's other id, where the help desk gives two (Help Scout: :attr:`id` is the conversation's number,
    as its inbox shows it, this the id in its address): ``--explain`` accepts either."""

    @property
    def place(self) -> str:
        """Where the ticket is, for messages (:func:`place`)."""
        return place(self.source, self.line, self.record)


def place(source: str, line: int, record: str = "") -> str:
    """Where a record of an export is, for messages: ``file:line``, or ``file: conversation 2154...`` when its line
    does not tell it apart (:attr:`Ticket.record`)."""
    return f"{source}: {record}" if record else f"{source}:{line}"


SKIPPED_FILE = "skipped.csv"
"""The file beside the report that lists every record left out (:data:`SKIPPED_FIELDS`)."""
SKIPPED_FIELDS = ("where", "ticket", "reason")
"""Columns of the report's ``skipped.csv``: every record left out, where it is (``file:line``), its ticket id when
the export gives one, and why."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that could not be read as a ticket."""

    source: str
    """The export file."""
    line: int
    """1-based line of the record."""
    reason: str
    """Why it was skipped (``no text``, ``expected 5 fields, found 3`` ...)."""
    record: str = ""
    """See :attr:`Ticket.record`."""

    @property
    def place(self) -> str:
        """Where the record is, for messages (:func:`place`)."""
        return place(self.source, self.line, self.record)


@dataclass(frozen=True, slots=True)
class PartlyTranslated:
    """A locale of the help center that serves some of its articles untranslated (the source text under a notice):
    its tickets are matched against its own pages, so those about an untranslated article find none in their
    language and count as unanswered."""

    locale: str
    """The locale's code."""
    untranslated: int
    """Articles it serves untranslated."""
    articles: int
    """Articles of the help center."""
    tickets: int = 0
    """Analyzed tickets matched in it (filled in by the analysis)."""


@dataclass(frozen=True, slots=True)
class Options:
    """How to read and analyze the exports."""

    columns: ColumnMapping = field(default_factory=ColumnMapping)
    """Field mapping; auto-detected where ``None``."""
    since: date | None = None
    """Skip tickets created before this day (and undated ones)."""
    default_locale: str | None = None
    """Language of tickets whose export does not say; the help center's source locale when ``None``."""
    untranslated: tuple[str, ...] = ()
    """Locales of the help center with no translation yet (their pages are the source locale's text): left out of
    the locales tickets are matched in, and named when many tickets are in their language."""
    partly: tuple[PartlyTranslated, ...] = ()
    """Locales that serve some of their articles untranslated: the report says their tickets about those articles
    cannot be matched in their language."""
    fast: bool = False
    """Match with the search engine's scores (words and word vectors) even when the sentence encoder is
    installed: faster, less accurate."""
    explain: str | None = None
    """A ticket id whose verdict :attr:`Report.explained` explains."""
    max_topics: int = 15
    """At most this many topics in the report (the rest count as ``other``)."""
    examples_per_topic: int = 5
    """Example tickets kept per topic (3-5 read well)."""
    sample_size: int = 6000
    """Unanswered tickets sampled to form topics (memory stays bounded whatever the export's size)."""
    workers: int | None = None
    """Worker processes for matching: ``None`` picks (several for large exports, none for small), 0 runs in-process."""
    progress: Callable[[int], None] | None = None
    """Called with the number of input bytes read so far (for a progress bar)."""
    name: str = ""
    """The help center's name (``site_name``): its words, the product's name, are never topic labels."""
    questions: bool = False
    """Keep the answered tickets' (cleaned, redacted) texts for a questions file (:attr:`Report.answered_path`)."""
    site_url: str = ""
    """The help center's ``site_url`` (mkdocs.yml): agents' replies linking an article there label tickets.
    Empty: only relative links and links whose path ends in an article's ``<category>/<slug>`` count."""
    rank_by: str = "tickets"
    """Order of "articles to write next": ``tickets`` (with no-result searches on the same topic) or ``hours``
    (agent hours a new article would save, where the export carries them)."""
    events: tuple[Path, ...] = ()
    """Analytics event exports of the site (Plausible, Umami, GA4, custom JSON): see :mod:`deflection.events`."""


@dataclass(frozen=True, slots=True)
class Match:
    """The engine's verdict on one ticket."""

    status: Status
    """Answered or unanswered."""
    slug: str
    """Best article's slug (``""`` when the engine found nothing)."""
    url: str
    """Best article's URL relative to its locale's site root (``""`` when none)."""
    title: str
    """Best article's title (``""`` when none)."""
    score: float
    """Best article's score (0 when none)."""
    near: bool
    """Unused (kept for the engine's worker protocol): always ``False``."""


@dataclass(frozen=True, slots=True)
class TicketRecord:
    """One line of the per-ticket outputs (JSON ``tickets``, CSV)."""

    id: str
    """Ticket id."""
    status: Status
    """Answered or unanswered."""
    slug: str
    """Linked (answered) or nearest (unanswered) article's slug; ``""`` when none."""
    url: str
    """That article's URL relative to the locale's site root."""
    score: float
    """The engine's score for that article."""
    topic: str | None
    """Id of the topic an unanswered ticket was grouped into (``None``: answered, or too rare to group)."""
    locale: str
    """Locale the ticket was matched in."""
    channel: str
    """Channel it came through."""
    created: str
    """Creation date (``YYYY-MM-DD``), ``""`` when unknown."""
    label: str = ""
    """Slug of the article an agent's public reply linked (``""``: none): a known answer."""
    first_reply_minutes: float | None = None
    """See :attr:`Ticket.first_reply_minutes`."""
    resolution_minutes: float | None = None
    """See :attr:`Ticket.resolution_minutes`."""
    handle_minutes: float | None = None
    """See :attr:`Ticket.handle_minutes`."""
    satisfaction: float | None = None
    """See :attr:`Ticket.satisfaction`."""
    rating: float | None = None
    """See :attr:`Ticket.rating`."""
    language: str = ""
    """The ticket's language when the help center has no locale in it (matched in the source locale, so
    :attr:`locale` is not its language; the report names the languages with many such tickets), else ``""``."""


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Tickets of one ISO week."""

    week: date
    """Monday of the week."""
    count: int
    """Tickets created that week."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An existing article, as the report points at it."""

    slug: str
    """Article slug."""
    title: str
    """Article title."""
    url: str
    """URL relative to the locale's site root."""


CLOSEST = 3
"""Articles a topic names as the ones its tickets came closest to (:attr:`Topic.closest`)."""


@dataclass(frozen=True, slots=True)
class ArticleCount:
    """An existing article and how many of a topic's tickets came closest to it."""

    article: ArticleRef
    """The article."""
    tickets: int
    """Tickets of the topic whose best article it is."""


@dataclass(frozen=True, slots=True)
class Topic:
    """A group of unanswered tickets asking the same thing: a candidate article."""

    id: str
    """Stable id within the report (``t01``, ``t02`` ...), used by the per-ticket records."""
    label: str
    """Readable label made of the topic's key phrases (``exchange rate · rate calculated``)."""
    key_phrases: tuple[str, ...]
    """The words and phrases that set this topic apart, most telling first."""
    count: int
    """Tickets in the topic."""
    share: float
    """``count`` over all tickets analyzed (0..1)."""
    weekly: tuple[WeekCount, ...]
    """Tickets per week, oldest first (empty when tickets are undated)."""
    examples: tuple[str, ...]
    """3-5 representative tickets, cleaned and PII-redacted (not HTML-escaped)."""
    suggested_title: str
    """A title for the article to write, in the customers' words."""
    nearest: ArticleRef | None
    """The article its verdict names: for a missing article, the one most of its tickets came closest to (the
    first of :attr:`closest`); for words differ or answered, the article whose answered tickets it asks what they
    ask."""
    verdict: Verdict
    """Missing article, an article that exists but customers' words differ, or answered."""
    answerable: float = 0.0
    """Estimated share (0..1) of the topic's tickets that its nearest article answers (mean probability from their
    scores alone)."""
    same_subject: float | None = None
    """Probability (even odds) that the topic, taken as a group, asks what its nearest article's answered tickets
    ask (:mod:`deflection.kinship`); None when the export has too few answered tickets to tell."""
    closest: tuple[ArticleCount, ...] = ()
    """The (at most :data:`CLOSEST`) articles most of the topic's tickets came closest to, most tickets first:
    where a writer looks before writing a new article (one of them may answer it in other words)."""
    locale: str = ""
    """The locale most (at least half) of its tickets were matched in; ``""`` when none is."""
    rising: Rise | None = None
    """How its tickets rose over the export's weeks, when its share of them grew beyond chance
    (:mod:`deflection.trend`); ``None`` otherwise."""


@dataclass(frozen=True, slots=True)
class ArticlePressure:
    """How many tickets one article could have deflected, and the words customers used that it lacks."""

    article: ArticleRef
    """The article."""
    tickets: int
    """Answered tickets linked to it."""
    share: float
    """``tickets`` over all tickets analyzed (0..1)."""
    missing_words: tuple[str, ...]
    """Frequent words/phrases in those tickets that the article's text lacks: candidates for ``keywords``."""
    rising: Rise | None = None
    """How its tickets rose over the export's weeks (a new problem its article may not cover yet), when their
    share grew beyond chance (:mod:`deflection.trend`); ``None`` otherwise."""


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Answered share within one group of tickets (a locale, a channel)."""

    key: str
    """The locale or channel."""
    tickets: int
    """Tickets analyzed in the group."""
    answered: int
    """Of which answered (single-ticket verdicts)."""
    estimate: Estimate | None = None
    """Estimated answered share with its interval (see :mod:`deflection.calibrate`)."""

    @property
    def answered_share(self) -> float:
        return self.answered / self.tickets if self.tickets else 0.0


@dataclass(frozen=True, slots=True)
class SkipReason:
    """Records skipped for one reason."""

    reason: str
    """Why."""
    count: int
    """How many."""
    where: tuple[str, ...]
    """Up to 20 ``file:line`` locations, first found first."""


@dataclass(frozen=True, slots=True)
class Headline:
    """The report's headline figures."""

    read: int
    """Records read from the exports (tickets analyzed + skipped)."""
    analyzed: int
    """Tickets analyzed."""
    answered: int
    """Analyzed tickets an existing article covers (deflection potential)."""
    skipped: tuple[SkipReason, ...]
    """Records skipped, by reason, most frequent first."""
    by_locale: tuple[Breakdown, ...]
    """Per locale matched in, largest first."""
    by_channel: tuple[Breakdown, ...]
    """Per channel, largest first."""
    first: date | None
    """Earliest ticket date (``None`` when undated)."""
    last: date | None
    """Latest ticket date."""
    estimate: Estimate | None = None
    """The headline: estimated answered share over the whole export, with its 95% interval."""
    labeled: int = 0
    """Analyzed tickets an agent answered by linking an article of this help center (known answers)."""
    labeled_matched: int = 0
    """Of those, tickets whose score alone (without the label) would have linked the same article, answered."""

    @property
    def unanswered(self) -> int:
        return self.analyzed - self.answered

    @property
    def skipped_total(self) -> int:
        return sum(s.count for s in self.skipped)

    @property
    def answered_share(self) -> float:
        """Share of analyzed tickets an article covers: the deflection potential (0..1)."""
        return self.answered / self.analyzed if self.analyzed else 0.0


@dataclass(frozen=True, slots=True)
class AnsweredQuestion:
    """An answered ticket as a row of a questions file (``helpkit deflection --questions``)."""

    question: str
    """The ticket's cleaned, redacted text (what was searched)."""
    article: str
    """Slug of the article it was linked to."""
    locale: str
    """Locale it was matched in."""
    likely: float
    """Probability that the article answers it (0..1, as the report calibrated the export's scores; 1 when an
    agent's reply linked it): one scale for every matcher and locale, so reviewers check the least likely first."""
    ticket: str
    """Ticket id."""
    linked: bool = False
    """The article is the one an agent's reply linked (a known answer), not only the engine's match."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one ticket got its verdict (``helpkit deflection --explain ID``)."""

    id: str
    """Ticket id."""
    text: str
    """Its cleaned, redacted text (what was matched)."""
    status: Status
    """Its verdict."""
    score: float
    """Its best article's score."""
    threshold: float
    """The decision threshold (answered at or above)."""
    posterior: float
    """Probability it is answered, given its score and the export's answered share."""
    nearest: tuple[tuple[ArticleRef, float], ...]
    """The nearest articles with their scores, best first."""
    topic: str | None
    """The topic it was grouped into."""
    statistic: str = ""
    """What its score is (:attr:`deflection.sentences.SentenceIndex.statistic`, or the search engine's)."""
    linked: str = ""
    """The article an agent's reply linked (its slug; ``""`` when none): the verdict, whatever the score."""
    locale: str = ""
    """The locale it was matched in."""
    unserved: str = ""
    """The language its words are in when no locale of the help center serves it (``""`` otherwise): it was
    matched against the default locale's articles by a matcher that does not read it."""
    partly: PartlyTranslated | None = None
    """Its locale, when that serves some articles untranslated (:attr:`Options.partly`)."""


@dataclass(frozen=True, slots=True)
class LanguageCount:
    """Tickets in a language the help center has no locale in, or one with no translation yet."""

    language: str
    """Its code (``pt``), as the export gives it or read off the tickets' words."""
    tickets: int
    """Analyzed tickets in it (matched against the default locale's articles)."""
    untranslated: bool = False
    """The help center has a locale in it, with no translation yet."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the renderers need. Per-ticket records are streamed from disk by :meth:`records`."""

    headline: Headline
    """Headline figures."""
    topics: tuple[Topic, ...]
    """Topics of unanswered tickets, largest first."""
    ungrouped: int
    """Unanswered tickets in no topic (too rare or too unlike any topic)."""
    articles: tuple[ArticlePressure, ...]
    """Article pressure, most tickets first."""
    calibration: Calibration
    """How answered was told from unanswered (matcher, reference scores, threshold, sureness)."""
    sources: tuple[str, ...]
    """The export files read."""
    generated: datetime
    """When the report was made."""
    records_path: Path | None
    """JSON-lines file of :class:`TicketRecord` rows (owned by whoever called :func:`deflection.analyze`)."""

    min_topic: int = 3
    """Smallest topic reported (tickets)."""
    dropped: tuple[int, int] = (0, 0)
    """Groups below :attr:`min_topic`, and their tickets (counted in :attr:`ungrouped`)."""
    install_hint: str = ""
    """How to install the better matcher, when the report used the search engine's scores instead."""
    explained: Explanation | None = None
    """Why the ticket ``Options.explain`` names got its verdict (``None`` when not asked or not found)."""
    explained_skip: str = ""
    """Why the ticket ``Options.explain`` names was left out, and where (``asks nothing (...) at
    tickets.csv:12``), when it was; else ``""``."""
    answered_path: Path | None = None
    """With ``Options.questions``: JSON-lines file of :class:`AnsweredQuestion` rows, one per distinct
    (text, article), in input order."""
    costs: Costs | None = None
    """The support lead's numbers per topic and article; ``None`` when the export carries none."""
    signals: SiteSignals | None = None
    """What the site's analytics events say (``Options.events``); ``None`` when none were given."""
    rank_by: str = "tickets"
    """How :attr:`topics` are ordered (``Options.rank_by``)."""
    empty_sources: tuple[str, ...] = ()
    """Exports among :attr:`sources` that held no record at all (a wrong file, or an export cut short)."""
    unserved: tuple[LanguageCount, ...] = ()
    """Languages many tickets are in that the help center has no locale in, most tickets first."""
    partly: tuple[PartlyTranslated, ...] = ()
    """Locales with tickets that serve some articles untranslated (:attr:`Options.partly`), with their tickets."""
    skipped_path: Path | None = None
    """CSV file of every record left out (:data:`SKIPPED_FIELDS`), beside :attr:`records_path`; ``None`` when none
    was."""

    def records(self) -> Iterator[TicketRecord]:
        """Every ticket's record, in input order, read from disk (memory stays bounded)."""
        from deflection.spool import read_records

        if self.records_path is None:
            return iter(())
        return read_records(self.records_path)

    def answered(self) -> Iterator[AnsweredQuestion]:
        """The answered tickets kept with ``Options.questions`` (none otherwise), read from disk."""
        from deflection.spool import read_answered

        if self.answered_path is None:
            return iter(())
        return read_answered(self.answered_path)
