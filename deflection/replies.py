"""Labels for free from agents' replies: a public reply that links an article of this help center says which
article answers the ticket.

- :func:`public_replies` reads the agents' public replies from one exported record, in the shape each help desk
  exports its conversation: Zendesk ``comments`` (``public``, ``body``/``html_body``, ``author_id`` other than
  the ``requester_id``), Freshdesk ``conversations`` (``incoming`` false, ``private`` false, ``body_text``/
  ``body``), Help Scout ``threads`` / ``_embedded.threads`` (``type`` ``message`` or ``reply``; ``note`` and
  ``customer`` threads left out), Intercom ``conversation_parts.conversation_parts`` (``part_type`` other than
  ``note``, ``author.type`` ``admin``), or a reply column of a CSV (``agent_reply``, ``public_reply``, ``reply``
  ...). Internal notes and the customer's own messages are never replies.
- :class:`ArticleLinks` knows the help center's article URLs; :func:`labelled_article` gives the slug of the
  first article a ticket's replies link (``None``: none). A link counts when it points at the help center's
  ``site_url`` (or is relative), under any locale prefix (``/es/``), with or without ``.html``, a trailing
  slash, an anchor or a query; a link to another site never counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import unquote, urlsplit

from deflection.model import Ticket
from helpkit.model import Article
from importers.links import ARTICLE_URLS, source_id

REPLY_COLUMNS = ("agentreply", "publicreply", "agentresponse", "reply", "replies", "agentreplies", "response",
                 "firstreply", "lastpublicreply", "answer")
"""Normalized names of a CSV column holding the agent's public reply (first present wins)."""

_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"""\bhttps?://[^\s<>"'()\[\]]+""", re.IGNORECASE)


# --- reading replies ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def norm_key(key: str) -> str:
    """A field name without case, spaces or punctuation (``First reply time`` → ``firstreplytime``), cached: the
    records of an export repeat the same few names."""
    return re.sub(r"[^0-9a-z]", "", key.casefold())


def _get(record: Mapping[str, Any], *names: str) -> Any:
    """The first present field of ``names`` (exact, then case- and punctuation-insensitive)."""
    for name in names:
        if name in record:
            return record[name]
    wanted = [norm_key(n) for n in names]
    present = {norm_key(str(k)): k for k in record}
    for n in wanted:
        if n in present:
            return record[present[n]]
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _zendesk(record: Mapping[str, Any], comments: list[Any]) -> list[str]:
    requester = _get(record, "requester_id", "submitter_id")
    out: list[str] = []
    for i, c in enumerate(comments):
        if not isinstance(c, Mapping) or c.get("public") is False:
            continue
        author = c.get("author_id")
        if (requester is not None and author is not None and author == requester) or (author is None and i == 0):
            continue  # the customer's own messages (the first is the description)
        out.append(_text(c.get("html_body")) or _text(c.get("body")) or _text(c.get("plain_body")))
    return out


def _freshdesk(conversations: list[Any]) -> list[str]:
    return [_text(c.get("body")) or _text(c.get("body_text")) for c in conversations
            if isinstance(c, Mapping) and c.get("incoming") is False and c.get("private") is False]


def _threads(threads: Any, embedded: Any) -> Any:
    """A Help Scout record's thread list: its ``threads``, else its ``_embedded.threads`` (the Mailbox API's
    ``threads`` is a count)."""
    if not isinstance(threads, list) and isinstance(embedded, Mapping):
        return _get(embedded, "threads")
    return threads


def customer_thread(record: Mapping[str, Any]) -> str | None:
    """The customer's first message of a Help Scout conversation that carries its threads (the Mailbox API's
    ``_embedded.threads``, newest first, or an export's ``threads`` list): the oldest thread of type ``customer``.
    ``None`` when the record has no such threads (its ``preview`` is the newest thread: often the agent's reply)."""
    threads = _threads(_get(record, "threads"), _get(record, "embedded"))
    if not isinstance(threads, list):
        return None
    mine = [t for t in threads if isinstance(t, Mapping) and str(t.get("type", "")).casefold() == "customer"]
    if not mine:
        return _customer_chat(threads)
    dated = all(isinstance(t.get("createdAt"), str) for t in mine)
    first = min(mine, key=lambda t: t["createdAt"]) if dated else mine[-1]  # the API lists the newest first
    return _text(first.get("body")) or None


def _customer_chat(threads: list[Any]) -> str | None:
    """A Help Scout chat's text: the customer's ``chat`` threads before the team's first reply, one per line (a
    chat opens with "hi" and asks in the next message); ``None`` when there is none."""
    chats = [t for t in threads if isinstance(t, Mapping)]
    if all(isinstance(t.get("createdAt"), str) for t in chats):
        chats.sort(key=lambda t: t["createdAt"])
    else:
        chats.reverse()  # the API lists the newest first
    texts = []
    for t in chats:
        kind = str(t.get("type", "")).casefold()
        by = t.get("createdBy") if isinstance(t.get("createdBy"), Mapping) else {}
        who = str(by.get("type", "")).casefold()
        if who == "user" and kind in ("chat", "message", "reply"):
            break
        if who == "customer" and kind == "chat":
            texts.append(_text(t.get("body")))
    text = "\n".join(x for x in texts if x)
    return text or None


CUSTOMERS = frozenset({"user", "lead", "contact"})
"""Intercom's author types of a customer (an admin is the team, a bot the team's automation)."""


def customer_messages(record: Mapping[str, Any]) -> str | None:
    """The customer's messages of an Intercom conversation before the team's first reply: its opening message
    (``source.body``, or ``conversation_message.body``) and the customer's comments after it, one per line (a chat
    opens with "hi" and asks in the next message); bots' messages between them left out, and so is every part after
    an admin's first comment. ``None`` when the record has neither an opening message nor customer's comments."""
    parts = _get(record, "conversation_parts")
    if isinstance(parts, Mapping):
        parts = _get(parts, "conversation_parts")
    if not isinstance(parts, list):
        parts = []
    opening = _get(record, "source", "conversation_message")
    texts = [_text(opening.get("body"))] if isinstance(opening, Mapping) else []
    for p in parts:
        if not isinstance(p, Mapping):
            continue
        kind = str(p.get("part_type", "")).casefold()
        author = p.get("author") if isinstance(p.get("author"), Mapping) else {}
        who = str(author.get("type", "")).casefold()
        if who == "admin" and kind == "comment":
            break
        if who in CUSTOMERS and kind in ("comment", "open"):
            texts.append(_text(p.get("body")))
    text = "\n".join(t for t in texts if t)
    return text or None


def _helpscout(threads: list[Any]) -> list[str]:
    out: list[str] = []
    for t in sorted((t for t in threads if isinstance(t, Mapping)), key=lambda t: str(t.get("createdAt", ""))):
        kind = str(t.get("type", "")).casefold()
        by = t.get("createdBy") if isinstance(t.get("createdBy"), Mapping) else {}
        agent = str(by.get("type", "user")).casefold() == "user"
        if kind in ("message", "reply") or (kind == "chat" and agent and by):
            out.append(_text(t.get("body")))
    return out


def _intercom(parts: list[Any]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if not isinstance(p, Mapping) or str(p.get("part_type", "")).casefold() == "note":
            continue
        author = p.get("author") if isinstance(p.get("author"), Mapping) else {}
        if str(author.get("type", "")).casefold() == "admin":
            out.append(_text(p.get("body")))
    return out


def public_replies(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The agents' public replies in one exported record (JSON object or CSV row), in order; see the module
    docstring for each help desk's shape. Empty replies are dropped."""
    found: list[str] = []
    present = {norm_key(str(k)): k for k in record}

    def get(name: str) -> Any:
        key = present.get(name)
        return None if key is None else record[key]

    comments = get("comments")
    conversations = get("conversations")
    embedded = get("embedded")
    threads = _threads(get("threads"), embedded)
    parts = get("conversationparts")
    if isinstance(parts, Mapping):
        parts = _get(parts, "conversation_parts")
    if isinstance(comments, list):
        found = _zendesk(record, comments)
    elif isinstance(conversations, list):
        found = _freshdesk(conversations)
    elif isinstance(threads, list):
        found = _helpscout(threads)
    elif isinstance(parts, list):
        found = _intercom(parts)
    else:
        value = next((get(c) for c in REPLY_COLUMNS if c in present), None)
        if isinstance(value, str):
            found = [value]
        elif isinstance(value, list):
            found = [v for v in value if isinstance(v, str)]
    return tuple(r.strip() for r in found if r and r.strip())


# --- labels ------------------------------------------------------------------------------------------------------


def links_in(text: str) -> list[str]:
    """Link targets in a reply, in order: HTML ``href`` values, Markdown link targets and bare URLs."""
    spans: list[tuple[int, str]] = []
    taken: list[range] = []
    for m in _HREF.finditer(text):
        spans.append((m.start(), unescape(next(g for g in m.groups() if g is not None))))
        taken.append(range(m.start(), m.end()))
    for m in _MD_LINK.finditer(text):
        spans.append((m.start(), m.group(1)))
        taken.append(range(m.start(), m.end()))
    for m in _BARE_URL.finditer(text):
        if not any(m.start() in r for r in taken):
            spans.append((m.start(), unescape(m.group().rstrip(".,;:!?"))))
    return [u for _, u in sorted(spans)]


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """The help center's article URLs, to tell which article a link points at."""

    host: str
    """``site_url``'s host without ``www.`` (``help.parcelo.example``); ``""`` when ``site_url`` is unknown."""
    base: tuple[str, ...]
    """``site_url``'s path segments (``("help",)`` for ``https://example.com/help/``)."""
    slugs: frozenset[str]
    """Every article's slug."""
    paths: frozenset[tuple[str, str]]
    """Every article's ``(category, slug)``."""
    imported: Mapping[str, str] = field(default_factory=dict)
    """Slug of each imported article by its ``source_id`` (``zendesk:1006``): the old help desk's links to it
    (:mod:`importers.links`), which a month of tickets answered before the move still carry."""
    desks: tuple[str, ...] = ()
    """The help desks (:data:`importers.links.ARTICLE_URLS`) some article was imported from."""

    @classmethod
    def of(cls, articles: Iterable[Article], site_url: str | None = "") -> ArticleLinks:
        """The links of ``articles`` (source-locale ones: slugs are the same in every locale) on ``site_url``,
        and on the help desks they were imported from."""
        parts = urlsplit(site_url or "")
        host = (parts.hostname or "").casefold().removeprefix("www.")
        base = tuple(s for s in parts.path.split("/") if s)
        arts = list(articles)
        imported = {a.source_id: a.slug for a in arts if a.source_id}
        desks = tuple(d for d in ARTICLE_URLS if any(sid.startswith(d + ":") for sid in imported))
        return cls(host, base, frozenset(a.slug for a in arts), frozenset((a.category, a.slug) for a in arts),
                   imported, desks)

    def article(self, url: str) -> str | None:
        """The slug of the article ``url`` points at, else ``None`` (another site, or not an article)."""
        url = url.strip()
        if not url or url.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        parts = urlsplit(url)
        if parts.scheme and parts.scheme.casefold() not in ("http", "https"):
            return None
        for desk in self.desks:
            if (sid := source_id(url, desk)) in self.imported:
                return self.imported[sid]
        segments = [unquote(s) for s in parts.path.split("/") if s and s != "."]
        absolute = bool(parts.netloc)
        if absolute:
            host = (parts.hostname or "").casefold().removeprefix("www.")
            if self.host:
                if host != self.host or tuple(segments[: len(self.base)]) != self.base:
                    return None
                segments = segments[len(self.base):]
        segments = [s for s in segments if s != ".."]
        if segments and segments[-1].casefold() in ("index.html", "index"):
            segments.pop()
        if not segments:
            return None
        slug = segments[-1].removesuffix(".html").removesuffix(".md")
        if slug not in self.slugs:
            return None
        rest = segments[:-1]
        if absolute and not self.host:
            # With no site_url, an absolute link counts only when its path ends in the article's own path.
            return slug if rest and (rest[-1], slug) in self.paths else None
        return slug

    def linked(self, replies: Sequence[str]) -> tuple[str, ...]:
        """Slugs of the articles ``replies`` link, first linked first, each once."""
        out: list[str] = []
        for reply in replies:
            if "/" not in reply:  # no URL or path: nothing to look for (most replies)
                continue
            for url in links_in(reply):
                slug = self.article(url)
                if slug is not None and slug not in out:
                    out.append(slug)
        return tuple(out)


def labelled_article(ticket: Ticket, links: ArticleLinks) -> str | None:
    """The article an agent answered ``ticket`` with: the first article of this help center its public replies
    link (``None`` when they link none). This is a known answer: use it as a positive in calibration. (Readers
    given ``links`` store it as :attr:`Ticket.reply_article`.)"""
    found = links.linked(ticket.replies)
    return found[0] if found else None
