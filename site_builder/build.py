"""``helpkit build``: content → translated locales → one MkDocs site per locale + search indexes.

Everything is read and validated first; the site and the indexes are written to temporary
folders and replace the previous ones only when every locale built. A failed or interrupted
build leaves the last good site in place.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TypeVar

from helpkit.config import ProjectConfig, load_config
from helpkit.errors import ConfigError, ContentErrors, Warning
from helpkit.files import replace_dir
from helpkit.loader import load_help_center
from helpkit.model import Article, Category, HelpCenter, TranslationStatus
from helpkit.processes import process_pool
from site_builder.analytics import Analytics
from site_builder.cache import LocaleCache, PageCache, digest, stable_json, tool_versions, tree_digest
from site_builder.check import Severity, link_problems, whole_page_problems
from site_builder.mkdocs_build import LocaleJob, LocaleResult, index_locale, render_shard
from site_builder.pages import ContactChannel, LocaleSite
from site_builder.redirects import moved_pages, write_redirects
from site_builder.strings import ui_strings
from translations.whole import whole_pages

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``helpkit build`` made."""

    site_dir: Path
    """The published site's folder."""
    locales: tuple[LocaleResult, ...]
    """One result per locale, the source locale first."""
    warnings: tuple[Warning, ...]
    """Every warning (content, translation, MkDocs), each once, in the order found."""
    published: bool = True
    """Whether the new site replaced the old one (not with ``strict`` and warnings: the last good site stays)."""

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.locales)

    @property
    def cached(self) -> int:
        """Pages copied from the build cache instead of rendered."""
        return sum(r.cached for r in self.locales)


@dataclass(frozen=True, slots=True)
class Localized:
    """One locale's articles and categories, ready to stage."""

    locale: str
    """The locale."""
    categories: tuple[Category, ...]
    """Categories, in this locale."""
    articles: tuple[Article, ...]
    """Published articles, in this locale."""
    site_name: str | None = None
    """The help center's name in this locale (None: mkdocs.yml's ``site_name``)."""


def build(config: ProjectConfig, *, site_dir: Path | None = None, strict: bool = False,
          include_drafts: bool = False, progress: bool = False, cache: bool = True) -> BuildResult:
    """Build the help center into ``site_dir`` (default: ``site/`` beside mkdocs.yml).

    Raises :class:`ContentErrors` for invalid content; the previous site is kept. With ``strict``, any
    warning keeps the previous site too: the result says ``published=False`` and the caller (the
    command line) reports the failure. With ``cache`` (the default), pages and indexes whose
    inputs did not change since an earlier build are copied from the build cache instead of being
    rendered again (:mod:`site_builder.cache`).
    """
    site_dir = (site_dir or config.root / "site").resolve()
    _check_site_dir(config, site_dir)
    workers = os.cpu_count() or 1
    with process_pool(workers) if workers > 1 else contextlib.nullcontext() as pool:
        return _build(config, site_dir, strict, include_drafts, progress, pool, config.cache_dir if cache else None)


def _check_site_dir(config: ProjectConfig, site_dir: Path) -> None:
    """The site replaces ``site_dir`` whole: refuse a file, a folder holding the help center's own files
    (``-d .``, ``-d content``) and a folder inside content/ (the next build would read the site as articles)."""
    if site_dir.exists() and not site_dir.is_dir():
        raise ConfigError(f"--site-dir {site_dir}: is a file, not a folder; choose a folder for the site")
    content = config.content_dir.resolve()
    held = {"mkdocs.yml": config.path.resolve(), "the articles": content, "the translation memory":
            config.memory_dir.resolve(), "the build cache and indexes": config.index_dir.parent.resolve()}
    for what, path in held.items():
        if path == site_dir or path.is_relative_to(site_dir):
            raise ConfigError(f"--site-dir {site_dir}: the build replaces this folder whole and it holds {what} "
                              f"({path}); choose a folder of the site's own, e.g. {config.root / 'site'}")
    if site_dir.is_relative_to(content) and content != config.root.resolve():  # content_dir: . holds site/ too
        raise ConfigError(f"--site-dir {site_dir}: inside the content folder {content}, where the next build would "
                          f"read the site as articles; choose a folder outside it, e.g. {config.root / 'site'}")


def _build(config: ProjectConfig, site_dir: Path, strict: bool, include_drafts: bool, progress: bool,
           pool: ProcessPoolExecutor | None, cache_dir: Path | None) -> BuildResult:
    center = load_help_center(config, include_drafts=include_drafts, pool=pool)
    warnings: list[Warning] = [*config.warnings, *center.warnings, *site_url_warning(config)]
    links, errors = link_warnings(center, config)
    warnings += links
    if errors:
        raise ContentErrors(errors, warnings)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    index_root = config.index_dir
    index_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{site_dir.name}.", dir=site_dir.parent) as tmp_name, \
            tempfile.TemporaryDirectory(prefix=f".{index_root.name}.", dir=index_root.parent) as index_tmp:
        tmp = Path(tmp_name)
        results, translation = _build_locales(config, center, tmp, Path(index_tmp), progress, pool, cache_dir)
        warnings += translation
        for r in results:
            warnings += mkdocs_warnings(center, config, r.locale, r.warnings, told=warnings)
        warnings = list(dict.fromkeys(warnings))  # e.g. "Argos is not installed" once, not once per locale
        if strict and warnings:
            return BuildResult(site_dir, tuple(results), tuple(warnings), published=False)
        new_site = tmp / "out" / config.source_locale
        for locale in config.helpkit.locales:
            (tmp / "out" / locale).rename(new_site / locale)
        roots = [(new_site, config.source_locale), *((new_site / loc, loc) for loc in config.helpkit.locales)]
        moved = [*write_redirects(roots, center.articles, config.content_dir),
                 *moved_pages(site_dir, center.articles, config.helpkit.locales, config.content_dir)]
        warnings += moved
        if strict and moved:
            return BuildResult(site_dir, tuple(results), tuple(warnings), published=False)
        replace_dir(new_site, site_dir)
        replace_dir(Path(index_tmp) / "index", index_root)
    if cache_dir is not None:
        for r in results:
            PageCache(cache_dir / "pages" / r.locale, "").prune(set(r.keys))
    return BuildResult(site_dir, tuple(results), tuple(warnings))


def link_warnings(center: HelpCenter, config: ProjectConfig,
                  near: Collection[str] | None = None) -> tuple[list[Warning], list[str]]:
    """helpkit's check of the links, images and anchors of the pages a build makes (the articles and each locale's
    whole translated pages): the broken ones as warnings naming the file, line and fix, and the errors (a link
    out of ``content/``) as lines. The build and the preview report the same. ``near``: see
    :func:`site_builder.check.link_problems`."""
    warnings: list[Warning] = []
    errors: list[str] = []
    for p in (*link_problems(center, config.content_dir, broken=Severity.WARNING, near=near),
              *whole_page_problems(center, config, broken=Severity.WARNING)):
        if p.severity is Severity.ERROR:
            errors.append(str(p))
        else:
            warnings.append(p.as_warning())
    return warnings, errors


def mkdocs_warnings(center: HelpCenter, config: ProjectConfig, locale: str, lines: Sequence[str],
                    told: Sequence[Warning] = ()) -> list[Warning]:
    """MkDocs' warnings of ``locale``'s pages (one line each) as helpkit's: one about a link of an article's page
    names the file and line it is written in (``content/billing/refunds.md:12``, ``locales/es/refunds.md:12``),
    others are prefixed with the locale; those that repeat what ``told`` (helpkit's own link check) already says
    are left out. The build and the preview report the same."""
    if not lines:
        return []
    named = _page_files(center, config, locale)  # whole pages are read again only to name a warning's file
    return [w for w in (_mkdocs_warning(locale, line, named, config) for line in lines) if not _already_told(w, told)]


_DOC_FILE = re.compile(r"^Doc file '([^']+)' contains an? (?:unrecognized relative |absolute )?link (?:to )?'([^']*)'")
"""MkDocs' warning about a link of a page: the page (its path in MkDocs) and the link."""


@dataclass(frozen=True, slots=True)
class _PageFile:
    """The file a page of a locale is written from."""

    path: Path
    """The article (its links are the same in every locale translated segment by segment) or a whole translated
    page."""
    body: str
    """Its Markdown body."""
    body_line: int
    """1-based line of the body's first line in the file."""


def _page_files(center: HelpCenter, config: ProjectConfig, locale: str) -> dict[str, _PageFile]:
    """The file each article page of ``locale`` is written from, by the path MkDocs knows the page by
    (``billing/refunds.md``): the locale's whole translated page of it, else the article's own file."""
    pages = whole_pages(config.memory_dir, locale) if locale != config.source_locale else {}
    return {f"{a.category}/{a.slug}.md": _PageFile(p.path, p.body, p.body_line) if (p := pages.get(a.slug))
            else _PageFile(a.source_path, a.body, a.body_line) for a in center.articles}


def _mkdocs_warning(locale: str, line: str, named: Mapping[str, _PageFile], config: ProjectConfig) -> Warning:
    """One of MkDocs' warnings of ``locale``'s build; about a link of an article's page, it names the file the page
    is written from (``content/billing/refunds.md:12``, ``locales/es/refunds.md:12``: the line of the link)
    instead of MkDocs' own page."""
    m = _DOC_FILE.match(line)
    page = named.get(m.group(1)) if m else None
    if m is None or page is None:
        return Warning(locale if locale != config.source_locale else "", line)
    where = str(page.path.relative_to(config.root)) if page.path.is_relative_to(config.root) else str(page.path)
    lines = page.body.split("\n")
    exact = re.compile(r"\]\(\s*<?" + re.escape(m.group(2)) + r"[\s>)]") if m.group(2) else None
    # the line with this very link ("x.md" is also the start of "x.md#how"), else one with its text
    found = next((n for n, text in enumerate(lines) if exact and exact.search(text)), None)
    if found is None:
        found = next((n for n, text in enumerate(lines) if m.group(2) and m.group(2) in text), None)
    if found is not None:
        where += f":{page.body_line + found}"
    return Warning(where, f"the {locale} page {line[len('Doc file ') + len(m.group(1)) + 3:]}")


def _already_told(warning: Warning, told: Sequence[Warning]) -> bool:
    """Whether helpkit's own link check already reported what this warning of MkDocs says (same file and line,
    same link)."""
    m = re.search(r"link (?:to )?'([^']*)'", warning.message)
    return m is not None and ":" in warning.where and any(
        t.where == warning.where and f"'{m.group(1)}'" in t.message for t in told)


def site_url_warning(config: ProjectConfig) -> tuple[Warning, ...]:
    """The warning for a help center that does not say where it is published (no ``site_url`` in mkdocs.yml):
    such a site has no sitemap, no hreflang links and no canonical URLs, and deflection cannot tell agents'
    replies linking its articles."""
    if config.site_url:
        return ()
    return (Warning(config.path.name, "'site_url' is not set: the sitemap, hreflang links between languages and "
                    "canonical URLs need the address the site is published at (and 'helpkit deflection' needs it to "
                    "recognise agents' replies linking an article); this site has no sitemap and no hreflang links",
                    "set it in mkdocs.yml, e.g. site_url: https://help.example.com/"),)


def _translate(center: HelpCenter, config: ProjectConfig, locale: str, progress: bool,
               cache_dir: Path | None = None) -> tuple[Localized, tuple[Warning, ...]]:
    """One target locale and its translation warnings: from the build cache when neither the content nor
    the translation memory changed since a build that translated everything, else through
    :func:`translations.localize`."""
    from translations import localize

    key = _locale_key(center, config, locale)
    cache = LocaleCache(cache_dir / "locales" / f"{locale}.json") if cache_dir is not None else None
    hit = cache.get(key) if cache is not None else None
    if hit is not None:
        return Localized(locale, *hit), ()
    loc = localize(center, config, locale, progress=progress)
    complete = not loc.warnings and loc.stats.missing == 0 and loc.stats.failed == 0
    if cache is not None and complete:  # keyed on the memory as localize left it (it may add occurrences)
        cache.put(_locale_key(center, config, locale), loc.categories, loc.articles, loc.site_name)
    return Localized(locale, loc.categories, loc.articles, loc.site_name), loc.warnings


def _locale_key(center: HelpCenter, config: ProjectConfig, locale: str) -> str:
    """What a target locale's translation depends on: the source content, the memory, the settings."""
    from translations.whole import whole_dir

    memory = config.memory_dir / f"{locale}.po"
    return digest(tool_versions(), locale, config.source_locale, repr(center.articles), repr(center.categories),
                  memory.read_bytes() if memory.is_file() else b"", stable_json(dict(config.helpkit.translation)),
                  tree_digest([whole_dir(config.memory_dir, locale)]))


def availability(localized: Sequence[Localized]) -> dict[str, tuple[str, ...]]:
    """For each article served untranslated in some locale, the locales it is really available in (in order):
    the hreflang links of its pages name only those."""
    missing = {loc.locale: {a.slug for a in loc.articles if a.status is TranslationStatus.UNTRANSLATED}
               for loc in localized}
    slugs = sorted(set().union(*missing.values())) if missing else []
    return {s: tuple(loc.locale for loc in localized if s not in missing[loc.locale]) for s in slugs}


def _job(config: ProjectConfig, center: HelpCenter, loc: Localized, tmp: Path, index_tmp: Path,
         cache_dir: Path | None = None, available: Mapping[str, tuple[str, ...]] | None = None) -> LocaleJob:
    source = config.source_locale
    contact = config.helpkit.contact
    strings = ui_strings(loc.locale)
    label = contact.label if loc.locale == source else strings.contact_label
    site = LocaleSite(
        locale=loc.locale, source_locale=source, categories=loc.categories, articles=loc.articles,
        strings=strings, channel=ContactChannel(contact.url, contact.url_param, contact.email), contact_label=label,
        site_name=loc.site_name or config.site_name, source_root="" if loc.locale == source else "../",
        available=available or {}, analytics=Analytics.from_config(config.helpkit.analytics),
        drafts=frozenset(a.source_path.resolve() for a in center.drafts),
    )
    newest = max((a.updated for a in center.articles if a.updated), default=None)
    epoch = int(datetime.combine(newest, time(), UTC).timestamp()) if newest else 0
    return LocaleJob(
        site=site, locales=config.locales, raw_mkdocs=config.raw_mkdocs, site_url=config.site_url,
        content_dir=config.content_dir, stage_dir=tmp / "stage" / loc.locale, out_dir=tmp / "out" / loc.locale,
        index_dir=index_tmp / "index", synonyms=config.synonyms_path, source_date_epoch=epoch, cache_dir=cache_dir,
        meaning=config.helpkit.search.meaning,
    )


def _build_locales(config: ProjectConfig, center: HelpCenter, tmp: Path, index_tmp: Path,
                   progress: bool, pool: ProcessPoolExecutor | None, cache_dir: Path | None,
                   ) -> tuple[list[LocaleResult], list[Warning]]:
    """Translate, render and index every locale into ``tmp/out/<locale>``, spread over all cores.

    With one locale, its pages are split into shards (one per core, plus two) written alongside its
    search indexes. With several, the target locales are translated first, one task each (every page
    must know which locales its article is really translated into, for its hreflang links), then each
    locale is rendered and indexed as one task: the locales themselves keep the cores busy. Returns one
    result per locale, the source locale first, and the translation warnings.
    """
    source = Localized(config.source_locale, center.categories, center.articles)
    targets = config.helpkit.locales
    if pool is None or targets:  # every locale's translation first: each page links the locales it is in
        translations = [(pool.submit if pool else _call)(_translate_task, center, config.path, loc, cache_dir,
                                                         progress) for loc in targets]
        localized = [source]
        warnings: list[Warning] = []
        for task in translations:
            loc, loc_warnings = task.result()
            warnings.extend(loc_warnings)
            localized.append(loc)
        available = availability(localized)
        renders = [(pool.submit if pool else _call)(_render_task, center, config.path, loc, tmp, index_tmp,
                                                    cache_dir, available) for loc in localized]
        return [task.result() for task in renders], warnings
    job = _job(config, center, source, tmp, index_tmp, cache_dir)
    # Two more shards than cores: the core that runs the index then takes a small last shard, not a large one
    # (1,000 articles on 2 cores: 5.4 s against 5.7 s with one more; each shard costs ~0.3 s of setup).
    shards = (os.cpu_count() or 1) + 2
    # The index is the longest single task: start it first, so the cores finish together.
    parts = [pool.submit(index_locale, job), *(pool.submit(render_shard, job, k, shards) for k in range(shards))]
    return _merge([f.result() for f in parts]), []


def _translate_task(center: HelpCenter, config_path: Path, locale: str, cache_dir: Path | None, progress: bool
                    ) -> tuple[Localized, tuple[Warning, ...]]:
    """Translate one target locale; the config is read again here (MkDocs' config does not cross processes).
    Returns the locale and the translation warnings."""
    return _translate(center, load_config(config_path), locale, progress, cache_dir)


def _render_task(center: HelpCenter, config_path: Path, loc: Localized, tmp: Path, index_tmp: Path,
                 cache_dir: Path | None, available: Mapping[str, tuple[str, ...]]) -> LocaleResult:
    """Render and index one locale."""
    job = _job(load_config(config_path), center, loc, tmp, index_tmp, cache_dir, available)
    return _merge([render_shard(job, 0, 1), index_locale(job)])[0]


def _call(fn: Callable[..., T], *args: object) -> Future[T]:
    """``fn(*args)`` run here and now, as a finished future (the build without a pool)."""
    done: Future[T] = Future()
    done.set_result(fn(*args))
    return done


def _merge(parts: Sequence[LocaleResult]) -> list[LocaleResult]:
    """One result per locale (pages, warnings and cache keys of its parts added up), in first-seen order."""
    merged: dict[str, LocaleResult] = {}
    for part in parts:
        prev = merged.get(part.locale)
        merged[part.locale] = part if prev is None else LocaleResult(
            part.locale, prev.pages + part.pages, prev.warnings + part.warnings, prev.cached + part.cached,
            prev.keys + part.keys)
    return list(merged.values())

