"""How many parts left in the source language get their ``lang`` mark, and whether a mark ever shows on a page.

Every segment of every article is taken as untranslated and marked (``SegmentedText.reassemble`` with
``lang="en" dir="ltr"``); each article is rendered by Python-Markdown with and without the marks. Reported per
corpus: segments, those left unmarked (where Python-Markdown may read the Markdown otherwise than markdown-it, see
``translations/segment.py``), and pages whose HTML differs once the lang/dir attributes and spans are taken away
(should be 0). Corpora: the shipped sample (``content/``) and a second domain, the Plausible Analytics docs
(``help_plausible/`` of the evaluation data, ``HELPKIT_EVAL_DIR``), written for another tool.

    python bench/language_marks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import REPO, eval_dir  # noqa: E402
from helpkit.loader import split_front_matter  # noqa: E402
from tests.test_language_of_parts import render, unmarked  # noqa: E402
from translations.segment import segment_markdown  # noqa: E402

ATTRS = 'lang="en" dir="ltr"'


def measure(files: list[Path]) -> tuple[int, int, int]:
    """(segments, left unmarked, pages that differ) over the Markdown ``files``."""
    segments = left = differ = 0
    for path in files:
        body = split_front_matter(path.read_text(encoding="utf-8"))[1]
        text = segment_markdown(body)
        for segment, span in zip(text.segments, text.spans, strict=True):
            segments += 1
            left += text.in_source(segment, span, ATTRS)[0] == text.source[span.start:span.end]
        differ += unmarked(render(text.reassemble(lambda s: None, ATTRS))) != unmarked(render(text.reassemble(
            lambda s: None)))
    return segments, left, differ


def main() -> None:
    corpora = {"sample (content/)": sorted((REPO / "content").rglob("*.md")),
               "Plausible docs": sorted((eval_dir() / "help_plausible").rglob("*.md"))}
    print(f"{'corpus':<20} {'files':>6} {'segments':>9} {'unmarked':>9} {'pages that differ':>18}")
    for name, files in corpora.items():
        if not files:
            print(f"{name:<20} (not found)")
            continue
        segments, left, differ = measure(files)
        print(f"{name:<20} {len(files):>6} {segments:>9} {left:>5} ({left / segments:.1%}) {differ:>10}")


if __name__ == "__main__":
    main()
