"""Subjects that are rising: a topic's or an article's share of the export's tickets grew over its weeks (a new
problem after a release: "the clock-in button is greyed out since the update").

The test is the Cochran-Armitage test for a trend in proportions: each week's tickets of the subject against the
export's tickets that week (so a busier week is no rise), one-sided, at a 5% family-wise error over every topic
and article tested (Bonferroni). Nothing is fitted: the weeks and the volumes are the export's own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

FAMILY_ERROR = 0.05
"""Chance, over all the subjects tested in one report, of calling one rising that is not."""
MIN_WEEKS = 4
"""Fewer weeks show no trend."""


@dataclass(frozen=True, slots=True)
class Rise:
    """How a rising subject's tickets fell over the export's weeks."""

    recent: int
    """Its tickets in the later half of the weeks."""
    total: int
    """All its tickets."""
    recent_weeks: int
    """How many weeks that later half is."""
    weeks: int
    """Weeks in the export."""

    def detail(self) -> str:
        """``59 of its 65 tickets in the last 5 of 10 weeks``."""
        return f"{self.recent:,} of its {self.total:,} tickets in the last {self.recent_weeks} of {self.weeks} weeks"

    def sentence(self) -> str:
        """``rising: 59 of its 65 tickets in the last 5 of 10 weeks``."""
        return f"rising: {self.detail()}"


def critical_z(tests: int) -> float:
    """The one-sided z a statistic must reach to be beyond chance at :data:`FAMILY_ERROR` over ``tests`` tests
    (Bonferroni)."""
    return NormalDist().inv_cdf(1 - FAMILY_ERROR / max(1, tests))


def rising(counts: Sequence[int], totals: Sequence[int], tests: int) -> Rise | None:
    """A :class:`Rise` when the share ``counts[i] / totals[i]`` grows over the weeks ``i`` (oldest first) beyond
    chance among ``tests`` subjects tested, else ``None``."""
    weeks = len(totals)
    n = sum(totals)
    x = sum(counts)
    if weeks < MIN_WEEKS or n == 0 or x == 0 or x == n or len(counts) != weeks:
        return None
    p = x / n
    mean_t = sum(i * m for i, m in enumerate(totals)) / n
    stat = sum((i - mean_t) * c for i, c in enumerate(counts))  # = Σ t_i (x_i − n_i p) with centred scores
    var = p * (1 - p) * sum(m * (i - mean_t) ** 2 for i, m in enumerate(totals))
    if var <= 0 or stat / math.sqrt(var) < critical_z(tests):
        return None
    later = weeks // 2
    return Rise(sum(counts[weeks - later:]), x, later, weeks)
