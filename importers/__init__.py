"""importers: move an existing help center in (``helpkit import SOURCE PATH``).

One module per source reads its export into an :class:`~importers.model.Export` (typed values, nothing
written); :mod:`importers.write` writes it into a helpkit help center. Shared conversion:
:mod:`importers.convert` (HTML → Markdown), :mod:`importers.docs` (other generators' Markdown),
:mod:`importers.exports` (saved API JSON), :mod:`importers.levels` (three levels onto two).

Public entry point: :func:`import_help_center`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from importers.levels import LevelRule
from importers.model import Export

if TYPE_CHECKING:
    from importers.write import ImportSummary


def _zendesk(path: Path, rule: LevelRule) -> Export:
    from importers import zendesk

    return zendesk.read(path, rule)


def _freshdesk(path: Path, rule: LevelRule) -> Export:
    from importers import freshdesk

    return freshdesk.read(path, rule)


def _intercom(path: Path, rule: LevelRule) -> Export:
    from importers import intercom

    return intercom.read(path, rule)


def _html(path: Path, rule: LevelRule) -> Export:
    from importers import html_folder

    return html_folder.read(path)


def _docusaurus(path: Path, rule: LevelRule) -> Export:
    from importers import docusaurus

    return docusaurus.read(path)


def _starlight(path: Path, rule: LevelRule) -> Export:
    from importers import starlight

    return starlight.read(path)


def _mkdocs(path: Path, rule: LevelRule) -> Export:
    from importers import mkdocs_docs

    return mkdocs_docs.read(path)


SOURCES: dict[str, Callable[[Path, LevelRule], Export]] = {
    "zendesk": _zendesk, "freshdesk": _freshdesk, "intercom": _intercom, "html": _html,
    "docusaurus": _docusaurus, "starlight": _starlight, "mkdocs": _mkdocs,
}
"""Source name (the command's SOURCE) → its reader."""


def import_help_center(source: str, path: Path, into: Path, *, update: bool = False,
                       levels: LevelRule = LevelRule.SECTION, progress: bool = False) -> ImportSummary:
    """Read the ``source`` export in ``path`` and write it into the help center in ``into``."""
    from importers.write import write_export

    export = SOURCES[source](path, levels)
    return write_export(export, into, update=update, progress=progress)


__all__ = ["SOURCES", "LevelRule", "import_help_center"]
