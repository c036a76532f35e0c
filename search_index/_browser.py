"""The browser index: the score table and lexicon cut into small script files, plus the search UI assets.

Layout of ``<site root>/assets/helpkit/``::

    hk-search.js, hk-search.css      the runtime (search_index/assets/) and its styles
    hk-stemmer-*.js                  Snowball stemmers for languages other than English (from Material)
    index/meta.js                    analysis settings, synonyms, shard tables, confidence cut-offs
    index/t<N>.js                    postings of a range of terms: {term: "doc,score,doc,score.place..."}
                                     (base 36, document numbers delta-encoded; ``.place`` where the term
                                     weighs most in a section, see search_index/_whoosh.py ``places``)
    index/l<N>.js                    lexicon groups (typo correction), loaded only for unknown words
    index/d<N>.js                    titles, URLs, summaries and section [anchor, heading] lists of 16 articles
                                     (then, for an article partly in another language, [lang, dir] of its parts)
    index/v<N>.js                    meaning vectors of the words whose hash falls in file N: {word: base64 int8}
                                     (languages with a model only, see search_index/_meaning.py)
    index/a<N>.js                    meaning vectors of 16 articles: [base64 int8, ...]

Every file is ``HelpkitSearch.register(name, data);``: script tags work from ``file://`` where fetch does not.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from helpkit.files import replacing_dir
from helpkit.language import part
from helpkit.model import Article
from search_index._analysis import LUNR_CODES, MAX_QUERY_TERMS, MAX_QUERY_WORDS, SNOWBALL, analyzer_for
from search_index._build import INDEX_FORMAT, Compiled, compile_in_memory
from search_index._meaning import DIMS, MAX_WORDS, RERANK, WEIGHT, MeaningTable
from search_index._query import MIN_CORRECTABLE
from search_index._scoring import K1, SCALE, SYNONYM_WEIGHT, TYPED_WEIGHT
from search_index._table import DocInfo, LexiconEntry, js_order

TERM_SHARD_BYTES = 8_000
"""Target size of a postings file: a query fetches one per distinct term (a term's postings never split)."""

LEXICON_SHARD_BYTES = 8_000
"""Target size of a lexicon file."""

DOC_CHUNK = 8
"""Articles per titles/URLs/headings file: a query loads one per result at most (at 5,000 articles, 16 rather than
32 brought a query's bytes from 168 to 140 kB median, 325 to 297 kB at most; 8 rather than 16, with the smaller
lexicon entries, from 143.8 to 129.0 kB median and 306.6 to 288.1 kB at most: bench/search_size.py)."""

VECTOR_SHARD_BYTES = 1_500
"""Target size of a word vectors file: a query fetches one per word (of its first MAX_WORDS)."""

VECTOR_CHUNK = 16
"""Articles per meaning vectors file: reordering the best candidates fetches one per candidate at most."""

RUNTIME = ("hk-search.js", "hk-search.css")


def write_browser_index(
    articles: Sequence[Article], locale: str, assets_dir: Path, *, synonyms: Path | None = None,
    compiled: Compiled | None = None, meaning: bool = True,
) -> None:
    """Write the browser index and runtime into ``assets_dir`` (replacing its index), from ``compiled``
    when the Whoosh index was just built from the same articles, else compiling them in memory."""
    if compiled is None:
        compiled = compile_in_memory(articles, locale, synonyms=synonyms, meaning=meaning)
    with replacing_dir(assets_dir / "index") as tmp:
        _write_index(compiled, tmp)
    _copy_runtime(locale, assets_dir)


def _script(name: str, data: object) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'HelpkitSearch.register("{name}",{body});\n'


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n < 36:
        return digits[n]
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out


def _packed(items: Sequence[tuple[str, object]], target: int) -> Iterator[list[tuple[str, object]]]:
    """Consecutive runs of ``items`` of about ``target`` bytes of JSON each."""
    shard: list[tuple[str, object]] = []
    size = 0
    for key, value in items:
        n = len(json.dumps([key, value], ensure_ascii=False).encode())
        if shard and size + n > target:
            yield shard
            shard, size = [], 0
        shard.append((key, value))
        size += n
    if shard:
        yield shard


def _lexicon_entry(e: LexiconEntry) -> list[str | int]:
    """A lexicon entry as the browser reads it: ``[surface, df]`` when the word is its own term (most are),
    else ``[surface, df, term]``. A third smaller than always naming the term: the lexicon files are most of
    what a query with unknown words loads (at 5,000 articles the heaviest query, 306.6 kB, loaded 45 kB of them)."""
    return [e.surface, e.df] if e.surface == e.term else [e.surface, e.df, e.term]


def _write_index(compiled: Compiled, out: Path) -> None:
    table = compiled.table
    postings: list[tuple[str, object]] = []
    for i, term in enumerate(table.terms):
        docs, scores, places = table.row(i)
        parts, prev = [], 0
        for d, s, p in zip(docs.tolist(), scores.tolist(), places.tolist(), strict=True):
            parts += [_b36(d - prev), f"{_b36(s)}.{_b36(p)}" if p else _b36(s)]
            prev = d
        postings.append((term, ",".join(parts)))
    term_firsts = []
    for n, shard in enumerate(_packed(postings, TERM_SHARD_BYTES)):
        term_firsts.append(shard[0][0])
        (out / f"t{n}.js").write_text(_script(f"t{n}", dict(shard)), encoding="utf-8")
    groups = [(g, [_lexicon_entry(e) for e in entries])
              for g, entries in sorted(compiled.lexicon.items(), key=lambda kv: js_order(kv[0]))]
    lex_firsts = []
    for n, shard in enumerate(_packed(groups, LEXICON_SHARD_BYTES)):
        lex_firsts.append(shard[0][0])
        (out / f"l{n}.js").write_text(_script(f"l{n}", dict(shard)), encoding="utf-8")
    docs = [[d.slug, d.title, d.url, d.description, [list(s) for s in d.sections], *_languages(d, compiled.locale)]
            for d in compiled.docs]
    for n in range(0, len(docs), DOC_CHUNK):
        (out / f"d{n // DOC_CHUNK}.js").write_text(_script(f"d{n // DOC_CHUNK}", docs[n:n + DOC_CHUNK]),
                                                   encoding="utf-8")
    meaning = _write_meaning(compiled.meaning, out) if compiled.meaning is not None else None
    analyzer = analyzer_for(compiled.locale)
    lang = analyzer.language
    meta = {
        "format": INDEX_FORMAT, "locale": compiled.locale,
        "lang": {"stemmer": analyzer.stemmer, "fold": analyzer.fold, "stops": sorted(analyzer.stops),
                 "lemmas": analyzer.lemmas,
                 "lunr": LUNR_CODES.get(lang, lang) if lang in SNOWBALL else None},
        "synonyms": [[list(p) for p in g] for g in compiled.synonyms],
        "terms": term_firsts, "lexicon": lex_firsts, "docChunk": DOC_CHUNK, "docs": len(docs), "scale": SCALE,
        "typedWeight": TYPED_WEIGHT, "synonymWeight": SYNONYM_WEIGHT, "maxTerms": MAX_QUERY_TERMS,
        "maxWords": MAX_QUERY_WORDS, "minCorrectable": MIN_CORRECTABLE, "meaning": meaning,
        "confidence": {"coverage": compiled.cutoff.coverage, "similarity": compiled.cutoff.similarity,
                       "close": compiled.cutoff.close, "k1": K1},
    }
    (out / "meta.js").write_text(_script("meta", meta), encoding="utf-8")


def _languages(doc: DocInfo, locale: str) -> list[list[object]]:
    """``[[title, description, [heading, ...]]]`` for an article shown partly in another language than the locale's
    (not translated yet; hk-search.js marks the result's parts with them): each ``[lang, dir]``, or 0 for a part in
    the locale's language (the headings' list: 0 when all are); nothing when every part is in it."""
    def marks(language: str) -> list[str] | int:
        found = part(language, locale)
        return [found.lang, found.dir] if found else 0

    headings = [marks(language) for language in doc.section_languages]
    parts = [marks(doc.title_language), marks(doc.description_language), headings if any(headings) else 0]
    return [parts] if any(parts) else []


def _b64(vector: object) -> str:
    return base64.b64encode(vector.tobytes()).decode("ascii")  # type: ignore[attr-defined]


def word_shard(word: str, shards: int) -> int:
    """Which v<N>.js file holds a word's vector: 32-bit FNV-1a of its UTF-16 code units (hk-search.js
    ``wordShard``), so the page needs no table of shard boundaries."""
    h = 2166136261
    data = word.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = ((h ^ (data[i] | data[i + 1] << 8)) * 16777619) & 0xFFFFFFFF
    return h % shards


def _write_meaning(meaning: MeaningTable, out: Path) -> dict[str, object]:
    """Write the v<N>.js and a<N>.js files; returns their part of meta.js."""
    vectors = [(w, _b64(v)) for w, v in zip(meaning.words, meaning.word_vectors, strict=True)]
    total = sum(len(w.encode()) + len(v) + 6 for w, v in vectors)
    shards = max(1, round(total / VECTOR_SHARD_BYTES))
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    for word, vector in vectors:
        buckets[word_shard(word, shards)][word] = vector
    for n, bucket in enumerate(buckets):
        (out / f"v{n}.js").write_text(_script(f"v{n}", bucket), encoding="utf-8")
    docs = [_b64(v) for v in meaning.doc_vectors]
    for n in range(0, len(docs), VECTOR_CHUNK):
        (out / f"a{n // VECTOR_CHUNK}.js").write_text(_script(f"a{n // VECTOR_CHUNK}", docs[n:n + VECTOR_CHUNK]),
                                                      encoding="utf-8")
    return {"dims": DIMS, "rerank": RERANK, "weight": WEIGHT, "maxWords": MAX_WORDS, "shards": shards,
            "chunk": VECTOR_CHUNK}


def _copy_runtime(locale: str, assets_dir: Path) -> None:
    package = resources.files("search_index") / "assets"
    for name in RUNTIME:
        (assets_dir / name).write_bytes((package / name).read_bytes())
    lang = analyzer_for(locale).language
    if lang in SNOWBALL:
        lunr = _material_lunr()
        code = LUNR_CODES.get(lang, lang)
        shutil.copyfile(lunr / "lunr.stemmer.support.min.js", assets_dir / "hk-stemmer-support.js")
        shutil.copyfile(lunr / f"lunr.{code}.min.js", assets_dir / f"hk-stemmer-{code}.js")


def _material_lunr() -> Path:
    """Material's copy of lunr-languages (Snowball stemmers compiled to JavaScript)."""
    from helpkit.mkdocs_internals import material_lunr

    return material_lunr()
