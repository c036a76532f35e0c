"""Three source levels (category → section → article) onto helpkit's two (category → article): the rule.

Zendesk (categories → sections), Freshdesk (categories → folders) and Intercom (collections → sections) all
have three levels; helpkit has one level of categories. ``--levels`` chooses how they map:

``section`` (default)
    each section becomes a category; the source's category is an order group (its sections come together,
    in the source's order, on the home page). Sections of the same name in two categories (a "FAQ" in each)
    are titled as ``joined`` does, so the home page has no two cards of one name.
``joined``
    the same, with the source category's name in the title: ``Billing: Refunds``.
``category``
    each source category becomes a category; its sections are order groups of the articles (section by
    section, in the source's order).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from importers.model import CategoryText, SourceCategory

GROUP = 1000
"""Order step of a group: an order group's members get ``group order × 1000 + own order``."""


class LevelRule(enum.StrEnum):
    """How a three-level source maps onto helpkit's categories (see the module's docstring)."""

    SECTION = "section"
    JOINED = "joined"
    CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Group:
    """A category or section of the source."""

    key: str
    """Source id (``zendesk-section:42``)."""
    title: str
    """Its name."""
    description: str = ""
    """Its description."""
    order: int = 0
    """Its position among its siblings."""
    parent: str = ""
    """Key of the top-level group a section belongs to (empty for a top-level group)."""
    translations: tuple[CategoryText, ...] = ()
    """Its name and description in other languages."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the articles of one source group land."""

    category: str
    """Key of the helpkit category (a :class:`SourceCategory`)."""
    order_base: int
    """Added to each article's own position."""


def place(tops: Sequence[Group], sections: Sequence[Group], rule: LevelRule,
          ) -> tuple[tuple[SourceCategory, ...], dict[str, Placement]]:
    """The helpkit categories and, for every group key an article can name as its parent, where it lands. A section
    that becomes a category without a description of its own takes its top group's (Zendesk's sections often have
    none, their categories do): the home page's card for it had been blank."""
    top_by_key = {t.key: t for t in tops}
    placements: dict[str, Placement] = {}
    categories: list[SourceCategory] = []
    if rule is LevelRule.CATEGORY:
        for t in tops:
            categories.append(SourceCategory(t.key, t.title, t.description, t.order, t.translations))
            placements[t.key] = Placement(t.key, 0)
        for s in sections:
            top = s.parent if s.parent in top_by_key else ""
            if not top:
                categories.append(SourceCategory(s.key, s.title, s.description, s.order, s.translations))
                placements[s.key] = Placement(s.key, 0)
            else:
                placements[s.key] = Placement(top, (s.order + 1) * GROUP)
        return tuple(categories), placements
    names = Counter(s.title.strip().casefold() for s in sections)
    for s in sections:
        top = top_by_key.get(s.parent)
        joined = top is not None and (rule is LevelRule.JOINED or names[s.title.strip().casefold()] > 1)
        title = f"{top.title}: {s.title}" if joined else s.title
        texts = s.translations
        if joined:
            tops_t = {x.locale: x.title for x in top.translations}
            texts = tuple(CategoryText(x.locale, f"{tops_t[x.locale]}: {x.title}", x.description)
                          for x in s.translations if x.locale in tops_t)
        order = (top.order * GROUP if top is not None else 0) + s.order
        if top is not None and top.description and not s.description:  # its card would be blank on the home page
            tops_d = {x.locale: x.description for x in top.translations}
            texts = tuple(x if x.description else CategoryText(x.locale, x.title, tops_d.get(x.locale, ""))
                          for x in texts)
        description = s.description or (top.description if top is not None else "")
        categories.append(SourceCategory(s.key, title, description, order, texts))
        placements[s.key] = Placement(s.key, 0)
    for t in tops:  # a top-level group's own articles (Intercom allows them) get a category of its own
        categories.append(SourceCategory(t.key, t.title, t.description, t.order * GROUP, t.translations))
        placements[t.key] = Placement(t.key, 0)
    return tuple(categories), placements
