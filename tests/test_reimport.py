"""``helpkit import --update`` after a local tidy-up: every article of the export lands in one case.

The sequence a support team runs: import from the help desk, then tidy up here (a formatter over content/, a typo
fixed, an article moved to another category, a file renamed), then, a month later, re-import a fresh export with
``--update`` where a few articles changed and most did not. Cases: unchanged in the export (left alone, whatever
was done here), changed there and not edited here (updated), changed there and edited here (kept, named, with the
way out), new there (imported), gone there (named, not deleted).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from helpkit.config import load_config
from helpkit.loader import split_front_matter
from site_builder.check import check
from tests.test_import import FIXTURES, project, run, snapshot

PAGE = "articles/en-us-page-2.json"
"""The listing page of the Zendesk fixture that holds articles 303 (Invoices), 304 and 305 (Sign in)."""


def tidy(text: str) -> str:
    """What a Markdown formatter (mdformat, prettier) does to a file without changing what it says: YAML lists
    indented, ``*`` bullets, ``1.`` for every item of a numbered list, ``_`` emphasis, table cells unpadded,
    paragraphs re-wrapped at 30 columns, a space after each heading and two blank lines at the end."""
    front, body, _ = split_front_matter(text)
    assert front is not None
    front = re.sub(r"^- ", "  - ", front, flags=re.MULTILINE)
    out: list[str] = []
    fenced = False
    for line in body.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or line.startswith("```") or line.startswith((" ", "!")) or not line:
            out.append(line)
        elif line.startswith("|"):
            out.append(re.sub(r"-{3,}", "---", re.sub(r" {2,}", " ", line)))
        elif line.startswith("#"):
            out.append(line + " ")
        else:
            line = re.sub(r"^- ", "* ", re.sub(r"^\d+\. ", "1. ", line))
            line = re.sub(r"(?<![*\w])\*(?!\*)([^*]+)(?<!\*)\*(?![*\w])", r"_\1_", line)
            if line.startswith(("* ", "1. ")):
                out.append(line)
            else:
                out.append(textwrap.fill(line, 30, break_on_hyphens=False, break_long_words=False))
    return f"---\n{front}---\n\n{chr(10).join(out).strip()}\n\n\n"


def export(to: Path, *, changes: dict[int, tuple[str, str]] | None = None, new: tuple[int, ...] = (),
           gone: tuple[int, ...] = (), section: int = 201) -> Path:
    """A copy of the Zendesk fixture: ``changes`` {article id: (old, new)} edited in the help desk on 2024-06-01,
    articles ``new`` added to ``section`` (201: Invoices; a copy of 303 with another title and text), ``gone``
    removed."""
    shutil.copytree(FIXTURES / "zendesk", to)
    for listing in sorted((to / "articles").glob("*.json")):
        data = json.loads(listing.read_text(encoding="utf-8"))
        for a in data["articles"]:
            if a["id"] in (changes or {}):
                old, text = (changes or {})[a["id"]]
                assert old in a["body"], (a["id"], old)
                a["body"] = a["body"].replace(old, text)
                a["updated_at"] = a["edited_at"] = "2024-06-01T10:00:00Z"
        if listing.name == Path(PAGE).name:
            base = next(a for a in data["articles"] if a["id"] == 303)
            for n in new:
                a = copy.deepcopy(base)
                a.update(id=n, position=n - 300, section_id=section, title=f"Invoice question {n}",
                         name=f"Invoice question {n}", label_names=[],
                         body=f"<p>Answer number {n} about invoices and their totals.</p>")
                data["articles"].append(a)
        data["articles"] = [a for a in data["articles"] if a["id"] not in gone]
        listing.write_text(json.dumps(data), encoding="utf-8")
    return to


def articles(root: Path) -> dict[str, bytes]:
    """The help center's articles, by path (the translation memory is the translation stage's: a formatter's run
    changes the source text its entries are keyed on, which any build syncs)."""
    return {k: v for k, v in snapshot(root).items() if k.startswith("content/")}


def tidy_up(content: Path) -> None:
    """Run the formatter over every article of ``content``."""
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert tidy(text) != text
        path.write_text(tidy(text), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def section(out: str, heading: str) -> list[str]:
    """The indented lines under the summary line that starts with ``heading``."""
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if heading in line)
    found = []
    for line in lines[at + 1:]:
        if not line.startswith("  "):
            break
        found.append(line.strip())
    return found


def reimport(root: Path, export: Path, counts: str, *more: str) -> str:
    """``helpkit import zendesk EXPORT --update`` into ``root``: its output, whose counts line must hold ``counts``."""
    out = run("zendesk", str(export), "--into", str(root), "--update", *more)
    assert counts in out
    return out


def test_a_formatter_run_is_not_an_edit(tmp_path: Path) -> None:
    """Before: a formatter over content/ made every article 'edited here' (its bytes no longer had the recorded
    hash): all were listed as kept local edits, and a real change in the help desk was refused (skipped, 'your
    version is kept') although nothing was written here."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    tidy_up(root / "content")
    before = articles(root)
    out = reimport(root, FIXTURES / "zendesk", "0 imported, 0 updated, 5 unchanged, 1 skipped")
    assert "edited here" not in out
    assert articles(root) == before  # the formatted files are left as they are
    changed = export(tmp_path / "june", changes={303: ("seven years", "ten years"), 301: ("30 days", "60 days")})
    out = reimport(root, changed, "0 imported, 2 updated, 3 unchanged, 1 skipped")
    assert section(out, "not edited here: updated") == [
        "content/refunds/how-do-i-get-a-refund.md", "content/invoices/download-an-invoice.md"]
    assert "ten years" in (root / "content/invoices/download-an-invoice.md").read_text(encoding="utf-8")
    assert "60 days" in (root / "content/refunds/how-do-i-get-a-refund.md").read_text(encoding="utf-8")
    untouched = root / "content/sign-in/reset-your-password.md"
    assert untouched.read_bytes() == before[untouched.relative_to(root).as_posix()]


def test_a_formatter_that_changes_what_the_page_says_is_an_edit(tmp_path: Path) -> None:
    """Only formatting that leaves the page as it was is ignored: a formatter that breaks an admonition (its body
    no longer indented) changes the page, so the article counts as edited here and is kept."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    arrive = root / "content/refunds/when-will-my-refund-arrive.md"
    edit(arrive, "\n    A refund cannot be cancelled.", "\nA refund cannot be cancelled.")
    changed = export(tmp_path / "june", changes={302: ("bank processes them", "bank has processed them")})
    reimport(root, changed, "content/refunds/when-will-my-refund-arrive.md differs from the export and was edited "
                            "here since the last import: your version is kept")
    assert "bank processes them" in arrive.read_text(encoding="utf-8")


def test_moved_and_renamed_articles_are_found_by_source_id_and_left_alone(tmp_path: Path) -> None:
    """Before: an article moved to another category folder, or a renamed file, changed what the import would write
    for it and for its neighbours (their related lists, its links and image folder): articles unchanged in the
    export were 'updated' (rewritten), or refused as conflicts when they had been formatted."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    content = root / "content"
    tidy_up(content / "refunds")
    (content / "sign-in/reset-your-password.md").rename(content / "refunds/reset-your-password.md")
    arrive = content / "refunds/when-will-my-refund-arrive.md"
    arrive.rename(content / "refunds/refund-timing.md")
    before = articles(root)
    out = reimport(root, FIXTURES / "zendesk", "0 imported, 0 updated, 5 unchanged")
    assert articles(root) == before  # no duplicate, nothing rewritten, no image copied to a new folder
    changed = export(tmp_path / "june", changes={304: ("Check your email.", "Check your inbox."),
                                                 302: ("bank processes them", "bank has processed them")})
    out = reimport(root, changed, "0 imported, 2 updated, 3 unchanged")
    assert section(out, "not edited here: updated") == [
        "content/refunds/refund-timing.md", "content/refunds/reset-your-password.md"]
    assert "Check your inbox." in (content / "refunds/reset-your-password.md").read_text(encoding="utf-8")
    assert "bank has processed them" in (content / "refunds/refund-timing.md").read_text(encoding="utf-8")
    assert not (content / "sign-in/reset-your-password.md").exists()
    assert not (content / "refunds/when-will-my-refund-arrive.md").exists()


def test_articles_gone_from_the_export_are_named_and_kept(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    before = snapshot(root)
    out = run("zendesk", str(export(tmp_path / "june", gone=(303,))), "--into", str(root), "--update")
    assert section(out, "1 article imported from zendesk before is not in this export") == [
        "content/invoices/download-an-invoice.md [zendesk:303]"]
    assert "delete it here if it was deleted there" in out
    assert snapshot(root) == before
    # the other way round, an article deleted here comes back (nothing records that it was imported): said so
    (root / "content/sign-in/reset-your-password.md").unlink()
    out = run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root), "--update")
    assert section(out, "new in the export (or deleted here since the last import): imported") == [
        "content/sign-in/reset-your-password.md"]


def test_new_articles_of_a_category_with_a_moved_article_go_to_its_folder(tmp_path: Path) -> None:
    """Before: the folder of a category was the folder of its first article found, so after one Sign in article
    was moved to refunds/, a new Sign in article went to refunds/ too."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    content = root / "content"
    (content / "sign-in/reset-your-password.md").rename(content / "refunds/reset-your-password.md")
    out = run("zendesk", str(export(tmp_path / "june", new=(306,), section=210)), "--into", str(root), "--update")
    assert "1 imported, 0 updated, 5 unchanged" in out
    assert section(out, "since the last import): imported") == ["content/sign-in/invoice-question-306.md"]


def test_a_reimport_after_a_tidy_up_puts_every_article_in_one_case(tmp_path: Path) -> None:
    """The whole sequence: import; format everything, fix a typo in two articles, move one to another category,
    rename one; re-import an export where three articles changed, one is new and one is gone."""
    root = project(tmp_path)
    run("zendesk", str(export(tmp_path / "march", new=(307,))), "--into", str(root))
    content = root / "content"
    tidy_up(content)
    edit(content / "refunds/when-will-my-refund-arrive.md", "after your bank", "once your bank")  # a typo fix
    edit(content / "invoices/download-an-invoice.md", "as a PDF.\n", "as a PDF file.\n")
    (content / "sign-in/reset-your-password.md").rename(content / "refunds/reset-your-password.md")
    (content / "sign-in/turn-on-two-factor-authentication.md").rename(content / "sign-in/two-factor.md")
    before = snapshot(root)
    june = export(tmp_path / "june", new=(306,), changes={
        301: ("30 days", "60 days"), 303: ("seven years", "ten years"), 304: ("your email.", "your inbox.")})
    out = reimport(root, june, "1 imported, 2 updated, 2 unchanged, 2 skipped")
    assert section(out, "since the last import): imported") == ["content/invoices/invoice-question-306.md"]
    assert section(out, "not edited here: updated") == [
        "content/refunds/how-do-i-get-a-refund.md", "content/refunds/reset-your-password.md"]
    assert section(out, "1 article edited here since the last import and unchanged in the export") == [
        "content/refunds/when-will-my-refund-arrive.md"]
    assert section(out, "1 article edited here and changed in the export") == [
        "content/invoices/download-an-invoice.md [zendesk:303]"]
    assert "--force" in out and "git diff" in out
    assert section(out, "1 article imported from zendesk before is not in this export") == [
        "content/invoices/invoice-question-307.md [zendesk:307]"]
    after = snapshot(root)
    assert {k for k in after if after.get(k) != before.get(k)} == {
        "content/invoices/invoice-question-306.md", "content/refunds/how-do-i-get-a-refund.md",
        "content/refunds/reset-your-password.md", "locales/es.po"}
    assert "PDF file" in (content / "invoices/download-an-invoice.md").read_text(encoding="utf-8")
    # the new article's neighbour was left as it is, so nothing leads to it yet: said, with the fix
    assert "content/invoices/invoice-question-306.md: new in the export, and no article lists it in 'related' or " \
           "links to it" in out
    assert "add 'invoice-question-306' to the 'related' list of content/invoices/download-an-invoice.md" in out
    problems = check(load_config(root / "mkdocs.yml")).problems
    assert [(p.path, p.code) for p in problems] == [
        ("content/sign-in/_category.yml", "empty-category"),  # the move left Sign in a draft only: for the writer
        ("content/invoices/invoice-question-306.md", "orphan")]
    out = reimport(root, june, "0 imported, 1 updated, 5 unchanged", "--force")
    assert "ten years" in (content / "invoices/download-an-invoice.md").read_text(encoding="utf-8")
    # --force replaces what conflicts, never an edit the export did not touch (before, it undid the typo fix too)
    assert "once your bank" in (content / "refunds/when-will-my-refund-arrive.md").read_text(encoding="utf-8")
    out = run("zendesk", str(june), "--into", str(root), "--update")
    assert "0 imported, 0 updated, 6 unchanged" in out and "edited here and changed" not in out


def test_articles_imported_by_the_previous_version_are_still_told_apart(tmp_path: Path) -> None:
    """Files stamped before ``export_hash`` (``import_hash`` of the bytes written): unchanged in the export and as
    imported, they get ``export_hash``; formatted and unchanged there, they are left alone, not called edited;
    changed there and not edited here, they are updated."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    content = root / "content"
    for path in sorted(content.rglob("*.md")):
        text = re.sub(r"^export_hash: .*\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        bare = re.sub(r"^import_hash: .*\n", "", text, flags=re.MULTILINE)
        path.write_text(text.replace(re.search(r"import_hash: (\w+)", text)[1],  # type: ignore[index]
                                     hashlib.sha256(bare.encode()).hexdigest()[:16]), encoding="utf-8")
    tidy_up(content / "refunds")
    before = articles(root)
    changed = export(tmp_path / "june", changes={303: ("seven years", "ten years")})
    out = run("zendesk", str(changed), "--into", str(root), "--update")
    assert "0 imported, 1 updated, 4 unchanged, 1 skipped" in out and "kept as is" not in out
    after = articles(root)
    assert {k for k in after if after[k] != before[k]} == {
        "content/invoices/download-an-invoice.md",  # updated
        "content/sign-in/reset-your-password.md", "content/sign-in/turn-on-two-factor-authentication.md"}  # stamped
    stamped = {k for k in after if k.endswith(".md") and "export_hash: " in after[k].decode()}
    assert stamped == {"content/invoices/download-an-invoice.md", "content/sign-in/reset-your-password.md",
                       "content/sign-in/turn-on-two-factor-authentication.md"}  # formatted ones: left alone


@pytest.mark.parametrize("source", ["freshdesk", "intercom"])
def test_a_tidy_up_changes_nothing_a_reimport_of_the_same_export_does(tmp_path: Path, source: str) -> None:
    """Freshdesk and Intercom the same: formatted, moved and renamed articles, none changed in the export, are all
    unchanged, and no file is written."""
    root = project(tmp_path)
    run(source, str(FIXTURES / source), "--into", str(root))
    content = root / "content"
    tidy_up(content)
    first, second, *_ = sorted(content.rglob("*.md"))
    other = next(f for f in sorted(content.iterdir()) if f.is_dir() and f != first.parent)
    first.rename(other / first.name)
    second.rename(second.with_name(f"renamed-{second.name}"))
    before = articles(root)
    out = run(source, str(FIXTURES / source), "--into", str(root), "--update")
    assert f"{source}: 0 imported, 0 updated, {len([k for k in before if k.endswith('.md')])} unchanged" in out
    assert "kept as is" not in out and "not in this export" not in out
    assert articles(root) == before


def test_the_old_address_a_moved_article_was_given_is_no_edit_and_stays(tmp_path: Path) -> None:
    """After a move the build asks for ``redirect_from``; a writer adds it. Before, that line made the article
    'edited here', so a later change in the export was a conflict, and --force dropped the line (the build failed
    again on the moved page)."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    content = root / "content"
    moved = content / "refunds/reset-your-password.md"
    (content / "sign-in/reset-your-password.md").rename(moved)
    text = moved.read_text(encoding="utf-8")
    moved.write_text(text.replace("source_id:", "redirect_from:\n- sign-in/reset-your-password\nsource_id:", 1),
                     encoding="utf-8")
    changed = export(tmp_path / "june", changes={304: ("Check your email.", "Check your inbox.")})
    out = reimport(root, changed, "0 imported, 1 updated")
    assert section(out, "not edited here: updated") == ["content/refunds/reset-your-password.md"]
    text = moved.read_text(encoding="utf-8")
    assert "Check your inbox." in text and "redirect_from:\n- sign-in/reset-your-password" in text
    reimport(root, changed, "0 imported, 0 updated")  # and it stays as it is
