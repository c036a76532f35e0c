"""Words of ticket and article text, shared by topic labels and keyword candidates.

Stop words depend on the text's language, which :func:`language` guesses from the function words it uses (the
stop-word lists of ``whoosh.lang`` for Spanish, German, French, Portuguese, Italian and Dutch; scikit-learn's list
for English). On top of them, :data:`FILLER` holds the words of greetings, thanks and help-desk stock phrases in
those languages ("hola", "gracias", "faq", "asap"), which never name what a ticket is about.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from whoosh.lang import stopwords_for_language

LANGUAGES = ("en", "es", "de", "fr", "pt", "it", "nl")
"""Languages :func:`language` tells apart."""

FILLER = frozenset({
    # English: ticket filler, greetings, thanks, sign-offs, redaction placeholders
    "please", "help", "hi", "hello", "hey", "dear", "thanks", "thank", "thx", "regards", "cheers", "sincerely",
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
    "hilfe", "kann", "tun", "wie", "warum",
    # French
    "bonjour", "merci", "svp", "cordialement", "aide", "comment", "pourquoi",
    # Portuguese
    "olá", "obrigado", "obrigada", "ajuda", "desde", "consigo", "como",
})
"""Words that never make a label or a keyword candidate in any language."""


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The stop words of a language (``""``: English), :data:`FILLER` included."""
    base = frozenset(ENGLISH_STOP_WORDS) | FILLER
    if lang and lang != "en" and lang in LANGUAGES:
        return base | frozenset(stopwords_for_language(lang))
    return base

STOP_WORDS = stop_words("en")
"""English stop words and :data:`FILLER` (kept for callers that have no language)."""

_WORD = re.compile(r"[^\W\d_](?:[\w']*[^\W_])?")


@lru_cache(maxsize=1)
def _evidence() -> dict[str, dict[str, float]]:
    """Per function word, the languages it belongs to and its weight (1 / number of languages sharing it)."""
    lists = {lang: set(stopwords_for_language(lang)) for lang in LANGUAGES if lang != "en"}
    lists["en"] = set(ENGLISH_STOP_WORDS)
    owners: dict[str, list[str]] = {}
    for lang, ws in lists.items():
        for w in ws:
            owners.setdefault(w, []).append(lang)
    return {w: {lang: 1.0 / len(langs) for lang in langs} for w, langs in owners.items()}


_MARKS = {"es": "¿¡ñ", "pt": "ãõ", "de": "ßäö", "fr": "œêèëîû"}
"""Characters that only one of :data:`LANGUAGES` writes (each counts as one function word)."""


def language(text: str) -> str:
    """The language of ``text`` among :data:`LANGUAGES`, by the function words it uses; ``""`` when it has too
    few to tell (a bare subject line, a product name)."""
    scores: dict[str, float] = {}
    evidence = _evidence()
    for w in _WORD.findall(text.casefold()):
        for lang, weight in evidence.get(w, {}).items():
            scores[lang] = scores.get(lang, 0.0) + weight
    for lang, marks in _MARKS.items():
        if n := sum(text.count(c) for c in marks):
            scores[lang] = scores.get(lang, 0.0) + n
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) + [("", 0.0), ("", 0.0)]
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 1.0 and top >= 1.5 * second else ""


def words(text: str, lang: str | None = None) -> list[str]:
    """Lower-cased content words (letters first, at least 3 characters, no stop words of the text's language,
    ``lang`` when given, else :func:`language`), in order."""
    stop = stop_words(language(text) if lang is None else lang)
    return [w for w in _WORD.findall(text.casefold()) if len(w) >= 3 and w not in stop]


def phrases(text: str, lang: str | None = None) -> set[str]:
    """The distinct content words of ``text`` and the bigrams of adjacent content words."""
    ws = words(text, lang)
    return set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False) if a != b}


def stem(word: str) -> str:
    """A crude English stem, enough to tell that ``refunds`` is in an article that says ``refund``."""
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word

