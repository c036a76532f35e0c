"""Ticket readers: formats, encodings, help-desk conventions, malformed rows, missing columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from deflection.clean import FIELD_BREAK
from deflection.model import ColumnMapping, Skipped, Ticket
from deflection.readers import detect_encoding, read_tickets
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


def test_intercom_html_body_and_unix_timestamp() -> None:
    [t] = read_tickets(FIXTURES / "intercom.json")
    assert t.id == "215" and t.locale == "en" and t.channel == "customer_initiated"
    assert t.created is not None and t.created.year == 2024
    assert "my new card has not arrived" in t.text


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
