"""The build cache (``.helpkit/cache/``): rendered pages and search indexes from earlier builds.

Entries are addressed by a hash of everything their output depends on, so a hit is always
what rendering again would give: a page's key covers its own Markdown (body, breadcrumbs,
related articles, notices) and the locale's *fingerprint* (helpkit, MkDocs and Material
versions, the theme files, mkdocs.yml, the categories in the navigation, the interface text).
A locale's search indexes are keyed by its articles. Editing one article re-renders the pages
that show it; a theme or config change re-renders everything. ``helpkit build --no-cache``
ignores the cache; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

from helpkit import __version__
from helpkit.files import atomic_write
from helpkit.model import Article, Category, Link, Section, TranslationStatus


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed (so ``("ab", "c")`` and ``("a", "bc")`` differ)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _name(obj: object) -> str:
    """A stable text for values JSON has no form for (MkDocs' ``!!python/name:`` functions)."""
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def stable_json(value: object) -> str:
    """JSON with sorted keys and named functions: the same settings give the same text in any process."""
    return json.dumps(value, sort_keys=True, default=_name, ensure_ascii=False)


def tree_digest(folders: Iterable[Path]) -> str:
    """Hash of every file's path and bytes under the folders (the theme layer, overrides)."""
    parts: list[str | bytes] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def tool_versions() -> str:
    """helpkit's, MkDocs' and Material's versions: a new release renders differently."""
    return f"helpkit {__version__}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}"


PAGE_FORMAT = "2"
"""Version of the page entries: 2 holds no page MkDocs warned about (entries of version 1 could hide warnings)."""


@dataclass(frozen=True, slots=True)
class PageCache:
    """Rendered pages of one locale: ``<root>/<key>.html``."""

    root: Path
    """The locale's folder in the cache."""
    fingerprint: str
    """Hash of everything besides a page's own Markdown that its HTML depends on."""

    def key(self, uri: str, markdown: str) -> str:
        """The cache key of one page (its path and Markdown, under this fingerprint)."""
        return digest(PAGE_FORMAT, self.fingerprint, uri, markdown)

    def get(self, key: str) -> bytes | None:
        """The HTML stored under ``key``, or None."""
        try:
            return (self.root / f"{key}.html").read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, html: bytes) -> None:
        """Store a page's HTML (atomically: parallel writers never see half a file)."""
        atomic_write(self.root / f"{key}.html", html)

    def prune(self, keep: set[str]) -> None:
        """Remove the entries this build did not use."""
        if not self.root.is_dir():
            return
        for path in self.root.glob("*.html"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def copy_tree(src: Path, dst: Path) -> None:
    """Copy a folder's files over ``dst`` (merged with what is there)."""
    shutil.copytree(src, dst, dirs_exist_ok=True)


# -- localized help centers (JSON: a cache file is data, never code) ------------------------------------------

_TYPES: dict[str, type] = {t.__name__: t for t in (Article, Section, Link, Category)}


def _encode(value: object) -> object:
    if isinstance(value, TranslationStatus):
        return {"$status": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        return {"$type": type(value).__name__, **{f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, Path):
        return {"$path": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: object) -> object:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "$status" in value:
        return TranslationStatus(value["$status"])
    if "$path" in value:
        return Path(value["$path"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    kind = _TYPES[value["$type"]]
    return kind(**{k: _decode(v) for k, v in value.items() if k != "$type"})


@dataclass(frozen=True, slots=True)
class LocaleCache:
    """A target locale's articles and categories as translated by an earlier build, reused when the source
    content, the translation memory and the translation settings are the same."""

    path: Path
    """``<cache>/locales/<locale>.json``."""

    def get(self, key: str) -> tuple[tuple[Category, ...], tuple[Article, ...], str] | None:
        """The categories, articles and site name stored under ``key``, or None."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        if data.get("key") != key:
            return None
        return _decode(data["categories"]), _decode(data["articles"]), data["site_name"]  # type: ignore[return-value]

    def put(self, key: str, categories: tuple[Category, ...], articles: tuple[Article, ...], site_name: str) -> None:
        """Store a locale (atomically)."""
        text = json.dumps({"key": key, "categories": _encode(categories), "articles": _encode(articles),
                           "site_name": site_name}, ensure_ascii=False)
        atomic_write(self.path, text)
