"""Accessibility of the whole site in real Chromium: axe-core on every page type, light and dark, English and
Spanish, with no serious or critical violation; the contact page and "Was this helpful?" with the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

PAGES = {
    "home": ("index.html", None),
    "category": ("billing/index.html", None),
    "article": ("billing/duplicate-charge.html", "button[data-hk-vote=no]"),  # with the reasons open
    "contact": ("contact.html", "#hk-question"),  # with suggestions shown
    "404": ("404.html", None),
    "search open": ("index.html", "#hk-search-input"),
}
"""Each page type: its path, and what to click or type into before the check (None: as loaded)."""

QUERIES = {"en": "charged twice", "es": "cobraron dos veces"}


def serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations on the page, one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    return [f"{v['id']} ({v['impact']}): {n['target']} {n.get('failureSummary', '')}"
            for v in results["violations"] if v["impact"] in ("serious", "critical") for n in v["nodes"]]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):  # type: ignore[no-untyped-def]
    """A page whose browser prefers the light or the dark colour scheme (Material follows it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violations(scheme_page, http_base_url: str, kind: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    # over HTTP: the 404 page links its assets from the site root, as a web server serves it at any path
    path, action = PAGES[kind]
    page = scheme_page
    page.goto(f"{http_base_url}/{'es/' if locale == 'es' else ''}{path}")
    if action and action.startswith("button"):
        page.click(action)
    elif action:
        page.fill(action, QUERIES[locale])
        page.wait_for_selector(".hk-ask__article, .hk-search--hero a.hk-search-result")
    assert serious(page) == []


def test_deflection_report_has_no_serious_violations(scheme_page, deflection_report: Path) -> None:  # type: ignore[no-untyped-def]
    scheme_page.goto(deflection_report.as_uri())
    assert serious(scheme_page) == []


def tab_to(page, selector: str, limit: int = 300) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until ``selector`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus with Tab")


def focused(page, script: str):  # type: ignore[no-untyped-def]
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def test_contact_page_with_the_keyboard_alone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.context.route("https://parcelo.example/**", lambda route: route.fulfill(status=200, body="form"))
    page.goto(f"{base}/es/contact.html")
    tab_to(page, "#hk-question")
    page.keyboard.type("me cobraron dos veces")
    page.wait_for_selector(".hk-ask[data-hk-state=done] .hk-ask__article")
    page.keyboard.press("Tab")
    assert focused(page, "el.dataset.hkSlug") == "duplicate-charge"  # the first suggestion is next
    tab_to(page, ".hk-ask__send", limit=10)  # then, past the suggestions, the hand-over
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "description=me%20cobraron%20dos%20veces" in page.url
    page.goto(f"{base}/es/contact.html")
    tab_to(page, "#hk-question")
    page.keyboard.type("me cobraron dos veces")
    page.wait_for_selector(".hk-ask[data-hk-state=done] .hk-ask__article")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # opens the suggested article
    assert page.url.endswith("/es/billing/duplicate-charge.html")


def test_feedback_with_the_keyboard_alone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/billing/duplicate-charge.html")
    widget = page.locator(".hk-feedback")
    assert widget.get_attribute("aria-labelledby") == "hk-feedback-title"
    tab_to(page, "button[data-hk-vote=no]")
    page.keyboard.press("Enter")
    assert focused(page, "el.tagName") == "FIELDSET"  # the reasons' legend is read out next
    assert widget.locator(".hk-feedback__vote").is_hidden()
    page.keyboard.press("Tab")
    assert focused(page, "el.value") == "missing"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused(page, "el.value + ':' + el.checked") == "unclear:true"
    tab_to(page, ".hk-feedback__reasons button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    thanks = widget.locator(".hk-feedback__thanks")
    assert thanks.get_attribute("role") == "status"  # announced by screen readers
    assert thanks.inner_text() == "Thank you for your feedback."
    assert focused(page, "el.classList.contains('hk-feedback__thanks')")
    assert widget.locator(".hk-feedback__more a").get_attribute("href") == "../contact.html"

    page.goto(f"{base}/billing/request-a-refund.html")
    tab_to(page, "button[data-hk-vote=yes]")
    page.keyboard.press("Space")
    assert page.locator(".hk-feedback__thanks").inner_text() == "Thank you for your feedback."
    assert page.locator(".hk-feedback__more").is_hidden()


def test_search_with_the_keyboard_alone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """Before: the search boxes showed no keyboard focus (WCAG 2.4.7), and Enter pressed straight after typing only
    started the search: a second Enter was needed to open the first result."""
    page.goto(f"{base}/index.html")
    tab_to(page, "#hk-search-input")
    ring = focused(page, "getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert ring == "solid 2px", ring
    page.keyboard.type("charged twice")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # at once, before the search of what was typed has run
    assert page.url.endswith("/billing/duplicate-charge.html")
    tab_to(page, "#hk-search-header-input")
    ring = focused(page, "getComputedStyle(el).outlineStyle")
    assert ring == "solid", ring


def test_the_home_search_box_keeps_a_margin_on_a_phone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """Before: at 390 px wide the hero's search box ran from one screen edge to the other."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/index.html")
    box = page.locator("#hk-search-input").bounding_box()
    assert box is not None and box["x"] >= 8 and box["x"] + box["width"] <= 390 - 8, box
