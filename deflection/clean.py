"""Ticket text cleaning and PII redaction.

:func:`clean` keeps what the customer asked: HTML is turned into text, quoted replies ("On Mon, ... wrote:",
``>`` lines, forwarded/original messages), signatures (``--``, "Sent from my iPhone", "Best regards, Jane")
and greetings ("Hi team,") are dropped.

:func:`redact` replaces personal data with placeholders, in every output: e-mail addresses ``[email]``,
card numbers that pass the Luhn check ``[card]``, IBANs that pass the ISO 13616 check ``[iban]``, phone numbers
``[phone]``, IP addresses ``[ip]``, US social security numbers ``[ssn]``, URLs with query strings ``[url]``, and
any other run of 9 or more digits ``[number]`` (account and reference numbers).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

# --- HTML --------------------------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "pre", "hr", "section", "article", "header", "footer"}
_SKIP_TAGS = {"script", "style", "head", "title"}


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment: blocks become lines, ``<script>``/``<style>`` and quoted ``<blockquote>`` dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS or tag == "blockquote" or any(
            k == "class" and v and ("gmail_quote" in v or "quote" in v.split()) for k, v in attrs
        ):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS or tag == "blockquote":
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_HTML_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>|</[a-zA-Z]")


def html_to_text(text: str) -> str:
    """Plain text of a ticket body that may be HTML (plain text passes through, entities decoded)."""
    if not _HTML_HINT.search(text):
        return unescape(text) if "&" in text else text
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


# --- quotes, signatures, greetings -------------------------------------------------------------------------------

_QUOTE_HEADER = re.compile(
    r"^\s*(?:"
    r"On\s.{0,200}\bwrote:|"  # On Mon, 1 Jan 2024, Jane <jane@x.com> wrote:
    r"Le\s.{0,200}\ba\s+écrit\s*:|"
    r"Am\s.{0,200}\bschrieb.{0,80}:|"
    r"El\s.{0,200}\bescribió\s*:|"
    r"-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}|"
    r"_{5,}|"
    r"From:\s.*|De\s*:\s.*|Von:\s.*"
    r")\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE = re.compile(
    r"^\s*(?:--\s*|—\s*|"
    r"Sent from my \w+.*|Get Outlook for \w+.*|Enviado desde mi .*|Envoyé de mon .*|Von meinem .* gesendet|"
    r"(?:Best|Kind|Warm|Many)?\s*(?:regards|wishes|thanks|thank you|cheers|sincerely)[,.!]?|"
    r"(?:Thanks|Thank you|Thx|Cheers|Regards|Sincerely|Best|Saludos|Gracias|Cordialement|Merci|"
    r"Mit freundlichen Grüßen|Viele Grüße|LG|MfG)(?:\s+(?:so much|in advance|a lot))?[,.!]?"
    r")\s*$",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hola|buenos días|bonjour|salut|hallo|"
    r"guten tag|ciao|olá|oi)\b[^\n.!?]{0,40}[,!:.]?\s*$",
    re.IGNORECASE,
)
_GREETING_INLINE = re.compile(
    r"^\s*(?:hi|hello|hey|dear|hola|bonjour|hallo)(?:\s+(?:there|team|all|support|guys|folks|[A-Z][a-z]+))?[,!]\s+",
    re.IGNORECASE,
)
_WS = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> str:
    """The customer's own words: HTML, quoted replies, signatures and greetings removed, whitespace tidied."""
    text = html_to_text(text).replace("\r\n", "\n").replace("\r", "\n")
    m = _QUOTE_HEADER.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    lines = [ln for ln in text.split("\n") if not ln.lstrip().startswith(">")]
    out: list[str] = []
    for i, ln in enumerate(lines):
        if _SIGNATURE.match(ln) and (i > 0 or len(lines) > 1) and _tail_is_signature(lines, i):
            break
        out.append(ln)
    while out and not out[0].strip():
        out.pop(0)
    if out and _GREETING.match(out[0]) and len(out) > 1:
        out.pop(0)
    text = "\n".join(_WS.sub(" ", ln).strip() for ln in out)
    text = _GREETING_INLINE.sub("", text, count=1) if len(text) > 40 else text
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _tail_is_signature(lines: list[str], i: int) -> bool:
    """A sign-off line starts a signature when at most 5 short lines follow it (a name, a title, a phone)."""
    rest = [ln for ln in lines[i + 1:] if ln.strip()]
    return len(rest) <= 5 and all(len(ln) <= 80 for ln in rest)


# --- redaction ---------------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_URL_QUERY = re.compile(r"\bhttps?://\S+\?\S+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
_PHONE = re.compile(
    r"(?<![\w+(])(?:(?:\+|00)\d{1,4}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{2,5}){1,5}(?!\w)"
)
_LONG_NUMBER = re.compile(r"\d{9,}")


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
    digits = re.sub(r"\D", "", m.group())
    return "[card]" if 13 <= len(digits) <= 19 and luhn_ok(digits) else m.group()


def _iban(m: re.Match[str]) -> str:
    return "[iban]" if iban_ok(m.group()) else m.group()


def _phone(m: re.Match[str]) -> str:
    s = m.group()
    digits = sum(c.isdigit() for c in s)
    if digits > 15:
        return "[number]"
    if digits < 7:
        return s
    if re.fullmatch(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}", s):
        return s  # a date
    if s.isdigit() and not s.startswith(("0", "+")) and digits < 9:
        return s  # a bare amount or order number
    return "[phone]"


_MAYBE_PII = re.compile(r"@|\d{3}|[A-Z]{2}\d{2}")


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
    text = _PHONE.sub(_phone, text)
    return _LONG_NUMBER.sub("[number]", text)
