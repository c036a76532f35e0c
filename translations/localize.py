"""Localize a help center into one locale: segments → translation memory → backend for the misses.

:func:`localize` is the stage's entry point. It gathers every segment of every published article
and category first, brings the locale's translation memory up to date, sends all missing
segments (deduplicated, split into sentences) through the backend in one streamed batch, checks
every translation's placeholders, and only then rebuilds the articles. The memory is saved every
few seconds while the backend runs and once more at the end, also on Ctrl-C, so an interrupted run
keeps everything it already translated.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import click

from helpkit.config import PSEUDO_LOCALE, ProjectConfig
from helpkit.errors import ConfigError, MissingResource, Warning
from helpkit.language import part_attrs
from helpkit.markdown import sections
from helpkit.model import Article, Category, HelpCenter, Section, TranslationStatus
from helpkit.wording import counted
from translations.backends import Backend, PseudoBackend, join_sentences, split_sentences
from translations.memory import EntryStatus, Occurrence, TranslationMemory
from translations.protect import (
    PROTECTION_VERSION,
    PlaceholderError,
    compare,
    for_model,
    protect,
    repair,
    restore,
    unwrap,
)
from translations.segment import Segment, SegmentedText, SegmentKind, segment_markdown, text_segment
from translations.whole import WholePage, source_anchored, whole_pages

SAVE_EVERY = 2.0
"""Seconds between incremental saves of the translation memory while a backend runs."""
NOT_TRANSLATED = "until then, new text is served in the source language with a 'not yet translated' notice"
"""The fix of the warning for a backend that is not installed (one warning, whatever the locale)."""


@dataclass(frozen=True, slots=True)
class LocalizationStats:
    """What one :func:`localize` run did, counted in distinct segments."""

    total: int
    """Distinct segments of the help center (articles with ``translate: false`` excluded)."""
    from_memory: int
    """Segments whose translation came from the translation memory."""
    machine_translated: int
    """Segments the backend translated in this run (0 on a re-run with no content change)."""
    failed: int
    """Segments whose translation broke a placeholder or changed code/links: the source text was used."""
    missing: int
    """Segments with no translation at all (no model, or backend ``none``): the source text was used."""


@dataclass(frozen=True, slots=True)
class Localization:
    """A help center in one target locale."""

    locale: str
    """The target locale."""
    articles: tuple[Article, ...]
    """Every published article of the source help center, same order, in this locale."""
    categories: tuple[Category, ...]
    """Every category, same order, title and description translated."""
    stats: LocalizationStats
    """Counts of this run."""
    warnings: tuple[Warning, ...]
    """Problems worth a writer's attention (missing model, broken placeholders with file:line)."""
    site_name: str = ""
    """mkdocs.yml's ``site_name`` in this locale (the header of every page)."""


@dataclass(frozen=True, slots=True)
class _Unit:
    """A segment in its file: what the memory and the warnings need to know about it."""

    segment: Segment
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class _Attempt:
    """One machine translation run into a locale."""

    backend: Backend
    """What translates."""
    source: str
    """Source locale."""
    target: str
    """Target locale."""
    glossary: tuple[str, ...]
    """Do-not-translate terms (a translation must keep them)."""
    key: str
    """What a failed translation is recorded under, and retried when it changes: the model and helpkit's
    protection version (``argos translate-en_es 1.9, en→es, protection 2``)."""

    @classmethod
    def of(cls, backend: Backend, source: str, target: str, glossary: tuple[str, ...]) -> _Attempt:
        """The attempt of ``backend`` (its model must be installed)."""
        key = f"{backend.model(source, target)}, {source}→{target}, protection {PROTECTION_VERSION}"
        return cls(backend, source, target, glossary, key)

    @property
    def note(self) -> str:
        """The machine note of a translated entry: ``argos en→es``."""
        return f"{self.backend.name} {self.source}→{self.target}"


def choose_backend(config: ProjectConfig, locale: str) -> Backend | None:
    """The backend the config asks for: pseudo for ``en-XA``, Argos unless ``backend: none``."""
    if locale == PSEUDO_LOCALE:
        return PseudoBackend()
    if config.helpkit.translation.backend == "none":
        return None
    from translations.argos import ArgosBackend

    return ArgosBackend()


def gather(
    center: HelpCenter, config: ProjectConfig, skip: frozenset[str] = frozenset(),
) -> tuple[list[_Unit], dict[str, SegmentedText], dict[tuple[str, str], Segment | None]]:
    """Every segment of the help center in order: (units, segmented bodies by slug, title/description segments).

    Articles whose slug is in ``skip`` (served from a whole translated page) are left out.
    """
    glossary = tuple(config.helpkit.translation.glossary)
    bodies: dict[str, SegmentedText] = {}
    units: list[_Unit] = []
    heads: dict[tuple[str, str], Segment | None] = {}
    for a in center.articles:
        if not a.translate or a.slug in skip:
            continue
        path = _rel(config, a.source_path)
        for field_name, kind in (("title", SegmentKind.TITLE), ("description", SegmentKind.DESCRIPTION)):
            seg = text_segment(getattr(a, field_name), kind, glossary)
            heads[(a.slug, field_name)] = seg
            if seg is not None:
                units.append(_Unit(seg, path, 1))
        st = segment_markdown(a.body, glossary)
        bodies[a.slug] = st
        units.extend(_Unit(s, path, a.body_line + s.line - 1) for s in st.segments)
    for c in center.categories:
        path = _rel(config, c.source_path) if c.source_path else f"{config.helpkit.content_dir}/{c.slug}"
        for field_name, kind in (("title", SegmentKind.TITLE), ("description", SegmentKind.DESCRIPTION)):
            seg = text_segment(getattr(c, field_name), kind, glossary)
            heads[(f"category:{c.slug}", field_name)] = seg
            if seg is not None:
                units.append(_Unit(seg, path, 1))
        if c.body.strip():  # the category's index.md
            st = segment_markdown(c.body, glossary)
            bodies[f"category:{c.slug}"] = st
            page = _rel(config, c.source_path.with_name("index.md")) if c.source_path else path
            units.extend(_Unit(s, page, c.body_line + s.line - 1) for s in st.segments)
    seg = text_segment(config.site_name, SegmentKind.TITLE, glossary)  # the header of every page
    heads[("site", "name")] = seg
    if seg is not None:
        units.append(_Unit(seg, config.path.name, 1))
    return units, bodies, heads


def locale_segments(
    center: HelpCenter, config: ProjectConfig, locale: str,
) -> tuple[dict[str, WholePage], list[_Unit], dict[str, SegmentedText], dict[tuple[str, str], Segment | None]]:
    """What a build translates into ``locale``: its whole pages (by slug), then :func:`gather` of every other
    article's segments."""
    whole = source_anchored(whole_pages(config.memory_dir, locale), {a.slug: a for a in center.articles})
    return (whole, *gather(center, config, frozenset(whole)))


def sync_memory(memory: TranslationMemory, units: Sequence[_Unit]) -> None:
    """Make ``memory`` match the segments ``units`` in their order: the one order of every PO file helpkit writes
    (build, status and import alike), so a file changes only where its content did."""
    memory.sync([(u.segment.key, u.segment.source, Occurrence(u.path, n)) for n, u in enumerate(units)])


def localize(
    center: HelpCenter, config: ProjectConfig, locale: str, backend: Backend | None = None, progress: bool = False,
) -> Localization:
    """Translate ``center`` into ``locale``; the locale's translation memory is updated on disk.

    ``backend=None`` chooses from the config (:func:`choose_backend`). ``progress`` shows a progress
    bar on stderr while the backend translates.
    """
    if locale not in config.helpkit.locales:
        known = ", ".join(config.helpkit.locales) or "none"
        raise ConfigError(f"{config.path.name}: locale '{locale}' is not in 'helpkit.locales' (configured: {known}); "
                          "add it there first")
    if backend is None:
        backend = choose_backend(config, locale)
    source_locale = config.source_locale
    glossary = tuple(config.helpkit.translation.glossary)
    warnings: list[Warning] = []

    # 1. gather: every segment of every article and category, first (not of those translated as a whole page)
    whole, units, bodies, heads = locale_segments(center, config, locale)

    # 2. the translation memory, made to match the content
    persistent = backend is None or backend.persistent
    memory = TranslationMemory(config.memory_dir / f"{locale}.po" if persistent else None, locale, config.site_name)
    sync_memory(memory, units)
    first: dict[str, _Unit] = {}
    for u in units:
        first.setdefault(u.segment.key, u)

    # 3. check what the memory holds; collect what the machine must translate
    chosen: dict[str, tuple[str, EntryStatus]] = {}
    todo: list[_Unit] = []
    failed: set[str] = set()
    fell_back: list[_Unit] = []
    from_memory = 0
    for key, u in first.items():
        status = memory.status(key)
        if status in (EntryStatus.MISSING, EntryStatus.FALLBACK):
            (todo if status is EntryStatus.MISSING else fell_back).append(u)
            continue
        text = memory.translation(key) or ""
        problem = compare(u.segment.protected, protect(text, glossary))
        if problem is None:
            chosen[key] = (text, status)
            from_memory += 1
        elif status is EntryStatus.MACHINE:
            todo.append(u)
        else:
            failed.add(key)
            warnings.append(Warning(f"{u.path}:{u.line}",
                                    f"{memory.path}: msgctxt \"{key}\": the {status.value} translation {problem}",
                                    "fix the msgstr to keep the source's code, links and terms (source text used)"))

    why: str | None = None
    attempt: _Attempt | None = None
    if backend is not None and (todo or fell_back):
        try:
            why = backend.missing(source_locale, locale)
        except MissingResource as e:  # the backend itself is not installed: the same warning for every locale
            why = ""
            if todo:
                warnings.append(Warning("", e.message, NOT_TRANSLATED))
        if why is None:
            attempt = _Attempt.of(backend, source_locale, locale, glossary)
    for u in fell_back:  # failed its checks in an earlier run: retried only with another model or helpkit
        tried = memory.fallback_attempt(u.segment.key)
        if attempt is not None and tried != attempt.key:
            todo.append(u)
            continue
        failed.add(u.segment.key)
        warnings.append(Warning(f"{u.path}:{u.line}",
                                f"the machine translation ({tried}) failed its checks in an earlier run "
                                f"(source text used; see {memory.path})",
                                "it is retried after a model or helpkit upgrade"))
    machine = 0
    if why and todo:
        warnings.append(Warning(locale, why, f"the {locale} site uses the translation memory and the source text"))
    elif todo and attempt is not None:
        machine, failures = _machine_translate(todo, attempt, memory, progress, chosen, failed)
        warnings.extend(failures)
    memory.save()
    if todo and backend is None:
        warnings.append(Warning(
            locale, f"{len(todo)} segments have no translation and 'helpkit.translation.backend' is 'none'",
            f"translate them in {memory.path or 'the PO file'} (empty msgstr entries)"))

    # 4. rebuild every article and category in the target locale
    def lookup(seg: Segment) -> str | None:
        hit = chosen.get(seg.key)
        return hit[0] if hit else None

    questions = center.questions_in(locale)
    attrs = part_attrs(source_locale, locale)  # on what is shown in the source language: lang="en"
    articles = tuple(dataclasses.replace(_whole_article(a, locale, whole[a.slug]) if a.slug in whole
                                         else _localize_article(a, locale, bodies.get(a.slug), heads, chosen, lookup,
                                                                attrs),
                                         questions=questions.get(a.slug, ()))
                     for a in center.articles)
    categories = tuple(_localize_category(c, source_locale, bodies, heads, lookup, attrs) for c in center.categories)
    missing = sum(1 for k in first if k not in chosen and k not in failed)
    stats = LocalizationStats(len(first), from_memory, machine, len(failed), missing)
    site_name = _text(heads.get(("site", "name")), config.site_name, lookup)
    return Localization(locale, articles, categories, stats, tuple(warnings), site_name)


def _machine_translate(
    todo: Sequence[_Unit], attempt: _Attempt, memory: TranslationMemory, progress: bool,
    chosen: dict[str, tuple[str, EntryStatus]], failed: set[str],
) -> tuple[int, tuple[Warning, ...]]:
    """Translate ``todo`` in one streamed batch; store each finished segment in memory as it completes.

    Returns the number of segments translated and a warning for each whose translation failed its checks."""
    warnings: list[Warning] = []
    plans: list[tuple[_Unit, list[tuple[str, str, str]]]] = []
    unique: dict[str, int] = {}
    for u in todo:
        text = re.sub(r"\s*\n\s*", " ", for_model(u.segment.protected))
        parts = [unwrap(s, u.segment.protected) for s in split_sentences(text)]
        plans.append((u, parts))
        for _, s, _ in parts:
            unique.setdefault(s, len(unique))
    sentences = list(unique)
    done: list[str | None] = [None] * len(sentences)
    needs: dict[int, list[tuple[_Unit, list[tuple[str, str, str]]]]] = {}
    for p in plans:
        last = max((unique[s] for _, s, _ in p[1]), default=-1)
        needs.setdefault(last, []).append(p)
    count = 0
    backend, target = attempt.backend, attempt.target
    last_save = time.monotonic()
    bar = click.progressbar(length=len(sentences), label=f"Translating {counted(len(plans), 'segment')} to {target}",
                            file=sys.stderr) if progress else None
    try:
        if bar is not None:
            bar.__enter__()
        for i, out in enumerate(backend.translate(sentences, attempt.source, target)):
            done[i] = out
            if bar is not None:
                bar.update(1)
            for u, parts in needs.pop(i, ()):
                problem = _finish(u, parts, unique, done, memory, attempt, chosen, failed)
                if problem is None:
                    count += 1
                else:
                    warnings.append(problem)
            if time.monotonic() - last_save > SAVE_EVERY:
                memory.save()
                last_save = time.monotonic()
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        memory.save()
    return count, tuple(warnings)


def _finish(
    u: _Unit, parts: list[tuple[str, str, str]], unique: dict[str, int], done: list[str | None],
    memory: TranslationMemory, attempt: _Attempt, chosen: dict[str, tuple[str, EntryStatus]], failed: set[str],
) -> Warning | None:
    """Store one segment's machine translation; a warning (and the source text kept) if it failed its checks."""
    sentences = (f"{head} {done[unique[s]] or ''} {tail}".strip() for head, s, tail in parts)
    translated = join_sentences(sentences, attempt.target)
    seg = u.segment
    try:
        text = restore(repair(translated, seg.protected), seg.protected, tidy=True)
        problem = compare(seg.protected, protect(text, attempt.glossary))
        if problem:
            raise PlaceholderError(f"changed its code, links or terms: {problem}")
    except PlaceholderError as e:
        failed.add(seg.key)
        memory.set_fallback(seg.key, attempt.key, str(e))
        return Warning(f"{u.path}:{u.line}", f"machine translation of the {seg.kind.value} {e}", "kept the source text")
    if seg.kind.single_line:
        text = " ".join(text.split())
    memory.set_machine(seg.key, text, attempt.note)
    chosen[seg.key] = (text, EntryStatus.MACHINE)
    return None


def _text(seg: Segment | None, source: str, lookup) -> str:  # type: ignore[no-untyped-def]
    if seg is None:
        return source
    return lookup(seg) or source


def _localize_category(
    c: Category, source_locale: str, bodies: Mapping[str, SegmentedText],
    heads: Mapping[tuple[str, str], Segment | None], lookup, attrs: str,  # type: ignore[no-untyped-def]
) -> Category:
    """``c`` in the target locale: its title, description and ``index.md`` body translated where they have a
    translation; what has none is marked: in the body with ``attrs`` (``lang="en"``), else by ``*_language``."""
    title, description = heads.get((f"category:{c.slug}", "title")), heads.get((f"category:{c.slug}", "description"))
    return dataclasses.replace(
        c, title=_text(title, c.title, lookup), description=_text(description, c.description, lookup),
        title_language=source_locale if _kept(title, lookup) else "",
        description_language=source_locale if _kept(description, lookup) else "",
        body=bodies[f"category:{c.slug}"].reassemble(lookup, attrs) if c.body.strip() else c.body)


def _kept(seg: Segment | None, lookup) -> bool:  # type: ignore[no-untyped-def]
    """Whether a title or description is shown in the source language (it has words and no translation)."""
    return seg is not None and lookup(seg) is None


def article_segments(slug: str, body: SegmentedText,
                     heads: Mapping[tuple[str, str], Segment | None]) -> list[Segment]:
    """An article's segments as :func:`gather` collected them: its title, description, then its body's."""
    return [s for s in (heads[(slug, "title")], heads[(slug, "description")], *body.segments) if s is not None]


def _localize_article(
    a: Article, locale: str, body: SegmentedText | None, heads: dict[tuple[str, str], Segment | None],
    chosen: dict[str, tuple[str, EntryStatus]], lookup, attrs: str,  # type: ignore[no-untyped-def]
) -> Article:
    """``a`` in ``locale``: its body's segments with no translation keep the source text, marked with ``attrs``
    (``lang="en"``); the source text as it is, untranslated, when none has one."""
    untranslated = dataclasses.replace(
        a, locale=locale, status=TranslationStatus.UNTRANSLATED, title_language=a.locale,
        description_language=a.locale if a.description else "",
        sections=tuple(dataclasses.replace(s, language=a.locale) if s.anchor else s for s in a.sections))
    if body is None:
        return untranslated
    segs = article_segments(a.slug, body, heads)
    statuses = [chosen[s.key][1] if s.key in chosen else EntryStatus.MISSING for s in segs]
    if not segs or all(st is EntryStatus.MISSING for st in statuses):
        return untranslated
    status = (TranslationStatus.REVIEWED if all(st is EntryStatus.REVIEWED for st in statuses)
              else TranslationStatus.MACHINE)
    title_seg, description_seg = heads[(a.slug, "title")], heads[(a.slug, "description")]
    title = _text(title_seg, a.title, lookup)
    text = body.reassemble(lookup)  # its sections (the search index) never hold the marks
    kept = {a.body_line + s.line - 1 for s in body.segments if s.kind is SegmentKind.HEADING and lookup(s) is None}
    found = tuple(dataclasses.replace(s, language=a.locale) if s.anchor and s.line in kept else s
                  for s in localized_sections(text, title, a))
    return dataclasses.replace(
        a, locale=locale, title=title, description=_text(description_seg, a.description, lookup),
        title_language=a.locale if _kept(title_seg, lookup) else "",
        description_language=a.locale if _kept(description_seg, lookup) else "",
        body=body.reassemble(lookup, attrs), sections=found, status=status,
        source_segments=statuses.count(EntryStatus.MISSING), machine_segments=statuses.count(EntryStatus.MACHINE),
        stale_segments=statuses.count(EntryStatus.STALE),
    )


def _whole_article(a: Article, locale: str, page: WholePage) -> Article:
    """The article as a person translated it whole (:mod:`translations.whole`), ``page`` with its headings keeping
    the source's ids where they line up (:func:`translations.whole.source_anchored`)."""
    return dataclasses.replace(a, locale=locale, title=page.title, description=page.description or a.description,
                               description_language=a.locale if a.description and not page.description else "",
                               body=page.body, sections=localized_sections(page.body, page.title, a),
                               status=TranslationStatus.SOURCE)


_ID = re.compile(r"^(.*?)\s*\{\s*#([^\s{}]+)[^{}]*\}\s*$")


def localized_sections(body: str, title: str, source: Article) -> tuple[Section, ...]:
    """Sections of a translated body: anchors from ``{#id}`` (the source anchors), lines of the source file."""
    out = []
    found = sections(body, title, first_line=source.body_line)
    same_shape = len(found) == len(source.sections)
    for n, s in enumerate(found):
        m = _ID.match(s.title)
        if m:
            s = dataclasses.replace(s, title=m.group(1), anchor=m.group(2))
        if same_shape:
            s = dataclasses.replace(s, line=source.sections[n].line)
        out.append(s)
    return tuple(out)


def _rel(config: ProjectConfig, path) -> str:  # type: ignore[no-untyped-def]
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return str(path)

