"""Docusaurus (MD and MDX): the ``docs/`` folder, ``_category_.json`` files, ``i18n/<locale>/`` translations.

Give the site's folder (or its ``docs/``). Site-absolute images (``/img/x.png``, ``useBaseUrl('img/x.png')``)
come from ``static/``. Translations: ``i18n/<locale>/docusaurus-plugin-content-docs/current/`` mirrors
``docs/``. The conversion is :mod:`importers.docs`'.
"""

from __future__ import annotations

from pathlib import Path

from importers.docs import Flavor, read_docs
from importers.model import Export


def _translations(project: Path, docs: Path) -> dict[str, Path]:
    i18n = project / "i18n"
    if not i18n.is_dir():
        return {}
    return {p.name: p / "docusaurus-plugin-content-docs" / "current" for p in sorted(i18n.iterdir())
            if (p / "docusaurus-plugin-content-docs" / "current").is_dir()}


FLAVOR = Flavor("docusaurus", ("docs",), route_base="/docs", static_dirs=("static",), translations=_translations)
"""Docusaurus' layout."""


def read(path: Path) -> Export:
    """Read a Docusaurus site's docs."""
    return read_docs(path, FLAVOR)
