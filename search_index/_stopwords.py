"""Stop words per language: words too common to tell articles apart.

Whoosh's lists (from Snowball) for most languages. The English list is Whoosh's minus words that
carry meaning in support questions: negations ("not working"), "why" (asking for a reason is its
own intent) and the particles of phrasal verbs ("top up", "log in", "sign out").
"""

from __future__ import annotations

_EN_KEEP = frozenset({
    "not", "no", "nor", "why", "up", "down", "in", "out", "on", "off", "over", "again", "before", "after",
    "once", "only", "same", "few", "more", "most", "against", "under", "don", "t", "s",
})
_EN_EXTRA = frozenset({"please", "hi", "hello", "thanks", "thank", "would", "could", "can", "also", "get",
                       "im", "ive", "id", "us"})


def stop_words(language: str) -> frozenset[str]:
    """Stop words of a base language code (empty for languages without a list, e.g. ``ja``)."""
    from whoosh.lang.stopwords import stoplists

    words = frozenset(stoplists.get(language, ()))
    if language == "en":
        return (words - _EN_KEEP) | _EN_EXTRA
    return words
