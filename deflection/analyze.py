"""The deflection analysis: read → clean and redact → match → decide → group → aggregate.

Three streaming passes, memory bounded whatever the export's size:

1. read every export, clean and redact each ticket, match it with the help center's engine in batches, decide
   answered/unanswered, spool one row per ticket to disk, keep aggregates (per locale, channel, article) and a
   reservoir sample of unanswered texts;
2. fit the topic model on the sample and assign every unanswered ticket (batch by batch), aggregating topics;
3. write the final per-ticket records with their topic ids.
"""

from __future__ import annotations

import dataclasses
import heapq
import random
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from deflection.costs import CostTally, rank_topics
from deflection.events import check_events, site_signals
from deflection.matching import DEFAULT_THRESHOLDS, EngineForLocale, score_scale
from deflection.model import (
    AnsweredQuestion,
    ArticlePressure,
    ArticleRef,
    Breakdown,
    Headline,
    Options,
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
from deflection.readers import read_tickets
from deflection.replies import ArticleLinks
from deflection.spool import Pending, read_pending, write_answered, write_pending, write_record
from deflection.text import phrases, stem, words
from deflection.topics import TopicModel, fit
from deflection.workers import default_workers, process, resolve_locale
from helpkit.errors import MissingResource
from helpkit.model import Article

BATCH = 2048
"""Tickets matched per engine call."""
PARALLEL_BYTES = 8 * 1024 * 1024
"""Exports at least this large (in all) are matched in worker processes."""
EXAMPLE_CHARS = 280
"""Example tickets are cut to this many characters."""
SPOOL_TEXT_CHARS = 600
"""Ticket text kept on disk between passes."""
WHERE_LIMIT = 20
"""Locations kept per skip reason."""


@dataclass
class _Skips:
    counts: Counter[str] = field(default_factory=Counter)
    where: dict[str, list[str]] = field(default_factory=dict)

    def add(self, reason: str, source: str, line: int) -> None:
        self.counts[reason] += 1
        spots = self.where.setdefault(reason, [])
        if len(spots) < WHERE_LIMIT:
            spots.append(f"{source}:{line}")

    def result(self) -> tuple[SkipReason, ...]:
        return tuple(SkipReason(r, n, tuple(self.where[r])) for r, n in self.counts.most_common())


@dataclass
class _ArticleTally:
    """Answered tickets of one article and the phrases they used (pruned to stay bounded)."""

    ref: ArticleRef
    tickets: int = 0
    phrases: Counter[str] = field(default_factory=Counter)

    def add(self, text: str) -> None:
        self.tickets += 1
        self.phrases.update(phrases(text))
        if len(self.phrases) > 20_000:
            self.phrases = Counter(dict(self.phrases.most_common(5_000)))


@dataclass
class _TopicTally:
    count: int = 0
    weekly: Counter[date] = field(default_factory=Counter)
    nearest: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    near: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[float, str]] = field(default_factory=list)


def analyze(sources: Sequence[Path], options: Options, engine_for_locale: EngineForLocale, *,
            locales: Sequence[str] = ("en",), articles: Sequence[Article] = (), workdir: Path) -> Report:
    """Analyze ticket exports against a help center.

    ``locales``: the help center's locales, source locale first (tickets in another language are matched in the
    source locale). ``articles``: the source-locale articles (the ones indexed), to find the customers' words they
    lack and to scale the thresholds to the help center's size (:func:`deflection.matching.score_scale`).
    ``workdir``: an existing folder for the per-ticket spool; :attr:`Report.records_path` lives there.
    """
    missing = [str(p) for p in sources if not Path(p).is_file()]
    if missing:
        raise MissingResource(f"{', '.join(missing)}: no such ticket export; check the path")
    thresholds = options.thresholds or DEFAULT_THRESHOLDS
    engine_for_locale(locales[0])  # fail before reading anything when the index was never built
    check_events(options.events)
    skips = _Skips()
    by_locale: Counter[str] = Counter()
    by_locale_ok: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    by_channel_ok: Counter[str] = Counter()
    tallies: dict[str, _ArticleTally] = {}
    sample: list[str] = []
    rng = random.Random(0)
    unanswered_seen = 0
    first: date | None = None
    last: date | None = None
    read = 0
    default_locale = resolve_locale(options.default_locale, locales, locales[0])
    links = ArticleLinks.of(articles, options.site_url)
    labeled = labeled_matched = 0

    pending_path = workdir / "pending.jsonl"
    large = sum(Path(p).stat().st_size for p in sources) >= PARALLEL_BYTES
    workers = options.workers if options.workers is not None else (default_workers() if large else 0)

    def chunks() -> Iterator[list[Ticket]]:
        nonlocal read
        chunk: list[Ticket] = []
        done_before = 0
        for path in sources:
            position = [0]
            for item in read_tickets(path, options.columns, source=str(path), position=position, links=links):
                read += 1
                if options.progress is not None and read % 1000 == 0:
                    options.progress(done_before + position[0])
                if isinstance(item, Skipped):
                    skips.add(item.reason, item.source, item.line)
                    continue
                if options.since is not None and (item.created is None or item.created.date() < options.since):
                    reason = "no date (--since given)" if item.created is None else f"before {options.since}"
                    skips.add(reason, item.source, item.line)
                    continue
                chunk.append(item)
                if len(chunk) >= BATCH:
                    yield chunk
                    chunk = []
            done_before += Path(path).stat().st_size
        if chunk:
            yield chunk

    with pending_path.open("w", encoding="utf-8") as spool:
        scale = score_scale(len(articles)) if articles else 1.0
        for chunk, prepared in process(chunks(), engine_for_locale, thresholds, locales, default_locale,
                                       scale=scale, workers=workers):
            for t, p in zip(chunk, prepared, strict=True):
                m, loc, text = p.match, p.locale, p.text
                if m is None:
                    skips.add("no text after removing quotes and signatures", t.source, t.line)
                    continue
                day = t.created.date() if t.created else None
                if day:
                    first = day if first is None or day < first else first
                    last = day if last is None or day > last else last
                by_locale[loc] += 1
                by_channel[t.channel] += 1
                label = t.reply_article or ""
                if label:
                    labeled += 1
                    labeled_matched += m.status is Status.ANSWERED and m.slug == label
                if m.status is Status.ANSWERED:
                    by_locale_ok[loc] += 1
                    by_channel_ok[t.channel] += 1
                    tally = tallies.get(m.slug)
                    if tally is None:
                        tally = tallies[m.slug] = _ArticleTally(ArticleRef(m.slug, m.title, m.url))
                    tally.add(text)
                else:
                    unanswered_seen += 1
                    if len(sample) < options.sample_size:
                        sample.append(text)
                    else:
                        j = rng.randrange(unanswered_seen)
                        if j < options.sample_size:
                            sample[j] = text
                record = TicketRecord(t.id, m.status, m.slug, m.url, round(m.score, 4), None, loc, t.channel,
                                      day.isoformat() if day else "", label, t.first_reply_minutes,
                                      t.resolution_minutes, t.handle_minutes, t.satisfaction)
                write_pending(spool, Pending(record, text[:SPOOL_TEXT_CHARS], m.near, m.title))
    if options.progress is not None:
        options.progress(sum(Path(p).stat().st_size for p in sources))

    analyzed = sum(by_locale.values())
    model = fit(sample, name=options.name)
    assigned, topic_tallies = _assign(pending_path, model, options)
    order = sorted((i for i, t in enumerate(topic_tallies) if t.count), key=lambda i: -topic_tallies[i].count)
    ids = {i: f"t{n + 1:02d}" for n, i in enumerate(order)}
    topics = tuple(_topic(ids[i], model, i, topic_tallies[i], analyzed) for i in order)
    ungrouped = sum(1 for i in assigned if i < 0)

    records_path = workdir / "tickets.jsonl"
    answered_path = workdir / "answered.jsonl" if options.questions else None
    seen: set[int] = set()
    costs = CostTally()
    with records_path.open("w", encoding="utf-8") as out, \
            (answered_path.open("w", encoding="utf-8") if answered_path else nullcontext()) as answered:
        k = 0
        for p in read_pending(pending_path):
            topic = None
            r = p.record
            if r.status is Status.UNANSWERED:
                topic = ids.get(assigned[k])
                k += 1
            if answered is not None and (r.label or r.status is Status.ANSWERED):
                slug = r.label or r.slug  # an agent's link is a known answer: it wins over the engine's match
                if (key := hash((p.text, slug))) not in seen:
                    seen.add(key)
                    write_answered(answered, AnsweredQuestion(p.text, slug, r.locale, r.score if slug == r.slug
                                                              else 0.0, r.id, bool(r.label)))
            final = dataclasses.replace(r, topic=topic)
            costs.add(final)
            write_record(out, final)
    pending_path.unlink()

    vocab = _article_vocab(articles)
    pressure = tuple(
        ArticlePressure(t.ref, t.tickets, t.tickets / analyzed if analyzed else 0.0,
                        _missing_words(t, vocab.get(t.ref.slug, set()) | _stems(t.ref.title)))
        for t in sorted(tallies.values(), key=lambda t: (-t.tickets, t.ref.slug))
    )
    headline = Headline(
        read=read, analyzed=analyzed, answered=sum(by_locale_ok.values()), skipped=skips.result(),
        by_locale=tuple(Breakdown(k, n, by_locale_ok[k]) for k, n in by_locale.most_common()),
        by_channel=tuple(Breakdown(k, n, by_channel_ok[k]) for k, n in by_channel.most_common()),
        first=first, last=last, labeled=labeled, labeled_matched=labeled_matched,
    )
    signals = site_signals(options.events, model.assign, ids, articles, pressure,
                           options.site_url) if options.events else None
    cost = costs.result()
    topics = rank_topics(topics, cost, options.rank_by, signals.searches_by_topic() if signals else None)
    return Report(
        headline=headline, topics=topics, ungrouped=ungrouped, costs=cost, signals=signals, rank_by=options.rank_by,
        articles=pressure, thresholds=thresholds, sources=tuple(str(s) for s in sources),
        generated=datetime.now(UTC).replace(microsecond=0), records_path=records_path, answered_path=answered_path,
    )


def _assign(pending_path: Path, model: TopicModel, options: Options) -> tuple[array, list[_TopicTally]]:
    """Group index of every unanswered ticket (input order) and each group's aggregates."""
    assigned = array("i")
    tallies = [_TopicTally() for _ in model.seeds]
    chunk: list[Pending] = []

    def flush() -> None:
        groups, sims = model.assign([p.text for p in chunk])
        for p, g, s in zip(chunk, groups.tolist(), sims.tolist(), strict=True):
            assigned.append(g)
            if g < 0:
                continue
            t = tallies[g]
            t.count += 1
            if p.record.created:
                d = date.fromisoformat(p.record.created)
                t.weekly[d - timedelta(days=d.weekday())] += 1
            if p.record.slug:
                t.nearest[(p.record.slug, p.title, p.record.url)] += 1
                if p.near:
                    t.near[p.record.slug] += 1
            example = p.text[:EXAMPLE_CHARS]
            if any(e == example for _, e in t.examples):
                continue
            if len(t.examples) < options.examples_per_topic:
                heapq.heappush(t.examples, (s, example))
            elif s > t.examples[0][0]:
                heapq.heapreplace(t.examples, (s, example))
        chunk.clear()

    for p in read_pending(pending_path):
        if p.record.status is Status.UNANSWERED:
            chunk.append(p)
            if len(chunk) >= 4096:
                flush()
    if chunk:
        flush()
    return assigned, tallies


def _topic(topic_id: str, model: TopicModel, i: int, t: _TopicTally, analyzed: int) -> Topic:
    seed = model.seeds[i]
    nearest = None
    verdict = Verdict.MISSING
    if t.nearest:
        (slug, title, url), n = t.nearest.most_common(1)[0]
        nearest = ArticleRef(slug, title, url)
        # Most of the topic's tickets came closest to one article, and most of those were near misses:
        # the article exists but is not found with the customers' words.
        if n >= 0.5 * t.count and t.near[slug] >= 0.5 * n:
            verdict = Verdict.MISMATCH
    label = " · ".join(seed.key_phrases) or "(no common words)"
    title = seed.suggested_title or (f"About {seed.key_phrases[0]}" if seed.key_phrases else "")
    return Topic(
        id=topic_id, label=label, key_phrases=seed.key_phrases, count=t.count,
        share=t.count / analyzed if analyzed else 0.0,
        weekly=tuple(WeekCount(w, n) for w, n in sorted(t.weekly.items())),
        examples=tuple(e for _, e in sorted(t.examples, reverse=True)),
        suggested_title=title, nearest=nearest, verdict=verdict,
    )


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def _article_vocab(articles: Sequence[Article]) -> dict[str, set[str]]:
    """Stemmed words of each article's title, description, keywords, headings and body."""
    out: dict[str, set[str]] = {}
    for a in articles:
        text = " ".join((a.title, a.description, " ".join(a.keywords), " ".join(a.tags), a.text,
                         " ".join(s.title for s in a.sections)))
        out[a.slug] = _stems(text)
    return out


def _missing_words(t: _ArticleTally, vocab: set[str], top: int = 8) -> tuple[str, ...]:
    """Phrases used by at least 10% (and 2) of an article's tickets whose words the article does not use."""
    floor = max(2, 0.1 * t.tickets)
    out: list[str] = []
    for p, n in t.phrases.most_common():
        if n < floor:
            break
        if all(stem(w) in vocab for w in p.split()):
            continue
        if any(p in q.split() or q in p.split() for q in out):
            continue
        out.append(p)
        if len(out) == top:
            break
    return tuple(out)
