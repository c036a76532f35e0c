"""Build one locale's site with MkDocs + Material, from staged pages, in a worker process.

Material's navigation embeds every nav page in every page; listing 1,000 articles in the nav
makes a build quadratic. The nav here holds only the home page and the categories: articles
are reached from their category page, search and related links, so page size and build time
stay linear in the number of articles.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from site_builder.pages import LocaleSite, stage
from site_builder.strings import language_name, material_language

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


@dataclass(frozen=True, slots=True)
class LocaleResult:
    """What a locale build reports back."""

    locale: str
    """The locale built."""
    pages: int
    """Pages written (home, categories, articles)."""
    warnings: tuple[str, ...]
    """MkDocs' and the stage's warnings, one line each."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_locale(job: LocaleJob) -> LocaleResult:
    """Stage, render with MkDocs, write the search indexes and the sitemap of one locale."""
    from search_index import build_index, write_browser_index

    os.environ["SOURCE_DATE_EPOCH"] = str(job.source_date_epoch)
    site = job.site
    docs = job.stage_dir / "docs"
    stage(site, job.content_dir, docs)
    collector = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(collector)
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        config = mkdocs_config(job, docs, collector.lines)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        log.removeHandler(collector)
        log.setLevel(level)
    build_index(site.articles, site.locale, job.index_dir, synonyms=job.synonyms)
    write_browser_index(site.articles, site.locale, job.out_dir / "assets" / "helpkit", synonyms=job.synonyms)
    write_sitemap(job)
    return LocaleResult(site.locale, 1 + len(site.categories) + len(site.articles), tuple(collector.lines))


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


def mkdocs_config(job: LocaleJob, docs_dir: Path, warnings: list[str]) -> MkDocsConfig:
    """The MkDocs config of one locale: the user's mkdocs.yml, with what helpkit's site needs set."""
    site = job.site
    raw = dict(job.raw_mkdocs)
    theme = raw.get("theme") or {"name": "material"}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["language"] = material_language(site.locale)
    features = [f for f in theme.get("features") or [] if f not in BROKEN_FEATURES]
    if len(features) != len(theme.get("features") or []):
        warnings.append("theme.features: 'navigation.instant' is ignored: it breaks the site when opened from disk")
    theme["features"] = features
    theme["custom_dir"] = str(_theme_dir(theme.get("custom_dir"), job))
    plugins = [p for p in raw.get("plugins", []) if _plugin_name(p) not in ("search", "material/search")]
    extensions = list(raw.get("markdown_extensions") or [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [e for e in REQUIRED_EXTENSIONS if e not in names]
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
        "strings": asdict(site.strings),
        "hreflang": len(job.locales) > 1 and bool(job.site_url),
    }
    nav = [{site.strings.home: "index.md"}] + [{c.title: f"{c.slug}/index.md"} for c in site.categories]
    values = {
        **raw,
        "docs_dir": str(docs_dir),
        "site_dir": str(job.out_dir),
        "site_url": locale_url(job.site_url, site.locale, source),
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
    return config


def _plugin_name(plugin: object) -> str:
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
    """Replace MkDocs' sitemap (nav pages only, build date) with every page and its own last-updated date."""
    site = job.site
    base = locale_url(job.site_url, site.locale, site.source_locale) or ""
    newest = max((a.updated for a in site.articles if a.updated), default=None)
    entries: list[tuple[str, date | None]] = [("", newest)]
    entries += [(f"{c.slug}/index.html", newest) for c in site.categories]
    entries += [(a.url, a.updated) for a in site.articles]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, updated in entries:
        lastmod = f"<lastmod>{updated.isoformat()}</lastmod>" if updated else ""
        lines.append(f"  <url><loc>{xml_escape(base + path)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    data = "\n".join(lines).encode("utf-8")
    (job.out_dir / "sitemap.xml").write_bytes(data)
    with gzip.GzipFile(job.out_dir / "sitemap.xml.gz", "wb", mtime=0) as f:
        f.write(data)
