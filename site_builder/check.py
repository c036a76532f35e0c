"""``helpkit check``: what would break or confuse readers, found before publishing.

Broken internal links and anchors, missing images, links that leave ``content/``, plus
everything the loader rejects (duplicate slugs or titles, unknown categories ...). Empty
categories and orphan articles (nothing links to them) are warnings.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from helpkit.config import ProjectConfig
from helpkit.errors import ContentErrors, Warning
from helpkit.loader import load_help_center
from helpkit.model import HelpCenter
from helpkit.wording import counted


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
    """Whether the articles loaded (when not, the errors stopped the check before links and structure)."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def to_json(self) -> str:
        """The report as JSON: ``{"articles": N, "errors": N, "warnings": N, "problems": [...]}``."""
        problems = [{**asdict(p), "severity": p.severity.value} for p in self.problems]
        return json.dumps({"articles": self.articles, "loaded": self.loaded, "errors": len(self.errors),
                           "warnings": len(self.problems) - len(self.errors), "problems": problems}, indent=2)

    def to_text(self) -> str:
        lines = [str(p) for p in self.problems]
        errors, warnings = counted(len(self.errors), "error"), counted(len(self.problems) - len(self.errors), "warning")
        if self.loaded:
            lines.append(f"{counted(self.articles, 'article')} checked: {errors}, {warnings}")
        else:
            lines.append(f"{errors} stopped the articles from loading: fix them and run 'helpkit check' again (links "
                         f"and structure are checked once the articles load)")
        return "\n".join(lines)


def check(config: ProjectConfig) -> CheckReport:
    """Check the help center's content; never raises for content problems (they are in the report)."""
    settings = [_loader_problem(str(w), Severity.WARNING, "config") for w in config.warnings]  # mkdocs.yml: them:
    try:
        center = load_help_center(config)
    except ContentErrors as e:
        return CheckReport((*settings, *map(_loader_problem, e.problems),
                            *(_loader_problem(str(w), Severity.WARNING) for w in e.warnings)), 0, loaded=False)
    problems = [*settings, *(_loader_problem(str(w), Severity.WARNING) for w in center.warnings)]
    problems += link_problems(center, config.content_dir, broken=Severity.ERROR)
    problems += structure_problems(center, config)
    return CheckReport(tuple(problems), len(center.articles))


def _loader_problem(line: str, severity: Severity = Severity.ERROR, code: str = "content") -> Problem:
    parts = line.split(": ", 1)
    where, message = (parts[0], parts[1]) if len(parts) == 2 else ("", line)
    path, _, num = where.partition(":")
    return Problem(path, int(num) if num.isdigit() else None, severity, code, message)


def _shown(path: Path, content_dir: Path) -> str:
    return str(path.relative_to(content_dir.parent)) if path.is_relative_to(content_dir.parent) else str(path)


def link_problems(center: HelpCenter, content_dir: Path, *, broken: Severity) -> Iterator[Problem]:
    """Links and images of every article that point nowhere (``broken`` severity) or out of ``content/`` (errors)."""
    content_dir = content_dir.resolve()
    anchors = {a.source_path.resolve(): {s.anchor for s in a.sections if s.anchor} for a in center.articles}
    for article in center.articles:
        shown = _shown(article.source_path, content_dir)
        for line, kind, target in ((k.line, k.kind, k.target) for k in article.links):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("/", "mailto:")):
                continue
            here = article.source_path.resolve()
            if not parts.path:
                if parts.fragment and parts.fragment not in anchors.get(here, set()):
                    yield Problem(shown, line, broken, "broken-anchor",
                                  f"link '#{parts.fragment}': no such heading in this article")
                continue
            resolved = (here.parent / unquote(parts.path)).resolve()
            if not resolved.is_relative_to(content_dir):
                yield Problem(shown, line, Severity.ERROR, "outside-content",
                              f"{kind} '{target}' points outside content/; link to an article or an image in content/")
            elif not resolved.exists():
                yield Problem(shown, line, broken, "missing-image" if kind == "image" else "broken-link",
                              f"{kind} '{target}': {_shown(resolved, content_dir)} does not exist; fix the path")
            elif parts.fragment and resolved.suffix == ".md" and parts.fragment not in anchors.get(resolved, set()):
                yield Problem(shown, line, broken, "broken-anchor",
                              f"link '{target}': no heading with id '{parts.fragment}' in "
                              f"{_shown(resolved, content_dir)}")


def structure_problems(center: HelpCenter, config: ProjectConfig) -> list[Problem]:
    """Empty categories and orphan articles (not linked from any article, related list or the home page)."""
    problems: list[Problem] = []
    for c in center.categories:
        if not center.in_category(c.slug):
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
    for a in center.articles:
        if a.source_path.resolve() not in linked and a.slug not in related and not a.promoted:
            problems.append(Problem(_shown(a.source_path, config.content_dir), None, Severity.WARNING, "orphan",
                                    f"no article links to '{a.slug}'; link to it or list it in another "
                                    "article's 'related'"))
    return problems
