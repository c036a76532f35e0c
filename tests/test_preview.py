"""The preview behind ``helpkit serve``: an edit re-renders what shows it; the rest is rebuilt when needed."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpkit.errors import ContentErrors
from search_index import search
from site_builder.preview import Preview
from tests.conftest import MINIMAL_CONFIG, article
from translations.backends import pseudo


@pytest.fixture
def preview(make_project, tmp_path: Path) -> Iterator[Preview]:  # type: ignore[no-untyped-def]
    root = make_project({
        "content/a/x.md": article("Article X", "First version.", related=["y"]),
        "content/a/y.md": article("Article Y", "Y text."),
        "content/b/z.md": article("Article Z", "Z text.", draft=True),
    })
    p = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    yield p
    p.close()


def page(preview: Preview, rel: str) -> str:
    return (preview.site_dir / rel).read_text(encoding="utf-8")


def test_first_render_has_every_page_and_drafts(preview: Preview) -> None:
    assert "First version." in page(preview, "a/x.html")
    assert "Z text." in page(preview, "b/z.html")  # drafts are previewed
    assert "Draft: only this preview shows it." in page(preview, "b/z.html")  # and say why the live site lacks them
    assert "Draft:" not in page(preview, "a/x.html")
    assert (preview.site_dir / "index.html").exists()


def test_edit_rerenders_the_article_and_pages_that_show_it(preview: Preview) -> None:
    src = preview.config.content_dir / "a/y.md"
    src.write_text(article("Article Y renamed", "Second version."))
    preview.refresh()
    preview.wait()
    assert "Second version." in page(preview, "a/y.html")
    assert "Article Y renamed" in page(preview, "a/x.html")  # listed as related there
    assert "Article Y renamed" in page(preview, "a/index.html")  # the category listing
    hits = search(preview.work_dir / "index", "renamed", locale="en").hits
    assert [h.slug for h in hits] == ["y"]  # the search index was refreshed too


def test_new_file_rebuilds_everything(preview: Preview) -> None:
    (preview.config.content_dir / "a/new.md").write_text(article("Brand new", "Fresh."))
    preview.refresh()
    assert "Fresh." in page(preview, "a/new.html")
    assert "Brand new" in page(preview, "a/index.html")


def test_broken_edit_raises_and_keeps_the_last_page(preview: Preview) -> None:
    src = preview.config.content_dir / "a/x.md"
    src.write_text("---\ntitle: [oops\n---\n")
    with pytest.raises(ContentErrors, match="invalid YAML"):
        preview.refresh()
    assert "First version." in page(preview, "a/x.html")
    src.write_text(article("Article X", "Fixed version.", related=["y"]))
    preview.refresh()
    assert "Fixed version." in page(preview, "a/x.html")


def test_config_change_rebuilds(preview: Preview) -> None:
    cfg = preview.config.path
    cfg.write_text(cfg.read_text().replace("Example Help", "Renamed Help"))
    preview.refresh()
    assert "Renamed Help" in page(preview, "a/x.html")


def test_preview_of_several_locales(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = MINIMAL_CONFIG.replace("theme:\n  name: material", "theme:\n  name: material\nmarkdown_extensions:\n"
                                    "  - toc:\n      permalink: true") + "  locales: [en-XA]\n"
    root = make_project({"content/a/x.md": article("Article X", "Text.")}, config=config)
    p = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    try:
        assert (p.site_dir / "en-XA" / "a" / "x.html").exists()
        (root / "content/a/x.md").write_text(article("Article X", "Edited text."))
        p.refresh()
        p.wait()
        assert "Edited text." in (p.site_dir / "a" / "x.html").read_text()
        pseudo_text = pseudo("Edited text.").split(" ·")[0]
        assert pseudo_text in (p.site_dir / "en-XA" / "a" / "x.html").read_text()  # the pseudo-locale follows
    finally:
        p.close()


def test_an_edit_shows_the_translation_warnings(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = MINIMAL_CONFIG + "  locales: [es]\n  translation:\n    backend: none\n"
    root = make_project({"content/a/x.md": article("Article X", "Text.")}, config=config)
    p = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    try:
        p.refresh()  # the first render wrote the translation memory: read again in full
        renderer = p.renderers["es"]
        (root / "content/a/x.md").write_text(article("Article X", "Edited text, never translated."))
        warnings = p.refresh()
        assert p.renderers["es"] is renderer  # re-rendered page by page, not in full
        assert any(w.where == "es" and "have no translation" in w.message for w in warnings), warnings
    finally:
        p.close()


def test_a_questions_file_edit_reaches_the_search_index(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("Article X", "Text."), "content/a/y.md": article("Article Y", "Y."),
                         "questions.csv": "question,article\nwhere is my parcel,x\n"},
                        config=MINIMAL_CONFIG + "  search:\n    questions: questions.csv\n")
    p = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    try:
        (root / "questions.csv").write_text("question,article\nwhere is my parcel,x\nzebra crossing,y\n")
        p.refresh()
        p.wait()
        assert [a.questions for a in p.center.articles] == [("where is my parcel",), ("zebra crossing",)]
        assert [h.slug for h in search(p.work_dir / "index", "zebra", locale="en").hits] == ["y"]
    finally:
        p.close()


def test_warnings_are_returned_on_the_first_build_and_on_every_edit(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"content/a/x.md": article("Article X", "Text.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation:\n    backend: none\n")
    p = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    try:
        untranslated = "segments have no translation and 'helpkit.translation.backend' is 'none'"
        assert [w.where for w in p.warnings if untranslated in w.message] == ["es"]
        (root / "content/a/x.md").write_text(article("Article X", "Edited text.", sidebar_label="X"))
        warnings = p.refresh()  # an edit of one article: the fast path
        assert "content/a/x.md:3: front matter 'sidebar_label': unknown key" in str(warnings[0])
        assert any(untranslated in w.message for w in warnings)  # the translation warnings are not dropped
    finally:
        p.close()


def test_an_edit_that_keeps_the_new_template_text_warns(preview: Preview) -> None:
    src = preview.config.content_dir / "b/z.md"  # a draft: the preview publishes it, so its placeholders show
    src.write_text(article("Article Z", "Z text.\n\n1. First step.", draft=True))
    warnings = [str(w) for w in preview.refresh()]
    assert "content/b/z.md:8: placeholder text from 'helpkit new' is still here; replace it with the article's own " \
           "text and write its 'description' before the draft is published" in warnings


def test_the_preview_reports_mkdocs_and_link_warnings_as_the_build_does(make_project, tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    """Broken links come as helpkit's messages (file, line, fix), on the first render and on an edit; MkDocs' own
    warnings name the file too, and none reaches the log raw (``Doc file 'a/y.md' contains ...``)."""
    from helpkit.config import load_config
    from site_builder.build import build

    root = make_project({"content/a/x.md": article("Article X", "See [gone](gone.md)."),
                         "content/a/y.md": article("Article Y", "[x](x.md)"),
                         "locales/es/y.md": "---\ntitle: Artículo Y\n---\n\nVer [otro](<otra cosa.md>).\n"},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation:\n    backend: none\n")
    built = {str(w) for w in build(load_config(root / "mkdocs.yml"), cache=False).warnings}
    p = Preview(root / "mkdocs.yml", tmp_path / "site", tmp_path / "work")
    try:
        shown = {str(w) for w in p.warnings}
        assert "content/a/x.md:5: link 'gone.md': content/a/gone.md does not exist; fix the path" in shown
        assert ("locales/es/y.md:5: the es page contains a link 'otra cosa.md', but the target 'a/otra cosa.md' is "
                "not found among documentation files.") in shown
        assert shown <= built  # the same messages (the build adds only what the preview does not do, e.g. strict)
        (root / "content/a/x.md").write_text(article("Article X", "See [gone](gone.md).\n\nAnd [y](y.md#nope)."))
        edited = [str(w) for w in p.refresh()]
        assert "content/a/x.md:7: link 'y.md#nope': no heading with id 'nope' in content/a/y.md" in edited
        assert not [r for r in caplog.records if r.name.startswith("mkdocs") and r.levelno >= logging.WARNING]
    finally:
        p.close()


def test_an_edit_reports_the_links_it_broke_in_other_articles(preview: Preview) -> None:
    content = preview.config.content_dir
    (content / "a/y.md").write_text(article("Article Y", "[x](x.md#steps) [gone](gone.md)"))
    (content / "a/x.md").write_text(article("Article X", "Text.\n\n## Steps", related=["y"]))
    assert [str(w) for w in preview.refresh() if "link '" in w.message] == [
        "content/a/y.md:5: link 'gone.md': content/a/gone.md does not exist; fix the path"]
    (content / "a/x.md").write_text(article("Article X", "Text.\n\n## First steps", related=["y"]))
    renderer = preview.renderers["en"]
    warnings = [str(w) for w in preview.refresh()]
    assert preview.renderers["en"] is renderer  # the fast path: one article re-rendered
    assert "content/a/y.md:5: link 'x.md#steps': no heading with id 'steps' in content/a/x.md; its headings' ids: " \
           "first-steps" in warnings
