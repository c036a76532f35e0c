"""The content model: the typed values that flow through every stage.

The loader (:mod:`helpkit.loader`) produces these once; translation, the site
build, the search index and the deflection report only consume them. Nothing in
this module imports a stage.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from helpkit.errors import Warning


class TranslationStatus(enum.StrEnum):
    """Where the text of a localized article came from."""

    SOURCE = "source"
    """Written in this locale: the source locale, or a page a writer wrote in it."""
    REVIEWED = "reviewed"
    """Every segment was translated or approved by a person."""
    MACHINE = "machine"
    """At least one segment is machine-translated (and not reviewed)."""
    UNTRANSLATED = "untranslated"
    """Not available in this locale yet: served in the source language with a notice."""


@dataclass(frozen=True, slots=True)
class Section:
    """One heading of an article and the plain text under it."""

    anchor: str
    """The heading's HTML id (the fragment a link uses: ``#anchor``)."""
    title: str
    """The heading's text, inline markup removed."""
    level: int
    """Heading level: 2 for ``##``, 3 for ``###`` ..."""
    text: str
    """Plain text of the section body, up to the next heading of any level."""
    line: int
    """1-based line of the heading in the source file."""
    language: str = ""
    """The language its heading is shown in when that is not its article's locale (``en``: not translated yet),
    else empty: the table of contents and search results mark it (``lang="en"``)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image in an article body, as the writer wrote it."""

    line: int
    """1-based line in the source file."""
    kind: str
    """``link`` or ``image``."""
    target: str
    """The href or src, unresolved (``../billing/refunds.md#how-long``)."""


@dataclass(frozen=True, slots=True)
class Category:
    """A group of articles, shown as a card on the home page and as its own page."""

    slug: str
    """Folder name under ``content/``; also the URL path of the category page."""
    title: str
    """Human title of the category."""
    description: str = ""
    """One-line summary shown on the category card."""
    icon: str = ""
    """Material icon name (e.g. ``material/credit-card``), optional."""
    order: int = 0
    """Sort key on the home page (ascending, then title)."""
    source_path: Path | None = None
    """The category's ``_category.yml``, else its ``index.md``, when it has one."""
    body: str = ""
    """Markdown of the category's ``index.md`` (front matter removed): shown above its list of articles."""
    body_line: int = 1
    """1-based line of the body's first line in ``index.md``."""
    title_language: str = ""
    """The language its title is shown in when that is not the locale's (``en``: not translated yet), else empty."""
    description_language: str = ""
    """The same for its description."""


@dataclass(frozen=True, slots=True)
class Question:
    """A customer's question in their own words, and the article that answers it (a row of the questions file)."""

    text: str
    """What the customer asked ("card not arrived yet")."""
    article: str
    """Slug of the article that answers it."""
    locale: str
    """Language of the question: only that locale's search learns from it."""


def questions_by_article(questions: Iterable[Question], locale: str) -> dict[str, tuple[str, ...]]:
    """The texts of the ``locale`` questions among ``questions``, by article slug, in order."""
    out: dict[str, list[str]] = {}
    for q in questions:
        if q.locale == locale:
            out.setdefault(q.article, []).append(q.text)
    return {slug: tuple(texts) for slug, texts in out.items()}


@dataclass(frozen=True, slots=True)
class Article:
    """One help article in one locale."""

    slug: str
    """Stable identifier, the file name without ``.md``; the same in every locale."""
    locale: str
    """Language code of this text (``en``, ``es`` ...)."""
    title: str
    """The article's title (front matter ``title``)."""
    category: str
    """Slug of the :class:`Category` it belongs to."""
    body: str
    """Markdown body, front matter removed."""
    source_path: Path
    """The source-locale Markdown file this article comes from."""
    source_hash: str
    """SHA-256 of the source file's bytes: changes when the writer edits it."""
    description: str = ""
    """One-line summary: category listings, search snippets, meta description."""
    tags: tuple[str, ...] = ()
    """Free-form labels; articles sharing tags are related."""
    keywords: tuple[str, ...] = ()
    """Extra search terms and synonyms customers use (``money back``)."""
    questions: tuple[str, ...] = ()
    """Customers' own questions this article answers, in this locale (the questions file): searched, never shown."""
    order: int = 0
    """Sort key within the category (ascending, then title)."""
    related: tuple[str, ...] = ()
    """Slugs of related articles chosen by the writer."""
    draft: bool = False
    """Drafts are previewed by ``helpkit serve`` but never published."""
    draft_line: int | None = None
    """1-based line of front matter ``draft: true`` in the source file (None when not a draft)."""
    updated: date | None = None
    """Last-updated date: front matter ``updated``, else the last git commit."""
    translate: bool = True
    """``False`` keeps the article in the source language only."""
    promoted: bool = False
    """Shown in the home page's "Popular articles" list."""
    source_id: str = ""
    """Where ``helpkit import`` took the article from (``zendesk:1006``; front matter ``source_id``): links to
    that help desk's page of it (agents' replies) point at this article."""
    sections: tuple[Section, ...] = ()
    """Headings with their text, in document order."""
    links: tuple[Link, ...] = ()
    """Links and images of the body, in document order."""
    body_line: int = 1
    """1-based line of the first body line in the source file (after front matter)."""
    status: TranslationStatus = TranslationStatus.SOURCE
    """Where this locale's text came from."""
    source_segments: int = 0
    """In a translated article: segments shown in the source language (no translation yet, or a machine
    translation that failed its checks)."""
    machine_segments: int = 0
    """In a translated article: segments machine-translated and not reviewed (none: its translated parts were all
    written or reviewed by a person, and the rest waits for a translation)."""
    stale_segments: int = 0
    """In a translated article: segments whose reviewed translation is of an older version of the source text."""
    title_language: str = ""
    """The language its title is shown in when that is not :attr:`locale` (``en``: no translation yet, or one that
    failed its checks), else empty: pages and search results mark it (``lang="en"``)."""
    description_language: str = ""
    """The same for its description (see :attr:`title_language`)."""
    redirect_from: tuple[str, ...] = ()
    """Its old addresses (``billing/refunds``: a page's path from the site's root without ``.html``), from its
    front matter: the build writes a page at each that sends the reader to it."""

    @property
    def url(self) -> str:
        """Path of the article page relative to the locale's site root (``billing/request-a-refund.html``).

        Plain ``.html`` paths (MkDocs' ``use_directory_urls: false``) so the site also works opened from disk.
        """
        return f"{self.category}/{self.slug}.html"

    @property
    def text(self) -> str:
        """All searchable plain text of the body (section texts joined)."""
        return "\n".join(s.text for s in self.sections)


@dataclass(frozen=True, slots=True)
class HelpCenter:
    """Everything the loader read: the source-locale articles and their categories."""

    categories: tuple[Category, ...]
    """Categories in display order."""
    articles: tuple[Article, ...]
    """Published source-locale articles, sorted by (category, order, title)."""
    drafts: tuple[Article, ...] = field(default=())
    """Draft articles (excluded from the published site)."""
    questions: tuple[Question, ...] = field(default=())
    """Every row of the questions file, all locales (the source locale's are also on its articles)."""
    warnings: tuple[Warning, ...] = field(default=())
    """What the loader let through but a writer should fix (unknown front matter keys, questions rows
    naming no article); ``--strict`` fails on them."""
    unloaded: tuple[Path, ...] = field(default=())
    """Article files that failed to load (only in the partial help center of a failed load,
    :attr:`helpkit.errors.ContentErrors.partial`): links to them are not broken; their own links are unknown."""

    def questions_in(self, locale: str) -> dict[str, tuple[str, ...]]:
        """The questions of ``locale``, by article slug."""
        return questions_by_article(self.questions, locale)

    def category(self, slug: str) -> Category:
        """The category with this slug (KeyError if none)."""
        for c in self.categories:
            if c.slug == slug:
                return c
        raise KeyError(slug)

    def in_category(self, slug: str) -> tuple[Article, ...]:
        """Published articles of one category, in display order."""
        return tuple(a for a in self.articles if a.category == slug)
