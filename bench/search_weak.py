"""Search that admits failure: how often a weak first hit is flagged (``SearchResults.confident`` false, the site's
"may not answer" message), on queries the help center answers and on queries it does not.

    python -m bench.search_weak [--domain banking|clinc|all] [--split train|valid|test] [--limit N] [--no-meaning]
                                [--browser] [--missing]

- **banking**: ``bench/fixtures/banking`` (one article per BANKING77 intent). Answered: BANKING77's ``train`` or
  ``test`` queries (``valid``: BANKING77-OOS's ``valid.csv``); out of scope: BANKING77-OOS's general off-topic
  queries (``ood_oos_valid.csv`` for train/valid, ``ood_oos_test.csv`` for test).
- **clinc**: ``bench/fixtures/clinc`` (CLINC150's travel and work intents). Answered: the split's queries of those
  30 intents; out of scope: the split's ``oos`` queries, and (reported apart) the split's queries of the 120
  intents of other domains, which this help center does not cover either.

The cut-offs are the ones ``helpkit build`` derives from each help center (:mod:`search_index._confidence`):
nothing here is set per domain. Design on banking train/valid; report banking test and clinc test. Top-1 is the
ranking's (the flag never reorders), shown to check it is unchanged, with top-1 among flagged and unflagged
answered queries. ``--no-meaning``: words alone (the coverage cut-off only), as in a language without meaning
vectors. ``--browser``: also run every query through the browser index (hk-search.js in headless Chromium) and
report how often it calls the first hit weak exactly when ``helpkit search`` does. ``--missing``: leave out every
:data:`LEAVE_OUT`-th article, so its queries become questions of the help center's own domain that no article
answers (the missing article a customer should be offered the contact page for), reported as out of scope.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.data import eval_dir
from helpkit.config import load_config
from helpkit.loader import load_help_center
from search_index import build_index, open_engine

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "bench" / "fixtures"

LEAVE_OUT = 7
"""``--missing`` leaves out the articles at positions 3, 10, 17, ... (11 of banking's 77, 4 of clinc's 30)."""


@dataclass(frozen=True, slots=True)
class QuerySet:
    """Labelled queries of one domain and split."""

    answered: list[tuple[str, str]]
    """(query, slug of the article that answers it)."""
    out_of_scope: dict[str, list[str]]
    """Queries no article answers, by kind."""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def banking(split: str) -> QuerySet:
    gold = {r["intent"]: r["slug"] for r in _rows(FIXTURES / "banking" / "intents.csv")}
    ev = eval_dir()
    if split == "valid":
        rows = [(r["text"], r["label"]) for r in _rows(ev / "banking77_oos" / "valid.csv")]
    else:
        rows = [(r["text"], r["category"]) for r in _rows(ev / "banking77" / f"{split}.csv")]
    ood = "test" if split == "test" else "valid"
    oos = [r["text"] for r in _rows(ev / "banking77_oos" / f"ood_oos_{ood}.csv")]
    return QuerySet([(t, gold[c]) for t, c in rows if c in gold], {"off-topic (BANKING77-OOS ood)": oos})


def clinc(split: str) -> QuerySet:
    gold = {r["intent"]: r["slug"] for r in _rows(FIXTURES / "clinc" / "intents.csv")}
    data = json.loads((eval_dir() / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    key = {"train": "train", "valid": "val", "test": "test"}[split]
    return QuerySet([(t, gold[c]) for t, c in data[key] if c in gold],
                    {"CLINC150 oos": [t for t, _ in data[f"oos_{key}"]],
                     "other domains' intents": [t for t, c in data[key] if c not in gold]})


def _even(items: list, limit: int | None) -> list:  # type: ignore[type-arg]
    if not limit or len(items) <= limit:
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def measure(domain: str, split: str, limit: int | None, meaning: bool = True, browser: bool = False,
            missing: bool = False) -> None:
    queries = {"banking": banking, "clinc": clinc}[domain](split)
    config = load_config(FIXTURES / domain / "mkdocs.yml")
    articles = load_help_center(config).articles
    if missing:
        gone = {a.slug for i, a in enumerate(articles) if i % LEAVE_OUT == 3}
        articles = tuple(a for a in articles if a.slug not in gone)
        queries = QuerySet([(q, g) for q, g in queries.answered if g not in gone],
                           {**queries.out_of_scope, f"in domain, article left out ({len(gone)})":
                            [q for q, g in queries.answered if g in gone]})
    with tempfile.TemporaryDirectory() as tmp:
        build_index(articles, "en", Path(tmp), synonyms=config.synonyms_path, meaning=meaning)
        with open_engine(Path(tmp), "en") as engine:
            cut = engine.cutoff
            answered = [(engine.search(q, limit=1), gold) for q, gold in _even(queries.answered, limit)]
            outs = {kind: [engine.search(q, limit=1) for q in _even(texts, limit)]
                    for kind, texts in queries.out_of_scope.items()}
        agreement = _browser_agreement(articles, config, meaning, [r for r, _ in answered] +
                                       [r for rs in outs.values() for r in rs], Path(tmp)) if browser else None
    print(f"{domain} {split}: {len(articles)} articles; cut-offs from {cut.keys} keys: coverage {cut.coverage}, "
          f"similarity {cut.similarity}, close {cut.close}")
    n = len(answered)
    weak = [(r, g) for r, g in answered if not r.confident]
    sure = [(r, g) for r, g in answered if r.confident]

    def top1(pairs: list) -> float:  # type: ignore[type-arg]
        return sum(bool(r.hits) and r.hits[0].slug == g for r, g in pairs) / (len(pairs) or 1)

    print(f"  answered queries ({n}): flagged weak {len(weak) / n:.1%}; top-1 {top1(answered):.1%} "
          f"(flagged {top1(weak):.1%}, not flagged {top1(sure):.1%})")
    for kind, results in outs.items():
        flagged = sum(not r.confident for r in results) / (len(results) or 1)
        empty = sum(not r.hits for r in results) / (len(results) or 1)
        print(f"  out of scope, {kind} ({len(results)}): flagged weak {flagged:.1%} (no hit at all {empty:.1%})")
    if agreement is not None:
        print(f"  browser/Python agreement on 'confident': {agreement:.2%}")


def _browser_agreement(articles, config, meaning: bool, results: list, work: Path) -> float:  # type: ignore[no-untyped-def]
    """Share of ``results`` whose ``confident`` the browser index computes the same."""
    from bench.search_browser import BrowserSearch, chromium
    from search_index import write_browser_index

    assets = work / "site" / "assets" / "helpkit"
    write_browser_index(articles, "en", assets, synonyms=config.synonyms_path, meaning=meaning)
    with chromium() as browser, BrowserSearch(browser, assets) as runtime:
        found = runtime.search([r.query for r in results], limit=1)
    return sum(b.confident == r.confident for b, r in zip(found, results, strict=True)) / (len(results) or 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--domain", default="all", choices=("banking", "clinc", "all"))
    parser.add_argument("--split", default="test", choices=("train", "valid", "test"))
    parser.add_argument("--limit", type=int, default=None, help="an even sample of N queries per set")
    parser.add_argument("--no-meaning", action="store_true", help="words alone, no meaning vectors")
    parser.add_argument("--browser", action="store_true", help="also check the browser index agrees")
    parser.add_argument("--missing", action="store_true", help="leave some articles out: their queries are in "
                        "domain with no article")
    args = parser.parse_args()
    for domain in ("banking", "clinc") if args.domain == "all" else (args.domain,):
        measure(domain, args.split, args.limit, meaning=not args.no_meaning, browser=args.browser,
                missing=args.missing)


if __name__ == "__main__":
    main()
