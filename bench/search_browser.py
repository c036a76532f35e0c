"""The browser search (``hk-search.js`` as copied into a built site) run in headless Chromium, as a page runs it.

A blank page opened from ``file://`` loads the runtime with a ``<script>`` tag; the runtime then loads the
index files it needs with its own ``<script>`` tags, exactly as on the site. The parity tests
(tests/test_search_browser.py) and the search benchmarks (bench/search_relevance.py, bench/search_size.py)
use it. Chromium is Debian's (``make install-test`` installs it), driven by Playwright::

    with chromium() as browser, BrowserSearch(browser, site / "assets" / "helpkit") as runtime:
        [result] = runtime.search(["I was charged twice"])
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium."""

CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
)
"""Headless, and no connection leaves the machine."""

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>helpkit search</title>
<script src="{runtime}"></script></head><body></body></html>
"""

SEARCH = """async ([queries, limit, cold]) => {
  const out = [];
  for (const query of queries) {
    const before = cold ? 0 : document.scripts.length;
    try {
      const r = await HelpkitSearch.search(query, limit);
      out.push({ slugs: r.hits.map((h) => h.slug), scores: r.hits.map((h) => h.score),
                 hrefs: r.hits.map((h) => h.href), anchors: r.hits.map((h) => h.anchor),
                 suggestion: r.suggestion, confident: r.confident, hitsConfident: r.hits.map((h) => h.confident),
                 files: Array.from(document.scripts).slice(before).map((s) => s.src).filter(Boolean) });
    } catch (e) {
      out.push({ error: String((e && e.stack) || e) });
    }
  }
  return out;
}"""

TERMS = """async (texts) => {
  const index = await HelpkitSearch.open();
  return texts.map((t) => Array.from(index.analyzer.terms(t)));
}"""


@dataclass(frozen=True, slots=True)
class BrowserResult:
    """What the page's ``HelpkitSearch.search`` answered for one query."""

    slugs: list[str]
    """Articles found, best first."""
    scores: list[float]
    """Their scores."""
    hrefs: list[str]
    """The links the results open."""
    anchors: list[str]
    """Each hit's section anchor ("" when the link opens the top of the article)."""
    suggestion: str | None
    """The "did you mean" query, if any."""
    confident: bool
    """Whether the first hit is a good answer (the index's cut-offs, search_index/_confidence.py)."""
    hits_confident: list[bool]
    """Whether each hit is."""
    files: int
    """Script files the query loaded (on a cold page: the runtime included)."""
    bytes: int
    """Their total size."""


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (one per process: Playwright's sync API nests no second)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is not installed: run 'make install-test' or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


class BrowserSearch:
    """One page running the search runtime of ``assets`` (a locale's ``assets/helpkit/`` folder)."""

    def __init__(self, browser: Any, assets: Path) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="helpkit-browser-"))
        self._page_file = self._dir / "search.html"
        runtime = (Path(assets).resolve() / "hk-search.js").as_uri()
        self._page_file.write_text(PAGE.format(runtime=html.escape(runtime)), encoding="utf-8")
        self._context = browser.new_context()
        self._page = self._context.new_page()
        self._errors: list[str] = []
        self._page.on("pageerror", lambda e: self._errors.append(str(e)))
        self._open()

    def _open(self) -> None:
        self._page.goto(self._page_file.as_uri())
        if self._errors:
            raise RuntimeError(f"JavaScript errors on the search page: {self._errors}")

    def search(self, queries: Sequence[str], *, limit: int = 5, cold: bool = False) -> list[BrowserResult]:
        """Each query's results; ``cold``: a fresh page (nothing loaded yet) for each, counting every file
        the query needs, the runtime included."""
        raw: list[dict[str, Any]] = []
        if cold:
            for query in queries:
                self._open()
                raw += self._page.evaluate(SEARCH, [[query], limit, True])
        else:
            raw = self._page.evaluate(SEARCH, [list(queries), limit, False])
        errors = [r["error"] for r in raw if "error" in r]
        if errors or self._errors:
            raise RuntimeError(f"browser search failed: {(errors or self._errors)[0]}")
        return [BrowserResult(r["slugs"], r["scores"], r["hrefs"], r["anchors"], r["suggestion"], r["confident"],
                              r["hitsConfident"], len(r["files"]), sum(_size(f) for f in r["files"])) for r in raw]

    def terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The browser analyzer's terms of each text."""
        return self._page.evaluate(TERMS, list(texts))

    def evaluate(self, script: str, arg: object = None) -> Any:
        """Run a script in the page (the runtime loaded)."""
        return self._page.evaluate(script, arg)

    def close(self) -> None:
        """Close the page and remove its file."""
        self._context.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> BrowserSearch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _size(url: str) -> int:
    return Path(unquote(urlparse(url).path)).stat().st_size
