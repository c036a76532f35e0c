"""Each locale's 404 page in real Chromium: served for a missing path at any depth, and opened from disk, its language
switcher, navigation and home button lead to the right locale's pages, with ``site_url`` set (the sample) and not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest

from helpkit.config import load_config
from site_builder.build import build
from tests.conftest import MINIMAL_CONFIG, REPO, article, write_tree
from tests.e2e.conftest import _QuietHandler, serving

pytestmark = pytest.mark.e2e


class _LocaleNotFound(_QuietHandler):
    """A static host with an error page per locale (nginx's ``error_page``, Netlify's 404 rules): a missing path
    under ``/<locale>/`` gets that locale's ``404.html``, any other the site root's."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        first = urlsplit(self.path).path.lstrip("/").split("/")[0]
        page = root / first / "404.html" if first and (root / first / "404.html").is_file() else root / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def unset_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A help center in two locales (English and the pseudo-locale under ``/en-XA/``) without ``site_url``, with a
    logo (an image in the header and the navigation)."""
    root = write_tree(tmp_path_factory.mktemp("no-site-url"), {
        "mkdocs.yml": MINIMAL_CONFIG.replace("site_url: https://help.example.com/\n", "").replace(
            "  name: material\n", "  name: material\n  logo: billing/images/logo.png\n") + "  locales: [en-XA]\n",
        "content/billing/images/logo.png": (REPO / "content/getting-started/images/dashboard.png").read_bytes(),
        "content/billing/_category.yml": "title: Billing\n",
        "content/billing/refunds.md": article("Request a refund", "Open **Billing**."),
        "content/account/_category.yml": "title: Account\n",
        "content/account/password.md": article("Reset your password", "Use the link."),
    })
    return build(load_config(root / "mkdocs.yml")).site_dir


SITES = {"site_url": ("built_sample_site", "es"), "no site_url": ("unset_site", "en-XA")}
"""Each site under test: its fixture and its other locale than English."""


@pytest.fixture(params=list(SITES))
def site(request) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """A built site and its locale other than English."""
    fixture, other = SITES[request.param]
    return request.getfixturevalue(fixture), other


@pytest.fixture
def server(site: tuple[Path, str]) -> Iterator[str]:
    """The site served over HTTP on loopback, each locale with its own 404 page: ``http://127.0.0.1:PORT``."""
    with serving(site[0], _LocaleNotFound) as url:
        yield url


def locale_of(page) -> str:  # type: ignore[no-untyped-def]
    """The locale of the page shown (the pseudo-locale's pages say ``lang="en"``)."""
    return page.get_attribute("script[data-hk-locale]", "data-hk-locale")


def links(page) -> tuple[dict[str, str], list[str], str]:  # type: ignore[no-untyped-def]
    """The 404 page's links as the browser resolves them: the language switcher's (by language), the navigation's
    and the home button's."""
    switcher = page.eval_on_selector_all("a.md-select__link", "els => els.map(a => [a.hreflang, a.href])")
    nav = page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", "els => els.map(a => a.href)")
    return dict(switcher), nav, page.eval_on_selector(".hk-404__home", "a => a.href")


@pytest.mark.parametrize("locale", ["en", "other"])
def test_not_found_page_links_its_locale_at_any_depth(page, site, server: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    _, other = site
    prefix = "" if locale == "en" else f"{other}/"
    for missing in (f"{prefix}no-such-page.html", f"{prefix}billing/gone/deeper/page.html"):
        response = page.goto(f"{server}/{missing}")
        assert response is not None and response.status == 404
        assert locale_of(page) == ("en" if locale == "en" else other)
        switcher, nav, home = links(page)
        assert switcher == {"en": f"{server}/index.html", other: f"{server}/{other}/index.html"}, missing
        assert home == f"{server}/{prefix}index.html"
        assert nav and all(url.startswith(f"{server}/{prefix}") for url in nav), nav
        if locale == "en":
            assert not any(url.startswith(f"{server}/{other}/") for url in nav), nav
        for url in nav:
            assert page.request.get(url).status == 200, url
    target = "Español" if other == "es" else "Pseudo-locale"
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link", has_text="English" if locale != "en" else target).click()
    page.wait_for_load_state()
    assert page.url == (f"{server}/{other}/index.html" if locale == "en" else f"{server}/index.html")
    assert locale_of(page) == (other if locale == "en" else "en") and page.locator(".hk-card").count() >= 2


@pytest.mark.parametrize("locale", ["en", "other"])
def test_not_found_page_opened_from_disk_links_its_locale(page, site, locale: str) -> None:  # type: ignore[no-untyped-def]
    root, other = site
    folder = root if locale == "en" else root / other
    page.goto((folder / "404.html").as_uri())
    switcher, nav, home = links(page)
    assert switcher == {"en": (root / "index.html").as_uri(), other: (root / other / "index.html").as_uri()}
    assert home == (folder / "index.html").as_uri()
    assert nav
    for url in nav:
        path = Path(url2pathname(urlsplit(url).path))
        assert path.is_file() and path.is_relative_to(folder), url
        assert locale != "en" or not path.is_relative_to(root / other), url
    # the stylesheets load too: Material's header is laid out, not a bare list
    assert page.eval_on_selector(".md-header", "h => getComputedStyle(h).position") == "sticky"


def _failed_requests(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The requests of ``page`` that fail from now on (a missing file, a refused address), as a live list; not
    those cut short by leaving the page (the favicon of a page the test moves on from)."""
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}") if "ERR_ABORTED" not in str(r.failure)
            else None)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document"
            else None)
    return failed


SEARCHES = {"es": ("me cobraron dos veces", "billing/duplicate-charge.html"),
            "en-XA": ("refund", "billing/refunds.html")}
"""A query each site's other locale answers, and the page of its first result."""


def test_not_found_page_opened_from_disk_loads_everything_and_searches(page, site) -> None:  # type: ignore[no-untyped-def]
    """The walkthrough's page: opened from disk, the 404 page's scripts (Material's bundle, hk-site.js, hk-search.js)
    loaded from the server's root, seven requests failed and the search box did nothing."""
    root, other = site
    failed = _failed_requests(page)
    page.goto((root / other / "404.html").as_uri())
    query, target = SEARCHES[other]
    page.locator(".hk-404__search .hk-search-input").fill(query)
    result = page.locator(".hk-404__search .hk-search-result").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state()
    assert page.url == (root / other / target).as_uri()
    assert failed == []
    page.goto((root / "404.html").as_uri())
    assert page.evaluate("typeof window.document$") == "object"  # Material's bundle ran
    assert failed == []
    # with scripts on, the markup kept in <noscript> for browsers without them is not shown as text
    assert 'class="md-' not in page.inner_text("body")


def test_not_found_page_searches_at_any_depth_over_http(page, site, server: str) -> None:  # type: ignore[no-untyped-def]
    _, other = site
    failed = _failed_requests(page)
    response = page.goto(f"{server}/{other}/billing/gone/deeper/page.html")
    assert response is not None and response.status == 404
    query, target = SEARCHES[other]
    page.locator(".hk-404__search .hk-search-input").fill(query)
    result = page.locator(".hk-404__search .hk-search-result").first
    result.wait_for(timeout=10_000)
    assert result.evaluate("a => a.href").replace("/assets/helpkit/../../", "/") == f"{server}/{other}/{target}"
    assert failed == []
    assert 'class="md-' not in page.inner_text("body")  # the <noscript> markup is not shown as text


def test_not_found_page_without_scripts_is_styled_and_links_at_any_depth(browser, site, server: str) -> None:  # type: ignore[no-untyped-def]
    """Scripts off: the page keeps Material's and helpkit's stylesheets (its search box styled, its header and
    navigation laid out as on any page) and links the locale's pages through its <base>, at any depth."""
    _, other = site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1100, "height": 800})
    try:
        page = context.new_page()
        failed = _failed_requests(page)
        response = page.goto(f"{server}/{other}/billing/gone/deeper/page.html")
        assert response is not None and response.status == 404
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href && new URL(s.href).pathname)")
        assert {f"/{other}/assets/helpkit/helpkit.css", f"/{other}/assets/helpkit/hk-search.css"} <= set(sheets)
        assert page.eval_on_selector(".md-header", "h => getComputedStyle(h).position") == "sticky"
        search = page.locator(".hk-404__search .hk-search-input")
        assert search.bounding_box()["height"] > 40  # hk-search.css: the large box, not a bare input
        content, title = page.locator(".md-content").bounding_box(), page.locator(".hk-404__title").bounding_box()
        assert content["x"] == 0 and title["x"] < 50  # no empty sidebar pushing the text right
        home = page.eval_on_selector(".hk-404__home", "a => a.href")
        assert home == f"{server}/{other}/index.html" and page.request.get(home).status == 200
        assert failed == []
    finally:
        context.close()
