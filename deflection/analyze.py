"""The deflection analysis: read → clean and redact → score → calibrate → decide → group → aggregate.

Streaming passes, memory bounded whatever the export's size:

1. read every export, clean and redact each ticket, score it against every article (the sentence encoder, or the
   search engine with ``--fast`` or without the encoder), spool one row per ticket (and its vector) to disk;
2. calibrate on the help center (:mod:`deflection.calibrate`) and the export's score distribution: the answered
   share with its interval, the decision threshold; decide every ticket, keep aggregates (per article, locale,
   channel) and a reservoir sample of unanswered tickets;
3. fit the topics on the sample and assign every unanswered ticket, batch by batch, aggregating topics;
4. write the final per-ticket records with their topic ids.
"""

from __future__ import annotations

import csv
import dataclasses
import heapq
import math
import random
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import numpy as np

from deflection.calibrate import LABEL_REFERENCE, Calibration, Estimate, Reference, reference
from deflection.costs import CostTally, rank_topics
from deflection.encoder import INSTALL, Encoder, load_encoder
from deflection.encoder import LANGUAGES as ENCODER_LANGUAGES
from deflection.encoder import available as encoder_available
from deflection.events import TopicTerms, check_events, site_signals
from deflection.kinship import Kinship
from deflection.matching import EngineForLocale, Matcher, best_match, engine_leave_one_out, query_of, without_article
from deflection.model import (
    CLOSEST,
    SKIPPED_FIELDS,
    AnsweredQuestion,
    ArticleCount,
    ArticlePressure,
    ArticleRef,
    Breakdown,
    Explanation,
    Headline,
    LanguageCount,
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
from deflection.readers import ExportScan, SeenTickets, check_exports, read_tickets, separate_ratings
from deflection.replies import ArticleLinks
from deflection.sentences import SentenceIndex
from deflection.spool import Pending, VectorRows, read_pending, write_answered, write_pending, write_record
from deflection.text import phrases, stem, words
from deflection.topics import MeaningTopics, TopicModel, fit, fit_meaning, spread
from deflection.trend import critical_z, rising
from deflection.workers import base_code, default_workers, process, resolve_locale
from helpkit.errors import MissingResource
from helpkit.model import Article

BATCH = 2048
"""Tickets matched per engine call."""
PARALLEL_BYTES = 8 * 1024 * 1024
"""Exports at least this large (in all) are matched in worker processes (search-engine matcher only)."""
EXAMPLE_CHARS = 280
"""Example tickets are cut to this many characters."""
SPOOL_TEXT_CHARS = 600
"""Ticket text kept on disk between passes."""
WHERE_LIMIT = 20
"""Locations kept per skip reason."""
LABEL_SAMPLE = 5000
"""Reply-linked tickets also searched without their article, at most (the kernel densities keep 5,000 points)."""
MIN_UNSERVED_SHARE = 0.01
"""A language the help center has no locale in is named when its tickets are at least this share of the analyzed
ones (and :data:`MIN_TOPIC`): language detection takes about 0.3% of short English questions for another
language (BANKING77 and CLINC150, 72 of 21,583), which this keeps out."""
MIN_TOPIC = 5
"""Fewest tickets a topic needs to be reported (and at least :data:`MIN_TOPIC_SHARE` of the unanswered): fewer is
an anecdote, not a reason to write an article, and such small groups are as often a few leftover tickets of
several answered subjects as a subject of their own. The report says how many groups it left out."""
MIN_TOPIC_SHARE = 0.001
"""On large exports a topic needs at least this share of the unanswered tickets (0.1%: 100 of 100,000)."""
ENCODER, ENGINE = 0, 1
"""Which matcher scored a ticket: the sentence encoder (tickets matched in the source locale), or the search
engine (``--fast``, no encoder installed, or tickets of another locale of the help center, matched in it)."""
ENGINE_MATCHER = "search engine (words and word vectors)"
"""The matcher's name in the report when the sentence encoder is not used."""
ENGINE_STATISTIC = ("log(1 + the search engine's score of the best hit); the engine orders hits by their words, "
                    "then reorders close ones by meaning, so a lower score can come first")
"""What a score of the search engine's matcher is (``--explain``)."""


@dataclass
class _Skips:
    """Records left out, by reason (the first :data:`WHERE_LIMIT` places of each), every one of them also written
    to :data:`deflection.model.SKIPPED_FIELDS` rows of ``out`` (nothing is lost: the report names the file)."""

    counts: Counter[str] = field(default_factory=Counter)
    where: dict[str, list[str]] = field(default_factory=dict)
    out: Any = None
    """The CSV writer of :meth:`write_to`'s file (None: the records are counted only)."""

    def write_to(self, f: IO[str]) -> None:
        """Write every record left out from now on to ``f``, under a header row."""
        self.out = csv.writer(f)
        self.out.writerow(SKIPPED_FIELDS)

    def add(self, reason: str, place: str, ticket: str = "") -> None:
        """One record left out, at ``place``; ``ticket``: its id when the export gives one."""
        self.counts[reason] += 1
        named = not ticket or ticket == place or place.endswith(f" {ticket}")  # "export.json: ticket 4918"
        shown = place if named else f"{place} (ticket {ticket})"
        spots = self.where.setdefault(reason, [])
        if len(spots) < WHERE_LIMIT:
            spots.append(shown)
        if self.out is not None:
            self.out.writerow((place, ticket if ticket != place else "", reason))

    def result(self) -> tuple[SkipReason, ...]:
        return tuple(SkipReason(r, n, tuple(self.where[r])) for r, n in self.counts.most_common())


@dataclass
class _ArticleTally:
    """Answered tickets of one article and the phrases they used (pruned to stay bounded)."""

    ref: ArticleRef
    tickets: int = 0
    phrases: Counter[str] = field(default_factory=Counter)
    worded: int = 0
    """Tickets whose phrases count (in the article's own language)."""
    weekly: Counter[date] = field(default_factory=Counter)
    """Its tickets by the Monday of the week they came in (dated tickets only)."""

    def add(self, text: str, counted: bool = True, created: str = "") -> None:
        """One more answered ticket (``created``: its day, ISO, ``""`` when undated); its phrases count
        (``counted``) when it is in the article's own language."""
        self.tickets += 1
        if created:
            self.weekly[_monday(date.fromisoformat(created))] += 1
        if not counted:
            return
        self.worded += 1
        self.phrases.update(sorted(phrases(text)))  # sorted: ties rank the same in every run (sets do not)
        if len(self.phrases) > 20_000:
            self.phrases = Counter(dict(self.phrases.most_common(5_000)))


@dataclass
class _TopicTally:
    count: int = 0
    vector_sum: np.ndarray | None = None
    """Sum of the vectors of its tickets the encoder read, and how many (:mod:`deflection.kinship`)."""
    vectors: int = 0
    answerable: float = 0.0
    weekly: Counter[date] = field(default_factory=Counter)
    nearest: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    examples: list[tuple[float, str]] = field(default_factory=list)
    locales: Counter[str] = field(default_factory=Counter)


@dataclass
class _Scores:
    """Pass 1's per-ticket numbers, in spool order (a few bytes a ticket)."""

    score: array = field(default_factory=lambda: array("f"))
    kind: array = field(default_factory=lambda: array("b"))
    labeled: array = field(default_factory=lambda: array("b"))
    agrees: array = field(default_factory=lambda: array("b"))
    locale: array = field(default_factory=lambda: array("H"))
    channel: array = field(default_factory=lambda: array("H"))
    article: array = field(default_factory=lambda: array("i"))
    """Index of each ticket's article (its best, or the one an agent's reply linked; -1: none)."""
    locales: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)

    def add(self, score: float, kind: int, labeled: bool, agrees: bool, locale: str, channel: str,
            article: int = -1) -> None:
        self.score.append(score)
        self.article.append(article)
        self.kind.append(kind)
        self.agrees.append(agrees)
        self.labeled.append(labeled)
        self.locale.append(self.locales.setdefault(locale, len(self.locales)))
        self.channel.append(self.channels.setdefault(channel, len(self.channels)))


class _Matcher:
    """Scores cleaned tickets against the articles: the sentence encoder, else the engine's best hit."""

    def __init__(self, articles: Sequence[Article], encoder: Encoder | None, engine_for_locale: EngineForLocale,
                 source_locale: str) -> None:
        self.encoder = encoder
        self.index = SentenceIndex(articles, encoder) if encoder is not None and articles else None
        self.engine = engine_for_locale(source_locale)
        self.hits = Matcher(engine_for_locale)
        self.by_slug = {a.slug: i for i, a in enumerate(articles)}
        self.articles = tuple(articles)
        self.name = encoder.name if self.index is not None else ENGINE_MATCHER
        self.source_locale = source_locale
        """The help center's source locale: the one the sentence encoder scores (others go to the engine)."""

    def reference(self, kind: int) -> tuple[Reference, str]:
        """The calibration's reference distributions of one matcher (:data:`ENCODER` or :data:`ENGINE`) from the
        help center's own texts."""
        if kind == ENCODER and self.index is not None:
            pos, neg, source = self.index.leave_one_out()
        else:
            pos, neg, source = engine_leave_one_out(self.engine, self.articles)
        if not len(pos) or not len(neg):
            pos, neg = [*pos, 1.0], [*neg, 0.0]  # a help center of one article without keys: a neutral split
        return reference(pos, neg), source

    def spread(self) -> float:
        """How far apart one subject's texts are in this help center (:func:`deflection.topics.spread`)."""
        assert self.index is not None
        ix = self.index
        use = ix.learned if ix.learned.any() else np.ones(len(ix.keys), dtype=bool)
        return spread([ix.vectors[use & (ix.owner == i)] for i in range(len(ix.articles))])

    def nearest(self, text: str, locale: str, kind: int) -> tuple[tuple[ArticleRef, float], ...]:
        """The three nearest articles of one ticket, with their scores."""
        if kind == ENCODER and self.index is not None:
            s = self.index.score([query_of(text)])
            return tuple((_ref(self.index.articles[int(i)]), float(v))
                         for i, v in zip(s.top[0], s.top_scores[0], strict=True))
        hits = self.hits.hits([(locale, query_of(text))])[0]
        return tuple((ArticleRef(h.slug, h.title, h.url), best_match((h,)).score) for h in hits)


def _spread(matcher: _Matcher, kin: Kinship) -> float:
    """How far apart one subject's texts are, in customers' words: over the learned questions when the articles
    have them, else over the tickets the report called answered, article by article (the articles' own texts,
    written unlike tickets, when too few were answered)."""
    if matcher.index is not None and matcher.index.questions:
        return matcher.spread()
    return kin.spread() or matcher.spread()


def _kinship(vectors: VectorRows, answered: np.ndarray, article: np.ndarray, scores: np.ndarray,
             linked: np.ndarray) -> Kinship:
    """The answered tickets' centres per article (:mod:`deflection.kinship`); ``linked``: the tickets an agent's
    reply linked to their article."""
    rows = np.flatnonzero(answered)
    order = np.argsort(article[rows], kind="stable")
    rows = rows[order]
    cuts = np.flatnonzero(np.diff(article[rows])) + 1
    return Kinship(vectors, {int(article[g[0]]): g for g in np.split(rows, cuts) if len(g)}, scores=scores,
                   linked=linked)


def _ref(a: Article) -> ArticleRef:
    return ArticleRef(a.slug, a.title, a.url)


def _texts_assigner(model: TopicModel | MeaningTopics, encoder: Encoder | None):  # type: ignore[no-untyped-def]
    """``texts → (topic indexes, similarities)`` for any topic model (site searches are grouped like tickets)."""
    if isinstance(model, MeaningTopics):
        assert encoder is not None
        return lambda texts: model.assign(list(texts), encoder.encode(list(texts)))
    return model.assign


def analyze(sources: Sequence[Path], options: Options, engine_for_locale: EngineForLocale, *,
            locales: Sequence[str] = ("en",), articles: Sequence[Article] = (), workdir: Path,
            scan: ExportScan | None = None) -> Report:
    """Analyze ticket exports against a help center.

    ``locales``: the help center's locales, source locale first (tickets in another language are matched in the
    source locale). ``articles``: the source-locale articles (the ones indexed): what tickets are scored against
    with the sentence encoder, and what calibration is drawn from. ``workdir``: an existing folder for the
    per-ticket spool; :attr:`Report.records_path` lives there. ``scan``: the exports' :func:`scan_exports`, when
    the caller read them through already (else they are checked here first).
    """
    missing = [str(p) for p in sources if not Path(p).is_file()]
    if missing:
        raise MissingResource(f"{', '.join(missing)}: no such ticket export; check the path")
    # a bad export is told before a missing index (the CLI has read them through once already: ``scan``)
    empty = scan.empty if scan is not None else check_exports(sources, options.columns, options.since)
    check_events(options.events)
    engine_for_locale(locales[0])  # fail before matching anything when the index was never built
    reads = base_code(locales[0]) in ENCODER_LANGUAGES
    encoder = None if options.fast or not reads else load_encoder()
    matcher = _Matcher(articles, encoder, engine_for_locale, locales[0])
    sentences = matcher.index
    skipped_path = workdir / "skipped.csv"
    exports, ratings = (scan.exports, scan.ratings) if scan is not None else separate_ratings(sources)
    skips = _Skips()
    tallies: dict[str, _ArticleTally] = {}
    first: date | None = None
    week_totals: Counter[date] = Counter()
    """Dated tickets analyzed, by the Monday of their week: what a subject's weekly share is of."""
    last: date | None = None
    read = 0
    locales = [loc for loc in locales if loc == locales[0] or loc not in options.untranslated]
    default_locale = resolve_locale(options.default_locale, locales, locales[0])
    links = ArticleLinks.of(articles, options.site_url)

    pending_path = workdir / "pending.jsonl"
    vectors_path = workdir / "vectors.f16"
    large = sum(Path(p).stat().st_size for p in sources) >= PARALLEL_BYTES
    workers = options.workers if options.workers is not None else (default_workers() if large else 0)
    if sentences is not None:
        workers = min(workers, 1)  # the encoder uses both cores; one process cleans ahead of it

    def chunks() -> Iterator[list[Ticket]]:
        nonlocal read
        chunk: list[Ticket] = []
        done_before = 0
        seen = SeenTickets()  # one ticket in two overlapping exports counts once
        for path in exports:
            position = [0]
            for item in read_tickets(path, options.columns, source=str(path), position=position, links=links,
                                     seen=seen, ratings=ratings):
                read += 1
                if options.progress is not None and read % 1000 == 0:
                    options.progress(done_before + position[0])
                if isinstance(item, Skipped):
                    skips.add(item.reason, item.place)
                    continue
                if options.since is not None and (item.created is None or item.created.date() < options.since):
                    reason = "no date (--since given)" if item.created is None else f"before {options.since}"
                    skips.add(reason, item.place)
                    continue
                chunk.append(item)
                if len(chunk) >= BATCH:
                    yield chunk
                    chunk = []
            done_before += Path(path).stat().st_size
        if chunk:
            yield chunk

    numbers = _Scores()
    unserved: Counter[str] = Counter()
    """Analyzed tickets per language the help center has no locale in."""
    languages: dict[str, int] = {"": 0}
    language = array("H")
    """Per analyzed ticket (spool order), its language's index in ``languages`` when no locale serves it, else 0."""
    explained_skip = ""
    explain_nearest: tuple[tuple[ArticleRef, float], ...] = ()
    """The --explain ticket's three nearest articles as the sentence encoder scored it in its batch (an int8
    model's vectors of one text differ slightly with the batch it is encoded in)."""
    linked_pairs: dict[int, list[tuple[float, float]]] = {ENCODER: [], ENGINE: []}
    """Per matcher, up to :data:`LABEL_SAMPLE` reply-linked tickets' scores, and their scores without the linked
    article (the engine's first other hit, the encoder's nearest other article): :func:`_labels_only`."""
    with pending_path.open("w", encoding="utf-8") as spool, vectors_path.open("wb") as vec_out, \
            skipped_path.open("w", encoding="utf-8", newline="") as skipped:
        skips.write_to(skipped)
        for chunk, prepared in process(chunks(), engine_for_locale, locales, default_locale,
                                       match=sentences is None, workers=workers):
            keep = [i for i, p in enumerate(prepared) if p.match is not None]
            scored = sentences.score([query_of(prepared[i].text) for i in keep]) if sentences and keep else None
            if scored is not None:
                vec_out.write(scored.vectors.astype(np.float16).tobytes())
            row = {i: j for j, i in enumerate(keep)}
            others = [i for i in keep if scored is not None and prepared[i].locale != locales[0]]
            other_hits = dict(zip(others, matcher.hits.hits([(prepared[i].locale, query_of(prepared[i].text))
                                                             for i in others]), strict=True))
            linked = [i for i in keep if scored is None and chunk[i].reply_article in matcher.by_slug]
            linked = linked[:max(0, LABEL_SAMPLE - len(linked_pairs[ENGINE]))]
            if scored is not None:
                known = [i for i in keep if chunk[i].reply_article in matcher.by_slug and i not in other_hits]
                known = known[:max(0, LABEL_SAMPLE - len(linked_pairs[ENCODER]))]
                if known:
                    with_it, without = sentences.with_without(
                        scored.vectors[[row[i] for i in known]],
                        np.array([matcher.by_slug[chunk[i].reply_article] for i in known]))
                    linked_pairs[ENCODER].extend(zip(with_it.tolist(), without.tolist(), strict=True))
            linked_hits = other_hits | dict(zip(linked, matcher.hits.hits(
                [(prepared[i].locale, query_of(prepared[i].text)) for i in linked]), strict=True))
            for n, (t, p) in enumerate(zip(chunk, prepared, strict=True)):
                m, loc, text = p.match, p.locale, p.text
                if m is None:
                    reason = p.skip or "no text after removing quotes and signatures"
                    skips.add(reason, t.place, t.id)
                    if t.id == options.explain and not explained_skip:
                        explained_skip = f"{reason}, at {t.place}"
                    continue
                kind = ENCODER if scored is not None and n not in other_hits else ENGINE
                if kind == ENCODER:
                    a = articles[int(scored.best[row[n]])]
                    slug, url, title, score = a.slug, a.url, a.title, float(scored.score[row[n]])
                    if t.id == options.explain and not explain_nearest:  # as scored, not encoded again
                        explain_nearest = tuple((_ref(articles[int(i)]), float(v)) for i, v in
                                                zip(scored.top[row[n]], scored.top_scores[row[n]], strict=True))
                else:
                    m = best_match(other_hits[n]) if n in other_hits else m
                    slug, url, title, score = m.slug, m.url, m.title, m.score
                labeled = t.reply_article if t.reply_article in matcher.by_slug else None
                agrees = labeled == slug
                if labeled is not None:
                    if kind == ENGINE and n in linked_hits and len(linked_pairs[ENGINE]) < LABEL_SAMPLE:
                        linked_pairs[ENGINE].append((score, without_article(linked_hits[n], labeled)))
                    a = articles[matcher.by_slug[labeled]]
                    slug, url, title = a.slug, a.url, a.title
                day = t.created.date() if t.created else None
                if day:
                    first = day if first is None or day < first else first
                    last = day if last is None or day > last else last
                    week_totals[_monday(day)] += 1
                numbers.add(score, kind, labeled is not None, agrees, loc, t.channel, matcher.by_slug.get(slug, -1))
                unserved[p.unserved] += bool(p.unserved)
                language.append(languages.setdefault(p.unserved, len(languages)))
                record = TicketRecord(t.id, Status.UNANSWERED, slug, url, round(score, 4), None, loc,
                                      t.channel, day.isoformat() if day else "", labeled or "",
                                      t.first_reply_minutes, t.resolution_minutes, t.handle_minutes, t.satisfaction,
                                      t.rating, p.unserved)
                write_pending(spool, Pending(record, text[:SPOOL_TEXT_CHARS], labeled is not None, title))
    if options.progress is not None:
        options.progress(sum(Path(p).stat().st_size for p in sources))

    # --- calibrate and decide ---
    scores = np.frombuffer(numbers.score, dtype=np.float32).astype(np.float64)
    kinds = np.frombuffer(numbers.kind, dtype=np.int8)
    labeled = np.frombuffer(numbers.labeled, dtype=np.int8).astype(bool)
    analyzed = len(scores)
    named = {lang for lang, n in unserved.items() if n >= max(MIN_TOPIC, MIN_UNSERVED_SHARE * analyzed)}
    """Languages no locale serves that the report names (a single ticket taken for another language stays)."""
    apart = np.isin(np.frombuffer(language, dtype=np.uint16), [languages[lang] for lang in named]) if named else \
        np.zeros(analyzed, dtype=bool)
    """Per analyzed ticket, whether it is in a language the report names: scored by a matcher that does not read
    it, so left out of the calibration, not grouped into topics nor offered as a question (no locale can learn
    it)."""
    decider = _Decider(matcher, linked_pairs, scores, kinds, labeled,
                       np.frombuffer(numbers.agrees, dtype=np.int8).astype(bool), apart)
    calibration = decider.calibration(ENCODER if sentences is not None else ENGINE)
    estimate = decider.estimate(np.ones(len(scores), dtype=bool))
    answered_mask = decider.answered

    def breakdown(keys: dict[str, int], ids: array) -> tuple[Breakdown, ...]:
        codes = np.frombuffer(ids, dtype=np.uint16)
        out = []
        for key, code in keys.items():
            m = codes == code
            out.append(Breakdown(key, int(m.sum()), int((answered_mask & m).sum()), decider.estimate(m)))
        return tuple(sorted(out, key=lambda b: -b.tickets))

    sample: list[tuple[str, int]] = []
    rng = random.Random(0)
    unanswered_seen = 0
    explain: tuple[Pending, bool] | None = None
    vectors = None
    kin = None
    if sentences is not None and analyzed:
        vectors = VectorRows(vectors_path, analyzed, sentences.encoder.dimensions)
        article = np.frombuffer(numbers.article, dtype=np.int32)
        kin = _kinship(vectors, answered_mask & (kinds == ENCODER) & (article >= 0), article, scores, labeled)

    for k, p in enumerate(read_pending(pending_path)):
        r = p.record
        ok = bool(answered_mask[k])
        if options.explain is not None and r.id == options.explain and explain is None:
            explain = (p, ok)
        if ok:
            tally = tallies.get(r.slug)
            if tally is None:  # named as in the source locale (the report's), whatever the first ticket's locale
                known = matcher.by_slug.get(r.slug)
                ref = _ref(articles[known]) if known is not None else ArticleRef(r.slug, p.title, r.url)
                tally = tallies[r.slug] = _ArticleTally(ref)
            tally.add(p.text, r.locale == locales[0], r.created)  # the words it lacks: its own language's tickets
            continue
        if apart[k]:
            continue
        unanswered_seen += 1
        if len(sample) < options.sample_size:
            sample.append((p.text, k))
        else:
            j = rng.randrange(unanswered_seen)
            if j < options.sample_size:
                sample[j] = (p.text, k)

    # --- topics ---
    model: TopicModel | MeaningTopics
    if vectors is not None:
        assert kin is not None
        sample.sort(key=lambda x: x[1])
        model = fit_meaning([t for t, _ in sample], np.asarray(vectors[[k for _, k in sample]], dtype=np.float32),
                            _spread(matcher, kin), name=options.name)
    else:
        model = fit([t for t, _ in sample], name=options.name)
    unanswered = analyzed - int(answered_mask.sum())
    min_topic = max(MIN_TOPIC, math.ceil(MIN_TOPIC_SHARE * unanswered))
    assigned, topic_tallies = _assign(pending_path, model, vectors, decider, options, apart)
    big = [i for i, t in enumerate(topic_tallies) if t.count >= min_topic]
    small = [t.count for t in topic_tallies if 0 < t.count < min_topic]
    order = sorted(big, key=lambda i: (-topic_tallies[i].count, i))
    ids = {i: f"t{n + 1:02d}" for n, i in enumerate(order)}
    weeks = _weeks(first, last)
    topics = _distinct_labels(
        [_topic(ids[i], model.seeds[i], topic_tallies[i], analyzed, kin, articles, matcher.by_slug, weeks)
         for i in order])
    ungrouped = sum(1 for i in assigned if i not in ids)

    spoken = {code: lang for lang, code in languages.items()}
    """Language code by its index in ``language`` ("" : served by a locale)."""
    records_path = workdir / "tickets.jsonl"
    answered_path = workdir / "answered.jsonl" if options.questions else None
    seen: set[int] = set()
    learned = {a.slug: {_same_words(q) for q in a.questions} for a in articles if a.questions}
    """Each article's learned questions: a ticket that reads as one of them is not offered again."""
    explained = None
    likely = decider.posterior(scores, kinds) if answered_path else None
    """How likely each ticket's article answers it, offered with the answered ones."""
    costs = CostTally()
    with records_path.open("w", encoding="utf-8") as out, \
            (answered_path.open("w", encoding="utf-8") if answered_path else nullcontext()) as answered:
        u = 0
        for k, p in enumerate(read_pending(pending_path)):
            topic = None
            r = p.record
            ok = bool(answered_mask[k])
            if not ok:
                topic = ids.get(assigned[u])
                u += 1
            if answered is not None and ok and not apart[k]:
                slug = r.label or r.slug  # an agent's link is a known answer: it wins over the match
                if (key := hash((p.text, slug, bool(r.label)))) not in seen and \
                        _same_words(p.text) not in learned.get(slug, ()):  # a linked copy is kept too
                    seen.add(key)
                    assert likely is not None
                    write_answered(answered, AnsweredQuestion(p.text, slug, r.locale, 1.0 if r.label else
                                                              float(likely[k]), r.id, bool(r.label)))
            if explained is None and r.id == options.explain:
                explained = Explanation(
                    r.id, p.text, Status.ANSWERED if ok else Status.UNANSWERED, r.score,
                    decider.threshold[int(kinds[k])],
                    1.0 if p.labeled else float(decider.posterior(np.array([r.score]), kinds[k:k + 1])[0]),
                    explain_nearest or matcher.nearest(p.text, r.locale, int(kinds[k])), topic,
                    matcher.index.statistic if kinds[k] == ENCODER and matcher.index is not None
                    else ENGINE_STATISTIC, r.label, r.locale, spoken[language[k]],
                    next((x for x in options.partly if x.locale == r.locale), None))
            final = dataclasses.replace(r, status=Status.ANSWERED if ok else Status.UNANSWERED, topic=topic)
            costs.add(final)
            write_record(out, final)
    pending_path.unlink()
    if vectors is not None:
        vectors.close()
    vectors_path.unlink(missing_ok=True)

    for t in topics:  # topics an article likely answers count in its pressure
        if t.verdict is Verdict.ANSWERED and t.nearest is not None:
            tally = tallies.setdefault(t.nearest.slug, _ArticleTally(t.nearest))
            tally.tickets += t.count
            tally.weekly.update({w.week: w.count for w in t.weekly})
    vocab = _article_vocab(articles)
    everywhere = _PhraseRates.of(tuple(tallies.values()))
    totals = [week_totals[w] for w in weeks]
    tests = len(topics) + sum(t.tickets >= min_topic for t in tallies.values())
    """Subjects tested for a rise: every listed topic, and every article with as many tickets as a topic needs."""
    topics = [dataclasses.replace(t, rising=rising([w.count for w in t.weekly], totals, tests)) for t in topics]
    pressure = tuple(
        ArticlePressure(t.ref, t.tickets, t.tickets / analyzed if analyzed else 0.0,
                        _missing_words(t, vocab.get(t.ref.slug, set()) | _stems(t.ref.title) | _stems(options.name),
                                       everywhere),
                        rising([t.weekly[w] for w in weeks], totals, tests) if t.tickets >= min_topic else None)
        for t in sorted(tallies.values(), key=lambda t: (-t.tickets, t.ref.slug))
    )
    headline = Headline(
        read=read, analyzed=analyzed, answered=int(answered_mask.sum()), skipped=skips.result(),
        by_locale=breakdown(numbers.locales, numbers.locale), by_channel=breakdown(numbers.channels, numbers.channel),
        first=first, last=last, estimate=estimate, labeled=int(labeled.sum()), labeled_matched=decider.matched(),
    )
    hint = "" if sentences is not None or options.fast else \
        f"Install the sentence encoder for better matching and topics: {INSTALL}" if reads else \
        (f"Matched with the search engine: the sentence encoder reads English, and this help center's source "
         f"locale is '{locales[0]}'." if encoder_available() else "")
    signals = site_signals(options.events, _texts_assigner(model, encoder), ids, articles, pressure,
                           options.site_url, {t.id: TopicTerms.of(t.label, t.key_phrases) for t in topics},
                           by_words=not isinstance(model, MeaningTopics)) if options.events else None
    cost = costs.result()
    topics = rank_topics(topics, cost, options.rank_by, signals.searches_by_topic() if signals else None)
    return Report(
        headline=headline, topics=topics, ungrouped=ungrouped, costs=cost, signals=signals, rank_by=options.rank_by,
        articles=pressure, calibration=calibration, sources=tuple(str(s) for s in sources),
        empty_sources=tuple(str(s) for s in empty),
        generated=datetime.now(UTC).replace(microsecond=0), records_path=records_path, answered_path=answered_path,
        skipped_path=skipped_path if skips.counts else None,
        min_topic=min_topic, dropped=(len(small), sum(small)), install_hint=hint, explained=explained,
        explained_skip=explained_skip,
        unserved=tuple(LanguageCount(lang, n, lang in {base_code(u) for u in options.untranslated})
                       for lang, n in unserved.most_common() if lang in named),
        partly=tuple(dataclasses.replace(p, tickets=b.tickets) for p in options.partly for b in headline.by_locale
                     if b.key == p.locale and b.tickets),
    )


class _Decider:
    """Calibration and decisions, one per matcher that scored tickets (scores of two matchers are not on one
    scale): reference distributions, the answered share of its unlabeled tickets, its decision threshold."""

    def __init__(self, matcher: _Matcher, pairs: Mapping[int, Sequence[tuple[float, float]]], scores: np.ndarray,
                 kinds: np.ndarray, labeled: np.ndarray, agrees: np.ndarray, apart: np.ndarray) -> None:
        """``pairs``: per matcher, reply-linked tickets' scores with and without the linked article
        (:func:`_labels_only`). ``apart``: tickets in a language the report names as served by no locale; their
        scores, from a matcher that does not read them, neither calibrate nor enter the estimate (a dozen Polish
        tickets had turned the sample's estimate from the help center's texts into a bound): they count by their
        single verdicts, as reply-labeled tickets count as answered."""
        self.scores, self.kinds, self.labeled, self.agrees, self.apart = scores, kinds, labeled, agrees, apart
        self.by_score = np.zeros(len(scores), dtype=bool)
        """Each ticket's verdict from its score alone (without a reply's label)."""
        self.refs: dict[int, tuple[Reference, str]] = {}
        self.prior: dict[int, float] = {}
        self.threshold: dict[int, float] = {}
        self.answered = labeled.copy()
        """Each ticket's single verdict: labeled by a reply, or its score at least its matcher's threshold."""
        used = {int(k) for k in np.unique(kinds)} or {ENCODER if matcher.index is not None else ENGINE}
        for kind in sorted(used):
            rest = scores[(kinds == kind) & ~labeled & ~apart]
            self.refs[kind] = matcher.reference(kind)
            estimate = self.refs[kind][0].estimate(rest) if len(rest) else None
            if estimate is not None and (estimate.bounded or estimate.low <= 0.0 or estimate.high >= 1.0) and \
                    (linked := _labels_only(pairs.get(kind, ()), rest, f" in {matcher.source_locale}"
                                            if kind == ENCODER else "")) is not None:
                self.refs[kind], estimate = linked
            ref = self.refs[kind][0]
            # a bound is no prior: single tickets are then decided at even odds, by their scores alone (the clipped
            # share, 1.0, would call every ticket answered and hide the gaps the report is for)
            self.prior[kind] = (0.5 if estimate.bounded else estimate.share) if estimate is not None else 1.0
            self.threshold[kind] = round(ref.decision(self.prior[kind]), 4)
            self.by_score |= (kinds == kind) & (scores >= self.threshold[kind])
        self.answered |= self.by_score
        self.name = {ENCODER: matcher.name, ENGINE: ENGINE_MATCHER}
        self.learned = any(a.questions for a in matcher.articles)

    def calibration(self, kind: int, attach: bool = True) -> Calibration:
        """How the tickets of one matcher (the main one) were decided; the other matcher's, if any, attached."""
        kind = kind if kind in self.refs else next(iter(self.refs))
        ref, source = self.refs[kind]
        t = self.threshold[kind]
        tpr, fpr = ref.rates(t)
        other = [k for k in self.refs if k != kind and attach]
        return Calibration(self.name[kind], source, t, len(ref.pos), len(ref.neg), tpr, fpr, tpr - fpr,
                           int((self.labeled & (self.kinds == kind)).sum()), self.learned,
                           self.calibration(other[0], attach=False) if other else None)

    def estimate(self, mask: np.ndarray) -> Estimate:
        """Answered share of the tickets in ``mask``: the labeled ones count as answered, those ``apart`` by their
        single verdicts, the others are estimated per matcher, and the parts are weighted by their tickets."""
        n = int(mask.sum())
        if n == 0:
            return Estimate(0.0, 0.0, 0.0)
        share = low = high = float((mask & (self.labeled | (self.apart & self.answered))).sum()) / n
        bounded = False
        for kind, (ref, _) in self.refs.items():
            part = mask & (self.kinds == kind) & ~self.labeled & ~self.apart
            if part.any():
                e = ref.estimate(self.scores[part])
                w = float(part.sum()) / n
                share, low, high = share + w * e.share, low + w * e.low, high + w * e.high
                bounded = bounded or e.bounded
        return Estimate(share, low, high, bounded)

    def matched(self) -> int:
        """Labeled tickets whose score alone links the labeled article and calls them answered."""
        return int((self.labeled & self.agrees & self.by_score).sum())

    def posterior(self, scores: np.ndarray, kinds: np.ndarray, flat: bool = False) -> np.ndarray:
        """Probability that each ticket is answered, given its score, its matcher and the export's answered
        share (``flat``: even odds instead, what the score alone says)."""
        out = np.zeros(len(scores))
        for kind, (ref, _) in self.refs.items():
            m = kinds == kind
            if m.any():
                out[m] = ref.posterior(scores[m], 0.5 if flat else self.prior[kind])
        return out


def _labels_only(pairs: Sequence[tuple[float, float]], scores: np.ndarray,
                 scope: str = "") -> tuple[tuple[Reference, str], Estimate] | None:
    """A matcher's references from reply-linked tickets alone, in the customers' own words: the scores they got
    for their article ("answered"), and the scores they would get without it ("no article": the engine's first
    other hit, the encoder's nearest other article), with their estimate of ``scores``. For when the help center's
    own texts give only a bound, or an interval that reaches 0% or 100% (they cannot tell: BM25 grows with the
    length of a query, so short headings and keywords score unlike whole tickets; a small help center's texts may
    separate too little). None when there are fewer than :data:`LABEL_REFERENCE` or they give only a bound too.
    ``scope`` says which linked tickets count (" in en": the encoder scores the source locale's only)."""
    if len(pairs) < LABEL_REFERENCE:
        return None
    ref = reference([p for p, _ in pairs], [q for _, q in pairs])
    estimate = ref.estimate(scores)
    if estimate.bounded:
        return None
    return (ref, f"{len(pairs):,} tickets{scope} an agent's reply linked to an article, scored with and without "
                 "that article (the help center's own texts gave only a bound)"), estimate


def _assign(pending_path: Path, model: TopicModel | MeaningTopics, vectors: VectorRows | None,
            decider: _Decider, options: Options, apart: np.ndarray) -> tuple[array, list[_TopicTally]]:
    """Group index of every unanswered ticket (input order) and each group's aggregates; a ticket ``apart`` marks
    (spool order: in a language no locale of the help center serves) joins no group."""
    assigned = array("i")
    tallies = [_TopicTally() for _ in model.seeds]
    chunk: list[tuple[int, Pending]] = []

    def flush() -> None:
        vecs = np.asarray(vectors[[k for k, _ in chunk]], dtype=np.float32) if vectors is not None else None
        if isinstance(model, MeaningTopics):
            assert vecs is not None
            groups, sims = model.assign([p.text for _, p in chunk], vecs)
        else:
            groups, sims = model.assign([p.text for _, p in chunk])
        post = decider.posterior(np.array([p.record.score for _, p in chunk]),
                                 decider.kinds[[k for k, _ in chunk]], flat=True)
        for j, ((k, p), g, s, q) in enumerate(zip(chunk, groups.tolist(), sims.tolist(), post.tolist(), strict=True)):
            if apart[k]:
                g = -1
            assigned.append(g)
            if g < 0:
                continue
            t = tallies[g]
            t.count += 1
            if vecs is not None and decider.kinds[k] == ENCODER:
                v = vecs[j].astype(np.float64)
                t.vector_sum = v if t.vector_sum is None else t.vector_sum + v
                t.vectors += 1
            t.answerable += q
            t.locales[p.record.locale] += 1
            if p.record.created:
                t.weekly[_monday(date.fromisoformat(p.record.created))] += 1
            if p.record.slug:
                t.nearest[(p.record.slug, p.title, p.record.url)] += 1
            example = p.text[:EXAMPLE_CHARS]
            if any(e == example for _, e in t.examples):
                continue
            if len(t.examples) < options.examples_per_topic:
                heapq.heappush(t.examples, (s, example))
            elif s > t.examples[0][0]:
                heapq.heapreplace(t.examples, (s, example))
        chunk.clear()

    for k, p in enumerate(read_pending(pending_path)):
        if not decider.answered[k]:
            chunk.append((k, p))
            if len(chunk) >= 4096:
                flush()
    if chunk:
        flush()
    return assigned, tallies


def _topic(topic_id: str, seed, t: _TopicTally, analyzed: int,  # type: ignore[no-untyped-def]
           kin: Kinship | None, articles: Sequence[Article], by_slug: dict[str, int],
           weeks: Sequence[date] = ()) -> Topic:
    """A reported topic and its verdict. With the sentence encoder, the topic is judged as a group
    (:mod:`deflection.kinship`) against the article whose answered tickets' centre is nearest to its own: when it
    asks what they ask, it is **answered** if its tickets are likely answered (mean probability from their scores
    alone, even odds, at least a half), else that article exists but **customers' words differ**; when it asks
    something else, a **missing article**. Without a group judgement (no encoder, too few answered tickets), its
    nearest article is the one most of its tickets came closest to (when at least half did): answered at a half,
    words differ at a quarter, else missing."""
    nearest = None
    verdict = Verdict.MISSING
    same = None
    answerable = t.answerable / t.count if t.count else 0.0
    dominant = None
    if t.nearest:
        (slug, _, _), n = t.nearest.most_common(1)[0]
        dominant = by_slug.get(slug) if n >= 0.5 * t.count else None
    if kin is not None and t.vector_sum is not None and \
            (a := dominant if dominant is not None else kin.nearest(t.vector_sum)) is not None:
        same = kin.same_subject(t.vector_sum, t.vectors, a)
        if same is not None:
            nearest = _ref(articles[a])
            verdict = (Verdict.ANSWERED if answerable >= 0.5 else Verdict.MISMATCH) if same >= 0.5 else \
                Verdict.MISSING
    if same is None and t.nearest:
        (slug, title, url), n = t.nearest.most_common(1)[0]
        nearest = ArticleRef(slug, title, url)
        if n >= 0.5 * t.count:
            verdict = Verdict.ANSWERED if answerable >= 0.5 else Verdict.MISMATCH if answerable >= 0.25 else \
                Verdict.MISSING
    closest = tuple(ArticleCount(ArticleRef(*key), n) for key, n in t.nearest.most_common(CLOSEST))
    if verdict is Verdict.MISSING and closest:  # the one a writer checks first, as listed under it
        nearest = closest[0].article
    main_locale, n_locale = t.locales.most_common(1)[0] if t.locales else ("", 0)
    label = seed.representative or " · ".join(seed.key_phrases) or "(no common words)"
    return Topic(
        id=topic_id, label=label, key_phrases=seed.key_phrases, count=t.count,
        share=t.count / analyzed if analyzed else 0.0,
        weekly=tuple(WeekCount(w, t.weekly.get(w, 0)) for w in weeks) if t.weekly else (),
        examples=tuple(e for _, e in sorted(t.examples, reverse=True)),
        suggested_title=seed.title, nearest=nearest, verdict=verdict, answerable=round(answerable, 4),
        same_subject=None if same is None else round(same, 4),
        closest=closest, locale=main_locale if n_locale >= 0.5 * t.count else "",
    )


def _same_words(text: str) -> str:
    """``text`` as the questions file compares it: its words, case aside."""
    return " ".join(text.split()).casefold()


def _monday(day: date) -> date:
    """The Monday of a day's week: the report's weeks."""
    return day - timedelta(days=day.weekday())


def _weeks(first: date | None, last: date | None) -> tuple[date, ...]:
    """The Mondays of every week from the export's first ticket to its last: a topic's weekly counts cover all of
    them, weeks without its tickets as 0 (a series that started at the topic's first ticket and skipped its empty
    weeks drew a rising subject flat)."""
    if first is None or last is None:
        return ()
    start = _monday(first)
    return tuple(start + timedelta(weeks=k) for k in range((last - start).days // 7 + 1))


def _distinct_labels(topics: Sequence[Topic]) -> tuple[Topic, ...]:
    """Topics whose label repeats an earlier (larger) topic's, e.g. two subjects under one e-mail subject line,
    are labeled with their suggested title instead, so that no two rows of the report read the same."""
    seen: set[str] = set()
    out = []
    for t in topics:
        key = t.label.casefold()
        if key in seen and t.suggested_title and t.suggested_title.casefold() not in seen:
            t = dataclasses.replace(t, label=t.suggested_title)
        seen.add(t.label.casefold())
        out.append(t)
    return tuple(out)


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


@dataclass(frozen=True, slots=True)
class _PhraseRates:
    """How often each phrase occurs in the answered tickets of every article: what one article's are compared with."""

    counts: Counter[str]
    """Tickets using each phrase, over all articles: the phrases frequent enough in some article's tickets to be
    one it lacks (:func:`_missing_words`' floor), not all (at a million tickets, every article's phrases merged
    would take a hundred megabytes more at the analysis's peak)."""
    tickets: int
    """Tickets whose phrases were counted, over all articles."""

    @classmethod
    def of(cls, tallies: Sequence[_ArticleTally]) -> _PhraseRates:
        candidates = {p for t in tallies for p, n in t.phrases.items() if n >= _floor(t)}
        counts: Counter[str] = Counter()
        for t in tallies:
            counts.update({p: n for p, n in t.phrases.items() if p in candidates})
        return cls(counts, sum(t.worded for t in tallies))

    def telling(self, phrase: str, n: int, t: _ArticleTally, tests: int) -> bool:
        """Whether ``n`` of an article's tickets using ``phrase`` is more than the other articles' tickets make
        likely (one-sided, beyond chance over the ``tests`` phrases tested, :func:`deflection.trend.critical_z`):
        "staff" or a customer's shop name in the signature, used in every article's tickets alike, are not the words
        one article lacks."""
        others, rest = self.counts[phrase] - n, self.tickets - t.worded
        if rest <= 0 or others <= 0:
            return True
        p = others / rest
        if p >= 1.0:
            return False  # every other article's tickets use it too
        expected = t.worded * p
        return (n - expected) / math.sqrt(expected * (1 - p)) >= critical_z(tests)


def _floor(t: _ArticleTally) -> float:
    """How many of an article's tickets must use a phrase for it to be one the article lacks: 10% (and 2)."""
    return max(2, 0.1 * t.tickets)


def _missing_words(t: _ArticleTally, vocab: set[str], everywhere: _PhraseRates | None = None,
                   top: int = 8) -> tuple[str, ...]:
    """Phrases used by at least 10% (and 2) of an article's tickets whose words the article does not use, and more
    often than in the other articles' tickets (``everywhere``)."""
    floor = _floor(t)
    out: list[str] = []
    tests = sum(1 for n in t.phrases.values() if n >= floor)
    for p, n in t.phrases.most_common():
        if n < floor:
            break
        if all(stem(w) in vocab for w in p.split()):
            continue
        if everywhere is not None and not everywhere.telling(p, n, t, tests):
            continue
        if any(p in q.split() or q in p.split() for q in out):
            continue
        out.append(p)
        if len(out) == top:
            break
    return tuple(out)
