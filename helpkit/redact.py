"""Personal data redaction: what the deflection report shows of tickets, and what search learns from customers'
questions, never carries it.

:func:`redact` replaces personal data with placeholders: e-mail addresses ``[email]``, card numbers that pass the
Luhn check ``[card]``, IBANs that pass the ISO 13616 check ``[iban]``, phone numbers ``[phone]`` (dates and times
are not phone numbers), IP addresses ``[ip]``, US social security numbers ``[ssn]``, URLs with query strings
``[url]``, order and customer references (a few letters and 5 or more digits: ``KW-146590``), a number of 5 or
more digits after the word that names it as a customer's ("account number 6398971", "policy no. 552811", "claim
55231"; an order number alone is no personal data) and any
other run of 9 or more digits ``[number]`` (account and reference numbers).
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_URL_QUERY = re.compile(r"\bhttps?://\S+\?\S+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
_PHONE = re.compile(
    r"(?<![\w+(])(?:(?:\+|00)\d{1,4}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{2,5}){1,5}(?!\w)"
)
_DATE_OR_TIME = re.compile(
    r"(?<![\d+])(?:"
    r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|"  # 2026-10-06, 2026-10-06 14:18
    r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?|"  # 06/10/2026, 6.10.26 14:18
    r"\d{1,2}:\d{2}(?::\d{2})?"  # 02:18, 14:18:30
    r")(?![\d]|[./-]\d)"
)
"""Dates and times: never phone numbers ("Chat started: 2026-10-06 02:18 PM UTC")."""
_PHONE_OR_DATE = re.compile(f"(?P<date>{_DATE_OR_TIME.pattern})|{_PHONE.pattern}")
_LONG_NUMBER = re.compile(r"\d{9,}")
_REFERENCE = re.compile(r"(?<![\w-])[A-Za-z]{1,5}-?\d{5,}(?![\w-])")
"""An order or customer reference: a few letters and 5 or more digits ("KW-146590", "ORD12345")."""
_LABELED_NUMBER = re.compile(
    r"(?<![\w])((?:[Aa]ccount|ACCOUNT|[Aa]cct|[Cc]ustomer|[Cc]lient|[Mm]ember(?:ship)?|[Pp]olicy|[Cc]ontract|[Cc]laim)"
    r"(?: (?:[Nn]umber|[Nn]o\.?|[Nn]um|ID|[Ii]d|#))?[ :#]*)"
    r"\d(?:[ ]?\d){4,}(?!\d)")
"""A number of 5 or more digits after a word that names it as a customer's: group 1 is that word (kept)."""
_NON_DIGIT = re.compile(r"\D")
_DATE_SHAPE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


def luhn_ok(digits: str) -> bool:
    """Whether a digit string passes the Luhn checksum (payment card numbers do)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(candidate: str) -> bool:
    """Whether a string is a valid IBAN (ISO 13616 mod-97 check)."""
    s = candidate.replace(" ", "").upper()
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    try:
        return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
    except ValueError:
        return False


def _card(m: re.Match[str]) -> str:
    digits = _NON_DIGIT.sub("", m.group())
    return "[card]" if 13 <= len(digits) <= 19 and luhn_ok(digits) else m.group()


def _iban(m: re.Match[str]) -> str:
    return "[iban]" if iban_ok(m.group()) else m.group()


def _phone(m: re.Match[str]) -> str:
    s = m.group()
    if m.group("date"):
        return s
    digits = sum(c.isdigit() for c in s)
    if digits > 15:
        return "[number]"
    if digits < 7:
        return s
    if _DATE_SHAPE.fullmatch(s):
        return s  # a date
    if s.isdigit() and not s.startswith(("0", "+")) and digits < 9:
        return s  # a bare amount or order number
    return "[phone]"


_MAYBE_PII = re.compile(r"@|\d{3}|[A-Z]{2}\d{2}")


PATTERNS: dict[str, re.Pattern[str]] = {
    "maybe_pii": _MAYBE_PII, "email": _EMAIL, "url_query": _URL_QUERY, "iban": _IBAN, "card": _CARD, "ssn": _SSN,
    "ip": _IP, "phone_or_date": _PHONE_OR_DATE, "reference": _REFERENCE, "labeled_number": _LABELED_NUMBER,
    "long_number": _LONG_NUMBER,
    "non_digit": _NON_DIGIT,
    "date_shape": _DATE_SHAPE,
}
"""Every pattern :func:`redact` uses, by name: the site's browser-side redaction is generated from these
(site_builder/redact_js.py), so the two never drift apart."""


def redact(text: str) -> str:
    """``text`` with personal data replaced by placeholders (see the module docstring)."""
    if not _MAYBE_PII.search(text):
        return text
    text = _EMAIL.sub("[email]", text)
    text = _URL_QUERY.sub("[url]", text)
    text = _IBAN.sub(_iban, text)
    text = _CARD.sub(_card, text)
    text = _SSN.sub("[ssn]", text)
    text = _IP.sub("[ip]", text)
    text = _PHONE_OR_DATE.sub(_phone, text)
    text = _LABELED_NUMBER.sub(r"\1[number]", text)
    text = _REFERENCE.sub("[number]", text)
    return _LONG_NUMBER.sub("[number]", text)
