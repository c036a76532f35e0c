"""``helpkit check``: what would break or confuse readers, found before publishing.

Broken internal links and anchors, missing images, links that leave ``content/``, plus
everything the loader rejects (duplicate slugs or titles, unknown categories ...). Empty
categories and orphan articles (nothing links to them) are warnings.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from helpkit.config import ProjectConfig
from helpkit.errors import ContentErrors, HelpkitError, Warning
from helpkit.loader import display_path, load_help_center
from helpkit.markdown import outline
from helpkit.model import Article, HelpCenter, Link
from helpkit.wording import counted
from translations.whole import WholePage, source_anchored, whole_pages


class Severity(enum.StrEnum):
    """How bad a problem is: errors fail ``helpkit check``; warnings fail it only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content."""

    path: str
    """File, relative to the help center's folder."""
    line: int | None
    """1-based line in that file, when known."""
    severity: Severity
    """Error or warning."""
    code: str
    """Stable identifier of the kind of problem (``broken-link``, ``orphan`` ...)."""
    message: str
    """What is wrong and how to fix it."""

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.value}: {self.message}"

    @property
    def where(self) -> str:
        """``path:line`` (or the path alone)."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_warning(self) -> Warning:
        """This problem as a build warning."""
        return Warning(self.where, self.message)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything ``helpkit check`` found."""

    problems: tuple[Problem, ...]
    """Problems in file order."""
    articles: int
    """Articles checked."""
    loaded: bool = True
    """Whether the content loaded without errors (when not, what did load was checked all the same)."""
    unloaded: tuple[str, ...] = ()
    """Article files that failed to load: their links, and orphans anywhere, are checked once they load."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def to_json(self) -> str:
        """The report as JSON: ``{"articles": N, "errors": N, "warnings": N, "problems": [...]}``."""
        problems = [{**asdict(p), "severity": p.severity.value} for p in self.problems]
        return json.dumps({"articles": self.articles, "loaded": self.loaded, "unloaded": list(self.unloaded),
                           "errors": len(self.errors),
                           "warnings": len(self.problems) - len(self.errors), "problems": problems}, indent=2)

    def to_text(self) -> str:
        lines = [str(p) for p in self.problems]
        errors, warnings = counted(len(self.errors), "error"), counted(len(self.problems) - len(self.errors), "warning")
        summary = f"{counted(self.articles, 'article')} checked: {errors}, {warnings}"
        if self.unloaded:
            files = counted(len(self.unloaded), "file")
            summary += (f"; {files} did not load (the errors above): {'its' if len(self.unloaded) == 1 else 'their'} "
                        "links, and articles nothing links to, are checked once every file loads")
        lines.append(summary)
        return "\n".join(lines)


def check(config: ProjectConfig) -> CheckReport:
    """Check the help center's content; never raises for content problems (they are in the report)."""
    settings = [_loader_problem(str(w), Severity.WARNING, "config") for w in config.warnings]  # mkdocs.yml: them:
    try:
        center, errors = load_help_center(config), ()
    except ContentErrors as e:
        if e.partial is None:
            return CheckReport((*settings, *map(_loader_problem, e.problems),
                                *(_loader_problem(str(w), Severity.WARNING) for w in e.warnings)), 0, loaded=False)
        center, errors = e.partial, e.problems  # what did load is checked all the same
    problems = [*settings, *map(_loader_problem, errors),
                *(_loader_problem(str(w), Severity.WARNING) for w in center.warnings)]
    problems += link_problems(center, config.content_dir, broken=Severity.ERROR)
    problems += whole_page_problems(center, config, broken=Severity.ERROR)
    problems += structure_problems(center, config)
    unloaded = tuple(_shown(p, config.content_dir) for p in center.unloaded)
    return CheckReport(tuple(problems), len(center.articles), loaded=not errors, unloaded=unloaded)


def _loader_problem(line: str, severity: Severity = Severity.ERROR, code: str = "content") -> Problem:
    parts = line.split(": ", 1)
    where, message = (parts[0], parts[1]) if len(parts) == 2 else ("", line)
    path, _, num = where.partition(":")
    return Problem(path, int(num) if num.isdigit() else None, severity, code, message)


def _shown(path: Path, content_dir: Path) -> str:
    return str(display_path(path, content_dir))


def link_problems(center: HelpCenter, content_dir: Path, *, broken: Severity,
                  near: Collection[str] | None = None) -> Iterator[Problem]:
    """Links and images of every article that point nowhere (``broken`` severity) or out of ``content/`` (errors).
    With ``near`` (file names without ``.md``), only those of these articles and of the articles linking to them:
    what an edit of them can break (the preview's check of an edit)."""
    content_dir = content_dir.resolve()
    articles, stems = center.articles, None
    if near is not None:
        articles = tuple(a for a in center.articles
                         if a.source_path.stem in near or any(_stem(k.target) in near for k in a.links))
        stems = {a.source_path.stem for a in articles} | {_stem(k.target) for a in articles for k in a.links}
    targets = _Targets.of(center, _anchors(center, stems))
    for article in articles:
        yield from _target_problems(_shown(article.source_path, content_dir), article.source_path.resolve(),
                                    article.links, targets, content_dir, broken)


def whole_page_problems(center: HelpCenter, config: ProjectConfig, *, broken: Severity) -> Iterator[Problem]:
    """The same checks for each locale's whole translated pages (``locales/<lang>/<slug>.md``, their links written
    as if beside the source article), and links from any page of the locale to a heading such a page lacks."""
    content_dir = config.content_dir.resolve()
    by_slug = {a.slug: a for a in center.articles}
    source: dict[Path, set[str]] | None = None
    for locale in config.helpkit.locales:
        try:
            pages = source_anchored(whole_pages(config.memory_dir, locale), by_slug)
        except HelpkitError as e:
            yield _loader_problem(e.message)
            continue
        if not pages:
            continue
        source = _anchors(center) if source is None else source
        outlines = {slug: outline(p.body, p.title, first_line=p.body_line) for slug, p in pages.items()}
        anchors = {**source, **{by_slug[slug].source_path.resolve(): {s.anchor for s in o.sections if s.anchor}
                                for slug, o in outlines.items()}}
        targets = _Targets.of(center, anchors)
        for slug, page in pages.items():
            yield from _target_problems(_shown(page.path, content_dir), by_slug[slug].source_path.resolve(),
                                        outlines[slug].links, targets, content_dir, broken)
        for article in center.articles:
            if article.slug in pages:
                continue
            for link in article.links:
                parts = urlsplit(link.target)
                target = (article.source_path.parent / unquote(parts.path)).resolve() if parts.path else None
                if parts.scheme or not parts.fragment or target is None or target.stem not in pages:
                    continue
                if parts.fragment in source.get(target, set()) and parts.fragment not in anchors.get(target, set()):
                    yield _unanswered(_shown(article.source_path, content_dir), link, pages[target.stem],
                                      by_slug[target.stem], locale, content_dir, broken)


def _unanswered(shown: str, link: Link, page: WholePage, target: Article, locale: str, content_dir: Path,
                broken: Severity) -> Problem:
    """A link to a heading of ``target`` that its whole translated page into ``locale`` has no id for."""
    fragment = urlsplit(link.target).fragment
    heading = next(s.title for s in target.sections if s.anchor == fragment)
    return Problem(shown, link.line, broken, "broken-anchor",
                   f"link '{link.target}': in the {locale} site it opens {_shown(page.path, content_dir)}, a whole "
                   f"translated page whose headings do not line up with the source's (so they keep no source "
                   f"ids) and none has the id '{fragment}'; add '{{#{fragment}}}' at the end of the heading that "
                   f"translates '{heading}' there")


def _anchors(center: HelpCenter, stems: Collection[str] | None = None) -> dict[Path, set[str]]:
    """Heading ids of every article (or of those whose file names are ``stems``), by its resolved source path."""
    return {a.source_path.resolve(): {s.anchor for s in a.sections if s.anchor} for a in center.articles
            if stems is None or a.source_path.stem in stems}


def _stem(target: str) -> str:
    """The file name without extension a link points to (``refunds`` for ``../billing/refunds.md#how``)."""
    return PurePosixPath(unquote(urlsplit(target).path)).stem


@dataclass(frozen=True, slots=True)
class _Targets:
    """What the help center's links can lead to, by resolved source path."""

    anchors: Mapping[Path, set[str]]
    """Heading ids of each article (or of the whole translated page that stands for it)."""
    drafts: Mapping[Path, Article]
    """The draft articles: not published."""
    unloaded: frozenset[Path]
    """Article files that failed to load: they exist, their heading ids are unknown."""
    by_name: Mapping[str, tuple[Path, ...]]
    """Article files by file name: where a link to a moved article should point now."""

    @classmethod
    def of(cls, center: HelpCenter, anchors: Mapping[Path, set[str]]) -> _Targets:
        """The targets of ``center``'s links, with these heading ids."""
        by_name: dict[str, list[Path]] = {}
        for path in anchors:
            by_name.setdefault(path.name, []).append(path)
        return cls(anchors, {a.source_path.resolve(): a for a in center.drafts},
                   frozenset(p.resolve() for p in center.unloaded), {k: tuple(v) for k, v in by_name.items()})

    def moved(self, missing: Path, here: Path) -> str:
        """How to link to the one article named like ``missing`` elsewhere (it was moved to another category), as a
        path from ``here``'s folder; ``""`` when there is none or more than one."""
        found = self.by_name.get(missing.name, ())
        return os.path.relpath(found[0], here.parent).replace(os.sep, "/") if len(found) == 1 else ""


def _target_problems(shown: str, here: Path, links: Iterable[Link], targets: _Targets, content_dir: Path,
                     broken: Severity) -> Iterator[Problem]:
    """Links of the file ``shown`` (resolved as if it were ``here``) that point nowhere, out of ``content/``, or at
    a draft (a warning: the page shows the link's text only, see :func:`site_builder.pages.unlinked_drafts`)."""
    anchors = targets.anchors
    for line, kind, target in ((k.line, k.kind, k.target) for k in links):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("/", "mailto:")):
            continue
        if not parts.path:
            if parts.fragment and parts.fragment not in anchors.get(here, set()):
                yield Problem(shown, line, broken, "broken-anchor",
                              f"link '#{parts.fragment}': no such heading in this article{_ids(anchors, here)}")
            continue
        resolved = (here.parent / unquote(parts.path)).resolve()
        if not resolved.is_relative_to(content_dir):
            yield Problem(shown, line, Severity.ERROR, "outside-content",
                          f"{kind} '{target}' points outside content/; link to an article or an image in content/")
        elif not resolved.exists():
            now = targets.moved(resolved, here) if kind == "link" else ""
            fix = (f"it is now {_shown(targets.by_name[resolved.name][0], content_dir)}: link to "
                   f"'{now}{'#' + parts.fragment if parts.fragment else ''}'") if now else "fix the path"
            yield Problem(shown, line, broken, "missing-image" if kind == "image" else "broken-link",
                          f"{kind} '{target}': {_shown(resolved, content_dir)} does not exist; {fix}")
        elif kind == "link" and (draft := targets.drafts.get(resolved)) is not None:
            yield Problem(shown, line, Severity.WARNING, "draft-link",
                          f"link '{target}' links to the draft '{draft.title}' ({_draft_at(draft, content_dir)}): "
                          "it is not published (the "
                          "page shows the link's text only); publish it or remove the link")
        elif (parts.fragment and resolved.suffix == ".md" and resolved not in targets.unloaded
              and parts.fragment not in anchors.get(resolved, set())):
            yield Problem(shown, line, broken, "broken-anchor",
                          f"link '{target}': no heading with id '{parts.fragment}' in "
                          f"{_shown(resolved, content_dir)}{_ids(anchors, resolved)}")


def _ids(anchors: Mapping[Path, set[str]], path: Path) -> str:
    """``; its headings' ids: a, b`` (nothing for a page without headings)."""
    known = sorted(anchors.get(path, set()))
    return f"; its headings' ids: {', '.join(known)}" if known else ""


def _draft_at(draft: Article, content_dir: Path) -> str:
    """Where a draft says it is one: ``content/a/d.md:3`` (its ``draft: true`` line, when known)."""
    return f"{_shown(draft.source_path, content_dir)}{f':{draft.draft_line}' if draft.draft_line else ''}"


def structure_problems(center: HelpCenter, config: ProjectConfig) -> list[Problem]:
    """Empty categories and orphan articles (not linked from any article, related list or the home page); no
    orphans while an article file fails to load (:attr:`HelpCenter.unloaded`: its links are unknown)."""
    problems: list[Problem] = []
    unloaded_in = {p.resolve().parent for p in center.unloaded}  # a folder whose article failed to load is not empty
    for c in center.categories:
        if not center.in_category(c.slug) and (config.content_dir / c.slug).resolve() not in unloaded_in:
            path = _shown(c.source_path, config.content_dir) if c.source_path else f"content/{c.slug}"
            problems.append(Problem(path, None, Severity.WARNING, "empty-category",
                                    f"category '{c.slug}' has no published articles; add one or remove the folder"))
    linked: set[Path] = set()
    for a in center.articles:
        for kind, target in ((k.kind, k.target) for k in a.links):
            path = urlsplit(target).path
            if kind == "link" and path.endswith(".md") and not urlsplit(target).scheme:
                linked.add((a.source_path.parent / unquote(str(PurePosixPath(path)))).resolve())
    related = {r for a in center.articles for r in a.related}
    drafts = {d.slug: d for d in center.drafts}
    for a in center.articles:
        for r in (r for r in a.related if r in drafts):
            d = drafts[r]
            problems.append(Problem(_shown(a.source_path, config.content_dir), None, Severity.WARNING,
                                    "draft-related", f"front matter 'related' lists the draft '{d.title}' "
                                    f"({_draft_at(d, config.content_dir)}): "
                                    "the page leaves it out until it is published; publish it or remove it from "
                                    "'related'"))
    if center.unloaded:  # a file that failed to load may link any article: orphans are not known yet
        return problems
    for a in center.articles:
        if a.source_path.resolve() not in linked and a.slug not in related and not a.promoted:
            problems.append(Problem(_shown(a.source_path, config.content_dir), None, Severity.WARNING, "orphan",
                                    f"no article links to '{a.slug}'; link to it or list it in another "
                                    "article's 'related'"))
    return problems
