"""A 1,000-article help center in 5 locales, built from a warm translation memory, against the 1-locale build.

    python -m bench.locales_build --articles 1000 --runs 3

The memories are filled first with the deterministic fake backend (what a finished review
leaves behind); then ``helpkit build`` is timed with 5 target locales and with none, both with
``--no-cache`` (every page rendered) and with a warm build cache (a rebuild with no content
change, what CI sees with ``.helpkit/`` restored). Target: 5 locales ≤ 3× the 1-locale build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench.build_time import timed
from bench.generate import generate

REPO = Path(__file__).resolve().parent.parent
LOCALES = ("es", "de", "fr", "pt", "it")


def warm_memory(project: Path) -> None:
    """Fill every locale's translation memory (no model needed: the fake backend)."""
    from helpkit.config import load_config
    from helpkit.loader import load_help_center
    from translations import translate_locales
    from translations.backends import FakeBackend

    config = load_config(project / "mkdocs.yml")
    translate_locales(load_help_center(config), config, LOCALES, backend=FakeBackend())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = generate(args.articles, Path(tmp) / "one")
        five = generate(args.articles, Path(tmp) / "five", locales=LOCALES)
        warm_memory(five)
        for label, extra in (("no build cache (--no-cache)", ["--no-cache"]), ("warm build cache", [])):
            cmd = [sys.executable, str(REPO / "cli.py"), "build", *extra]
            timed(cmd, one), timed(cmd, five)  # fill the build cache (a no-op for --no-cache)
            single = statistics.median(timed(cmd, one)[0] for _ in range(args.runs))
            multi = statistics.median(timed(cmd, five)[0] for _ in range(args.runs))
            print(f"{args.articles} articles, {label}, median of {args.runs}: 1 locale {single:.1f} s; "
                  f"{1 + len(LOCALES)} locales (5 targets, warm translation memory) {multi:.1f} s; "
                  f"ratio {multi / single:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
