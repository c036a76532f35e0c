"""The questions file: customers' questions with the article answering each, learned by search."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from helpkit.config import load_config
from helpkit.errors import ConfigError, ContentErrors
from helpkit.loader import load_help_center
from search_index import build_index, open_engine, write_browser_index
from tests.conftest import MINIMAL_CONFIG, article
from translations.localize import localize

CONFIG = MINIMAL_CONFIG + """\
  locales: [es]
  translation:
    backend: none
  search:
    questions: questions.csv
"""

ARTICLES = {
    "content/cards/track-your-card.md": article("Track your card delivery", "Cards are sent by post in 5 days."),
    "content/cards/freeze-your-card.md": article("Freeze your card", "Freeze it in the app when it is lost."),
    "content/cards/old-card.md": article("Old card", "Draft.", draft=True),
}


def project(make_project, questions: str | bytes, name: str = "hc"):  # type: ignore[no-untyped-def]
    return make_project({**ARTICLES, "questions.csv": questions}, config=CONFIG, name=name)


def load(root: Path):  # type: ignore[no-untyped-def]
    return load_help_center(load_config(root / "mkdocs.yml"))


def problems(root: Path) -> tuple[str, ...]:
    with pytest.raises(ContentErrors) as err:
        load(root)
    return err.value.problems


def test_questions_go_to_their_article_in_their_locale(make_project) -> None:  # type: ignore[no-untyped-def]
    root = project(make_project, "\ufeffQuestion,Article,Locale,Ticket\n"
                                 "where is my  card,track-your-card,en,81\n"
                                 "\"card not here, 2 weeks\",track-your-card,,82\n"
                                 "¿dónde está mi tarjeta?,track-your-card,es,83\n"
                                 "never used it,old-card,en,84\n"
                                 "mail ann@example.com or call +44 20 7946 0958,freeze-your-card,en,85\n")
    center = load(root)
    track = next(a for a in center.articles if a.slug == "track-your-card")
    assert track.questions == ("where is my card", "card not here, 2 weeks")
    freeze = next(a for a in center.articles if a.slug == "freeze-your-card")
    assert freeze.questions == ("mail [email] or call [phone]",)  # personal data never reaches the index
    assert len(center.questions) == 5  # a draft's questions are kept for when it is published
    spanish = localize(center, load_config(root / "mkdocs.yml"), "es")
    assert next(a for a in spanish.articles if a.slug == "track-your-card").questions == ("¿dónde está mi tarjeta?",)


@pytest.mark.parametrize(("data", "line", "what"), [
    ("text,slug\nhi,track-your-card\n", "questions.csv:1:", "no 'question' or 'article' column (columns: text, slug)"),
    ("question,article\n ,track-your-card\n", "questions.csv:2:", "empty 'question'"),
    ("question,article,locale\nhi,track-your-card,de\n", "questions.csv:2:", "'locale': 'de' is not a locale"),
    ("question,article\n\"hi,track-your-card\n", "questions.csv:", "unreadable CSV"),
    (b"question,article\ncaf\xe9,track-your-card\n", "questions.csv:", "not UTF-8"),
])
def test_a_bad_row_names_the_file_line_and_fix(make_project, data, line, what) -> None:  # type: ignore[no-untyped-def]
    (found,) = problems(project(make_project, data))
    assert found.startswith(line), found
    assert what in found, found


def test_rows_naming_a_deleted_article_are_a_warning_and_the_rest_is_used(make_project) -> None:  # type: ignore[no-untyped-def]
    rows = ("question,article\n# renamed in March: see track-your-card\nok,track-your-card\nhi,track-you-card\n"
            "fine,freeze-your-card\nho,track-you-card\n")
    root = project(make_project, rows)
    center = load(root)
    assert [q.text for q in center.questions] == ["ok", "fine"]  # the other rows are used; the comment is no row
    (warning,) = center.warnings
    assert warning.where == "questions.csv:4"
    assert warning.message == "'article': 'track-you-card' is not an article slug (this row and 1 more: lines 6)"
    assert warning.fix.startswith("did you mean 'track-your-card'? Fix the slug or delete the rows")
    result = CliRunner().invoke(main, ["build", "--strict", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1, result.output
    assert "questions.csv:4: 'article': 'track-you-card' is not an article slug" in result.output
    assert "--strict: " in result.output


def test_comments_and_blank_lines_keep_line_numbers(make_project) -> None:  # type: ignore[no-untyped-def]
    (found,) = problems(project(make_project, "# exported 2026-03\n\nquestion,article\n# a comment\n ,x\n"))
    assert found.startswith("questions.csv:5: empty 'question'"), found


def test_a_missing_questions_file_is_a_configuration_error_naming_the_setting(make_project) -> None:  # type: ignore[no-untyped-def]
    root = project(make_project, "")
    (root / "questions.csv").unlink()
    with pytest.raises(ConfigError) as err:  # exit code 2, as a bad mkdocs.yml value
        load(root)
    assert "helpkit.search.questions: questions.csv: no such file; create it" in str(err.value)


def test_search_learns_the_customers_words(tmp_path: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    asked = "question,article\nmy plastic never showed up in the mailbox,track-your-card\n"
    for questions, first in (("question,article\n", "freeze-your-card"), (asked, "track-your-card")):
        center = load(project(make_project, questions, name=first))
        index, assets = tmp_path / "out" / first / "index", tmp_path / "out" / first / "assets"
        build_index(center.articles, "en", index)
        write_browser_index(center.articles, "en", assets)
        with open_engine(index, "en") as engine:
            assert engine.search("my plastic is lost in the mailbox").hits[0].slug == first
        lexicon = " ".join(p.read_text(encoding="utf-8") for p in (assets / "index").glob("l*.js"))
        assert "plastic" not in lexicon and "mailbox" not in lexicon  # customers' words are never corrections
        assert "delivery" in lexicon


def test_build_and_cli_search_use_the_questions(make_project) -> None:  # type: ignore[no-untyped-def]
    root = project(make_project, "question,article\nmy plastic never showed up,track-your-card\n")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "-f", str(root / "mkdocs.yml")]).exit_code == 0
    out = runner.invoke(main, ["search", "-f", str(root / "mkdocs.yml"), "--json", "plastic never showed up"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)[0]["slug"] == "track-your-card"
    (root / "questions.csv").write_text("question,article\nmy plastic never showed up,freeze-your-card\n",
                                        encoding="utf-8")
    assert runner.invoke(main, ["build", "-f", str(root / "mkdocs.yml")]).exit_code == 0  # not served from cache
    out = runner.invoke(main, ["search", "-f", str(root / "mkdocs.yml"), "--json", "plastic never showed up"])
    assert json.loads(out.output)[0]["slug"] == "freeze-your-card"


def test_hits_say_how_close_the_query_is_to_a_learned_question(tmp_path: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    asked = ("question,article\nmy plastic never showed up in the mailbox,track-your-card\n"
             "where is my card,track-your-card\n")
    center = load(project(make_project, asked))
    build_index(center.articles, "en", tmp_path / "index")
    with open_engine(tmp_path / "index", "en") as engine:
        query = "my plastic never showed up in the mailbox"
        (hit, *_), many = engine.search(query).hits, next(iter(engine.match_many([query])))
        assert (hit.slug, hit.questions) == ("track-your-card", 2)
        assert hit.nearest > 0.99  # the very question, up to int8 rounding
        assert many[0] == dataclasses.replace(hit, snippet="")
        other = engine.search("freeze my card").hits
        assert [(h.slug, h.questions) for h in other][:1] == [("freeze-your-card", 0)]
        assert other[0].nearest == 0.0  # no questions: not measured
