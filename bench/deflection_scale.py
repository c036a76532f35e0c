"""Deflection at scale: N synthetic tickets (default 1,000,000) through ``helpkit deflection``'s code path.

    python -m bench.deflection_scale [N] [--keep DIR] [--fast]

Tickets are BANKING77 train queries (real customer wording) dressed as help-desk tickets: a greeting, an
order number, sometimes an e-mail address, card or phone number to redact, an HTML body, a quoted reply or a
signature, spread over a year, three channels and two languages; about 1 in 500 rows is malformed. The help
center is the banking fixture (``bench/fixtures/banking``) when present, else the shipped sample help center.

Prints wall time, throughput, peak RSS and peak memory in use (proportional set size, which counts the pages
the forked workers share with the main process once; targets: 100,000 tickets ≤ 5 min, 1,000,000 ≤ 30 min,
≤ 2 GB, with the sentence encoder; ``--fast``: the search engine's scores).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import deflection
import search_index
from bench.data import eval_dir
from helpkit.config import load_config
from helpkit.loader import load_help_center

REPO = Path(__file__).resolve().parent.parent
EVAL = eval_dir()
BANKING = REPO / "bench" / "fixtures" / "banking"

GREETINGS = ("", "Hi,\n", "Hello team,\n", "Hey there!\n", "Dear support,\n")
TAILS = ("", "\n\nThanks,\nAlex", "\n\nSent from my iPhone", "\n\nOn Mon, 1 Jan 2024, Support <help@bank.example> "
         "wrote:\n> Thanks for contacting us.\n> Best", "\n\nBest regards,\nSam Lee\n+44 20 7946 0958")
EXTRAS = ("", " My order is {n}.", " You can reach me at user{n}@mail.example.", " Card 4111 1111 1111 1111.",
          " Reference {n}.", " It happened on {d}.")


def write_export(path: Path, n: int, texts: list[str], seed: int = 0) -> None:
    """Write ``n`` synthetic tickets as a Zendesk-style CSV export."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Subject", "Description", "Created at", "Via", "Requester language"])
        for i in range(n):
            if rng.random() < 0.002:
                w.writerow([i, "broken"])
                continue
            text = rng.choice(texts)
            extra = rng.choice(EXTRAS).format(n=rng.randrange(10**5, 10**6), d=start + timedelta(rng.randrange(365)))
            body = rng.choice(GREETINGS) + text + extra + rng.choice(TAILS)
            if rng.random() < 0.2:
                body = "<p>" + body.replace("\n", "<br>") + "</p>"
            day = start + timedelta(days=rng.randrange(365))
            w.writerow([i, text[:40] if rng.random() < 0.3 else "", body, f"{day} {rng.randrange(24):02d}:00",
                        rng.choice(("email", "web", "chat")), rng.choice(("en", "en", "en", "en-GB", "es"))])


def _pss_mb(pid: int) -> float:
    """Proportional set size of a process in MB (shared pages divided among their sharers); 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    """Child processes of ``pid`` (Linux)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class PeakPss(threading.Thread):
    """Samples this process's and its children's proportional set size; :attr:`mb` is the highest sum seen."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._done.wait(0.5):
            self.mb = max(self.mb, _pss_mb(me) + sum(_pss_mb(c) for c in _children(me)))

    def stop(self) -> None:
        """Stop sampling (after one last sample)."""
        self._done.set()
        self.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="write the report here instead of a temporary folder")
    ap.add_argument("--fast", action="store_true", help="the search engine's scores, not the sentence encoder")
    args = ap.parse_args()
    texts = [r["text"] for r in csv.DictReader((EVAL / "banking77" / "train.csv").open(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = BANKING if (BANKING / "mkdocs.yml").is_file() else REPO
        cfg = load_config(project / "mkdocs.yml")
        center = load_help_center(cfg)
        index_dir = work / "index"
        search_index.build_index(center.articles, cfg.source_locale, index_dir)
        export = work / "tickets.csv"
        t0 = time.perf_counter()
        write_export(export, args.n, texts)
        size = export.stat().st_size / 1e6
        print(f"generated {args.n:,} tickets ({size:.0f} MB) in {time.perf_counter() - t0:.0f} s")
        out = args.keep or work / "report"
        t0 = time.perf_counter()
        peak = PeakPss()
        peak.start()
        with deflection.progress_bar([export]) as progress:
            report, written = deflection.run(
                [export], deflection.Options(progress=progress, fast=args.fast),
                lambda loc: search_index.open_engine(index_dir, cfg.source_locale),
                formats=deflection.FORMATS, out_dir=out, locales=(cfg.source_locale,), articles=center.articles,
            )
        wall = time.perf_counter() - t0
        peak.stop()
        rss_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rss_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        workers = __import__("deflection.workers").workers.default_workers()
        if not report.calibration.matcher.startswith("search engine"):
            workers = min(workers, 1)  # the encoder path cleans in one worker (deflection.analyze)
        rss = rss_main + workers * rss_worker  # upper bound: every worker at the largest one's peak
        h = report.headline
        print(f"help center: {project.name} ({len(center.articles)} articles); matcher: {report.calibration.matcher}")
        print(f"tickets read {h.read:,}, analyzed {h.analyzed:,}, skipped {h.skipped_total:,}, "
              f"answered {100 * h.answered_share:.1f}%, topics {len(report.topics)}")
        print(f"wall time {wall:.0f} s ({h.read / wall:,.0f} tickets/s); peak RSS {rss:,.0f} MB "
              f"(main {rss_main:,.0f} MB + {workers} workers × {rss_worker:,.0f} MB)")
        print(f"peak memory in use (proportional set size, main + workers, sampled every 0.5 s): "
              f"{peak.mb:,.0f} MB (pages shared by the forked workers counted once)")
        limit = 300 if args.n <= 100_000 else 1800
        print(f"targets: wall <= {limit} s {'OK' if wall <= limit else 'MISSED'}; memory <= 2048 MB "
              f"{'OK' if peak.mb <= 2048 else 'MISSED'} (RSS sum {'OK' if rss <= 2048 else 'over'})")
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in written)
        print(f"outputs: {sizes}")
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
