"""How close can calibration by references get to the true answered share? An oracle.

    python -m bench.deflection_oracle [--split valid|test]

Same domains, help centers and splits as :mod:`bench.deflection_quality`. The estimator of the report (adjusted
count, :mod:`deflection.calibrate`) is given the best references an export could hold: every covered ticket of the
export scored against its true article ("answered") and against its best other article ("no article": as if its
article were missing), in the customers' own words, with the report's statistic (learned questions: mean cosine of
the 5 nearest; articles only: the lead). Then, with the answered share set to the truth, the share of covered
tickets linked to the right article and called answered ("right & answered" at the true share) and the matcher's
top-1. What the oracle misses is out of reach of any reference built from covered tickets (CALIBRATION.md §4).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from bench.deflection_quality import banking, clinc
from deflection.calibrate import reference
from deflection.clean import clean
from deflection.encoder import load_encoder
from deflection.sentences import SentenceIndex, lead
from helpkit.config import load_config
from helpkit.loader import load_help_center


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="valid", choices=("valid", "test"))
    args = ap.parse_args()
    encoder = load_encoder()
    for name, make in (("banking", banking), ("clinc", clinc)):
        for questions in (True, False):
            with tempfile.TemporaryDirectory() as tmp:
                case = make(Path(tmp) / "hc", args.split, questions)
                articles = load_help_center(load_config(case.config)).articles
            index = SentenceIndex(articles, encoder)
            vectors = encoder.encode([clean(t) for t in case.texts])
            a = index.per_article(vectors @ index.vectors.T).astype(np.float64)
            slug_row = {x.slug: i for i, x in enumerate(index.articles)}
            right = np.array([slug_row.get(case.slug_of.get(i, ""), -1) for i in case.intents])
            covered = right >= 0
            truth = float(covered.mean())
            rows = np.flatnonzero(covered)
            counted = np.ones_like(a[rows], dtype=bool)
            pos = a[rows, right[rows]] if index.questions else lead(a[rows], right[rows])
            others = np.where(np.arange(a.shape[1])[None, :] == right[rows, None], -np.inf, a[rows])
            best_other = others.argmax(axis=1)
            counted[np.arange(len(rows)), right[rows]] = False
            neg = a[rows, best_other] if index.questions else lead(a[rows], best_other, counted)
            score = a.max(axis=1) if index.questions else lead(a, a.argmax(axis=1))
            e = reference(pos, neg).estimate(score)
            top1 = a.argmax(axis=1) == right
            at_truth = top1 & (score >= np.quantile(score, 1 - truth))
            print(f"{name} {args.split} {'questions' if questions else 'articles only'}: truth {100 * truth:.1f}%, "
                  f"oracle references {100 * e.share:.1f}% ({100 * (e.share - truth):+.1f} points); right & answered "
                  f"at the true share {100 * at_truth[covered].mean():.1f}%, top-1 {100 * top1[covered].mean():.1f}%")


if __name__ == "__main__":
    main()
