"""An imported Zendesk help center in real Chromium: one article in English and in its reviewed Spanish, and one
whose Spanish was kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpkit.config import load_config
from importers import import_help_center
from site_builder.build import build
from tests.e2e.test_site_e2e import heading
from tests.test_import import ACME, FIXTURES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Zendesk fixture imported into a new help center and built (strict), as a file:// URL."""
    root = tmp_path_factory.mktemp("imported")
    (root / "content").mkdir()
    (root / "mkdocs.yml").write_text(ACME, encoding="utf-8")
    import_help_center("zendesk", FIXTURES / "zendesk", root)
    assert build(load_config(root / "mkdocs.yml"), strict=True).warnings == ()
    return (root / "site").as_uri()


def test_imported_article_in_both_locales(page, imported_site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{imported_site}/refunds/how-do-i-get-a-refund.html")
    assert heading(page) == "How do I get a refund?"
    assert page.locator("article table td", has_text="5 to 10 days").count() == 1
    page.locator("article a", has_text="when your refund arrives").click()
    page.wait_for_load_state()
    assert heading(page) == "When will my refund arrive?"
    image = page.locator("article img[alt='Refund status page']")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 40  # the attachment, copied and served
    assert page.locator("article .admonition.warning", has_text="A refund cannot be cancelled.").count() == 1
    assert page.locator("script[src*='evil'], [onclick]").count() == 0

    page.goto(f"{imported_site}/es/refunds/how-do-i-get-a-refund.html")
    assert heading(page) == "¿Cómo obtengo un reembolso?"
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("article li", has_text="Elige el cargo y haz clic en").count() == 1
    assert page.locator("article table td", has_text="De 5 a 10 días").count() == 1
    assert page.locator(".hk-notice").count() == 0  # reviewed translations: no machine-translation notice
    page.screenshot(path=str(tmp_path / "es.png"), full_page=True)

    page.goto(f"{imported_site}/es/refunds/when-will-my-refund-arrive.html")  # kept whole
    assert heading(page) == "¿Cuándo llegará mi reembolso?"
    assert page.locator("article p", has_text="Esto puede tardar unos días.").count() == 1
    image = page.locator("article img[alt='Página de estado del reembolso']")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 40
    assert page.locator(".hk-notice").count() == 0
