"""Build one locale's site with MkDocs + Material, from staged pages, in a worker process.

Material's navigation embeds every nav page in every page; listing 1,000 articles in the nav
makes a build quadratic. The nav here holds only the home page and the categories: articles
are reached from their category page, search and related links, so page size and build time
stay linear in the number of articles.
"""

from __future__ import annotations

import copy
import gzip
import logging
import os
import shutil
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from mkdocs.commands.build import get_navigation
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template

from helpkit.files import replacing_dir
from helpkit.mkdocs_internals import build_error_page, build_page, build_theme_template, populate_page
from site_builder.cache import PageCache, copy_tree, digest, stable_json, tool_versions, tree_digest
from site_builder.pages import LocaleSite, PageSet, content_assets
from site_builder.redact_js import redact_script
from site_builder.strings import UiStrings, language_name, material_language, ui_strings

THEME_DIR = Path(__file__).parent / "theme"
"""helpkit's layer over Material (MkDocs ``custom_dir``)."""

REQUIRED_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")
"""Markdown extensions the staged pages rely on (notices, kept anchors ``{#id}``, HTML blocks)."""

BROKEN_FEATURES = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress")
"""Material features that break a site opened from disk (``file://``); removed with a warning."""


@dataclass(frozen=True, slots=True)
class LocaleJob:
    """One locale's build, sent to a worker process."""

    site: LocaleSite
    """The locale's pages."""
    locales: tuple[str, ...]
    """Every locale of the help center, the source locale first."""
    raw_mkdocs: dict[str, Any]
    """mkdocs.yml as written, without the ``helpkit:`` section."""
    site_url: str | None
    """The source locale's ``site_url``."""
    content_dir: Path
    """The help center's content folder (images are copied from it)."""
    stage_dir: Path
    """Scratch folder for the staged pages."""
    out_dir: Path
    """Where this locale's site is written (the site root, or ``<root>/<locale>``)."""
    index_dir: Path
    """Where this locale's Whoosh index is written (``index_dir / locale``)."""
    synonyms: Path | None
    """The search synonyms file, if any."""
    source_date_epoch: int
    """Fixed timestamp MkDocs uses instead of the build time (byte-identical builds)."""
    cache_dir: Path | None = None
    """The build cache (:mod:`site_builder.cache`), or None to render everything."""
    meaning: bool = True
    """Whether search reorders results by meaning (``helpkit: search: meaning``)."""


@dataclass(frozen=True, slots=True)
class LocaleResult:
    """What a locale build reports back."""

    locale: str
    """The locale built."""
    pages: int
    """Pages written (home, categories, articles)."""
    warnings: tuple[str, ...]
    """MkDocs' and the stage's warnings, one line each."""
    cached: int = 0
    """Pages copied from the build cache instead of rendered."""
    keys: tuple[str, ...] = ()
    """Cache keys of the pages written (the entries to keep)."""


class _Collect(logging.Handler):
    """MkDocs' warnings logged by the thread that made it (one line each); another thread's records (the preview
    server's request log) go on to the root logger's handlers as usual."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.lines.append(record.getMessage())
        else:
            logging.getLogger().handle(record)


class MkDocsSite:
    """One locale's MkDocs state (config, files, navigation, templates), ready to render any of its pages.

    ``mkdocs build`` renders pages one after the other in one process; holding this state lets
    the build split a locale's pages between processes and lets the preview re-render one page.
    """

    def __init__(self, job: LocaleJob, *, command: str = "build", pages: Mapping[str, str] | None = None) -> None:
        """Set up MkDocs for the locale. Without ``pages`` the staged ``docs/`` folder is read (the preview);
        with ``pages`` (path → Markdown) the pages live in memory and images come straight from content/."""
        self.job = job
        docs = job.stage_dir / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        config, self.warnings = mkdocs_config(job, docs)
        config.plugins.on_startup(command=command, dirty=False)
        self.config: MkDocsConfig = config.plugins.on_config(config)
        self.config.plugins.on_pre_build(config=self.config)
        files = get_files(self.config) if pages is None else self._memory_files(pages)
        env = self.config.theme.get_env()
        files.add_files_from_theme(env, self.config)
        self.files: Files = self.config.plugins.on_files(files, config=self.config)
        set_exclusions(self.files, self.config)
        self.nav: Navigation = self.config.plugins.on_nav(get_navigation(self.files, self.config),
                                                          config=self.config, files=self.files)
        for file in self.files.documentation_pages():
            if file.page is None:
                Page(None, file, self.config)
        self.env = self.config.plugins.on_env(env, config=self.config, files=self.files)

    def _memory_files(self, pages: Mapping[str, str]) -> Files:
        content = str(self.job.content_dir)
        site_dir, urls = self.config.site_dir, self.config.use_directory_urls
        files = [File(rel, content, site_dir, urls) for rel in content_assets(self.job.content_dir)]
        files += [File.generated(self.config, uri, content=text) for uri, text in pages.items()]
        return Files(files)

    def pages(self) -> list[str]:
        """Source paths (``billing/refunds.md``) of every page, in MkDocs' order."""
        return [f.src_uri for f in self.files.documentation_pages()]

    def write_static(self) -> None:
        """Copy the theme's and the content's static files; render 404.html (not MkDocs' sitemap:
        :func:`write_sitemap` writes helpkit's)."""
        self.files.copy_static_files()
        for template in self.config.theme.static_templates:
            if is_error_template(template):  # 404.html: links relative to the locale's root (its <base> on a server)
                build_error_page(template, self.env, self.files, self.config, self.nav, ".")
            elif template != "sitemap.xml":
                build_theme_template(template, self.env, self.files, self.config, self.nav)
        redact = Path(self.config.site_dir) / "assets" / "helpkit" / "hk-redact.js"
        redact.parent.mkdir(parents=True, exist_ok=True)
        redact.write_text(redact_script(), encoding="utf-8")

    def render(self, src_uris: Iterable[str]) -> None:
        """Read, convert and write these pages (again, if they changed on disk)."""
        for _ in self.rendering(src_uris):
            pass

    def rendering(self, src_uris: Iterable[str]) -> Iterator[str]:
        """Render these pages one at a time, yielding each one's path once it is written (what MkDocs logged
        in between is that page's)."""
        doc_files = self.files.documentation_pages()
        for uri in src_uris:
            file = self.files.get_file_from_path(uri)
            if file is None or file.page is None:
                continue
            populate_page(file.page, self.config, self.files)
            build_page(file.page, self.config, doc_files, self.nav, self.env)
            yield uri


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """MkDocs' warnings of the block, one line each, for helpkit to report (:func:`site_builder.build.mkdocs_warnings`)
    instead of MkDocs' log printing them raw; MkDocs' own info messages are silenced."""
    collector = _Collect()
    log = logging.getLogger("mkdocs")
    level, propagate = log.level, log.propagate
    log.addHandler(collector)
    log.setLevel(logging.WARNING)
    log.propagate = False
    try:
        yield collector.lines
    finally:
        log.removeHandler(collector)
        log.setLevel(level)
        log.propagate = propagate


@contextmanager
def _build_date(epoch: int) -> Iterator[None]:
    """MkDocs' build date is ``SOURCE_DATE_EPOCH`` inside the block (byte-identical builds); the variable is as it
    was afterwards (a build in the calling process leaves no trace)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def render_shard(job: LocaleJob, shard: int, shards: int) -> LocaleResult:
    """Render every ``shards``-th page of a locale, starting at ``shard`` (shard 0 also writes the static
    files). The pages of one locale are split between processes this way; each shard generates the
    Markdown of its own pages only, in memory, and renders only those the build cache lacks.

    A page MkDocs warned about is not stored in the cache: it is rendered again by every build, so its
    warnings are reported every time (``--strict`` keeps failing until the source is fixed) and are never
    stale (a warning depends on more than the page's own Markdown, e.g. whether the file it links exists)."""
    pages = PageSet(job.site)
    uris = pages.uris()
    mine = uris[shard::shards]
    texts = {u: pages.text(u) for u in mine}
    cache = PageCache(job.cache_dir / "pages" / job.site.locale, locale_fingerprint(job)) if job.cache_dir else None
    keys = {u: cache.key(u, texts[u]) for u in mine} if cache else {}
    cached = {u: html for u in mine if cache and (html := cache.get(keys[u])) is not None}
    todo = [u for u in mine if u not in cached]
    warned: set[str] = set()  # pages MkDocs warned about: never cached
    with collect_warnings() as warnings, _build_date(job.source_date_epoch):
        if todo or shard == 0:
            site = MkDocsSite(job, pages={u: texts.get(u, "") for u in uris})
            warnings.extend(site.warnings)
            if shard == 0:
                site.write_static()
            before = len(warnings)
            for uri in site.rendering(todo):
                if len(warnings) > before:
                    warned.add(uri)
                before = len(warnings)
            if shard == 0:
                site.config.plugins.on_post_build(config=site.config)
    for uri in todo:
        if cache and uri not in warned:
            cache.put(keys[uri], (job.out_dir / page_path(uri)).read_bytes())
    for uri, html in cached.items():
        target = job.out_dir / page_path(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
    return LocaleResult(job.site.locale, len(mine), tuple(warnings), len(cached), tuple(keys.values()))


def page_path(uri: str) -> str:
    """Where MkDocs writes a page (``billing/refunds.md`` → ``billing/refunds.html``: no directory URLs)."""
    return uri[: -len(".md")] + ".html"


def locale_fingerprint(job: LocaleJob) -> str:
    """Everything besides a page's own Markdown that its HTML depends on (see :mod:`site_builder.cache`)."""
    site = job.site
    theme = job.raw_mkdocs.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    theme_dirs = [THEME_DIR, *([job.content_dir.parent / custom] if custom else [])]
    return digest(
        tool_versions(), stable_json(job.raw_mkdocs), stable_json(list(job.locales)), job.site_url or "",
        site.locale, site.source_locale, repr(site.categories), repr(site.strings), repr(site.channel),
        site.contact_label, site.source_root, repr(site.analytics), tree_digest(theme_dirs),
    )


def index_locale(job: LocaleJob) -> LocaleResult:
    """Write a locale's Whoosh index, browser index and sitemap (the indexes from the build cache when
    the locale's articles have not changed)."""
    from search_index import index_fingerprint, write_indexes

    locale = job.site.locale
    browser = job.out_dir / "assets" / "helpkit"
    whoosh = job.index_dir / locale
    synonyms = job.synonyms.read_bytes() if job.synonyms and job.synonyms.is_file() else b""
    key = digest(tool_versions(), index_fingerprint(), locale, repr(job.site.articles), synonyms, repr(job.meaning))
    entry = job.cache_dir / "index" / locale / key if job.cache_dir else None
    if entry is not None and entry.is_dir():
        copy_tree(entry / "whoosh", whoosh)
        copy_tree(entry / "browser", browser)
    else:
        fresh = job.stage_dir / "browser"
        write_indexes(job.site.articles, locale, job.index_dir, fresh, synonyms=job.synonyms, meaning=job.meaning)
        copy_tree(fresh, browser)
        if entry is not None:
            _store_index(entry, whoosh, fresh)
    if job.site_url:  # a sitemap lists absolute URLs only: without site_url there is none (build warns)
        write_sitemap(job)
    return LocaleResult(locale, 0, ())


def _store_index(entry: Path, whoosh: Path, browser: Path) -> None:
    """Keep a locale's freshly built indexes as its only cache entry."""
    shutil.rmtree(entry.parent, ignore_errors=True)
    with replacing_dir(entry) as tmp:
        copy_tree(whoosh, tmp / "whoosh")
        copy_tree(browser, tmp / "browser")


def _root_link(here: str, there: str, source: str) -> str:
    """Relative path from locale ``here``'s root to locale ``there``'s root."""
    up = "" if here == source else "../"
    return up if there == source else f"{up}{there}/"


def locale_url(site_url: str | None, locale: str, source: str) -> str | None:
    """The locale's own ``site_url`` (``https://help.example.com/es/``)."""
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if locale == source else f"{base}{locale}/"


def locale_path(site_url: str | None, locale: str, source: str) -> str:
    """Where the locale's root is on the web server (``/``, ``/es/``, ``/help/es/``): ``site_url``'s path, or the
    server's root without ``site_url`` (MkDocs' assumption for its error pages). A 404 page is served for any
    missing path, so its links start from here, not from where the page happens to be."""
    base = urlsplit(site_url).path if site_url else "/"
    base = base if base.endswith("/") else base + "/"
    return base if locale == source else f"{base}{locale}/"


def mkdocs_config(job: LocaleJob, docs_dir: Path) -> tuple[MkDocsConfig, tuple[str, ...]]:
    """The MkDocs config of one locale (the user's mkdocs.yml, with what helpkit's site needs set) and the
    warnings about settings it had to change."""
    warnings: list[str] = []
    site = job.site
    raw = copy.deepcopy(job.raw_mkdocs)  # MkDocs' validation consumes nested settings (extension configs)
    theme = raw.get("theme") or {"name": "material"}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["language"] = material_language(site.locale)
    theme.setdefault("font", False)  # system fonts: no request to Google Fonts, so pages work offline
    features = [f for f in theme.get("features") or [] if f not in BROKEN_FEATURES]
    if len(features) != len(theme.get("features") or []):
        warnings.append("theme.features: 'navigation.instant' is ignored: it breaks the site when opened from disk")
    theme["features"] = features
    theme["custom_dir"] = str(_theme_dir(theme.get("custom_dir"), job))
    source_strings = ui_strings(site.source_locale)
    if theme.get("palette"):
        theme["palette"] = _localized_palette(theme["palette"], source_strings, site.strings)
    plugins = [p for p in raw.get("plugins", []) if _entry_name(p) not in ("search", "material/search")]
    extensions = list(raw.get("markdown_extensions") or [])
    names = {_entry_name(e) for e in extensions}
    extensions += [e for e in REQUIRED_EXTENSIONS if e not in names]
    extensions = _localized_permalinks(extensions, source_strings, site.strings)
    source = site.source_locale
    alternate = [
        {
            "name": language_name(loc),
            "link": _root_link(site.locale, loc, source),
            "lang": loc,
            "hk_absolute": locale_url(job.site_url, loc, source) or "",
        }
        for loc in job.locales
    ]
    extra = dict(raw.get("extra") or {})
    extra["alternate"] = alternate if len(job.locales) > 1 else extra.get("alternate", [])
    extra["helpkit"] = {
        "locale": site.locale,
        "source_locale": source,
        "source_root": site.source_root,
        "root_path": locale_path(job.site_url, site.locale, source),
        "strings": asdict(site.strings),
        "analytics": site.analytics.page_data() if site.analytics else None,
    }
    nav = [{site.strings.home: "index.md"}] + [{c.title: f"{c.slug}/index.md"} for c in site.categories]
    values = {
        **raw,
        "docs_dir": str(docs_dir),
        "site_dir": str(job.out_dir),
        "site_url": locale_url(job.site_url, site.locale, source),
        "site_name": site.site_name or raw.get("site_name"),
        "use_directory_urls": False,
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": extensions,
        "extra": extra,
        "nav": nav,
        "validation": {"nav": {"omitted_files": "ignore"}},
        "strict": False,
    }
    config = MkDocsConfig(config_file_path=str(job.stage_dir / "mkdocs.yml"))
    config.load_dict(values)
    failed, _ = config.validate()
    if failed:  # load_config already validated the user's part: this is helpkit's own mistake
        raise RuntimeError("; ".join(f"{k}: {e}" for k, e in failed))
    return config, tuple(warnings)


def _localized_palette(palette: object, source: UiStrings, here: UiStrings) -> object:
    """Material's ``theme.palette`` with each toggle named in this locale where mkdocs.yml gives it one of
    helpkit's toggle names in the source language (``Switch to dark mode`` → ``Cambiar al modo oscuro``). Material
    shows the names as written, in every locale; other names stay as written."""
    names = {getattr(source, key): getattr(here, key) for key in ("dark_mode", "light_mode", "system_mode")}

    def localize(option: object) -> object:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if not isinstance(toggle, dict) or toggle.get("name") not in names:
            return option
        return {**option, "toggle": {**toggle, "name": names[toggle["name"]]}}

    return [localize(o) for o in palette] if isinstance(palette, list) else localize(palette)


def _localized_permalinks(extensions: list[Any], source: UiStrings, here: UiStrings) -> list[Any]:
    """The Markdown extensions with the ``toc`` extension's ``permalink_title`` (the ``¶`` link's title, English
    ``Permanent link`` by default) in this locale, unless mkdocs.yml sets a title of its own."""
    out: list[Any] = []
    for ext in extensions:
        if _entry_name(ext) != "toc":
            out.append(ext)
            continue
        options = dict((ext["toc"] or {}) if isinstance(ext, dict) else {})
        if options.get("permalink_title", source.permanent_link) == source.permanent_link:
            options["permalink_title"] = here.permanent_link
        out.append({"toc": options})
    return out


def _entry_name(plugin: object) -> str:
    """The name of a plugins or markdown_extensions entry: ``"toc"`` or ``{"toc": {...}}``."""
    return plugin if isinstance(plugin, str) else next(iter(plugin)) if isinstance(plugin, dict) else ""


def _theme_dir(user_dir: str | None, job: LocaleJob) -> Path:
    """helpkit's theme layer, with the user's own ``custom_dir`` overrides on top when there is one."""
    if not user_dir:
        return THEME_DIR
    merged = job.stage_dir / "theme"
    shutil.copytree(THEME_DIR, merged, dirs_exist_ok=True)
    shutil.copytree(Path(job.content_dir).parent / user_dir, merged, dirs_exist_ok=True)
    return merged


def write_sitemap(job: LocaleJob) -> None:
    """Replace MkDocs' sitemap (nav pages only, build date) with every page and its own last-updated date; and
    give each category folder a sitemap of its own pages. Material's bundle fetches ``sitemap.xml`` beside every
    page a ``link[rel=alternate]`` (hreflang) names, which for an article is its category folder: without one,
    every page view of a translated article asked for a missing file. Needs ``site_url``: a sitemap's entries are
    absolute URLs (sitemaps.org), and so are hreflang links, which pages have only with it."""
    site = job.site
    base = locale_url(job.site_url, site.locale, site.source_locale) or ""
    newest = max((a.updated for a in site.articles if a.updated), default=None)
    entries: list[tuple[str, date | None]] = [("", newest), ("contact.html", None)]
    entries += [(f"{c.slug}/index.html", newest) for c in site.categories]
    entries += [(a.url, a.updated) for a in site.articles]
    data = _urlset(base, entries)
    (job.out_dir / "sitemap.xml").write_bytes(data)
    with gzip.GzipFile(job.out_dir / "sitemap.xml.gz", "wb", mtime=0) as f:
        f.write(data)
    for c in site.categories:  # every category has its index page in this folder
        folder = job.out_dir / c.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sitemap.xml").write_bytes(_urlset(base, [(p, d) for p, d in entries if p.startswith(f"{c.slug}/")]))


def _urlset(base: str, entries: list[tuple[str, date | None]]) -> bytes:
    """A sitemap of ``entries`` (paths under ``base``, each with its last-updated date when known)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, updated in entries:
        lastmod = f"<lastmod>{updated.isoformat()}</lastmod>" if updated else ""
        lines.append(f"  <url><loc>{xml_escape(base + path)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
