"""Deflection quality on real customer queries (BANKING77-OOS, CLINC150).

    python -m bench.deflection_quality [--split valid|train|test] [--calibrate]

A help center that covers only SOME intents is derived from the banking fixture (``bench/fixtures/banking``, one
article per BANKING77 intent): only the articles of the 50 supported intents of
``banking77_oos/intent_split.json`` are copied into a temporary project and indexed with the real engine.
Tickets go through the same code as ``helpkit deflection`` (cleaning, redaction, matching, decision, topics).

Reports:
- link accuracy: supported-intent tickets whose best article is their intent's article (and: answered *and*
  correct) — target ≥ 85%;
- "unanswered" precision and recall on supported + held-out-intent tickets — target ≥ 80% / ≥ 80%;
- topic purity of the held-out-intent tickets that came out unanswered (majority intent share per topic);
- CLINC150 and BANKING77-OOS out-of-domain queries not linked (unanswered) share.

``--calibrate`` grid-searches ``(min_score, min_ratio)`` on the TRAIN split (best F1 of "unanswered") and prints
the values to put in ``deflection/matching.py``. Tune on train/valid only; test is for the final number.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import deflection
import search_index
from deflection.matching import DEFAULT_THRESHOLDS, score_scale
from deflection.model import Status, Thresholds
from helpkit.config import load_config
from site_builder.loader import load_help_center

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
if not EVAL.is_dir():
    EVAL = Path("/work/shared/eval")
FIXTURE = REPO / "bench" / "fixtures" / "banking"


def partial_help_center(dest: Path) -> tuple[Path, dict[str, str]]:
    """Copy the banking fixture keeping only the supported intents' articles; return mkdocs.yml and intent→slug."""
    split = json.loads((EVAL / "banking77_oos" / "intent_split.json").read_text(encoding="utf-8"))
    with (FIXTURE / "intents.csv").open(encoding="utf-8") as f:
        slug_of = {r["intent"]: r["slug"] for r in csv.DictReader(f)}
    keep = {slug_of[i] for i in split["in_scope_intents"]}
    for p in FIXTURE.rglob("*"):
        if p.is_file() and not (p.suffix == ".md" and p.parent != FIXTURE and p.stem not in keep):
            q = dest / p.relative_to(FIXTURE)
            q.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, q)
    return dest / "mkdocs.yml", slug_of


def rows(name: str) -> list[dict[str, str]]:
    with (EVAL / "banking77_oos" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def clinc_oos(split: str) -> list[str]:
    data = json.loads((EVAL / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    key = {"train": "oos_train", "valid": "oos_val", "test": "oos_test"}[split]
    return [t for t, _ in data[key]]


def run(texts: list[str], work: Path, cfg, articles, thresholds: Thresholds):  # type: ignore[no-untyped-def]
    """Records (in order) and the report for ``texts`` as a JSONL export."""
    export = work / "tickets.jsonl"
    with export.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}) + "\n")
    spool = work / "spool"
    shutil.rmtree(spool, ignore_errors=True)
    spool.mkdir()
    report = deflection.analyze(
        [export], deflection.Options(thresholds=thresholds, workers=0),
        lambda loc: search_index.open_engine(cfg.index_dir, loc), locales=cfg.locales, articles=articles,
        workdir=spool,
    )
    by_id = {r.id: r for r in report.records()}
    missing = deflection.TicketRecord("", Status.UNANSWERED, "", "", 0.0, None, "", "", "")  # skipped: no text left
    return [by_id.get(str(i), missing) for i in range(len(texts))], report


def purity(labels: list[str], groups: list[str | None]) -> tuple[float, int]:
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for y, g in zip(labels, groups, strict=True):
        if g is not None:
            by[g][y] += 1
    total = sum(sum(c.values()) for c in by.values())
    return (sum(max(c.values()) for c in by.values()) / total if total else 0.0), len(by)


def evaluate(split: str, thresholds: Thresholds, work: Path, cfg, articles, slug_of) -> dict[str, float]:  # type: ignore[no-untyped-def]
    ins = rows(f"{split}.csv")
    oos = rows(f"id_oos_{split}.csv")
    recs, report = run([r["text"] for r in ins] + [r["text"] for r in oos], work, cfg, articles, thresholds)
    r_in, r_oos = recs[: len(ins)], recs[len(ins):]
    top1 = sum(r.slug == slug_of[x["label"]] for r, x in zip(r_in, ins, strict=True)) / len(ins)
    linked = sum(r.slug == slug_of[x["label"]] and r.status is Status.ANSWERED
                 for r, x in zip(r_in, ins, strict=True)) / len(ins)
    tp = sum(r.status is Status.UNANSWERED for r in r_oos)
    fp = sum(r.status is Status.UNANSWERED for r in r_in)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / len(oos)
    pur, n_topics = purity([x["original_intent"] for x in oos], [r.topic for r in r_oos])
    clinc = clinc_oos(split)
    c_recs, _ = run(clinc, work, cfg, articles, thresholds)
    c_unlinked = sum(r.status is Status.UNANSWERED for r in c_recs) / len(c_recs)
    out = {"top1": top1, "linked": linked, "precision": prec, "recall": rec, "purity": pur, "topics": n_topics,
           "clinc_unlinked": c_unlinked}
    if split != "train":
        ood = rows(f"ood_oos_{split}.csv")
        o_recs, _ = run([r["text"] for r in ood], work, cfg, articles, thresholds)
        out["ood_unlinked"] = sum(r.status is Status.UNANSWERED for r in o_recs) / len(o_recs)
    return out


def calibrate(work: Path, cfg, articles, slug_of) -> Thresholds:  # type: ignore[no-untyped-def]
    """Best-F1 ("unanswered") thresholds on the train split, in calibration units (50-article help center)."""
    ins, oos = rows("train.csv"), rows("id_oos_train.csv")
    eng = search_index.open_engine(cfg.index_dir, cfg.source_locale)
    from deflection.clean import clean, redact
    from deflection.matching import query_of

    def feats(texts: list[str]) -> list[tuple[float, float]]:
        out = []
        for h in eng.match_many([query_of(redact(clean(t))) for t in texts], limit=3):
            s = [float(x.score) for x in h] + [0.0, 0.0]
            out.append((s[0], s[1]))
        return out

    fi, fo = feats([r["text"] for r in ins]), feats([r["text"] for r in oos])
    scale = score_scale(len(articles))
    best = (0.0, DEFAULT_THRESHOLDS)
    for t in range(0, 120):
        for ratio in (1.0, 1.05, 1.1, 1.2, 1.3, 1.5, 2.0):
            def ok(f: tuple[float, float], t: float = t, ratio: float = ratio) -> bool:
                return f[0] >= t * scale and (f[1] == 0 or f[0] / f[1] >= ratio)
            tp = sum(not ok(f) for f in fo)
            fp = sum(not ok(f) for f in fi)
            p, r = (tp / (tp + fp) if tp + fp else 0.0), tp / len(fo)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            if f1 > best[0]:
                best = (f1, Thresholds(float(t), ratio, 0.0))
    scores = sorted(f[0] / scale for f in fi)
    th = best[1]
    return Thresholds(th.min_score, th.min_ratio, round(min(scores[len(scores) // 4], 0.6 * th.min_score), 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="valid", choices=("train", "valid", "test"))
    ap.add_argument("--calibrate", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        config_path, slug_of = partial_help_center(work / "hc")
        cfg = load_config(config_path)
        articles = load_help_center(cfg).articles
        search_index.build_index(articles, cfg.source_locale, cfg.index_dir, synonyms=cfg.synonyms_path)
        thresholds = DEFAULT_THRESHOLDS
        if args.calibrate:
            thresholds = calibrate(work, cfg, articles, slug_of)
            print(f"calibrated on train: {thresholds}")
        m = evaluate(args.split, thresholds, work, cfg, articles, slug_of)
    print(f"help center: {len(articles)} articles (supported intents of banking77_oos); split: {args.split}")
    print(f"thresholds: {thresholds}")
    print(f"best article is the intent's article (top-1):   {100 * m['top1']:.1f}%")
    print(f"linked to the right article and answered:       {100 * m['linked']:.1f}%   (target >= 85%)")
    print(f"unanswered precision (held-out intents):        {100 * m['precision']:.1f}%   (target >= 80%)")
    print(f"unanswered recall (held-out intents):           {100 * m['recall']:.1f}%   (target >= 80%)")
    print(f"topic purity of held-out intents:               {100 * m['purity']:.1f}% over {m['topics']} topics")
    print(f"CLINC150 out-of-scope not linked:               {100 * m['clinc_unlinked']:.1f}%")
    if "ood_unlinked" in m:
        print(f"BANKING77-OOS out-of-domain not linked:         {100 * m['ood_unlinked']:.1f}%")


if __name__ == "__main__":
    main()
