"""Switching language in real Chromium: the same page in Spanish, and the notices on pages that are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpkit.config import load_config
from site_builder.build import build
from tests.conftest import MINIMAL_CONFIG, article
from tests.e2e.test_site_e2e import heading

pytestmark = pytest.mark.e2e


def switch_to(page, language: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link", has_text=language).click()
    page.wait_for_load_state()


def test_switch_language_stays_on_the_same_article(page, base: str) -> None:  # type: ignore[no-untyped-def]
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    sitemaps: list[str] = []
    page.on("request", lambda r: sitemaps.append(r.url) if r.url.endswith("sitemap.xml") else None)
    page.goto(f"{base}/billing/request-a-refund.html")
    page.wait_for_load_state("networkidle")
    # Material maps pages between languages from sitemap.xml beside each hreflang link: from disk there is none to
    # read, and from another address than the site's (here localhost, as `helpkit serve`; the links name the live
    # site) it reached the live site; the switcher below links each page directly
    assert sitemaps == [] and failed == []
    assert page.locator("link[rel=alternate][hreflang]").count() == 0
    if not base.startswith("file:"):  # search engines, reading the live site, still get them
        source = page.request.get(f"{base}/billing/request-a-refund.html").text()
        assert source.count('<link rel="alternate" hreflang=') == 2
    switch_to(page, "Español")
    page.wait_for_url(re.compile(r"/es/billing/request-a-refund\.html$"))
    assert heading(page) == "Solicita un reembolso"
    assert page.locator("html").get_attribute("lang") == "es"
    assert "¿Todavía necesitas ayuda?" in page.locator(".hk-contact").inner_text()
    assert page.locator(".hk-notice").count() == 0  # reviewed by a person: no notice
    switch_to(page, "English")
    page.wait_for_url(re.compile(r"/billing/request-a-refund\.html$"))
    assert heading(page) == "Request a refund"


def test_spanish_home_page(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/es/index.html")
    assert page.locator(".hk-hero__title").inner_text() == "¿En qué podemos ayudarte?"
    assert page.locator(".hk-card", has_text="Facturación y pagos").count() == 1
    assert "Centro de ayuda de Parcelo" in page.title()  # the site name is translated too


THEME_LABELS = {
    "en": ("Made with", "Switch to dark mode", "Switch to light mode", "Permanent link", "Breadcrumb"),
    "es": ("Hecho con", "Cambiar al modo oscuro", "Cambiar al modo claro", "Enlace permanente", "Ruta de navegación"),
}
"""The theme's labels a reader meets on an article (footer credit, palette toggles, heading links, breadcrumbs)."""


@pytest.mark.parametrize("locale", ["en", "es"])
def test_theme_labels_are_in_the_page_language(page, built_sample_site: Path, locale: str) -> None:  # type: ignore[no-untyped-def]
    made, dark, light, permalink, crumbs = THEME_LABELS[locale]
    folder = built_sample_site if locale == "en" else built_sample_site / locale
    page.goto((folder / "billing/duplicate-charge.html").as_uri())
    footer = page.locator(".md-copyright").inner_text()
    assert made in footer and "Material for MkDocs" in footer
    toggles = page.locator("label.md-header__button[for^='__palette']")
    assert sorted(toggles.evaluate_all("els => els.map(e => e.title)")) == sorted([dark, light])
    options = page.locator("input[name='__palette']").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert sorted(options) == sorted([dark, light])
    titles = set(page.locator("a.headerlink").evaluate_all("els => els.map(e => e.title)"))
    assert titles == {permalink}
    assert page.locator(".hk-breadcrumbs").get_attribute("aria-label") == crumbs
    if locale == "es":  # and no English label is left anywhere on the page
        html = page.content()
        for english in THEME_LABELS["en"]:
            assert english not in html, english


def test_article_kept_in_english_says_so(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/es/privacy-security/data-processing-agreement.html")
    notice = page.locator(".hk-notice--untranslated")
    assert "aún no está disponible en español" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url(re.compile(r"/privacy-security/data-processing-agreement\.html$"))
    assert "/es/" not in page.url
    assert heading(page) == "Data processing agreement (DPA)"


@pytest.fixture(scope="module")
def machine_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A help center with the pseudo-locale: every page there is machine text."""
    root = tmp_path_factory.mktemp("pseudo")
    (root / "content/a").mkdir(parents=True)
    (root / "content/a/_category.yml").write_text("title: Basics\n")
    (root / "content/a/x.md").write_text(article("Reset your password", "Click **Forgot password**."))
    (root / "mkdocs.yml").write_text(MINIMAL_CONFIG + "  locales: [en-XA]\n")
    return build(load_config(root / "mkdocs.yml")).site_dir


def test_machine_translated_page_says_so_and_links_the_original(page, machine_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{machine_site.as_uri()}/en-XA/a/x.html")
    notice = page.locator(".hk-notice--machine")
    assert notice.count() == 1
    assert heading(page) != "Reset your password"  # the pseudo-translation
    notice.locator("a").click()
    page.wait_for_url(re.compile(r"/a/x\.html$"))
    assert heading(page) == "Reset your password"
