"""Starlight (Astro): ``src/content/docs/``, front matter ``sidebar: {label, order}``, locale folders.

Give the project's folder (or its ``src/content/docs/``). Translations: a top folder named by a locale that
mirrors the root's files (``src/content/docs/es/guides/x.md``). Asides (``:::note[Title]``, ``<Aside>``)
become admonitions. Site-absolute images come from ``public/``. The conversion is :mod:`importers.docs`'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from importers.docs import Flavor, read_docs
from importers.exports import helpkit_locale
from importers.model import Export


def _translations(project: Path, docs: Path) -> dict[str, Path]:
    out = {}
    for p in sorted(docs.iterdir()):
        if p.is_dir() and len(p.name) in (2, 5) and helpkit_locale(p.name) is not None:
            mirrored = any((docs / f.relative_to(p)).is_file() for f in p.rglob("*.md*"))
            if mirrored:
                out[p.name] = p
    return out


def _order(meta: dict[str, Any]) -> Any:
    sidebar = meta.get("sidebar")
    return sidebar.get("order") if isinstance(sidebar, dict) else None


FLAVOR = Flavor("starlight", ("src/content/docs",), static_dirs=("public",), translations=_translations,
                order=_order)
"""Starlight's layout."""


def read(path: Path) -> Export:
    """Read a Starlight project's docs (locale folders are read as translations, not categories)."""
    locales = set(_translations(*_roots(path)))
    return read_docs(path, FLAVOR, skip=locales)


def _roots(path: Path) -> tuple[Path, Path]:
    docs = path / "src/content/docs"
    return (path, docs) if docs.is_dir() else (path, path)
