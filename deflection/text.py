"""Words of ticket and article text, shared by topic labels and keyword candidates."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "please", "help", "hi", "hello", "thanks", "thank", "need", "want", "know", "just", "did", "does", "don",
    "doesn", "didn", "isn", "wasn", "haven", "hasn", "won", "can", "could", "would", "like", "ll", "ve", "re",
    "im", "i'm", "it's", "let", "tell", "way", "able", "got", "get", "use", "using", "used", "make", "sure",
    "yes", "okay", "ok", "hey", "really", "still", "today", "yesterday", "day", "days", "time", "thing",
    "email", "phone", "card_number", "number", "url", "iban", "ssn", "ip",
}
"""Words that never make a label or a keyword candidate (English function words, ticket filler, placeholders)."""

_WORD = re.compile(r"[^\W\d_](?:[\w']*[^\W_])?")


def words(text: str) -> list[str]:
    """Lower-cased content words (letters first, at least 3 characters, no stop words), in order."""
    return [w for w in _WORD.findall(text.casefold()) if len(w) >= 3 and w not in STOP_WORDS]


def phrases(text: str) -> set[str]:
    """The distinct content words of ``text`` and the bigrams of adjacent content words."""
    ws = words(text)
    return set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False) if a != b}


def stem(word: str) -> str:
    """A crude English stem, enough to tell that ``refunds`` is in an article that says ``refund``."""
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word
