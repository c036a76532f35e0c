"""``helpkit serve``: the preview on a local web server, reloading the open page on every save.

Serving and the browser reload come from MkDocs' LiveReloadServer; files are watched with
watchdog's native observer (inotify on Linux) instead of MkDocs' half-second polling.
"""

from __future__ import annotations

import logging
import socket
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import watchdog.observers
from mkdocs.livereload import LiveReloadServer

from helpkit.config import ProjectConfig
from helpkit.errors import ConfigError, HelpkitError, Warning
from site_builder.preview import Preview

log = logging.getLogger("helpkit")


class _Server(LiveReloadServer):
    """LiveReloadServer watching with the platform's native file events."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.observer = watchdog.observers.Observer()
        self.build_delay = 0.05


def check_address(host: str, port: int) -> None:
    """Fail early, with the fix, when the preview cannot listen on ``host:port``."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        raise ConfigError(f"--dev-addr {host}:{port}: cannot listen there ({e.strerror}); "
                          "another server may be running: stop it or choose another port") from None


def serve(config: ProjectConfig, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          report: Callable[[Sequence[Warning]], None] = lambda warnings: None) -> None:
    """Build the preview, then serve it on ``host:port`` until Ctrl-C, re-rendering what changed on every save.

    ``report`` receives the warnings of the first build and of every rebuild (the command line prints them)."""
    check_address(host, port)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    with tempfile.TemporaryDirectory(prefix="helpkit-serve-") as tmp:
        site_dir = Path(tmp) / "site"
        preview = Preview(config.path, site_dir, Path(tmp) / "work")
        report(preview.warnings)

        def rebuild() -> None:
            try:
                report(preview.refresh())
            except HelpkitError as e:  # show the problem, keep serving the last good pages
                log.error(e.format_message())

        server = _Server(builder=rebuild, host=host, port=port, root=str(site_dir))

        def error_page(code: int) -> bytes | None:
            page = site_dir / "404.html"
            return page.read_bytes() if code == 404 and page.exists() else None

        server.error_handler = error_page
        for path, recursive in preview.watched_dirs():
            server.watch(str(path), recursive=recursive)
        try:
            server.serve(open_in_browser=open_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            preview.close()
