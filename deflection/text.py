"""Words of ticket and article text, shared by topic labels and keyword candidates.

The analysis is search's (:func:`search_index.analyzer_for`): the same tokenization, normalization, stop words and
stemmer that ranked the tickets against the articles, so a word deflection calls "the article lacks it" is a word
search does not find. On top of the stop words, :data:`FILLER` holds the words of greetings, thanks and help-desk
stock phrases ("hola", "gracias", "faq", "asap"), which never name what a ticket is about. Labels keep the words as
customers wrote them (lower-cased, accents kept); stop words and filler are matched in search's normalized form.
A text's language is guessed from the function words it uses (:func:`language`, the stop-word lists above), and
a language those cannot tell (Polish, Czech, Swedish, Hindi ...) by a language-identification model (py3langid).
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache
from typing import Any

from helpkit.errors import MissingResource
from search_index import Analyzer, analyzer_for, normalize

LANGUAGES = ("en", "es", "de", "fr", "pt", "it", "nl", "tr", "ru")
"""Languages :func:`language` tells apart: those search has stop words for (Snowball's lists), but the Nordic
languages and Hungarian, whose short function words English shares ("at", "for", "is"): with them, short Spanish
and Dutch questions went untold and English ones were taken for Hungarian. Other languages, and texts with too
few function words, are told by a language-identification model (:data:`IDENTIFIED`)."""

IDENTIFIED = 0.8
"""How sure the language-identification model must be for :func:`language` to take its word: over a language
the function words named only when it is none of :data:`LANGUAGES`, or where they tell nothing. A property of
the model, not of any help center: of the 47,245 English BANKING77, CLINC150, HWU64 and HINT3 queries (cleaned;
HINT3's Hindi in Devanagari aside, which it names right), it then takes 5 more for another language than the
function words did (Nigerian Pidgin: far under the share at which the report names a language), and 1,145 they
could not tell for English; at 0.9, none, but it left "Cancelé y aun así me cobraron, quiero un reembolso" (0.87)
untold. Unrestricted, it reads 929 of the 33,111 short BANKING77 and CLINC150 queries as another language, most
of them one of :data:`LANGUAGES`: their function words decide those."""

FILLER = frozenset({
    # English: ticket filler, greetings, thanks, sign-offs, redaction placeholders
    "please", "pls", "plz", "help", "hi", "hello", "hey", "dear", "thanks", "thank", "thx", "ty", "regards", "cheers",
    "sincerely",
    "team", "everyone",
    "need", "want", "know", "just", "did", "does", "don", "doesn", "didn", "isn", "wasn", "haven", "hasn", "won",
    "can", "could", "would", "like", "ll", "ve", "re", "im", "i'm", "it's", "let", "tell", "way", "able", "got",
    "get", "use", "using", "used", "make", "sure", "yes", "okay", "ok", "really", "still", "today", "yesterday",
    "day", "days", "time", "thing", "question", "questions", "silly", "quick", "faq", "faqs", "advance",
    "appreciated", "appreciate", "asap", "urgent", "urgently", "screenshot", "attached", "iphone", "android",
    "sent", "hope", "hoping", "sorry", "wondering", "maybe", "bit", "anyone", "someone", "advise", "asked",
    "asking", "wants", "wanted",
    "didn't", "don't", "doesn't", "can't", "couldn't", "i've", "i'd", "we're", "we've", "i'll", "what's",
    "there's", "isn't", "wasn't", "haven't", "hasn't", "won't", "wouldn't", "shouldn't", "that's", "you're",
    "email", "phone", "card_number", "number", "url", "iban", "ssn", "ip",
    # Spanish
    "hola", "gracias", "saludo", "saludos", "equipo", "buenos", "buenas", "días", "dias", "tardes", "ayuda",
    "ayudar", "pregunta", "favor", "antemano", "atentamente", "estimados", "estimado", "puedo", "pueden", "hacer",
    "enviado", "quiero", "necesito", "cómo", "qué", "dónde", "cuándo", "cuál", "quién", "hace", "tengo",
    # German
    "hallo", "danke", "bitte", "frage", "grüße", "gruß", "vielen", "dank", "voraus", "freundlichen", "geehrte",
    "hilfe", "kann", "tun", "wie", "warum", "mfg", "grüßen", "gruss", "grüsse",
    # French
    "bonjour", "merci", "svp", "cordialement", "aide", "comment", "pourquoi",
    # Portuguese
    "olá", "obrigado", "obrigada", "ajuda", "desde", "consigo", "como",
})
"""Words that never make a label or a keyword candidate in any language."""


@cache
def _analyzers(lang: str) -> tuple[Analyzer, Analyzer, frozenset[str]]:
    """A language's analyzer (``""``: English), the same without accent folding (for the words as written), and
    :data:`FILLER` normalized like its stop words."""
    analyzer = analyzer_for(lang or "en")
    filler = frozenset(normalize(w, analyzer.fold) for w in FILLER)
    return analyzer, dataclasses.replace(analyzer, fold=False), filler


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The stop words of a language (``""``: English) as search normalizes them, :data:`FILLER` included."""
    analyzer, _, filler = _analyzers(lang)
    return analyzer.stops | filler


STOP_WORDS = stop_words("en")
"""English stop words and :data:`FILLER` (kept for callers that have no language)."""


@cache
def function_words(lang: str) -> frozenset[str]:
    """Every function word of a language (``""``: English): Snowball's whole list, with the particles and
    negations search keeps as words ("against", "once", "not", "on"), and :func:`stop_words`."""
    from whoosh.lang.stopwords import stoplists

    return frozenset(stoplists.get(lang or "en", ())) | stop_words(lang)


def fragment(phrase: str, lang: str = "") -> bool:
    """Whether a phrase begins or ends with a function word, so reads as a piece of a sentence rather than a
    subject ("note against", "clients once", "against")."""
    ws = phrase.split()
    return bool(ws) and (ws[0] in function_words(lang) or ws[-1] in function_words(lang))

_LETTERS = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _evidence() -> dict[str, dict[str, float]]:
    """Per function word (search's normalized form), the languages it belongs to and its weight (1 / number of
    languages sharing it)."""
    owners: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for w in analyzer_for(lang).stops:
            if len(w) > 1:
                owners.setdefault(w, []).append(lang)
    return {w: {lang: 1.0 / len(langs) for lang in langs} for w, langs in owners.items()}


_MARKS = {"es": "¿¡ñ", "pt": "ãõ", "de": "ßäö", "fr": "œêèëîû"}
"""Characters that only one of :data:`LANGUAGES` writes (each counts as one function word)."""


def language(text: str) -> str:
    """The language of ``text``: one of :data:`LANGUAGES` by the function words it uses, unless the
    language-identification model is sure (:data:`IDENTIFIED`) it is another (Polish shares "do", "to" and "nie"
    with English and German); where the function words tell nothing, or tell another language than English, the
    model's when it is sure ("Cancelé y aun así me cobraron"; "Où paramétrer les taux de TVA ?", whose "les" and "de"
    are Spanish function words too); ``""`` when they tell another language than English and the model ranks English
    first, however unsure (of 47,245 English queries the function words took 438 for another language, now 133; on
    two walkthroughs' Spanish, Portuguese, Polish and French tickets no language told right was lost), or when
    neither can tell (a bare subject line, a product name)."""
    lang, prob = _identifier().classify(text)
    sure = str(lang) if prob >= IDENTIFIED else ""
    if sure and sure not in LANGUAGES:
        return sure
    told = _by_function_words(text)
    if told not in ("", "en") and sure not in ("", "en"):
        return sure  # two of the other languages: the model reads more than a few shared words ("les" is Spanish too)
    if told not in ("", "en") and lang == "en":
        return ""  # "update on claim 55231" is not French for its "on": the model ranks English first
    return told or sure


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model (97 languages), loaded once (0.4 s) with probabilities that sum to 1; MissingResource (exit
    3) when an install made before it was a dependency lacks it."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        raise MissingResource("py3langid is not installed (helpkit reads a ticket's language with it since this "
                              "version): install helpkit again, e.g. pip install -e path/to/helpkit") from None

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _by_function_words(text: str) -> str:
    """One of :data:`LANGUAGES` by the function words ``text`` uses, ``""`` when too few tell."""
    scores: dict[str, float] = {}
    evidence = _evidence()
    _, plain, _ = _analyzers("")
    for w in plain.words(text):
        forms = {w.surface, normalize(w.surface, True)}  # German's stop words keep umlauts, the others fold
        for form in forms:
            for lang, weight in evidence.get(form, {}).items():
                scores[lang] = scores.get(lang, 0.0) + weight
    for lang, marks in _MARKS.items():
        if n := sum(text.count(c) for c in marks):
            scores[lang] = scores.get(lang, 0.0) + n
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) + [("", 0.0), ("", 0.0)]
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 1.0 and top >= 1.5 * second else ""


def words(text: str, lang: str | None = None) -> list[str]:
    """Content words as written, lower-cased (letters first, at least 3 characters), in order: not a stop word of
    the text's language (``lang`` when given, else :func:`language`) nor :data:`FILLER`."""
    analyzer, plain, filler = _analyzers(language(text) if lang is None else lang)
    out = []
    for w in plain.words(text):
        if len(w.surface) < 3 or not _LETTERS.match(w.surface):
            continue
        folded = normalize(w.surface, analyzer.fold)
        if folded not in filler and analyzer.term(folded):
            out.append(w.surface)
    return out


_CLAUSE_END = re.compile(r"[.!?;:¿¡…\n]+")
"""Where a sentence or a line ends: no bigram spans it ("staff card" from "… kitchen staff. My card …")."""


def phrases(text: str, lang: str | None = None) -> set[str]:
    """The distinct content words of ``text`` and the bigrams of content words adjacent within a sentence."""
    lang = language(text) if lang is None else lang
    out: set[str] = set()
    for part in _CLAUSE_END.split(text):
        ws = words(part, lang)
        out |= set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False) if a != b}
    return out


def stem(word: str, lang: str = "en") -> str:
    """The term search indexes for ``word`` (its stem: ``refunds`` → ``refund``), or the normalized word itself
    when search drops it (a stop word)."""
    analyzer = analyzer_for(lang or "en")
    folded = normalize(word, analyzer.fold)
    return analyzer.term(folded) or folded
