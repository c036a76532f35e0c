"""The preview ``helpkit serve`` shows: a site kept in memory and re-rendered page by page.

``mkdocs serve`` rebuilds every page on every save (9 to 36 s at 1,000 articles). The preview
keeps each locale's MkDocs state (files, navigation, Jinja environment) after the first build;
when one article changes, it reads that file again and renders only the pages that show it
(the article, articles listing it as related, its category, the home page). Anything that
changes the set of pages (a new or deleted file, a category, mkdocs.yml, a translation memory)
rebuilds the affected locales in full. The search indexes are refreshed after the pages.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

from helpkit.config import ProjectConfig, load_config
from helpkit.errors import ContentErrors, Warning
from helpkit.loader import load_help_center, reload_article
from helpkit.model import HelpCenter
from helpkit.processes import process_pool
from site_builder.build import Localized, _job, _translate, availability, link_warnings, mkdocs_warnings
from site_builder.mkdocs_build import LocaleJob, MkDocsSite, collect_warnings, index_locale
from site_builder.pages import stage, stage_pages


@dataclass(frozen=True, slots=True)
class FileState:
    """What the preview last saw of a watched file."""

    mtime_ns: int
    size: int


class LocaleRenderer:
    """One locale's MkDocs site, rendered once in full and then page by page."""

    def __init__(self, job: LocaleJob) -> None:
        self.job = job
        self.docs = job.stage_dir / "docs"
        shutil.rmtree(job.stage_dir, ignore_errors=True)
        shutil.rmtree(job.out_dir, ignore_errors=True)
        stage(job.site, job.content_dir, self.docs)
        with collect_warnings() as warnings:
            self.site = MkDocsSite(job, command="serve")
            warnings.extend(self.site.warnings)
            self.site.write_static()
            self.site.render(self.site.pages())
        self.warnings = tuple(warnings)
        """MkDocs' warnings about the locale's setup and its pages, one line each."""
        self.refresh_search()

    def update(self, job: LocaleJob, slugs: Collection[str]) -> tuple[str, ...]:
        """Re-stage and re-render the pages showing ``slugs`` (same set of pages as before); returns MkDocs'
        warnings about them, one line each."""
        self.job = job
        with collect_warnings() as warnings:
            self.site.render(stage_pages(job.site, self.docs, only=slugs))
        return tuple(warnings)

    def refresh_search(self) -> None:
        """Rewrite the locale's search indexes and sitemap (after the pages: the reload does not wait)."""
        index_locale(self.job)


class Preview:
    """The whole help center as the preview shows it, drafts included."""

    def __init__(self, config_path: Path, site_dir: Path, work_dir: Path) -> None:
        self.config_path = config_path
        self.site_dir = site_dir
        self.work_dir = work_dir
        self.renderers: dict[str, LocaleRenderer] = {}
        self._pool = process_pool(1, start_method="spawn")
        self._indexing: Future[None] | None = None
        self.warnings: tuple[Warning, ...] = self.full()
        """The warnings of the first build (:meth:`refresh` returns those of each rebuild)."""

    # -- what changed ---------------------------------------------------------------------------------------

    def _watched(self, config: ProjectConfig) -> dict[Path, FileState]:
        paths = [config.path, *config.content_dir.rglob("*")]
        if config.memory_dir.is_dir():
            paths += list(config.memory_dir.glob("*.po"))
        paths += [p for p in (config.synonyms_path, config.questions_path) if p and p.exists()]
        out = {}
        for p in paths:
            try:
                st = p.stat()
            except FileNotFoundError:
                continue
            if p.is_file():
                out[p] = FileState(st.st_mtime_ns, st.st_size)
        return out

    def watched_dirs(self) -> list[tuple[Path, bool]]:
        """(folder, recursive) pairs the server watches: the help center's folder itself (mkdocs.yml,
        synonyms, questions), content/ and the translation memory."""
        config = self.config
        dirs = [(config.root, False), (config.content_dir, True)]
        if config.memory_dir.is_dir():
            dirs.append((config.memory_dir, True))
        return dirs

    # -- building -------------------------------------------------------------------------------------------

    def full(self) -> tuple[Warning, ...]:
        """Read everything and render every locale; returns the warnings (content, translation, MkDocs)."""
        config = load_config(self.config_path)
        snapshot = self._watched(config)
        center = load_help_center(config, include_drafts=True)
        warnings = list(center.warnings)
        links, errors = link_warnings(center, config)
        if errors:
            raise ContentErrors(errors, [*warnings, *links])
        warnings += links
        self.config: ProjectConfig = config  # read without an error: from here on the preview shows these files
        self.center: HelpCenter = center
        self.snapshot: dict[Path, FileState] = {}  # until every locale is rendered: if one fails, all is redone
        self.localized = {self.config.source_locale: Localized(self.config.source_locale, self.center.categories,
                                                                 self.center.articles)}
        for locale in self.config.helpkit.locales:
            self.localized[locale], translation = _translate(self.center, self.config, locale, progress=False)
            warnings += translation
        self.renderers = {loc: LocaleRenderer(self._job(loc)) for loc in self.localized}
        for locale, renderer in self.renderers.items():
            warnings += mkdocs_warnings(self.center, self.config, locale, renderer.warnings, told=warnings)
        self.snapshot = snapshot
        return tuple(dict.fromkeys(warnings))

    def _job(self, locale: str) -> LocaleJob:
        job = _job(self.config, self.center, self.localized[locale], self.work_dir, self.work_dir / "index",
                   available=availability(list(self.localized.values())))
        out = self.site_dir if locale == self.config.source_locale else self.site_dir / locale
        return replace(job, out_dir=out, index_dir=self.work_dir / "index")  # never the build's index

    def refresh(self) -> tuple[Warning, ...]:
        """Bring the preview up to date with the files on disk: one page where possible, else in full.
        Returns the warnings of what was rebuilt.

        A file that fails (an error raised) keeps counting as changed: the next refresh reads it again, whatever
        else changed, so it succeeds only once every file edited since the last success reads without an error
        (a failed full rebuild is redone in full)."""
        now = self._watched(self.config)
        changed = {p for p in now.keys() | self.snapshot.keys() if now.get(p) != self.snapshot.get(p)}
        if not changed:
            return ()
        articles = [p for p in changed if p.suffix == ".md" and p.is_relative_to(self.config.content_dir)]
        others = [p for p in changed if p not in articles]
        known = {a.source_path for a in (*self.center.articles, *self.center.drafts)}
        if others or any(p not in known or not p.exists() for p in articles):
            return self.full()
        edited = {}
        warnings: list[Warning] = []
        for path in articles:
            article, found = reload_article(self.config, self.center, path)
            edited[article.slug] = article
            warnings += found
        old = {a.slug: a for a in self.center.articles}
        if any(edited[s].category != old[s].category or edited[s].draft != old[s].draft for s in edited):
            return self.full()
        center = replace(self.center, articles=tuple(edited.get(a.slug, a) for a in self.center.articles))
        # the links of the edited articles and of those linking to them (a renamed heading breaks theirs)
        links, errors = link_warnings(center, self.config, near={a.source_path.stem for a in edited.values()})
        if errors:
            raise ContentErrors(errors, warnings)
        warnings += links
        self.center = center
        source = self.config.source_locale
        self.localized[source] = Localized(source, self.center.categories, self.center.articles)
        mkdocs = {source: self.renderers[source].update(self._job(source), edited.keys())}
        warnings += self._after_pages(set(edited), mkdocs, warnings)
        self.snapshot = now
        return tuple(warnings)

    def _after_pages(self, slugs: set[str], mkdocs: dict[str, tuple[str, ...]],
                     told: list[Warning]) -> tuple[Warning, ...]:
        """Translate the edit into the target locales and re-render their pages (the reload waits for this),
        then refresh the search indexes in a separate process: the reload does not wait for indexing, and
        indexing does not hold this process's GIL while the next edit renders. Returns the translation warnings
        and MkDocs' warnings about the pages (``mkdocs``: those of the locales already rendered, by locale;
        ``told``: what helpkit's link check says, not to be repeated)."""
        warnings: list[Warning] = []
        for locale in self.config.helpkit.locales:  # every locale first: each page links the locales it is in
            self.localized[locale], translation = _translate(self.center, self.config, locale, progress=False)
            warnings += translation
        for locale in self.config.helpkit.locales:
            mkdocs[locale] = self.renderers[locale].update(self._job(locale), slugs)
        for locale, lines in mkdocs.items():
            warnings += mkdocs_warnings(self.center, self.config, locale, lines, told=[*told, *warnings])
        if self._indexing is not None and not self._indexing.done():
            self._indexing.cancel()
        jobs = [r.job for r in self.renderers.values()]
        self._indexing = self._pool.submit(_index_all, jobs)
        return tuple(dict.fromkeys(warnings))

    def wait(self) -> None:
        """Wait for the search indexes to be refreshed (tests)."""
        if self._indexing is not None:
            self._indexing.result()

    def close(self) -> None:
        """Stop the indexing process (at once, even mid-index: the preview is going away)."""
        self._pool.terminate()


def _index_all(jobs: list[LocaleJob]) -> None:
    for job in jobs:
        index_locale(job)
