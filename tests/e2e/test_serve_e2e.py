"""``helpkit serve``: an edit to an article shows in the open browser page without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, article

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(make_project) -> Iterator[tuple[Path, str]]:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("Live article", "Original text.")})
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "serve", "-f", str(root / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read().decode() if proc.stdout else "serve exited")  # noqa: B904
            time.sleep(0.2)
    try:
        yield root, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stdout:
            proc.stdout.close()


def test_edit_shows_in_the_open_page(page, served) -> None:  # type: ignore[no-untyped-def]
    root, url = served
    page.goto(f"{url}/a/x.html")
    assert "Original text." in page.locator("article").inner_text()
    time.sleep(0.5)  # let the page's live-reload connection start
    (root / "content/a/x.md").write_text(article("Live article", "Edited while the page was open."))
    page.wait_for_function("(document.body?.innerText ?? '').includes('Edited while the page was open.')",
                           timeout=20_000)
