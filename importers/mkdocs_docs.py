"""MkDocs: the ``docs/`` folder, ``.pages`` files (awesome-pages), ``page.<lang>.md`` translations.

Give the project's folder (or its ``docs/``). Admonitions are already ``!!!``; relative ``.md`` links are
rewritten to the imported articles' places. Translations: mkdocs-static-i18n's suffix layout
(``page.es.md`` beside ``page.md``). The conversion is :mod:`importers.docs`'.
"""

from __future__ import annotations

from pathlib import Path

from importers.docs import Flavor, read_docs
from importers.model import Export

FLAVOR = Flavor("mkdocs", ("docs",), suffix_translations=True, order=lambda meta: meta.get("order"))
"""MkDocs' layout."""


def read(path: Path) -> Export:
    """Read an MkDocs project's docs."""
    return read_docs(path, FLAVOR)
