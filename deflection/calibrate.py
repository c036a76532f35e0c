"""Calibration from the help center in hand: no threshold is a constant.

Two reference distributions of match scores are drawn from the help center itself, leaving one article key out
(a key is a text that stands for an article: a learned question, else its description, a keyword or a heading):

- **answered**: the key scored against its OWN article's other keys: what a ticket that an article answers
  scores;
- **no article**: the same key scored against the nearest OTHER article: what a ticket scores when its article
  does not exist.

Tickets an agent answered with a link to an article (when the export says so) add answered scores of real tickets.

From those two distributions and the export's own scores:

- the **threshold** separating them best (highest true-positive minus false-positive rate, Youden's J) gives the
  adjusted-count estimate of the **answered share** over the whole export (``(r − fpr) / (tpr − fpr)``, ``r``
  the share of tickets at or above it) with an interval: binomial resampling of the three rates, pooled over
  every threshold nearly as good as the best (the estimate's sensitivity to the threshold is part of its
  uncertainty);
- the **decision threshold** for single tickets is where a ticket is as likely answered as not, given that
  share and the two distributions' densities (so the per-ticket counts agree with the headline).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

BOOTSTRAP = 400
"""Resamples for the interval."""
NEAR_BEST = 0.9
"""Thresholds whose separation (J) is at least this share of the best one's also estimate the share."""
GRID = 400
"""Thresholds tried between the lowest and the highest reference score."""


LABEL_REFERENCE = 20
"""Fewest reply-linked tickets that can stand in for a matcher's references (below 20, a rate's 95% interval
spans more than ±20 points)."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated share with its 95% interval."""

    share: float
    """Point estimate (0..1)."""
    low: float
    """Lower end of the interval."""
    high: float
    """Upper end of the interval."""
    bounded: bool = False
    """The export's share of tickets above the threshold lies outside what the two references explain (the
    adjusted count went below 0 or above 1 and was clipped): the references do not describe these tickets, and
    the share is a bound, not an estimate."""

    @property
    def caveat(self) -> str:
        """What a reader must know besides the numbers ("" when nothing)."""
        return "a bound, not an estimate: these tickets score outside what the help center's own texts predict" \
            if self.bounded else ""


@dataclass(frozen=True, slots=True)
class Calibration:
    """How the report told answered from unanswered tickets, and how sure it is."""

    matcher: str
    """What scored tickets against articles (the sentence encoder's name, or the search engine)."""
    source: str
    """Where the reference scores came from (learned questions, article texts, reply links)."""
    threshold: float
    """A ticket whose best score is at least this is answered."""
    positives: int
    """Reference "answered" scores (keys scored against their own article, plus reply-linked tickets)."""
    negatives: int
    """Reference "no article" scores (keys scored against the nearest other article)."""
    tpr: float
    """Share of the "answered" references at or above the threshold."""
    fpr: float
    """Share of the "no article" references at or above the threshold."""
    separation: float
    """How well the two reference distributions separate (0: not at all, 1: perfectly)."""
    labels: int = 0
    """Tickets labeled by an agent's reply linking an article (counted in the references)."""
    learned: bool = False
    """Whether the help center's articles had learned customer questions (the questions file)."""
    other: Calibration | None = None
    """The calibration of the tickets another matcher scored (tickets of the help center's other locales: the
    search engine, in their locale)."""

    @property
    def sureness(self) -> str:
        """``high``, ``medium`` or ``low``, from :attr:`separation` (how sure single-ticket verdicts are)."""
        return "high" if self.separation >= 0.7 else "medium" if self.separation >= 0.45 else "low"


@dataclass(frozen=True)
class Reference:
    """The two reference score distributions and what follows from them (kept while a report is made)."""

    pos: np.ndarray
    """Scores of keys against their own article (and reply-labeled tickets against their article)."""
    neg: np.ndarray
    """Scores of keys against the nearest other article."""
    cut: float
    """Best-separating threshold (Youden's J)."""
    cuts: np.ndarray
    """Thresholds nearly as separating (for the estimate's interval)."""
    _curves: dict[float, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, compare=False, repr=False)
    """:meth:`posterior`'s curve per prior, computed once."""

    def rates(self, t: float) -> tuple[float, float]:
        """True- and false-positive rate at threshold ``t``."""
        return float((self.pos >= t).mean()), float((self.neg >= t).mean())

    def estimate(self, scores: np.ndarray, seed: int = 0) -> Estimate:
        """Answered share of tickets with these best scores (adjusted count), with a 95% interval."""
        n = len(scores)
        if n == 0:
            return Estimate(0.0, 0.0, 0.0)
        rng = np.random.default_rng(seed)
        tpr, fpr = self.rates(self.cut)
        r = float((scores >= self.cut).mean())
        bounded = not fpr <= r <= tpr
        point = _adjusted(r, tpr, fpr)
        draws = []
        per = max(1, BOOTSTRAP // len(self.cuts))
        for t in self.cuts:
            tpr, fpr = self.rates(t)
            r = rng.binomial(n, (scores >= t).mean(), per) / n
            tp = rng.binomial(len(self.pos), tpr, per) / len(self.pos)
            fp = rng.binomial(len(self.neg), fpr, per) / len(self.neg)
            draws.append(_adjusted(r, tp, fp))
        d = np.concatenate(draws)
        point = float(point)
        return Estimate(point, min(point, float(np.percentile(d, 2.5))), max(point, float(np.percentile(d, 97.5))),
                        bounded)

    def posterior(self, scores: np.ndarray, prior: float) -> np.ndarray:
        """Probability that a ticket with each score is answered, given the export's answered share ``prior``
        (:func:`posterior`)."""
        curve = self._curves.get(prior)
        if curve is None:
            curve = self._curves[prior] = _curve(self.pos, self.neg, prior)
        return np.interp(scores, *curve)

    def decision(self, prior: float) -> float:
        """Lowest score whose posterior is at least one half (above the weakest "no article" reference and
        below the strongest "answered" one); the best-separating threshold when the densities never cross."""
        lo, hi = float(min(self.pos.min(), self.neg.min())), float(max(self.pos.max(), self.neg.max()))
        grid = np.linspace(lo, hi, GRID)
        post = self.posterior(grid, prior)
        above = np.flatnonzero((post >= 0.5) & (grid >= np.median(self.neg)) & (grid <= np.median(self.pos)))
        if len(above) == 0:
            return self.cut
        return float(grid[above[0]])


def reference(pos: Sequence[float] | np.ndarray, neg: Sequence[float] | np.ndarray) -> Reference:
    """The reference built from "answered" and "no article" scores (at least one of each)."""
    p, q = np.asarray(pos, dtype=np.float64), np.asarray(neg, dtype=np.float64)
    lo, hi = float(min(p.min(), q.min())), float(max(p.max(), q.max()))
    grid = np.linspace(lo, hi, GRID)
    j = np.array([(p >= t).mean() - (q >= t).mean() for t in grid])
    best = int(np.argmax(j))
    near = grid[j >= NEAR_BEST * j[best]] if j[best] > 0 else grid[best:best + 1]
    return Reference(p, q, float(grid[best]), near)


def _adjusted(r: np.ndarray | float, tpr: np.ndarray | float, fpr: np.ndarray | float) -> np.ndarray | float:
    """Adjusted count: the answered share that explains a rate ``r`` above threshold, clipped to 0..1."""
    return np.clip((np.asarray(r) - fpr) / np.maximum(np.asarray(tpr) - fpr, 1e-6), 0.0, 1.0)


def posterior(pos: np.ndarray, neg: np.ndarray, at: np.ndarray, prior: float = 0.5) -> np.ndarray:
    """Probability that a score at each of ``at`` belongs with the ``pos`` sample rather than the ``neg`` one,
    given the share ``prior`` of ``pos``: the ratio of their kernel densities (:func:`density`), made to rise
    with the score. Two kernel densities of different spreads cross again in their tails, where the wider one
    wins: a ticket scoring below nearly every reference was called 84% likely answered, and a lower score could
    be likelier answered than a higher one. So the ratio is fitted by isotonic regression over the scores the
    two samples hold (their pooled 1st to 99th percentile), and a score beyond them takes the nearest end's
    value."""
    return np.interp(np.asarray(at, dtype=np.float64), *_curve(pos, neg, prior))


def _curve(pos: np.ndarray, neg: np.ndarray, prior: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`posterior` on a grid of :data:`GRID` scores: (scores, probabilities), non-decreasing."""
    from sklearn.isotonic import IsotonicRegression

    lo, hi = (float(v) for v in np.percentile(np.concatenate([pos, neg]), [1, 99]))
    grid = np.linspace(lo, hi, GRID) if hi > lo else np.array([lo, lo + 1e-9])
    a = prior * density(pos, grid)
    raw = a / np.maximum(a + (1.0 - prior) * density(neg, grid), 1e-300)
    return grid, IsotonicRegression(increasing=True).fit_transform(grid, raw)


def density(sample: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Gaussian kernel density of ``sample`` at ``at`` (Silverman's bandwidth; at most 5,000 points kept)."""
    if len(sample) > 5000:
        sample = np.random.default_rng(0).choice(sample, 5000, replace=False)
    sd = float(sample.std()) or 1e-3
    iqr = float(np.subtract(*np.percentile(sample, [75, 25]))) / 1.34 or sd
    h = 0.9 * min(sd, iqr) * len(sample) ** -0.2
    out = np.zeros(len(at))
    for start in range(0, len(at), 2048):
        z = (at[start:start + 2048, None] - sample[None, :]) / h
        out[start:start + 2048] = np.exp(-0.5 * z * z).mean(axis=1) / (h * np.sqrt(2 * np.pi))
    return out
