"""Text analysis: the one definition of "which terms does this text contain", per language.

The same steps run in Python (indexing, ``helpkit search``, deflection) and in the browser
(``assets/hk-search.js`` mirrors them line by line), so both sides look up the same terms:

1. NFKC-normalize and lowercase; drop apostrophes inside words (``can't`` → ``cant``);
2. split into words: runs of letters, digits and combining marks;
3. Latin-script languages: fold accents (``devolución`` → ``devolucion``, users often omit them);
4. English: irregular word forms become the form the stemmer handles (``sent`` → ``send``, ``paid`` → ``pay``,
   ``delivery`` → ``deliver``: Porter alone leaves them apart);
5. drop stop words and one-letter words;
6. stem (Porter for English — :mod:`search_index._porter`, mirrored in the browser; Snowball for the other languages —
   the browser runs the Snowball programs Material ships for lunr);
7. Chinese and Japanese text (no spaces between words) becomes overlapping character bigrams,
   which needs no dictionary and is identical on both sides.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from search_index._stopwords import stop_words

WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")
"""A word: a run of letters, digits and combining marks (of normalized text)."""
_APOSTROPHE = regex.compile(r"(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])")
_CJK = regex.compile(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+")
_MARK = regex.compile(r"\p{M}+")
_DIGITS = regex.compile(r"\p{N}+")

SNOWBALL = {
    "da": "danish", "de": "german", "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian",
    "it": "italian", "nl": "dutch", "no": "norwegian", "nb": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sv": "swedish", "tr": "turkish",
}
"""Languages stemmed with Snowball (PyStemmer here, lunr-languages' Snowball port in the browser)."""

LUNR_CODES = {"nb": "no"}
"""lunr-languages file names that differ from the language code (Norwegian Bokmål uses ``lunr.no``)."""

FOLDING = {"en", "da", "es", "fi", "fr", "hu", "it", "nl", "no", "nb", "pt", "ro", "sv", "tr", "ca", "pl",
           "cs", "id"}
"""Latin-script languages whose accents are folded before stemming (not German: umlauts are typed,
and folding would turn "ändere" into the stop word "andere")."""

LEMMAS = {
    "en": {
        "sent": "send", "paid": "pay", "withdrew": "withdraw", "withdrawn": "withdraw", "took": "take",
        "taken": "take", "bought": "buy", "made": "make", "gave": "give", "given": "give", "went": "go",
        "gone": "go", "came": "come", "kept": "keep", "spent": "spend", "lent": "lend", "held": "hold",
        "told": "tell", "said": "say", "saw": "see", "seen": "see", "chose": "choose", "chosen": "choose",
        "forgot": "forget", "forgotten": "forget", "stole": "steal", "froze": "freeze", "frozen": "freeze",
        "broke": "break", "broken": "break", "wrote": "write", "written": "write", "understood": "understand",
        "delivery": "deliver", "deliveries": "deliver",
    },
}
"""Irregular forms per language, mapped before stemming (generic language data, not a help center's words)."""

MAX_QUERY_WORDS = 64
"""A query reads its first 64 words that are not stop words: a pasted 10,000-character text stays fast."""

MAX_QUERY_TERMS = 32
"""Of those, the first 32 distinct terms are looked up (plus synonyms)."""


def base_language(locale: str) -> str:
    """``pt-BR`` → ``pt``; ``en-XA`` (the pseudo-locale) → ``en``."""
    return locale.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text, as written, with where it is."""

    surface: str
    """The normalized word (lowercased, accents folded where the language folds them)."""
    term: str
    """What the index stores for it (stem, or a CJK bigram); empty for a stop word."""
    start: int
    """Offset of the word's first character in the normalized text."""
    end: int
    """Offset just after the word in the normalized text."""


@dataclass(frozen=True, slots=True)
class Analyzer:
    """A language's analysis: stop words and stemmer. Get one with :func:`analyzer_for`."""

    language: str
    """Base language code (``en``, ``es``, ``ja`` ...)."""
    stemmer: str
    """``porter``, a Snowball algorithm name, or ``none``."""
    fold: bool
    """Whether accents are folded."""
    stops: frozenset[str]
    """Stop words (normalized like the text)."""
    lemmas: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Irregular forms mapped before stemming (:data:`LEMMAS`)."""

    def words(self, text: str) -> Iterator[Word]:
        """Every word of ``normalize(text)`` with its term (empty ``term`` for stop words)."""
        norm = normalize(text, self.fold)
        if _CJK.search(norm) is None:  # the common case, without splitting each word on scripts
            term = self.term
            for m in WORD.finditer(norm):
                yield Word(m.group(), term(m.group()), m.start(), m.end())
            return
        for m in WORD.finditer(norm):
            yield from self._split(m.group(), m.start())

    def _split(self, word: str, offset: int) -> Iterator[Word]:
        pos = 0
        for cjk in _CJK.finditer(word):
            if cjk.start() > pos:
                yield self._word(word[pos:cjk.start()], offset + pos)
            yield from _bigrams(cjk.group(), offset + cjk.start())
            pos = cjk.end()
        if pos < len(word):
            yield self._word(word[pos:], offset + pos)

    def _word(self, word: str, start: int) -> Word:
        return Word(word, self.term(word), start, start + len(word))

    def term(self, word: str) -> str:
        """The index term of one normalized non-CJK word ("" if it is a stop word or a single letter)."""
        word = self.lemmas.get(word, word)
        if word in self.stops or (len(word) < 2 and not _DIGITS.fullmatch(word)):
            return ""
        return _stem(self.stemmer, word)

    def terms(self, text: str) -> list[str]:
        """The index terms of a text, in order, stop words removed (what a field stores)."""
        return [w.term for w in self.words(text) if w.term]


def normalize(text: str, fold: bool) -> str:
    """NFKC, lowercase, in-word apostrophes removed, and accents folded if ``fold``."""
    text = _APOSTROPHE.sub("", unicodedata.normalize("NFKC", text).lower())
    if fold:
        text = _MARK.sub("", unicodedata.normalize("NFD", text))
        text = unicodedata.normalize("NFC", text)
    return text


def _bigrams(run: str, start: int) -> Iterator[Word]:
    if len(run) == 1:
        yield Word(run, run, start, start + 1)
        return
    for i in range(len(run) - 1):
        yield Word(run[i:i + 2], run[i:i + 2], start + i, start + i + 2)


@functools.lru_cache(maxsize=200_000)
@functools.lru_cache(maxsize=1 << 17)
def _stem(algorithm: str, word: str) -> str:
    """The stem of one word (memoized: a help center repeats its vocabulary many times)."""
    if algorithm == "none" or _DIGITS.fullmatch(word):
        return word
    if algorithm == "porter":
        from search_index._porter import stem

        return stem(word)
    return _snowball(algorithm).stemWord(word)


@functools.cache
def _snowball(algorithm: str):  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer(algorithm)


@functools.cache
def analyzer_for(locale: str) -> Analyzer:
    """The analyzer of a locale (``en``, ``pt-BR``, ``ja`` ...); unknown languages get words without stemming."""
    lang = base_language(locale)
    stemmer = "porter" if lang == "en" else SNOWBALL.get(lang, "none")
    fold = lang in FOLDING
    stops = frozenset(normalize(w, fold) for w in stop_words(lang))
    return Analyzer(language=lang, stemmer=stemmer, fold=fold, stops=stops, lemmas=dict(LEMMAS.get(lang, {})))
