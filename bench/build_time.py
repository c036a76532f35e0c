"""``helpkit build`` against plain ``mkdocs build`` (Material, shallow nav) on the same synthetic content.

    python -m bench.build_time --sizes 1000 5000 --runs 3

``helpkit build`` runs with ``--no-cache`` (every page rendered, as plain MkDocs does).
Reports the median wall time and peak memory (proportional set size of the whole process tree,
sampled every 50 ms) of each, and their ratio. The anchor
builds the raw ``content/`` folder with Material and a nav of one page per category (the
articles are left out of the nav: Material's default nav of every page is quadratic).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from bench.generate import CATEGORIES, generate

REPO = Path(__file__).resolve().parent.parent


def _tree_rss_mib(root: int) -> float:
    """Memory of a process and all its descendants, in MiB: the sum of their proportional set sizes
    (shared pages split between the processes sharing them), from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    for pid in tree:  # proportional set size: pages shared by forked workers are counted once
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                rss[pid] = next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return sum(rss.values()) / 2**20


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak memory of the whole process tree in MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_rss_mib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr_bytes = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr_bytes.decode()[-2000:]}")
    return wall, peak


def anchor_config(project: Path) -> Path:
    """A plain MkDocs config for the same content: Material, one nav entry per category."""
    nav = [{c: f"{c}/article-{i:05d}.md"} for i, c in enumerate(CATEGORIES)]
    cfg = {"site_name": "Anchor", "docs_dir": "content", "site_dir": "anchor-site", "theme": {"name": "material"},
           "nav": nav, "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables",
                                               {"toc": {"permalink": True}}],
           "validation": {"nav": {"omitted_files": "ignore"}}}
    path = project / "anchor.yml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = generate(n, Path(tmp) / "hc")
            anchor = anchor_config(project)
            helpkit_runs, mkdocs_runs = [], []
            for _ in range(args.runs):
                mkdocs_runs.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(anchor)], project))
                helpkit_runs.append(timed([sys.executable, str(REPO / "cli.py"), "build", "--no-cache"], project))
            hw, hm = statistics.median(r[0] for r in helpkit_runs), statistics.median(r[1] for r in helpkit_runs)
            mw, mm = statistics.median(r[0] for r in mkdocs_runs), statistics.median(r[1] for r in mkdocs_runs)
            html = sum(p.stat().st_size for p in (project / "site").rglob("*.html")) / 2**20
            print(f"{n} articles, median of {args.runs}: helpkit build {hw:.1f} s / {hm:.0f} MiB; "
                  f"mkdocs build {mw:.1f} s / {mm:.0f} MiB; ratio {hw / mw:.2f}x time, {hm / mm:.2f}x memory; "
                  f"site HTML {html:.0f} MiB")


if __name__ == "__main__":
    main()
