"""Stage one locale's help center as an MkDocs ``docs_dir``: the home page, one page per category and
one per article, with breadcrumbs, notices, related articles and the contact block written in.

The staged tree mirrors ``content/`` (``billing/request-a-refund.md``), so the writers' relative
links and images work unchanged.
"""

from __future__ import annotations

import heapq
import re
import shutil
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml

from helpkit.language import part, part_attrs
from helpkit.markdown import linked_file
from helpkit.mkdocs_internals import material_icon
from helpkit.model import Article, Category, TranslationStatus
from site_builder.analytics import Analytics
from site_builder.strings import UiStrings, admonition_titles, article_count, language_name, long_date

RELATED_LIMIT = 5
"""At most this many related articles under an article."""

CONTACT_PAGE = "contact.md"
"""The contact page of each locale (``contact.html``): suggestions as the customer types, then the hand-over."""

FEEDBACK_REASONS = ("missing", "incorrect", "unclear", "outdated")
"""The reasons a reader can give for "not helpful" (EVENTS.md: the ``feedback`` event's ``reason``)."""


@dataclass(frozen=True, slots=True)
class ContactChannel:
    """Where the contact page hands a customer's question over (``helpkit: contact:``)."""

    url: str | None = None
    """A form or chat page; the question goes in its ``param`` query parameter."""
    param: str | None = None
    """The query parameter of ``url`` that carries the question (None: ``url`` is opened as it is)."""
    email: str | None = None
    """A support address (``mailto:`` with the subject and body filled in), when there is no ``url``."""

    @property
    def href(self) -> str:
        """The link target with no question typed."""
        return self.url if self.url else f"mailto:{self.email}"


@dataclass(frozen=True, slots=True)
class LocaleSite:
    """Everything needed to stage one locale's pages."""

    locale: str
    """This site's language."""
    source_locale: str
    """The language articles are written in."""
    categories: tuple[Category, ...]
    """Categories, titles in this locale, in display order."""
    articles: tuple[Article, ...]
    """Published articles in this locale, in display order."""
    strings: UiStrings
    """Interface text in this locale."""
    channel: ContactChannel
    """Where the contact page hands questions over."""
    contact_label: str
    """Text of the contact button (it leads to the contact page)."""
    source_root: str
    """Relative path from this locale's root to the source locale's root (``""`` or ``"../"``)."""
    site_name: str = ""
    """The help center's name in this locale (the header of every page)."""
    available: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """For each article missing from some locale (served there untranslated), the locales it is really
    available in: only those get hreflang links to it."""
    analytics: Analytics | None = None
    """Where the site sends its events (None: nowhere, no script)."""
    drafts: frozenset[Path] = frozenset()
    """Source files (resolved) of the draft articles, which are not published: a link to one shows its text only."""


class PageSet:
    """The pages of one locale as Markdown, generated on demand (``index.md``, ``billing/index.md``,
    ``billing/request-a-refund.md`` ...)."""

    def __init__(self, site: LocaleSite) -> None:
        self.site = site
        self.related = Related(site.articles)
        self._articles = {f"{a.category}/{a.slug}.md": a for a in site.articles}
        self._categories = {f"{c.slug}/index.md": c for c in site.categories}

    def uris(self) -> list[str]:
        """Every page: home, contact, categories, articles."""
        return ["index.md", CONTACT_PAGE, *self._categories, *self._articles]

    def showing(self, slugs: Collection[str]) -> list[str]:
        """The pages that show these articles: themselves, articles listing them as related, their
        categories and the home page."""
        articles = [uri for uri, a in self._articles.items()
                    if a.slug in slugs or any(r.slug in slugs for r in self.related[a.slug])]
        touched = {self._articles[uri].category for uri in articles}
        return ["index.md", *(u for u, c in self._categories.items() if c.slug in touched), *articles]

    def text(self, uri: str) -> str:
        """The Markdown of one page."""
        if uri == "index.md":
            return home_page(self.site)
        if uri == CONTACT_PAGE:
            return contact_page(self.site)
        if uri in self._categories:
            category = self._categories[uri]
            return category_page(self.site, category, self.site_members(category.slug))
        article = self._articles[uri]
        return article_page(self.site, article, self.related[article.slug])

    def site_members(self, category: str) -> tuple[Article, ...]:
        return tuple(a for a in self.site.articles if a.category == category)


def stage(site: LocaleSite, content_dir: Path, docs_dir: Path) -> None:
    """Write the locale's pages, and copy the content's images and other files, into ``docs_dir``."""
    _copy_assets(content_dir, docs_dir)
    stage_pages(site, docs_dir)


def stage_pages(site: LocaleSite, docs_dir: Path, only: Collection[str] | None = None) -> list[str]:
    """Write the pages into ``docs_dir`` (with ``only``, article slugs: just the pages showing them, see
    :meth:`PageSet.showing`). Returns the written pages' paths relative to ``docs_dir`` (POSIX)."""
    pages = PageSet(site)
    uris = pages.uris() if only is None else pages.showing(only)
    for uri in uris:
        _write(docs_dir / uri, pages.text(uri))
    return uris


def content_assets(content_dir: Path) -> list[str]:
    """Files of ``content/`` published as they are (images, downloads), relative POSIX paths."""
    out = []
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir)
        if path.is_dir() or path.suffix == ".md" or path.name == "_category.yml" \
                or any(part.startswith(".") for part in rel.parts):
            continue
        out.append(rel.as_posix())
    return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_assets(content_dir: Path, docs_dir: Path) -> None:
    """Copy everything but Markdown and category files (images, downloads) into the staged tree."""
    for rel in content_assets(content_dir):
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(content_dir / rel, target)


def _front(meta: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def _link(href: str, text: str, cls: str = "", attrs: str = "") -> str:
    """A link; ``attrs``: more HTML attributes (`` lang="en"``: :func:`_in_language`)."""
    cls_attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(href)}"{cls_attr}{attrs}>{escape(text)}</a>'


def _in_language(site: LocaleSite, language: str) -> str:
    """`` lang="en"`` (and ``dir``: :func:`helpkit.language.part_attrs`) for text in ``language`` on this locale's
    pages; nothing for text in the page's language (``language`` empty)."""
    attrs = part_attrs(language, site.locale)
    return f" {attrs}" if attrs else ""


def _title_link(site: LocaleSite, href: str, article: Article, cls: str = "") -> str:
    """A link to ``article`` named by its title, marked when the title is in another language (not translated)."""
    return _link(href, article.title, cls, _in_language(site, article.title_language))


def home_page(site: LocaleSite) -> str:
    """The home page: hero with the search box, category cards, promoted articles."""
    s = site.strings
    cards = []
    for c in site.categories:
        n = sum(1 for a in site.articles if a.category == c.slug)
        icon = material_icon(c.icon) if c.icon else ""
        cards.append(
            f'<a class="hk-card" href="{escape(c.slug)}/index.html">'
            f'<span class="hk-card__icon">{icon}</span>'
            f'<span class="hk-card__title"{_in_language(site, c.title_language)}>{escape(c.title)}</span>'
            f'<span class="hk-card__text"{_in_language(site, c.description_language)}>{escape(c.description)}</span>'
            f'<span class="hk-card__count">{escape(article_count(s, site.locale, n))}</span></a>'
        )
    promoted = [a for a in site.articles if a.promoted]
    parts = [
        _front({"template": "hk-home.html", "hide": ["navigation", "toc"], "hk_page": "home"}),
        f'<h2 class="hk-section-title">{escape(s.categories)}</h2>\n',
        '<div class="hk-cards" markdown="0">' + "".join(cards) + "</div>\n",
    ]
    if promoted:
        items = "".join(f"<li>{_title_link(site, a.url, a)}</li>" for a in promoted)
        parts.append(f'\n<h2 class="hk-section-title">{escape(s.popular)}</h2>\n<ul class="hk-popular">{items}</ul>\n')
    return "".join(parts)


def category_page(site: LocaleSite, category: Category, articles: Sequence[Article]) -> str:
    """A category: its title, description, its ``index.md`` body (when it has one) and its articles (title +
    summary)."""
    s = site.strings
    crumbs = _breadcrumbs(s, ((s.home, "../index.html"),))
    if articles:
        items = "".join(
            f'<li class="hk-list__item">{_title_link(site, a.slug + ".html", a, "hk-list__title")}'
            f'<p class="hk-list__text"{_in_language(site, a.description_language)}>{escape(a.description)}</p></li>'
            for a in articles
        )
        listing = f'<ul class="hk-list">{items}</ul>'
    else:
        listing = f'<p class="hk-empty">{escape(s.no_articles)}</p>'
    lead = _in_language(site, category.description_language)
    desc = f'<p class="hk-lead"{lead}>{escape(category.description)}</p>\n' if category.description else ""
    body = f"\n{category.body.rstrip()}\n\n" if category.body.strip() else ""
    return (
        _front({"title": category.title, "description": category.description, "hide": ["toc"],
                "hk_page": f"category:{category.slug}"})
        + crumbs + f"# {_md_escape(category.title)}{_heading_attrs(_in_language(site, category.title_language))}\n\n"
        + desc + body + "\n" + listing + "\n"
    )


def _breadcrumbs(s: UiStrings, items: Sequence[tuple[str, str]], last: str = "") -> str:
    """The trail of links ``items`` (text, href); ``last``: more attributes of the last (`` lang="en"``)."""
    links = "".join(f'<li>{_link(href, text, attrs=last if n == len(items) - 1 else "")}</li>'
                    for n, (text, href) in enumerate(items))
    return f'<nav class="hk-breadcrumbs" aria-label="{escape(s.breadcrumb)}"><ol>{links}</ol></nav>\n\n'


def _toc_parts(site: LocaleSite, article: Article) -> dict[str, object]:
    """Page meta for the table of contents (theme/partials/toc-item.html): the ids of the headings shown in the
    source language (``hk_part_headings``), and its ``lang`` and ``dir``; none when every heading is translated."""
    marks = part(site.source_locale, site.locale)
    anchors = [s.anchor for s in article.sections if s.anchor and s.language]
    if marks is None or not anchors:
        return {}
    return {"hk_part_headings": anchors, "hk_part_lang": marks.lang, "hk_part_dir": marks.dir}


def _heading_attrs(attrs: str) -> str:
    """``attrs`` (`` lang="en"``) as the ``attr_list`` at the end of a Markdown heading."""
    return f" {{:{attrs} }}" if attrs else ""


def _md_escape(text: str) -> str:
    """Text safe as the content of a Markdown heading (no markup, no HTML)."""
    out = escape(text, quote=False)
    for ch in "\\`*_[]#<>!":
        out = out.replace(ch, "\\" + ch)
    return out


class Related:
    """Each article's related articles: the writer's ``related`` list, else the articles sharing the most
    tags, then the rest of its category, in display order (at most :data:`RELATED_LIMIT`). Computed per
    article on demand: a render shard only needs the articles it renders."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._by_slug = {a.slug: a for a in articles}
        self._position = {a.slug: i for i, a in enumerate(articles)}
        self._by_tag: dict[str, list[str]] = {}
        self._by_category: dict[str, list[str]] = {}
        for a in articles:
            self._by_category.setdefault(a.category, []).append(a.slug)
            for t in set(a.tags):
                self._by_tag.setdefault(t, []).append(a.slug)
        self._memo: dict[str, list[Article]] = {}

    def __getitem__(self, slug: str) -> list[Article]:
        if slug not in self._memo:
            self._memo[slug] = self._compute(self._by_slug[slug])
        return self._memo[slug]

    def _compute(self, article: Article) -> list[Article]:
        if article.related:
            return [self._by_slug[r] for r in article.related if r in self._by_slug][:RELATED_LIMIT]
        shared: Counter[str] = Counter()
        for t in set(article.tags):
            shared.update(self._by_tag[t])
        shared.pop(article.slug, None)
        pos, by_slug = self._position, self._by_slug
        ranked = heapq.nsmallest(RELATED_LIMIT, shared, key=lambda s: (
            -shared[s], by_slug[s].category != article.category, pos[s]))
        for s in self._by_category[article.category]:  # then the same category, in display order
            if len(ranked) >= RELATED_LIMIT:
                break
            if s != article.slug and s not in shared:
                ranked.append(s)
        return [by_slug[s] for s in ranked]


DRAFT_NOTICE = ("Draft: only this preview shows it. The published site leaves it out until 'draft: true' is "
                "removed from its front matter.")
"""Above a draft in ``helpkit serve`` (for writers, so not translated)."""


def article_page(site: LocaleSite, article: Article, related: Sequence[Article]) -> str:
    """An article: breadcrumbs, title, date, notices, body, related articles and the contact block."""
    s = site.strings
    category = next(c for c in site.categories if c.slug == article.category)
    source_name = language_name(site.source_locale, site.locale, capitalize=False)
    original = f"../{site.source_root}{article.url}"
    head = [
        _front({"title": article.title, "description": article.description, "hk_status": article.status.value,
                "hk_page": article.slug,
                **({"hk_locales": list(site.available[article.slug])} if article.slug in site.available else {}),
                **_toc_parts(site, article)}),
        _breadcrumbs(s, ((s.home, "../index.html"), (category.title, "index.html")),
                     _in_language(site, category.title_language)),
        f"# {_md_escape(article.title)}{_heading_attrs(_in_language(site, article.title_language))}\n\n",
    ]
    if article.updated:
        head.append(f'<p class="hk-updated">{escape(s.updated.format(date=long_date(article.updated, site.locale)))}'
                    "</p>\n\n")
    if article.draft:  # only the preview renders drafts: the writer sees why the live site does not have it
        head.append(f'<div class="admonition warning hk-notice hk-notice--draft"><p>{escape(DRAFT_NOTICE)}</p>'
                    "</div>\n\n")
    if article.status is TranslationStatus.MACHINE and not article.machine_segments:  # no machine text on the page
        said = [s.stale_notice.format(language=source_name)] if article.stale_segments else []
        said += [s.partly_notice.format(language=source_name)] if article.source_segments else []
        kind = "stale" if article.stale_segments else "partly"
        head.append(f'<div class="admonition note hk-notice hk-notice--{kind}"><p>{escape(" ".join(said))} '
                    f"{_link(original, s.read_original.format(language=source_name))}</p></div>\n\n")
    elif article.status is TranslationStatus.MACHINE:
        partly = f" {escape(s.partly_source_notice.format(language=source_name))}" if article.source_segments else ""
        head.append(f'<div class="admonition info hk-notice hk-notice--machine"><p>{escape(s.machine_notice)}{partly} '
                    f'{_link(original, s.read_original.format(language=source_name))}</p></div>\n\n')
    if article.status is TranslationStatus.UNTRANSLATED:  # the source text, marked as such, under a notice
        here = language_name(site.locale, site.locale, capitalize=False)
        head.append(f'<div class="admonition note hk-notice hk-notice--untranslated"><p>'
                    f"{escape(s.untranslated_notice.format(language=here))} "
                    f"{_link(original, s.read_original.format(language=source_name))}</p></div>\n\n")
    tail = [_feedback(site, article)]
    if related:
        items = "".join(f"<li>{_title_link(site, _relative(article, r), r)}</li>" for r in related)
        tail.append(f'\n\n<section class="hk-related"><h2>{escape(s.related)}</h2><ul>{items}</ul></section>\n')
    tail.append(_contact(site, "../"))
    if article.status is TranslationStatus.UNTRANSLATED:  # one block in the source language
        body = f'<div{_in_language(site, site.source_locale)} markdown>\n\n{article.body.strip()}\n\n</div>'
    else:
        body = article.body if site.locale == site.source_locale else titled_admonitions(
            article.body, admonition_titles(site.locale))
    body = unlinked_drafts(body, article.source_path, site.drafts)
    return "".join(head) + body.rstrip() + "\n" + "".join(tail)


_INLINE_LINK = re.compile(r"(?<![!\\])\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
                          r"\(\s*(?:<(?P<angled>[^>]*)>|(?P<bare>[^\s)]+))(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
"""An inline Markdown link ``[text](target "title")`` (not an image), its target bare or in ``<>``."""
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\[\]]+)\]:[ \t]*(?:<(?P<angled>[^>]*)>|(?P<bare>\S+))", re.M)
"""A reference link's definition ``[label]: target``."""
_REFERENCE_LINK = re.compile(r"(?<![!\\\]])\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
                             r"(?:\[(?P<label>[^\[\]]*)\])?(?![(:\[])")
"""A reference link ``[text][label]``, ``[label][]`` or ``[label]`` (not an image, not a definition)."""


def unlinked_drafts(body: str, source: Path, drafts: Collection[Path]) -> str:
    """``body`` (of the article in ``source``) with each link to a draft (one of ``drafts``; inline or by reference)
    replaced by its text. A draft is not published: MkDocs would keep the link as a dead ``href="x.md"``. Like
    Sphinx with a reference to an excluded document, the reader sees the words and no link; ``helpkit check`` and
    the build warn (``draft-link``), and once the draft is published the link is kept and leads to its page."""
    if not drafts:
        return body

    def unlink(m: re.Match[str]) -> str:
        return m["text"] if linked_file(source, m["angled"] or m["bare"]) in drafts else m[0]

    def label(text: str) -> str:
        return " ".join(text.split()).casefold()

    labels = {label(m["label"]) for m in _LINK_DEFINITION.finditer(body)
              if linked_file(source, m["angled"] or m["bare"]) in drafts}
    body = _INLINE_LINK.sub(unlink, body)
    if labels:
        body = _REFERENCE_LINK.sub(lambda m: m["text"] if label(m["label"] or m["text"]) in labels else m[0], body)
    return body


_ADMONITION = re.compile(r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?)[ \t]*(?P<kind>[\w-]+)(?:[ \t]+[\w-]+)*)[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def titled_admonitions(body: str, titles: Mapping[str, str]) -> str:
    """Give each admonition without a title of its own its type's name in the page's language (``!!! tip`` →
    ``!!! tip "Consejo"``): Python-Markdown would show the English type name. Fenced code is left as it is."""
    if not titles:
        return body
    out: list[str] = []
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        mark = _FENCE.match(line)
        if mark and (fence is None or mark.group(1).startswith(fence)):
            fence = mark.group(1) if fence is None else None
        elif fence is None and (m := _ADMONITION.match(line.rstrip("\n"))) and m["kind"].lower() in titles:
            line = f'{m["head"]} "{titles[m["kind"].lower()]}"' + ("\n" if line.endswith("\n") else "")
        out.append(line)
    return "".join(out)


def _relative(src: Article, dst: Article) -> str:
    return f"{dst.slug}.html" if src.category == dst.category else f"../{dst.url}"


def _contact(site: LocaleSite, root: str) -> str:
    """The "Still need help?" block: it leads to the contact page (``root``: from the page to the locale's root)."""
    s = site.strings
    return (
        f'\n<aside class="hk-contact"><h2>{escape(s.still_need_help)}</h2><p>{escape(s.contact_text)}</p>'
        f'{_link(root + "contact.html", site.contact_label, "md-button md-button--primary hk-contact__button")}'
        "</aside>\n"
    )


def _feedback(site: LocaleSite, article: Article) -> str:
    """ "Was this helpful?" under an article (hidden until hk-site.js runs: without it the buttons would do nothing).
    A "No" opens the optional reasons; the thanks are announced (``role="status"``)."""
    s = site.strings
    labels = (s.reason_missing, s.reason_incorrect, s.reason_unclear, s.reason_outdated)
    reasons = "".join(
        f'<label class="hk-feedback__reason"><input type="radio" name="hk-reason" value="{key}"> '
        f"{escape(label)}</label>" for key, label in zip(FEEDBACK_REASONS, labels, strict=True)
    )
    return (
        f'\n<section class="hk-feedback" data-hk-article="{escape(article.slug)}" aria-labelledby="hk-feedback-title"'
        ' hidden markdown="0">'
        f'<h2 id="hk-feedback-title" class="hk-feedback__title">{escape(s.feedback_question)}</h2>'
        '<div class="hk-feedback__vote">'
        + "".join(f'<button type="button" class="md-button hk-feedback__button" data-hk-vote="{vote}">'
                  f"{escape(label)}</button>" for vote, label in (("yes", s.feedback_yes), ("no", s.feedback_no)))
        + "</div>"
        '<form class="hk-feedback__reasons" hidden>'
        f'<fieldset tabindex="-1"><legend>{escape(s.feedback_reasons)}</legend>{reasons}</fieldset>'
        f'<button type="submit" class="md-button md-button--primary">{escape(s.feedback_send)}</button></form>'
        f'<p class="hk-feedback__thanks" role="status" tabindex="-1" data-hk-text="{escape(s.feedback_thanks)}"></p>'
        f'<p class="hk-feedback__more" hidden>{escape(s.feedback_sorry)} '
        f'{_link("../contact.html", site.contact_label)}</p>'
        "</section>\n"
    )


def contact_page(site: LocaleSite) -> str:
    """The contact page: the customer types a question, the best articles appear as they type (hk-site.js,
    through the same prebuilt index as the search box), and one button hands the question over to the
    team's channel. The text is never stored or sent anywhere else."""
    s, ch = site.strings, site.channel
    attrs = (f' data-hk-url="{escape(ch.url)}"' if ch.url else "") + \
        (f' data-hk-param="{escape(ch.param)}"' if ch.param else "") + \
        (f' data-hk-email="{escape(ch.email)}"' if ch.email and not ch.url else "")
    return (
        _front({"title": s.contact_title, "hide": ["toc"], "hk_page": "contact"})
        + _breadcrumbs(s, ((s.home, "index.html"),))
        + f"# {_md_escape(s.contact_title)}\n\n"
        + f'<div class="hk-ask" data-hk-contact{attrs} markdown="0">'
        f'<label class="hk-ask__label" for="hk-question">{escape(s.contact_question)}</label>'
        f'<p class="hk-ask__hint" id="hk-question-hint">{escape(s.contact_intro)}</p>'
        '<textarea id="hk-question" class="hk-ask__input" rows="4" maxlength="2000"'
        ' aria-describedby="hk-question-hint hk-question-privacy"></textarea>'
        f'<p class="hk-ask__privacy" id="hk-question-privacy">{escape(s.contact_privacy)}</p>'
        '<section class="hk-ask__suggestions" aria-labelledby="hk-suggestions-title" hidden>'
        f'<h2 id="hk-suggestions-title">{escape(s.contact_suggestions)}</h2>'
        '<ul class="hk-ask__list"></ul>'
        f'<p class="hk-ask__weak" hidden>{escape(s.contact_weak)}</p></section>'
        f'<p class="hk-ask__none" hidden>{escape(s.contact_none)}</p>'
        f'<p class="hk-ask__status" role="status" data-hk-template="{escape(s.contact_suggested_status)}"></p>'
        f'<div class="hk-ask__handover"><p class="hk-ask__handover-intro" hidden>{escape(s.contact_handover_intro)}</p>'
        f'{_link(ch.href, s.contact_handover, "md-button md-button--primary hk-ask__send")}</div>'
        "</div>\n"
    )
