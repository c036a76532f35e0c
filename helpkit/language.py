"""Text in another language than its page: the HTML attributes that say so (WCAG 2.1 SC 3.1.2, Language of Parts).

A locale's page whose translation is partial shows the untranslated parts in the source language; marked with
``lang="en"`` (and ``dir`` when the two languages are written in different directions), a screen reader reads them
with an English voice, and search engines and browser translators know them for English.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from babel import Locale, UnknownLocaleError

from helpkit.config import PSEUDO_LOCALE


def direction(locale: str) -> str:
    """``rtl`` for a language written right to left (``ar``, ``he``), else ``ltr`` (Babel's CLDR data)."""
    if locale == PSEUDO_LOCALE:
        return "ltr"
    try:
        order = Locale.parse(locale.replace("-", "_")).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


@dataclass(frozen=True, slots=True)
class Part:
    """What marks a part of a page written in another language than the page's."""

    lang: str
    """The part's language (``en``)."""
    dir: str = ""
    """Its direction (``ltr``) when the page is written the other way (an ``ar`` page), else empty."""

    @property
    def attrs(self) -> str:
        """As HTML (and ``attr_list``) attributes: ``lang="en" dir="ltr"``."""
        return f'lang="{escape(self.lang)}"' + (f' dir="{self.dir}"' if self.dir else "")


def part(language: str, page: str) -> Part | None:
    """How a part written in ``language`` (empty: the page's) is marked on a page in locale ``page``; None when the
    page is in that language (the pseudo-locale's pages are in the source language's)."""
    if not language or language.casefold() == page.casefold() or page == PSEUDO_LOCALE:
        return None
    here = direction(language)
    return Part(language, "" if here == direction(page) else here)


def part_attrs(language: str, page: str) -> str:
    """:attr:`Part.attrs` of :func:`part`, or nothing."""
    found = part(language, page)
    return found.attrs if found else ""
