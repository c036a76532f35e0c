"""Translation backends: what turns source sentences into target sentences.

A backend translates plain sentences that may hold placeholders (``ZXQ1``); it never sees
Markdown. :func:`split_sentences` is helpkit's own sentence splitter, so no backend needs
Argos' splitters (stanza and MiniSBD download models at run time).

- :class:`PseudoBackend`: the pseudo-locale ``en-XA``: accented, about 30 % longer, no model.
- :class:`FakeBackend`: deterministic, for tests (upper-cases; can be told to drop placeholders).
- :class:`translations.argos.ArgosBackend`: an installed Argos Translate model, batched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from translations.protect import FORM


class Backend(Protocol):
    """Translates sentences from one language to another."""

    name: str
    """Short name, written into the translation memory's machine notes (``argos``, ``pseudo``)."""
    persistent: bool
    """Whether its output belongs in the translation memory on disk (False for the pseudo-locale)."""

    def missing(self, source: str, target: str) -> str | None:
        """Why this backend cannot translate ``source`` → ``target`` (a message naming the fix), or None.

        Raises :class:`helpkit.errors.MissingResource` when the backend itself is not installed."""

    def model(self, source: str, target: str) -> str:
        """The model that translates ``source`` → ``target`` (name and version): a segment whose translation failed
        its checks is retried when this changes."""

    def translate(self, sentences: Sequence[str], source: str, target: str) -> Iterator[str]:
        """Translations of ``sentences``, yielded in order as they are ready."""


_ABBREVIATIONS = frozenset((
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "st", "no", "nr", "approx", "incl", "fig", "cf", "al",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
))
_BOUNDARY = re.compile(rf"(?<=[.!?…。！？])(?:[\"')\]]|{FORM.exact.pattern})*(?=\s+[\"'(\[¿¡]*[A-Z0-9À-ÖØ-Þ¿¡])")
_CJK_BOUNDARY = re.compile(r"(?<=[。！？])")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of text into sentences (rule-based: ., !, ? followed by a capital or digit).

    Known abbreviations (``e.g.``, ``etc.``), single initials and decimals do not end a sentence. Closing
    quotes, brackets and placeholders (``**Card data.** Card numbers``) stay with the sentence they close;
    placeholders (``ZXQ3``) count as a capital, so a sentence may start with inline code.
    """
    text = " ".join(text.split())
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        word = text[start:m.start()].rsplit(" ", 1)[-1].rstrip(".!?…").lower()
        if text[m.start() - 1] == "." and (word in _ABBREVIATIONS or len(word) == 1 and word.isalpha()):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def join_sentences(sentences: Iterable[str], target: str) -> str:
    """Sentences back into a paragraph (no spaces for Chinese and Japanese)."""
    glue = "" if target.split("-")[0] in ("zh", "ja") else " "
    return glue.join(s.strip() for s in sentences)


def _outside_placeholders(text: str, fn: Callable[[str], str]) -> str:
    parts = FORM.exact.split(text)
    # split() with one group: even items are text, odd items are placeholder numbers
    return "".join(fn(p) if i % 2 == 0 else FORM.render(int(p)) for i, p in enumerate(parts))


_ACCENTS = str.maketrans(
    "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ",
    "åƀçđéĝĥîķļñöŕšţûŵýžÅƁÇĐÉĜĤÎĶĻÑÖŔŠŢÛŴÝŽ",
)


@dataclass(frozen=True, slots=True)
class PseudoBackend:
    """The pseudo-locale: every letter accented and ~30 % padding, so untranslated and clipped text stands out."""

    name: str = "pseudo"
    persistent: bool = False

    def missing(self, source: str, target: str) -> str | None:
        return None

    def model(self, source: str, target: str) -> str:
        return self.name

    def translate(self, sentences: Sequence[str], source: str, target: str) -> Iterator[str]:
        for s in sentences:
            yield pseudo(s)


def pseudo(text: str) -> str:
    """``Save changes`` → ``Šåvé çĥåñĝéš ·····``: accented letters, ~30 % longer (placeholders kept)."""
    body = _outside_placeholders(text, lambda t: t.translate(_ACCENTS))
    words = len(FORM.exact.sub("", text))
    return f"{body} {'·' * max(1, round(words * 0.3))}"


@dataclass(slots=True)
class FakeBackend:
    """A deterministic backend for tests: upper-cases text outside placeholders.

    ``drop_placeholders`` makes it lose every placeholder (to test the fallback); ``calls`` records
    each batch it was asked to translate; ``unavailable`` makes :meth:`missing` report that message.
    """

    name: str = "fake"
    persistent: bool = True
    drop_placeholders: bool = False
    unavailable: str | None = None
    version: str = "fake 1"
    """What :meth:`model` reports (change it to act as an upgraded model)."""
    calls: list[tuple[str, ...]] = field(default_factory=list)

    def missing(self, source: str, target: str) -> str | None:
        return self.unavailable

    def model(self, source: str, target: str) -> str:
        return self.version

    def translate(self, sentences: Sequence[str], source: str, target: str) -> Iterator[str]:
        self.calls.append(tuple(sentences))
        for s in sentences:
            out = _outside_placeholders(s, str.upper)
            yield FORM.exact.sub("", out) if self.drop_placeholders else out
