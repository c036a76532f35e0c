"""The loader: the content model it produces, and one clear line per bad input."""

from __future__ import annotations

from datetime import date

import pytest

from helpkit.config import load_config
from helpkit.errors import ConfigError, ContentErrors, MissingResource
from helpkit.loader import load_help_center
from helpkit.model import TranslationStatus
from tests.conftest import MINIMAL_CONFIG, REPO, article


def load(root):  # type: ignore[no-untyped-def]
    return load_help_center(load_config(root / "mkdocs.yml"))


def test_sample_help_center_loads() -> None:
    center = load_help_center(load_config(REPO / "mkdocs.yml"))
    assert len(center.articles) >= 20
    assert len(center.categories) >= 5
    assert {"getting-started", "account", "billing", "troubleshooting", "integrations",
            "privacy-security"} <= {c.slug for c in center.categories}
    assert all(a.locale == "en" and a.status is TranslationStatus.SOURCE for a in center.articles)


def test_article_fields_and_sections(make_project) -> None:  # type: ignore[no-untyped-def]
    body = """
    Intro text.

    ## First step

    Do *this*, then `that`.

    ## First step

    Again.
    """
    root = make_project({
        "content/billing/refunds.md": article("Request a refund", body, description="Money back.",
                                              tags=["refunds"], keywords=["money back"], order=2,
                                              updated="2026-01-31"),
    })
    (a,) = load(root).articles
    assert (a.slug, a.category, a.title, a.description) == ("refunds", "billing", "Request a refund", "Money back.")
    assert a.keywords == ("money back",) and a.tags == ("refunds",) and a.order == 2
    assert a.updated == date(2026, 1, 31)
    assert a.url == "billing/refunds.html"
    assert [s.anchor for s in a.sections] == ["", "first-step", "first-step_1"]
    assert a.sections[1].text == "Do this, then that."
    lines = a.source_path.read_text().splitlines()
    assert lines[a.sections[1].line - 1] == "## First step"
    assert len(a.source_hash) == 64


def test_order_then_title(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({
        "content/a/zeta.md": article("Zeta", order=1),
        "content/a/alpha.md": article("Alpha", order=2),
        "content/a/beta.md": article("Beta", order=1),
    })
    assert [a.slug for a in load(root).articles] == ["beta", "zeta", "alpha"]


def test_drafts_are_not_published(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", draft=True), "content/a/y.md": article("Y")})
    center = load(root)
    assert [a.slug for a in center.articles] == ["y"]
    assert [a.slug for a in center.drafts] == ["x"]
    assert len(load_help_center(load_config(root / "mkdocs.yml"), include_drafts=True).articles) == 2


BAD_INPUTS = {
    "malformed yaml": (b"---\ntitle: [unclosed\n---\nText\n", "content/a/x.md:", "invalid YAML"),
    "mistyped tags": (article("X", tags=5).encode(), "content/a/x.md:3:", "front matter 'tags': expected a list"),
    "invalid utf-8": (b"---\ntitle: X\n---\n\xff\xfe bad\n", "content/a/x.md:4:", "not valid UTF-8"),
    "empty file": (b"", "content/a/x.md:", "file is empty"),
    "no title": (b"---\ndescription: hi\n---\nText\n", "content/a/x.md:1:", "'title' is missing"),
    "no front matter": (b"Just text\n", "content/a/x.md:1:", "no front matter"),
    "unknown category": (article("X", category="biling").encode(), "content/a/x.md:3:",
                         "'category': 'biling' is not a category"),
    "escaping related": (article("X", related=["../../etc/passwd"]).encode(), "content/a/x.md:3:",
                         "'../../etc/passwd' is not a slug"),
    "bad date": (article("X", updated="yesterday").encode(), "content/a/x.md:3:", "'updated': expected a date"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line(make_project, case: str) -> None:  # type: ignore[no-untyped-def]
    data, where, what = BAD_INPUTS[case]
    root = make_project({"content/a/x.md": data, "content/a/ok.md": article("Fine")})
    with pytest.raises(ContentErrors) as err:
        load(root)
    (line,) = err.value.problems
    assert line.startswith(where), line
    assert what in line, line
    assert err.value.exit_code == 1


def test_unknown_front_matter_key_is_a_warning_with_did_you_mean(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", keyowrds=["a"]), "content/a/ok.md": article("Fine")})
    center = load(root)
    assert {a.slug for a in center.articles} == {"x", "ok"}  # the article is kept
    (warning,) = center.warnings
    assert str(warning) == "content/a/x.md:3: front matter 'keyowrds': unknown key; did you mean 'keywords'?"
    assert (warning.where, warning.fix) == ("content/a/x.md:3", "did you mean 'keywords'?")


def test_a_folder_migrated_from_another_tool_loads(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", sidebar_label="X", id="x-id", layout="doc")})
    center = load(root)
    assert [a.title for a in center.articles] == ["X"]
    assert sorted(w.message for w in center.warnings) == [
        "front matter 'id': unknown key", "front matter 'layout': unknown key",
        "front matter 'sidebar_label': unknown key"]


def test_a_category_migrated_from_docusaurus_loads_with_a_warning_per_key(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({
        "content/a/_category.yml": "label: Getting started\nposition: 2\ncollapsible: true\ncollapsed: false\n"
                                   "link:\n  type: generated-index\nclassName: red\ncustomProps:\n  x: 1\n"
                                   "sidebar: main\n",
        "content/a/_category_.json": '{"label": "Getting started", "position": 2}',
        "content/a/x.md": article("X"),
    })
    center = load(root)
    assert [a.title for a in center.articles] == ["X"]  # the category and its articles build
    shown = [str(w) for w in center.warnings]
    assert shown[:3] == [
        "content/a/_category.yml:1: 'label': a Docusaurus key helpkit does not read; rename it 'title'",
        "content/a/_category.yml:2: 'position': a Docusaurus key helpkit does not read; rename it 'order'",
        "content/a/_category.yml:3: 'collapsible': a Docusaurus key helpkit does not read; delete it (helpkit has "
        "no such setting)"]
    assert [w.where for w in center.warnings[3:7]] == [f"content/a/_category.yml:{n}" for n in (4, 5, 7, 8)]
    assert shown[7] == ("content/a/_category.yml:10: 'sidebar': unknown key, not read; helpkit reads title, "
                        "description, icon, order; delete it or use one of those")
    assert shown[8].startswith("content/a/_category_.json: not read: helpkit reads _category.yml")
    assert len(shown) == 9


def test_a_typo_in_a_category_key_is_an_error_with_did_you_mean(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/_category.yml": "title: A\norder: 1\ndescripton: About A.\ncollapsed: true\n",
                         "content/a/x.md": article("X")})
    with pytest.raises(ContentErrors) as err:
        load(root)
    assert err.value.problems == ("content/a/_category.yml:3: 'descripton': unknown key; did you mean 'description'?",)
    assert err.value.exit_code == 1


def test_every_problem_is_reported_at_once(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({
        "content/a/x.md": b"",
        "content/a/y.md": b"---\ntitle: [\n---\n",
        "content/b/x.md": article("Duplicate slug"),
    })
    with pytest.raises(ContentErrors) as err:
        load(root)
    text = str(err.value.message)
    assert "file is empty" in text and "invalid YAML" in text and "duplicate slug 'x'" in text


def test_an_article_that_fails_to_load_still_exists_for_other_articles(make_project) -> None:  # type: ignore[no-untyped-def]
    """One broken front matter gave an error in every article naming it ('related', 'promoted', questions) with a
    "did you mean" another slug; now only the real errors remain, the failing article's own 'related' included."""
    config = MINIMAL_CONFIG + "  promoted: [broken]\n  search:\n    questions: questions.csv\n"
    root = make_project({
        "content/a/broken.md": '---\ntitle: "Broken\ndescription: d\nrelated: [fine]\n---\nText\n',
        "content/a/fine.md": article("Fine", related=["broken"]),
        "content/a/late.md": article("Late", updated="last week", related=["fine", "brokne"]),
        "questions.csv": "question,article\nit is broken,broken\n",
    }, config=config)
    with pytest.raises(ContentErrors) as err:
        load(root)
    assert err.value.problems == (
        "content/a/broken.md:2: invalid YAML: the quote opened on this line is never closed; end the value with the "
        "same quote, or drop the quotes",
        "content/a/late.md:6: front matter 'related': 'brokne' is not an article slug; did you mean 'broken'?",
        "content/a/late.md:3: front matter 'updated': expected a date like 2026-01-31, found 'last week'",
    )


def test_a_misspelled_title_is_the_error_with_did_you_mean_and_warnings_are_kept(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": "---\ndescription: D\ntitel: X\nkeyowrds: [a]\n---\nText\n",
                         "content/a/ok.md": article("Fine")})
    with pytest.raises(ContentErrors) as err:
        load(root)
    assert err.value.problems == ("content/a/x.md:3: front matter 'titel': unknown key; did you mean 'title'? (the "
                                  "article has no 'title', which every article needs)",)
    # the warning found beside the error is not lost (helpkit check and build show it)
    assert [str(w) for w in err.value.warnings] == [
        "content/a/x.md:4: front matter 'keyowrds': unknown key; did you mean 'keywords'?"]
    assert "WARNING content/a/x.md:4: front matter 'keyowrds'" in err.value.message


YAML_MISTAKES = {
    "unclosed quote": ('title: "How to descale\ndescription: D\nkeywords:\n- a\n- b\nupdated: 2025-09-12\n---\n',
                       2, "the quote opened on this line is never closed"),
    "unclosed bracket": ("title: X\ntags: [a, b\ndescription: D\n---\n", 3,
                         "in the list or mapping opened on this line; close its bracket"),
    "tab indent": ("title: X\nkeywords:\n\t- a\n---\n", 4, "a tab; YAML indents with spaces only"),
    "colon in a value": ("description: D\ntitle: Bikes: how to ride\n---\n", 3,
                         "a ': ' inside a value starts another key; quote the value: title: \"Bikes: how to ride\""),
    "colon and quotes in a value": ('title: X\ndescription: Say "hi": wave\n---\n', 3,
                                    "quote the value: description: 'Say \"hi\": wave'"),
    "no closing ---": ("title: X\ndescription: D\n\nThe article's text.\n\nMore text.\n", 5,
                       "the front matter has no closing '---': if the article's text starts here, add a line '---' "
                       "above it"),
}


@pytest.mark.parametrize("case", sorted(YAML_MISTAKES))
def test_a_yaml_mistake_is_reported_where_it_starts_with_a_hint(make_project, case: str) -> None:  # type: ignore[no-untyped-def]
    front, line, hint = YAML_MISTAKES[case]
    root = make_project({"content/a/x.md": f"---\n{front}\nText\n"})
    with pytest.raises(ContentErrors) as err:
        load(root)
    (problem,) = err.value.problems
    assert problem.startswith(f"content/a/x.md:{line}: invalid YAML: "), problem
    assert hint in problem, problem


def test_an_unclosed_front_matter_whose_text_reads_as_keys_is_an_error(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: a body of 'Note: ...' lines parsed as YAML, so check passed with 'unknown key' warnings and the build
    published the article empty."""
    root = make_project({"content/a/x.md": "---\ntitle: Sync\ndescription: D\n\nNote: sync needs a connection.\n"
                                           "Tip: open the app.\n"})
    with pytest.raises(ContentErrors) as err:
        load(root)
    (problem,) = err.value.problems
    assert problem == ("content/a/x.md:4: the front matter has no closing '---', so the whole file was read as "
                       "its keys; add a line '---' here, where the article's text starts"), problem


@pytest.mark.parametrize(("files", "where"), [
    ({"content/a/_category.yml": "title: A\norder: first\n"}, "content/a/_category.yml:2"),
    ({"content/a/_category.yml": "title: A\n", "content/a/index.md": "---\ndescription: D\norder: 1st\n---\nHi\n"},
     "content/a/index.md:3"),
])
def test_a_category_order_that_is_no_number_names_its_file_and_line(make_project, files, where) -> None:  # type: ignore[no-untyped-def]
    root = make_project({**files, "content/a/x.md": article("X")})
    with pytest.raises(ContentErrors) as err:
        load(root)
    (problem,) = err.value.problems
    assert problem.startswith(f"{where}: 'order': expected a whole number, found "), problem


def test_duplicate_titles(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("Same"), "content/a/y.md": article("same")})
    with pytest.raises(ContentErrors, match="also the title of"):
        load(root)


def test_config_errors_all_at_once(make_project) -> None:  # type: ignore[no-untyped-def]
    config = MINIMAL_CONFIG.replace("email: support@acme.example", "email: not-an-email") + \
        "  locales: [xx-nonsense-1]\n  promoted: 3\n"
    root = make_project(config=config)
    with pytest.raises(ConfigError) as err:
        load_config(root / "mkdocs.yml")
    text = err.value.message
    assert "Config value 'helpkit.contact'" in text or "helpkit.contact.email" in text
    assert "'helpkit.locales'" in text and "not a language code" in text
    assert "'helpkit.promoted'" in text
    assert err.value.exit_code == 2


def test_config_missing_and_malformed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MissingResource, match="helpkit init"):
        load_config(tmp_path / "mkdocs.yml")
    (tmp_path / "mkdocs.yml").write_text("site_name: [x\n")
    with pytest.raises(ConfigError, match=r"mkdocs.yml:\d+: invalid YAML"):
        load_config(tmp_path / "mkdocs.yml")


def test_missing_content_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_CONFIG)
    with pytest.raises(MissingResource, match="'content' does not exist"):
        load_config(tmp_path / "mkdocs.yml")
