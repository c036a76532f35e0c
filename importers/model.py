"""What every source reader produces: one :class:`Export` of typed values, written by :mod:`importers.write`.

Readers never write files; the writer never reads a source format. Bodies are Markdown already, with the
links and images the writer must resolve replaced by tokens: ``hk:N`` is ``links[N]`` of the article,
``hk-file:N`` is ``files[N]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SourceCategory:
    """A category of the source, after the level rule (a Zendesk section, a Freshdesk folder, a docs folder)."""

    key: str
    """The source's id for it (``zendesk-section:42``); stable across exports."""
    title: str
    """Category title shown on the site."""
    description: str = ""
    """One-line summary for the category card."""
    order: int = 0
    """Sort key on the home page."""
    translations: tuple[CategoryText, ...] = ()
    """Title and description in other languages."""
    folder: str = ""
    """The source's own folder name for it (docs, HTML): the category's slug; empty: from the title."""


@dataclass(frozen=True, slots=True)
class CategoryText:
    """A category's title and description in one language."""

    locale: str
    """Language code as helpkit writes it."""
    title: str
    """Translated title."""
    description: str = ""
    """Translated description."""


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link in a body that pointed at another article of the source."""

    target: str
    """Source id of the linked article (``zendesk:201``)."""
    fragment: str
    """The ``#anchor`` part, without ``#`` (may be empty)."""
    original: str
    """The href as the source had it: kept when the target was not imported."""


@dataclass(frozen=True, slots=True)
class FileRef:
    """An attachment (image or download) the export holds as a file: copied beside the article."""

    path: Path
    """The downloaded file in the export folder."""
    name: str
    """File name to give the copy (``invoice.png``)."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """An article's text in one language."""

    locale: str
    """Language code as helpkit writes it (``en``, ``es``, ``pt-BR``)."""
    title: str
    """Title in this language."""
    body: str
    """Markdown body with ``hk:N`` / ``hk-file:N`` tokens."""
    description: str = ""
    """One-line summary (the source's, else empty: the writer uses the first sentence)."""
    links: tuple[LinkRef, ...] = ()
    """``hk:N`` targets of this body."""
    files: tuple[FileRef, ...] = ()
    """``hk-file:N`` files of this body."""
    outdated: bool = False
    """The source flagged this translation as older than the source text (Zendesk's ``outdated``): its segments
    are stored as fuzzy (stale, needing review), never as reviewed."""
    updated: date | None = None
    """The source's last-updated date of this translation (an article updated after it makes it outdated)."""
    anchors: tuple[tuple[str, str], ...] = ()
    """(the source's heading id, the heading's anchor here) where they differ: links to ``#h_9a1c0e2f11`` (Intercom,
    Zendesk) go to ``#before-you-start``."""


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One article of the source: its source-language text, translations and metadata."""

    source_id: str
    """``<source>:<id>`` (``zendesk:201``); kept in front matter so a second import updates it."""
    origin: Path
    """The export file it was read from (for messages)."""
    category: str
    """:attr:`SourceCategory.key` of its category."""
    text: SourceText
    """Source-language text."""
    translations: tuple[SourceText, ...] = ()
    """The same article in other languages."""
    keywords: tuple[str, ...] = ()
    """Labels / tags / meta keywords: search terms."""
    order: int = 0
    """Position within its category."""
    draft: bool = False
    """Unpublished in the source."""
    updated: date | None = None
    """The source's last-updated date."""
    slug: str = ""
    """A slug the source chose (docs generators' ``slug``/``id``); empty: from the title."""
    promoted: bool = False
    """Featured in the source (Zendesk's ``promoted``): listed under the home page's "Popular articles"."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the export that was not imported as it was: reported with the source id and file."""

    origin: str
    """File (and line or page) it was found in."""
    source_id: str
    """The article's source id, or empty when the problem is not one article's."""
    message: str
    """What happened and what to do."""
    skipped: bool = False
    """The article (or file) was not imported at all."""

    def __str__(self) -> str:
        who = f" [{self.source_id}]" if self.source_id else ""
        return f"{self.origin}{who}: {self.message}"


@dataclass(frozen=True, slots=True)
class Export:
    """Everything a reader found in one export."""

    source: str
    """Reader name (``zendesk``)."""
    source_locale: str
    """Language of the articles' main text."""
    categories: tuple[SourceCategory, ...]
    """Categories in display order."""
    articles: tuple[SourceArticle, ...]
    """Articles, in the source's order."""
    problems: tuple[Problem, ...] = field(default=())
    """What could not be imported as it was."""
