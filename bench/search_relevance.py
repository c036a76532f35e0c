"""Search relevance on real customer queries: BANKING77 (train split) against the banking fixture help center,
or (``--domain clinc``) CLINC150's travel and work queries against a second, smaller help center
(bench/fixtures/clinc), to check that nothing is tuned to banking only.

Runs every query through
  - the Python engine (``Engine.search``, what ``helpkit search`` prints),
  - the browser index (bench/search_node.js: the page's own hk-search.js in Node),
  - Material's default search (lunr over Material's search_index.json, queried the way Material's search
    worker does: lunr's query syntax, English pipeline, title boosted), as the anchor,
and reports top-1, top-3, MRR@5 per engine, browser/Python top-1 agreement, and the worst intents.

    python bench/search_relevance.py [--domain banking|clinc] [--split train] [--limit N] [--no-material] [-v]
                                     [--questions none|train|folds]

Each query's expected article comes from the fixture's intents.csv (intent → article slug).
Tune on the train split only: a held-out evaluation exists.

``--questions`` measures search that has learned customers' words (the questions file, ``Article.questions``):
``train`` gives each article the train split's queries of its intent as questions (measure it on another split:
``--questions train --split test``); ``folds`` stays inside the train split for tuning: the questions of one half
of it, the other half searched, and the other way round (two folds, results pooled).
"""

from __future__ import annotations

import argparse
import collections
import csv
import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.data import eval_dir  # noqa: E402
from helpkit.config import load_config  # noqa: E402
from helpkit.loader import load_help_center  # noqa: E402
from search_index import build_index, open_engine, write_browser_index  # noqa: E402

FIXTURES = {"banking": ROOT / "bench" / "fixtures" / "banking", "clinc": ROOT / "bench" / "fixtures" / "clinc"}
FIXTURE = FIXTURES["banking"]
EVAL = eval_dir() / "banking77"
CLINC = eval_dir() / "clinc150" / "data_full.json"
NODE_RUNNER = ROOT / "bench" / "search_node.js"
NODE_CACHE = Path.home() / ".cache" / "helpkit-bench" / "node"
"""Where ``npm install lunr`` goes for the Material anchor (outside the repository)."""


@dataclass(frozen=True, slots=True)
class Query:
    """One labelled query."""

    text: str
    """What the customer typed."""
    gold: str
    """Slug of the article that answers it."""
    intent: str
    """BANKING77 intent."""


@dataclass(frozen=True, slots=True)
class Scores:
    """Ranking quality of one engine."""

    top1: float
    """Share of queries whose first result is the right article."""
    top3: float
    """Share with the right article in the first three."""
    mrr5: float
    """Mean reciprocal rank of the right article within the first five (0 when absent)."""


def score(queries: list[Query], ranked: list[list[str]]) -> Scores:
    """Top-1, top-3 and MRR@5 of ``ranked`` (slugs per query, best first)."""
    n = len(queries) or 1
    top1 = sum(r[:1] == [q.gold] for q, r in zip(queries, ranked, strict=True)) / n
    top3 = sum(q.gold in r[:3] for q, r in zip(queries, ranked, strict=True)) / n
    mrr = sum(1 / (r[:5].index(q.gold) + 1) for q, r in zip(queries, ranked, strict=True) if q.gold in r[:5]) / n
    return Scores(top1, top3, mrr)


def load_queries(split: str, limit: int | None, domain: str = "banking") -> list[Query]:
    gold = dict(csv.reader((FIXTURES[domain] / "intents.csv").open(encoding="utf-8")))
    if domain == "clinc":
        data = json.loads(CLINC.read_text(encoding="utf-8"))
        pairs = data[{"train": "train", "valid": "val", "test": "test"}[split]]
        rows = [{"text": t, "category": c} for t, c in pairs]
    else:
        rows = list(csv.DictReader((EVAL / f"{split}.csv").open(encoding="utf-8")))
    queries = [Query(r["text"], gold[r["category"]], r["category"]) for r in rows if r["category"] in gold]
    if limit:
        step = max(1, len(queries) // limit)
        queries = queries[::step][:limit]
    return queries


def run_node(assets: Path, queries: list[Query]) -> list[list[str]]:
    lines = "\n".join(json.dumps(q.text) for q in queries)
    out = subprocess.run(["node", str(NODE_RUNNER), str(assets), "--limit", "5"], input=lines, text=True,
                         capture_output=True, check=True).stdout
    results = [json.loads(line) for line in out.splitlines()]
    errors = [r["error"] for r in results if "error" in r]
    if errors:
        raise SystemExit(f"browser search failed: {errors[0]}")
    return [r["slugs"] for r in results]


MATERIAL_QUERY_JS = r"""
// Material's search, approximated: lunr index over search_index.json (title boost 1000, English pipeline),
// the query's lunr special characters removed, each word also matched as a prefix (search as you type).
const fs = require("fs"), readline = require("readline");
const lunr = require(process.argv[3]);
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const idx = lunr(function () {
  this.ref("location");
  this.field("title", { boost: 1000 });
  this.field("text");
  data.docs.forEach((d) => this.add(d));
});
const rl = readline.createInterface({ input: process.stdin });
const out = [];
rl.on("line", (line) => {
  const q = JSON.parse(line).replace(/[:~^*+\-]/g, " ");
  const words = lunr.tokenizer(q).map(String).filter(Boolean);
  let hits = [];
  try {
    hits = idx.query((b) => words.forEach((w) => {
      b.term(w, { usePipeline: true });
      b.term(w, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.5 });
    }));
  } catch (e) { hits = []; }
  const pages = [];
  for (const h of hits) {
    const page = h.ref.split("#")[0];
    if (!pages.includes(page)) pages.push(page);
    if (pages.length >= 5) break;
  }
  out.push(JSON.stringify(pages));
});
rl.on("close", () => process.stdout.write(out.join("\n") + "\n"));
"""


def material_anchor(queries: list[Query], work: Path) -> list[list[str]] | str:
    """Material's default search on the same articles, or a note saying why it could not run."""
    lunr = NODE_CACHE / "node_modules" / "lunr"
    if not lunr.exists():
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        npm = subprocess.run(["npm", "install", "--prefix", str(NODE_CACHE), "--no-audit", "--no-fund", "lunr@2"],
                             capture_output=True, text=True)
        if npm.returncode != 0 or not lunr.exists():
            return f"skipped: 'npm install lunr' failed ({npm.stderr.strip()[:200]})"
    site = work / "material"
    docs = site / "docs"
    shutil.copytree(FIXTURE / "content", docs, ignore=shutil.ignore_patterns("_category.yml"))
    (docs / "index.md").write_text("# Kestrel Help\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        "site_name: Kestrel Help\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n", encoding="utf-8")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"),
                            "-d", str(site / "site")], capture_output=True, text=True)
    index = site / "site" / "search" / "search_index.json"
    if build.returncode != 0 or not index.exists():
        return f"skipped: mkdocs build failed ({build.stderr.strip()[-200:]})"
    script = work / "material_query.js"
    script.write_text(MATERIAL_QUERY_JS, encoding="utf-8")
    out = subprocess.run(["node", str(script), str(index), str(lunr)], text=True, capture_output=True, check=True,
                         input="\n".join(json.dumps(q.text) for q in queries)).stdout
    pages = [json.loads(line) for line in out.splitlines()]
    return [[Path(p).stem for p in page] for page in pages]


@dataclass(frozen=True, slots=True)
class Run:
    """The rankings of one query set, best first, by each engine."""

    queries: list[Query]
    python: list[list[str]]
    many: list[list[str]]
    browser: list[list[str]]
    times: tuple[float, float, float]
    """Seconds for search, match_many and the browser."""


def with_questions(articles, questions: list[Query]):  # type: ignore[no-untyped-def]
    """``articles`` with ``questions`` (each query as a question of its gold article)."""
    by: dict[str, list[str]] = collections.defaultdict(list)
    for q in questions:
        by[q.gold].append(q.text)
    return [dataclasses.replace(a, questions=tuple(by.get(a.slug, ()))) for a in articles]


def run(articles, queries: list[Query], config, work: Path) -> Run:  # type: ignore[no-untyped-def]
    """Index ``articles`` and search ``queries`` with every helpkit engine."""
    shutil.rmtree(work / "index", ignore_errors=True)
    shutil.rmtree(work / "site", ignore_errors=True)
    build_index(articles, "en", work / "index", synonyms=config.synonyms_path)
    assets = work / "site" / "assets" / "helpkit"
    write_browser_index(articles, "en", assets, synonyms=config.synonyms_path)
    with open_engine(work / "index", "en") as engine:
        t0 = time.perf_counter()
        python = [[h.slug for h in engine.search(q.text, limit=5).hits] for q in queries]
        t1 = time.perf_counter()
        many = [[h.slug for h in hits] for hits in engine.match_many([q.text for q in queries], limit=5)]
        t2 = time.perf_counter()
    browser = run_node(assets, queries)
    return Run(queries, python, many, browser, (t1 - t0, t2 - t1, time.perf_counter() - t2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--domain", default="banking", choices=sorted(FIXTURES), help="fixture and query set")
    parser.add_argument("--split", default="train", help="train, valid or test (tune on train only)")
    parser.add_argument("--limit", type=int, default=None, help="use an even sample of N queries")
    parser.add_argument("--no-material", action="store_true", help="skip the Material (lunr) anchor")
    parser.add_argument("--verbose", "-v", action="store_true", help="worst intents and confusions")
    parser.add_argument("--questions", default="none", choices=("none", "train", "folds"),
                        help="articles learn the train split's queries as questions (see above)")
    args = parser.parse_args()
    if args.questions == "train" and args.split == "train":
        parser.error("--questions train searches the queries it learned; use --split test (or --questions folds)")
    if args.questions == "folds" and args.split != "train":
        parser.error("--questions folds splits the train split in two; use --split train")

    global FIXTURE
    FIXTURE = FIXTURES[args.domain]
    queries = load_queries(args.split, args.limit, args.domain)
    config = load_config(FIXTURE / "mkdocs.yml")
    articles = load_help_center(config).articles
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.questions == "folds":
            a, b = queries[0::2], queries[1::2]
            runs = [run(with_questions(articles, learn), search, config, work) for learn, search in ((b, a), (a, b))]
        else:
            learned = load_queries("train", None, args.domain) if args.questions == "train" else []
            runs = [run(with_questions(articles, learned), queries, config, work)]
        queries = [q for r in runs for q in r.queries]
        python = [x for r in runs for x in r.python]
        many = [x for r in runs for x in r.many]
        browser = [x for r in runs for x in r.browser]
        python_s, many_s, browser_s = (sum(r.times[i] for r in runs) for i in range(3))
        material = "skipped (--no-material)" if args.no_material else material_anchor(queries, work)

    n = len(queries)
    learned = {"none": "", "train": ", questions: the train split's queries",
               "folds": ", questions: the other half of the train split (two folds)"}[args.questions]
    print(f"{args.domain} {args.split}: {n} queries, {len(articles)} articles (bench/fixtures/{args.domain})"
          f"{learned}\n")
    print(f"{'engine':<34} {'top-1':>7} {'top-3':>7} {'MRR@5':>7}")
    rows = [("helpkit search (Python, Whoosh)", python), ("match_many (vectorized)", many),
            ("browser index (hk-search.js, Node)", browser)]
    if not isinstance(material, str):
        rows.append(("Material search (lunr), anchor", material))
    for name, ranked in rows:
        s = score(queries, ranked)
        print(f"{name:<34} {s.top1:>7.1%} {s.top3:>7.1%} {s.mrr5:>7.3f}")
    if isinstance(material, str):
        print(f"{'Material search (lunr), anchor':<34} {material}")
    agree = sum(p[:1] == b[:1] for p, b in zip(python, browser, strict=True)) / n
    agree_many = sum(p[:1] == m[:1] for p, m in zip(python, many, strict=True)) / n
    print(f"\nbrowser/Python top-1 agreement: {agree:.1%}   match_many/search top-1 agreement: {agree_many:.1%}")
    print(f"time: search {python_s:.1f}s ({python_s / n * 1e3:.2f} ms/query), match_many {many_s:.1f}s, "
          f"browser (Node, warm) {browser_s:.1f}s")

    if args.verbose:
        per: dict[str, list[bool]] = collections.defaultdict(list)
        confusions: collections.Counter[tuple[str, str]] = collections.Counter()
        for q, r in zip(queries, python, strict=True):
            per[q.intent].append(r[:1] == [q.gold])
            if r[:1] != [q.gold]:
                confusions[(q.intent, r[0] if r else "-")] += 1
        print("\nworst intents (top-1):")
        for intent, ok in sorted(per.items(), key=lambda kv: sum(kv[1]) / len(kv[1]))[:15]:
            print(f"  {sum(ok) / len(ok):6.1%}  {intent}")
        print("\nmost common confusions (intent → article ranked first):")
        for (intent, slug), count in confusions.most_common(15):
            print(f"  {count:4d}  {intent} → {slug}")


if __name__ == "__main__":
    main()
