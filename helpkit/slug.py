"""Article and category slugs: the one rule for what a slug is, and how one is made from a title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A valid slug: lowercase ASCII letters, digits and hyphens, starting with a letter or digit."""


_INNER_APOSTROPHE = re.compile(r"(?<=\w)['\u2019\u02bc](?=\w)")
"""An apostrophe inside a word (``won't``, ``Pedalo’s``): dropped, as the heading anchors MkDocs makes drop it."""


def slugify(title: str, max_length: int = 80) -> str:
    """A slug for a new file's title: ``How do I reset my password?`` → ``how-do-i-reset-my-password``, ``My bike
    won't unlock`` → ``my-bike-wont-unlock`` (apostrophes inside words dropped, accents dropped, at most
    ``max_length`` characters, cut between words: a word that does not fit is left out whole, unless it is the
    first); empty if the title has no ASCII letter or digit.
    Heading anchors are not made here (:func:`helpkit.markdown.heading_anchor`), and a file's slug never changes
    once written, so this rule only names new files."""
    ascii_text = unicodedata.normalize("NFKD", _INNER_APOSTROPHE.sub("", title)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length + 1].rfind("-")  # the last word boundary that keeps it within max_length
    return slug[:cut] if cut > 0 else slug[:max_length]


def unique_slug(slug: str, taken: Set[str]) -> str:
    """``slug``, or the first of ``slug-2``, ``slug-3`` ... not in ``taken``."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
