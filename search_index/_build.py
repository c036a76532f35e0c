"""Compiling one locale's articles: the Whoosh index, the score table, the lexicon, the stamp."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage, RamStorage, Storage

from helpkit import __version__
from helpkit.files import replacing_dir
from helpkit.model import Article
from search_index import _whoosh
from search_index._analysis import analyzer_for
from search_index._confidence import MAX_KEYS, MIN_KEYS, Cutoff, article_keys, calibrate, spread
from search_index._files import INDEX_FORMAT, LEXICON, MEANING, STAMP, TABLE, WHOOSH_DIR
from search_index._meaning import MeaningTable, build_meaning, vector_without
from search_index._phrases import Phrase, article_phrases
from search_index._synonyms import Group, read_synonyms
from search_index._table import DocInfo, LexiconEntry, ScoreTable, lexicon, score_table, write_lexicon


@dataclass(frozen=True, slots=True)
class Compiled:
    """One locale's articles, compiled for search."""

    locale: str
    """The locale."""
    docs: tuple[DocInfo, ...]
    """Articles by document number."""
    table: ScoreTable
    """Every term's per-article scores."""
    lexicon: dict[str, list[LexiconEntry]]
    """Known words by group, for typo correction."""
    synonyms: tuple[Group, ...]
    """Analyzed synonym groups."""
    phrases: tuple[tuple[Phrase, ...], ...]
    """Each article's title and keyword phrases (:mod:`search_index._phrases`), by document number."""
    meaning: MeaningTable | None = None
    """Meaning vectors (:mod:`search_index._meaning`), None for a language without a model."""
    cutoff: Cutoff = Cutoff()
    """Where a confident first hit starts, derived from these articles (:mod:`search_index._confidence`)."""


def compile_articles(
    articles: Sequence[Article], locale: str, storage: Storage, *, synonyms: Path | None = None, meaning: bool = True
) -> Compiled:
    """Index ``articles`` with Whoosh into ``storage`` and derive the score table and lexicon from it."""
    groups = read_synonyms(synonyms, analyzer_for(locale))
    written = _whoosh.write(storage, articles, locale)
    with written.index.searcher(weighting=_whoosh.BM25F()) as searcher:
        stored = list(searcher.all_stored_fields())
        places = dict(zip((a.slug for a in articles), written.places, strict=True))
        table = score_table(searcher, [places[f["slug"]] for f in stored])
    by_slug = {a.slug: a for a in articles}
    docs = tuple(_doc_info(f["slug"], f["title_text"], f["url"], f["summary"], by_slug[f["slug"]]) for f in stored)
    analyzer = analyzer_for(locale)
    phrases = tuple(tuple(article_phrases(a, analyzer)) for a in articles)
    vectors = build_meaning([by_slug[d.slug] for d in docs], analyzer) if meaning else None  # by document number
    compiled = Compiled(locale, docs, table, lexicon(written.words, table), groups, phrases, vectors)
    weights = dict(zip((a.slug for a in articles), written.weights, strict=True))
    return dataclasses.replace(compiled, cutoff=derive_cutoff(compiled, [by_slug[d.slug] for d in docs],
                                                              [weights[d.slug] for d in docs]))


def _doc_info(slug: str, title: str, url: str, summary: str, article: Article) -> DocInfo:
    """What a hit on ``article`` shows (its stored fields), and in which language when not the index's."""
    headings = [s for s in article.sections if s.anchor]
    languages = tuple(s.language for s in headings) if any(s.language for s in headings) else ()
    return DocInfo(slug, title, url, summary, len(article.questions), tuple((s.anchor, s.title) for s in headings),
                   article.title_language, article.description_language, languages)


def derive_cutoff(compiled: Compiled, articles: Sequence[Article], weights: Sequence[dict[str, float]]) -> Cutoff:
    """The confidence cut-offs of a compiled index, from its articles' keys (``articles`` and each one's field
    occurrence weights, by document number; :mod:`search_index._confidence`)."""
    from search_index._engine import Engine

    keys = spread([k for d, (a, w) in enumerate(zip(articles, weights, strict=True))
                   for k in article_keys(a, d, w)], MAX_KEYS)
    if len(keys) < MIN_KEYS:
        return Cutoff(keys=len(keys))
    analyzer = analyzer_for(compiled.locale)
    table = compiled.meaning
    vectors = [vector_without(table, articles[k.doc], analyzer, k.field, k.text) if table is not None else None
               for k in keys]
    return calibrate(Engine.compiled(compiled)._samples(keys, vectors), meaning=table is not None)


def build_index(
    articles: Sequence[Article], locale: str, index_dir: Path, *, synonyms: Path | None = None, meaning: bool = True
) -> Compiled:
    """Write ``index_dir / locale``: Whoosh files, score table, lexicon and stamp, replacing the old one atomically.

    Returns the compiled index, so the browser index can be written from it without indexing twice."""
    with replacing_dir(index_dir / locale) as tmp:
        (tmp / WHOOSH_DIR).mkdir()
        compiled = compile_articles(articles, locale, FileStorage(str(tmp / WHOOSH_DIR)), synonyms=synonyms,
                                    meaning=meaning)
        compiled.table.save(tmp / TABLE)
        write_lexicon(tmp / LEXICON, compiled.lexicon)
        if compiled.meaning is not None:
            compiled.meaning.save(tmp / MEANING)
        stamp = {
            "helpkit": __version__, "format": INDEX_FORMAT, "locale": locale,
            "docs": [[d.slug, d.title, d.url, d.description, d.questions, [list(s) for s in d.sections]]
                     for d in compiled.docs],
            "synonyms": [[list(p) for p in g] for g in compiled.synonyms],
            "phrases": [[list(p) for p in doc] for doc in compiled.phrases],
            "confidence": dataclasses.asdict(compiled.cutoff),
        }
        (tmp / STAMP).write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
    return compiled


class _PrivateRamStorage(RamStorage):
    """Whoosh's RamStorage spills to ``<tmp>/MAIN.tmp``, one folder shared by every process: two locales
    indexed at once delete each other's files. This one spills to a folder of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.spill_dirs: list[str] = []

    def temp_storage(self, name: str | None = None) -> FileStorage:
        self.spill_dirs.append(tempfile.mkdtemp(prefix="helpkit-whoosh-"))
        return FileStorage(self.spill_dirs[-1]).create()

    def remove_spill_dirs(self) -> None:
        for d in self.spill_dirs:
            shutil.rmtree(d, ignore_errors=True)


def compile_in_memory(
    articles: Sequence[Article], locale: str, *, synonyms: Path | None = None, meaning: bool = True
) -> Compiled:
    """:func:`compile_articles` without touching the disk (the browser index is built this way)."""
    storage = _PrivateRamStorage()
    try:
        return compile_articles(articles, locale, storage, synonyms=synonyms, meaning=meaning)
    finally:
        storage.remove_spill_dirs()

