"""Placeholders: inline Markdown that machine translation must carry through untouched.

A segment's Markdown (``Click **Save** in `Settings` ``) becomes text a translation model can
read (``Click {1}Save{2} in {3}``) plus the protected pieces (*atoms*). A model reads
:func:`for_model`'s version of it (``Click ZXQ1 Save ZXQ2 in ZXQ3``); :func:`repair` reads the model's
re-cased or re-spaced placeholders back (``zxq1``, ``ZXQ 3``) without guessing; :func:`restore`
checks that every placeholder came back exactly once, that paired markup (``[``/``](url)``, ``**``/``**``)
kept its order, and puts the atoms back.

Protected, never translated: code spans, autolinks and bare URLs, raw inline HTML, link and
image destinations (``](url "title")``, ``][ref]``), backslash escapes, entities, emphasis
delimiters, hard line breaks, text that already looks like a placeholder, and glossary terms.
Link text and image alt text stay translatable (they sit between the bracket placeholders).

:func:`checked_atoms` is the "same links, same code" test applied to a translation written by a
person in Markdown (a reviewed PO entry): the multiset of code spans, URLs, link targets, HTML
and glossary terms must equal the source's.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

PROTECTION_VERSION = 2
"""Version of the placeholder form, its repair and its checks. A segment whose machine translation fell back to
the source is retried when this (or the backend's model) changes; bump it with any change to this module's
output for a model."""


PLACEHOLDER = re.compile(r"\{(\d{1,4})\}")
"""A placeholder in :attr:`Protected.text`: ``{1}``, ``{2}`` ... (the number in group 1). Models never see this
form (a real one drops the braces: ``Click {1}`` → ``Clique em 1``); they read :data:`FORM`."""


@dataclass(frozen=True, slots=True)
class PlaceholderForm:
    """How placeholders are written in text a translation model reads, and how its variants are recognised."""

    prefix: str
    """Text before the number (``ZXQ`` in ``ZXQ1``)."""
    suffix: str = ""
    """Text after the number (empty for ``ZXQ1``; ``X`` in ``X1X``)."""

    def render(self, n: int) -> str:
        """The placeholder of atom ``n``: ``ZXQ1``."""
        return f"{self.prefix}{n}{self.suffix}"

    @property
    def exact(self) -> re.Pattern[str]:
        """The placeholder exactly as rendered (the number in group 1)."""
        return re.compile(re.escape(self.prefix) + r"(\d{1,4})" + re.escape(self.suffix))

    @property
    def loose(self) -> re.Pattern[str]:
        """The placeholder as a model may give it back (the number in the first group that matched): in any case,
        anywhere; or, standing as a word of its own, re-spaced (``zxq 1``, ``X1 X``) or clipped of its closing
        letters (``X4,``). Forms that are not letters around a number are only recognised exactly."""
        exact = self.exact.pattern
        if not self.prefix.isalpha() or self.suffix and not self.suffix.isalpha():
            return re.compile(exact)
        letter = r"[^\W\d_]"

        def spaced(part: str) -> str:
            return r"\s?".join(re.escape(c) for c in part)

        alone = rf"(?<![^\W_]){spaced(self.prefix)}\s?(\d{{1,4}})"
        if self.suffix:
            loose = (rf"{alone}\s?{spaced(self.suffix)}(?!{letter})"
                     rf"|(?<![^\W_]){re.escape(self.prefix)}(\d{{1,4}})(?!{letter})")
        else:
            loose = rf"{alone}(?!\d)"
        return re.compile(rf"{exact}|{loose}", re.I)

    @property
    def lookalike(self) -> re.Pattern[str]:
        """Source text to keep away from a model and from :func:`repair`: anything :attr:`loose` could read once
        :func:`for_model` has spaced it from its neighbours (``zxq 2`` in ``ZXQ1zxq 2``), in any case."""
        if not self.prefix.isalpha() or self.suffix and not self.suffix.isalpha():
            return self.loose
        spaced = [r"\s?".join(re.escape(c) for c in part) for part in (self.prefix, self.suffix)]
        tail = rf"(?:\s?{spaced[1]})?" if self.suffix else ""
        return re.compile(rf"{spaced[0]}\s?\d{{1,4}}{tail}", re.I)

    def number(self, m: re.Match[str]) -> int:
        """The placeholder number of a :attr:`loose` match."""
        return int(next(g for g in m.groups() if g))


FORM = PlaceholderForm("ZXQ")
"""The placeholders a model reads, chosen by measurement (``python bench/translate_real.py --forms``): through
:func:`for_model` and :func:`repair` with a real Marian en→pt-BR model, share of placeholder-bearing segments
that come back validated on the sample's training articles / its other articles / Plausible's docs: ``ZXQ1``
98.9 / 97.9 / 94.3 %, ``PH1`` 98.9 / 94.5 / 93.9 %, ``X1X`` 96.6 / 95.2 / 93.0 %, ``[1]`` 96.0 / 97.2 / 96.8 %,
``{1}`` 0 / 0 / 0 %. Chosen on the training articles (``ZXQ1`` and ``PH1`` tie; ``ZXQ`` occurs in no language's
text, so protecting look-alikes never takes words from the model). Upper-case letters are unchanged by a model
that upper-cases; :func:`repair` reads a lower-cased one."""

CHECKED_KINDS = frozenset({"code", "url", "html", "dest", "term", "literal"})
"""Atom kinds whose text must be identical in source and translation (order may change)."""

_PUNCT = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
_ESCAPE = re.compile(rf"\\[{_PUNCT}]")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9.\-]+)>"
)
_HTML = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:\-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?"
    r"|/[A-Za-z][A-Za-z0-9\-]*\s*|!--.*?--|\?.*?\?|![A-Za-z][^>]*|!\[CDATA\[.*?\]\])>",
    re.DOTALL,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>`]*[^\s<>`.,;:!?'\")\]]")
_REF = re.compile(r"\]\[[^\[\]]{0,999}\]")
_LOOKALIKE = re.compile(r"\{\d+\}")


def placeholder(n: int) -> str:
    """The placeholder of atom ``n`` in :attr:`Protected.text`: ``{1}``."""
    return f"{{{n}}}"


@dataclass(frozen=True, slots=True)
class Atom:
    """One protected piece of a segment."""

    kind: str
    """``code``, ``url``, ``html``, ``dest`` (``](target)``), ``open`` (``[`` / ``![``), ``close`` (lone ``]``),
    ``emphasis``, ``escape``, ``entity``, ``break``, ``term`` (glossary) or ``literal`` (placeholder look-alike)."""
    text: str
    """The exact Markdown it stands for."""
    role: str = ""
    """``open``/``close`` for paired markup (brackets, emphasis runs), else empty."""
    pair: int = 0
    """Placeholder number of the partner of a paired atom (0 when unpaired)."""


@dataclass(frozen=True, slots=True)
class Protected:
    """A segment's text with placeholders, and the atoms they stand for (atom ``n`` is ``{n}``, 1-based)."""

    text: str
    """Markdown with every protected piece replaced by ``{n}``."""
    atoms: tuple[Atom, ...]
    """What each placeholder stands for."""

    @property
    def has_words(self) -> bool:
        """Whether anything is left to translate (letters outside placeholders)."""
        return bool(re.search(r"[^\W\d_]", PLACEHOLDER.sub("", self.text)))


@lru_cache(maxsize=64)
def _glossary_pattern(glossary: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = sorted({t for t in glossary if t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")


def _code_span(text: str, i: int) -> int:
    """End of the code span starting at ``i`` (a backtick run), or -1 if the run is not closed."""
    n = len(text) - len(text[i:].lstrip("`"))
    run = text[i:n]
    j = n
    while True:
        j = text.find(run, j)
        if j < 0:
            return -1
        k = j + len(run)
        if k < len(text) and text[k] == "`" or text[j - 1] == "`":
            j = k + len(text[k:]) - len(text[k:].lstrip("`"))
            continue
        return k


def _link_dest(text: str, i: int) -> int:
    """End of ``](destination "title")`` starting at ``i`` (the ``]``), or -1."""
    j = i + 2
    if j < len(text) and text[j] == "<":
        k = text.find(">", j)
        if k < 0 or "\n" in text[j:k]:
            return -1
        j = k + 1
    depth = 0
    quote = ""
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return j + 1
            depth -= 1
        j += 1
    return -1


def _flanking(text: str, start: int, end: int) -> str:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = not after.isspace() and (before.isspace() or not before.isalnum() or after.isalnum())
    closes = not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "both"


def protect(markdown: str, glossary: Sequence[str] = ()) -> Protected:
    """Replace the inline markup and glossary terms of ``markdown`` by numbered placeholders (memoized)."""
    return _protect(markdown, tuple(glossary))


@functools.lru_cache(maxsize=262144)
def _protect(markdown: str, glossary: tuple[str, ...]) -> Protected:
    atoms: list[Atom] = []
    out: list[str] = []
    pairs: dict[int, int] = {}
    brackets: list[int] = []
    emphasis: list[tuple[str, int]] = []
    roles: dict[int, str] = {}
    pattern = _glossary_pattern(tuple(glossary))
    i = 0
    text = markdown
    plain_start = 0

    def flush(upto: int) -> None:
        chunk = text[plain_start:upto]
        if chunk:
            out.append(_protect_plain(chunk, atoms, pattern))

    def add(kind: str, piece: str) -> int:
        atoms.append(Atom(kind, piece))
        out.append(placeholder(len(atoms)))
        return len(atoms)

    while i < len(text):
        ch = text[i]
        end = -1
        kind = ""
        if ch == "\\":
            m = _HARD_BREAK.match(text, i) or _ESCAPE.match(text, i)
            if m:
                end, kind = m.end(), "break" if m.group().endswith("\n") else "escape"
        elif ch == " ":
            m = _HARD_BREAK.match(text, i)
            if m:
                end, kind = m.end(), "break"
        elif ch == "`":
            end = _code_span(text, i)
            if end > 0:
                kind = "code"
            else:
                end = i + len(text[i:]) - len(text[i:].lstrip("`"))
                kind = "literal"
        elif ch == "<":
            m = _AUTOLINK.match(text, i)
            if m:
                end, kind = m.end(), "url"
            else:
                m = _HTML.match(text, i)
                if m:
                    end, kind = m.end(), "html"
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if m:
                end, kind = m.end(), "entity"
        elif ch == "{":
            m = _LOOKALIKE.match(text, i)
            if m:
                end, kind = m.end(), "literal"
        elif ch == "!" and text.startswith("![", i):
            end, kind = i + 2, "open"
        elif ch == "[":
            end, kind = i + 1, "open"
        elif ch == "]":
            if text.startswith("](", i):
                end = _link_dest(text, i)
            if end > 0:
                kind = "dest"
            else:
                m = _REF.match(text, i)
                end, kind = (m.end(), "dest") if m else (i + 1, "close")
        elif ch in "*_":
            end = i + len(text[i:]) - len(text[i:].lstrip(ch))
            intraword = ch == "_" and i > 0 and text[i - 1].isalnum() and end < len(text) and text[end].isalnum()
            kind = "" if intraword else "emphasis"
            if intraword:
                end = -1
        if end < 0 or not kind:
            i += 1
            continue
        flush(i)
        n = add(kind, text[i:end])
        if kind == "open":
            brackets.append(n)
            roles[n] = "open"
        elif kind in ("dest", "close") and brackets:
            o = brackets.pop()
            pairs[o], pairs[n] = n, o
            roles[n] = "close"
        elif kind == "emphasis":
            role = _flanking(text, i, end)
            piece = text[i:end]
            if role in ("close", "both") and emphasis and emphasis[-1][0] == piece:
                o = emphasis.pop()[1]
                pairs[o], pairs[n] = n, o
                roles[o], roles[n] = "open", "close"
            elif role in ("open", "both"):
                emphasis.append((piece, n))
        i = end
        plain_start = i
    flush(len(text))
    final = tuple(
        Atom(a.kind, a.text, roles.get(k, "") if k in pairs else "", pairs.get(k, 0))
        for k, a in enumerate(atoms, start=1)
    )
    return Protected("".join(out), final)


def _protect_plain(chunk: str, atoms: list[Atom], glossary: re.Pattern[str] | None) -> str:
    """Protect bare URLs, model placeholder look-alikes (what :data:`FORM` would read as one) and glossary terms."""
    pieces: list[tuple[int, int, str]] = [(m.start(), m.end(), "url") for m in _URL.finditer(chunk)]
    for kind, pattern in (("literal", FORM.lookalike), ("term", glossary)):
        for m in pattern.finditer(chunk) if pattern is not None else ():
            if not any(s < m.end() and m.start() < e for s, e, _ in pieces):
                pieces.append((m.start(), m.end(), kind))
    if not pieces:
        return chunk
    out: list[str] = []
    pos = 0
    for s, e, kind in sorted(pieces):
        out.append(chunk[pos:s])
        atoms.append(Atom(kind, chunk[s:e]))
        out.append(placeholder(len(atoms)))
        pos = e
    out.append(chunk[pos:])
    return "".join(out)


class PlaceholderError(ValueError):
    """A translation lost, duplicated, invented or reordered a placeholder."""


def _runs(protected: Protected) -> list[tuple[int, int, int]]:
    """Runs of placeholders with only spaces between them in :attr:`Protected.text`: (first number, start, end)."""
    runs: list[tuple[int, int, int]] = []
    for m in PLACEHOLDER.finditer(protected.text):
        if runs and not protected.text[runs[-1][2]:m.start()].strip(" \t"):
            runs[-1] = (runs[-1][0], runs[-1][1], m.end())
        else:
            runs.append((int(m.group(1)), m.start(), m.end()))
    return runs


def for_model(protected: Protected, form: PlaceholderForm = FORM) -> str:
    """The text a translation model reads: placeholders written in ``form``, a run of them with nothing to
    translate between (``[**Shopify**](url)``: five atoms) sent as one, and a space between a placeholder and a
    letter or digit it touches (``ZXQ1SaveZXQ2`` is one unknown word to a model; ``ZXQ1 Save ZXQ2`` is not).
    :func:`repair` undoes all three on the model's output."""
    text = protected.text
    out: list[str] = []
    pos = 0
    for first, start, end in _runs(protected):
        out.append(text[pos:start])
        before = " " if start > 0 and text[start - 1].isalnum() else ""
        after = " " if end < len(text) and text[end].isalnum() else ""
        out.append(f"{before}{form.render(first)}{after}")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def unwrap(sentence: str, protected: Protected, form: PlaceholderForm = FORM) -> tuple[str, str, str]:
    """Split markup that wraps a whole sentence of :func:`for_model` text off it: ``ZXQ1 Card data.ZXQ2`` →
    (``ZXQ1``, ``Card data.``, ``ZXQ2``) when ZXQ1 opens exactly what ZXQ2 closes (bold, a link). A model
    translates a short label better bare (with the markup it moves it or drops words: ``Dados do **Card.**``);
    the markup goes back around the translation. Any other sentence: (``""``, sentence, ``""``)."""
    text = sentence.strip()
    marks = list(form.exact.finditer(text))
    if len(marks) < 2 or marks[0].start() != 0 or marks[-1].end() != len(text):
        return "", sentence, ""
    runs = {first: [int(m.group(1)) for m in PLACEHOLDER.finditer(protected.text, start, end)]
            for first, start, end in _runs(protected)}
    head, tail = runs.get(int(marks[0].group(1)), []), runs.get(int(marks[-1].group(1)), [])
    atoms = protected.atoms
    if not head or any(atoms[k - 1].role != "open" for k in head) or sorted(atoms[k - 1].pair for k in head) != tail:
        return "", sentence, ""
    return marks[0].group(), text[marks[0].end():marks[-1].start()].strip(), marks[-1].group()


def repair(translated: str, protected: Protected, form: PlaceholderForm = FORM) -> str:
    """A model's translation of :func:`for_model` text, back in :attr:`Protected.text`'s placeholders.

    Placeholders the model re-cased or re-spaced (``zxq1``, ``ZXQ 1``) are read as such, a run
    sent as one comes back whole, and the spaces :func:`for_model` added are removed again (by
    :func:`restore` with ``tidy``). Nothing is guessed: a lost or repeated placeholder stays lost or repeated,
    for :func:`restore` to refuse.
    """
    runs = {first: protected.text[start:end] for first, start, end in _runs(protected)}
    return form.loose.sub(lambda m: runs.get(form.number(m), placeholder(form.number(m))), translated)


def restore(translated: str, protected: Protected, *, tidy: bool = False) -> str:
    """Put the atoms back into a translation of ``protected.text``; raise :class:`PlaceholderError` if broken.

    ``tidy`` removes the spaces a model (or :func:`for_model`) put inside paired markup (``{1} Save {2}`` →
    ``{1}Save{2}``), around hard breaks, and between a placeholder and a word it touched in the source; use it
    for machine output only, so identity stays exact.
    """
    found = [int(m.group(1)) for m in PLACEHOLDER.finditer(translated)]
    counts = Counter(found)
    n = len(protected.atoms)
    lost = [k for k in range(1, n + 1) if counts[k] == 0]
    extra = sorted(k for k, c in counts.items() if c > 1 or not 1 <= k <= n)
    if lost or extra:
        what = [f"lost {_show(protected, k)}" for k in lost] + [f"unexpected {placeholder(k)}" for k in extra]
        raise PlaceholderError("; ".join(what))
    position = {k: i for i, k in enumerate(found)}
    for k, atom in enumerate(protected.atoms, start=1):
        if atom.role == "open" and position[k] > position[atom.pair]:
            raise PlaceholderError(f"{_show(protected, k)} moved after its closing {_show(protected, atom.pair)}")
    if tidy:
        for k, atom in enumerate(protected.atoms, start=1):
            mark = re.escape(placeholder(k))
            glued_left, glued_right = _glued(protected, k)
            if glued_left:
                translated = re.sub(r"(?<=\w)[ \t]+" + mark, placeholder(k), translated)
            if glued_right:
                translated = re.sub(mark + r"[ \t]+(?=\w)", placeholder(k), translated)
            if atom.role == "open":
                translated = re.sub(mark + r"\s+", placeholder(k), translated)
            elif atom.role == "close":
                translated = re.sub(r"\s+" + mark, placeholder(k), translated)
            elif atom.kind == "break":
                translated = re.sub(r"\s*" + mark + r"\s*", placeholder(k), translated)
    return PLACEHOLDER.sub(lambda m: protected.atoms[int(m.group(1)) - 1].text, translated)


def _glued(protected: Protected, k: int) -> tuple[bool, bool]:
    """Whether placeholder ``k`` touches a letter or digit on its left, on its right, in the source."""
    text = protected.text
    m = next((m for m in PLACEHOLDER.finditer(text) if int(m.group(1)) == k), None)
    if m is None:
        return False, False
    return m.start() > 0 and text[m.start() - 1].isalnum(), m.end() < len(text) and text[m.end()].isalnum()


def _show(protected: Protected, k: int) -> str:
    return f"{placeholder(k)} ({protected.atoms[k - 1].text.strip()!r})"


def checked_atoms(protected: Protected) -> Counter[tuple[str, str]]:
    """The atoms a translation must keep exactly (code, URLs, link targets, HTML, glossary terms)."""
    return Counter((a.kind, a.text) for a in protected.atoms if a.kind in CHECKED_KINDS)


def compare(source: Protected, translation: Protected) -> str | None:
    """Why a human translation does not keep the source's code, links and terms; None when it does."""
    want, got = checked_atoms(source), checked_atoms(translation)
    if want == got:
        return None
    missing = [t for (_k, t), c in (want - got).items() for _ in range(c)]
    added = [t for (_k, t), c in (got - want).items() for _ in range(c)]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(repr(t) for t in missing))
    if added:
        parts.append("not in the source " + ", ".join(repr(t) for t in added))
    return "; ".join(parts)
