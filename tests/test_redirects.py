"""Moved articles keep their old addresses: ``redirect_from`` pages, and a warning when a build would lose one."""

from __future__ import annotations

import pytest

from helpkit.config import load_config
from helpkit.errors import ContentErrors
from helpkit.loader import load_help_center
from site_builder.build import build
from tests.conftest import MINIMAL_CONFIG, article

REFUND = article("Request a refund", "## How\n\nAsk within 30 days.")


def _files(refund_at: str, refund: str = REFUND) -> dict[str, str]:
    return {f"content/{refund_at}/request-a-refund.md": refund,
            "content/billing/plans.md": article("Plans", f"See [refunds](../{refund_at}/request-a-refund.md)."),
            "content/payments/cards.md": article("Cards", "See [plans](../billing/plans.md).")}


def test_an_article_moved_to_another_category_keeps_its_old_address(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: moving an article removed its page with no trace: agents' saved replies, old tickets and bookmarks
    to billing/request-a-refund.html found nothing, and no build said so."""
    root = make_project(_files("billing"), config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)
    (root / "content/billing/request-a-refund.md").unlink()
    for path, text in _files("payments").items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    result = build(config)  # the last build published the old address: this one loses it (strict: not published)
    assert ("content/payments/request-a-refund.md: its page moved from billing/request-a-refund.html to "
            "payments/request-a-refund.html: links and bookmarks to the old address would find nothing; add "
            "'redirect_from: [billing/request-a-refund]' to its front matter") in [str(w) for w in result.warnings]
    moved = REFUND.replace("title: Request a refund\n",
                           "title: Request a refund\nredirect_from: [billing/request-a-refund]\n")
    (root / "content/payments/request-a-refund.md").write_text(moved, encoding="utf-8")
    result = build(config)
    assert not [str(w) for w in result.warnings if "redirect" in str(w)]
    for prefix, lang in (("", "en"), ("es/", "es")):
        page = (root / "site" / prefix / "billing/request-a-refund.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
        assert '<meta http-equiv="refresh" content="0; url=../payments/request-a-refund.html">' in page
        assert 'location.replace("../payments/request-a-refund.html" + location.hash)' in page  # keeps the #anchor
        assert '<meta name="robots" content="noindex">' in page
        assert (root / "site" / prefix / "payments/request-a-refund.html").is_file()


def test_a_redirect_from_that_is_no_address_is_an_error(make_project) -> None:  # type: ignore[no-untyped-def]
    bad = REFUND.replace("title: Request a refund\n", "title: Request a refund\nredirect_from: [https://old.example/x]\n")
    root = make_project(_files("billing", bad))
    with pytest.raises(ContentErrors) as err:
        load_help_center(load_config(root / "mkdocs.yml"))
    assert any("front matter 'redirect_from': 'https://old.example/x' is not an address of this help center; write "
               "it as its page's path from the site's root without '.html', e.g. billing/refunds" in p
               for p in err.value.problems), err.value.problems


def test_a_redirect_from_that_is_a_page_of_the_site_leaves_the_page_alone(make_project) -> None:  # type: ignore[no-untyped-def]
    taken = REFUND.replace("title: Request a refund\n", "title: Request a refund\nredirect_from: [billing/plans]\n")
    root = make_project(_files("billing", taken))
    result = build(load_config(root / "mkdocs.yml"))
    assert ("content/billing/request-a-refund.md: front matter 'redirect_from': 'billing/plans' is a page of the "
            "site; remove it from the list") in [str(w) for w in result.warnings]
    assert "Plans" in (root / "site/billing/plans.html").read_text(encoding="utf-8")  # the page stays


def test_strict_builds_keep_the_last_site_until_the_moved_article_names_its_old_address(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(_files("billing"))
    config = load_config(root / "mkdocs.yml")
    assert build(config, strict=True).published
    (root / "content/billing/request-a-refund.md").unlink()
    for path, text in _files("payments").items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    assert not build(config, strict=True).published
    assert (root / "site/billing/request-a-refund.html").is_file()  # the last good site stays
    moved = REFUND.replace("title: Request a refund\n",
                           "title: Request a refund\nredirect_from: billing/request-a-refund\n")
    (root / "content/payments/request-a-refund.md").write_text(moved, encoding="utf-8")
    assert build(config, strict=True).published
    assert "url=../payments/request-a-refund.html" in (root / "site/billing/request-a-refund.html").read_text()


def test_a_renamed_article_file_is_told_as_a_move(make_project) -> None:  # type: ignore[no-untyped-def]
    """Renaming a file changes its page's address: before, the old page went with no word (the move warning matched
    old pages by their file name only); its old page's title tells which article it was."""
    root = make_project(_files("billing"))
    config = load_config(root / "mkdocs.yml")
    assert build(config, strict=True).published
    (root / "content/billing/request-a-refund.md").rename(root / "content/billing/refunds.md")
    plans = root / "content/billing/plans.md"
    plans.write_text(plans.read_text(encoding="utf-8").replace("request-a-refund.md", "refunds.md"), encoding="utf-8")
    result = build(config)
    moved = [str(w) for w in result.warnings if "moved" in str(w)]
    assert len(moved) == 1 and "billing/request-a-refund.html to billing/refunds.html" in moved[0]
    assert "redirect_from: [billing/request-a-refund]" in moved[0]
    renamed = REFUND.replace("title: Request a refund\n",
                             "title: Request a refund\nredirect_from: billing/request-a-refund\n")
    (root / "content/billing/refunds.md").write_text(renamed, encoding="utf-8")
    assert build(config, strict=True).published
    assert "url=refunds.html" in (root / "site/billing/request-a-refund.html").read_text()


def test_a_renamed_articles_old_page_is_told_by_its_title_with_a_permalink(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A help center's pages carry a ¶ permalink in their <h1> (the sample's mkdocs.yml turns them on): the old
    page's title is read without it, or a renamed article goes unnoticed on a real site."""
    from site_builder.redirects import _heading

    page = tmp_path / "old.html"
    page.write_text('<h1 id="request-a-refund">Request a refund<a class="headerlink" href="#request-a-refund" '
                    'title="Permanent link">&para;</a></h1>', encoding="utf-8")
    assert _heading(page) == "Request a refund"
