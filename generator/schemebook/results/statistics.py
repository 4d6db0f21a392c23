"""The statistics a small scheme can honestly report, as pure functions.

Likert answers are ordinal and schemes are small, so the report uses
medians and quartiles rather than means, Cronbach's alpha for the internal
consistency of a measure, and for change the Wilcoxon signed-rank test on
paired scores with the matched-pairs rank-biserial correlation as its effect
size. Each function says what it assumes; none of them fills in a missing
answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scipy import stats as scipy_stats

ZERO_METHOD: Literal["wilcox"] = "wilcox"
"""How the signed-rank test treats people whose score did not change: 'wilcox'
leaves them out of the ranks (they are counted and reported as 'no change')."""

EXACT_UP_TO = 50
"""Largest number of non-zero differences for an exact p-value (as SciPy's own
'auto' rule); above it, or with tied differences, p comes from the normal
approximation."""


@dataclass(frozen=True)
class Spread:
    """Median and interquartile range of some scores."""

    n: int
    median: float
    lower: float
    """First quartile (linear interpolation between ranks, Hyndman and Fan type 7)."""
    upper: float


@dataclass(frozen=True)
class Change:
    """Paired change from one wave to another, for the people who answered both."""

    n: int
    """People with a score in both waves."""
    unchanged: int
    """Of them, people whose score did not change (left out of the ranks)."""
    median_change: float
    positive_ranks: float
    """T+: the sum of the ranks of the increases."""
    negative_ranks: float
    statistic: float
    """The Wilcoxon statistic SciPy reports: the smaller of T+ and T- (two-sided)."""
    p: float
    exact: bool
    """True when p is exact (no ties among the differences, few enough of them)."""
    effect: float
    """Matched-pairs rank-biserial correlation: (T+ - T-) / (T+ + T-), from -1 to 1."""


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between order statistics (type 7)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values: Sequence[float]) -> Spread:
    """Median and quartiles of ``values`` (at least one)."""
    return Spread(len(values), quantile(values, 0.5), quantile(values, 0.25),
                  quantile(values, 0.75))


def _variance(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of a measure: ``rows`` are people, each with every item answered.

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the totals),
    with sample variances. None when it is not defined (fewer than two people
    or items, or totals that do not vary).
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    items = [[row[i] for row in rows] for i in range(k)]
    totals = [sum(row) for row in rows]
    total_variance = _variance(totals)
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - sum(_variance(item) for item in items) / total_variance)


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def paired_change(before: Sequence[float], after: Sequence[float]) -> Change | None:
    """The Wilcoxon signed-rank test of after - before, two-sided, zeros left out.

    Assumes the pairs are independent of each other and the differences are
    symmetric about their median. None when every score stayed the same.
    """
    differences = [a - b for b, a in zip(before, after, strict=True)]
    moved = [d for d in differences if d != 0]
    if not moved:
        return None
    ranks = _ranks([abs(d) for d in moved])
    plus = sum(r for r, d in zip(ranks, moved, strict=True) if d > 0)
    minus = sum(r for r, d in zip(ranks, moved, strict=True) if d < 0)
    exact = len(moved) <= EXACT_UP_TO and len({abs(d) for d in moved}) == len(moved)
    method: Literal["exact", "approx"] = "exact" if exact else "approx"
    result = scipy_stats.wilcoxon(moved, zero_method=ZERO_METHOD, method=method)
    return Change(len(differences), len(differences) - len(moved),
                  quantile(differences, 0.5), plus, minus, float(result.statistic),
                  float(result.pvalue), exact, (plus - minus) / (plus + minus))
