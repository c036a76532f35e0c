"""Deflection quality on real customer queries, two domains, two settings, the topic-level figures of issue 10.

    python -m bench.deflection_quality [--domain banking|clinc|all] [--split valid|test] [--questions]
                                       [--fast] [--replies SHARE]

Help centers (``bench/fixtures``), each with some intents left without an article:

- **banking**: ``bench/fixtures/banking`` keeping only the 50 supported intents of
  ``banking77_oos/intent_split.json``; tickets: the split's supported queries and the 27 held-out intents' queries
  (``id_oos_<split>.csv``). The method's choices were made on its train/valid splits only.
- **clinc**: ``bench/fixtures/clinc`` (CLINC150's travel and work intents) without the articles of every fourth
  intent of its ``intents.csv`` (8 of 30 left without an article); tickets: the split's queries of the 30 intents
  plus 300 of its out-of-scope queries. Never tuned on.

``--questions``: the train split's queries of the intents WITH an article become the help center's questions file
(search and the matcher learn them), as a team adds the solved tickets of the past. ``--fast``: the search engine's
scores instead of the sentence encoder. ``--replies 0.3``: that share of the tickets of intents with an article
(drawn at random) carry an agent's reply linking the article, as help-desk exports with conversations do (labels:
they count as answered and are left out of "right & answered"). Every setting runs the same code as ``helpkit
deflection`` (cleaning, redaction, scoring, calibration, decisions, topics) with no per-domain setting.

Figures (targets: with questions / articles only):
- headline: the estimated answered share vs the truth, and whether the truth is inside the interval (±5 / ±10);
- missing intents surfaced: an intent without an article counts when ≥ 5 of its tickets sit in a "missing article"
  topic whose tickets are mostly from intents without an article (out-of-scope included) and of which it makes up
  ≥ 30% (≥ 85% / ≥ 60%);
- false alarms: "missing article" topics whose tickets are mostly from intents with an article (≤ 15% / ≤ 30%);
- covered tickets linked to their intent's article and called answered (≥ 85% / ≥ 60%);
- false alarms among the 10 largest "missing article" topics (no target: what a reader sees first);
- NMI and ARI of the topics over the tickets of intents without an article (a ticket in no topic is its own group).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import deflection
import search_index
from bench.data import eval_dir
from deflection.model import Status, Verdict
from helpkit.config import load_config
from helpkit.loader import load_help_center

REPO = Path(__file__).resolve().parent.parent
EVAL = eval_dir()
FIXTURES = REPO / "bench" / "fixtures"
OOS = "(out of scope)"
"""The intent of CLINC150's out-of-scope queries."""


@dataclass(frozen=True)
class Case:
    """One domain's help center, tickets and truth."""

    config: Path
    texts: list[str]
    intents: list[str]
    """Each ticket's intent (:data:`OOS` for out-of-scope)."""
    slug_of: dict[str, str]
    """Intent → slug, for the intents WITH an article."""


def _copy(fixture: Path, dest: Path, keep: set[str], questions: list[tuple[str, str]]) -> Path:
    """Copy a fixture keeping only the articles in ``keep`` (slugs); write the questions file when given."""
    for p in fixture.rglob("*"):
        if p.is_file() and not (p.suffix == ".md" and p.parent != fixture and p.stem not in keep):
            q = dest / p.relative_to(fixture)
            q.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, q)
    if questions:
        with (dest / "questions.csv").open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(("question", "article"))
            out.writerows(questions)
        config = dest / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        if "search:" not in text:
            text += "  search:\n"
        config.write_text(text + "    questions: questions.csv\n", encoding="utf-8")
    return dest / "mkdocs.yml"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def banking(dest: Path, split: str, questions: bool) -> Case:
    """BANKING77-OOS: 50 intents with an article, 27 without."""
    plan = json.loads((EVAL / "banking77_oos" / "intent_split.json").read_text(encoding="utf-8"))
    slugs = {r["intent"]: r["slug"] for r in _csv(FIXTURES / "banking" / "intents.csv")}
    slug_of = {i: slugs[i] for i in plan["in_scope_intents"]}
    learned = [(r["text"], slug_of[r["label"]]) for r in _csv(EVAL / "banking77_oos" / "train.csv")
               if r["text"].strip()] if questions else []
    config = _copy(FIXTURES / "banking", dest, set(slug_of.values()), learned)
    ins = _csv(EVAL / "banking77_oos" / f"{split}.csv")
    outs = _csv(EVAL / "banking77_oos" / f"id_oos_{split}.csv")
    return Case(config, [r["text"] for r in ins + outs], [r["label"] for r in ins] +
                [r["original_intent"] for r in outs], slug_of)


def clinc(dest: Path, split: str, questions: bool) -> Case:
    """CLINC150 travel + work: 22 intents with an article, 8 without, 300 out-of-scope queries."""
    rows = _csv(FIXTURES / "clinc" / "intents.csv")
    slug_of = {r["intent"]: r["slug"] for n, r in enumerate(rows) if n % 4 != 3}
    every = {r["intent"] for r in rows}
    data = json.loads((EVAL / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    learned = [(t, slug_of[c]) for t, c in data["train"] if c in slug_of] if questions else []
    config = _copy(FIXTURES / "clinc", dest, set(slug_of.values()), learned)
    key = {"valid": "val", "test": "test"}[split]
    ins = [(t, c) for t, c in data[key] if c in every]
    oos = [(t, OOS) for t, _ in data[f"oos_{key}"]]
    random.Random(0).shuffle(oos)
    pairs = ins + oos[:300]
    return Case(config, [t for t, _ in pairs], [c for _, c in pairs], slug_of)


def run(case: Case, work: Path, fast: bool, replies: float = 0.0) -> tuple[list[deflection.TicketRecord],
                                                                         deflection.Report, float]:
    """Records in ticket order, the report, and the wall time of the analysis. ``replies``: the share of the
    tickets of intents with an article (drawn at random, seed 0) whose agent's reply links that article."""
    cfg = load_config(case.config)
    articles = load_help_center(cfg).articles
    search_index.build_index(articles, cfg.source_locale, cfg.index_dir, synonyms=cfg.synonyms_path)
    url = {a.slug: cfg.site_url.rstrip("/") + "/" + a.url.lstrip("/") for a in articles}
    draw = random.Random(0)
    export = work / "tickets.jsonl"
    with export.open("w", encoding="utf-8") as f:
        for i, (t, intent) in enumerate(zip(case.texts, case.intents, strict=True)):
            row = {"id": str(i), "text": t}
            if intent in case.slug_of and draw.random() < replies:
                row["reply"] = f"Thanks for asking! This article explains it: {url[case.slug_of[intent]]}"
            f.write(json.dumps(row) + "\n")
    spool = work / "spool"
    spool.mkdir()
    t0 = time.perf_counter()
    report = deflection.analyze([export], deflection.Options(workers=0, fast=fast, site_url=cfg.site_url),
                                lambda loc: search_index.open_engine(cfg.index_dir, loc), locales=cfg.locales,
                                articles=articles, workdir=spool)
    wall = time.perf_counter() - t0
    by_id = {r.id: r for r in report.records()}
    none = deflection.TicketRecord("", Status.UNANSWERED, "", "", 0.0, None, "", "", "")  # skipped: no text left
    return [by_id.get(str(i), none) for i in range(len(case.texts))], report, wall


TOP = 10
"""The largest "missing article" topics, the ones a reader of the report sees first (also counted apart)."""


def figures(case: Case, recs: list[deflection.TicketRecord], report: deflection.Report) -> dict[str, float]:
    """The issue's topic-level figures."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    covered = [i in case.slug_of for i in case.intents]
    truth = sum(covered) / len(covered)
    e = report.headline.estimate
    assert e is not None
    unlabeled = [(r, i) for r, i, c in zip(recs, case.intents, covered, strict=True) if c and not r.label]
    right = sum(r.slug == case.slug_of[i] and r.status is Status.ANSWERED
                for r, i in unlabeled) / max(1, len(unlabeled))  # a reply's label is no match
    members: dict[str, list[str]] = defaultdict(list)
    for r, i in zip(recs, case.intents, strict=True):
        if r.topic:
            members[r.topic].append(i)
    verdict = {t.id: t.verdict for t in report.topics}
    missing_topics = [t for t in members if verdict.get(t) is Verdict.MISSING]
    false = [t for t in missing_topics if sum(i in case.slug_of for i in members[t]) > len(members[t]) / 2]
    first = [t.id for t in report.topics if t.verdict is Verdict.MISSING][:TOP]  # what a reader sees first
    surfaced = set()
    for t in missing_topics:
        m = members[t]
        if sum(i not in case.slug_of for i in m) <= len(m) / 2:
            continue
        for i, n in Counter(m).items():
            if i != OOS and i not in case.slug_of and n >= 5 and n >= 0.3 * len(m):
                surfaced.add(i)
    led: set[str] = set()
    repeats = 0  # a "missing article" topic whose main intent already leads a larger one: the list repeats itself
    for t in (t for t in report.topics if t.verdict is Verdict.MISSING):
        main = Counter(members[t.id]).most_common(1)[0][0]
        repeats += main in led
        led.add(main)
    topic = {t.id: t for t in report.topics}
    named = sum(case.slug_of[Counter(i for i in members[t] if i in case.slug_of).most_common(1)[0][0]]
                in {c.article.slug for c in topic[t].closest} for t in false)  # the right article is named
    gaps = {i for i in case.intents if i not in case.slug_of and i != OOS}
    held = [(r.topic or f"none{k}", i) for k, (r, i) in enumerate(zip(recs, case.intents, strict=True))
            if i in gaps]
    return {
        "truth": truth, "share": e.share, "low": e.low, "high": e.high, "right": right,
        "surfaced": len(surfaced), "gaps": len(gaps), "false": len(false), "missing_topics": len(missing_topics),
        "false_top": len(set(first) & set(false)), "top": len(first), "repeats": repeats, "named": named,
        "topics": len(report.topics),
        "nmi": normalized_mutual_info_score([i for _, i in held], [t for t, _ in held]),
        "ari": adjusted_rand_score([i for _, i in held], [t for t, _ in held]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--domain", default="all", choices=("banking", "clinc", "all"))
    ap.add_argument("--split", default="valid", choices=("valid", "test"))
    ap.add_argument("--questions", action="store_true", help="learn the train split as the questions file")
    ap.add_argument("--fast", action="store_true", help="the search engine's scores, not the sentence encoder")
    ap.add_argument("--replies", type=float, default=0.0, metavar="SHARE",
                    help="share of the covered tickets whose agent's reply links their article (labels)")
    ap.add_argument("--drop", type=float, default=0.0, metavar="SHARE",
                    help="leave out this share of the tickets at random, once per --seeds: how much the figures "
                         "move with the export (prints each run, then the median and range of each figure)")
    ap.add_argument("--seeds", type=int, default=1, metavar="N", help="runs with --drop (seeds 1..N)")
    args = ap.parse_args()
    if args.drop:
        _spread(args)
        return
    for name in (("banking", "clinc") if args.domain == "all" else (args.domain,)):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            case = (banking if name == "banking" else clinc)(work / "hc", args.split, args.questions)
            recs, report, wall = run(case, work, args.fast, args.replies)
            f = figures(case, recs, report)
        c = report.calibration
        inside = f["low"] <= f["truth"] <= f["high"]
        print(f"{name} {args.split} {'questions' if args.questions else 'articles only'} ({c.matcher}; "
              f"{len(case.texts):,} tickets, {wall:.0f} s): threshold {c.threshold:.3f}, separation {c.separation:.2f}")
        print(f"  headline {100 * f['share']:.1f}% ({100 * f['low']:.1f}-{100 * f['high']:.1f}) vs truth "
              f"{100 * f['truth']:.1f}%: {100 * (f['share'] - f['truth']):+.1f} points, truth "
              f"{'inside' if inside else 'OUTSIDE'} the interval")
        print(f"  missing intents surfaced {f['surfaced']} of {f['gaps']} ({100 * f['surfaced'] / f['gaps']:.0f}%); "
              f"false alarms {f['false']} of {f['missing_topics']} missing-article topics "
              f"({100 * f['false'] / max(1, f['missing_topics']):.0f}%); {f['topics']} topics")
        print(f"  covered tickets right & answered {100 * f['right']:.1f}%; NMI {f['nmi']:.2f} ARI {f['ari']:.2f}; "
              f"false alarms among the {f['top']} largest missing-article topics: {f['false_top']}")
        print(f"  false alarms naming the right article among the closest: {f['named']} of {f['false']}; "
              f"missing-article topics repeating a larger one's main intent: {f['repeats']}")


def _spread(args: argparse.Namespace) -> None:
    """Each domain run ``args.seeds`` times, each time without a random ``args.drop`` share of its tickets; the
    median and range of each figure."""
    keys = ("share", "surfaced", "false", "missing_topics", "right", "repeats")
    for name in (("banking", "clinc") if args.domain == "all" else (args.domain,)):
        runs = []
        for seed in range(1, args.seeds + 1):
            with tempfile.TemporaryDirectory() as tmp:
                work = Path(tmp)
                case = (banking if name == "banking" else clinc)(work / "hc", args.split, args.questions)
                keep = _kept(len(case.texts), args.drop, seed)
                case = Case(case.config, [case.texts[i] for i in keep], [case.intents[i] for i in keep],
                            case.slug_of)
                recs, report, _ = run(case, work, args.fast, args.replies)
                f = figures(case, recs, report)
            runs.append(f)
            print(f"{name} seed {seed}: headline {100 * f['share']:.1f}% vs {100 * f['truth']:.1f}%, surfaced "
                  f"{f['surfaced']}/{f['gaps']}, false alarms {f['false']}/{f['missing_topics']}, right & answered "
                  f"{100 * f['right']:.1f}%, repeats {f['repeats']}", flush=True)
        med = {k: sorted(r[k] for r in runs)[len(runs) // 2] for k in keys}
        lo = {k: min(r[k] for r in runs) for k in keys}
        hi = {k: max(r[k] for r in runs) for k in keys}
        print(f"{name} {args.split} {'questions' if args.questions else 'articles only'}, {len(runs)} runs without "
              f"{100 * args.drop:.0f}% of the tickets: median [range] headline {100 * med['share']:.1f}% "
              f"[{100 * lo['share']:.1f}-{100 * hi['share']:.1f}], surfaced {med['surfaced']} "
              f"[{lo['surfaced']}-{hi['surfaced']}], false alarms {med['false']} [{lo['false']}-{hi['false']}] of "
              f"{med['missing_topics']} [{lo['missing_topics']}-{hi['missing_topics']}], right & answered "
              f"{100 * med['right']:.1f}% [{100 * lo['right']:.1f}-{100 * hi['right']:.1f}]")


def _kept(n: int, drop: float, seed: int) -> list[int]:
    """Indexes of ``n`` tickets without a random ``drop`` share of them (seeded)."""
    draw = random.Random(seed)
    return sorted(draw.sample(range(n), n - round(drop * n)))


if __name__ == "__main__":
    main()
