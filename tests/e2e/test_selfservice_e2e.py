"""The self-service loop in real Chromium, over HTTP and from disk, in English and Spanish: the contact page
suggests the article a question needs and hands the question over intact; "Was this helpful?" and the search
boxes send EVENTS.md's events in each provider's documented format (requests intercepted), redacted; nothing
leaves the page when analytics is off."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from helpkit.redact import redact
from tests.conftest import REPO
from tests.e2e.conftest import _QuietHandler

pytestmark = pytest.mark.e2e

ANALYTICS = {
    "plausible": "    provider: plausible\n    domain: help.parcelo.example\n",
    "umami": "    provider: umami\n    website_id: 3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70\n"
             "    host: https://stats.parcelo.example\n",
    "ga4": "    provider: ga4\n    measurement_id: G-PARCELO42\n",
    "custom": "    provider: custom\n    url: https://collect.parcelo.example/events\n    queries: false\n",
}
"""The sample help center's ``helpkit: analytics:`` section for each provider (custom: no query text)."""

ENDPOINTS = {
    "plausible": "https://plausible.io/api/event",
    "umami": "https://stats.parcelo.example/api/send",
    "custom": "https://collect.parcelo.example/events",
    "ga4": "https://gtag.test/collect",
}
"""Where each provider's events go (GA4: where the test's stand-in for gtag.js forwards each gtag() call)."""

GTAG_JS = "https://www.googletagmanager.com/gtag/js?id=G-PARCELO42"

GTAG_STANDIN = """
(function () {  // stands in for Google's gtag.js (no network in tests): forwards each gtag('event', ...) call
  function forward(args) {
    if (args && args[0] === "event") {
      fetch("ENDPOINT", { method: "POST", keepalive: true, mode: "no-cors",
                          body: JSON.stringify({ name: args[1], params: args[2] }) });
    }
  }
  var layer = window.dataLayer = window.dataLayer || [];
  Array.prototype.forEach.call(layer, forward);
  var push = layer.push;
  layer.push = function () { Array.prototype.forEach.call(arguments, forward); return push.apply(layer, arguments); };
})();
""".replace("ENDPOINT", ENDPOINTS["ga4"])

HANDOVER = "https://parcelo.example/support/new-ticket"
"""The sample's contact.url (``url_param: description``)."""

CORS = {"access-control-allow-origin": "*", "access-control-allow-headers": "content-type",
        "access-control-allow-methods": "POST"}


@pytest.fixture(scope="session")
def signal_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample help center built once per analytics provider: ``<root>/<provider>/``."""
    from helpkit.config import load_config
    from site_builder.build import build

    project = tmp_path_factory.mktemp("signals")
    for name in ("content", "locales"):
        shutil.copytree(REPO / name, project / name)
    for name in ("synonyms.txt", "questions.csv"):
        shutil.copy(REPO / name, project / name)
    sample = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert sample.rstrip().splitlines()[-1].startswith("    "), "the sample's helpkit: section must come last"
    for provider, section in ANALYTICS.items():
        config = project / f"mkdocs-{provider}.yml"
        config.write_text(sample.rstrip() + "\n  analytics:\n" + section, encoding="utf-8")
        build(load_config(config), site_dir=project / "sites" / provider)
    return project / "sites"


@pytest.fixture(scope="session")
def signal_http(signal_sites: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(signal_sites))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["http", "file"])
def site_url(request, signal_sites: Path) -> Callable[[str], str]:  # type: ignore[no-untyped-def]
    """``site_url(provider)``: that provider's site root, over HTTP or from disk."""
    if request.param == "http":
        root = request.getfixturevalue("signal_http")
        return lambda provider: f"{root}/{provider}"
    return lambda provider: (signal_sites / provider).as_uri()


@pytest.fixture
def root(request, signal_sites: Path) -> Callable[[str, str], str]:  # type: ignore[no-untyped-def]
    """``root(provider, mode)``: that provider's site root, over ``http`` or from disk (``file``)."""
    def url(provider: str, mode: str) -> str:
        if mode == "http":
            return f"{request.getfixturevalue('signal_http')}/{provider}"
        return (signal_sites / provider).as_uri()
    return url


CASES = [("plausible", "en", "http"), ("umami", "es", "file"), ("ga4", "es", "http"), ("custom", "en", "file")]
"""Each analytics provider once, each locale and each way of opening the site twice, every locale with every way
(pairwise): the providers' payloads do not depend on the page's locale or address, which the other tests cover."""


def test_the_cases_cover_every_provider_locale_and_way_of_opening() -> None:
    assert {c[0] for c in CASES} == set(ANALYTICS) and {c[1] for c in CASES} == set(LOCALES)
    assert {(c[1], c[2]) for c in CASES} == {(loc, mode) for loc in LOCALES for mode in ("http", "file")}


class Collector:
    """The analytics endpoint, intercepted: every event body that reached it, as (name, properties)."""

    def __init__(self, page, provider: str) -> None:  # type: ignore[no-untyped-def]
        self.provider = provider
        self.page = page
        self.raw: list[dict] = []
        self.pages: list[str] = []
        page.context.route(ENDPOINTS[provider], self._handle)
        if provider == "ga4":
            page.context.route(GTAG_JS, lambda route: route.fulfill(
                status=200, content_type="text/javascript", body=GTAG_STANDIN))
        page.context.route(HANDOVER + "*", lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>New ticket</title><h1>New ticket</h1>"))

    def _handle(self, route) -> None:  # type: ignore[no-untyped-def]
        request = route.request
        if request.method == "OPTIONS":  # CORS preflight (Umami's JSON POST)
            route.fulfill(status=204, headers=CORS)
            return
        assert request.method == "POST"
        body = request.post_data
        self.raw.append(json.loads(body) if body is not None else {"missing body": request.url})
        self.pages.append(request.headers.get("referer", ""))
        route.fulfill(status=202, headers=CORS, body="{}")

    def events(self) -> list[tuple[str, dict]]:
        """Each body checked against the provider's documented format, as (event name, properties)."""
        return [self._parse(body) for body in self.raw]

    def _parse(self, body: dict) -> tuple[str, dict]:
        if self.provider == "plausible":  # Events API: POST /api/event {name, url, domain, props}
            assert set(body) == {"name", "url", "domain", "props"}
            assert body["domain"] == "help.parcelo.example"
            assert body["url"].startswith(("http://", "file://"))
            assert all(isinstance(v, str) for v in body["props"].values())  # custom properties are strings
            return body["name"], body["props"]
        if self.provider == "umami":  # POST /api/send {type: "event", payload: {website, url, hostname, ...}}
            assert body["type"] == "event"
            payload = body["payload"]
            assert {"website", "url", "hostname", "language", "name", "data"} <= set(payload)
            assert payload["website"] == "3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70"
            assert payload["url"].startswith("/")
            return payload["name"], payload["data"]
        if self.provider == "custom":  # {"event", "props", "ts": ISO-8601}
            assert set(body) == {"event", "props", "ts"}
            datetime.fromisoformat(body["ts"].replace("Z", "+00:00"))
            return body["event"], body["props"]
        return body["name"], body["params"]  # gtag('event', name, params)

    def wait(self, count: int, timeout: float = 10.0) -> list[tuple[str, dict]]:
        """The events once at least ``count`` arrived (waiting through Playwright: route handlers run only while
        it dispatches events, never during a plain sleep)."""
        end = time.monotonic() + timeout
        while len(self.raw) < count and time.monotonic() < end:
            self.page.wait_for_timeout(50)
        return self.events()


def plain(provider: str, props: dict) -> dict:
    """Properties as EVENTS.md states them (Plausible carries every value as a string)."""
    if provider != "plausible":
        return props
    return {k: str(v) for k, v in props.items()}


LOCALES = {
    "en": ("", "I was charged twice for my order, mail me at jane.doe@example.com",
           "I was charged twice for my order, mail me at [email]"),
    "es": ("es/", "me cobraron dos veces, escribidme a jane.doe@example.com",
           "me cobraron dos veces, escribidme a [email]"),
}
"""Per locale: its folder, a question the sample answers with duplicate-charge (with an e-mail address in it),
and that question as it may leave the browser."""


@pytest.mark.parametrize("provider, locale, mode", CASES)
def test_feedback_event(page, root, provider: str, locale: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    sink = Collector(page, provider)
    page.goto(f"{root(provider, mode)}/{LOCALES[locale][0]}billing/duplicate-charge.html")
    widget = page.locator(".hk-feedback")
    assert widget.is_visible()
    widget.locator("button[data-hk-vote=no]").click()
    widget.locator("input[value=outdated]").check()
    widget.locator(".hk-feedback__reasons button[type=submit]").click()
    assert widget.locator(".hk-feedback__thanks").inner_text() in ("Thank you for your feedback.",
                                                                    "Gracias por tu opinión.")
    events = sink.wait(1)
    assert events == [("feedback", plain(provider, {
        "article": "duplicate-charge", "vote": "no", "reason": "outdated", "locale": locale,
        "page": "duplicate-charge"}))]


@pytest.mark.parametrize("provider, locale, mode", CASES)
def test_search_events(page, root, provider: str, locale: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    folder, question, redacted = LOCALES[locale]
    sink = Collector(page, provider)
    page.goto(f"{root(provider, mode)}/{folder}index.html")
    box = page.locator("#hk-search-input")
    box.fill(question)
    page.wait_for_selector(".hk-search--hero[data-hk-state=done] a.hk-search-result")
    shown = page.locator(".hk-search--hero a.hk-search-result").count()
    box.press("Enter")  # opens the first result
    page.wait_for_url("**/duplicate-charge.html")
    query = {"query": redacted} if provider != "custom" else {}  # custom: queries: false
    assert sink.wait(1) == [("search", plain(provider, {
        "results": shown, "opened_first": 1, "locale": locale, "page": "home", **query}))]

    # a search that finds nothing says so, offers the contact page, and reports it
    box = page.locator(".hk-search--header .hk-search-input")
    box.fill("xyzzy plugh")
    offer = page.locator(".hk-search--header .hk-search-contact a")
    offer.wait_for()
    assert page.locator(".hk-search--header .hk-search-empty").is_visible()
    offer.click()
    page.wait_for_url("**/contact.html")
    events = sink.wait(3)[1:]
    query = {"query": "xyzzy plugh"} if provider != "custom" else {}
    base = {"locale": locale, "page": "duplicate-charge"}
    assert events == [("search", plain(provider, {"results": 0, "opened_first": 0, **base, **query})),
                      ("no_result", plain(provider, {"weak": 0, **base, **query}))]
    assert page.locator("#hk-question").input_value() == "xyzzy plugh"  # the contact page starts from it
    assert "xyzzy" not in page.url  # ... and the text left the address bar at once


def test_a_weak_search_reports_no_result(page, site_url) -> None:  # type: ignore[no-untyped-def]
    # results were shown, but the first was weak: the box said so, and the report counts it as unanswered
    sink = Collector(page, "plausible")
    page.goto(f"{site_url('plausible')}/index.html")
    page.locator("#hk-search-input").fill("can you recommend a good pizza place")
    page.locator(".hk-search--hero .hk-search-contact a").wait_for()
    shown = page.locator(".hk-search--hero a.hk-search-result").count()
    assert shown > 0
    page.locator(".hk-search--hero .hk-search-contact a").click()
    page.wait_for_url("**/contact.html")
    base = {"locale": "en", "page": "home", "query": "can you recommend a good pizza place"}
    assert sink.wait(2) == [("search", plain("plausible", {"results": shown, "opened_first": 0, **base})),
                            ("no_result", plain("plausible", {"weak": 1, **base}))]


@pytest.mark.parametrize("provider, locale, mode", CASES)
def test_contact_events_and_handover(page, root, provider: str, locale: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    folder, question, redacted = LOCALES[locale]
    sink = Collector(page, provider)
    page.goto(f"{root(provider, mode)}/{folder}contact.html")
    page.locator("#hk-question").fill(question)
    page.wait_for_selector(".hk-ask[data-hk-state=done] .hk-ask__article")
    slugs = page.locator(".hk-ask__article").evaluate_all("els => els.map(e => e.dataset.hkSlug)")
    assert slugs[0] == "duplicate-charge"
    with page.expect_request(HANDOVER + "*") as handed:
        page.locator(".hk-ask__send").click()
    # the team's own form gets the customer's words, intact (not redacted: it is where they are meant to go)
    assert parse_qs(urlsplit(handed.value.url).query) == {"description": [question]}
    query = {"query": redacted} if provider != "custom" else {}
    props = {"articles": ",".join(slugs), "locale": locale, "page": "contact", **query}
    assert sorted(sink.wait(2)) == sorted([("contact_suggested", plain(provider, props)),
                                           ("contact_sent", plain(provider, props))])


@pytest.mark.parametrize("locale", ["en", "es"])
def test_contact_page_suggests_what_helpkit_search_finds(page, base: str, built_sample_site: Path,
                                                         locale: str) -> None:
    from search_index import search

    folder, question, _ = LOCALES[locale]
    page.goto(f"{base}/{folder}contact.html")
    assert page.locator("h1").inner_text().rstrip("¶") in ("Contact support", "Contactar con soporte")
    intro = page.locator(".hk-ask__handover-intro")  # "None of these helps?": only under suggested articles
    assert not intro.is_visible() and page.locator(".hk-ask__send").is_visible()
    page.locator("#hk-question").press_sequentially("me cobraron dos veces" if locale == "es"
                                                    else "I was charged twice", delay=20)
    page.wait_for_selector(".hk-ask[data-hk-state=done] .hk-ask__article")
    slugs = page.locator(".hk-ask__article").evaluate_all("els => els.map(e => e.dataset.hkSlug)")
    assert slugs[0] == "duplicate-charge"
    titles = page.locator(".hk-ask__title").all_inner_texts()
    assert titles[0] == ("¿Por qué me cobraron dos veces?" if locale == "es" else "Why was I charged twice?")
    typed = page.locator("#hk-question").input_value()
    python = search(built_sample_site.parent / ".helpkit" / "index", typed, locale=locale, limit=5)
    assert slugs == [h.slug for h in python.hits]  # the same prebuilt index, the same ranking
    assert page.locator(".hk-ask__status").inner_text() != ""  # announced to screen readers
    assert intro.inner_text() == ("¿Ninguno te ayuda?" if locale == "es" else "None of these helps?")
    page.locator("#hk-question").fill("")
    page.wait_for_selector(".hk-ask[data-hk-state=empty]")
    assert not intro.is_visible()


def test_nothing_leaves_the_page_without_analytics(page, base: str) -> None:  # type: ignore[no-untyped-def]
    requests: list = []
    page.context.on("request", lambda r: requests.append(r))
    page.context.route(HANDOVER + "*", lambda route: route.fulfill(status=200, body="ok"))
    page.goto(f"{base}/billing/duplicate-charge.html")
    assert page.locator("#hk-analytics").count() == 0
    page.locator(".hk-feedback button[data-hk-vote=yes]").click()
    page.locator(".hk-search--header .hk-search-input").fill("charged twice jane@example.com")
    page.wait_for_selector(".hk-search--header a.hk-search-result")
    page.locator(".hk-search--header a.hk-search-result").first.click()
    page.wait_for_load_state()
    page.goto(f"{base}/contact.html")
    page.locator("#hk-question").fill("I was charged twice")
    page.wait_for_selector(".hk-ask__article")
    page.locator(".hk-ask__send").click()
    page.wait_for_url(HANDOVER + "*")
    here = urlsplit(base)
    # Material's language switcher reads the site's own sitemap (site_url): the help center's own host
    own = {here.netloc, "help.parcelo.example"}
    foreign = [r.url for r in requests if urlsplit(r.url).scheme in ("http", "https")
               and urlsplit(r.url).netloc not in own and not r.url.startswith(HANDOVER)]
    assert foreign == []
    assert [r.url for r in requests if r.method != "GET"] == []
    scripts = [r.url for r in requests if r.resource_type == "script"]
    assert scripts and all(urlsplit(u).netloc == here.netloc and urlsplit(u).scheme == here.scheme for u in scripts)
    assert not any("hk-redact" in u for u in scripts)


def test_handover_by_email_fills_subject_and_body(page, make_project) -> None:  # type: ignore[no-untyped-def]
    from helpkit.config import load_config
    from site_builder.build import build
    from tests.conftest import article

    root = make_project({"content/billing/duplicate-charge.md": article(
        "Why was I charged twice?", "Pending holds look like duplicate charges.", keywords=["charged twice"])})
    site = build(load_config(root / "mkdocs.yml")).site_dir
    page.goto((site / "contact.html").as_uri())
    text = "Charged twice & refunded 50%? Order #A-17 + café\nSecond line: ¿qué pasó?"
    page.locator("#hk-question").fill(text)
    page.wait_for_selector(".hk-ask__article")
    href = page.locator(".hk-ask__send").get_attribute("href")
    assert href.startswith("mailto:support@acme.example?")
    fields = dict(part.split("=", 1) for part in urlsplit(href).query.split("&"))
    assert set(fields) == {"subject", "body"}
    assert unquote(fields["body"]) == text.replace("\n", "\r\n")  # RFC 6068: CRLF line breaks
    assert unquote(fields["subject"]) == "Charged twice & refunded 50%? Order #A-17 + café"
    assert "+" not in fields["body"].replace("%2B", "")  # spaces are %20: mail clients do not read '+' as one


REDACTION_SAMPLES = [
    "mail me at jane.doe+x@mail.example.co.uk now", "card 4111 1111 1111 1111 and 4111-1111-1111-1111",
    "card 4111 1111 1111 1112 fails Luhn", "IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN DE89370400440532013000.",
    "IBAN DE00370400440532013000 is not valid", "call +44 20 7946 0958 or (555) 123-4567", "ssn 123-45-6789",
    "from 192.168.1.20", "account 12345678901", "reset at https://app.example.com/reset?token=abc123",
    "order 12345 cost $1500 on 2024-01-05", "version 2.3.1", "wait 10-15 days", "Chat started: 2026-10-06 02:18 PM",
    "since 06/10/2026 14:18", "2026-10-06 02:18 call +44 20 7946 0958", "número 0034 612 345 678 en Madrid",
    "ref 1234567890123456789012", "Zoë's order 987654321 to josé@correo.es", "no personal data at all",
    "tracking 1Z999AA10123456784", "電話 090-1234-5678 です", "zamówienie KW-146590?", "Order ORD12345, not RTX4090",
    "Account number 6398971, moving house", "policy #552 811 renewal", "customer since 2019",
]


def test_browser_redaction_matches_python(page, signal_sites: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((signal_sites / "plausible" / "index.html").as_uri())
    page.wait_for_function("window.HelpkitRedactPatterns && window.HelpkitSite")
    browser = page.evaluate("texts => texts.map(t => window.HelpkitSite.redact(t))", REDACTION_SAMPLES)
    assert browser == [redact(t) for t in REDACTION_SAMPLES]
