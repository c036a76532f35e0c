"""Write an :class:`Export` into a helpkit help center: categories, articles, attachments, translations.

Everything is planned first (slugs, titles, folders, links), then written. Rules:

- **Slugs** come from the title (or the source's own slug) with the project's :func:`slugify`; a slug already
  taken gets ``-2``, ``-3`` ... in the export's order. An article whose ``source_id`` is already in the help
  center keeps its file, so a second import finds it again, wherever it was moved. A category's new articles go
  to the folder holding most of its articles (on a tie, the one named for it).
- **Nothing is overwritten without ``--update``**: an article whose file exists and differs is skipped (and
  reported); with ``--update`` only articles with the same ``source_id`` are replaced. Category files
  (``_category.yml``) are written only when missing, except when a category of the export is new here but its
  folder is already a category of the help center (``helpkit init``'s ``getting-started``): the two are merged
  and the export's title, description and order win (other keys, such as ``icon``, are kept); the merge is
  reported. A category whose order ties with another's is reported too (the home page would sort them by title).
- **Local edits are never lost**: each article records two hashes. ``import_hash`` is of what the file said as the
  import wrote it: its front matter's values and the HTML its body renders to (:func:`import_hash`), so it was
  *edited here* when what it says changed, and a formatter's run (re-wrapped lines, ``*`` bullets, ``_`` emphasis,
  indented YAML lists, table padding, trailing spaces) is no edit. ``export_hash`` is of the export's article it was
  written from (:func:`export_hash`), so it *changed in the export* when that differs; not of the file, which also
  depends on the help center (neighbours in ``related``, link paths, the image folder) and so changes when an
  article is moved or renamed here. A re-import puts each article in one case: unchanged in the export: left alone,
  whatever was done here (listed as kept when edited); changed there and not edited here: replaced with ``--update``
  (else reported); changed there and edited here: kept and listed, and only ``--force`` replaces it; new there (or
  deleted here: no file has its ``source_id``): imported (listed, and named when no article written leads to it);
  gone there (a file of this source the export lacks): listed, never deleted. A moved or renamed file is found by
  its ``source_id``. Files stamped before ``export_hash`` (their ``import_hash`` of the bytes written) are read too:
  what the import writes now tells whether the export changed, so a move or a rename reads as a change until they
  are updated. A file with no ``import_hash`` (written by an older helpkit) gets one when it is exactly what the
  import writes; it is unchanged when it says the same; otherwise it cannot be told apart from an edited one, so it
  is treated as edited.
- **Duplicates**: an article with the title and the text (:mod:`importers.similar`) of an earlier one of the
  export, or of an article the help center already has, is the same article twice: it is not imported, it is
  reported with both source ids (or the file), and links to it go to its twin; ``--keep-duplicates`` imports
  both. Two articles with the same text under different titles are reported and both imported (templated
  pages, "Proxying through Akamai" / "... through Fastly", are different articles).
- **Titles** must be unique (the loader requires it): a duplicate gets its category's title in brackets.
- **Links** between imported articles become relative ``.md`` links; links to articles that were not
  imported keep their original URL and are listed. An anchor the target does not have is dropped.
- **Related**: each article lists its neighbours in its category (what the source showed as "articles in
  this section"), so no imported article is an orphan.
- **Attachments** are copied to ``<category>/images/<slug>/``.
- **``helpkit init``'s sample** (:data:`~site_builder.scaffold.SAMPLE_CONTENT`): an import of articles removes the
  sample article, and then its category, when its text is still what init wrote (and no other article links to
  it), and takes it out of ``helpkit.promoted``; an edited one is kept and named in the summary.
- **Translations**: one whose blocks line up with the source's becomes reviewed entries of
  ``locales/<lang>.po``; any other is kept whole in ``locales/<lang>/<slug>.md`` (:mod:`translations.whole`).
  The locales found are added to ``helpkit.locales`` in mkdocs.yml.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import click
import yaml

from helpkit.config import ProjectConfig, load_config
from helpkit.errors import ConfigError, ContentErrors
from helpkit.loader import CATEGORY_FILE, CATEGORY_KEYS, front_matter_of, load_help_center, split_front_matter
from helpkit.markdown import linked_file, outline, page_html, sections
from helpkit.wording import counted
from importers import similar
from importers.links import group_page
from importers.model import Export, SourceArticle, SourceCategory, SourceText
from site_builder.scaffold import (
    INIT_CONFIG,
    SAMPLE_CONTENT,
    is_unedited_sample,
    project_files,
    slugify,
    write_new_file,
)
from translations.localize import locale_segments, sync_memory
from translations.memory import Occurrence, TranslationMemory
from translations.protect import compare
from translations.segment import Segment, SegmentKind, segment_markdown, text_segment
from translations.whole import whole_dir

SUMMARY_WORDS = 4
"""A body's sentence shorter than this many words is not taken as its description ("Sorry about that!")."""

IMPORT_HASH = "import_hash"
"""Front matter key holding the hash of what an article said as the import wrote it (see :func:`import_hash`)."""
EXPORT_HASH = "export_hash"
"""Front matter key holding the hash of the export's article the import wrote it from (see :func:`export_hash`)."""
_HASH_LINE = re.compile(rf"^(?:{IMPORT_HASH}|{EXPORT_HASH}):[^\n]*\n", re.MULTILINE)

PROGRESS_FROM = 200
"""Imports of at least this many articles show a progress bar."""

_TEXT = r"(\[(?:[^\[\]]|\[[^\]]*\])*)"  # a link's text, which may hold an image: [![](shot.png)](hk:0)
_LINK = re.compile(_TEXT + r"\]\(hk:(\d+)\)")
_OWN_ANCHOR = re.compile(_TEXT + r"\]\(#([^)\s]+)\)")
_FILE = re.compile(r"\]\(hk-file:(\d+)\)")
_URL = re.compile(r"\]\((https?://[^)\s]+)\)")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did (printed at the end of ``helpkit import``)."""

    source: str
    """Reader name."""
    root: Path
    """The help center's folder."""
    imported: tuple[str, ...]
    """Articles written for the first time (paths relative to the help center): new in the export."""
    updated: tuple[str, ...]
    """Articles replaced (``--update``): changed in the export and not edited here (or ``--force``)."""
    unchanged: int
    """Articles already imported that the export did not change (left as they are, edited here or not)."""
    skipped: tuple[str, ...]
    """Articles or files not imported, each with its source id, file and reason."""
    warnings: tuple[str, ...]
    """What was imported but not as it was (scripts dropped, remote images, renamed duplicates ...)."""
    unresolved: tuple[str, ...]
    """Links to articles that were not imported (they keep their original URL)."""
    locales: tuple[str, ...] = ()
    """Locales of the imported translations."""
    reviewed: int = 0
    """Translated segments stored as reviewed in the translation memories."""
    whole: tuple[str, ...] = ()
    """Translations kept whole (``locales/<lang>/<slug>.md``)."""
    promoted: tuple[str, ...] = ()
    """Slugs added to ``helpkit.promoted`` (the source featured them): the home page's "Popular articles"."""
    kept: tuple[str, ...] = ()
    """Articles edited here since the last import whose export text did not change: left as they are."""
    outdated: int = 0
    """Translated segments stored as fuzzy (stale, needing review): the source flagged the translation outdated, or
    the article was updated after it."""
    samples_removed: tuple[str, ...] = ()
    """``helpkit init``'s sample content, never edited, removed: the imported articles replace it."""
    samples_kept: tuple[str, ...] = ()
    """``helpkit init``'s sample content kept, each with why (edited here, or another article links to it)."""
    conflicts: tuple[str, ...] = ()
    """Articles edited here and changed in the export: left as they are (also in :attr:`skipped`), each with its
    source id."""
    gone: tuple[str, ...] = ()
    """Articles imported from this source before that the export no longer has: left as they are, each with its
    source id."""
    again: bool = False
    """The help center already had articles of this source: the imported ones are listed (new in the export)."""

    def text(self) -> str:
        """The summary shown at the end of an import."""
        lines = [*(f"skipped: {s}" for s in self.skipped), *(f"warning: {w}" for w in self.warnings)]
        if self.samples_removed:
            lines.append(f"removed the sample content helpkit init wrote, never edited: "
                         f"{', '.join(self.samples_removed)}")
        lines += [f"kept {k}" for k in self.samples_kept]
        if self.again and self.imported:
            lines.append("new in the export (or deleted here since the last import): imported")
            lines += [f"  {i}" for i in self.imported]
        if self.updated:
            lines += ["changed in the export and not edited here: updated", *(f"  {u}" for u in self.updated)]
        if self.kept:
            lines.append(f"{counted(len(self.kept), 'article')} edited here since the last import and unchanged in "
                         "the export: kept as is")
            lines += [f"  {k}" for k in self.kept]
        if self.conflicts:
            lines.append(f"{counted(len(self.conflicts), 'article')} edited here and changed in the export: your "
                         "version is kept; to take the export's, run again with --update --force; to merge the two, "
                         "commit your work, run with --force, then bring your edits back from git diff")
            lines += [f"  {c}" for c in self.conflicts]
        if self.gone:
            lines.append(f"{counted(len(self.gone), 'article')} imported from {self.source} before "
                         f"{'is' if len(self.gone) == 1 else 'are'} not in this export (deleted or unpublished there, "
                         "or not exported): kept; delete it here if it was deleted there")
            lines += [f"  {g}" for g in self.gone]
        if self.unresolved:
            lines.append(f"{counted(len(self.unresolved), 'link')} to articles that were not imported (original URLs "
                         "kept):")
            lines += [f"  {u}" for u in self.unresolved]
        lines.append(f"{self.source}: {len(self.imported)} imported, {len(self.updated)} updated, "
                     f"{self.unchanged} unchanged, {len(self.skipped)} skipped, "
                     f"{counted(len(self.warnings), 'warning')}")
        if self.locales:
            lines.append(f"translations ({', '.join(self.locales)}): {counted(self.reviewed, 'reviewed segment')} in "
                         f"the translation memory, {counted(len(self.whole), 'article')} kept whole")
        if self.outdated:
            lines.append(f"{counted(self.outdated, 'outdated translated segment')} (the translation is older than "
                         "its article) stored as fuzzy: review them (helpkit translations status counts them as stale)")
        if self.promoted:
            lines.append(f"popular articles on the home page (promoted in the source; helpkit.promoted in mkdocs.yml): "
                         f"{', '.join(self.promoted)}")
        lines.append(f"into {self.root}; next: helpkit check --strict, then helpkit build")
        return "\n".join(lines)


@dataclass(slots=True)
class _Planned:
    article: SourceArticle
    path: Path
    title: str
    category_title: str
    related: list[str] = field(default_factory=list)


class _Anchors:
    """Heading anchors of the planned articles, found when a link with a ``#fragment`` first needs them."""

    def __init__(self, planned: dict[Path, _Planned]) -> None:
        self._planned = planned
        self._found: dict[Path, set[str]] = {}

    def __contains__(self, path: object) -> bool:
        return path in self._planned

    def __getitem__(self, path: Path) -> set[str]:
        if path not in self._found:
            p = self._planned[path]
            self._found[path] = {s.anchor for s in sections(p.article.text.body, p.title)}
        return self._found[path]

    def find(self, path: Path, fragment: str) -> str | None:
        """The anchor a link to ``#fragment`` of the article at ``path`` goes to: the fragment itself when the
        article has that heading, the heading's anchor here when it is the source's id of one, else None."""
        known = self[path]
        fragment = dict(self._planned[path].article.text.anchors).get(fragment, fragment)
        return fragment if fragment in known else None


@dataclass(slots=True)
class _Run:
    """Mutable state of one import (counts and messages)."""

    config: ProjectConfig
    update: bool
    force: bool = False
    keep_duplicates: bool = False
    desk: str = ""
    """The export's source (``intercom``): its collection pages' links are reported."""
    kept: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    aliases: dict[str, Path] = field(default_factory=dict)
    """Source id of a duplicate not imported → the file of its twin (links to it go there)."""
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    memories: dict[str, TranslationMemory] = field(default_factory=dict)
    reviewed: int = 0
    outdated: int = 0
    whole: list[str] = field(default_factory=list)
    samples_removed: list[str] = field(default_factory=list)
    samples_kept: list[str] = field(default_factory=list)
    categories: list[Path] = field(default_factory=list)
    """Category files this import wrote (their order ties are reported once init's sample is gone)."""

    @property
    def glossary(self) -> tuple[str, ...]:
        """Terms never translated (segments are cut with them protected, as the translation stage does)."""
        return tuple(self.config.helpkit.translation.glossary)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.config.root).as_posix()

    def memory(self, locale: str) -> TranslationMemory:
        """The translation memory of ``locale`` (loaded once, saved at the end)."""
        if locale not in self.memories:
            self.memories[locale] = TranslationMemory(self.config.memory_dir / f"{locale}.po", locale,
                                                      self.config.site_name)
        return self.memories[locale]

    def reviewed_texts(self, locale: str, where: str, pairs: Iterable[tuple[str, str]],
                       kinds: Iterable[SegmentKind], outdated: bool = False) -> None:
        """Store one-line texts (titles, descriptions) and their translations as reviewed entries (``outdated``:
        as stale ones)."""
        for n, ((source, target), kind) in enumerate(zip(pairs, kinds, strict=True)):
            seg = text_segment(source, kind, self.glossary)
            if seg is not None and target.strip():
                self.store(locale, seg, _one_line(target), Occurrence(where, n), outdated)

    def store(self, locale: str, seg: Segment, target: str, occurrence: Occurrence, outdated: bool) -> None:
        """Store one translated segment (reviewed, or stale when ``outdated``) and count it."""
        changed = self.memory(locale).set_reviewed(seg.key, seg.source, target, occurrence, outdated)
        if outdated:
            self.outdated += changed
        else:
            self.reviewed += changed


def write_export(export: Export, into: Path, *, update: bool = False, force: bool = False,
                 keep_duplicates: bool = False, progress: bool = False) -> ImportSummary:
    """Write ``export`` into the help center in ``into`` (created when it has no mkdocs.yml). ``update``: replace
    articles imported before that changed in the export; ``force``: also those edited here since (implies
    ``update``); ``keep_duplicates``: import articles with the same text as another too."""
    config = _project(into, export.source_locale)
    run = _Run(config, update or force, force, keep_duplicates, export.source)
    for p in export.problems:
        (run.skipped if p.skipped else run.warnings).append(str(p))
    content = config.content_dir
    samples = _replaced_samples(content, run) if export.articles else []
    exported = {a.source_id for a in export.articles} | {p.source_id for p in export.problems if p.skipped}
    by_id, titles, slugs, bodies = _scan(content, exported, set(samples))
    earlier = sorted((path, sid) for sid, path in by_id.items() if sid.startswith(f"{export.source}:"))
    gone = [f"{run.rel(path)} [{sid}]" for path, sid in earlier if sid not in exported]
    planned = _plan(export, content, by_id, titles, slugs, bodies, run)
    targets = {**by_id, **run.aliases, **{p.article.source_id: p.path for p in planned}}
    anchors = _Anchors({p.path: p for p in planned})
    bar = click.progressbar(length=len(planned), label=f"Importing {counted(len(planned), 'article')}",
                            file=sys.stderr) \
        if progress and len(planned) >= PROGRESS_FROM else None
    for path in samples:  # before the articles: one of them may take its file name
        path.unlink()
        run.samples_removed.append(run.rel(path))
    written_now: list[_Planned] = []
    try:
        for n, p in enumerate(planned):
            if bar is not None and n % 50 == 0:
                bar.update(min(50, len(planned) - n))
            body = _resolve(p.article.text, p.path, targets, anchors, run)
            before = len(run.updated)
            written = _write_article(p, body, run)
            if written:
                written_now.append(p)
            if written or written is None and run.update:  # --update also brings changed translations over
                replaced = len(run.updated) > before  # this article's file was replaced
                for t in p.article.translations:
                    _translation(p, t, body, targets, anchors, run, replaced)
    finally:
        if bar is not None:
            bar.render_finish()
    if earlier:
        _report_unreached(planned, written_now, run)
    if export.articles:
        _remove_sample_categories(content, run)
    _report_order_ties(content, run.categories, run)  # after: a removed sample category ties with nothing
    _sync_memories(run)
    for memory in run.memories.values():
        memory.save()
    locales = sorted(run.memories.keys() | {Path(w).parent.name for w in run.whole})
    _add_locales(config, locales)
    still = [slug for slug in config.helpkit.promoted if slug not in {path.stem for path in samples}]
    promoted = [p.path.stem for p in planned if p.article.promoted and not p.article.draft
                and p.path.stem not in still]
    if promoted or still != config.helpkit.promoted:  # also when init's promoted sample article is gone
        _write_list(config, "promoted", [*still, *promoted])
    return ImportSummary(export.source, config.root, tuple(run.imported), tuple(run.updated), run.unchanged,
                         tuple(run.skipped), tuple(dict.fromkeys(run.warnings)), tuple(dict.fromkeys(run.unresolved)),
                         tuple(locales), run.reviewed, tuple(run.whole), tuple(promoted), tuple(run.kept),
                         run.outdated, tuple(run.samples_removed), tuple(run.samples_kept), tuple(run.conflicts),
                         tuple(gone), bool(earlier))


def _project(into: Path, source_locale: str) -> ProjectConfig:
    """The help center in ``into``; a new one (mkdocs.yml, content/) when there is none.

    ``source_locale`` empty (an export that does not say its language): the help center's.
    """
    path = into / "mkdocs.yml"
    if not path.exists():
        source_locale = source_locale or "en"
        text = INIT_CONFIG.format(name="Help Center").replace("source_locale: en", f"source_locale: {source_locale}")
        text = text.replace("promoted: [welcome]", "promoted: []")  # init's welcome article is not written here
        write_new_file(path, text)
        for rel, starter in project_files().items():  # the search files INIT_CONFIG names, .gitignore, the CI workflow
            if not (into / rel).exists():
                write_new_file(into / rel, starter)
        (into / "content").mkdir(exist_ok=True)
    config = load_config(path)
    if source_locale and config.source_locale != source_locale:
        raise ConfigError(f"{config.path}: 'helpkit.source_locale' is '{config.source_locale}' but the export's "
                          f"articles are written in '{source_locale}'; import into a help center in that language")
    return config


def _scan(content: Path, exported: set[str], leaving: set[Path]) -> tuple[dict[str, Path], dict[str, Path], set[str],
                                                                          similar.Index]:
    """What the help center holds: files by source id, files by title (casefolded), every slug, and the bodies of
    its articles that are not in the export (``exported``: its source ids), keyed by file; files in ``leaving``
    (init's sample articles this import removes) left out."""
    by_id: dict[str, Path] = {}
    titles: dict[str, Path] = {}
    slugs: set[str] = set()
    bodies = similar.Index()
    for path in sorted(content.rglob("*.md")):
        if any(part.startswith((".", "_")) for part in path.relative_to(content).parts) or path in leaving:
            continue
        slugs.add(path.stem)
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        meta = front_matter_of(text)
        if meta.get("source_id"):
            by_id[str(meta["source_id"])] = path
        if meta.get("title"):
            titles[str(meta["title"]).strip().casefold()] = path
        if str(meta.get("source_id") or "") not in exported:
            bodies.add(similar.body(str(path), split_front_matter(text)[1]))
    return by_id, titles, slugs, bodies


def _plan(export: Export, content: Path, by_id: dict[str, Path], titles: dict[str, Path], slugs: set[str],
          bodies: similar.Index, run: _Run) -> list[_Planned]:
    """Folder, file and title of every article, before anything is written."""
    categories = {c.key: c for c in export.categories}
    folders = _folders(export, content, by_id)
    out: list[_Planned] = []
    by_source: dict[str, SourceArticle] = {}
    planned_at: dict[str, Path] = {}
    for a in export.articles:
        first = by_source.setdefault(a.source_id, a)
        if first is not a:  # e.g. a page downloaded twice, 'articles-1 (1).json': never two files for one article
            run.skipped.append(f"{a.origin} [{a.source_id}]: also in {first.origin} (a listing saved twice?): "
                               f"imported once, from {first.origin}; delete the other file")
            continue
        body = similar.body(a.source_id, a.text.body)
        twin = bodies.twin(body)
        if twin is not None:
            other = by_source.get(twin.key)
            twin_path = planned_at[twin.key] if other else Path(twin.key)
            who = f"[{twin.key}] '{other.text.title}' ({run.rel(twin_path)})" if other else run.rel(twin_path)
            twin_title = other.text.title if other else next((t for t, p in titles.items() if p == twin_path), "")
            if a.source_id in by_id or run.keep_duplicates or twin_title.strip().casefold() != \
                    a.text.title.strip().casefold():
                run.warnings.append(f"{a.origin} [{a.source_id}]: '{a.text.title}' has the same text as {who}; both "
                                    "are kept: merge them if they are one article")
            else:
                hint = "" if other else f" (add 'source_id: {a.source_id}' to its front matter if it is this " \
                    "article, so imports update it)"
                run.skipped.append(f"{a.origin} [{a.source_id}]: '{a.text.title}' has the same text as {who}{hint}: "
                                   "not imported, links to it go there; run again with --keep-duplicates to import "
                                   "both")
                run.aliases[a.source_id] = twin_path
                continue
        bodies.add(body)
        cat = categories.get(a.category, SourceCategory(a.category, "General"))
        path = by_id.get(a.source_id)
        if path is None:
            base = slugify(a.slug or a.text.title) or f"article-{slugify(a.source_id.split(':')[-1]) or 'untitled'}"
            slug, n = base, 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            if slug != base:
                run.warnings.append(f"{a.origin} [{a.source_id}]: slug '{base}' is taken; the article is {slug}.md")
            slugs.add(slug)
            path = content / folders[a.category] / f"{slug}.md"
        title = a.text.title.strip()
        twin = titles.get(title.casefold())
        if twin is not None and twin != path:
            renamed = f"{title} ({cat.title})"
            n = 1
            while (other := titles.get(renamed.casefold())) is not None and other != path:
                n += 1
                renamed = f"{title} ({cat.title}, {n})"
            run.warnings.append(f"{a.origin} [{a.source_id}]: title '{title}' is also {run.rel(twin)}'s; "
                                f"imported as '{renamed}' (titles must be unique); edit it if you like")
            title = renamed
        titles[title.casefold()] = path
        out.append(_Planned(a, path, title, cat.title))
        planned_at[a.source_id] = path
    by_folder: dict[Path, list[_Planned]] = {}
    for p in sorted(out, key=lambda p: (p.article.order, p.title.casefold())):
        by_folder.setdefault(p.path.parent, []).append(p)
    _relate([[p for p in group if not p.article.draft] for group in by_folder.values()])
    for group in by_folder.values():  # a draft relates to its category's first published article
        first = next((p.path.stem for p in group if not p.article.draft), None)
        for p in group:
            if p.article.draft and first:
                p.related = [first]
    settled = {a.category for a in export.articles if a.source_id in by_id}
    _write_categories(export, content, folders, {p.article.category for p in out}, settled, run)
    return out


def _report_unreached(planned: list[_Planned], written: list[_Planned], run: _Run) -> None:
    """A warning for each article new in a re-import that no article ``written`` now links to or lists as related:
    its neighbours, unchanged in the export, are left as they are, so nothing leads to it (``check --strict`` calls
    it an orphan); the warning names the neighbour to list it in."""
    at = {p.path.stem: p.path for p in planned}
    new = set(run.imported)
    listed = {r for q in written for r in q.related}  # an article never lists itself (_relate)
    linked = {r.target for q in written for r in q.article.text.links if r.target != q.article.source_id}
    for p in written:
        if run.rel(p.path) not in new or p.article.draft or p.article.promoted or p.path.stem in listed \
                or p.article.source_id in linked:
            continue
        near = next((run.rel(at[r]) for r in p.related if r in at), "an article near it")
        run.warnings.append(f"{run.rel(p.path)}: new in the export, and no article lists it in 'related' or links "
                            f"to it (its neighbours did not change in the export, so they are left as they are): "
                            f"add '{p.path.stem}' to the 'related' list of {near}")


def _replaced_samples(content: Path, run: _Run) -> list[Path]:
    """``helpkit init``'s sample articles (:data:`SAMPLE_CONTENT`) that the imported articles replace: those still as
    init wrote them that no other article links to or lists as related. The others are named in ``run``."""
    out = []
    for rel in SAMPLE_CONTENT:
        path = content / rel
        if path.suffix != ".md" or not path.is_file():
            continue
        if not is_unedited_sample(content, path):
            run.samples_kept.append(f"{run.rel(path)}, the sample article helpkit init wrote: it was edited here "
                                    "(delete it if the imported articles replace it)")
            continue
        linked = next((other for other in sorted(content.rglob("*.md")) if other != path and _links_to(other, path)),
                      None)
        if linked is not None:
            run.samples_kept.append(f"{run.rel(path)}, the sample article helpkit init wrote: {run.rel(linked)} "
                                    "links to it (remove the link, then the file)")
            continue
        out.append(path)
    return out


def _links_to(path: Path, target: Path) -> bool:
    """Whether the article at ``path`` links to the file ``target`` or lists its slug in ``related``."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    related = front_matter_of(text).get("related")
    if target.stem in (related if isinstance(related, list) else []):
        return True
    _, body, line = split_front_matter(text)
    return any(linked_file(path, link.target) == target.resolve() for link in outline(body, "", first_line=line).links)


def _remove_sample_categories(content: Path, run: _Run) -> None:
    """Remove ``helpkit init``'s sample category files (and their folders once empty) that hold no article any more:
    as init wrote them; an edited one is kept and named."""
    for rel in SAMPLE_CONTENT:
        path = content / rel
        if path.name != CATEGORY_FILE or not path.is_file() or any(path.parent.rglob("*.md")):
            continue
        if not is_unedited_sample(content, path):
            run.samples_kept.append(f"{run.rel(path)}, the sample category helpkit init wrote: it holds no article "
                                    "but was edited here (delete its folder if you do not need it)")
            continue
        path.unlink()
        run.samples_removed.append(run.rel(path))
        if not any(path.parent.iterdir()):
            path.parent.rmdir()


def _folders(export: Export, content: Path, by_id: dict[str, Path]) -> dict[str, str]:
    """The folder of each source category: where its articles already are (the one holding most of them, on a tie
    the one named for it: an article moved here to another folder does not take its category's new articles
    along), else a new slug of its title."""
    found: dict[str, list[str]] = {}
    for a in export.articles:
        if a.source_id in by_id:
            found.setdefault(a.category, []).append(by_id[a.source_id].relative_to(content).parts[0])
    own = {c.key: slugify(c.folder or c.title) or "general" for c in export.categories}
    folders = {key: max(dict.fromkeys(held), key=lambda f: (held.count(f), f == own.get(key)))
               for key, held in found.items()}
    used = set(folders.values())
    for c in export.categories:
        if c.key in folders:
            continue
        base = own[c.key]
        folder, n = base, 1
        while folder in used:
            n += 1
            folder = f"{base}-{n}"
        folders[c.key] = folder
        used.add(folder)
    for a in export.articles:
        folders.setdefault(a.category, "general")
    return folders


def _relate(groups: list[list[_Planned]]) -> None:
    """Each article relates to its neighbours in its category; a category's only article to the next
    category's first (and back), so every article is some article's related one."""
    for group in groups:
        for i, p in enumerate(group):
            p.related += [group[j].path.stem for j in (i - 1, i + 1) if 0 <= j < len(group)]
    groups = [g for g in groups if g]
    if len(groups) > 1:
        for k, group in enumerate(groups):
            if len(group) == 1:
                other = groups[(k + 1) % len(groups)][0]
                group[0].related.append(other.path.stem)
                other.related.append(group[0].path.stem)
    for group in groups:
        for p in group:
            p.related = list(dict.fromkeys(r for r in p.related if r != p.path.stem))


def _write_categories(export: Export, content: Path, folders: dict[str, str], used: set[str], settled: set[str],
                      run: _Run) -> None:
    """Write each used category's ``_category.yml`` when missing; merge into one the help center already had in
    that folder when the category is new here (not ``settled``: none of its articles was imported before)."""
    written: list[Path] = []
    for c in export.categories:
        if c.key not in used:
            continue
        path = content / folders[c.key] / CATEGORY_FILE
        meta: dict[str, object] = {"title": c.title, "description": _one_line(c.description), "order": c.order}
        if not path.exists():
            write_new_file(path, _yaml(meta))
        elif c.key in settled:
            continue
        else:
            _merge_category(path, meta, run)
        written.append(path)
        for t in c.translations:
            run.reviewed_texts(t.locale, run.rel(path), [(c.title, t.title), (_one_line(c.description), t.description)],
                               [SegmentKind.TITLE, SegmentKind.DESCRIPTION])
    run.categories.extend(written)


def _merge_category(path: Path, meta: dict[str, object], run: _Run) -> None:
    """The export's title, description and order written into a category the help center already had (its other
    keys kept), and the change reported."""
    old = _category_meta(path)
    if old is None:
        run.warnings.append(f"{run.rel(path)}: not valid YAML, so the export's '{meta['title']}' was not merged into "
                            "it; fix the file (helpkit check names the line) and import again")
        return
    changed = [f"{k} {old.get(k)!r} → {v!r}" for k, v in meta.items() if k in old and old.get(k) != v]
    merged = {**meta, **{k: v for k, v in old.items() if k not in meta}}
    if merged == old:
        return
    ordered = {k: merged[k] for k in CATEGORY_KEYS if k in merged} | merged
    _replace(path, _yaml(ordered))
    run.warnings.append(f"{run.rel(path)}: the help center already had this category; the export's "
                        f"'{meta['title']}' was merged into it and its values replace the old ones"
                        + (f" ({'; '.join(changed)})" if changed else "") + "; edit the file to keep others")


def _category_meta(path: Path) -> dict[str, object] | None:
    """A ``_category.yml``'s keys ({} when empty); None when it is not a YAML mapping (the loader reports it)."""
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError:
        return None
    return meta if isinstance(meta, dict) else None


def _report_order_ties(content: Path, written: list[Path], run: _Run) -> None:
    """A warning for each category written by this import whose ``order`` is another category's too."""
    orders: dict[Path, object] = {}
    for path in sorted(content.glob(f"*/{CATEGORY_FILE}")):
        meta = _category_meta(path)
        if meta is not None:
            orders[path] = meta.get("order", 0)
    for n, path in enumerate(written):
        twins = [run.rel(p) for p, order in orders.items()
                 if p != path and order == orders.get(path) and p not in written[:n]]  # each pair said once
        if twins:
            run.warnings.append(f"{run.rel(path)}: order {orders[path]} is also {', '.join(twins)}'s: the home page "
                                "sorts them by title; give one of them another order")


def _resolve(text: SourceText, here: Path, targets: dict[str, Path], anchors: _Anchors,
             run: _Run, source: bool = True) -> str:
    """The body with ``hk:N`` links made relative ``.md`` links and ``hk-file:N`` files made ``images/...``.

    ``source``: the source-language text, whose links to its own missing headings lose their link."""

    def link(m: re.Match[str]) -> str:
        ref = text.links[int(m.group(2))]
        target = targets.get(ref.target)
        if target is None:
            run.unresolved.append(f"{run.rel(here)}: {ref.original} ({ref.target})")
            if urlsplit(ref.original).scheme or ref.original.startswith("/"):
                return f"{m.group(1)}]({ref.original})"
            return m.group(1)[1:]  # a relative link to a page that is not here would be broken: its text stays
        rel = Path(os.path.relpath(target, here.parent)).as_posix()
        fragment = anchors.find(target, ref.fragment) if ref.fragment and target in anchors else ref.fragment
        if fragment is None:
            run.warnings.append(f"{run.rel(here)}: link {ref.original}: {run.rel(target)} has no heading "
                                f"'#{ref.fragment}'; linked to the article's top")
        elif fragment:
            rel += f"#{fragment}"
        return f"{m.group(1)}]({rel})"

    def file(m: re.Match[str]) -> str:
        ref = text.files[int(m.group(1))]
        return f"](images/{here.stem}/{_file_name(ref.name)})"

    def own(m: re.Match[str]) -> str:
        if here not in anchors:
            return m.group(0)
        found = anchors.find(here, m.group(2))
        if found is not None:
            return f"{m.group(1)}](#{found})"
        run.warnings.append(f"{run.rel(here)}: link #{m.group(2)}: no such heading in the article (also not in the "
                            "source); its text is kept without the link")
        return m.group(1)[1:]

    body = _FILE.sub(file, _LINK.sub(link, text.body))
    for url in _URL.findall(body):
        if group_page(url, run.desk):
            run.warnings.append(f"{run.rel(here)}: link {url} goes to a collection or section page of the old help "
                                "center, which this one does not have; kept, it breaks once the old help center is "
                                "gone: link an article instead, or remove the link")
    return _OWN_ANCHOR.sub(own, body) if source else body


def _file_name(name: str) -> str:
    """The name an attachment is copied under, which a Markdown link takes as it is: a space ends a link's path
    for CommonMark (``helpkit check`` saw no image in ``![](Screenshot 2024-03-02 at 10.15.22.png)``, which the
    site shows), so ``Screenshot-2024-03-02-at-10.15.22.png``; brackets go (``image (1).png`` → ``image-1.png``)."""
    return re.sub(r"\s+", "-", re.sub(r"[()<>\[\]]", "", name)).strip("-") or "file"


def _write_article(p: _Planned, body: str, run: _Run) -> bool | None:
    """Write one article and its files: True when written (new or updated), None when unchanged, False when
    skipped (it differs and there is no ``--update``)."""
    a = p.article
    meta: dict[str, object] = {"title": p.title, "description": _one_line(a.text.description) or first_sentence(body)}
    if a.keywords:
        meta["keywords"] = list(dict.fromkeys(a.keywords))
    if a.order:
        meta["order"] = a.order
    if p.related:
        meta["related"] = p.related
    if a.draft:
        meta["draft"] = True
    if a.updated:
        meta["updated"] = a.updated
    meta["source_id"] = a.source_id
    old = p.path.read_text(encoding="utf-8") if p.path.exists() else None
    if old is not None:  # what only this help center writes stays (a moved article's old addresses)
        here = front_matter_of(old)
        meta |= {k: here[k] for k in LOCAL_KEYS if here.get(k)}
    exported = export_hash(a.text, a)
    text = _stamped(meta, body, exported)
    files = [(f.path, p.path.parent / "images" / p.path.stem / _file_name(f.name))
             for t in (a.text, *a.translations) for f in t.files]
    shown = run.rel(p.path)
    if old is not None:
        files_same = all(_same_file(s, d) for s, d in files)
        if old == text and files_same:
            run.unchanged += 1
            return None
        mine = _local_edits(p.path, old, text, exported, files_same, f"{a.origin} [{a.source_id}]", a.source_id,
                            run)
        if mine is not True:
            run.unchanged += 1 if mine is None else 0
            return mine
        if not run.update:
            run.skipped.append(f"{a.origin} [{a.source_id}]: {shown} exists and differs from the export; "
                               "run again with --update to replace it")
            return False
        _replace(p.path, text)
        run.updated.append(shown)
    else:
        write_new_file(p.path, text)
        run.imported.append(shown)
    for src, dst in files:
        if not _same_file(src, dst):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return True


def _stamped(meta: dict[str, object], body: str, exported: str) -> str:
    """An imported file's text: front matter ``meta`` with its ``import_hash`` and ``export_hash`` (``exported``)
    last, then ``body``."""
    text = f"---\n{_yaml(meta)}---\n\n{body}"
    return f"---\n{_yaml(meta)}{IMPORT_HASH}: {import_hash(text)}\n{EXPORT_HASH}: {exported}\n---\n\n{body}"


def _local_edits(path: Path, old: str, text: str, exported: str, files_same: bool, who: str, sid: str,
                 run: _Run) -> bool | None:
    """Whether an imported file that differs from its new ``text`` may be replaced: True when the export changed it
    (``exported``: its :func:`export_hash` now) and it was not edited here (or ``--force``); None when it is left
    as it is (the export did not change it: kept when edited here, else unchanged, however its neighbours, folder
    or file name changed here; or written by an older helpkit exactly as now: its hashes added); False when it is
    skipped (edited here, or perhaps, and changed in the export), reported with ``who`` and listed with ``sid``.
    ``old``: the file's text now. Edited means what it says changed (:func:`import_hash`), not its bytes."""
    recorded, was, said = _recorded(old, IMPORT_HASH), _recorded(old, EXPORT_HASH), import_hash(old)
    if not recorded:  # written by an older helpkit: what it was is not known
        if _byte_hash(old) == _byte_hash(text) and files_same:
            _replace(path, text)  # exactly as now: only the hashes are added
            return None
        edited = changed = said != import_hash(text)
    elif was:
        edited, changed = recorded not in (said, _byte_hash(old)), was != exported
    else:  # imported before export_hash: its import_hash was of the bytes the import wrote
        changed = recorded not in (_byte_hash(text), import_hash(text))
        edited = recorded not in (said, _byte_hash(old)) and (changed or said != import_hash(text))
        if not changed and _byte_hash(old) == _byte_hash(text):
            _replace(path, text)  # as imported, and the export the same: export_hash is added
            return None
    if not changed:
        if edited:
            run.kept.append(run.rel(path))
        return None
    if not edited or run.force:
        return True
    run.conflicts.append(f"{run.rel(path)} [{sid}]")
    why = "was edited here since the last import" if recorded else \
        f"has no {IMPORT_HASH} (written by an older helpkit), so it may have been edited here"
    run.skipped.append(f"{who}: {run.rel(path)} differs from the export and {why}: your version is kept; copy the "
                       "export's changes in by hand, or run again with --force to replace it with the export's "
                       "(local edits are lost)")
    return False


def _translation(p: _Planned, t: SourceText, body: str, targets: dict[str, Path], anchors: _Anchors,
                 run: _Run, replaced: bool = False) -> None:
    """A translated article: reviewed segments when its blocks line up with the source's, else a whole page.
    Its segments are stale (fuzzy) instead when the source flagged it outdated, or when ``replaced`` (``--update``
    brought a changed article over) and the translation was last updated before the article."""
    outdated = t.outdated or replaced and t.updated is not None and p.article.updated is not None \
        and t.updated < p.article.updated
    config = run.config
    translated = _resolve(t, p.path, targets, anchors, run, source=False)
    source_desc = _one_line(p.article.text.description) or first_sentence(body)
    desc = _one_line(t.description) or first_sentence(translated)
    pairs = _pairs(body, translated, run.glossary)
    whole = whole_dir(config.memory_dir, t.locale) / f"{p.path.stem}.md"
    if pairs is None:
        exported = export_hash(t)
        text = _stamped({"title": t.title, "description": desc, "source_id": p.article.source_id}, translated,
                        exported)
        who = f"{p.article.origin} [{p.article.source_id}] {t.locale}"
        old = whole.read_text(encoding="utf-8") if whole.is_file() else None
        if old is None or old != text and _local_edits(whole, old, text, exported, True, who,
                                                       f"{p.article.source_id} {t.locale}", run):
            _replace(whole, text)
        run.whole.append(run.rel(whole))
        return
    whole.unlink(missing_ok=True)
    where = run.rel(p.path)
    run.reviewed_texts(t.locale, where, [(p.title, t.title), (source_desc, desc)],
                       [SegmentKind.TITLE, SegmentKind.DESCRIPTION], outdated)
    for n, (seg, target) in enumerate(pairs, start=2):
        run.store(t.locale, seg, target, Occurrence(where, n), outdated)


def _sync_memories(run: _Run) -> None:
    """Bring the translation memories in line with the help center as the build does (its entries, their order), so
    an import and a build write the same PO file and an ``--update`` changes it only where the content changed.
    Left as they are when the content does not load (the build fails on that too, and syncs once it is fixed)."""
    if not run.memories:
        return
    try:
        center = load_help_center(run.config)
    except ContentErrors:
        return
    for locale, memory in run.memories.items():
        sync_memory(memory, locale_segments(center, run.config, locale)[1])


def _pairs(source: str, translated: str, glossary: tuple[str, ...]) -> list[tuple[Segment, str]] | None:
    """(source segment, translated text) for every block, or None when the block structures differ."""
    src = segment_markdown(source, glossary).segments
    dst = segment_markdown(translated, glossary).segments
    if len(src) != len(dst) or any(a.kind != b.kind for a, b in zip(src, dst, strict=True)):
        return None
    if any(compare(a.protected, b.protected) is not None for a, b in zip(src, dst, strict=True)):
        return None
    return [(a, b.source) for a, b in zip(src, dst, strict=True)]


def first_sentence(markdown: str, limit: int = 160) -> str:
    """A description from the body: its first sentence of text (no heading, list, table, code or admonition) that
    reads as a summary. A lead-in (a paragraph ending in ``:``, "try these steps in order:") and a sentence of
    fewer than :data:`SUMMARY_WORDS` words (a connecting question, "Still stuck?", or an aside, "Sorry about
    that!") are skipped for the next sentence; when there is none, the first lead-in is used, ending in a full
    stop, else the first short sentence."""
    lead = short = ""
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith(("#", "!!!", "|", "-", "*", "```", "<", "![", ">", "    ")) \
                or re.match(r"\d+\.", block):
            continue
        plain = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", block)
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain)
        plain = " ".join(re.sub(r"[*_`\\]", "", plain).split())
        for sentence in re.findall(r".+?[.!?](?=\s|$)|.+?$", plain):
            sentence = sentence.strip()
            if sentence.endswith(":"):
                lead = lead or sentence[:-1].rstrip() + "."
            elif len(sentence.split()) < SUMMARY_WORDS:
                short = short or sentence
            else:
                return _clip(sentence, limit)
    return _clip(lead or short, limit)


def _clip(sentence: str, limit: int) -> str:
    return sentence[:limit].rsplit(" ", 1)[0] + " ..." if len(sentence) > limit else sentence


LOCAL_KEYS = ("redirect_from",)
"""Front matter keys only this help center writes (``helpkit build`` asks for ``redirect_from`` after a move): an
import never writes them, so adding one is no edit, and a re-import that updates the article keeps them."""


def import_hash(text: str) -> str:
    """The hash an imported article records of itself: of what it says, its front matter's values (the hash keys
    left out, the keys' order and YAML's layout ignored) and the HTML its body renders to
    (:func:`~helpkit.markdown.page_html`). An edit to a value or to what the page says changes it; a formatter's run
    (indented YAML lists, re-wrapped lines, ``*`` bullets, ``_`` emphasis, table padding) does not."""
    _, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    meta = {k: v for k, v in front_matter_of(text).items() if k not in (IMPORT_HASH, EXPORT_HASH, *LOCAL_KEYS)}
    return _digest(json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False) + "\n" + page_html(body))


def _byte_hash(text: str) -> str:
    """What ``import_hash`` was before it hashed what an article says: its text without the hash lines (line endings
    as written). Articles imported then still carry it, so it is still read."""
    return _digest(_HASH_LINE.sub("", text.replace("\r\n", "\n")))


def export_hash(text: SourceText, article: SourceArticle | None = None) -> str:
    """The hash of what the export gave for an article (``text``, one language of it, and ``article``'s own values),
    recorded beside :func:`import_hash` so a re-import tells a change in the export from a change here. Not a hash of
    the file the export became: that also depends on the help center (the neighbours named in ``related``, the
    relative paths of links, the image folder), which a move or a rename here changes and the export does not."""
    files = [(f.name, hashlib.sha256(f.path.read_bytes()).hexdigest() if f.path.is_file() else "") for f in text.files]
    said: list[object] = [text.title, text.description, text.body, [(r.target, r.fragment, r.original)
                                                                  for r in text.links], files, list(text.anchors)]
    if article is not None:
        said += [list(article.keywords), article.order, article.draft, str(article.updated or "")]
    return _digest(json.dumps(said, ensure_ascii=False))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _recorded(text: str, key: str) -> str:
    """The hash an imported file records under ``key`` (read as text: YAML would take ``0123...`` for a number)."""
    m = re.search(rf"^{key}:[ \t]*['\"]?([0-9a-f]+)['\"]?[ \t]*$", split_front_matter(text)[0] or "", re.MULTILINE)
    return m.group(1) if m else ""


def _yaml(meta: dict[str, object]) -> str:
    """Front matter text: keys in the given order, Unicode as is, one line per value (libyaml when present)."""
    return yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _same_file(src: Path, dst: Path) -> bool:
    return dst.is_file() and dst.stat().st_size == src.stat().st_size and dst.read_bytes() == src.read_bytes()


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _add_locales(config: ProjectConfig, found: Iterable[str]) -> None:
    """Add the locales found to ``helpkit.locales`` in mkdocs.yml (its other lines and comments kept)."""
    new = [code for code in found if code not in config.helpkit.locales and code != config.source_locale]
    if new:
        _write_list(config, "locales", [*config.helpkit.locales, *new])


def _write_list(config: ProjectConfig, key: str, codes: Sequence[str]) -> None:
    """Write ``helpkit.<key>: [codes...]`` into mkdocs.yml (its other lines and comments kept)."""
    text = config.path.read_text(encoding="utf-8")
    line = f"{key}: [{', '.join(codes)}]"
    m = re.search(rf"^(helpkit:[^\n]*\n(?:(?:[ \t]+[^\n]*|[ \t]*)\n)*?)([ \t]+){key}:[^\n#]*", text, re.MULTILINE)
    if m:
        text = text[:m.start(2)] + m.group(2) + line + " " + text[m.end():].lstrip(" ")
        text = text.replace(line + " \n", line + "\n")
    elif re.search(r"^helpkit:[ \t]*\n", text, re.MULTILINE):
        text = re.sub(r"^helpkit:[ \t]*\n", lambda mm: f"{mm.group(0)}  {line}\n", text, count=1, flags=re.MULTILINE)
    else:
        text = text.rstrip("\n") + f"\n\nhelpkit:\n  {line}\n"
    _replace(config.path, text)
