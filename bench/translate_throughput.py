"""Translation throughput with the tiny Argos model (built offline): not a test, run by hand.

    python bench/translate_throughput.py [N_SEGMENTS]

Measures (1) segments/s of helpkit's batched Argos backend (own sentence splitting, one streamed
CTranslate2 call with 64-sentence batches) against ``argostranslate.translate.translate`` called once
per segment (target: ≥ 3×), and (2) a first ``localize`` run (cold translation memory) against a
second one with no content change (warm memory: 0 segments translated).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.argos_tiny import build_tiny_argosmodel, isolate_argos  # noqa: E402

isolate_argos()

WORDS = ("open", "the", "billing", "page", "and", "click", "save", "to", "keep", "your", "changes", "then", "check",
         "the", "invoice", "list")


def _segments(n: int) -> list[str]:
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(8 + i % 9)]
        out.append(" ".join(words).capitalize() + f" {i}. " + " ".join(reversed(words[:6])).capitalize() + ".")
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    tmp = Path(tempfile.mkdtemp())
    from argostranslate import package

    package.install_from_path(build_tiny_argosmodel(tmp))
    from argostranslate import translate

    from translations.argos import ArgosBackend
    from translations.backends import split_sentences

    segments = _segments(n)
    translate.translate(segments[0], "en", "es")  # load the model once
    t0 = time.perf_counter()
    single = [translate.translate(s, "en", "es") for s in segments]
    per_call = time.perf_counter() - t0

    backend = ArgosBackend()
    list(backend.translate(["Warm up."], "en", "es"))
    t0 = time.perf_counter()
    sentences = [s for seg in segments for s in split_sentences(seg)]
    batched = list(backend.translate(sentences, "en", "es"))
    batch_time = time.perf_counter() - t0
    assert len(batched) == len(sentences) and single[0] == segments[0].upper()
    print(f"segments: {n} ({len(sentences)} sentences)")
    print(f"argostranslate.translate per segment: {n / per_call:8.1f} segments/s")
    print(f"helpkit batched (ArgosBackend):       {n / batch_time:8.1f} segments/s  ({per_call / batch_time:.1f}x)")

    # warm vs cold translation memory, through localize()
    from helpkit.config import load_config
    from helpkit.loader import load_help_center
    from translations import localize

    root = tmp / "hc"
    (root / "content" / "guide").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Bench\ntheme:\n  name: material\nhelpkit:\n  locales: [es]\n"
                                     "  contact:\n    email: s@example.com\n  translation:\n    backend: argos\n")
    (root / "content" / "guide" / "_category.yml").write_text("title: Guide\n")
    for a in range(50):
        paras = "\n\n".join(segments[(a * 8 + k) % n] for k in range(8))
        (root / "content" / "guide" / f"article-{a}.md").write_text(f"---\ntitle: Article {a}\n---\n\n{paras}\n")
    config = load_config(root / "mkdocs.yml")
    center = load_help_center(config)
    t0 = time.perf_counter()
    first = localize(center, config, "es")
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = localize(center, config, "es")
    warm = time.perf_counter() - t0
    print(f"localize 50 articles, cold memory: {cold:6.2f} s ({first.stats.machine_translated} segments translated)")
    print(f"localize 50 articles, warm memory: {warm:6.2f} s ({second.stats.machine_translated} segments translated,"
          f" {cold / warm:.1f}x faster)")


if __name__ == "__main__":
    main()
