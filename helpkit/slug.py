"""Article and category slugs: the one rule for what a slug is, and how one is made from a title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A valid slug: lowercase ASCII letters, digits and hyphens, starting with a letter or digit."""


def slugify(title: str, max_length: int = 80) -> str:
    """A slug for a title: ``How do I reset my password?`` → ``how-do-i-reset-my-password`` (accents dropped, at
    most ``max_length`` characters, cut at a hyphen boundary's edge); empty if the title has no ASCII letter
    or digit."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def unique_slug(slug: str, taken: Set[str]) -> str:
    """``slug``, or the first of ``slug-2``, ``slug-3`` ... not in ``taken``."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
