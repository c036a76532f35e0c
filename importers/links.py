"""Article URLs of the help desks helpkit imports from, and the source id (``zendesk:1006``) each points at.

One table for the importers (a link between two imported articles becomes a link between their files) and for
the deflection report (an agent's reply that links the old help center's article labels the ticket with the
imported article, whose front matter keeps its ``source_id``). The host is not matched: a help desk serves its
articles on its own subdomain or on the team's domain.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ARTICLE_URLS: dict[str, re.Pattern[str]] = {
    "zendesk": re.compile(r"/hc/(?:[A-Za-z-]+/)?articles/(\d+)"),  # /hc/en-us/articles/360001-title
    "freshdesk": re.compile(r"/solutions/articles/(\d+)"),  # /support/solutions/articles/4400012-title
    "intercom": re.compile(r"/articles/(\d+)"),  # /en/articles/123456-title
}
"""Path of an article page, per help desk; the group is the article's id."""


GROUP_URLS: dict[str, re.Pattern[str]] = {
    "zendesk": re.compile(r"/hc/(?:[A-Za-z-]+/)?(?:categories|sections)/\d+"),  # /hc/en-us/sections/42-Refunds
    "freshdesk": re.compile(r"/solutions/(?:folders/)?\d+"),  # /support/solutions/folders/4400012
    "intercom": re.compile(r"/collections/\d+"),  # /en/collections/301-getting-started
}
"""Path of a category, section or collection page, per help desk: pages an imported help center has no link for."""


def group_page(url: str, desk: str) -> bool:
    """Whether ``url`` is a category, section or collection page of the ``desk`` help center."""
    pattern = GROUP_URLS.get(desk)
    return pattern is not None and urlsplit(url).scheme in ("http", "https") and \
        pattern.search(urlsplit(url).path) is not None


def source_id(url: str, desk: str) -> str | None:
    """The source id of the ``desk`` article ``url`` points at (``zendesk:1006``), else None."""
    m = ARTICLE_URLS[desk].search(urlsplit(url).path)
    return f"{desk}:{m.group(1)}" if m else None


def link_target(href: str, desk: str) -> tuple[str, str] | None:
    """(source id, fragment) of the ``desk`` article a link in an exported body points at, else None: what an
    importer rewrites to the article's new page."""
    sid = source_id(href, desk)
    return (sid, urlsplit(href).fragment) if sid else None
