"""importers: move an existing help center in (``helpkit import SOURCE PATH``).

One module per source reads its export into an :class:`~importers.model.Export` (typed values, nothing
written); :mod:`importers.write` writes it into a helpkit help center. Shared conversion:
:mod:`importers.convert` (HTML → Markdown), :mod:`importers.docs` (other generators' Markdown),
:mod:`importers.exports` (saved API JSON), :mod:`importers.levels` (three levels onto two).

Public entry point: :func:`import_help_center`.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpkit.errors import ConfigError, MissingResource
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


@dataclass(frozen=True, slots=True)
class Source:
    """One kind of export ``helpkit import`` reads."""

    label: str
    """Its name in messages: ``Zendesk``."""
    read: Callable[[Path, LevelRule], Export]
    """Its reader (reads, never writes)."""
    expected: str
    """What its reader looks for in PATH, told when it finds no article there."""
    kind: str
    """What the files are, in "these files look like ...": ``a Zendesk export``."""


SOURCES: dict[str, Source] = {
    "zendesk": Source("Zendesk", _zendesk, "JSON with an 'articles' list (the Help Center API's /articles.json "
                      "pages), with the sections and categories listings", "a Zendesk export"),
    "freshdesk": Source("Freshdesk", _freshdesk, "JSON arrays of articles with 'folder_id' and 'title' (the v2 "
                        "API's /api/v2/solutions/folders/{id}/articles pages), with the categories and folders "
                        "listings", "a Freshdesk export"),
    "intercom": Source("Intercom", _intercom, "JSON with a 'data' list of objects of type 'article' (the REST "
                       "API's GET /articles pages), with the collections listing", "an Intercom export"),
    "html": Source("HTML", _html, ".html pages with a body", "a folder of HTML pages"),
    "docusaurus": Source("Docusaurus", _docusaurus, "Markdown (.md, .mdx) pages with a body (the project's docs/ "
                         "folder)", "Docusaurus docs"),
    "starlight": Source("Starlight", _starlight, "Markdown (.md, .mdx) pages with a body (the project's "
                        "src/content/docs/ folder)", "Starlight docs"),
    "mkdocs": Source("MkDocs", _mkdocs, "Markdown (.md) pages with a body (the project's docs/ folder)",
                     "MkDocs docs"),
}
"""Source name (the command's SOURCE) → what it reads and how."""


def read_export(source: str, path: Path, levels: LevelRule = LevelRule.SECTION) -> Export:
    """Read the ``source`` export in ``path``; an export of another kind, or one with no article, is an error that
    names what was expected and, when another reader finds articles in ``path``, the command that imports them."""
    chosen = SOURCES[source]
    if not path.exists():
        raise MissingResource(f"{path}: no such file or folder; give the folder the {chosen.label} export was saved in")
    try:
        export = chosen.read(path, levels)
    except MissingResource as e:  # e.g. no .json files: perhaps a folder of another kind
        raise MissingResource(e.message + (_other_reader(source, path, levels) or _tickets(path))) from e
    if export.articles:
        return export
    tickets = _tickets(path)
    if export.problems and not tickets:  # articles were there but none could be read: say why, one line each
        found = "\n".join(f"  {p}" for p in export.problems)
        raise ConfigError(f"no {chosen.label} article could be imported from {path}:\n{found}")
    # the wrong kind of export (tickets: its files' problems as articles are beside the point), or another reader's
    raise ConfigError(f"no {chosen.label} articles in {path}: expected {chosen.expected}; nothing was imported"
                      + (tickets or _other_reader(source, path, levels)))


def _other_reader(source: str, path: Path, levels: LevelRule) -> str:
    """"; these files look like ...: helpkit import NAME PATH" for the first other reader that finds an article in
    ``path`` (readers only read: nothing is written while trying them), else ""."""
    for name, other in SOURCES.items():
        if name == source:
            continue
        try:
            found = other.read(path, levels).articles
        except Exception:  # noqa: BLE001 - a reader given files of another kind may fail any way: not this kind
            continue
        if found:
            return f"\nthese files look like {other.kind}: helpkit import {name} {path}"
    return ""


def _tickets(path: Path) -> str:
    """"; this looks like a ticket export ...: helpkit deflection FILE" when ``path`` holds tickets, else ""."""
    from importers.exports import ticket_files

    found = ticket_files(path)
    if not found:
        return ""
    files = " ".join(shlex.quote(str(p)) for p in found[:3]) + (" ..." if len(found) > 3 else "")
    return (f"\nthis looks like a ticket export (customers' requests, not help articles): to see which of them "
            f"your articles answer, run helpkit deflection {files}")


def import_help_center(source: str, path: Path, into: Path, *, update: bool = False, force: bool = False,
                       keep_duplicates: bool = False, levels: LevelRule = LevelRule.SECTION,
                       progress: bool = False) -> ImportSummary:
    """Read the ``source`` export in ``path`` and write it into the help center in ``into`` (nothing is written
    when the export holds no article). ``update``: replace what changed in the export; ``force``: also articles
    edited here since the last import; ``keep_duplicates``: also articles with the same text as another."""
    from importers.write import write_export

    export = read_export(source, path, levels)
    return write_export(export, into, update=update, force=force, keep_duplicates=keep_duplicates,
                        progress=progress)


__all__ = ["SOURCES", "LevelRule", "Source", "import_help_center", "read_export"]
