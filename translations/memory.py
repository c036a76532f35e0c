"""The translation memory: one gettext PO file per locale (``locales/es.po``), read and written with polib.

Entry scheme (what Poedit, Weblate, Lokalize and ``msgfmt`` already understand):

========== ===================================================================================
status     how the PO entry looks
========== ===================================================================================
missing    ``msgstr ""``: nobody translated it yet (a person can fill it in).
fallback   ``msgstr ""`` and ``#. helpkit: machine translation failed (MODEL, en→es, protection 2): WHY``:
           the machine's output failed the placeholder or code/link checks, so the page shows the
           source text. Retried when the model or helpkit's protection version changes.
machine    ``#, fuzzy`` and ``#. helpkit: machine translation (argos en→es)``; no ``#|`` line.
           Poedit shows it as "Needs work", Weblate as "Needs editing".
reviewed   a non-empty ``msgstr`` without ``fuzzy``: a person wrote or approved it.
stale      ``#, fuzzy`` with ``#| msgid "old source"``: the source changed after the
           translation was reviewed; ``msgstr`` still holds that reviewed translation and
           Poedit shows the old source next to the new one. An imported translation the source
           help desk flagged outdated is stale too (``#| msgid`` repeats the current source).
========== ===================================================================================

To review a machine translation in Poedit: correct the text if needed and turn off "Needs work"
(Ctrl+U / Cmd+U; editing the text turns it off too). In Weblate: untick "Needs editing". In a text
editor: delete the ``fuzzy`` flag. Helpkit then treats the entry as reviewed and never replaces it.

Keys: ``msgctxt`` is the hash of the source segment (:func:`translations.segment.segment_key`),
``msgid`` its Markdown, ``#:`` the files it appears in (file names only, no line numbers, so
inserting a paragraph does not touch every entry below it). Entries are sorted by file and
position; the header carries no dates. A run that changes nothing leaves the file untouched, and
every write goes to a temporary file first and then replaces the PO file (atomic).

Entries whose segment disappeared: machine and empty ones are dropped; reviewed and stale ones are
kept as obsolete (``#~``) so an undo finds them again and an edited paragraph inherits its reviewed
translation as *stale*.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from helpkit.errors import HelpkitError
from helpkit.files import atomic_write

MACHINE_NOTE = "helpkit: machine translation"
"""Start of the extracted comment (``#.``) helpkit writes on machine-translated entries."""

FALLBACK_NOTE = "helpkit: machine translation failed"
"""Start of the extracted comment on a segment whose machine translation failed its checks (``#. … (attempt): why``)."""

OUTDATED_NOTE = "helpkit: imported translation, outdated in the source help desk (made for an older source text)"
"""Extracted comment on an imported translation the help desk flagged outdated (stored as stale: it needs review;
the older source text is unknown, so ``#| msgid`` repeats the current one)."""

_LINK_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
"""Where a Markdown link or image points (after ``](``)."""


def retargeted(old_source: str, new_source: str, translation: str) -> str | None:
    """``translation`` with its links pointing where ``new_source``'s do, when ``new_source`` differs from
    ``old_source`` only in where its links point (an article it links to moved: "[refunds](../billing/refunds.md)"
    → "(../payments/refunds.md)"); ``None`` otherwise. Each old target maps to one new target."""
    old, new = _LINK_TARGET.findall(old_source), _LINK_TARGET.findall(new_source)
    if old == new or len(old) != len(new) or \
            _LINK_TARGET.sub(r"\1", old_source) != _LINK_TARGET.sub(r"\1", new_source):
        return None
    moves: dict[str, str] = {}
    for (_, a), (_, b) in zip(old, new, strict=True):
        if moves.setdefault(a, b) != b:
            return None
    return _LINK_TARGET.sub(lambda m: m.group(1) + moves.get(m.group(2), m.group(2)), translation)


def reflowed(old_source: str, new_source: str) -> bool:
    """Whether two sources differ only in their whitespace: the same words wrapped anew (a formatter such as
    mdformat or Prettier ran over the content), which changes nothing a reader or a translator sees."""
    return old_source != new_source and old_source.split() == new_source.split()


STALE_SIMILARITY = 0.5
"""How alike an edited segment and a vanished reviewed one must be to carry the translation over as stale."""


class EntryStatus(enum.StrEnum):
    """Status of one translation memory entry."""

    MISSING = "missing"
    """No translation yet (empty ``msgstr``)."""
    FALLBACK = "fallback"
    """No translation: the machine's output failed its checks, the source text is shown (empty ``msgstr``)."""
    MACHINE = "machine"
    """Machine-translated, not reviewed (``fuzzy``)."""
    REVIEWED = "reviewed"
    """Written or approved by a person."""
    STALE = "stale"
    """Reviewed for an older version of the source (``fuzzy`` + ``#| msgid``)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a segment appears: used to sort the PO file and to find the vanished text of an edited paragraph."""

    path: str
    """File, relative to the help center's folder (``content/billing/refunds.md``)."""
    order: int
    """Position of the segment in that file."""


def entry_status(entry: polib.POEntry) -> EntryStatus:
    """The status of a PO entry under helpkit's scheme."""
    if not entry.msgstr:
        return EntryStatus.FALLBACK if entry.comment.startswith(FALLBACK_NOTE) else EntryStatus.MISSING
    if "fuzzy" in entry.flags:
        return EntryStatus.STALE if entry.previous_msgid else EntryStatus.MACHINE
    return EntryStatus.REVIEWED


_MACHINE_WRITABLE = (EntryStatus.MISSING, EntryStatus.FALLBACK, EntryStatus.MACHINE)


class TranslationMemory:
    """The PO file of one locale, loaded in memory; :meth:`save` writes it back atomically."""

    def __init__(self, path: Path | None, locale: str, project: str = "") -> None:
        """Load ``path`` (an empty memory if it does not exist; ``None`` for one kept in memory only)."""
        self.path = path
        self.locale = locale
        self._dirty = False
        if path is not None and path.exists():
            try:
                self._po = polib.pofile(str(path), wrapwidth=0)
            except (OSError, ValueError) as e:
                raise HelpkitError(f"{path}: not a readable PO file ({e}); fix it or restore it from git") from None
            self._original = str(self._po)
        else:
            self._po = polib.POFile(wrapwidth=0)
            self._original = ""
        self._po.metadata = {
            "Project-Id-Version": project or self._po.metadata.get("Project-Id-Version", "help center"),
            "Language": locale,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "X-Generator": "helpkit",
        }
        self._active: dict[str, polib.POEntry] = {}
        self._obsolete: dict[str, polib.POEntry] = {}
        for e in self._po:
            target = self._obsolete if e.obsolete else self._active
            if e.msgctxt:
                target.setdefault(e.msgctxt, e)
        self._order: dict[str, tuple[str, int]] = {}

    # --- reading -------------------------------------------------------------------------------

    def get(self, key: str) -> polib.POEntry | None:
        """The active entry for a segment key."""
        return self._active.get(key)

    def status(self, key: str) -> EntryStatus:
        """Status of a segment key (missing when there is no entry)."""
        e = self._active.get(key)
        return entry_status(e) if e is not None else EntryStatus.MISSING

    def translation(self, key: str) -> str | None:
        """The stored translation of a key, or None when missing."""
        e = self._active.get(key)
        return e.msgstr if e is not None and e.msgstr else None

    # --- writing -------------------------------------------------------------------------------

    def sync(self, segments: Sequence[tuple[str, str, Occurrence]]) -> None:
        """Make the memory match the current segments ``(key, source, occurrence)``.

        Adds an empty entry for each new segment (a vanished reviewed translation of a similar
        segment in the same file comes back as *stale*), refreshes occurrences, and drops or
        obsoletes entries whose segment is gone.
        """
        wanted: dict[str, tuple[str, list[Occurrence]]] = {}
        for key, source, occ in segments:
            wanted.setdefault(key, (source, []))[1].append(occ)
        gone = {k: e for k, e in self._active.items() if k not in wanted}
        for key, (source, occs) in wanted.items():
            entry = self._active.get(key)
            if entry is None:
                entry = self._revive(key, source, occs, gone)
                self._active[key] = entry
                self._po.append(entry)
                self._dirty = True
            refs = sorted({(o.path, "") for o in occs})
            if entry.occurrences != refs:
                entry.occurrences = refs
                self._dirty = True
            first = min(occs, key=lambda o: (o.path, o.order))
            self._order[key] = (first.path, first.order)
        for key, entry in gone.items():
            if key in self._active and self._active[key] is entry:
                del self._active[key]
            if entry_status(entry) in (EntryStatus.REVIEWED, EntryStatus.STALE):
                entry.obsolete = True
                self._obsolete[key] = entry
            elif entry in self._po:
                self._po.remove(entry)
            self._dirty = True

    def _revive(self, key: str, source: str, occs: list[Occurrence], gone: dict[str, polib.POEntry]) -> polib.POEntry:
        old = self._obsolete.pop(key, None)
        if old is not None:
            self._po.remove(old)
            old.obsolete = False
            return old
        paths = {o.path for o in occs}
        near = [(k, e) for k, e in [*gone.items(), *self._obsolete.items()] if {p for p, _ in e.occurrences} & paths]
        for k, e in near:  # the same words wrapped anew: the same translation, as reviewed (or not) as it was
            if e.msgstr and reflowed(e.msgid, source):
                entry = polib.POEntry(msgctxt=key, msgid=source, msgstr=e.msgstr, flags=list(e.flags),
                                      comment=e.comment, tcomment=e.tcomment)
                entry.previous_msgid = e.previous_msgid
                self._forget(k, e, gone)
                return entry
        candidates = [(k, e) for k, e in near if entry_status(e) in (EntryStatus.REVIEWED, EntryStatus.STALE)]
        for k, e in candidates:  # the same text but where its links point (an article moved): the translation too
            moved = retargeted(e.previous_msgid or e.msgid, source, e.msgstr)
            if moved is not None:
                entry = polib.POEntry(msgctxt=key, msgid=source, msgstr=moved)
                if entry_status(e) is EntryStatus.STALE:  # still stale: for the text it was written for
                    entry.flags, entry.previous_msgid = ["fuzzy"], e.previous_msgid
                self._forget(k, e, gone)
                return entry
        best, best_ratio = None, STALE_SIMILARITY
        for k, e in candidates:
            m = difflib.SequenceMatcher(None, e.msgid, source)
            if m.quick_ratio() >= best_ratio and (r := m.ratio()) >= best_ratio:
                best, best_ratio = (k, e), r
        entry = polib.POEntry(msgctxt=key, msgid=source, msgstr="")
        if best is not None:
            k, e = best
            entry.msgstr = e.msgstr
            entry.flags = ["fuzzy"]
            entry.previous_msgid = e.previous_msgid or e.msgid
            self._forget(k, e, gone)
        return entry

    def _forget(self, key: str, entry: polib.POEntry, gone: dict[str, polib.POEntry]) -> None:
        """Drop an entry whose translation a new entry took over."""
        gone.pop(key, None)
        if self._obsolete.get(key) is entry:
            del self._obsolete[key]
        if self._active.get(key) is entry:
            del self._active[key]
        if entry in self._po:
            self._po.remove(entry)

    def fallback_attempt(self, key: str) -> str | None:
        """For a :attr:`EntryStatus.FALLBACK` entry, the attempt that failed (``fake 1, en→es, protection 2``)."""
        entry = self._active.get(key)
        if entry is None or entry_status(entry) is not EntryStatus.FALLBACK:
            return None
        return entry.comment[len(FALLBACK_NOTE):].partition("): ")[0].removeprefix(" (")

    def set_fallback(self, key: str, attempt: str, why: str) -> bool:
        """Record that the machine translation of ``key`` by ``attempt`` failed its checks (only on an untranslated
        or machine entry: a person's translation is never touched)."""
        entry = self._active.get(key)
        if entry is None or entry_status(entry) not in _MACHINE_WRITABLE:
            return False
        comment = f"{FALLBACK_NOTE} ({attempt}): {' '.join(why.split())}"
        if entry.msgstr or entry.comment != comment or entry.flags:
            entry.msgstr, entry.comment, entry.flags, entry.previous_msgid = "", comment, [], None
            self._dirty = True
        return True

    def set_machine(self, key: str, translation: str, note: str) -> bool:
        """Store a machine translation for ``key``; refused (False) unless the entry is missing, fallback or machine."""
        entry = self._active.get(key)
        if entry is None or entry_status(entry) not in _MACHINE_WRITABLE:
            return False
        entry.msgstr = translation
        entry.flags = ["fuzzy"]
        entry.previous_msgid = None
        entry.comment = f"{MACHINE_NOTE} ({note})"
        self._dirty = True
        return True

    def set_reviewed(self, key: str, source: str, translation: str, occurrence: Occurrence,
                     outdated: bool = False) -> bool:
        """Store a person's translation of a segment (``helpkit import``: the source help desk's translated
        article), as reviewed; adds the entry when the memory has none. Returns whether anything changed.

        ``outdated``: the translation was made for an older source text (the help desk says so), so it is stored as
        *stale* (``fuzzy``, with the current source as ``#| msgid`` and :data:`OUTDATED_NOTE`): needing review;
        unless the memory holds this very translation of this very source as reviewed (a paragraph the edit did
        not touch), which stays reviewed."""
        entry = self._active.get(key)
        if entry is not None and entry.msgstr == translation and entry_status(entry) is EntryStatus.REVIEWED:
            outdated = False
        if entry is None:
            entry = self._obsolete.pop(key, None)
            if entry is not None:
                entry.obsolete = False
            else:
                entry = polib.POEntry(msgctxt=key, msgid=source, msgstr="")
                self._po.append(entry)
            self._active[key] = entry
            self._dirty = True
        refs = sorted({*entry.occurrences, (occurrence.path, "")})
        self._order.setdefault(key, (occurrence.path, occurrence.order))
        wanted = EntryStatus.STALE if outdated else EntryStatus.REVIEWED
        if entry.msgstr == translation and entry_status(entry) is wanted and entry.occurrences == refs:
            return False
        entry.msgstr, entry.flags, entry.previous_msgid, entry.comment = translation, [], None, ""
        if outdated:
            entry.flags, entry.previous_msgid, entry.comment = ["fuzzy"], source, OUTDATED_NOTE
        entry.occurrences = refs
        self._dirty = True
        return True

    def entries(self) -> Iterable[polib.POEntry]:
        """Active entries."""
        return self._active.values()

    def save(self) -> bool:
        """Write the PO file if anything changed (atomically); returns whether it wrote."""
        for e in self._active.values():
            if entry_status(e) is EntryStatus.REVIEWED and e.comment.startswith(MACHINE_NOTE):
                e.comment = ""  # approved or written in a PO editor: the machine (or fallback) note no longer applies
                self._dirty = True
        if self.path is None or not self._dirty:
            return False
        self._po.sort(key=self._sort_key)
        text = str(self._po)
        self._dirty = False
        if text == self._original:
            return False
        atomic_write(self.path, text, newline="\n")
        self._original = text
        return True

    def _sort_key(self, entry: polib.POEntry) -> tuple[int, str, int, str]:
        if entry.obsolete:
            return (1, "", 0, entry.msgctxt or "")
        path, order = self._order.get(entry.msgctxt or "", ("~", 0))
        return (0, path, order, entry.msgctxt or "")
