"""Reading API exports saved as JSON files (shared by Zendesk, Freshdesk and Intercom): files, pages, dates, locales."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from babel import Locale, UnknownLocaleError

from helpkit.errors import MissingResource
from importers.model import FileRef, Problem


@dataclass(frozen=True, slots=True)
class JsonFile:
    """One parsed export file."""

    path: Path
    """Where it is."""
    data: Any
    """Its parsed JSON."""


def json_files(root: Path, problems: list[Problem]) -> list[JsonFile]:
    """Every ``*.json`` under ``root`` (sorted), parsed; malformed ones become problems and are skipped."""
    if not root.exists():
        raise MissingResource(f"{root}: no such folder; give the folder the export's JSON files were saved in")
    out = []
    for path in [root] if root.is_file() else sorted(root.rglob("*.json")):
        try:
            out.append(JsonFile(path, json.loads(path.read_text(encoding="utf-8-sig"))))
        except UnicodeDecodeError as e:
            problems.append(Problem(str(path), "", f"not UTF-8 (byte {e.start}); save it again as UTF-8", True))
        except json.JSONDecodeError as e:
            problems.append(Problem(f"{path}:{e.lineno}", "", f"malformed JSON ({e.msg}, column {e.colno}); the "
                                    "articles in this file are not imported: download it again", True))
    if not out and not problems:
        raise MissingResource(f"{root}: no .json files; save the API's responses as .json files in this folder")
    return out


TICKET_FIELDS = frozenset({"requesterid", "responderid", "requester", "assignee", "agent", "priority", "frescalated",
                           "via", "ticketid", "conversations", "conversationparts", "satisfactionrating",
                           "mailboxid", "threads"})
"""Fields of a help desk's tickets (a subject plus one of these), never of its help articles (which have a title)."""


def ticket_files(root: Path, limit: int = 50) -> list[Path]:
    """The files under ``root`` (or ``root`` itself) that hold tickets rather than articles: JSON records or a CSV
    header with a subject and a ticket field (requester, priority ...), and no article field (title, folder)."""
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix.lower() in
                                                 (".json", ".jsonl", ".ndjson", ".csv"))
    return [p for p in paths[:limit] if _ticket_fields(_first_record_keys(p))]


def _ticket_fields(keys: set[str]) -> bool:
    if "title" in keys or "folderid" in keys and "mailboxid" not in keys:  # Help Scout's conversations have folders
        return False
    return "typeconversation" in keys or ("subject" in keys or "ticketid" in keys) and bool(keys & TICKET_FIELDS)


def _first_record_keys(path: Path) -> set[str]:
    """The normalized field names of a file's first record (JSON object, JSON Lines or CSV header), with
    ``type<its type>`` for a JSON record; empty when it has none or does not parse."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as f:
            head = f.read(1 << 20)
    except OSError:
        return set()
    stripped = head.lstrip()
    record: Any = None
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(head) if len(head) < 1 << 20 else None
        except json.JSONDecodeError:
            data = None
        if data is None:  # JSON Lines, or a file larger than what was read: its first line or object
            try:
                data = json.JSONDecoder().raw_decode(stripped.lstrip("["))[0]
            except json.JSONDecodeError:
                return set()
        if isinstance(data, dict) and isinstance(data.get("_embedded"), dict):  # Help Scout's HAL pages
            data = data["_embedded"]
        if isinstance(data, dict):
            listed = next((v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
            record = listed[0] if listed is not None else data
        elif isinstance(data, list) and data and isinstance(data[0], dict):
            record = data[0]
        keys = [*record.keys(), f"type{record.get('type')}"] if isinstance(record, dict) else []  # Intercom's
    else:
        keys = next(csv.reader(io.StringIO(head.split("\n", 1)[0])), [])
    return {re.sub(r"[^0-9a-z]", "", str(k).casefold()) for k in keys}


def missing_pages(files: list[JsonFile], key: str, problems: list[Problem]) -> None:
    """Report the pages of offset-paginated listings (``page``/``page_count`` or ``pages.total_pages``) not saved."""
    seen: dict[tuple[str, int], set[int]] = {}
    where: dict[tuple[str, int], tuple[Path, str]] = {}
    for f in files:
        d = f.data
        if not isinstance(d, dict) or key not in d:
            continue
        page, count, nxt = _page_info(d)
        if page is None or count is None:
            continue
        group = (str(f.path.parent), count)
        seen.setdefault(group, set()).add(page)
        where.setdefault(group, (f.path, nxt))
    for group, pages in seen.items():
        path, nxt = where[group]
        for n in sorted(set(range(1, group[1] + 1)) - pages):
            url = re.sub(r"(?<=[?&])page=\d+", f"page={n}", nxt) if nxt else f"page={n}"  # not per_page=
            problems.append(Problem(str(path.parent), "", f"page {n} of {group[1]} of the {key} listing is missing "
                                    f"(have {', '.join(map(str, sorted(pages)))}): the {key} on it are not "
                                    f"imported; save {url} there too"))


def _page_info(d: dict[str, Any]) -> tuple[int | None, int | None, str]:
    pages = d.get("pages")
    if isinstance(pages, dict):  # Intercom
        return _int(pages.get("page")), _int(pages.get("total_pages")), str(pages.get("next") or "")
    page = _int(d.get("page"))
    nxt = str(d.get("next_page") or d.get("previous_page") or "")
    if page is None and nxt:
        page = None
    return page, _int(d.get("page_count")), nxt


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def items(files: list[JsonFile], key: str) -> Iterator[tuple[JsonFile, dict[str, Any]]]:
    """Every object listed under ``key`` (or the file itself, when it is one object with ``key[:-1]``)."""
    for f in files:
        d = f.data
        if isinstance(d, dict) and isinstance(d.get(key), list):
            yield from ((f, o) for o in d[key] if isinstance(o, dict))
        elif isinstance(d, dict) and isinstance(d.get(key[:-1]), dict):
            yield f, d[key[:-1]]


def to_date(value: Any) -> date | None:
    """A date from ISO 8601 text or Unix seconds; None when absent or unreadable."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC).date()
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


def helpkit_locale(code: str) -> str | None:
    """The code helpkit uses for a source's locale (``en-us`` → ``en``, ``pt-br`` → ``pt-BR``); None if unknown."""
    code = code.strip().replace("_", "-")
    if not code:
        return None
    try:
        loc = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    if loc.territory and loc.language in ("pt", "zh"):
        return f"{loc.language}-{loc.territory}"
    return loc.language


class DownloadedFiles:
    """The non-JSON files of an export folder (downloaded attachments), found by name."""

    def __init__(self, root: Path) -> None:
        root = root.parent if root.is_file() else root
        self.root = root
        self._by_name: dict[str, list[Path]] = {}
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix != ".json":
                self._by_name.setdefault(p.name, []).append(p)

    def find(self, name: str, *hints: str) -> FileRef | None:
        """``root/<hint>/name`` for the first hint that holds it, else a file with that name anywhere."""
        paths = self._by_name.get(name, [])
        for hint in hints:
            for p in paths:
                if (self.root / hint / name) == p:
                    return FileRef(p, name)
        return FileRef(paths[0], name) if paths else None

    def find_url(self, url: str) -> FileRef | None:
        """The file a remote ``url`` was downloaded to: one with the URL's file name, and where several have it
        (Intercom names every pasted screenshot ``image.png``), the one whose folders match most of the URL's last
        folders (``.../ee55ff66/image.png`` → ``attachments/ee55ff66/image.png``, or a ``wget -x`` mirror)."""
        parts = [unquote(p) for p in urlsplit(url).path.split("/") if p]
        paths = self._by_name.get(parts[-1], []) if parts else []
        if not paths:
            return None

        def shared(p: Path) -> int:
            n = 0
            for mine, theirs in zip(reversed(p.relative_to(self.root).parts), reversed(parts), strict=False):
                if mine != theirs:
                    break
                n += 1
            return n

        return FileRef(max(paths, key=shared), parts[-1])  # max keeps the first of equals: sorted order


def query_value(url: str, name: str) -> str:
    """One query parameter of a URL (empty when absent)."""
    return (parse_qs(urlsplit(url).query).get(name) or [""])[0]
