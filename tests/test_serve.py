"""``helpkit serve`` as a process: however it is stopped, no process it started outlives it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CONFIG, REPO, article

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        state, _ppid, pgrp = text[text.rindex(")") + 2:].split()[:3]
        if int(pgrp) == pgid and state != "Z":
            members.append(int(stat.parent.name))
    return members


def indexed(temp: Path, word: str) -> bool:
    """Whether the preview's search index (in serve's temporary folder) finds ``word``."""
    from search_index import search

    for index in temp.glob("helpkit-serve-*/work/index"):
        try:
            return bool(search(index, word, locale="en").hits)
        except Exception:  # the index is being replaced while read
            return False
    return False


def wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT], ids=["SIGTERM", "SIGKILL", "Ctrl-C"])
def test_no_process_outlives_serve(make_project, tmp_path: Path, stop: signal.Signals) -> None:  # type: ignore[no-untyped-def]
    """SIGINT goes to the whole process group, as a terminal's Ctrl-C does."""
    root = make_project({"content/a/x.md": article("Article X", "Original."),
                         "content/a/y.md": article("Article Y", "Other.")})
    port, temp = free_port(), tmp_path / "tmp"
    temp.mkdir()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp)}, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def listening() -> bool:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                return False

        wait_for(listening, 90, "the preview server")
        (root / "content/a/x.md").write_text(article("Article X", "Edited: the search index is rebuilt."))
        wait_for(lambda: len(group(proc.pid)) > 1, 90, "the indexing worker")  # the edit started it
        wait_for(lambda: indexed(temp, "rebuilt"), 90, "the worker to index the edit")  # then it waits, idle
        if stop == signal.SIGINT:
            os.killpg(proc.pid, stop)
        else:
            proc.send_signal(stop)
        proc.wait(timeout=60)
        wait_for(lambda: not group(proc.pid), 15, f"every process of serve's group to end after {stop.name}")
        if stop != signal.SIGKILL:  # a clean stop: the temporary site is gone, a message and no traceback
            assert not list(temp.glob("helpkit-serve-*"))
            assert proc.returncode == 0
            output = (tmp_path / "serve.log").read_text()
            assert "Shutting down" in output and "Traceback" not in output, output
    finally:
        if group(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        log.close()


def test_serve_leaves_logging_to_the_command_line(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The stage logs; configuring the root logger is the CLI's job (a program calling serve() keeps its own)."""
    import logging

    from helpkit.config import load_config
    from helpkit.mkdocs_internals import NativeWatchServer
    from site_builder.serve import serve

    def interrupted(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(NativeWatchServer, "serve", interrupted)
    root_logger = logging.getLogger()
    monkeypatch.setattr(root_logger, "handlers", [])  # pytest's own capture handlers would hide basicConfig
    monkeypatch.setattr(root_logger, "level", logging.WARNING)
    project = make_project({"content/a/x.md": article("Article X")})
    serve(load_config(project / "mkdocs.yml"), port=free_port())
    assert root_logger.handlers == [] and root_logger.level == logging.WARNING


def test_a_missing_page_gets_the_404_page_of_its_locale(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As a host with an error page per locale: ``/es/...`` gets the Spanish 404 page, any other path the site
    root's (the preview served the root's everywhere)."""
    from site_builder.preview import Preview
    from site_builder.serve import preview_server

    root = make_project({"content/a/x.md": article("Article X")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    preview = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    server = preview_server(preview, lambda: None, "127.0.0.1", free_port())
    try:
        def get(path: str) -> tuple[str, str]:
            status: list[str] = []
            body = b"".join(server.serve_request({"PATH_INFO": path}, lambda s, headers: status.append(s)))
            return status[0], body.decode("utf-8")

        for path, lang in (("/es/no/such/page", "es"), ("/es/a/gone.html", "es"), ("/no/such/page", "en"),
                           ("/a/gone.html", "en"), ("/esx/gone", "en")):
            status, body = get(path)
            assert status.startswith("404") and f'<html lang="{lang}"' in body, path
        assert get("/es/a/x.html")[0].startswith("200")
    finally:
        server.server_close()
        preview.close()
