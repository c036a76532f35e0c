"""Ticket readers: formats, encodings, help-desk conventions, malformed rows, missing columns."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from deflection.clean import FIELD_BREAK
from deflection.model import ColumnMapping, Skipped, Ticket
from deflection.readers import (
    DUPLICATE,
    TEAM_ONLY,
    SeenTickets,
    detect_encoding,
    read_tickets,
    scan_exports,
    separate_ratings,
)
from helpkit.errors import ConfigError, MissingResource

FIXTURES = Path(__file__).parent / "fixtures" / "deflection"

CSV = (
    "id,subject,description,created_at,locale\n"
    "1,Café,Où est ma carte ? déjà payé,2024-01-02,fr\n2,Refund,money back,2024-01-03,en\n"
)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Ticket)], [i for i in items if isinstance(i, Skipped)]


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("utf-16-le", b""), ("latin-1", b""), ("cp1252", b"")],
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(bom + CSV.encode(encoding))
    tickets, skipped = split(read_tickets(path))
    assert not skipped
    assert [t.id for t in tickets] == ["1", "2"]
    assert tickets[0].text == f"Café{FIELD_BREAK}Où est ma carte ? déjà payé"
    assert tickets[0].locale == "fr"
    assert tickets[0].created is not None and tickets[0].created.day == 2


def test_latin1_after_a_long_utf8_looking_head_is_still_latin1(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    rows = "".join(f"{i},plain ascii\n" for i in range(3000))
    path.write_bytes(("id,text\n" + rows + "9,caf\xe9\n").encode("latin-1"))
    assert detect_encoding(path) == "cp1252"
    tickets, _ = split(read_tickets(path))
    assert tickets[-1].text == "café"


def test_malformed_rows_are_skipped_with_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        'id,subject,description\n1,a,"two\nlines"\n2,only two\n3,,\n4,b,fine\n5,x,y,z\n', encoding="utf-8"
    )
    tickets, skipped = split(read_tickets(path))
    assert [t.id for t in tickets] == ["1", "4"]
    assert tickets[0].line == 2
    assert [(s.line, s.reason) for s in skipped] == [
        (4, "expected 3 fields, found 2"), (5, "no text"), (7, "expected 3 fields, found 4"),
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "id,subject,description\n", "[]", '{"tickets": []}'])
def test_empty_exports_give_no_tickets(tmp_path: Path, content: str) -> None:
    path = tmp_path / ("t.json" if content.startswith(("[", "{")) else "t.csv")
    path.write_text(content, encoding="utf-8")
    assert list(read_tickets(path)) == []


def test_missing_mapped_column_lists_the_available_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        list(read_tickets(path, ColumnMapping(text=("subject", "body"))))
    assert "'body'" in e.value.message and "--text" in e.value.message
    assert "available columns: id, subject, description, created_at, locale" in e.value.message


def test_no_text_column_asks_for_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no text column.*available columns: a, b.*--text"):
        list(read_tickets(path))


def test_generic_mapping_with_custom_names(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Ref;Titre;Corps;Quand;Langue\nA-1;Carte;Pas reçue;05/01/2024;fr-CA\n", encoding="utf-8")
    mapping = ColumnMapping(text=("Titre", "Corps"), id="Ref", date="Quand", lang="Langue")
    [t] = read_tickets(path, mapping)
    assert (t.id, t.text, t.locale, t.created.month) == ("A-1", f"Carte{FIELD_BREAK}Pas reçue", "fr-CA", 1)


def test_front_message_export_reads_the_customers_messages() -> None:
    """Front's message export: 'Extract' is the text and 'Message date' the date (a first run had read the subject
    alone, with no dates); one row per message, so a teammate's (Direction: Outbound) is a reply, not a ticket."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "front.csv"
        path.write_text("Message ID,Conversation ID,Direction,Inbox,Message date,Subject,Extract\n"
                        "msg_1,cnv_1,Inbound,Support,2026-10-01 09:00:00,Wi-Fi,My wifi keeps dropping every evening\n"
                        "msg_2,cnv_1,Outbound,Support,2026-10-01 09:30:00,Re: Wi-Fi,Sorry to hear that! Try this\n",
                        encoding="utf-8")
        tickets, skipped = split(read_tickets(path))
    assert [(t.id, t.text, t.created.day if t.created else None) for t in tickets] == [
        ("cnv_1", f"Wi-Fi{FIELD_BREAK}My wifi keeps dropping every evening", 1)]
    assert not skipped and tickets[0].replies == ("Sorry to hear that! Try this",)  # its reply


def test_zendesk_json_object_export() -> None:
    tickets, skipped = split(read_tickets(FIXTURES / "zendesk.json"))
    assert not skipped
    assert [(t.id, t.channel) for t in tickets] == [("101", "email"), ("102", "web")]
    assert tickets[0].text.startswith(f"Refund please{FIELD_BREAK}I was charged twice")
    assert tickets[1].line == 3


def test_freshdesk_prefers_plain_text_and_names_numeric_sources() -> None:
    tickets, _ = split(read_tickets(FIXTURES / "freshdesk.json"))
    assert tickets[0].text == f"Card{FIELD_BREAK}Where is my card? It has not arrived"
    assert [t.channel for t in tickets] == ["chat", "email"]


def test_help_scout_embedded_conversations() -> None:
    [t] = read_tickets(FIXTURES / "helpscout.json")
    assert t.id == "311" and t.channel == "email" and "reset link expired" in t.text
    # named by the number its inbox shows; --explain also takes the id in the conversation's address
    assert t.alias == "9001"
    assert scan_exports([FIXTURES / "helpscout.json"], explain="9001").explain == "311"


def test_intercom_html_body_and_unix_timestamp() -> None:
    [t] = read_tickets(FIXTURES / "intercom.json")
    assert t.id == "215" and t.locale == "en" and t.channel == "conversation"
    assert t.created is not None and t.created.year == 2024
    assert "my new card has not arrived" in t.text


def test_intercom_channel_is_the_source_type_not_who_started_it(tmp_path: Path) -> None:
    path = tmp_path / "intercom.json"
    records = [{"id": str(i), "created_at": 1709888400, "source": {"type": kind, "delivered_as": "customer_initiated",
                                                                   "subject": "", "body": "where is my card?"}}
               for i, kind in enumerate(("email", "conversation", "push"))]
    path.write_text(json.dumps({"type": "conversation.list", "conversations": records}), encoding="utf-8")
    assert [t.channel for t in read_tickets(path)] == ["email", "conversation", "push"]


@pytest.mark.parametrize("column", ["Last teammate reply", "Staff response", "Respuesta del agente", "teammateReply",
                                    "Assignee reply"])
def test_a_reply_column_is_found_by_its_name(tmp_path: Path, column: str) -> None:
    path = tmp_path / "conversations.csv"
    path.write_text(f"Conversation ID,First message,First reply time,{column}\n"
                    "7,How do I invite my family?,3600,See https://help.example.com/billing/family-plan/\n",
                    encoding="utf-8")
    [t] = read_tickets(path)
    assert t.replies == ("See https://help.example.com/billing/family-plan/",)
    assert f", reply = '{column}'" in scan_exports([path]).columns[0]


@pytest.mark.parametrize("column", ["Created Datetime", "Create date", "Date created", "Created on", "Submitted at"])
def test_a_creation_date_column_is_found_by_its_name(tmp_path: Path, column: str) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(f"id,message,{column}\n7,How do I pause my plan?,2026-11-02 09:14:00\n", encoding="utf-8")
    [t] = read_tickets(path)
    assert t.created is not None and t.created.date().isoformat() == "2026-11-02"


def test_since_without_a_date_column_says_so(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("id,message,When it came in\n7,How do I pause my plan?,2026-11-02\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no date column found \(--since given\): name it with --date"):
        scan_exports([path], since=date(2026, 11, 1))


def test_the_reply_column_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "conversations.csv"
    path.write_text("id,question,Notes\n7,How do I invite my family?,See the family plan article\n", encoding="utf-8")
    [t] = read_tickets(path, ColumnMapping(reply="notes"))
    assert t.replies == ("See the family plan article",) and t.text == "How do I invite my family?"
    with pytest.raises(ConfigError, match=r"column 'Answer' \(from --reply\) not found; available columns: id, "
                                          r"question, Notes; fix the --reply option"):
        list(read_tickets(path, ColumnMapping(reply="Answer")))


def test_records_of_a_json_export_on_one_line_are_named_by_their_id(tmp_path: Path) -> None:
    path = tmp_path / "with-language.json"
    records = [{"type": "conversation", "id": "2154700000" + str(i), "created_at": 1709888400,
                "source": {"type": "email", "delivered_as": "customer_initiated", "subject": "", "body": body}}
               for i, body in enumerate(("", "where is my card?", ""))]
    records.append({"type": "conversation", "created_at": 1709888400, "source": {"type": "email", "body": ""}})
    path.write_text(json.dumps({"type": "conversation.list", "conversations": records}), encoding="utf-8")
    items = list(read_tickets(path))
    assert [i.place for i in items] == [f"{path}: conversation 21547000000", f"{path}: conversation 21547000001",
                                        f"{path}: conversation 21547000002", f"{path}: record 4"]
    path.write_text(json.dumps({"conversations": [records[0], records[2]]}), encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"no text: 2 \(e\.g\. {re.escape(str(path))}: conversation 21547000000, "):
        scan_exports([path])


def test_records_of_a_json_export_on_lines_of_their_own_are_named_by_their_line(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('[\n{"id": 1, "text": ""},\n{"id": 2, "text": "where is my card?"}\n]', encoding="utf-8")
    assert [i.place for i in read_tickets(path)] == [f"{path}:2", f"{path}:3"]


def test_jsonl_skips_bad_lines_with_line_numbers() -> None:
    tickets, skipped = split(read_tickets(FIXTURES / "tickets.jsonl"))
    assert [t.id for t in tickets] == ["j1", "j3"]
    assert [(s.line, s.reason.split(" (")[0]) for s in skipped] == [(2, "invalid JSON"), (4, "no text")]


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('[\n {"id": 1, "text": "a"},\n {"id": 2, "text": }\n]', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"t.json:3:20: invalid JSON: Expecting value"):
        list(read_tickets(path))


def test_invalid_json_column_is_right_past_the_read_buffer(tmp_path: Path) -> None:
    import json

    text = '[\n{"id": 1, "text": "a"},\n' + '{"id": 2, "text": "' + "x" * 200_000 + '"}, {"id": 3 "text": "b"}]'
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    with pytest.raises(ConfigError, match=rf"t.json:3:{parsed.value.colno}: invalid JSON: Expecting ','"):
        list(read_tickets(path))


def test_json_array_elements_that_are_not_objects_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('[{"id": 1, "text": "hello there"},\n 42,\n {"id": 3, "text": "x"}]', encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert [t.id for t in tickets] == ["1", "3"]
    assert [(s.line, s.reason) for s in skipped] == [(2, "expected an object, found int")]


def test_large_json_streams_across_buffer_boundaries(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("[" + ",\n".join(f'{{"id": {i}, "text": "ticket {i} ' + "x" * 50 + '"}' for i in range(5000)) + "]",
                    encoding="utf-8")
    tickets, _ = split(read_tickets(path))
    assert len(tickets) == 5000 and tickets[-1].id == "4999" and tickets[-1].line == 5000


def test_missing_file_is_a_missing_resource(tmp_path: Path) -> None:
    with pytest.raises(MissingResource, match="no such ticket export"):
        list(read_tickets(tmp_path / "absent.csv"))


def test_unreadable_date_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,text,created_at\n1,hello,not a date\n2,hi,1709888400\n", encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert [t.id for t in tickets] == ["2"] and tickets[0].created.year == 2024
    assert skipped[0].reason == "unreadable date in 'created_at'"  # as the header writes it


def test_a_long_field_is_read_and_the_csv_limit_stays_the_process_default(tmp_path: Path) -> None:
    """A pasted 300 KB thread is one ticket; the raised limit is scoped to the reader's own rows, so other CSV
    code in the process (the questions file, a caller's) keeps Python's limit, even between two tickets."""
    default = 128 * 1024  # Python's
    assert csv.field_size_limit() == default  # importing deflection.readers changed nothing
    long_text = "my parcel never arrived " * 12_500  # 300,000 characters, over Python's 131,072
    path = tmp_path / "t.csv"
    path.write_text(f"id,description\n1,{long_text}\n2,short one\n", encoding="utf-8")
    tickets = read_tickets(path)
    first = next(tickets)
    assert isinstance(first, Ticket) and len(first.text) >= 299_000
    assert csv.field_size_limit() == default
    assert [t.id for t in tickets] == ["2"]
    assert csv.field_size_limit() == default


@pytest.mark.parametrize("name", ["t.jsonl", "t.json"])
def test_json_fields_the_first_record_leaves_out_are_read_from_later_ones(tmp_path: Path, name: str) -> None:
    # a new ticket has no date or language yet: the fields are planned over the first records, not the first one
    rows = [{"id": "1", "text": "Where is my parcel?"},
            {"id": "2", "text": "Hola", "created_at": "2024-03-01T10:00:00Z", "locale": "es", "via": "chat"}]
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) if name.endswith("l") else json.dumps(rows),
                    encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert not skipped and [t.id for t in tickets] == ["1", "2"]
    assert tickets[0].created is None and tickets[1].created is not None and tickets[1].created.year == 2024
    assert tickets[1].locale == "es" and tickets[1].channel == "chat"


ROWS = "id,subject,body,created_at\n" + "".join(f"{i},subject {i},body {i},2024-01-0{i % 9 + 1}\n"
                                                 for i in range(1, 11))


def test_a_quote_never_closed_before_the_end_of_the_file_is_named_at_its_line(tmp_path: Path) -> None:
    # the export was cut off inside a quoted field: Python's lenient reader made it a row of 2 fields
    path = tmp_path / "t.csv"
    path.write_text(ROWS + '11,"Broken quote,the export got cut off here,2024-01-05\n', encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert len(tickets) == 10
    assert [(s.line, s.reason) for s in skipped] == [
        (12, "a quoted field opened on line 12 is never closed (the file ends inside it); close the quote, or export "
             "the tickets again")]


def test_a_quote_never_closed_loses_no_row_below_it(tmp_path: Path) -> None:
    """The open field runs to the next quote, a later row's opening one; the record it makes can have the header's
    number of fields (the same column quoted in both rows): Python's lenient reader then gave one ticket holding
    the rows between. The rows below the quote are read again; only the row with the quote is skipped."""
    lines = ROWS.splitlines(keepends=True)
    lines[3] = '3,"subject three,body 3,2024-01-03\n'  # the quote never closes
    lines[7] = '7,"quoted subject",body 7,2024-01-07\n'
    path = tmp_path / "t.csv"
    path.write_text("".join(lines), encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert [t.id for t in tickets] == ["1", "2", "4", "5", "6", "7", "8", "9", "10"]
    assert tickets[5].text == f"quoted subject{FIELD_BREAK}body 7" and tickets[5].line == 8
    assert [(s.line, s.reason) for s in skipped] == [
        (4, "a quoted field opened on line 4 is never closed: it ran into the rows below; lines 5-8 were read again "
            "as rows; close the quote, or export the tickets again")]
    crlf = tmp_path / "crlf.csv"  # and after a record that spans lines on purpose
    crlf.write_bytes("".join(lines).replace("\n", "\r\n").replace("subject 2", '"two\r\nlines"').encode())
    tickets, skipped = split(read_tickets(crlf))
    assert len(tickets) == 9 and [s.line for s in skipped] == [5] and "opened on line 5" in skipped[0].reason


def test_text_after_a_closing_quote_is_still_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,subject,body\n1,"5" screen,cracked\n2,b,c\n', encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert not skipped and [t.text for t in tickets] == [f"5 screen{FIELD_BREAK}cracked", f"b{FIELD_BREAK}c"]


def test_a_ticket_read_twice_is_skipped_and_another_with_its_id_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,text\n7,my card is lost\n8,refund please\n7,my card is lost\n7,the app crashes\n",
                    encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert [(t.id, t.line) for t in tickets] == [("7", 2), ("8", 3), (f"7 ({path}:5)", 5)]
    assert [(s.line, s.reason) for s in skipped] == [(4, DUPLICATE)]


def test_a_one_line_json_export_with_a_ticket_twice_counts_it_once(tmp_path: Path) -> None:
    # every record of a one-line JSON export is on line 1: a ticket read twice is still told by its id and text
    path = tmp_path / "tickets.json"
    path.write_text('[{"id": 7, "text": "my card is lost"}, {"id": 8, "text": "refund please"}, '
                    '{"id": 7, "text": "my card is lost"}, {"id": 7, "text": "the app crashes"}]', encoding="utf-8")
    seen = SeenTickets()
    tickets, skipped = split(read_tickets(path, seen=seen))
    assert [t.text for t in tickets] == ["my card is lost", "refund please", "the app crashes"]
    assert [s.reason for s in skipped] == [DUPLICATE] and tickets[2].id != "7"
    assert [str(w).split(";")[0] for w in seen.warnings()] == [
        "duplicate tickets: 1 in all, skipped: the same id and text as an earlier one (the exports overlap), each "
        "ticket counted once",
        "duplicate ticket ids: 1 in all, kept as different tickets (another text"]


def test_exports_read_together_count_a_ticket_once(tmp_path: Path) -> None:
    # two monthly exports that share a day; one SeenTickets for both
    january, february = tmp_path / "january.csv", tmp_path / "february.jsonl"
    january.write_text("id,text\n1,card lost\n2,refund please\n", encoding="utf-8")
    february.write_text('{"id": 2, "text": "refund please"}\n{"id": 3, "text": "app crashes"}\n', encoding="utf-8")
    seen = SeenTickets()
    items = [*read_tickets(january, seen=seen), *read_tickets(february, seen=seen)]
    tickets, skipped = split(items)
    assert [t.id for t in tickets] == ["1", "2", "3"] and [(s.source, s.line) for s in skipped] == [(str(february), 1)]
    [warning] = seen.warnings()
    assert str(warning).startswith(f"duplicate tickets: 1 in all, skipped: the same id and text as an earlier one "
                                   f"(the exports overlap), each ticket counted once; e.g. id 2 on {january}:3 and "
                                   f"{february}:1")


def test_the_scan_tells_duplicates_with_both_places_and_what_was_done(tmp_path: Path) -> None:
    january, february = tmp_path / "january.csv", tmp_path / "february.csv"
    january.write_text("id,text\n1,card lost\n2,refund please\n1,card lost\n", encoding="utf-8")
    february.write_text("id,text\n2,refund please\n3,app crashes\n3,app crashes again\n", encoding="utf-8")
    told = [str(w) for w in scan_exports([january, february]).warnings]
    assert told == [
        # in one export, or in two that overlap: one ticket, counted once
        f"duplicate tickets: 2 in all, skipped: the same id and text as an earlier one (the exports overlap), each "
        f"ticket counted once; e.g. id 1 on {january}:2 and {january}:4; id 2 on {january}:3 and {february}:2; if "
        "the exports should not overlap, check which files were given",
        f"duplicate ticket ids: 1 in all, kept as different tickets (another text; --explain FILE:LINE names each); "
        f"e.g. id 3 on {february}:3 and {february}:4; if they are one ticket edited between two exports, give only "
        "the newer copy",
    ]


def test_the_scan_says_which_columns_it_took(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Nr,Body,When,Created at\n1,how do I descale,x,2024-01-02\n", encoding="utf-8")
    assert scan_exports([path]).columns == (f"{path}: columns: text = 'Body', id = none (tickets are named "
                                            "file:line), date = 'Created at', language = none, channel = none",)
    assert scan_exports([FIXTURES / "intercom.json"]).columns == (
        f"{FIXTURES / 'intercom.json'}: columns (Intercom export): text = 'source.subject' + 'customer_messages', "
        "id = 'id', date = 'created_at', language = 'custom_attributes.language', channel = 'source.type'",)
    mapped = ColumnMapping(text=("Body",), id="Nr", date="Created at", lang="When", channel="When")
    assert scan_exports([path], mapped).columns == ()  # nothing guessed: nothing to tell


def test_the_scan_finds_the_ticket_to_explain_by_id_or_place(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Nr,Body\n1,how do I descale\n2,\n3,wifi\n", encoding="utf-8")
    assert scan_exports([path], explain="t.csv:4").explain == f"{path}:4"
    assert scan_exports([path], explain=f"{path}:2").explain == f"{path}:2"
    with pytest.raises(ConfigError) as e:
        scan_exports([path], explain="2")
    assert e.value.message == (f"--explain 2: no ticket has this id or place; tickets are named by their id, or by "
                               f"file:line where the export has none, e.g. {path}: {path}:2, {path}:4")
    with pytest.raises(ConfigError, match=rf"--explain t.csv:3: the record at {path}:3 was skipped \(no text\)"):
        scan_exports([path], explain="t.csv:3")
    ids = tmp_path / "ids.csv"
    ids.write_text("id,text\n41,card lost\n41,other text\n", encoding="utf-8")
    assert scan_exports([ids], explain="ids.csv:3").explain == f"41 ({ids}:3)"  # the second ticket with id 41


def test_since_with_site_events_says_the_events_are_not_selected_by_date(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("id,text,created\n1,where is my card,2026-11-03\n", encoding="utf-8")
    events = tmp_path / "plausible.csv"
    told = [str(w) for w in scan_exports([path], since=date(2026, 11, 1), events=(events,)).warnings]
    assert told == [f"{events}: the site's events are counted over the whole file: --since 2026-11-01 selects "
                    "tickets only; export the site's events for the same days"]
    assert scan_exports([path], events=(events,)).warnings == ()


def test_an_export_whose_text_is_its_subject_alone_is_warned_about(tmp_path: Path) -> None:
    """Zendesk's CSV export has no ticket body: the tickets had been matched on their subjects, silently, and the
    headline was 39 points low on a walkthrough's export."""
    path = tmp_path / "zendesk.csv"
    path.write_text("Id,Subject,Status,Via,Created at\n1,price increase,Solved,Mail,2026-10-16 15:15\n"
                    "2,moving house,Solved,Chat,2026-11-07 00:19\n", encoding="utf-8")
    [note] = [w for w in scan_exports([path]).warnings if "alone" in w.message]
    assert note.where == str(path)
    assert note.message.startswith("the ticket text is the 'Subject' column alone: this export holds no ticket body")
    assert "JSON with their comments" in note.fix and "--text" in note.fix
    both = tmp_path / "both.csv"
    both.write_text("Id,Subject,Description\n1,price increase,Why did my premium go up?\n", encoding="utf-8")
    assert not [w for w in scan_exports([both]).warnings if "alone" in w.message]


FRONT_MESSAGES = (
    "Message ID,Conversation ID,Direction,Inbox,Message date,Handle time,Extract,Subject\n"
    "m1,cnv_1,Inbound,Support,2026-10-01 09:00:00,,My transfer link expired too soon,Link expiry\n"
    "m2,cnv_1,Outbound,Support,2026-10-01 09:30:00,240,See https://help.ferry.example/expiry.html,Re: Link expiry\n"
    "m3,cnv_1,Inbound,Support,2026-10-01 10:00:00,,Still doesnt work.,Re: Link expiry\n"
    "m4,cnv_1,Outbound,Support,2026-10-01 10:10:00,120,Fixed on our side,Re: Link expiry\n"
    "m5,cnv_2,Outbound,Sales,2026-10-02 09:00:00,60,Would you like a demo?,Ferry for teams\n"
)


def test_a_front_message_export_is_read_one_ticket_per_conversation(tmp_path: Path) -> None:
    """Before: each customer message was a ticket of its own ("Still doesnt work." among them) and every teammate's
    message was skipped, with the reply links and agent time it carried: 151 links of a walkthrough's export lost."""
    path = tmp_path / "front.csv"
    path.write_text(FRONT_MESSAGES, encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    [t] = tickets
    assert (t.id, t.text, t.line) == ("cnv_1", f"Link expiry{FIELD_BREAK}My transfer link expired too soon", 2)
    assert t.replies == ("See https://help.ferry.example/expiry.html", "Fixed on our side")
    assert (t.first_reply_minutes, t.handle_minutes) == (30.0, 6.0)  # Front's times are seconds, added up
    assert [(s.line, s.reason) for s in skipped] == [(6, TEAM_ONLY)]


def test_freshdesk_satisfaction_ratings_exported_apart_join_their_tickets() -> None:
    """Freshdesk's API gives satisfaction ratings apart from the tickets (/api/v2/surveys/satisfaction_ratings):
    given among the exports, they rate the tickets they name; before, the file was read as tickets and stopped the
    report ("no text column found")."""
    ratings_file = FIXTURES / "freshdesk-satisfaction-ratings.json"
    exports, ratings = separate_ratings([FIXTURES / "freshdesk.json", ratings_file])
    assert exports == (FIXTURES / "freshdesk.json",) and ratings.files == (ratings_file,)
    tickets, _ = split(read_tickets(FIXTURES / "freshdesk.json", ratings=ratings))
    assert {t.id: t.satisfaction for t in tickets} == {"7": 1.0, "8": None}  # 103: the happiest face
    scan = scan_exports([FIXTURES / "freshdesk.json", ratings_file])
    assert f"{ratings_file}: satisfaction ratings (Freshdesk), 2 joined to the tickets by their id: 1 name a ticket " \
           "of the exports" in scan.columns


def test_an_intercom_chat_is_read_up_to_the_teams_first_reply(tmp_path: Path) -> None:
    """A chat opens with "hi" and asks in the next message: the customer's messages before the team's first reply
    are the ticket (bots' messages left out). Before, only the opening "hi" was read, and a walkthrough's 233 real
    questions were skipped as asking nothing."""
    def part(who: str, body: str, kind: str = "comment") -> dict[str, object]:
        return {"type": "conversation_part", "part_type": kind, "body": body, "author": {"type": who, "id": "1"}}

    chat = {"type": "conversation", "id": "901", "created_at": 1709888400,
            "source": {"type": "conversation", "delivered_as": "customer_initiated", "subject": "",
                       "body": "<p>hi</p>"},
            "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [
                part("bot", "<p>Hi! What can I help you with?</p>"),
                part("user", "<p>my bulb won't pair with the hub</p>"),
                part("admin", "<p>internal: check firmware</p>", "note"),
                part("user", "<p>it blinks three times</p>"),
                part("admin", '<p>This helps: <a href="https://help.lumen.example/bulbs/pair-a-bulb.html">pair</a></p>'),
                part("user", "<p>thanks, that worked</p>")]}}
    path = tmp_path / "intercom.json"
    path.write_text(json.dumps({"type": "conversation.list", "conversations": [chat]}), encoding="utf-8")
    tickets, skipped = split(read_tickets(path))
    assert not skipped and len(tickets) == 1
    text = tickets[0].text
    assert "won't pair" in text and "blinks three times" in text
    assert "What can I help" not in text and "that worked" not in text and "firmware" not in text
    assert tickets[0].replies and "pair-a-bulb" in tickets[0].replies[0]


def test_help_scout_happiness_ratings_join_their_conversations() -> None:
    """Help Scout's conversations carry no rating; its happiness ratings report (/v2/reports/happiness/ratings) does,
    by conversation number: given beside the conversations, it rates them. Before, it stopped the report."""
    ratings_file = FIXTURES / "helpscout-happiness-ratings.json"
    exports, ratings = separate_ratings([FIXTURES / "helpscout.json", ratings_file])
    assert exports == (FIXTURES / "helpscout.json",) and ratings.helpdesks == ("Help Scout",) and ratings.count == 2
    tickets, _ = split(read_tickets(FIXTURES / "helpscout.json", ratings=ratings))
    assert [(t.id, t.satisfaction) for t in tickets] == [("311", 0.0)]  # ratingId 3: not good
    scan = scan_exports([FIXTURES / "helpscout.json", ratings_file])
    assert f"{ratings_file}: satisfaction ratings (Help Scout), 2 joined to the tickets by their id: 1 name a ticket " \
           "of the exports" in scan.columns


def test_pages_of_one_export_share_one_columns_line(tmp_path: Path) -> None:
    """An API's 26 pages had 26 identical columns lines; exports read alike are told on one line."""
    pages = []
    for n in range(1, 5):
        page = tmp_path / f"page-{n:02d}.csv"
        page.write_text(f"Subject,Body\nrefund,where is my refund {n}\n", encoding="utf-8")
        pages.append(page)
    other = tmp_path / "other.csv"
    other.write_text("Text\nhow do I descale\n", encoding="utf-8")
    columns = scan_exports([*pages, other]).columns
    assert len(columns) == 2
    assert columns[0].startswith(f"{pages[0]} … {pages[-1]} (4 exports): columns: text = 'Subject' + 'Body'")
    assert columns[1].startswith(f"{other}: columns: text = 'Text'")


def test_a_help_scout_chat_is_read_from_the_customers_chat_threads(tmp_path: Path) -> None:
    """A Beacon chat has no "customer" thread: its threads are "chat", by the customer or by a user. Before, such a
    conversation was read from its preview, the newest thread: often the agent's last message."""
    chat = {"id": 77, "number": 501, "subject": "Chat with Ana", "preview": "Glad I could help!",
            "createdAt": "2026-10-01T10:00:00Z", "mailboxId": 1, "folderId": 2, "type": "chat",
            "_embedded": {"threads": [
                {"type": "chat", "createdBy": {"type": "user"}, "body": "Glad I could help!",
                 "createdAt": "2026-10-01T10:05:00Z"},
                {"type": "chat", "createdBy": {"type": "user"}, "body": "See https://help.example.com/a.html",
                 "createdAt": "2026-10-01T10:03:00Z"},
                {"type": "chat", "createdBy": {"type": "customer"}, "body": "my payslip is missing",
                 "createdAt": "2026-10-01T10:01:00Z"},
                {"type": "chat", "createdBy": {"type": "customer"}, "body": "hi",
                 "createdAt": "2026-10-01T10:00:00Z"}]}}
    path = tmp_path / "helpscout.json"
    path.write_text(json.dumps({"_embedded": {"conversations": [chat]}, "page": {"number": 1}}), encoding="utf-8")
    tickets, _ = split(read_tickets(path))
    assert len(tickets) == 1 and "my payslip is missing" in tickets[0].text and "Glad" not in tickets[0].text
