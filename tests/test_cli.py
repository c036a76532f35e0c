"""The command line: exit codes and messages for the help center commands, and help for every command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import MINIMAL_CONFIG, article


def run(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), catch_exceptions=False)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args), catch_exceptions=False)


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in all_commands(main)], ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    cmd = dict(all_commands(main))[path]
    if not isinstance(cmd, click.Group):
        assert "Example:" in result.output, f"'helpkit {' '.join(path)} --help' has no Example: block"


def test_build_says_where_to_open_the_site(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X")})
    result = run("build", "--config", str(root / "mkdocs.yml"))
    assert result.exit_code == 0, result.output
    assert f"Open {root / 'site' / 'index.html'}" in result.output


def test_build_content_error_exits_1_naming_the_file(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": "---\ntitle: X\ncategory: aa\n---\nText\n"})
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "content/a/x.md:3: front matter 'category': 'aa' is not a category; did you mean 'a'?" in result.output


def test_promoted_slug_that_is_no_article_names_the_line_and_the_closest_slugs(make_project) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL_CONFIG

    files = {f"content/a/{slug}.md": article(slug.replace("-", " ").title())
             for slug in ("reset-your-password", "reset-your-passcode", "reset-your-pin", "close-your-account")}
    root = make_project(files, config=MINIMAL_CONFIG + "  promoted:\n    - close-your-account\n"
                        "    - reset-your-pasword\n    - xyzzy\n")
    result = run("build", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1 and not (root / "site").exists()
    assert ("mkdocs.yml:10: Config value 'helpkit.promoted': 'reset-your-pasword' is not an article slug (did you "
            "mean 'reset-your-password', 'reset-your-passcode' or 'reset-your-pin'?); fix the slug or remove it "
            "from the list") in result.output
    assert "mkdocs.yml:11: Config value 'helpkit.promoted': 'xyzzy' is not an article slug (known: " in result.output
    (root / "mkdocs.yml").write_text(MINIMAL_CONFIG + "  promoted: [reset-your-pin, close-account]\n")
    check = run("check", "-f", str(root / "mkdocs.yml"))
    assert check.exit_code == 1 and "mkdocs.yml:8: error: Config value 'helpkit.promoted': 'close-account'" in \
        check.output


def test_docusaurus_category_keys_warn_and_strict_counts_them(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/_category.yml": "title: A\ncollapsed: false\nlink:\n  type: generated-index\n",
                         "content/a/x.md": article("X")})
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0 and (root / "site" / "a" / "x.html").exists()
    assert "WARNING content/a/_category.yml:2: 'collapsed': a Docusaurus key helpkit does not read" in result.output
    strict = CliRunner().invoke(main, ["build", "--strict", "-f", str(root / "mkdocs.yml")])
    assert strict.exit_code == 1 and "--strict: 2 warning(s)" in strict.output
    (root / "content/a/_category.yml").write_text("titel: A\n", encoding="utf-8")
    typo = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert typo.exit_code == 1 and "content/a/_category.yml:1: 'titel': unknown key; did you mean 'title'?" in \
        typo.output


def test_unknown_front_matter_key_warns_and_strict_fails(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": "---\ntitle: X\nkeyowrds: [a]\n---\nText\n"})
    line = "content/a/x.md:3: front matter 'keyowrds': unknown key; did you mean 'keywords'?"
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0 and (root / "site" / "a" / "x.html").exists()
    assert f"WARNING {line}" in result.output
    (root / "content/a/x.md").write_text("---\ntitle: Y\nkeyowrds: [a]\n---\nText\n", encoding="utf-8")
    strict = CliRunner().invoke(main, ["build", "--strict", "-f", str(root / "mkdocs.yml")])
    assert strict.exit_code == 1 and line in strict.output
    assert "--strict: 1 warning(s); the previous site was kept" in strict.output
    assert ">X<" in (root / "site" / "a" / "x.html").read_text(encoding="utf-8")  # the last good site stays


def test_build_config_error_exits_2(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(config="site_name: X\nhelpkit:\n  locales: [klingon-xx]\n  contact: {email: a@b.co}\n")
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "Config value 'helpkit.locales'" in result.output


@pytest.mark.parametrize("contact", ["{url: 42}", "{email: [a, b]}", "{url: https://x.example, url_param: 7}"])
def test_a_contact_value_of_the_wrong_type_is_a_config_error(make_project, contact: str) -> None:  # type: ignore[no-untyped-def]
    """``contact: {url: 42}`` (a typo in mkdocs.yml) was a TypeError traceback from the address check."""
    root = make_project(config=f"site_name: X\nhelpkit:\n  contact: {contact}\n")
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2, result.output
    assert "Config value 'helpkit.contact'" in result.output and "Expected type" in result.output


def test_missing_config_exits_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-f", str(tmp_path / "nope.yml")])
    assert result.exit_code == 3 and "helpkit init" in result.output


def test_build_strict_fails_on_warning(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "[gone](gone.md)")})
    assert run("build", "-f", str(root / "mkdocs.yml")).exit_code == 0
    result = CliRunner().invoke(main, ["build", "--strict", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1 and "gone.md" in result.output


def test_build_site_dir_option(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X")})
    out = tmp_path / "public"
    assert run("build", "-f", str(root / "mkdocs.yml"), "--site-dir", str(out)).exit_code == 0
    assert (out / "a" / "x.html").exists() and not (root / "site").exists()


def test_new_writes_a_valid_article_and_refuses_to_overwrite(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/account/other.md": article("Other")})
    cfg = str(root / "mkdocs.yml")
    result = run("new", "How do I reset my password?", "--category", "account", "-f", cfg)
    assert result.exit_code == 0, result.output
    path = root / "content/account/how-do-i-reset-my-password.md"
    assert path.exists() and "title: How do I reset my password?" in path.read_text()
    assert run("check", "-f", cfg).exit_code == 0  # the new article is valid content
    again = CliRunner().invoke(main, ["new", "How do I reset my password?", "-c", "account", "-f", cfg])
    assert again.exit_code == 1 and "already exists" in again.output
    bad = CliRunner().invoke(main, ["new", "X", "-c", "acount", "-f", cfg])
    assert bad.exit_code == 2 and "'acount' is not a category; known: account" in bad.output


def test_an_article_still_holding_the_new_template_warns_and_fails_strict(make_project) -> None:  # type: ignore[no-untyped-def]
    """``helpkit new`` then ``build --strict`` published "Say in one or two sentences…" and "First step." (exit 0)."""
    from helpkit.loader import NEW_ARTICLE_BODY
    from tests.conftest import MINIMAL_CONFIG

    root = make_project({"content/account/other.md": article("Other", related=["reset"])},
                        config=MINIMAL_CONFIG + "  promoted: [other]\n")  # no orphan: the placeholders alone warn
    cfg = str(root / "mkdocs.yml")
    assert run("new", "Reset your password", "-c", "account", "--slug", "reset", "-f", cfg).exit_code == 0
    path = root / "content/account/reset.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines.index("Say in one or two sentences what this article helps the reader do.") + 1
    others = [n + 1 for n, line in enumerate(lines) if line.strip() in
              ("1. First step.", "2. Second step.", "Anything the reader should watch out for.")]
    warning = (f"content/account/reset.md:{first}: placeholder text from 'helpkit new' is still here (also lines "
               f"{', '.join(map(str, others))}); replace it with the article's own text and write its 'description', "
               "or set 'draft: true' until it is ready")
    check = run("check", "-f", cfg)
    assert check.exit_code == 0 and f"content/account/reset.md:{first}: warning: placeholder text" in check.output
    assert "0 errors, 1 warning" in check.output
    assert run("check", "--strict", "-f", cfg).exit_code == 1
    strict = CliRunner().invoke(main, ["build", "--strict", "-f", cfg])
    assert strict.exit_code == 1 and f"WARNING {warning}" in strict.output
    assert not (root / "site").exists()  # nothing published
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "draft: true\ntitle:"), encoding="utf-8")
    draft = run("build", "--strict", "-f", cfg)
    assert draft.exit_code == 0, draft.output  # a draft is not published: its placeholders wait
    assert CliRunner().invoke(main, ["build", "--strict", "--drafts", "-f", cfg]).exit_code == 1
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", "").replace(
        NEW_ARTICLE_BODY, "Open **Settings**, then *Reset password*.\n"), encoding="utf-8")
    assert run("build", "--strict", "-f", cfg).exit_code == 0  # the writer's own text: no warning


def test_check_keeps_the_warnings_found_beside_load_errors(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": "---\ntitel: X\nlayuot: doc\n---\nText\n",
                         "content/a/y.md": article("Y", related=["x"])})
    result = run("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "content/a/x.md:2: error: front matter 'titel': unknown key; did you mean 'title'? (the article has no "
        "'title', which every article needs)",
        "content/a/x.md:3: warning: front matter 'layuot': unknown key; known: category, description, draft, "
        "keywords, order, redirect_from, related, source_id, ..."]
    assert result.output.splitlines()[2:] == [  # y.md's related 'x' is no error; y is checked all the same
        "1 article checked: 1 error, 1 warning; 1 file did not load (the errors above): its links, and articles "
        "nothing links to, are checked once every file loads"]


def test_new_refuses_a_title_another_article_has(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before, ``new`` wrote the file and then every command failed on the duplicate title."""
    root = make_project({"content/billing/duplicate-charge.md": article("Why was I charged twice?")})
    cfg = str(root / "mkdocs.yml")
    result = CliRunner().invoke(main, ["new", "why was I charged twice? ", "-c", "billing", "-f", cfg])
    assert result.exit_code == 2, result.output
    assert "is already the title of" in result.output and "duplicate-charge.md" in result.output
    assert sorted(p.name for p in (root / "content/billing").glob("*.md")) == ["duplicate-charge.md"]
    assert run("check", "-f", cfg).exit_code == 0


def test_check_finds_broken_links_anchors_images_and_orphans(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({
        "content/a/x.md": article("X", "[y](y.md#nope) [z](z.md) ![pic](img.png)", related=["y"]),
        "content/a/y.md": article("Y", "## Real heading\n\n[back](x.md)"),
        "content/a/lonely.md": article("Lonely"),
        "content/empty/_category.yml": "title: Empty\n",
    })
    result = CliRunner().invoke(main, ["check", "--format", "json", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1
    report = json.loads(result.output)
    codes = {(p["code"], p["path"]) for p in report["problems"]}
    assert ("broken-anchor", "content/a/x.md") in codes
    assert ("broken-link", "content/a/x.md") in codes
    assert ("missing-image", "content/a/x.md") in codes
    assert ("orphan", "content/a/lonely.md") in codes
    assert ("empty-category", "content/empty/_category.yml") in codes
    assert all(p["line"] for p in report["problems"] if p["code"].startswith(("broken", "missing")))
    text = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml")]).output
    assert "content/a/x.md:7: error: link 'y.md#nope': no heading with id 'nope'" in text


def test_check_warns_of_a_link_to_a_draft_with_its_line_and_the_fix(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "Intro.\n\nSee [renewal](pass-auto-renewal.md).",
                                                   related=["y"]),
                         "content/a/y.md": article("Y", related=["x"]),
                         "content/a/pass-auto-renewal.md": article("Pass auto-renewal", draft=True)})
    cfg = str(root / "mkdocs.yml")
    result = run("check", "-f", cfg)
    assert result.exit_code == 0, result.output  # a warning: publishing both together is a normal workflow
    assert ("content/a/x.md:9: warning: link 'pass-auto-renewal.md' links to the draft 'Pass auto-renewal' "
            "(content/a/pass-auto-renewal.md:3): it is not published (the page shows the link's text only); "
            "publish it or remove the link") in result.output.splitlines()
    assert run("check", "--strict", "-f", cfg).exit_code == 1
    report = json.loads(run("check", "--format", "json", "-f", cfg).output)
    assert [(p["code"], p["line"]) for p in report["problems"]] == [("draft-link", 9)]


def test_check_warns_of_a_draft_in_related(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "See [y](y.md).", related=["y", "renewal"]),
                         "content/a/y.md": article("Y", "See [x](x.md)."),
                         "content/a/renewal.md": article("Pass auto-renewal", draft=True)})
    cfg = str(root / "mkdocs.yml")
    result = run("check", "-f", cfg)
    assert result.exit_code == 0, result.output
    assert ("content/a/x.md: warning: front matter 'related' lists the draft 'Pass auto-renewal' "
            "(content/a/renewal.md:3): the page leaves it out until it is published; publish it or remove it from "
            "'related'") in result.output.splitlines(), result.output
    assert run("check", "--strict", "-f", cfg).exit_code == 1


def test_a_regional_locale_whose_language_has_the_translations_gets_a_did_you_mean(make_project) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL_CONFIG
    po = 'msgid ""\nmsgstr ""\n\nmsgctxt "x:title"\nmsgid "X"\nmsgstr "Equis"\n'
    root = make_project({"content/a/x.md": article("X"), "locales/fr.po": po},
                        config=MINIMAL_CONFIG + "  locales: [fr-FR]\n")
    result = run("check", "-f", str(root / "mkdocs.yml"))
    assert ("mkdocs.yml:8: warning: locale 'fr-FR' has no translations in locales/fr-FR.po, while locales/fr.po "
            "holds the 'fr' ones: they are not used for 'fr-FR'; did you mean 'fr'? (or rename locales/fr.po to "
            "fr-FR.po)") in result.output.splitlines(), result.output
    # a build writes locales/fr-FR.po with its header and empty entries: still no translations of its own
    (root / "locales/fr-FR.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                          'msgctxt "x:title"\nmsgid "X"\nmsgstr ""\n', encoding="utf-8")
    assert "did you mean 'fr'?" in run("check", "-f", str(root / "mkdocs.yml")).output
    (root / "mkdocs.yml").write_text(MINIMAL_CONFIG + "  locales: [fr]\n", encoding="utf-8")
    assert "did you mean" not in run("check", "-f", str(root / "mkdocs.yml")).output


def test_check_clean_sample_exits_0() -> None:
    result = CliRunner().invoke(main, ["check", "-f", str(Path(__file__).parent.parent / "mkdocs.yml")])
    assert result.exit_code == 0, result.output


def test_check_reports_loader_errors(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": b"", "content/b/x.md": article("Dup")})
    result = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "file is empty" in result.output and "duplicate slug 'x'" in result.output
    # what loaded (b/x.md) is checked; the summary says which file did not
    assert "1 article checked: 2 errors, 0 warnings; 1 file did not load" in result.output
    data = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "-f", str(root / "mkdocs.yml")]).output)
    assert data["loaded"] is False and data["errors"] == 2 and data["unloaded"] == ["content/a/x.md"]


def test_check_goes_on_past_an_article_that_fails_to_load(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({
        "content/a/bikes.md": "---\ntitle: Bikes: how to ride\n---\n\n## Saddle\n\n[gone](gone.md)\n",
        "content/a/x.md": article("X", "[bikes](bikes.md#saddle) [nope](nope.md) [y](y.md#no-such)"),
        "content/a/y.md": article("Y"),  # linked from x, whose links are known
        "content/b/only.md": "---\ntitle: [unclosed\n---\nText\n",  # its category is not "empty"
    })
    result = run("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        'content/a/bikes.md:2: error: invalid YAML: a \': \' inside a value starts another key; quote the value: '
        'title: "Bikes: how to ride"',
        "content/b/only.md:2: error: invalid YAML: did not find expected ',' or ']' in the list or mapping opened on "
        "this line; close its bracket, or quote the value if the bracket is part of the text",
        "content/a/x.md:5: error: link 'nope.md': content/a/nope.md does not exist; fix the path",
        "content/a/x.md:5: error: link 'y.md#no-such': no heading with id 'no-such' in content/a/y.md",
        "2 articles checked: 4 errors, 0 warnings; 2 files did not load (the errors above): their links, and "
        "articles nothing links to, are checked once every file loads",
    ]  # no error for bikes.md#saddle (its headings are unknown), no orphan 'x', no empty category 'b'


def test_a_link_to_an_article_moved_to_another_category_says_where_it_is_now(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: 'content/billing/request-a-refund.md does not exist; fix the path', though the one article of that
    name had moved to payments/."""
    root = make_project({
        "content/payments/request-a-refund.md": article("Request a refund", "## How\n\nAsk."),
        "content/billing/plans.md": article("Plans", "See [refunds](request-a-refund.md#how)."),
    })
    result = run("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1
    assert ("content/billing/plans.md:5: error: link 'request-a-refund.md#how': content/billing/request-a-refund.md "
            "does not exist; it is now content/payments/request-a-refund.md: link to "
            "'../payments/request-a-refund.md#how'") in result.output.splitlines(), result.output


def test_check_sees_an_image_whose_path_has_a_space(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: ``![](images/My Screenshot.png)`` is text for CommonMark but an image for the site's renderer: check
    passed with the file missing, and only build --strict found it."""
    root = make_project({
        "content/a/x.md": article("X", "![](images/My Screenshot.png)\n\n![](images/Shown Here.png)"),
        "content/a/images/Shown Here.png": b"png",
    })
    result = run("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("content/a/x.md:5: error: image 'images/My Screenshot.png': "
                                             "content/a/images/My Screenshot.png does not exist; fix the path")
    assert "Shown Here" not in result.output


def test_init_scaffolds_a_help_center_that_builds(tmp_path: Path) -> None:
    target = tmp_path / "hc"
    assert run("init", str(target)).exit_code == 0
    # the scaffold's one article is on the home page (promoted): no article need link it
    checked = run("check", "-f", str(target / "mkdocs.yml"))
    # but for the example contact address, which no site should ship (a walkthrough's site e-mailed it)
    assert checked.exit_code == 0 and "0 errors, 1 warning" in checked.output, checked.output
    assert "mkdocs.yml:27: warning: helpkit.contact.email: 'support@example.com' is an example address, so the " \
        "contact button would reach nobody; set your support address or form" in checked.output
    workflow = (target / ".github/workflows/publish.yml").read_text()
    assert "helpkit build --strict" in workflow and "deploy-pages" in workflow and "branches: [main]" in workflow
    # orphan articles fail check --strict and not the build: CI runs both (a walkthrough's CI passed with 14)
    assert workflow.index("helpkit check --strict") < workflow.index("helpkit build --strict")
    for name in ("questions.csv", "synonyms.txt"):  # empty but for a comment saying what goes in them
        assert (target / name).read_text().startswith("# ")
        assert f": {name}" in (target / "mkdocs.yml").read_text()
    (target / "content/getting-started/reset.md").write_text(article("Reset your password", "Use the link."))
    with open(target / "questions.csv", "a", encoding="utf-8") as f:
        f.write("i forgot my password,reset\n")
    # Until the writer says where the site is published, a strict build fails and says what to set, and why
    result = run("build", "--strict", "-f", str(target / "mkdocs.yml"))
    assert result.exit_code == 1 and "mkdocs.yml: 'site_url' is not set" in result.output
    assert "sitemap" in result.output and "hreflang" in result.output and "deflection" in result.output
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("# site_url:", "site_url:").replace(
        "support@example.com", "help@acme.example"))
    result = run("build", "--strict", "-f", str(target / "mkdocs.yml"))
    assert result.exit_code == 0, result.output
    assert "<loc>https://help.example.com/getting-started/reset.html</loc>" in (target / "site/sitemap.xml").read_text()
    from helpkit.config import load_config
    from helpkit.loader import load_help_center
    center = load_help_center(load_config(target / "mkdocs.yml"))
    assert [q.text for q in center.questions] == ["i forgot my password"]
    again = CliRunner().invoke(main, ["init", str(target)])
    assert again.exit_code == 1 and "not empty" in again.output


def test_serve_rejects_bad_address(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X")})
    result = CliRunner().invoke(main, ["serve", "-a", "nonsense", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2 and "HOST:PORT" in result.output


def test_serve_port_in_use_is_a_clear_error(make_project) -> None:  # type: ignore[no-untyped-def]
    import socket

    root = make_project({"content/a/x.md": article("X")})
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2 and "cannot listen there" in result.output and "another port" in result.output


def test_models_needed_lists_the_argos_pairs_of_the_locales(make_project) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL_CONFIG

    root = make_project(config=MINIMAL_CONFIG + "  locales: [es, pt-BR, en-XA, es-MX]\n")
    result = run("models", "needed", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 0 and result.stdout == "en-es\nen-pb\n"  # no model for the pseudo-locale
    (root / "mkdocs.yml").write_text(MINIMAL_CONFIG + "  locales: [es]\n  translation:\n    backend: none\n")
    assert run("models", "needed", "-f", str(root / "mkdocs.yml")).output == ""
    usage = run("models", "install", "en", "es", "--configured")
    assert usage.exit_code == 2 and "--configured" in usage.output


def test_check_lists_loader_warnings_and_strict_fails_on_them(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X", "Text.", layuot="doc", related=["y"]),
                         "content/a/y.md": article("Y", "Text.", related=["x"])})
    result = run("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 0, result.output
    assert "content/a/x.md:3: warning: front matter 'layuot': unknown key" in result.output
    assert run("check", "--strict", "-f", str(root / "mkdocs.yml")).exit_code == 1


def test_an_output_path_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    """An output folder under a file (a typo, a read-only place): the path and the cause, exit 1; nothing is lost."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(blocker / "hc")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{blocker / 'hc'}: Not a directory; check the path" in result.output
    assert blocker.read_text(encoding="utf-8") == "mine\n"
    missing = CliRunner().invoke(main, ["init", str(tmp_path / "hc")], env={"HOME": str(tmp_path)})
    assert missing.exit_code == 0, missing.output
    built = CliRunner().invoke(main, ["build", "-f", str(tmp_path / "hc/mkdocs.yml"), "-d", str(blocker / "site")])
    assert built.exit_code == 1 and f"{blocker}: File exists; check the path" in built.output, built.output


@pytest.mark.parametrize("site_dir", [".", "content", "content/site", ".."])
def test_build_refuses_a_site_dir_that_would_replace_the_help_center(make_project, site_dir: str) -> None:  # type: ignore[no-untyped-def]
    """The build replaces --site-dir whole: before, 'helpkit build -d content' replaced the articles by the site."""
    root = make_project({"content/a/x.md": article("X")})
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / site_dir)])
    assert result.exit_code == 2, result.output
    assert f"--site-dir {(root / site_dir).resolve()}:" in result.output and "choose a" in result.output
    assert "title: X" in (root / "content/a/x.md").read_text(encoding="utf-8")
    assert (root / "mkdocs.yml").is_file() and not (root / "content/site").exists()
    assert run("build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "public")).exit_code == 0


def test_build_refuses_to_replace_a_file_named_site(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("X")})
    (root / "site").write_text("my notes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2 and "is a file, not a folder" in result.output, result.output
    assert (root / "site").read_text(encoding="utf-8") == "my notes\n"


TYPOED_CONFIG = MINIMAL_CONFIG.replace("site_url:", "site_ulr:").replace("theme:", "them:").replace(
    "helpkit:", "markdown_extension:\n  - toc:\n      permalink: true\nhelpkit:")
"""Typos in MkDocs' own settings: MkDocs ignores each (no theme settings, no heading permalinks)."""


def test_unknown_mkdocs_settings_are_warnings_with_the_name_meant(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before, ``them:``, ``markdown_extension:`` and ``site_ulr:`` were dropped without a word."""
    from helpkit.config import load_config

    root = make_project({"content/a/x.md": article("X")}, config=TYPOED_CONFIG)
    expected = ["mkdocs.yml:2: unknown setting 'site_ulr': MkDocs ignores it; did you mean 'site_url'?",
                "mkdocs.yml:3: unknown setting 'them': MkDocs ignores it; did you mean 'theme'?",
                "mkdocs.yml:5: unknown setting 'markdown_extension': MkDocs ignores it; did you mean "
                "'markdown_extensions'?"]
    assert [str(w) for w in load_config(root / "mkdocs.yml").warnings] == expected
    checked = run("check", "-f", str(root / "mkdocs.yml"))
    assert checked.exit_code == 0, checked.output
    assert "mkdocs.yml:3: warning: unknown setting 'them': MkDocs ignores it; did you mean 'theme'?" in checked.output
    assert run("check", "--strict", "-f", str(root / "mkdocs.yml")).exit_code == 1
    built = CliRunner().invoke(main, ["build", "--strict", "-f", str(root / "mkdocs.yml")])
    assert built.exit_code == 1, built.output
    assert all(line in built.output for line in expected)
    assert not (root / "site").exists()


def test_a_correct_mkdocs_yml_has_no_setting_warning(make_project) -> None:  # type: ignore[no-untyped-def]
    from helpkit.config import load_config

    root = make_project({"content/a/x.md": article("X")},
                        config=TYPOED_CONFIG.replace("site_ulr", "site_url").replace("them:", "theme:")
                        .replace("markdown_extension:", "markdown_extensions:") + "helpkt:\n  locales: [es]\n")
    assert [str(w) for w in load_config(root / "mkdocs.yml").warnings] == [
        "mkdocs.yml:11: unknown setting 'helpkt': MkDocs ignores it; did you mean 'helpkit'?"]
    root = make_project({"content/a/x.md": article("X")}, name="good",
                        config=TYPOED_CONFIG.replace("site_ulr", "site_url").replace("them:", "theme:")
                        .replace("markdown_extension:", "markdown_extensions:"))
    assert load_config(root / "mkdocs.yml").warnings == ()
