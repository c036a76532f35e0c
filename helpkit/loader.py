"""Read ``content/`` into a validated :class:`HelpCenter`: every file read, every problem collected, then one error.

Layout: one folder per category (``content/billing/``) with an optional ``_category.yml``
(title, description, icon, order), and one Markdown file per article with YAML front matter.
A category folder's ``index.md`` (MkDocs' and Material's section index) is the category's own page:
its front matter may set the same keys as ``_category.yml`` (which wins where both set one), and its
body is shown above the list of articles.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import hashlib
import re
import subprocess
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from helpkit.config import ProjectConfig, text_value_line, value_line
from helpkit.errors import ConfigError, ContentErrors, Warning
from helpkit.markdown import outline
from helpkit.model import Article, Category, HelpCenter, Question, questions_by_article
from helpkit.questions import read_questions
from helpkit.slug import SLUG

FRONT_MATTER_KEYS = (
    "title", "description", "category", "tags", "keywords", "order", "related", "draft", "updated", "translate",
    "source_id",  # where ``helpkit import`` took the article from (``zendesk:201``): a re-import updates it
    "redirect_from",  # the article's old addresses (``billing/refunds``): their pages send readers to it
)
TOOL_KEYS = ("import_hash", "export_hash")
"""Front matter keys helpkit's tools write for themselves, accepted but never suggested to a writer: ``import_hash``
(what the article said as ``helpkit import`` wrote it, so a re-import never overwrites local edits) and
``export_hash`` (the export's article it was written from, so a re-import tells what changed there)."""
_ACCEPTED_KEYS = frozenset(FRONT_MATTER_KEYS + TOOL_KEYS)
REQUIRED_KEYS = ("title",)
"""Front matter keys every article sets: a misspelling of one (``titel``) is the error, with "did you mean"."""
NEW_ARTICLE_PLACEHOLDERS = (
    "Say in one or two sentences what this article helps the reader do.",
    "First step.",
    "Second step.",
    "Anything the reader should watch out for.",
)
"""The sentences ``helpkit new`` writes for the writer to replace: one left in a published article is a warning."""
NEW_ARTICLE_BODY = ("{}\n\n## Steps\n\n1. {}\n2. {}\n\n!!! note\n    {}\n").format(*NEW_ARTICLE_PLACEHOLDERS)
"""The body of the article ``helpkit new`` writes (its front matter: the title, an empty description ...)."""
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
CATEGORY_KEYS = ("title", "description", "icon", "order")
DOCUSAURUS_CATEGORY_KEYS = {
    "label": "title", "position": "order", "collapsible": "", "collapsed": "", "link": "", "className": "",
    "customProps": "", "key": "",
}
"""Keys of Docusaurus' ``_category_.json``/``_category_.yml`` → helpkit's key for the same thing ("" for none):
a warning in ``_category.yml`` (a migrated file builds), never a typo of one of :data:`CATEGORY_KEYS`."""
DOCUSAURUS_CATEGORY_FILES = ("_category_.json", "_category_.yml", "_category_.yaml")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (10x faster on a thousand front matters)."""
CATEGORY_FILE = "_category.yml"
CATEGORY_PAGE = "index.md"
"""A category folder's own page (not an article)."""


@dataclass
class _Problems:
    """Collects one line per problem (``path:line: field: cause; fix``) and the warnings."""

    lines: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def add(self, path: Path, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        self.lines.append(f"{where}: {message}")

    def warn(self, path: Path, line: int | None, message: str, fix: str) -> None:
        self.warnings.append(Warning(f"{path}:{line}" if line else str(path), message, fix))


def load_help_center(config: ProjectConfig, *, include_drafts: bool = False,
                     pool: Executor | None = None) -> HelpCenter:
    """Load and validate every category and article under the config's content folder.

    Raises :class:`ContentErrors` listing every problem found (all files are read first); what the
    help center does without (an unknown front matter key, a questions row naming no article) is in
    :attr:`HelpCenter.warnings`.
    ``include_drafts`` publishes drafts too (``helpkit serve`` previews them). With ``pool``, the
    articles are parsed in its worker processes (a large help center loads in a fraction of the time).
    """
    root = config.content_dir
    problems = _Problems()
    categories = {c.slug: c for c in _load_categories(root, problems)}
    dates = git_dates(root)
    seen: dict[str, Path] = {}
    paths: list[Path] = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if len(rel.parts) == 2 and rel.name == CATEGORY_PAGE and rel.parts[0] in categories:
            continue  # the category's page, read with the category
        if rel == Path(CATEGORY_PAGE):  # MkDocs' home page: helpkit generates its own
            problems.warn(display_path(path, root), None, "not used: the home page is generated (search box, "
                          "categories, popular articles)", "move its text into a category's index.md or an article, or "
                          "delete it")
            continue
        first = seen.setdefault(path.stem, path)
        if first != path:
            problems.add(display_path(path, root), None,
                         f"duplicate slug '{path.stem}' (also {display_path(first, root)}); rename one of the files")
        paths.append(path)
    slugs = {p.stem for p in paths}  # an article whose file fails to load still exists for other articles' links
    reader = _ArticleReader(root, config.source_locale, categories, set(config.helpkit.promoted),
                            {p: dates[p.resolve()] for p in paths if p.resolve() in dates}, frozenset(slugs))
    chunks = [paths[i:i + 200] for i in range(0, len(paths), 200)]
    results = pool.map(reader.read, chunks) if pool is not None and len(chunks) > 1 else map(reader.read, chunks)
    articles: list[Article] = []
    for loaded, lines, warnings in results:
        articles.extend(loaded)
        problems.lines.extend(lines)
        problems.warnings.extend(warnings)
    _check_unique(articles, root, problems)
    for n, slug in enumerate(config.helpkit.promoted):
        if slug not in slugs:
            problems.add(display_path(config.path, root), value_line(config.path, "helpkit", "promoted", n),
                         f"Config value 'helpkit.promoted': '{slug}' is not an article slug "
                         f"({_suggest(slug, slugs, 3)}); fix the slug or remove it from the list")
    questions = _load_questions(config, slugs, problems)
    for a in articles:  # a draft's placeholders are its writer's business until it is published
        if (include_drafts or not a.draft) and (placeholder := placeholder_warning(a, root)):
            problems.warnings.append(placeholder)
    own = questions_by_article(questions, config.source_locale)
    articles = [dataclasses.replace(a, questions=own.get(a.slug, ())) for a in articles]
    published = [a for a in articles if include_drafts or not a.draft]
    published.sort(key=lambda a: (categories[a.category].order, a.category, a.order, a.title.casefold()))
    loaded = {a.source_path for a in articles}
    center = HelpCenter(
        categories=tuple(sorted(categories.values(), key=lambda c: (c.order, c.title.casefold()))),
        articles=tuple(published),
        drafts=tuple(a for a in articles if a.draft and not include_drafts),
        questions=questions,
        warnings=tuple(problems.warnings),
        unloaded=tuple(p for p in paths if p not in loaded),
    )
    if problems.lines:
        raise ContentErrors(problems.lines, problems.warnings, partial=center)
    return center


def placeholder_warning(article: Article, root: Path) -> Warning | None:
    """A warning at the first line of ``article`` that still holds one of :data:`NEW_ARTICLE_PLACEHOLDERS`
    (a whole line, list markers and indentation aside), naming the others; None when it holds none."""
    lines = [article.body_line + n for n, line in enumerate(article.body.splitlines())
             if _LIST_MARKER.sub("", line.strip()) in NEW_ARTICLE_PLACEHOLDERS]
    if not lines:
        return None
    also = f" (also line{'s' if len(lines) > 2 else ''} {', '.join(map(str, lines[1:]))})" if len(lines) > 1 else ""
    describe = " and write its 'description'" if not article.description else ""
    until = " before the draft is published" if article.draft else ", or set 'draft: true' until it is ready"
    return Warning(f"{display_path(article.source_path, root)}:{lines[0]}",
                   f"placeholder text from 'helpkit new' is still here{also}",
                   f"replace it with the article's own text{describe}{until}")


def _load_questions(config: ProjectConfig, slugs: set[str], problems: _Problems) -> tuple[Question, ...]:
    """The questions file's rows (none when not configured); bad rows go to ``problems``."""
    path = config.questions_path
    if path is None:
        return ()
    if not path.is_file():  # a setting that names no file: the configuration's error, before any content's
        raise ConfigError(f"{config.path.name}: helpkit.search.questions: {display_path(path, config.content_dir)}: no "
                          "such file; create it (a 'question,article' header line is enough) or remove the setting")
    found = read_questions(path, display_path(path, config.content_dir), slugs, config.locales, _suggest)
    problems.lines.extend(found.errors)
    problems.warnings.extend(found.warnings)
    return found.questions


@dataclass(frozen=True)
class _ArticleReader:
    """Reads a batch of article files (in this process or a worker): articles, problem lines and warnings."""

    root: Path
    locale: str
    categories: dict[str, Category]
    promoted: set[str]
    dates: dict[Path, date]
    slugs: frozenset[str]
    """Every article's slug, from the file names (also of articles that fail to load): what 'related' may name."""

    def read(self, paths: list[Path]) -> tuple[list[Article], list[str], list[Warning]]:
        problems = _Problems()
        articles = []
        for path in paths:
            article = _load_article(path, path.relative_to(self.root), self.locale, self.categories,
                                    self.dates.get(path), self.promoted, self.slugs, problems)
            if article is not None:
                articles.append(article)
        return articles, problems.lines, problems.warnings


def display_path(path: Path, root: Path) -> Path:
    """A path as the writer knows it: relative to the help center's folder (``root``: its content folder)."""
    try:
        return path.relative_to(root.parent)
    except ValueError:
        return path


def _suggest(value: str, known: set[str] | tuple[str, ...], most: int = 1) -> str:
    """``did you mean 'x'?`` with up to ``most`` close matches (difflib), else the first known values."""
    close = [f"'{c}'" for c in difflib.get_close_matches(value, sorted(known), n=most)]
    if close:
        return f"did you mean {close[0] if len(close) == 1 else ', '.join(close[:-1]) + ' or ' + close[-1]}?"
    shown = ", ".join(sorted(known)[:8])
    return f"known: {shown}{', ...' if len(known) > 8 else ''}"


def _load_categories(root: Path, problems: _Problems) -> list[Category]:
    out: list[Category] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if not SLUG.match(folder.name):
            problems.add(display_path(folder, root), None,
                         f"category folder '{folder.name}' is not a slug; use lowercase letters, digits and hyphens")
            continue
        meta_path = folder / CATEGORY_FILE
        page, body, body_line = _category_page(folder / CATEGORY_PAGE, root, problems)
        meta: dict[str, Any] = dict(page)
        parsed: dict[str, Any] | None = None
        if meta_path.exists():
            parsed = _parse_yaml(meta_path.read_bytes(), display_path(meta_path, root), 0, problems)
            if parsed is not None:
                meta.update(parsed)  # _category.yml wins over index.md's front matter
                _check_category_keys(parsed, meta_path, root, problems)
        for name in DOCUSAURUS_CATEGORY_FILES:
            if (folder / name).is_file():
                problems.warn(display_path(folder / name, root), None, f"not read: helpkit reads {CATEGORY_FILE} "
                              f"({', '.join(CATEGORY_KEYS)})", "write the category's title and order there "
                              "('label' is 'title', 'position' is 'order') and delete this file")
        index = folder / CATEGORY_PAGE
        source = meta_path if meta_path.exists() else index if index.is_file() else None
        title = meta.get("title", folder.name.replace("-", " ").capitalize())
        order = meta.get("order", 0)
        if not isinstance(order, int) or isinstance(order, bool):
            where = meta_path if "order" in (parsed or {}) else index  # _category.yml wins over index.md
            problems.add(display_path(where, root), _key_lines(where.read_text(encoding="utf-8-sig"), 1).get("order"),
                         f"'order': expected a whole number, found {order!r}; e.g. 'order: 1' (lower comes first)")
            order = 0
        out.append(Category(
            slug=folder.name, title=str(title), description=str(meta.get("description", "")),
            icon=str(meta.get("icon", "")), order=order, source_path=source, body=body, body_line=body_line,
        ))
    return out


def _check_category_keys(parsed: dict[str, Any], path: Path, root: Path, problems: _Problems) -> None:
    """A ``_category.yml``'s keys: another tool's (Docusaurus' ``collapsed``, ``link`` ...) or any other helpkit
    has no use for is a warning (the file is read as far as helpkit understands it); a typo of one of
    :data:`CATEGORY_KEYS` (a difflib close match) is an error with "did you mean"."""
    shown = display_path(path, root)
    lines = _key_lines(path.read_bytes().decode("utf-8-sig", errors="replace"), 1)
    for key in map(str, parsed):
        if key in CATEGORY_KEYS:
            continue
        line = lines.get(key)
        if key in DOCUSAURUS_CATEGORY_KEYS:
            ours = DOCUSAURUS_CATEGORY_KEYS[key]
            problems.warn(shown, line, f"'{key}': a Docusaurus key helpkit does not read",
                          f"delete it ('{ours}' is set)" if ours in parsed else f"rename it '{ours}'" if ours
                          else "delete it (helpkit has no such setting)")
        elif difflib.get_close_matches(key, CATEGORY_KEYS, n=1):
            problems.add(shown, line, f"'{key}': unknown key; {_suggest(key, CATEGORY_KEYS)}")
        else:
            problems.warn(shown, line, f"'{key}': unknown key, not read",
                          f"helpkit reads {', '.join(CATEGORY_KEYS)}; delete it or use one of those")


def _category_page(path: Path, root: Path, problems: _Problems) -> tuple[dict[str, Any], str, int]:
    """A category's ``index.md``: (its front matter's category keys, its body, the body's first line);
    empty when there is none. Other front matter keys are warnings, as in articles."""
    if not path.is_file():
        return {}, "", 1
    shown = display_path(path, root)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.add(shown, line, f"not valid UTF-8 (byte {e.start}); save the file as UTF-8")
        return {}, "", 1
    front, body, body_line = split_front_matter(text)
    meta = _parse_yaml(front.encode(), shown, 1, problems) if front is not None else {}
    if meta is None:
        return {}, "", 1
    key_line = _key_lines(front or "", 2)
    for key in meta:
        if key not in CATEGORY_KEYS:
            problems.warn(shown, key_line.get(str(key)), f"front matter '{key}': unknown key",
                          _suggest(str(key), CATEGORY_KEYS))
    kept = {k: v for k, v in meta.items() if k in CATEGORY_KEYS}
    if not body.strip():
        return kept, "", body_line
    trimmed = body.lstrip("\n")
    return kept, trimmed.rstrip() + "\n", body_line + len(body) - len(trimmed)


def _parse_yaml(data: bytes, shown: Path, first_line: int, problems: _Problems,
                unclosed: bool = False) -> dict[str, Any] | None:
    """The YAML mapping in ``data`` (whose first line is the file's line ``first_line + 1``), or None after adding
    the problem; ``unclosed``: a front matter with no closing ``---`` (the hint says so where it helps)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problems.add(shown, None, f"not valid UTF-8 (byte {e.start}); save the file as UTF-8")
        return None
    try:
        value = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        line, message = _yaml_problem(e, text, unclosed)
        problems.add(shown, None if line is None else first_line + line + 1, message)
        return None
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(shown, first_line + 1, f"front matter must be 'key: value' lines, found {type(value).__name__}")
        return None
    return value


def _yaml_problem(e: yaml.YAMLError, text: str, unclosed: bool) -> tuple[int | None, str]:
    """(0-based line in ``text``, message with its fix) for a YAML error: the line a person must fix (where an
    unclosed quote or bracket opened, not where YAML noticed, which may be the end of the front matter)."""
    context = str(getattr(e, "context", None) or "")
    problem = str(getattr(e, "problem", None) or e)
    mark = getattr(e, "problem_mark", None)
    opened = getattr(e, "context_mark", None)
    if context.startswith(("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")):
        mark = opened or mark
    line = mark.line if mark else None
    rows = text.splitlines()
    if context.startswith("while scanning a quoted scalar"):
        hint = "the quote opened on this line is never closed; end the value with the same quote, or drop the quotes"
    elif context.startswith("while parsing a flow"):
        hint = (f"{problem} in the list or mapping opened on this line; close its bracket, or quote the value if "
                "the bracket is part of the text")
    elif context.startswith("while scanning a simple key"):
        hint = (f"{problem}: this line is not 'key: value'; add the ':' or indent the line under its key"
                + ("; the front matter has no closing '---': if the article's text starts here, add a line '---' "
                   "above it" if unclosed else ""))
    elif mark and line is not None and line < len(rows) and rows[line][mark.column:mark.column + 1] == "\t":
        hint = "a tab; YAML indents with spaces only, replace the tab with spaces"
    elif problem.startswith("mapping values are not allowed"):  # 'title: Bikes: how to ride'
        pair = _KEY_VALUE.match(rows[line]) if line is not None and line < len(rows) else None
        quoted = f"{pair['lead'].lstrip()}{pair['key']}: {_quoted(pair['value'])}" if pair else ""
        hint = ("a ': ' inside a value starts another key; quote the value" + (f": {quoted}" if quoted else
                ", e.g. title: \"Bikes: how to ride\""))
    else:
        hint = f"{problem}; fix the front matter syntax" + (
            " (it has no closing '---': add one after its last key)" if unclosed else "")
    return line, f"invalid YAML: {hint}"


_KEY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s#:'\"][^:]*?):\s+(?P<value>.*?)\s*$")
"""A front matter line ``key: value`` (also a list item's ``- key: value``)."""


def _quoted(value: str) -> str:
    """``value`` as a quoted YAML string: in double quotes, or single quotes when it holds ``"`` or ``\\``."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _key_lines(text: str, first_line: int) -> dict[str, int]:
    """Line number of each top-level front matter key (for messages)."""
    lines: dict[str, int] = {}
    for i, line in enumerate(text.splitlines()):
        m = re.match(r"^([^\s#:][^:]*):", line)
        if m:
            lines.setdefault(m.group(1).strip(), first_line + i)
    return lines


def front_matter_of(text: str) -> dict[str, Any]:
    """The front matter of a Markdown file's text as a mapping, or ``{}`` when it has none or it does not
    parse (for tools that only peek at a file, such as ``helpkit import``; :func:`load_help_center` reports
    such files)."""
    front, _, _ = split_front_matter(text)
    try:
        meta = yaml.load(front or "", Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, 1-based line of the body's first line): the one place that says where a
    Markdown file's front matter ends (``---`` lines, spaces around them allowed, or a closing ``...``)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    return "".join(lines[1:]), "", len(lines) + 1


def old_address(text: str) -> str | None:
    """An article's old address as ``redirect_from`` names it, normalized to its page's path from the site's root
    without ``.html`` (``/billing/refunds.html`` → ``billing/refunds``); ``None`` when it is none (a web address,
    ``..``, an empty one)."""
    path = text.strip().strip("/")
    for suffix in (".html", ".md"):
        path = path.removesuffix(suffix)
    parts = path.split("/")
    if not path or "://" in text or any(p in ("", ".", "..") for p in parts) or not all(SLUG.match(p) for p in parts):
        return None
    return path


def unclosed_front_matter(text: str, body: str) -> bool:
    """Whether ``text``'s front matter (split by :func:`split_front_matter`, ``body`` the rest) has no closing line:
    it then ran on to the end of the file."""
    return not body and text.splitlines()[-1].strip() not in ("---", "...")


def _load_article(
    path: Path, rel: Path, locale: str, categories: dict[str, Category], git_date: date | None,
    promoted: set[str], slugs: frozenset[str] | set[str], problems: _Problems,
) -> Article | None:
    """One article file, or None when it has errors (each added to ``problems``, none left out: its 'related'
    slugs are checked against ``slugs`` even then)."""
    shown = display_path(path, path.parents[len(rel.parts) - 1])
    data = path.read_bytes()
    if not data.strip():
        problems.add(shown, None, "file is empty; add front matter with at least 'title: ...' and some text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.add(shown, line, f"not valid UTF-8 (byte {e.start}); save the file as UTF-8")
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.add(shown, 1, "no front matter; start the file with '---', 'title: ...', '---'")
        return None
    unclosed = unclosed_front_matter(text, body)
    meta = _parse_yaml(front.encode(), shown, 1, problems, unclosed=unclosed)
    if meta is None:
        return None
    if unclosed:  # the text read as keys ("Note: ..." lines parse as YAML): the article would be published empty
        blank = next((n for n, line in enumerate(front.splitlines(), start=2) if not line.strip()), None)
        problems.add(shown, blank, "the front matter has no closing '---', so the whole file was read as its keys; "
                     + ("add a line '---' here, where the article's text starts" if blank else
                        "add a line '---' after its last key"))
        return None
    key_line = _key_lines(front, 2)
    count = len(problems.lines)
    misspelled: set[str] = set()
    for key in map(str, meta):  # other tools' keys (sidebar_label, id, layout) are common: a warning, a typo fails
        if key in _ACCEPTED_KEYS:  # --strict; a typo of a required key the article lacks is the error
            continue
        meant = next(iter(difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)), None)
        if meant in REQUIRED_KEYS and meant not in meta:
            misspelled.add(meant)
            problems.add(shown, key_line.get(key), f"front matter '{key}': unknown key; did you mean '{meant}'? "
                         f"(the article has no '{meant}', which every article needs)")
        else:
            problems.warn(shown, key_line.get(key), f"front matter '{key}': unknown key",
                          _suggest(key, FRONT_MATTER_KEYS))
    title = meta.get("title")
    if (not isinstance(title, str) or not title.strip()) and "title" not in misspelled:
        problems.add(shown, key_line.get("title", 1),
                     "front matter 'title' is missing or empty; add 'title: How do I ...?'")
    category = meta.get("category", rel.parts[0] if len(rel.parts) > 1 else None)
    if category is None:
        problems.add(shown, None, "no category; move the file into a category folder or set front matter 'category'")
    elif category not in categories:
        problems.add(shown, key_line.get("category"),
                     f"front matter 'category': '{category}' is not a category; "
                     f"{_suggest(str(category), set(categories))}")
    slug = path.stem
    if not SLUG.match(slug):
        problems.add(shown, None,
                     f"file name '{path.name}' is not a slug; rename it with lowercase letters, digits and hyphens")

    def typed(key: str, kind: type, default: Any, what: str) -> Any:
        value = meta.get(key, default)
        if kind is tuple:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
                problems.add(shown, key_line.get(key), f"front matter '{key}': expected {what}, found {value!r}")
                return ()
            return tuple(str(v) for v in value)
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            problems.add(shown, key_line.get(key), f"front matter '{key}': expected {what}, found {value!r}")
            return default
        return value

    description = typed("description", str, "", "one line of text")
    tags = typed("tags", tuple, [], "a list of words, e.g. [refunds, charges]")
    keywords = typed("keywords", tuple, [], "a list of search terms, e.g. [money back, chargeback]")
    related = typed("related", tuple, [], "a list of article slugs")
    for r in related:
        if not SLUG.match(r):
            problems.add(shown, key_line.get("related"),
                         f"front matter 'related': '{r}' is not a slug; "
                         "name another article by its file name without '.md'")
    for n, r in enumerate(related):
        if SLUG.match(r) and r not in slugs:
            line = text_value_line(front, "related", n)
            problems.add(shown, line + 1 if line else key_line.get("related"),
                         f"front matter 'related': '{r}' is not an article slug; {_suggest(r, slugs, 3)}")
    related = tuple(r for r in related if SLUG.match(r))
    order = typed("order", int, 0, "a whole number")
    draft = typed("draft", bool, False, "true or false")
    translate = typed("translate", bool, True, "true or false")
    source_id = str(meta.get("source_id") or "")
    redirect_from = []
    for n, old in enumerate(typed("redirect_from", tuple, [], "a list of old addresses, e.g. [billing/refunds]")):
        address = old_address(old)
        if address is None:
            line = text_value_line(front, "redirect_from", n)
            problems.add(shown, line + 1 if line else key_line.get("redirect_from"),
                         f"front matter 'redirect_from': '{old}' is not an address of this help center; write it "
                         "as its page's path from the site's root without '.html', e.g. billing/refunds")
        else:
            redirect_from.append(address)
    updated = meta.get("updated")
    if isinstance(updated, str):
        with contextlib.suppress(ValueError):
            updated = date.fromisoformat(updated.strip())
    if isinstance(updated, datetime):
        updated = updated.date()
    if updated is not None and not isinstance(updated, date):
        problems.add(shown, key_line.get("updated"),
                     f"front matter 'updated': expected a date like 2026-01-31, found {updated!r}")
        updated = None
    if len(problems.lines) > count or not isinstance(title, str) or category not in categories:
        return None
    title = title.strip()
    parsed = outline(body, title, first_line=body_line)
    return Article(
        slug=slug, locale=locale, title=title, category=str(category), body=body, source_path=path,
        source_hash=hashlib.sha256(data).hexdigest(), description=description.strip(), tags=tags,
        keywords=keywords, order=order, related=related, draft=draft, updated=updated or git_date,
        draft_line=key_line.get("draft") if draft else None,
        translate=translate, promoted=slug in promoted, sections=parsed.sections, links=parsed.links,
        body_line=body_line, source_id=source_id, redirect_from=tuple(redirect_from),
    )


def _check_unique(articles: list[Article], root: Path, problems: _Problems) -> None:
    """Two articles with one title confuse readers and search results."""
    by_title: dict[str, Article] = {}
    for a in articles:
        key = a.title.casefold()
        twin = by_title.setdefault(key, a)
        if twin is not a:
            problems.add(display_path(a.source_path, root), None,
                         f"front matter 'title': '{a.title}' is also the title of "
                         f"{display_path(twin.source_path, root)}; give each article its own title")


def git_dates(root: Path) -> dict[Path, date]:
    """Date of the last commit touching each file under ``root`` (one ``git log`` for all files).

    Empty when ``root`` is not in a git work tree or git is missing.
    """
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--", "."], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, date] = {}
    current: date | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault((Path(top) / line).resolve(), current)
    return dates


def reload_article(config: ProjectConfig, center: HelpCenter, path: Path) -> tuple[Article, tuple[Warning, ...]]:
    """Read one edited article again (the preview's fast path), with its warnings; ContentErrors if it is now
    invalid.

    Its last-updated date falls back to the date it had (git is not asked again).
    """
    root = config.content_dir
    problems = _Problems()
    previous = next((a for a in (*center.articles, *center.drafts) if a.source_path == path), None)
    categories = {c.slug: c for c in center.categories}
    slugs = {a.slug for a in (*center.articles, *center.drafts)} | {path.stem}
    article = _load_article(path, path.relative_to(root), config.source_locale, categories,
                            previous.updated if previous else None, set(config.helpkit.promoted), slugs, problems)
    if problems.lines or article is None:
        raise ContentErrors(problems.lines, problems.warnings)
    if placeholder := placeholder_warning(article, root):  # the preview publishes drafts too
        problems.warnings.append(placeholder)
    return dataclasses.replace(article, questions=previous.questions if previous else ()), tuple(problems.warnings)
