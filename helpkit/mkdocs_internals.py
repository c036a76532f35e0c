"""Every private part of MkDocs and Material that helpkit relies on, in one module.

MkDocs documents its config classes, plugins and ``mkdocs build``; helpkit also renders single pages
(the build splits a locale's pages between processes, the preview re-renders one page), which needs
functions MkDocs keeps private, and it overrides one config method and reads MkDocs' schema. Material's
templates, icons and bundled lunr stemmers are used by path. Nothing else in helpkit imports an underscore
name from ``mkdocs`` or ``material``: the other modules call the functions below.

``tests/test_mkdocs_internals.py`` checks :data:`SIGNATURES`, :data:`ATTRIBUTES` and the Material files
below against the installed releases and names what changed, so an upgrade that breaks a private
touch point fails there, loudly, instead of deep in a build. pyproject.toml caps both packages below
their next major version.
"""

from __future__ import annotations

import difflib
import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import watchdog.events
import watchdog.observers
from mkdocs.commands import build as _mkdocs_build
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.livereload import LiveReloadServer

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

SIGNATURES: dict[str, tuple[str, ...]] = {
    "mkdocs.commands.build._build_page": ("page", "config", "doc_files", "nav", "env", "dirty", "excluded"),
    "mkdocs.commands.build._build_theme_template": ("template_name", "env", "files", "config", "nav"),
    "mkdocs.commands.build._populate_page": ("page", "config", "files", "dirty"),
    "mkdocs.commands.build.get_context": ("nav", "files", "config", "page", "base_url"),
    "mkdocs.config.base.Config._validate": ("self",),
    "mkdocs.config.base.Config.validate": ("self",),
    "mkdocs.config.config_options.SubConfig.pre_validation": ("self", "config", "key_name"),
    "mkdocs.livereload.LiveReloadServer.__init__": ("self", "builder", "host", "port", "root", "mount_path",
                                                    "polling_interval", "shutdown_delay"),
    "mkdocs.livereload.LiveReloadServer._inject_js_into_html": ("self", "content", "epoch"),
}
"""Private (or undocumented) callables helpkit calls or overrides, with the parameters it relies on, in order."""

ATTRIBUTES: dict[str, str] = {
    "mkdocs.config.base.Config._schema": "the (key, option) pairs StrictConfig validates one by one",
    "mkdocs.config.base.Config._schema_keys": "the known keys StrictConfig compares the given ones with",
    "mkdocs.config.config_options.SubConfig._config_file_path": "the config file a nested section is read from",
    "mkdocs.livereload.LiveReloadServer.observer": "the watchdog observer the preview swaps for a native one",
    "mkdocs.livereload.LiveReloadServer.build_delay": "the pause before a rebuild, shortened by the preview",
    "mkdocs.livereload.LiveReloadServer.error_handler": "the hook serving the site's own 404 page",
}
"""Private (or undocumented) attributes helpkit reads or sets, and what for."""

MATERIAL_TEMPLATES: tuple[str, ...] = (
    "base.html", "main.html", "partials/header.html", "partials/alternate.html", "partials/logo.html",
    "partials/palette.html", "partials/javascripts/palette.html", "partials/source.html", "partials/tabs.html",
    "partials/languages/en.html", "partials/copyright.html",
)
"""Material templates helpkit's theme layer (``site_builder/theme``) extends, includes or replaces."""

MATERIAL_BLOCKS: tuple[str, ...] = ("site_meta", "extrahead", "hero", "content")
"""Blocks of Material's ``base.html`` that helpkit's templates override."""

MATERIAL_STRINGS: tuple[str, ...] = ("select.language", "header", "search.placeholder", "search.result.none")
"""Keys of Material's interface strings (``lang.t(...)``) helpkit's templates use."""


# --- MkDocs: rendering single pages -------------------------------------------------------------------------------


def populate_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read a page's Markdown and convert it (``mkdocs.commands.build._populate_page``)."""
    _mkdocs_build._populate_page(page, config, files)


def build_page(page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation,
               env: jinja2.Environment) -> None:
    """Render a converted page with the theme and write it (``mkdocs.commands.build._build_page``)."""
    _mkdocs_build._build_page(page, config, doc_files, nav, env)


def build_theme_template(name: str, env: jinja2.Environment, files: Files, config: MkDocsConfig,
                         nav: Navigation) -> None:
    """Render one of the theme's static templates, e.g. ``404.html``
    (``mkdocs.commands.build._build_theme_template``)."""
    _mkdocs_build._build_theme_template(name, env, files, config, nav)


def build_error_page(name: str, env: jinja2.Environment, files: Files, config: MkDocsConfig, nav: Navigation,
                     base_url: str) -> None:
    """Render an HTTP error page (``404.html``) with its links starting from ``base_url`` (``.``: relative to its
    locale's root, which the page's ``<base>`` names on the server). ``_build_theme_template`` takes ``site_url``'s
    path, or ``/`` without one: a locale's 404 page under ``/es/`` would then link the source locale's pages. The
    plugin events are MkDocs'."""
    template = config.plugins.on_pre_template(env.get_template(name), template_name=name, config=config)
    context = _mkdocs_build.get_context(nav, files, config, base_url=base_url)
    context = config.plugins.on_template_context(context, template_name=name, config=config)
    output = config.plugins.on_post_template(template.render(context), template_name=name, config=config)
    path = Path(config.site_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")


# --- MkDocs: config -----------------------------------------------------------------------------------------------


class StrictConfig(base.Config):
    """A config section that reports every invalid value (MkDocs' ``Config._validate`` stops at the first)
    and rejects unknown keys, each with the closest known one."""

    def _validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed: base.ConfigErrors = []
        warnings: base.ConfigWarnings = []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
                warnings.extend((key, w) for w in option.warnings)
                option.reset_warnings()
            except base.ValidationError as e:
                failed.append((key, e))
        for key in sorted(set(self.keys()) - self._schema_keys):
            failed.append((key, base.ValidationError(f"unknown setting; {closest_name(key, self._schema_keys)}")))
        return failed, warnings


def closest_name(key: str, known: Iterable[str]) -> str:
    """"did you mean 'theme'?" for an unknown setting ``key``; the known names when none is close."""
    names = sorted(known)
    close = difflib.get_close_matches(key, names, n=1)
    return f"did you mean '{close[0]}'?" if close else f"known: {', '.join(names)}"


def setting_names(config: base.Config) -> frozenset[str]:
    """Every name a config's schema knows (for MkDocs' own config: ``theme``, ``markdown_extensions`` ...)."""
    return frozenset(config._schema_keys)


def section_config_path(option: c.SubConfig) -> str | None:  # type: ignore[type-arg]
    """The config file a nested section (``helpkit: contact:``) is read from, as MkDocs passed it down."""
    return option._config_file_path


# --- MkDocs: the preview server -----------------------------------------------------------------------------------


FILE_CHANGES: list[type[watchdog.events.FileSystemEvent]] = [
    watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent, watchdog.events.FileClosedEvent, watchdog.events.DirCreatedEvent,
    watchdog.events.DirModifiedEvent, watchdog.events.DirDeletedEvent, watchdog.events.DirMovedEvent,
]
"""The file events that start a rebuild: those that change something. Not a file opened or closed unwritten
(inotify reports those too): the rebuild reads the files, and a read would start the next rebuild."""


class ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, told of :data:`FILE_CHANGES` only."""

    def schedule(self, event_handler, path, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("event_filter", FILE_CHANGES)
        return super().schedule(event_handler, path, **kwargs)


class NativeWatchServer(LiveReloadServer):
    """MkDocs' LiveReloadServer watching with the platform's native file events (inotify on Linux) instead of
    half-second polling, changes only (not reads), rebuilding 50 ms after the last event (MkDocs waits 100 ms),
    and adding :attr:`page_extra` to the pages it serves (overriding ``LiveReloadServer._inject_js_into_html``)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.observer = ChangeObserver()
        self.build_delay = 0.05
        self.not_found_page: Callable[[str], bytes | None] = lambda path: None
        """The body of the 404 response to a request for ``path`` (None: MkDocs' plain text); MkDocs' own
        ``error_handler`` is not told the path."""
        self.page_extra: Callable[[], bytes] = lambda: b""
        """Markup added at the end of every HTML page served (before MkDocs' live-reload script), as it is at the
        time of the request: the preview's error dialog after a failed rebuild. The files are not changed."""
        self._request = threading.local()
        self.error_handler = lambda code: self.not_found_page(self._request.path) if code == 404 else None

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        extra = self.page_extra()
        if extra:
            end = content.rfind(b"</body>")
            end = len(content) if end < 0 else end
            content = content[:end] + extra + content[end:]
        return super()._inject_js_into_html(content, epoch)

    def serve_request(self, environ, start_response):  # type: ignore[no-untyped-def]
        self._request.path = environ.get("PATH_INFO", "/")  # each request is served in a thread of its own
        return super().serve_request(environ, start_response)


# --- Material: files used by path ---------------------------------------------------------------------------------


@functools.cache
def material_templates() -> Path:
    """Material's ``templates`` folder (its theme: templates, partials, ``.icons``, assets)."""
    import material

    return Path(material.__file__).parent / "templates"


def material_icon(name: str) -> str:
    """The SVG markup of one of Material's bundled icons (``material/credit-card``); empty if unknown."""
    path = material_templates() / ".icons" / f"{name}.svg"
    return path.read_text(encoding="utf-8") if "/" in name and ".." not in name and path.is_file() else ""


def material_lunr() -> Path:
    """Material's copy of lunr-languages (Snowball stemmers compiled to JavaScript)."""
    return material_templates() / "assets" / "javascripts" / "lunr" / "min"
