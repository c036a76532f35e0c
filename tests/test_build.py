"""``helpkit build``: the pages a customer sees, deterministic output, and a build that never loses the last site."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest

from helpkit.config import load_config
from helpkit.errors import ContentErrors
from search_index import search
from site_builder import build as build_module
from site_builder.build import build
from tests.conftest import MINIMAL_CONFIG, article

FILES = {
    "content/billing/_category.yml": "title: Billing & payments\ndescription: Plans and refunds.\n"
                                     "icon: material/credit-card-outline\norder: 2\n",
    "content/account/_category.yml": "title: Your account\ndescription: Sign-in and security.\norder: 1\n",
    "content/billing/request-a-refund.md": article(
        "Request a refund", """
        Refunds go back to your card.

        ## How long does it take?

        Five to ten days. See [duplicate charges](duplicate-charge.md#check-first).
        """, description="Get your money back.", tags=["refunds"], order=2, updated="2026-09-14"),
    "content/billing/duplicate-charge.md": article(
        "Why was I charged twice?", "## Check first\n\nLook at the dates. ![Invoice](images/invoice.png)",
        description="Pending holds look like duplicates.", tags=["refunds"], order=1, updated="2026-03-02"),
    "content/billing/images/invoice.png": b"\x89PNG\r\n\x1a\n fake",
    "content/account/reset-your-password.md": article(
        "Reset your password", "Use the *Forgot password* link.", description="Get back into your account.",
        related=["request-a-refund"], updated="2026-01-05"),
}


@pytest.fixture
def project(make_project):  # type: ignore[no-untyped-def]
    return make_project(FILES)


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_home_category_and_article_pages(project: Path) -> None:
    result = build(load_config(project / "mkdocs.yml"))
    site = result.site_dir
    assert site == project / "site" and result.pages == 1 + 1 + 2 + 3  # home, contact, categories, articles

    home = html(site, "index.html")
    assert 'class="hk-hero' in home and "How can we help?" in home
    # category cards: title, description, article count, in category order
    assert home.index("Your account") < home.index("Billing &amp; payments")
    assert "Plans and refunds." in home and "2 articles" in home and "<svg" in home
    assert ">1 article</span>" in home  # the singular (Babel's plural rule for the locale), not "1 articles"

    category = html(site, "billing/index.html")
    assert category.index("Why was I charged twice?") < category.index("Request a refund")  # by order
    assert "Pending holds look like duplicates." in category

    page = html(site, "billing/request-a-refund.html")
    assert 'class="hk-breadcrumbs"' in page and 'href="../index.html">Home<' in page
    assert 'href="index.html">Billing &amp; payments<' in page
    assert "Last updated September 14, 2026" in page
    assert 'class="hk-related"' in page and "Why was I charged twice?" in page  # same tags
    assert "Still need help?" in page and 'href="../contact.html"' in page
    assert 'href="mailto:support@acme.example"' in html(site, "contact.html")
    assert '<link rel="canonical" href="https://help.example.com/billing/request-a-refund.html">' in page
    assert 'rel="icon"' in page
    assert 'href="duplicate-charge.html#check-first"' in page

    reset = html(site, "account/reset-your-password.html")
    assert 'href="../billing/request-a-refund.html">Request a refund<' in reset  # front matter related
    assert (site / "billing/images/invoice.png").exists()
    not_found = html(site, "404.html")  # helpkit's page, not Material's bare "404"
    assert '<h1 class="hk-404__title">Page not found</h1>' in not_found
    assert "does not exist or has moved. Try searching for it." in not_found
    assert 'class="hk-search hk-search--hero"' in not_found and 'id="hk-search-input"' in not_found
    # the page is served for any missing path, at any depth: its links start from the locale's root, which its
    # <base> names on the server before any link or stylesheet
    assert 'class="md-button md-button--primary hk-404__home" href="./index.html"' in not_found
    assert not_found.index('<base href="/">') < not_found.index("<link ")
    assert (site / "assets/helpkit/helpkit.css").exists()
    assert "@media print" in html(site, "assets/helpkit/helpkit.css")


def test_a_build_in_one_process_leaves_the_environment_as_it_was(project: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    """One core: the locale is rendered in this process, which must not keep MkDocs' fixed build date."""
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234")
    build(load_config(project / "mkdocs.yml"))
    assert os.environ["SOURCE_DATE_EPOCH"] == "1234"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build(load_config(project / "mkdocs.yml"))
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_sitemap_lists_every_page_with_its_own_date(project: Path) -> None:
    site = build(load_config(project / "mkdocs.yml")).site_dir
    sitemap = html(site, "sitemap.xml")
    assert ("<loc>https://help.example.com/billing/request-a-refund.html</loc><lastmod>2026-09-14</lastmod>"
            in sitemap)
    assert "account/reset-your-password.html" in sitemap and "billing/index.html" in sitemap


def test_without_site_url_the_build_warns_and_writes_no_invalid_sitemap(make_project) -> None:  # type: ignore[no-untyped-def]
    """A sitemap's entries and hreflang links are absolute URLs: without ``site_url`` there are none, and the build
    says which field of which file to set, and what needs it."""
    config = MINIMAL_CONFIG.replace("site_url: https://help.example.com/\n", "") + "  locales: [en-XA]\n"
    root = make_project({**FILES}, config=config)
    result = build(load_config(root / "mkdocs.yml"))
    said = [str(w) for w in result.warnings if "site_url" in str(w)]
    assert len(said) == 1 and said[0].startswith("mkdocs.yml: 'site_url' is not set"), result.warnings
    for need in ("sitemap", "hreflang", "canonical", "deflection", "site_url: https://"):
        assert need in said[0], need
    assert sorted(p.name for p in result.site_dir.rglob("sitemap*")) == []
    assert 'rel="alternate" hreflang' not in html(result.site_dir, "en-XA/billing/request-a-refund.html")
    assert 'href="../../billing/request-a-refund.html" hreflang="en"' in html(  # the switcher still works
        result.site_dir, "en-XA/billing/request-a-refund.html")
    assert not build(load_config(root / "mkdocs.yml"), strict=True).published


def test_nav_does_not_embed_every_article(make_project) -> None:  # type: ignore[no-untyped-def]
    files = {f"content/a/article-{i:02d}.md": article(f"Article number {i:02d}") for i in range(30)}
    site = build(load_config(make_project(files) / "mkdocs.yml")).site_dir
    page = html(site, "a/article-00.html")
    others = sum(f"Article number {i:02d}" in page for i in range(1, 30))
    assert others <= 5  # related articles only: page size does not grow with the help center


def test_output_is_byte_identical_across_builds(project: Path, tmp_path: Path) -> None:
    config = load_config(project / "mkdocs.yml")
    first = build(config, site_dir=tmp_path / "one").site_dir
    second = build(config, site_dir=tmp_path / "two").site_dir
    files_one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_one == files_two
    different = [str(p) for p in files_one if (first / p).read_bytes() != (second / p).read_bytes()]
    assert different == []


def test_last_updated_comes_from_git_not_the_clock(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("No date here")})
    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-02-03T10:00:00", "GIT_COMMITTER_DATE": "2025-02-03T10:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(cmd, cwd=root, env=env, check=True)
    site = build(load_config(root / "mkdocs.yml")).site_dir
    assert "Last updated February 3, 2025" in html(site, "a/x.html")


def test_failed_build_keeps_the_last_good_site(project: Path) -> None:
    config = load_config(project / "mkdocs.yml")
    site = build(config).site_dir
    before = html(site, "billing/request-a-refund.html")
    (project / "content/billing/request-a-refund.md").write_text("---\ntitle: [broken\n---\n")
    with pytest.raises(ContentErrors, match="invalid YAML"):
        build(config)
    assert html(site, "billing/request-a-refund.html") == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert leftovers == []


def crash(job, shard, shards):  # type: ignore[no-untyped-def]
    """A render that dies half-way through writing."""
    (job.out_dir / "index.html").parent.mkdir(parents=True, exist_ok=True)
    (job.out_dir / "index.html").write_text("half-written")
    raise RuntimeError("killed mid-render")


def test_crash_during_rendering_keeps_the_last_good_site(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = load_config(project / "mkdocs.yml")
    site = build(config).site_dir
    before = sorted(p.relative_to(site) for p in site.rglob("*"))

    monkeypatch.setattr(build_module, "render_shard", crash)
    with pytest.raises(RuntimeError, match="killed mid-render"):
        build(config)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert "half-written" not in html(site, "index.html")


def test_broken_link_is_a_warning_and_strict_fails(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "See [gone](missing.md).")})
    config = load_config(root / "mkdocs.yml")
    result = build(config)
    warning = result.warnings[0]  # then MkDocs' own about the same link
    assert warning.where == "content/a/x.md:5" and "missing.md" in warning.message
    (root / "content/a/x.md").write_text(article("X changed", "See [gone](missing.md)."))
    strict = build(config, strict=True)
    assert not strict.published and strict.warnings == result.warnings
    assert "X changed" not in html(root / "site", "a/x.html")  # the previous site was kept


def test_a_link_to_a_draft_shows_its_text_until_the_draft_is_published(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "See [the renewal rules](d.md#when \"Renewal\").\n\n"
                                                         "![logo](logo.png) and [kept](y.md)."),
                         "content/a/y.md": article("Y"), "content/a/logo.png": b"\x89PNG fake",
                         "content/a/d.md": article("Draft D", "## When\n\nSoon.", draft=True)})
    config = load_config(root / "mkdocs.yml")
    for result in (build(config, strict=True), built := build(config)):  # the second from the build cache
        assert [(w.where, w.message[:45]) for w in result.warnings] == [
            ("content/a/x.md:5", "link 'd.md#when' links to the draft 'Draft D'")]
    assert built.cached == built.pages
    page = html(built.site_dir, "a/x.html")
    assert "See the renewal rules." in page and "d.md" not in page and "d.html" not in page  # no dead link
    assert '<a href="y.html">kept</a>' in page and 'src="logo.png"' in page
    (root / "content/a/d.md").write_text(article("Draft D", "## When\n\nSoon."))
    published = build(config, strict=True)
    assert published.published, published.warnings
    assert '<a href="d.html#when" title="Renewal">the renewal rules</a>' in html(root / "site", "a/x.html")


def test_links_to_a_draft_become_text_in_any_language_and_nothing_else_changes(tmp_path: Path) -> None:
    from site_builder.pages import unlinked_drafts

    here, draft = tmp_path / "a/x.md", tmp_path / "a/d.md"
    body = ("Ver [la *renovación*](d.md#cuando 'T') y [otra](<../a/d.md>), no [esta](y.md), ni ![d](d.md), "
            "ni \\[escrito](d.md), ni [web](https://example.com/d.md).")
    assert unlinked_drafts(body, here, {draft.resolve()}) == (
        "Ver la *renovación* y otra, no [esta](y.md), ni ![d](d.md), ni \\[escrito](d.md), "
        "ni [web](https://example.com/d.md).")
    assert unlinked_drafts(body, here, set()) == body
    refs = "[La renovación][R] y [r][] y [r], no [otra][y] ni [texto].\n\n[r]: d.md \"T\"\n[y]: y.md\n"
    assert unlinked_drafts(refs, here, {draft.resolve()}) == (
        "La renovación y r y r, no [otra][y] ni [texto].\n\n[r]: d.md \"T\"\n[y]: y.md\n")


def test_link_escaping_content_is_an_error(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "[secrets](../../../etc/passwd)")})
    with pytest.raises(ContentErrors, match="points outside content/"):
        build(load_config(root / "mkdocs.yml"))


def test_contact_url_and_label_from_config(make_project) -> None:  # type: ignore[no-untyped-def]
    config = MINIMAL_CONFIG.replace("email: support@acme.example",
                                    "url: https://acme.example/contact\n    label: Chat with us")
    root = make_project({"content/a/x.md": article("X")}, config=config)
    site = build(load_config(root / "mkdocs.yml")).site_dir
    assert "Chat with us" in html(site, "a/x.html")
    assert 'data-hk-url="https://acme.example/contact"' in html(site, "contact.html")


def test_locales_get_their_own_site_switcher_and_hreflang(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("Reset your password", "Click *Forgot password*.")},
                        config=MINIMAL_CONFIG + "  locales: [en-XA]\n")
    site = build(load_config(root / "mkdocs.yml")).site_dir
    page = html(site, "en-XA/a/x.html")
    assert '<link rel="alternate" hreflang="en" href="https://help.example.com/a/x.html">' in page
    assert '<link rel="alternate" hreflang="en-XA" href="https://help.example.com/en-XA/a/x.html">' in page
    assert 'href="../../a/x.html" hreflang="en"' in page  # the switcher stays on the same article
    assert "hk-notice--machine" in page and "Reset your password" not in page.split("<article")[1]
    assert 'href="../../a/x.html">' in page  # the notice links the original
    source = html(site, "a/x.html")
    assert 'href="../en-XA/a/x.html" hreflang="en-XA"' in source
    # Material's bundle fetches sitemap.xml beside every hreflang link: each one is there, on the site's host
    for href in re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', page + source):
        beside = urljoin(href, "sitemap.xml").removeprefix("https://help.example.com/")
        assert (site / beside).is_file(), beside
    assert "<loc>https://help.example.com/en-XA/a/x.html</loc>" in html(site, "en-XA/a/sitemap.xml")
    assert "/b/" not in html(site, "a/sitemap.xml")  # a folder's sitemap holds its own pages


def test_an_untranslated_article_points_search_engines_at_the_original(make_project) -> None:  # type: ignore[no-untyped-def]
    """Served in Spanish with its notice, an article not translated yet is a copy of the English page: its canonical
    is the English page and no hreflang link names the copy; a translated article keeps its links both ways."""
    import polib

    root = make_project({"content/a/x.md": article("Reset your password", "Click the link."),
                         "content/a/y.md": article("Change your plan", "Open the billing page.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)  # writes locales/es.po with empty entries; translate x only
    po = polib.pofile(str(root / "locales/es.po"))
    for entry in po:
        entry.msgstr = {"Reset your password": "Restablece tu contraseña",
                        "Click the link.": "Haz clic en el enlace."}.get(entry.msgid, "")
    po.save()
    site = build(config).site_dir

    copy = html(site, "es/a/y.html")
    assert "hk-notice--untranslated" in copy
    assert '<div lang="en">\n<p>Open the billing page.</p>' in copy  # the English text is there, marked English
    assert '<link rel="canonical" href="https://help.example.com/a/y.html">' in copy
    assert 'rel="canonical" href="https://help.example.com/es/a/y.html"' not in copy
    assert 'rel="alternate" hreflang' not in copy
    original = html(site, "a/y.html")
    assert '<link rel="canonical" href="https://help.example.com/a/y.html">' in original
    assert 'hreflang="es" href="https://help.example.com/es/a/y.html"' not in original

    translated = html(site, "es/a/x.html")
    assert "Restablece tu contraseña" in translated
    assert '<link rel="canonical" href="https://help.example.com/es/a/x.html">' in translated
    for page in (translated, html(site, "a/x.html")):
        assert '<link rel="alternate" hreflang="en" href="https://help.example.com/a/x.html">' in page
        assert '<link rel="alternate" hreflang="es" href="https://help.example.com/es/a/x.html">' in page


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_second_build_reuses_the_cache_and_gives_the_same_site(project: Path, tmp_path: Path) -> None:
    config = load_config(project / "mkdocs.yml")
    first = build(config, site_dir=tmp_path / "one")
    assert first.cached == 0
    second = build(config, site_dir=tmp_path / "two")
    assert second.cached == second.pages == first.pages
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_edit_rerenders_only_the_pages_that_show_it(project: Path, tmp_path: Path) -> None:
    config = load_config(project / "mkdocs.yml")
    build(config)
    src = project / "content/billing/request-a-refund.md"
    src.write_text(src.read_text().replace("Refunds go back to your card.", "Refunds go back to your bank card."))
    result = build(config)
    # re-rendered: the article and the category page listing it (its description did not change,
    # but the page text of the category is the same, so it is reused); the rest comes from the cache
    assert result.cached == result.pages - 1
    assert "your bank card" in html(result.site_dir, "billing/request-a-refund.html")
    assert [h.slug for h in search(config.index_dir, "bank card", locale="en").hits][:1] == ["request-a-refund"]
    fresh = build(config, site_dir=project / "fresh", cache=False)
    assert fresh.cached == 0
    assert _files(result.site_dir) == _files(fresh.site_dir)


def test_a_warning_of_a_page_is_reported_by_every_build_not_only_the_first(make_project) -> None:  # type: ignore[no-untyped-def]
    # _notes.md is on disk (helpkit's own link check passes) but is no page: only MkDocs warns about the link
    root = make_project({"content/a/x.md": article("X", "See [notes](_notes.md)."), "content/a/y.md": article("Y"),
                         "content/a/_notes.md": "notes"})
    config = load_config(root / "mkdocs.yml")
    runs = [build(config, strict=True) for _ in range(2)]
    assert [r.published for r in runs] == [False, False]  # CI's --strict fails every time, not only the first
    assert runs[1].warnings == runs[0].warnings and any("'_notes.md'" in w.message for w in runs[0].warnings)
    assert runs[1].cached == runs[1].pages - 1  # the page without warnings still comes from the cache
    (root / "content/a/x.md").write_text(article("X", "See [y](y.md)."))
    assert build(config, strict=True).published  # fixed: the warning goes away at once


def test_theme_or_config_change_renders_everything(project: Path) -> None:
    config_path = project / "mkdocs.yml"
    build(load_config(config_path))
    config_path.write_text(config_path.read_text().replace("Example Help", "Renamed Help"))
    result = build(load_config(config_path))
    assert result.cached == 0
    assert "Renamed Help" in html(result.site_dir, "billing/request-a-refund.html")


def test_translated_locale_is_reused_until_its_memory_changes(make_project) -> None:  # type: ignore[no-untyped-def]
    import polib

    root = make_project({"content/a/x.md": article("Reset your password", "Click the link.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)  # writes locales/es.po with empty entries
    po = polib.pofile(str(root / "locales/es.po"))
    for entry in po:
        entry.msgstr = {"Reset your password": "Restablece tu contraseña",
                        "Click the link.": "Haz clic en el enlace."}.get(entry.msgid, entry.msgid)
    po.save()
    first = build(config)
    assert "Restablece tu contraseña" in html(first.site_dir, "es/a/x.html")
    assert build(config).cached == first.pages  # nothing changed: every page from the cache
    po = polib.pofile(str(root / "locales/es.po"))
    next(e for e in po if e.msgid == "Click the link.").msgstr = "Pulsa el enlace."
    po.save()
    edited = build(config)
    assert "Pulsa el enlace." in html(edited.site_dir, "es/a/x.html")


def test_mkdocs_section_index_pages_are_category_pages(make_project) -> None:  # type: ignore[no-untyped-def]
    """A docs folder written for MkDocs/Material: each category folder has an index.md (the section index)."""
    root = make_project({
        "content/billing/index.md": article("Billing and payments", """
            Everything about **invoices**, refunds and plans. Start with [refunds](request-a-refund.md).
            """, description="Plans, invoices and refunds.", order=2, sidebar_label="Billing"),
        "content/billing/request-a-refund.md": article("Request a refund", "Refunds go back to your card."),
        "content/account/index.md": article("Account", "Sign-in help.", description="From index.md.", order=1),
        "content/account/_category.yml": "title: Your account\norder: 1\n",
        "content/account/reset-your-password.md": article("Reset your password", "Use the link."),
        "content/index.md": "# Welcome\n\nMkDocs' home page.\n",
    })
    (root / "content/billing/_category.yml").unlink()  # index.md alone describes this category
    result = build(load_config(root / "mkdocs.yml"))
    assert result.pages == 1 + 2 + 2 + 1  # home, two categories, two articles (no article called "index"), contact
    assert [str(w) for w in result.warnings] == [
        "content/billing/index.md:5: front matter 'sidebar_label': unknown key; known: description, icon, order, "
        "title",
        "content/index.md: not used: the home page is generated (search box, categories, popular articles); move "
        "its text into a category's index.md or an article, or delete it"]
    billing = html(result.site_dir, "billing/index.html")
    assert "<h1" in billing and "Billing and payments</h1>" in billing and "Plans, invoices and refunds." in billing
    assert "<strong>invoices</strong>" in billing and 'href="request-a-refund.html"' in billing
    assert billing.index("<strong>invoices</strong>") < billing.index('class="hk-list"')  # body above the list
    account = html(result.site_dir, "account/index.html")
    assert "Your account</h1>" in account and "From index.md." in account  # _category.yml wins, index.md fills in
    assert "Sign-in help." in account
    home = html(result.site_dir, "index.html")
    assert home.index("Your account") < home.index("Billing and payments")  # order from both files


def test_a_real_duplicate_slug_is_still_an_error(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/index.md": article("A"), "content/b/index.md": article("B"),
                         "content/a/same.md": article("One"), "content/b/same.md": article("Two")})
    with pytest.raises(ContentErrors) as err:
        build(load_config(root / "mkdocs.yml"))
    assert err.value.problems == ("content/b/same.md: duplicate slug 'same' (also content/a/same.md); "
                                  "rename one of the files",)


def test_a_setting_helpkit_overrides_is_a_warning(make_project) -> None:  # type: ignore[no-untyped-def]
    config = MINIMAL_CONFIG.replace("  name: material\n", "  name: material\n  features: [navigation.instant]\n")
    root = make_project({"content/a/x.md": article("X")}, config=config)
    result = build(load_config(root / "mkdocs.yml"))
    assert [str(w) for w in result.warnings] == [
        "theme.features: 'navigation.instant' is ignored: it breaks the site when opened from disk"]
    assert "navigation.instant" not in html(result.site_dir, "a/x.html")


def test_a_link_written_with_and_without_an_anchor_is_reported_once_per_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: MkDocs' own warning about 'gone.md' was placed on the first line holding that text, the one with
    'gone.md#how', so it was not taken for helpkit's (same file, line and link) and came out raw as well."""
    root = make_project({"content/a/x.md": article("Article X", "See [how](gone.md#how).\n\nAnd [all](gone.md).")})
    warnings = [str(w) for w in build(load_config(root / "mkdocs.yml"), cache=False).warnings]
    assert "content/a/x.md:5: link 'gone.md#how': content/a/gone.md does not exist; fix the path" in warnings
    assert "content/a/x.md:7: link 'gone.md': content/a/gone.md does not exist; fix the path" in warnings
    assert not [w for w in warnings if "not found among documentation files" in w], warnings
