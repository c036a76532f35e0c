"""``helpkit build`` against plain ``mkdocs build`` (Material, shallow nav) on the same synthetic content.

    python -m bench.build_time --sizes 1000 5000 --runs 3

Reports the median wall time and peak memory (max RSS) of each, and their ratio. The anchor
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
import time
from pathlib import Path

import yaml

from bench.generate import CATEGORIES, generate

REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    return wall, usage.ru_maxrss / 1024


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
                helpkit_runs.append(timed([sys.executable, str(REPO / "cli.py"), "build"], project))
            hw, hm = statistics.median(r[0] for r in helpkit_runs), statistics.median(r[1] for r in helpkit_runs)
            mw, mm = statistics.median(r[0] for r in mkdocs_runs), statistics.median(r[1] for r in mkdocs_runs)
            html = sum(p.stat().st_size for p in (project / "site").rglob("*.html")) / 2**20
            print(f"{n} articles, median of {args.runs}: helpkit build {hw:.1f} s / {hm:.0f} MiB; "
                  f"mkdocs build {mw:.1f} s / {mm:.0f} MiB; ratio {hw / mw:.2f}x time, {hm / mm:.2f}x memory; "
                  f"site HTML {html:.0f} MiB")


if __name__ == "__main__":
    main()
