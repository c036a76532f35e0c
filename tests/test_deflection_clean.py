"""Ticket text cleaning and PII redaction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deflection.clean import clean, iban_ok, luhn_ok, redact


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Hi team,\n\nMy card never arrived.\n\nThanks,\nJane Doe\nACME Ltd", "My card never arrived."),
        ("Where is my refund?\n\nOn Mon, Jan 8, 2024 at 10:00 AM Support <s@x.com> wrote:\n> We sent it.\n> Bye",
         "Where is my refund?"),
        ("Please help\n-----Original Message-----\nFrom: support\nold text", "Please help"),
        ("My app crashes.\n> quoted line\nStill crashes.", "My app crashes.\nStill crashes."),
        ("Login fails on Android\n\n--\nJohn\n+1 555 0100", "Login fails on Android"),
        ("Cannot pay\n\nSent from my iPhone", "Cannot pay"),
        ("<p>Hello,</p><p>I was <b>charged twice</b> &amp; want a refund</p><div class=\"gmail_quote\">old</div>",
         "I was charged twice & want a refund"),
        ("<style>p{color:red}</style><script>alert(1)</script><p>real question</p>", "real question"),
        ("Hola,\nNo puedo entrar en mi cuenta.\nSaludos", "No puedo entrar en mi cuenta."),
        ("Thanks for the quick fix last week, but the export still fails.",
         "Thanks for the quick fix last week, but the export still fails."),
    ],
)
def test_clean_keeps_only_the_customers_question(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("mail me at jane.doe+x@mail.example.co.uk now", "mail me at [email] now"),
        ("card 4111 1111 1111 1111 and 4111-1111-1111-1111", "card [card] and [card]"),
        ("IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN [iban] please"),
        ("IBAN DE89370400440532013000.", "IBAN [iban]."),
        ("call +44 20 7946 0958 or (555) 123-4567", "call [phone] or [phone]"),
        ("ssn 123-45-6789", "ssn [ssn]"),
        ("from 192.168.1.20", "from [ip]"),
        ("account 12345678901", "account [phone]"),
        ("reset at https://app.example.com/reset?token=abc123", "reset at [url]"),
    ],
)
def test_redact_replaces_personal_data(raw: str, expected: str) -> None:
    assert redact(raw) == expected


@pytest.mark.parametrize(
    "text", ["order 12345 cost $1500 on 2024-01-05", "version 2.3.1", "3 days ago", "wait 10-15 days"]
)
def test_redact_leaves_ordinary_numbers(text: str) -> None:
    assert redact(text) == text


def test_checksums() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError


@given(st.from_regex(r"4[0-9]{14}", fullmatch=True), st.sampled_from([" ", "-", ""]),
       st.text(alphabet=st.characters(categories=("L", "Zs")), max_size=30))
def test_any_valid_card_number_is_redacted(prefix: str, sep: str, around: str) -> None:
    number = _luhn_complete(prefix)
    shown = sep.join(number[i:i + 4] for i in range(0, 16, 4))
    out = redact(f"{around} {shown} {around}")
    assert number not in out.replace(" ", "").replace("-", "")
