"""The report's statistics against values worked out by hand, not the same SciPy call.

Each expected figure below is computed in the comment beside it, from the
definitions: quartiles by linear interpolation (Hyndman and Fan type 7),
Cronbach's alpha from sample variances, the Wilcoxon signed-rank test by
counting sign patterns (exact) or from the normal approximation with the
tie correction, and the matched-pairs rank-biserial correlation
(T+ - T-) / (T+ + T-).
"""

from __future__ import annotations

import math

import pytest
from schemebook.results.statistics import cronbach_alpha, paired_change, quantile, spread


def test_quartiles_interpolate_between_ranks() -> None:
    # [1, 2, 3, 4]: median at position 1.5 -> 2.5; lower quartile at 0.75 -> 1 + 0.75;
    # upper quartile at 2.25 -> 3 + 0.25.
    found = spread([4, 1, 3, 2])
    assert (found.n, found.median, found.lower, found.upper) == (4, 2.5, 1.75, 3.25)
    assert quantile([7.0], 0.25) == 7.0


def test_cronbach_alpha_by_hand() -> None:
    # Items: [1,2,3,4] var 5/3; [2,3,3,5] var 4.75/3; [3,3,4,5] var 2.75/3; sum 12.5/3.
    # Totals [6,8,10,14]: var 35/3. alpha = 3/2 * (1 - 12.5/35) = 27/28.
    rows = [[1, 2, 3], [2, 3, 3], [3, 3, 4], [4, 5, 5]]
    assert cronbach_alpha(rows) == pytest.approx(27 / 28)
    assert cronbach_alpha([[3, 3], [3, 3]]) is None  # totals that do not vary
    assert cronbach_alpha([[1, 2, 3]]) is None  # one person


def test_exact_wilcoxon_by_counting_sign_patterns() -> None:
    # Differences 1, 2, -3, 4, 5, 6: no ties, ranks 1..6. T+ = 18, T- = 3.
    # Two-sided exact p = 2 * P(T- <= 3) over the 2^6 sign patterns: the subsets of
    # {1..6} summing to 3 or less are {}, {1}, {2}, {3}, {1,2}: p = 2 * 5 / 64.
    change = paired_change([0] * 6, [1, 2, -3, 4, 5, 6])
    assert change is not None
    assert (change.positive_ranks, change.negative_ranks, change.statistic) == (18, 3, 3)
    assert change.exact and change.p == pytest.approx(10 / 64)
    assert change.effect == pytest.approx((18 - 3) / 21)
    assert change.median_change == pytest.approx(3.0)  # of 1,2,-3,4,5,6: (2+4)/2


def test_tied_wilcoxon_uses_the_normal_approximation_with_the_tie_correction() -> None:
    # Differences 1, 1, 2, -1, 3, 3, 4. |d| ranks: the three 1s share ranks 1-3 (2 each),
    # 2 -> 4, the 3s share 5-6 (5.5 each), 4 -> 7. T- = 2, T+ = 26, n = 7.
    # Mean n(n+1)/4 = 14; variance n(n+1)(2n+1)/24 = 35, less the tie correction
    # sum(t^3 - t)/48 = (24 + 6)/48 = 0.625. z = (2 - 14) / sqrt(34.375).
    change = paired_change([0] * 7, [1, 1, 2, -1, 3, 3, 4])
    assert change is not None and not change.exact
    z = (2 - 14) / math.sqrt(35 - 0.625)
    assert change.p == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=1e-9)
    assert change.effect == pytest.approx((26 - 2) / 28)


def test_people_whose_score_did_not_change_are_counted_but_not_ranked() -> None:
    # Zero differences leave the ranks (zero_method 'wilcox'): 2, -1, 3 remain.
    change = paired_change([3, 3, 3, 3, 3], [3, 5, 2, 3, 6])
    assert change is not None
    assert (change.n, change.unchanged) == (5, 2)
    assert (change.positive_ranks, change.negative_ranks) == (2 + 3, 1)
    assert paired_change([2, 3], [2, 3]) is None  # nobody moved: nothing to test
