"""``helpkit serve``: an edit to an article shows in the open browser page without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, article
from tests.e2e.test_accessibility_e2e import serious
from tests.test_serve import group

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
                             "-a", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
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
        deadline = time.monotonic() + 15
        while group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = group(proc.pid)
        if left:
            os.killpg(proc.pid, signal.SIGKILL)
        assert not left, f"processes of helpkit serve left running: {left}"


def test_edit_shows_in_the_open_page(page, served) -> None:  # type: ignore[no-untyped-def]
    root, url = served
    page.goto(f"{url}/a/x.html")
    assert "Original text." in page.locator("article").inner_text()
    time.sleep(0.5)  # let the page's live-reload connection start
    (root / "content/a/x.md").write_text(article("Live article", "Edited while the page was open."))
    page.wait_for_function("(document.body?.innerText ?? '').includes('Edited while the page was open.')",
                           timeout=20_000)


def test_a_broken_save_shows_its_error_over_the_page_until_fixed(page, served) -> None:  # type: ignore[no-untyped-def]
    """The terminal's message, file and line, over the last good page at once; Esc dismisses it; the next broken
    save shows it again, the good one after it takes it away and shows the edit."""
    root, url = served
    page.goto(f"{url}/a/x.html")
    time.sleep(0.5)  # let the page's live-reload connection start
    source = root / "content/a/x.md"
    source.write_text("---\ntitle: Live article\n\nEdited while the front matter was unclosed.\n")
    dialog = page.get_by_role("alertdialog", name="Your last save did not build")
    dialog.wait_for(timeout=20_000)
    message = dialog.locator("pre").inner_text()
    assert message.startswith("content/a/x.md:4: invalid YAML") and "add a line '---' above it" in message, message
    assert page.evaluate("document.activeElement.id") == "hk-build-error-message"  # the keyboard is on the message
    assert "Original text." in page.locator("article").inner_text()  # the last good page, behind it
    assert serious(page) == []  # axe-core: the dialog named, its text readable

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=5_000)
    source.write_text("---\ntitle: Live article\ntags: [billing\n---\n\nStill broken.\n")
    dialog.wait_for(timeout=20_000)
    assert dialog.locator("pre").inner_text().startswith("content/a/x.md:3: invalid YAML: did not find expected ','")

    source.write_text(article("Live article", "Fixed: the page shows it."))
    page.wait_for_function("(document.body?.innerText ?? '').includes('Fixed: the page shows it.')", timeout=20_000)
    assert page.locator("#hk-build-error").count() == 0
