"""Real headless Chromium (Debian's ``chromium``, driven by Playwright) against the built sample help center."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import REPO


@pytest.fixture(scope="session")
def built_sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample help center, built with ``helpkit build`` into a temporary folder."""
    from helpkit.config import load_config
    from site_builder.build import build

    project = tmp_path_factory.mktemp("sample")
    for name in ("content", "locales"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, project / name)
    for name in ("mkdocs.yml", "synonyms.txt", "questions.csv"):
        shutil.copy(REPO / name, project / name)
    build(load_config(project / "mkdocs.yml"))
    return project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serving(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """``directory`` served over HTTP on loopback while the block runs: ``http://127.0.0.1:PORT``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def http_base_url(built_sample_site: Path) -> Iterator[str]:
    """The built sample site served over HTTP on loopback: ``http://127.0.0.1:PORT``."""
    with serving(built_sample_site) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def base(request, built_sample_site: Path) -> str:  # type: ignore[no-untyped-def]
    """The site's root URL, served over HTTP and opened from disk."""
    if request.param == "http":
        return request.getfixturevalue("http_base_url")
    return built_sample_site.as_uri()


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser page; fails the test on any JavaScript error. No request leaves the machine: one to another
    host (the sample's ``site_url``, where Material looks for sitemaps beside hreflang links) gets a 404 here, unless
    a test routes it itself (later routes win)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])"), lambda route: route.fulfill(status=404))
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


HOSTILE = [
    f"{n},Customs forms for the drone shipment <script>alert('xss')</script>,"
    f"\"Which customs declaration do I need for a drone battery to Canada? <img src=x onerror=alert({n})>\","
    f"2026-11-0{1 + n % 9} 10:00:00 +0000,en,web"
    for n in range(900, 915)
]


@pytest.fixture(scope="session")
def deflection_report(built_sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of the sample export plus a burst of tickets carrying markup (one run for the report's
    browser and accessibility tests)."""
    out = tmp_path_factory.mktemp("report")
    tickets = out / "hostile.csv"
    tickets.write_text("Id,Subject,Description,Created at,Requester locale,Via\n" + "\n".join(HOSTILE) + "\n")
    result = CliRunner().invoke(main, ["deflection", str(REPO / "examples" / "tickets.csv"), str(tickets),
                                       "--format", "html", "--out", str(out),
                                       "-f", str(built_sample_site.parent / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    (html,) = out.glob("*.html")
    return html
