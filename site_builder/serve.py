"""``helpkit serve``: the preview on a local web server, reloading the open page on every save.

Serving and the browser reload come from MkDocs' LiveReloadServer; files are watched with
watchdog's native observer (inotify on Linux) instead of MkDocs' half-second polling. A save that
fails to build reloads the open page all the same: the server then adds the error, as the terminal
prints it, over every page it serves (never to the files of the site), until a save builds again.
"""

from __future__ import annotations

import logging
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path
from string import Template

from helpkit.config import ProjectConfig
from helpkit.errors import ConfigError, HelpkitError, Warning
from helpkit.mkdocs_internals import NativeWatchServer
from site_builder.preview import Preview

log = logging.getLogger("helpkit")


def check_address(host: str, port: int) -> None:
    """Fail early, with the fix, when the preview cannot listen on ``host:port``."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        raise ConfigError(f"--dev-addr {host}:{port}: cannot listen there ({e.strerror}); "
                          "another server may be running: stop it or choose another port") from None


@contextmanager
def _sigterm_stops() -> Iterator[None]:
    """Inside the block, SIGTERM (systemd, a container stop, a CI runner) stops the preview as Ctrl-C does: the
    indexing process is stopped and the temporary site removed."""
    if threading.current_thread() is not threading.main_thread():  # signal handlers live in the main thread
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


ERROR_OVERLAY = Template((Path(__file__).parent / "preview_error.html").read_text(encoding="utf-8"))
"""The dialog a failed rebuild shows over the page (``$message``: the error, HTML-escaped)."""


def error_overlay(message: str) -> bytes:
    """The markup showing ``message`` over the page: a modal dialog (``role="alertdialog"``, labelled, with the
    focus on its button) that Esc or the button dismisses, scrolling on a small screen."""
    return ERROR_OVERLAY.substitute(message=escape(message)).encode("utf-8")


class Rebuild:
    """The preview's rebuild on a save; it remembers a failure for the pages served until a rebuild succeeds."""

    def __init__(self, preview: Preview, report: Callable[[Sequence[Warning]], None] = lambda warnings: None) -> None:
        self.preview = preview
        self.report = report
        self.error: str | None = None
        """The last rebuild's error as the terminal printed it (file, line, cause, fix); None once one succeeds."""

    def __call__(self) -> None:
        try:
            warnings = self.preview.refresh()
        except HelpkitError as e:  # show the problem, keep serving the last good pages
            self.error = e.format_message()
            log.error(self.error)
        else:
            self.error = None
            self.report(warnings)

    def overlay(self) -> bytes:
        """What every page served gets: the error's dialog after a failed rebuild, else nothing."""
        error = self.error  # read once: a rebuild may be setting it in the build thread
        return error_overlay(error) if error else b""


def preview_server(preview: Preview, rebuild: Rebuild, host: str, port: int) -> NativeWatchServer:
    """The server of ``preview`` (not listening yet): its pages (with the last rebuild's error over them, if it
    failed), ``rebuild`` on every change of the watched folders, and for a missing path the 404 page of the locale
    the path is under (``/es/...``: ``es/404.html``, as a host with an error page per locale serves the built
    site), else the site root's."""
    server = NativeWatchServer(builder=rebuild, host=host, port=port, root=str(preview.site_dir))
    server.page_extra = rebuild.overlay

    def not_found(path: str) -> bytes | None:
        first = path.lstrip("/").split("/", 1)[0]
        locales = preview.config.helpkit.locales
        page = preview.site_dir / first / "404.html" if first in locales else preview.site_dir / "404.html"
        return page.read_bytes() if page.exists() else None

    server.not_found_page = not_found
    for path, recursive in preview.watched_dirs():
        server.watch(str(path), recursive=recursive)
    return server


def serve(config: ProjectConfig, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          report: Callable[[Sequence[Warning]], None] = lambda warnings: None) -> None:
    """Build the preview, then serve it on ``host:port`` until Ctrl-C, re-rendering what changed on every save.

    ``report`` receives the warnings of the first build and of every rebuild (the command line prints them)."""
    check_address(host, port)
    with _sigterm_stops(), tempfile.TemporaryDirectory(prefix="helpkit-serve-") as tmp:
        site_dir = Path(tmp) / "site"
        preview = Preview(config.path, site_dir, Path(tmp) / "work")
        report(preview.warnings)
        server = preview_server(preview, Rebuild(preview, report), host, port)
        try:
            server.serve(open_in_browser=open_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            preview.close()
