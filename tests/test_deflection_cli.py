"""``helpkit deflection``: exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import search_index
from cli import main
from deflection.clean import NOTHING_ASKED
from deflection.readers import DUPLICATE
from helpkit.config import load_config
from helpkit.loader import load_help_center
from tests.conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures" / "deflection"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "hc"
    shutil.copytree(FIXTURES / "help", root)
    return root


def _build(root: Path) -> None:
    cfg = load_config(root / "mkdocs.yml")
    search_index.build_index(load_help_center(cfg).articles, "en", cfg.index_dir)


def _invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["deflection", *args, "--config", str(root / "mkdocs.yml")])


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["deflection", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_writes_every_format(project: Path, tmp_path: Path) -> None:
    _build(project)
    out = tmp_path / "report"
    result = _invoke(project, str(FIXTURES / "zendesk.json"), str(FIXTURES / "tickets.jsonl"), "--out", str(out),
                     "--stubs", str(tmp_path / "stubs"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["deflection.csv", "deflection.html", "deflection.json",
                                                     "deflection.md", "skipped.csv"]  # 2 records left out
    data = json.loads((out / "deflection.json").read_text(encoding="utf-8"))
    assert data["headline"]["analyzed"] == 4 and data["headline"]["skipped"]["total"] == 2
    assert "4 tickets" in result.output


def test_format_subset(project: Path, tmp_path: Path) -> None:
    _build(project)
    result = _invoke(project, str(FIXTURES / "zendesk.json"), "--format", "md", "--out", str(tmp_path / "o"))
    assert result.exit_code == 0 and [p.name for p in (tmp_path / "o").iterdir()] == ["deflection.md"]


def test_missing_index_says_run_build(project: Path, tmp_path: Path) -> None:
    result = _invoke(project, str(FIXTURES / "zendesk.json"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 3 and "helpkit build" in result.output
    assert not (tmp_path / "o").exists()


def test_missing_export_is_exit_3(project: Path, tmp_path: Path) -> None:
    _build(project)
    result = _invoke(project, str(tmp_path / "nope.csv"))
    assert result.exit_code == 3 and "nope.csv: no such ticket export" in result.output


def test_missing_column_lists_available_columns(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "t.csv"
    export.write_text("id,subject,body\n1,a,b\n", encoding="utf-8")
    result = _invoke(project, str(export), "--text", "subject,description", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "column 'description' (from --text) not found; available columns: id, subject, body" in result.output


def test_a_reply_column_not_found_lists_available_columns(project: Path, tmp_path: Path) -> None:
    export = tmp_path / "t.csv"
    export.write_text("id,body,Last teammate reply\n1,where is my card,see the article\n", encoding="utf-8")
    result = _invoke(project, str(export), "--reply", "Agent answer", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert ("column 'Agent answer' (from --reply) not found; available columns: id, body, Last teammate reply"
            in result.output)


@pytest.mark.parametrize(
    "args, message",
    [(["--format", "html,pdf"], "'pdf' not known"), (["--since", "yesterday"], "is not a date"),
     (["--text", ","], "comma-separated"), (["--format", ""], "e.g. 'html,md'")],
)
def test_bad_options_are_usage_errors(project: Path, args: list[str], message: str) -> None:
    result = _invoke(project, str(FIXTURES / "zendesk.json"), *args)
    assert result.exit_code == 2 and message in result.output


def test_format_names_are_read_in_any_case(project: Path, tmp_path: Path) -> None:
    _build(project)
    result = _invoke(project, str(FIXTURES / "zendesk.json"), "--format", "HTML,Md", "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["deflection.html", "deflection.md"]


def test_invalid_json_is_a_usage_error_at_its_line_and_column(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "t.json"
    export.write_text('[{"id": 1, "text": "a"},\n  {oops}]', encoding="utf-8")
    result = _invoke(project, str(export), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2, result.output  # like a missing column: a bad file given on the command line
    assert "t.json:2:4: invalid JSON: Expecting property name" in result.output
    wrapped = tmp_path / "w.json"
    wrapped.write_text('{"export": {"count": 0}}', encoding="utf-8")
    result = _invoke(project, str(wrapped), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "w.json: no list of tickets found" in result.output


@pytest.mark.parametrize("text, message", [
    ("id,subject,body\n", "empty.csv: the export has no tickets"),
    ("", "empty.csv: the export has no tickets"),
    ("id,text,created_at\n1,,2024-01-01\n2,hello,someday\n",
     "empty.csv: no ticket to analyze: all 2 records were skipped (no text: 1 (e.g. {d}/empty.csv:2); "
     "unreadable date in 'created_at': 1 (e.g. {d}/empty.csv:3))"),
    ("id,text\n1,> a quoted reply\n2,\"Thanks,\nAlex\"\n",  # nothing left once quotes and signatures go
     "empty.csv: no ticket to analyze: all 2 records were skipped (no text after removing quotes and signatures"),
])
def test_an_export_without_tickets_fails_and_keeps_the_last_report(project: Path, tmp_path: Path, text: str,
                                                                   message: str) -> None:
    _build(project)
    out = tmp_path / "report"
    assert _invoke(project, str(FIXTURES / "zendesk.json"), "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    export = tmp_path / "empty.csv"
    export.write_text(text, encoding="utf-8")
    result = _invoke(project, str(export), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert message.format(d=tmp_path) in result.output and "the last report, if any, is left as it was" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_empty_export_among_others_is_named_not_silently_dropped(project: Path, tmp_path: Path) -> None:
    _build(project)
    empty = tmp_path / "march.csv"
    empty.write_text("id,subject,description\n", encoding="utf-8")  # an export cut short: a header only
    out = tmp_path / "o"
    result = _invoke(project, str(FIXTURES / "tickets.jsonl"), str(empty), "--out", str(out), "--format", "json,md")
    assert result.exit_code == 0, result.output
    assert f"warning: {empty}: no tickets in this export" in result.output
    assert json.loads((out / "deflection.json").read_text(encoding="utf-8"))["empty_sources"] == [str(empty)]
    assert f"{empty} held no tickets" in (out / "deflection.md").read_text(encoding="utf-8")


def test_since_after_every_ticket_is_no_ticket_to_analyze(project: Path, tmp_path: Path) -> None:
    _build(project)
    result = _invoke(project, str(FIXTURES / "tickets.jsonl"), "--since", "2100-01-01", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "not on or after --since 2100-01-01" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("text, message", [
    ("id,subject,body\n", "t.csv: the export has no tickets"),
    ("id,title\n1,a\n", "t.csv: column 'description' (from --text) not found"),
    ('[{"text": "a"}', "t.json:1:15: invalid JSON"),
])
def test_a_bad_export_is_told_before_a_missing_index(project: Path, tmp_path: Path, text: str, message: str) -> None:
    export = tmp_path / message.split(":")[0]
    export.write_text(text, encoding="utf-8")
    args = ("--text", "description") if "description" in message else ()
    result = _invoke(project, str(export), *args)
    assert result.exit_code == 2 and message in result.output and "helpkit build" not in result.output


def test_a_bad_events_export_is_told_before_a_missing_index(project: Path) -> None:
    result = _invoke(project, str(FIXTURES / "zendesk.json"), "--events", str(FIXTURES / "replies" / "replies.csv"))
    assert result.exit_code == 2 and "not an events export" in result.output


def test_answered_tickets_become_a_questions_file(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "tickets.csv"
    export.write_text("id,text\n1,\"I want to request a refund, charged twice\nmail me at ann@example.com\"\n"
                      "2,I need to reset my password\n3,I need to reset my password\n4,how do I fly a kite\n",
                      encoding="utf-8")
    answered = tmp_path / "answered.csv"
    result = _invoke(project, str(export), "--out", str(tmp_path / "o"), "--questions", str(answered))
    assert result.exit_code == 0, result.output
    lines = answered.read_text(encoding="utf-8").splitlines()
    assert f"review {answered} before adding its rows to the questions file: sort by 'likely'" in result.output
    assert lines[0] == "question,article,locale,likely,ticket"
    assert lines[1].startswith("\"I want to request a refund, charged twice mail me at [email]\",request-a-refund,en,")
    assert "ann@example.com" not in answered.read_text(encoding="utf-8")  # redacted, like every output
    assert [line.split(",")[-1] for line in lines[1:]] == ["1", "2"]  # the same text and article once; kite: none
    # how likely the article answers it: a probability, one scale whichever matcher scored the ticket
    likely = [float(row["likely"]) for row in csv.DictReader(io.StringIO(answered.read_text(encoding="utf-8")))]
    assert all(0.5 <= x <= 1.0 for x in likely), likely
    # the rows are a questions file as they are: the help center reads them
    (project / "questions.csv").write_bytes(answered.read_bytes())
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  search:\n    questions: questions.csv\n",
                      encoding="utf-8")
    center = load_help_center(load_config(config))
    password = next(a for a in center.articles if a.slug == "reset-your-password")
    assert password.questions == ("I need to reset my password",)
    refused = _invoke(project, str(export), "--out", str(tmp_path / "o"), "--questions", str(project / "questions.csv"))
    assert refused.exit_code == 2 and "is the help center's questions file" in refused.output


def test_explain_prints_why_a_ticket_got_its_verdict(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "t.jsonl"
    rows = [{"id": "A1", "text": "I forgot my password and cannot sign in"},
            {"id": "A2", "text": "please refund the double charge"}, {"id": "A3", "text": "my card has not arrived"}]
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = _invoke(project, str(export), "--out", str(tmp_path / "r"), "--explain", "A1")
    assert result.exit_code == 0, result.output
    assert "ticket A1:" in result.output and "threshold" in result.output
    assert "1. Reset your password (reset-your-password)" in result.output
    # the nearest article's score is the verdict's score: as the ticket was scored, not encoded again alone
    score = re.search(r"ticket A1: \w+ \(score ([0-9.]+)", result.output)
    assert score and f"1. Reset your password (reset-your-password): {score[1]}" in result.output, result.output
    assert "matcher: all-MiniLM-L6-v2" in result.output
    # a ticket an agent answered with a link: the link is the reason, whatever its score
    rows[2]["reply"] = "Here you go: https://help.example.com/billing/request-a-refund.html"
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    linked = _invoke(project, str(export), "--out", str(tmp_path / "r"), "--explain", "A3")
    # its words came closest to another article: the score shown is that article's, and says so
    assert ("ticket A3: answered (an agent's reply linked request-a-refund, whatever its words score; they came "
            "closest to card-delivery (") in linked.output, linked.output


def test_tickets_that_ask_nothing_are_left_out_and_named(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "t.jsonl"
    rows = [{"id": "A1", "text": "I forgot my password and cannot sign in"},
            {"id": "A2", "text": "ok great, thanks for the quick help"},
            {"id": "A3", "text": "I am out of the office until Monday with limited access to email."},
            {"id": "A4", "text": "Thanks, but how do I get a refund for the double charge?"}]
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "r"
    result = _invoke(project, str(export), "--out", str(out), "--format", "json", "--explain", "A2")
    assert result.exit_code == 0, result.output
    assert "2 tickets:" in result.output and "2 skipped" in result.output
    assert f"skipped: {NOTHING_ASKED}: 2 at {export}:2 (ticket A2), {export}:3 (ticket A3)" in result.output
    assert f"--explain A2: left out of the analysis: {NOTHING_ASKED}, at {export}:2" in result.output
    data = json.loads((out / "deflection.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["tickets"]] == ["A1", "A4"]
    # every one is listed, with its ticket id, however many there are (the report shows the first 20 per reason)
    with (out / "skipped.csv").open(encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [["where", "ticket", "reason"], [f"{export}:2", "A2", NOTHING_ASKED],
                                       [f"{export}:3", "A3", NOTHING_ASKED]]


def test_without_the_encoder_the_report_says_how_to_install_it(project: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module("deflection.analyze"), "load_encoder", lambda: None)
    _build(project)
    out = tmp_path / "report"
    result = _invoke(project, str(FIXTURES / "tickets.jsonl"), "--out", str(out))
    assert result.exit_code == 0, result.output
    install = f"pip install -e '{REPO}[sentences]'"  # this checkout: helpkit is not on PyPI
    assert "matcher: search engine" in result.output and install in result.output
    html = (out / "deflection.html").read_text(encoding="utf-8")
    assert f"{REPO}[sentences]" in html and "Matcher: search engine" in html
    fast = _invoke(project, str(FIXTURES / "tickets.jsonl"), "--out", str(out), "--fast")
    assert "matcher: search engine" in fast.output and "[sentences]" not in fast.output


def test_events_and_rank_by(project: Path, tmp_path: Path) -> None:
    _build(project)
    events = FIXTURES / "events"
    out = tmp_path / "o"
    result = _invoke(project, str(FIXTURES / "replies" / "zendesk.json"), "--out", str(out), "--format", "json",
                     "--events", str(events / "custom.jsonl"), "--events", str(events / "ga4.jsonl"),
                     "--rank-by", "hours")
    assert result.exit_code == 0, result.output
    site = json.loads((out / "deflection.json").read_text(encoding="utf-8"))["site"]
    assert [s["provider"] for s in site["sources"]] == ["custom", "GA4"] and site["no_results"] == 3
    missing = _invoke(project, str(FIXTURES / "zendesk.json"), "--out", str(out), "--events", str(tmp_path / "no.csv"))
    assert missing.exit_code == 3 and "no such events export" in missing.output
    wrong = _invoke(project, str(FIXTURES / "zendesk.json"), "--out", str(out), "--events",
                    str(FIXTURES / "replies" / "replies.csv"))
    assert wrong.exit_code == 2 and "not an events export" in wrong.output
    bad = _invoke(project, str(FIXTURES / "zendesk.json"), "--rank-by", "money")
    assert bad.exit_code == 2 and "'money' is not one of 'tickets', 'hours'" in bad.output
    # before: an export with no times was ranked by tickets, and nothing said so
    plain = _invoke(project, str(FIXTURES / "tickets.jsonl"), "--out", str(out), "--format", "md", "--rank-by", "hours")
    assert plain.exit_code == 0
    assert "warning: Ranked by tickets, not hours: the export carries no handle" in plain.output


@pytest.mark.parametrize("option, fmt", [("--html", "html"), ("--json", "json")])
def test_an_output_option_that_does_not_exist_says_how_to_ask_for_it(project: Path, option: str, fmt: str) -> None:
    result = _invoke(project, str(FIXTURES / "zendesk.json"), option, "out.html")
    assert result.exit_code == 2
    assert f"No such option: {option}. Choose the report's formats with --format (e.g. --format {fmt}) and its " \
           "folder with --out DIR" in result.output
    assert "Did you mean" not in result.output


def test_duplicate_tickets_are_told_and_a_ticket_read_twice_counts_once(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "t.csv"
    export.write_text("id,text\n1,I forgot my password\n2,please refund the double charge\n1,I forgot my password\n"
                      "2,my card has not arrived\n", encoding="utf-8")
    out = tmp_path / "o"
    result = _invoke(project, str(export), "--out", str(out), "--format", "json", "--explain", "t.csv:5")
    assert result.exit_code == 0, result.output
    assert f"WARNING duplicate tickets: 1 in all, skipped: the same id and text as an earlier one (the exports " \
           f"overlap), each ticket counted once; e.g. id 1 on {export}:2 and {export}:4" in result.output
    assert f"WARNING duplicate ticket ids: 1 in all, kept as different tickets (another text; --explain FILE:LINE " \
           f"names each); e.g. id 2 on {export}:3 and {export}:5" in result.output
    headline = json.loads((out / "deflection.json").read_text(encoding="utf-8"))["headline"]
    assert headline["analyzed"] == 3
    assert headline["skipped"]["reasons"] == [{"reason": DUPLICATE, "count": 1, "where": [f"{export}:4"]}]
    assert f"ticket 2 ({export}:5): " in result.output and "text: my card has not arrived" in result.output


def test_two_exports_that_overlap_count_a_ticket_once(project: Path, tmp_path: Path) -> None:
    _build(project)
    january, february = tmp_path / "january.csv", tmp_path / "february.csv"
    january.write_text("id,text\n1,I forgot my password\n2,please refund the double charge\n", encoding="utf-8")
    february.write_text("id,text\n2,please refund the double charge\n3,my card has not arrived\n", encoding="utf-8")
    out = tmp_path / "o"
    result = _invoke(project, str(january), str(february), "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "deflection.json").read_text(encoding="utf-8"))["headline"]["analyzed"] == 3


def test_guessed_columns_are_told_and_explain_names_tickets_without_an_id(project: Path, tmp_path: Path) -> None:
    _build(project)
    export = tmp_path / "t.csv"
    export.write_text("Nr,Body,lang\n1,I forgot my password,en\n2,please refund the double charge,en\n",
                      encoding="utf-8")
    out = str(tmp_path / "o")
    result = _invoke(project, str(export), "--out", out, "--format", "md", "--explain", "t.csv:3")
    assert result.exit_code == 0, result.output
    assert f"{export}: columns: text = 'Body', id = none (tickets are named file:line), date = none, " \
           "language = 'lang', channel = none" in result.output
    assert f"ticket {export}:3: " in result.output and "text: please refund the double charge" in result.output
    missing = _invoke(project, str(export), "--out", out, "--explain", "2")
    assert missing.exit_code == 2
    assert f"--explain 2: no ticket has this id or place; tickets are named by their id, or by file:line where " \
           f"the export has none, e.g. {export}: {export}:2, {export}:3" in missing.output


@pytest.mark.parametrize("export, command", [
    ("freshdesk/articles/8000001.json", "'helpkit import freshdesk PATH'"),
    ("intercom/articles-1.json", "'helpkit import intercom PATH'"),
    ("zendesk/articles/en-us-page-1.json", "'helpkit import SOURCE PATH' (SOURCE: zendesk, freshdesk or intercom)"),
])
def test_a_help_center_export_is_named_not_read_as_tickets(project: Path, tmp_path: Path, export: str,
                                                             command: str) -> None:
    out = tmp_path / "report"
    result = _invoke(project, str(REPO / "tests" / "fixtures" / "import" / export), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "help-center articles, not tickets" in result.output and command in result.output
    assert not out.exists()


@pytest.mark.parametrize("name, content, what", [
    ("mkdocs.yml", b"site_name: Help\n", "a YAML file"),
    ("shot.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "an image"),
    ("export.bin", b"\x00\x01\x02 tickets", "a binary file"),
])
def test_a_file_that_is_no_export_is_named_as_what_it_is(project: Path, tmp_path: Path, name: str, content: bytes,
                                                          what: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = _invoke(project, str(path), "--out", str(tmp_path / "report"))
    assert result.exit_code == 2 and f"{name}: this is {what}, not a ticket export" in result.output, result.output


def test_a_utf16_csv_export_is_still_read(project: Path, tmp_path: Path) -> None:
    _build(project)
    path = tmp_path / "excel.csv"
    path.write_bytes("id,text\n1,I forgot my password\n".encode("utf-16"))
    result = _invoke(project, str(path), "--out", str(tmp_path / "report"), "--format", "json")
    assert result.exit_code == 0 and "1 tickets" in result.output.replace("1 ticket:", "1 tickets"), result.output


def test_since_with_events_names_the_events_files_in_its_warning(project: Path, tmp_path: Path) -> None:
    _build(project)
    events = FIXTURES / "events"
    result = _invoke(project, str(FIXTURES / "replies" / "zendesk.json"), "--out", str(tmp_path / "o"), "--since",
                     "2024-01-01", "--events", str(events / "custom.jsonl"), "--events", str(events / "ga4.jsonl"))
    assert f"WARNING {events / 'custom.jsonl'}, {events / 'ga4.jsonl'}: the site's events are counted over the " \
           "whole file" in result.output


def test_a_time_column_whose_name_gives_no_unit_is_named_and_a_day_long_median_is_warned_about(
        project: Path, tmp_path: Path) -> None:
    """Before: a help desk's 'Handle time' in seconds was read as minutes, silently: 19,017 agent hours for 1,448
    tickets, and --rank-by hours ranked on that."""
    _build(project)
    rows = "".join(f"{i},I need to reset my password,{900 + i}\n" for i in range(6))
    seconds = tmp_path / "desk.csv"
    seconds.write_text("Ticket ID,Description,Handle time\n" + rows, encoding="utf-8")
    result = _invoke(project, str(seconds), "--out", str(tmp_path / "o"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "read as minutes, their names giving no unit: 'Handle time' (if they are seconds or hours, say so in " \
        "the column's name, e.g. 'Handle time (seconds)')" in result.output
    assert "warning: agents' time per ticket is 15.0 h on median, more than a working day" in result.output
    named = tmp_path / "named.csv"
    named.write_text("Ticket ID,Description,Handle time (seconds)\n" + rows, encoding="utf-8")
    result = _invoke(project, str(named), "--out", str(tmp_path / "o"), "--format", "json")
    assert "giving no unit" not in result.output and "working day" not in result.output
    data = json.loads((tmp_path / "o" / "deflection.json").read_text(encoding="utf-8"))
    assert round(data["costs"]["total"]["hours"], 2) == round(6 * (900 + 2.5) / 3600, 2)


def test_a_skipped_ticket_is_named_once() -> None:
    """A record named by its id already ("export.json: ticket 4918") is not named again; one named by its line is."""
    from deflection.analyze import _Skips

    skips = _Skips()
    skips.add("r", "export.json: ticket 4918", "4918")
    skips.add("r", "t.jsonl:2", "A2")
    skips.add("r", "t.jsonl:3", "t.jsonl:3")  # no id: named by its place
    assert skips.result()[0].where == ("export.json: ticket 4918", "t.jsonl:2 (ticket A2)", "t.jsonl:3")
