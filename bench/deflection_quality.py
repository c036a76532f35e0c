"""Deflection quality on real customer queries (BANKING77-OOS, CLINC150).

    python -m bench.deflection_quality [--split valid|train|test] [--calibrate] [--words-only]

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

``--domain clinc`` checks the same rule on a second domain: the help center is ``bench/fixtures/clinc`` (CLINC150's
travel and work intents); tickets of those intents should be answered by their article, tickets of the other eight
CLINC150 domains and its out-of-scope queries should come out unanswered.

``--calibrate`` grid-searches the rule on the TRAIN split (best F1 of "unanswered"; see :func:`calibrate`) and
prints the values to put in ``deflection/matching.py``. Tune on train/valid only; test is for the final number.

``--questions`` gives the help center the train split's supported tickets as its questions file (search learns
them); ``--calibrate`` then calibrates the rule of articles with questions (``DEFAULT_THRESHOLDS.learned``) on the
VALID split, and the final number is measured on test.

``--words-only`` measures on a copy of the index without meaning vectors: what a locale without a model gets
(every hit's similarity 0.0, BM25F ranking, the words-only rule).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import random
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import deflection
import search_index
from bench.data import eval_dir
from deflection.matching import DEFAULT_THRESHOLDS, score_scale
from deflection.model import Status, Thresholds
from helpkit.config import load_config
from helpkit.loader import load_help_center
from search_index._files import MEANING

REPO = Path(__file__).resolve().parent.parent
EVAL = eval_dir()
FIXTURE = REPO / "bench" / "fixtures" / "banking"
CLINC_FIXTURE = REPO / "bench" / "fixtures" / "clinc"


def partial_help_center(dest: Path, questions: bool = False, per_article: int | None = None,
                        ) -> tuple[Path, dict[str, str]]:
    """Copy the banking fixture keeping only the supported intents' articles; return mkdocs.yml and intent→slug.

    ``questions``: the train split's supported tickets become the help center's questions file (search learns
    them), as a team would add the solved tickets of the past; ``per_article`` of them per article (a seeded
    sample) when given."""
    split = json.loads((EVAL / "banking77_oos" / "intent_split.json").read_text(encoding="utf-8"))
    with (FIXTURE / "intents.csv").open(encoding="utf-8") as f:
        slug_of = {r["intent"]: r["slug"] for r in csv.DictReader(f)}
    keep = {slug_of[i] for i in split["in_scope_intents"]}
    for p in FIXTURE.rglob("*"):
        if p.is_file() and not (p.suffix == ".md" and p.parent != FIXTURE and p.stem not in keep):
            q = dest / p.relative_to(FIXTURE)
            q.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, q)
    if questions:
        with (dest / "questions.csv").open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(("question", "article"))
            learned = [r for r in rows("train.csv") if r["text"].strip()]
            if per_article is not None:
                random.Random(0).shuffle(learned)
                by_intent: dict[str, list[dict[str, str]]] = defaultdict(list)
                for r in learned:
                    by_intent[r["label"]].append(r)
                learned = [r for rs in by_intent.values() for r in rs[:per_article]]
            out.writerows((r["text"], slug_of[r["label"]]) for r in learned)
        config = dest / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "    questions: questions.csv\n", encoding="utf-8")
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


def evaluate_clinc(split: str, thresholds: Thresholds, work: Path, cfg, articles) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Link accuracy and "unanswered" precision/recall on CLINC150 with the second-domain help center."""
    with (CLINC_FIXTURE / "intents.csv").open(encoding="utf-8") as f:
        slug_of = {r["intent"]: r["slug"] for r in csv.DictReader(f)}
    data = json.loads((EVAL / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    key = {"train": "train", "valid": "val", "test": "test"}[split]
    ins = [(t, c) for t, c in data[key] if c in slug_of]
    outs = [t for t, c in data[key] if c not in slug_of] + clinc_oos(split)
    recs, _ = run([t for t, _ in ins] + outs, work, cfg, articles, thresholds)
    r_in, r_out = recs[: len(ins)], recs[len(ins):]
    top1 = sum(r.slug == slug_of[c] for r, (_, c) in zip(r_in, ins, strict=True)) / len(ins)
    linked = sum(r.slug == slug_of[c] and r.status is Status.ANSWERED for r, (_, c) in zip(r_in, ins, strict=True))
    tp = sum(r.status is Status.UNANSWERED for r in r_out)
    fp = sum(r.status is Status.UNANSWERED for r in r_in)
    return {"top1": top1, "linked": linked / len(ins), "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / len(outs)}


def words_only(index_dir: Path, locale: str, dest: Path) -> Path:
    """A copy of ``index_dir``'s ``locale`` index without meaning vectors, as a locale without a model has:
    every hit's similarity is 0.0 and the ranking is BM25F alone. Returns the copy's index directory."""
    shutil.copytree(index_dir / locale, dest / locale)
    (dest / locale / MEANING).unlink(missing_ok=True)
    return dest


def calibrate(work: Path, cfg, articles, split: str = "train") -> Thresholds:  # type: ignore[no-untyped-def]
    """Best-F1 ("unanswered") thresholds on ``split``, in calibration units (50-article help center).

    1. On a words-only copy of the index (:func:`words_only`): ``(min_score, min_ratio, phrase_bonus)``, the rule
       of locales without meaning vectors.
    2. On the real index, those fixed: ``(similarity_bonus, similarity_pivot)``.
    3. ``near_score``: the 25th percentile of supported tickets' evidence, at most 0.6 × ``min_score``."""
    import numpy as np

    from deflection.clean import clean, redact
    from deflection.matching import query_of

    ins, oos = rows(f"{split}.csv"), rows(f"id_oos_{split}.csv")
    scale = score_scale(len(articles))
    texts = [query_of(redact(clean(r["text"]))) for r in ins + oos]

    def feats(index_dir: Path) -> np.ndarray:
        """Per ticket: (score, phrase, similarity, nearest question) of the best and the runner-up hit, scores in
        calibration units."""
        eng = search_index.open_engine(index_dir, cfg.source_locale)
        out = []
        for h in eng.match_many(texts, limit=3):
            row = [v for x in h[:2] for v in (x.score / scale, x.phrase, x.similarity, x.nearest)]
            out.append(row + [0.0] * (8 - len(row)))
        return np.array(out).reshape(-1, 8)

    def evidence(f: np.ndarray, th: Thresholds) -> tuple[np.ndarray, np.ndarray]:
        """Evidence of the best and of the runner-up hit (as ``deflection.matching.evidence``)."""
        def factor(v: np.ndarray, bonus: float, pivot: float) -> np.ndarray:
            return np.where(v == 0.0, 1.0, np.exp(bonus * (v - pivot)))

        def one(s: np.ndarray, p: np.ndarray, c: np.ndarray, n: np.ndarray) -> np.ndarray:
            return (s * (1 + th.phrase_bonus * p) * factor(c, th.similarity_bonus, th.similarity_pivot)
                    * factor(n, th.question_bonus, th.question_pivot))
        return one(*f[:, 0:4].T), one(*f[:, 4:8].T)

    def f1(th: Thresholds, f: np.ndarray, min_scores: np.ndarray) -> np.ndarray:
        """F1 of "unanswered" for each of ``min_scores`` (the rest of the rule from ``th``)."""
        best, second = evidence(f, th)
        lead = (th.min_ratio <= 1.0) | (best >= th.min_ratio * second)
        answered = (best[:, None] >= min_scores[None, :]) & lead[:, None]
        tp = (~answered[len(ins):]).sum(0)
        fp = (~answered[: len(ins)]).sum(0)
        p = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
        r = tp / len(oos)
        return np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)

    words = feats(words_only(cfg.index_dir, cfg.source_locale, work / "words-only"))
    best = (-1.0, DEFAULT_THRESHOLDS)
    for bonus in PHRASE_BONUSES:
        for ratio in RATIOS:
            f = f1(Thresholds(0.0, ratio, 0.0, bonus), words, MIN_SCORES)
            i = int(np.argmax(f))
            if f[i] > best[0]:
                best = (float(f[i]), Thresholds(float(MIN_SCORES[i]), ratio, 0.0, bonus))
    print(f"words only ({split}): F1 {best[0]:.3f} with {best[1]}")
    lexical = best[1]
    meaning = feats(cfg.index_dir)
    best = (float(f1(lexical, meaning, np.array([lexical.min_score]))[0]), lexical)
    for bonus in SIMILARITY_BONUSES[1:]:
        for pivot in SIMILARITY_PIVOTS:
            th = Thresholds(lexical.min_score, lexical.min_ratio, 0.0, lexical.phrase_bonus, bonus, float(pivot))
            f = float(f1(th, meaning, np.array([th.min_score]))[0])
            if f > best[0]:
                best = (f, th)
    print(f"with meaning ({split}): F1 {best[0]:.3f} with {best[1]}")
    if (meaning[:, 3] != 0).any():  # articles with learned questions: how near the closest of them is
        base = best[1]
        for bonus in SIMILARITY_BONUSES[1:]:
            for pivot in SIMILARITY_PIVOTS:
                th = dataclasses.replace(base, question_bonus=bonus, question_pivot=float(pivot))
                f = float(f1(th, meaning, np.array([th.min_score]))[0])
                if f > best[0]:
                    best = (f, th)
        f = f1(best[1], meaning, MIN_SCORES)  # the bar again, with the nearest question counted
        i = int(np.argmax(f))
        if f[i] > best[0]:
            best = (float(f[i]), dataclasses.replace(best[1], min_score=float(MIN_SCORES[i])))
        print(f"with nearest questions ({split}): F1 {best[0]:.3f} with {best[1]}")
    th = best[1]
    strength = np.sort(evidence(meaning[: len(ins)], th)[0])
    near = round(min(float(strength[len(strength) // 4]), 0.6 * th.min_score), 1)
    return dataclasses.replace(th, near_score=near)


MIN_SCORES = __import__("numpy").arange(0.0, 300.0, 1.0)
RATIOS = (1.0, 1.05, 1.1, 1.2, 1.3, 1.5, 2.0)
PHRASE_BONUSES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
SIMILARITY_BONUSES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)
SIMILARITY_PIVOTS = __import__("numpy").round(__import__("numpy").arange(0.0, 1.005, 0.01), 2)
"""The calibration grid."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="valid", choices=("train", "valid", "test"))
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--domain", default="banking", choices=("banking", "clinc"))
    ap.add_argument("--words-only", action="store_true", help="index without meaning vectors (non-English locales)")
    ap.add_argument("--questions", action="store_true",
                    help="the train split's supported tickets are the help center's questions; calibrate on valid")
    ap.add_argument("--questions-per-article", type=int, default=None, metavar="N",
                    help="with --questions: only N (sampled) questions per article")
    args = ap.parse_args()
    if args.questions and (args.split == "train" or args.domain == "clinc"):
        ap.error("--questions learns the banking train split: measure on --split valid or test")
    if args.domain == "clinc":
        with tempfile.TemporaryDirectory() as tmp:
            cfg = load_config(CLINC_FIXTURE / "mkdocs.yml")
            articles = load_help_center(cfg).articles
            index_dir = Path(tmp) / "index"
            search_index.build_index(articles, cfg.source_locale, index_dir)
            if args.words_only:
                index_dir = words_only(index_dir, cfg.source_locale, Path(tmp) / "words-only")
            cfg = type("Cfg", (), {"index_dir": index_dir, "locales": cfg.locales})()
            m = evaluate_clinc(args.split, DEFAULT_THRESHOLDS, Path(tmp), cfg, articles)
        print(f"help center: {len(articles)} articles (CLINC150 travel + work); split: {args.split}"
              + (" (words only)" if args.words_only else ""))
        print(f"thresholds: {DEFAULT_THRESHOLDS}")
        print(f"best article is the intent's article (top-1):   {100 * m['top1']:.1f}%")
        print(f"linked to the right article and answered:       {100 * m['linked']:.1f}%")
        print(f"unanswered precision (other domains + oos):     {100 * m['precision']:.1f}%")
        print(f"unanswered recall (other domains + oos):        {100 * m['recall']:.1f}%")
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        config_path, slug_of = partial_help_center(work / "hc", questions=args.questions,
                                                   per_article=args.questions_per_article)
        cfg = load_config(config_path)
        articles = load_help_center(cfg).articles
        search_index.build_index(articles, cfg.source_locale, cfg.index_dir, synonyms=cfg.synonyms_path)
        thresholds = DEFAULT_THRESHOLDS
        if args.calibrate:
            split = "valid" if args.questions else "train"
            rule = calibrate(work, cfg, articles, split)
            print(f"calibrated on {split}: {rule}" + (" (the rule of articles with questions: "
                                                       "DEFAULT_THRESHOLDS.learned)" if args.questions else ""))
            thresholds = dataclasses.replace(DEFAULT_THRESHOLDS, learned=rule) if args.questions else \
                dataclasses.replace(rule, learned=DEFAULT_THRESHOLDS.learned)
        if args.words_only:
            index_dir = words_only(cfg.index_dir, cfg.source_locale, work / "words-only-eval")
            cfg = type("Cfg", (), {"index_dir": index_dir, "locales": cfg.locales})()
        m = evaluate(args.split, thresholds, work, cfg, articles, slug_of)
    print(f"help center: {len(articles)} articles (supported intents of banking77_oos); split: {args.split}"
          + (" (words only)" if args.words_only else "")
          + (f"; questions: {sum(len(a.questions) for a in articles)} train tickets" if args.questions else ""))
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
