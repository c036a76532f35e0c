"""Save → reloaded page in ``helpkit serve``, measured in a real browser on an N-article help center.

    python -m bench.serve_reload --articles 1000 --runs 5

An article page is open in headless Chromium; the benchmark appends a paragraph to that
article's file and times until the open page shows it (live reload included). Anchor: plain
``mkdocs serve`` rebuilds the whole site on every save (9 to 36 s at 1,000 articles here).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return time.perf_counter() - start
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("helpkit serve exited") from None
            time.sleep(0.1)
    raise SystemExit("helpkit serve did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = generate(args.articles, Path(tmp) / "hc")
        port = _free_port()
        proc = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            startup = _wait_for_port(port, proc, 300)
            article = project / "content" / "account" / "article-00010.md"
            original = article.read_text(encoding="utf-8")
            times = []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/account/article-00010.html")
                for run in range(args.runs):
                    time.sleep(1.0)
                    marker = f"Edited paragraph number {run}."
                    start = time.perf_counter()
                    article.write_text(original + f"\n{marker}\n", encoding="utf-8")
                    page.wait_for_function(f"document.body.innerText.includes({marker!r})", timeout=60_000)
                    times.append(time.perf_counter() - start)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"{args.articles} articles: first preview ready in {startup:.1f} s; save → reloaded page "
          f"median {statistics.median(times):.2f} s over {args.runs} edits (min {min(times):.2f}, "
          f"max {max(times):.2f}); target < 2 s")


if __name__ == "__main__":
    main()
