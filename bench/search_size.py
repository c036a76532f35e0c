"""What one search costs the browser: bytes fetched per query and time to first result, at 1,000 and 5,000 articles.

Synthetic help centers (bench/search_synthetic.py) are indexed with ``write_browser_index``; then
  - bytes/files per query: BANKING77 queries run in headless Chromium, a fresh page each
    (bench/search_browser.py, cold), counting every script the search loads, the runtime included;
  - time to first result: real headless Chromium (Debian's) opens a page from file:// that loads hk-search.js
    like the site does and searches at DOMContentLoaded; measured from navigation start to results ready.
  - the anchor: Material's search downloads one search_index.json with the text of every page (its size is
    estimated here as the JSON of every article's title and text) and builds a lunr index from it on load.

    python bench/search_size.py [--sizes 1000 5000] [--queries 200] [--no-browser]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_browser import BrowserResult, BrowserSearch, chromium  # noqa: E402
from search_synthetic import synthetic_articles  # noqa: E402

from bench.data import eval_dir  # noqa: E402
from search_index import write_browser_index  # noqa: E402

EVAL = eval_dir() / "banking77"

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>
<form class="hk-search hk-search--hero"><input id="hk-search-input" class="hk-search-input">
<ul class="hk-search-results" hidden></ul></form>
<script src="assets/helpkit/hk-search.js"></script>
<script>
document.addEventListener("DOMContentLoaded", function () {
  var q = decodeURIComponent(location.hash.slice(1));
  HelpkitSearch.search(q, 8).then(function (r) {
    window.__done = { ms: performance.now(), hits: r.hits.length,
                      bytes: performance.getEntriesByType("resource").length };
  });
});
</script></body></html>
"""


def queries(n: int) -> list[str]:
    rows = list(csv.DictReader((EVAL / "train.csv").open(encoding="utf-8")))
    step = max(1, len(rows) // n)
    return [r["text"] for r in rows[::step][:n]]


def bytes_per_query(browser, assets: Path, texts: list[str]) -> list[BrowserResult]:  # type: ignore[no-untyped-def]
    with BrowserSearch(browser, assets) as runtime:
        return runtime.search(texts, cold=True)


def first_result_ms(browser, site: Path, texts: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    times: list[float] = []
    for text in texts:
        page = browser.new_page()  # a fresh page each time: nothing cached in memory
        page.goto((site / "index.html").as_uri() + "#" + json.dumps(text)[1:-1])
        page.wait_for_function("window.__done !== undefined", timeout=30_000)
        times.append(page.evaluate("window.__done.ms"))
        page.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--queries", type=int, default=200, help="queries for the bytes measurement")
    parser.add_argument("--browser-queries", type=int, default=20, help="page loads for time to first result")
    parser.add_argument("--no-browser", action="store_true", help="skip time to first result (bytes only)")
    args = parser.parse_args()

    texts = queries(args.queries)
    print(f"{'articles':>8} {'index':>9} {'build':>7} {'bytes/query median':>19} {'p95':>9} {'max':>9} "
          f"{'files p95':>9} {'first result median':>20} {'p95':>7} {'Material json':>14}")
    with chromium() as browser:
        for size in args.sizes:
            measure(browser, size, texts, args)


def measure(browser, size: int, texts: list[str], args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    """One line of the table: a synthetic help center of ``size`` articles."""
    articles = synthetic_articles(size)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        assets = site / "assets" / "helpkit"
        t0 = time.perf_counter()
        write_browser_index(articles, "en", assets)
        build_s = time.perf_counter() - t0
        total = sum(f.stat().st_size for f in assets.rglob("*") if f.is_file())
        results = bytes_per_query(browser, assets, texts)
        sizes = sorted(r.bytes for r in results)
        files = sorted(r.files for r in results)
        material = len(json.dumps({"docs": [{"title": a.title, "text": a.text} for a in articles]}).encode())
        first = "skipped"
        p95_first = ""
        if not args.no_browser:
            (site / "index.html").write_text(PAGE, encoding="utf-8")
            ms = sorted(first_result_ms(browser, site, texts[: args.browser_queries]))
            first = f"{statistics.median(ms):.0f} ms"
            p95_first = f"{ms[int(len(ms) * 0.95) - 1]:.0f} ms"
        print(f"{size:>8} {total / 1e6:>7.1f}MB {build_s:>6.1f}s {statistics.median(sizes) / 1e3:>16.1f} kB "
              f"{sizes[int(len(sizes) * 0.95) - 1] / 1e3:>6.1f} kB {sizes[-1] / 1e3:>6.1f} kB "
              f"{files[int(len(files) * 0.95) - 1]:>9} {first:>20} {p95_first:>7} {material / 1e6:>11.1f} MB")


if __name__ == "__main__":
    main()
