"""A customer's path through the built sample help center, in real headless Chromium."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def heading(page) -> str:  # type: ignore[no-untyped-def]
    """The page's h1 without Material's permalink sign."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_home_to_category_to_article(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/index.html")
    assert page.locator(".hk-hero__title").inner_text() == "How can we help?"
    assert page.locator(".hk-card").count() >= 5
    page.locator(".hk-card", has_text="Billing & payments").click()
    page.wait_for_url(re.compile(r"billing/index\.html$"))
    assert heading(page) == "Billing & payments"
    page.locator(".hk-list__title", has_text="Request a refund").click()
    page.wait_for_url(re.compile(r"billing/request-a-refund\.html$"))
    assert heading(page) == "Request a refund"
    crumbs = page.locator(".hk-breadcrumbs li").all_inner_texts()
    assert [c.strip("› ").strip() for c in crumbs] == ["Home", "Billing & payments"]
    contact = page.locator(".hk-contact")
    assert "Still need help?" in contact.inner_text()
    assert contact.locator("a").get_attribute("href") == "../contact.html"  # the contact page suggests first
    assert page.locator(".hk-related a").count() >= 1
    page.locator(".hk-breadcrumbs a", has_text="Home").click()
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert page.locator(".hk-hero").is_visible()


def test_related_article_link_opens(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/account/reset-your-password.html")
    first = page.locator(".hk-related a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert heading(page) == title


def test_not_found_page(page, http_base_url: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(f"{http_base_url}/404.html")
    assert response is not None and response.ok
    assert "Page not found" in page.locator("article").inner_text()
    assert page.locator(".hk-404__home").count() == 1


def test_dark_mode_toggle(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/index.html")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") != before


def test_home_page_content_starts_under_the_hero_as_an_article_does(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """The blank band between the hero and "Browse by topic" is the page's own top spacing, no more (it was ~90 px
    with Material's h2 margin added on top, against ~50 px between the header and an article's breadcrumbs)."""
    gap = "([above, below]) => document.querySelector(below).getBoundingClientRect().top" \
          " - document.querySelector(above).getBoundingClientRect().bottom"
    page.goto(f"{base}/index.html")
    home = page.evaluate(gap, [".hk-hero", ".hk-section-title"])
    page.goto(f"{base}/billing/request-a-refund.html")
    article = page.evaluate(gap, [".md-header", ".md-content__inner > :first-child"])
    assert abs(home - article) <= 2, (home, article)
