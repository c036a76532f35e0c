"""The contact page, "Was this helpful?" and the analytics settings, as the build writes them (the browser side is
in tests/e2e/test_selfservice_e2e.py)."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from helpkit.config import load_config
from helpkit.errors import ConfigError
from site_builder.build import build
from site_builder.redact_js import redact_script, to_js
from site_builder.strings import _TABLE, UiStrings
from tests.conftest import MINIMAL_CONFIG, article

FILES = {"content/billing/duplicate-charge.md": article("Why was I charged twice?", "Pending holds.")}


def config_with(section: str) -> str:
    return MINIMAL_CONFIG + section


def test_analytics_errors_are_reported_at_once_naming_each_key(make_project) -> None:  # type: ignore[no-untyped-def]
    section = ("  analytics:\n    provider: umami\n    host: stats.example.com\n    measurement_id: G-1\n"
               "    queries: maybe\n")
    root = make_project(FILES, config=config_with(section))
    with pytest.raises(ConfigError) as err:
        load_config(root / "mkdocs.yml")
    message = str(err.value)
    assert "Config value 'helpkit.analytics'" in message
    assert "'queries': Expected type" in message
    assert "'website_id': required with provider 'umami'" in message
    assert "'host': 'stats.example.com' is not a web address" in message
    assert "'measurement_id': not used by provider 'umami'" in message


@pytest.mark.parametrize("section, problem", [
    ("  analytics:\n    provider: matomo\n", "'provider'"),
    ("  analytics:\n    domain: help.example.com\n", "'domain' is set but no provider"),
    ("  analytics:\n    provider: ga4\n    measurement_id: UA-1234\n", "not a GA4 measurement ID"),
    ("  analytics:\n    provider: custom\n", "'url': required with provider 'custom'"),
])
def test_bad_analytics_settings(make_project, section: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    root = make_project(FILES, config=config_with(section))
    with pytest.raises(ConfigError, match=re.escape(problem)):
        load_config(root / "mkdocs.yml")


def test_url_param_needs_a_url(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(FILES, config=config_with("    url_param: description\n"))
    with pytest.raises(ConfigError, match=r"'url_param': needs 'url'"):
        load_config(root / "mkdocs.yml")


def test_analytics_is_off_by_default(make_project) -> None:  # type: ignore[no-untyped-def]
    config = load_config(make_project(FILES) / "mkdocs.yml")
    assert config.helpkit.analytics.provider is None
    site = build(config).site_dir
    for page in ("index.html", "contact.html", "billing/duplicate-charge.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert 'id="hk-analytics"' not in html and "googletagmanager" not in html and "hk-redact.js" not in html
        assert "hk-site.js" in html


def test_contact_page_and_feedback_widget(make_project) -> None:  # type: ignore[no-untyped-def]
    config = MINIMAL_CONFIG.replace("email: support@acme.example",
                                    "url: https://example.zendesk.com/hc/requests/new\n    url_param: tf_description")
    root = make_project(FILES, config=config + "  locales: [en-XA]\n")
    site = build(load_config(root / "mkdocs.yml")).site_dir
    for prefix in ("", "en-XA/"):
        contact = (site / prefix / "contact.html").read_text(encoding="utf-8")
        assert 'data-hk-url="https://example.zendesk.com/hc/requests/new"' in contact
        assert 'data-hk-param="tf_description"' in contact
        assert '<label class="hk-ask__label" for="hk-question">' in contact
        assert 'data-hk-page="contact"' in contact
        page = (site / prefix / "billing/duplicate-charge.html").read_text(encoding="utf-8")
        assert 'data-hk-article="duplicate-charge"' in page and 'data-hk-page="duplicate-charge"' in page
        assert [v for v in re.findall(r'name="hk-reason" value="(\w+)"', page)] == [
            "missing", "incorrect", "unclear", "outdated"]
        assert 'href="../contact.html"' in page  # "Still need help?" leads to the contact page
    assert "Was this article helpful?" in (site / "billing/duplicate-charge.html").read_text(encoding="utf-8")
    assert "<loc>https://help.example.com/contact.html</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_analytics_settings_reach_the_page_and_the_cache_key(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(FILES, config=config_with(
        "  analytics:\n    provider: ga4\n    measurement_id: G-ABC123XYZ\n    queries: false\n"))
    first = build(load_config(root / "mkdocs.yml"))
    page = (first.site_dir / "billing/duplicate-charge.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="hk-analytics" type="application/json">(.*?)</script>', page).group(1))
    assert data == {"provider": "ga4", "endpoint": "", "domain": "", "website_id": "",
                    "measurement_id": "G-ABC123XYZ", "queries": False}
    assert 'src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"' in page
    assert "hk-redact.js" not in page  # no query text leaves: no redaction needed
    (root / "mkdocs.yml").write_text(config_with(
        "  analytics:\n    provider: plausible\n    domain: help.example.com\n"), encoding="utf-8")
    second = build(load_config(root / "mkdocs.yml"))
    assert second.cached == 0  # a new analytics setting renders every page again
    page = (second.site_dir / "billing/duplicate-charge.html").read_text(encoding="utf-8")
    assert '"endpoint": "https://plausible.io/api/event"' in page and "googletagmanager" not in page
    assert "hk-redact.js" in page


def test_every_locale_translates_the_new_interface_text() -> None:
    prefixes = ("feedback_", "reason_", "contact_", "search_contact")
    new = [f.name for f in fields(UiStrings)
           if f.name.startswith(prefixes) and f.name not in ("contact_text", "contact_label")]
    english = UiStrings()
    for locale, strings in _TABLE.items():
        if locale == "en":
            continue
        same = [n for n in new if getattr(strings, n) == getattr(english, n) and n != "feedback_no"]
        assert same == [], f"{locale}: not translated: {same}"


def test_browser_patterns_are_generated_from_redact_py() -> None:
    script = redact_script()
    table = json.loads(script[script.index("=") + 1:].rstrip().rstrip(";"))
    from helpkit.redact import PATTERNS

    assert set(table) == set(PATTERNS)
    assert table["ssn"][0].count(r"\p{L}") == 8  # \b: a Unicode word boundary (4 classes) on each side
    assert r"(?<date>" in table["phone_or_date"][0]  # Python's (?P<name>...) in JavaScript's spelling


def test_untranslatable_pattern_syntax_fails_the_build() -> None:
    with pytest.raises(ValueError, match=r"escape '\\A'"):
        to_js(re.compile(r"\Afoo"))
    with pytest.raises(ValueError, match="flags"):
        to_js(re.compile("foo", re.IGNORECASE))


def test_contact_page_is_byte_identical_across_builds(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(FILES, config=config_with("  analytics:\n    provider: custom\n    url: https://c.example/e\n"))
    config = load_config(root / "mkdocs.yml")
    one = build(config, site_dir=tmp_path / "one", cache=False).site_dir
    two = build(config, site_dir=tmp_path / "two", cache=False).site_dir
    for rel in ("contact.html", "assets/helpkit/hk-redact.js", "assets/helpkit/hk-site.js",
                "billing/duplicate-charge.html"):
        assert (one / rel).read_bytes() == (two / rel).read_bytes()


def test_article_counts_follow_each_language_plural_rule() -> None:
    from site_builder.strings import article_count, ui_strings

    assert [article_count(ui_strings("en"), "en", n) for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]
    assert article_count(ui_strings("es"), "es", 1) == "1 artículo"
    assert article_count(ui_strings("fr"), "fr", 0) == "0 article"  # French: 0 is singular too


def test_admonitions_without_a_title_get_their_type_name_in_the_page_language() -> None:
    from site_builder.pages import titled_admonitions
    from site_builder.strings import admonition_titles

    body = ('!!! tip\n    A tip.\n\n!!! warning "Own title"\n    x\n\n'
            '```md\n!!! note\n```\n\n??? note inline end\n    y\n')
    out = titled_admonitions(body, admonition_titles("es"))
    assert '!!! tip "Consejo"\n' in out and '!!! warning "Own title"\n' in out  # its own title is kept
    assert "```md\n!!! note\n```" in out  # fenced code is left alone
    assert '??? note inline end "Nota"\n' in out
    assert titled_admonitions(body, admonition_titles("en")) == body  # English: Python-Markdown's own titles
