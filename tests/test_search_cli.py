"""``helpkit search``: output, JSON, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from helpkit.config import load_config
from helpkit.loader import load_help_center
from search_index import build_index
from tests.conftest import MINIMAL_CONFIG, REPO, MakeProject, article


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    root = make_project(files={
        "content/billing/request-a-refund.md": article(
            "Request a refund", "Ask for your money back from **Billing**. Amounts < 10 & more.",
            description="Money back for unused labels."),
        "content/account/reset-your-password.md": article(
            "Reset your password", "Click **Forgot password** on the sign-in page.",
            description="Set a new password."),
    }, config=MINIMAL_CONFIG + "  locales: [es]\n")
    config = load_config(root / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", config.index_dir)
    return root


def run(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["search", *args, "--config", str(project / "mkdocs.yml")])


def test_prints_title_url_snippet_score(project: Path) -> None:
    result = run(project, "refund money")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("1. Request a refund  (score ")
    assert re.search(r"\(score \d+\.\d\d, meaning 0\.\d\d\)$", lines[0])  # English has meaning vectors
    assert lines[1].strip() == "billing/request-a-refund.html"
    assert "Ask for your [money] back" in result.output


def test_json_output_is_a_stable_list(project: Path) -> None:
    result = run(project, "forgot password", "--json", "--limit", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [sorted(d) for d in data] == [["confident", "score", "section", "similarity", "slug", "snippet", "title",
                                          "url"]]
    assert data[0]["slug"] == "reset-your-password"
    assert data[0]["url"] == "account/reset-your-password.html"  # the title carries the match: no anchor
    assert data[0]["section"] == ""
    assert "<mark>" in data[0]["snippet"]


def test_html_in_query_and_text_is_escaped_in_json(project: Path) -> None:
    data = json.loads(run(project, "<img src=x onerror=alert(1)> money", "--json").output)
    assert data[0]["slug"] == "request-a-refund"
    assert "&lt; 10 &amp; more" in data[0]["snippet"]
    assert "<img" not in data[0]["snippet"]


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A help center of seven articles: enough keys for its index to derive confidence cut-offs."""
    root = tmp_path_factory.mktemp("calibrated") / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / "search" / "project", root)
    config = load_config(root / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", config.index_dir, synonyms=config.synonyms_path)
    return root


def test_a_weak_first_hit_is_not_confident(calibrated: Path) -> None:
    # an out-of-scope question sharing a common word with an article: shown, but flagged
    weak = run(calibrated, "the weather in paris today", "--json")
    assert weak.exit_code == 0, weak.output
    hits = json.loads(weak.output)
    assert hits and hits[0]["confident"] is False
    text = run(calibrated, "the weather in paris today").output.splitlines()
    assert text[0] == "No good match for 'the weather in paris today': none of these may answer it."
    assert text[1].startswith("1. ")  # the results are still shown
    good = run(calibrated, "I was charged twice", "--json")
    assert json.loads(good.output)[0] == {**json.loads(good.output)[0], "slug": "duplicate-charge", "confident": True}
    assert "No good match" not in run(calibrated, "I was charged twice").output


def test_typo_suggestion(project: Path) -> None:
    result = run(project, "pasword")
    assert result.exit_code == 0
    assert "Did you mean: 'password'?" in result.output
    assert "Reset your password" in result.output


def test_no_results(project: Path) -> None:
    result = run(project, "the of and")
    assert result.exit_code == 0
    assert "No articles match 'the of and'." in result.output
    assert json.loads(run(project, "zzzz qqqq", "--json").output) == []


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_a_usage_error(project: Path, query: str) -> None:
    result = run(project, query)
    assert result.exit_code == 2
    assert "the query is empty" in result.output


def test_long_and_special_queries(project: Path) -> None:
    assert run(project, "refund " * 2000).exit_code == 0
    assert run(project, "[(*?+\\").exit_code == 0


def test_limit_must_be_positive(project: Path) -> None:
    assert run(project, "refund", "--limit", "0").exit_code == 2


def test_unknown_locale(project: Path) -> None:
    result = run(project, "refund", "--lang", "de")
    assert result.exit_code == 2
    assert "'de' is not a locale" in result.output and "en, es" in result.output


def test_missing_index_says_run_build(project: Path) -> None:
    result = run(project, "reembolso", "--lang", "es")
    assert result.exit_code == 3
    assert "run 'helpkit build'" in result.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["search", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--json" in result.output


def test_a_result_opens_the_section_that_answers(make_project: MakeProject) -> None:
    root = make_project(files={"content/account/manage-your-account.md": article(
        "Manage your account", """
        Everything about your account settings.

        ## Change your e-mail address

        Open **Settings > Profile** and type the new address.

        ## Close your account {#close-for-good}

        Closing removes your labels and invoices after 30 days. Download them first.
        """, description="Settings of your account.")})
    config = load_config(root / "mkdocs.yml")
    build_index(load_help_center(config).articles, "en", config.index_dir)
    [hit] = json.loads(run(root, "how do I delete my invoices and close it", "--json").output)
    assert hit["url"] == "account/manage-your-account.html#close-for-good"
    assert hit["section"] == "Close your account"
    text = run(root, "how do I delete my invoices and close it").output.splitlines()
    assert text[0].startswith("1. Manage your account › Close your account  (score ")
    assert text[1].strip() == "account/manage-your-account.html#close-for-good"
    [top] = json.loads(run(root, "manage account settings", "--json").output)
    assert (top["url"], top["section"]) == ("account/manage-your-account.html", "")
