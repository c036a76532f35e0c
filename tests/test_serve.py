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
    from site_builder.serve import Rebuild, preview_server

    root = make_project({"content/a/x.md": article("Article X")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    preview = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    server = preview_server(preview, Rebuild(preview), "127.0.0.1", free_port())
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


def test_a_failed_rebuild_shows_over_every_page_until_one_succeeds(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The terminal's message (file, line, fix) over the last good page, the writer's text in it escaped; never in
    the site's files; still there after a save of another article while the broken one is unfixed; gone, and the
    page updated, once it builds."""
    from site_builder.preview import Preview
    from site_builder.serve import Rebuild, preview_server

    root = make_project({"content/a/x.md": article("Article X", "First version."),
                         "content/a/y.md": article("Article Y", "Other.")})
    preview = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    rebuild = Rebuild(preview)
    server = preview_server(preview, rebuild, "127.0.0.1", free_port())
    server.watch(str(root / "content"))  # MkDocs adds its live-reload script (and so the dialog) only when watching

    def get(path: str) -> str:
        return b"".join(server.serve_request({"PATH_INFO": path}, lambda s, headers: None)).decode("utf-8")

    try:
        assert "hk-build-error" not in get("/a/x.html")
        source = root / "content/a/x.md"
        source.write_text("---\ntitle: Article X\ncategory: <img src=x onerror=alert(1)>\n---\n\nSecond version.\n")
        rebuild()
        assert rebuild.error is not None and rebuild.error.startswith("content/a/x.md:3: front matter 'category'")
        assert "First version." in get("/a/x.html")  # the last good page, under the dialog
        for path in ("/a/x.html", "/a/y.html", "/index.html"):
            body = get(path)
            assert 'role="alertdialog"' in body, path
            dialog = body[body.index('<dialog id="hk-build-error"'):body.index("</dialog>")]
            assert "content/a/x.md:3: front matter &#x27;category&#x27;: &#x27;&lt;img src=x onerror=alert(1)&gt;" \
                   "&#x27; is not a category; known: a" in dialog, path
            assert "<img" not in dialog
        assert "hk-build-error" not in (preview.site_dir / "a/x.html").read_text()  # only the server adds it

        (root / "content/a/y.md").write_text(article("Article Y", "Other, edited."))
        rebuild()  # x.md is still broken: the preview says so
        assert "content/a/x.md:3:" in (rebuild.error or "") and "hk-build-error" in get("/a/y.html")

        source.write_text(article("Article X", "Fixed version."))
        rebuild()
        assert rebuild.error is None
        body = get("/a/x.html")
        assert "hk-build-error" not in body and "Fixed version." in body
        assert "Other, edited." in get("/a/y.html")
    finally:
        server.server_close()
        preview.close()


def test_reading_a_watched_file_starts_no_rebuild(tmp_path: Path) -> None:
    """A rebuild reads the files it watches: were a read an event, a rebuild that fails (and so reads the broken
    file again on the next one) would start the next rebuild, and reload the open page, forever."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    from helpkit.mkdocs_internals import NativeWatchServer

    source = tmp_path / "x.md"
    source.write_text("First.")
    server = NativeWatchServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    seen: list[FileSystemEvent] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append  # type: ignore[method-assign]
    server.observer.schedule(handler, str(tmp_path), recursive=True)
    server.observer.start()
    try:
        for _ in range(3):
            source.read_text()
        time.sleep(0.5)
        assert seen == []
        source.write_text("Saved.")
        wait_for(lambda: any(e.src_path == str(source) for e in seen), 10, "the save's event")
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
