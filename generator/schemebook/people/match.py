"""Pair a whole cohort at once: optimal under the hard rules, not first come, first served.

The cohort is an assignment problem: mentees are rows, mentors are columns
(a mentor who may take two mentees has two columns), and every mentee also
has a column of their own that means "unpaired". SciPy's
``linear_sum_assignment`` finds the best assignment exactly; it is
deterministic, so the same applications always give the same pairs. A pair
a hard rule forbids costs more than staying unpaired, so it is never made.

Two priorities, as mentoring platforms offer them:

* ``most-paired`` (the default): as many *people* paired as possible (a
  mentor's first mentee pairs two people, a second one only one), then the
  best total score among the ways of doing that. A volunteer left out costs
  a reverse mentoring scheme more than a weaker pair.
* ``best-score``: the highest total score, then as many people as possible.

Both are one weighted assignment: the first priority is multiplied by a
number larger than anything the second can add up to. The coordinator's
fixed pairs are made first and take their mentor's place.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .applications import Applicant
from .grid import Grid, grid
from .overrides import Override, Overrides
from .rules import Rules, Score

try:  # optional: the 'match' extra
    import numpy as np
    from scipy.optimize import linear_sum_assignment
except ImportError:  # pragma: no cover - the tests install the extra
    np = None  # type: ignore[assignment]
    linear_sum_assignment = None  # type: ignore[assignment]

PRIORITIES = ("most-paired", "best-score")


class SolverMissing(RuntimeError):
    """SciPy is not installed (the 'match' extra)."""


@dataclass(frozen=True)
class Paired:
    """One pair the match makes."""

    mentor: Applicant
    mentee: Applicant
    score: Score
    fixed: Override | None = None


@dataclass(frozen=True)
class Unpaired:
    """Someone left without a partner, and why."""

    person: Applicant
    blocked: dict[str, int]
    """Hard rule -> how many people of the other role it rules out for them."""
    possible: int
    """People of the other role the rules allow; all of them were paired elsewhere."""
    others: int
    """People of the other role in the cohort."""


@dataclass(frozen=True)
class Outcome:
    """The pairs, who is left out, and the score against first come, first served."""

    pairs: list[Paired]
    unpaired: list[Unpaired]
    priority: str
    baseline_total: int
    baseline_pairs: int
    mentors: int
    mentees: int
    solver_seconds: float
    """Building the weights and solving them, without reading or writing."""

    @property
    def total(self) -> int:
        return sum(p.score.points for p in self.pairs)

    @property
    def people_paired(self) -> int:
        return len(self.pairs) + len({p.mentor.ident for p in self.pairs})


def match(people: list[Applicant], rules: Rules, overrides: Overrides | None = None,
          priority: str = "most-paired") -> Outcome:
    """The best pairs of ``people`` under ``rules``, with the fixed pairs kept."""
    if linear_sum_assignment is None:
        raise SolverMissing("schemebook match needs SciPy: pip install 'schemebook[match]'")
    started = time.perf_counter()
    overrides = overrides or Overrides()
    mentors = [p for p in people if p.role == "mentor"]
    mentees = [p for p in people if p.role == "mentee"]
    by_id = {p.ident: p for p in people}
    fixed = [Paired(by_id[o.mentor], by_id[o.mentee],
                    rules.score(by_id[o.mentor], by_id[o.mentee]), o) for o in overrides.fixed]
    taken = Counter(p.mentor.ident for p in fixed)
    done = {p.mentee.ident for p in fixed}
    table = grid(mentors, mentees, rules)
    free = [j for j, e in enumerate(mentees) if e.ident not in done]
    points = np.where(table.allowed, table.points, -1)[:, free]
    chosen = _solve(mentors, points, taken, priority)
    pairs = fixed + [Paired(mentors[i], mentees[free[j]], rules.score(mentors[i],
                                                                       mentees[free[j]]))
                     for i, j in chosen]
    pairs.sort(key=lambda p: (p.mentor.row, p.mentee.row))
    seconds = time.perf_counter() - started
    base_total, base_pairs = greedy(mentors, points, taken, fixed)
    return Outcome(pairs, _unpaired(mentors, mentees, pairs, table), priority, base_total,
                   base_pairs, len(mentors), len(mentees), seconds)


def _slots(mentors: list[Applicant], taken: Counter[str]) -> tuple[list[int], list[int]]:
    """Each column's mentor and the people it pairs: 2 for a mentor's first mentee,
    1 for a second one (or for a mentor a fixed pair already took)."""
    owner, gain = [], []
    for i, mentor in enumerate(mentors):
        for slot in range(taken[mentor.ident], mentor.capacity):
            owner.append(i)
            gain.append(2 if slot == 0 else 1)
    return owner, gain


def _solve(mentors: list[Applicant], points: Any, taken: Counter[str],
           priority: str) -> list[tuple[int, int]]:
    """(mentor index, free mentee index) of the best assignment; ``points`` is
    mentors x free mentees, -1 where a hard rule forbids the pair."""
    owner, gain = _slots(mentors, taken)
    count = points.shape[1]
    if not count or not owner:
        return []
    table = points.astype(np.float64)[owner]  # slot x mentee
    people = np.array(gain, dtype=np.float64)[:, None]
    top = float(table.max(initial=0.0))
    if priority == "best-score":
        weight = table * (2 * count + 3) + people
    else:
        weight = people * (top * (count + 1) + 1) + table
    cost = np.where(table < 0, 1.0, -weight).T  # mentee x slot; forbidden worse than alone
    cost = np.hstack([cost, np.zeros((count, count))])
    rows, cols = linear_sum_assignment(cost)
    return [(owner[c], int(r)) for r, c in zip(rows, cols, strict=True)
            if c < len(owner) and cost[r, c] < 0]


def greedy(mentors: list[Applicant], points: Any, taken: Counter[str],
           fixed: list[Paired]) -> tuple[int, int]:
    """Total score and pairs of first come, first served: each mentee in the order
    they applied takes the best mentor still free (the baseline the report quotes)."""
    room = np.array([m.capacity - taken[m.ident] for m in mentors], dtype=np.int64)
    total, count = sum(p.score.points for p in fixed), len(fixed)
    for j in range(points.shape[1] if len(mentors) else 0):
        column = np.where(room > 0, points[:, j], -1)
        best = int(np.argmax(column))  # the first of equals: the earliest mentor
        if column[best] >= 0:
            room[best] -= 1
            total += int(column[best])
            count += 1
    return total, count


def _unpaired(mentors: list[Applicant], mentees: list[Applicant], pairs: list[Paired],
              table: Grid) -> list[Unpaired]:
    """Everyone without a partner, in the order they applied, with the rules' counts."""
    paired = {p.mentor.ident for p in pairs} | {p.mentee.ident for p in pairs}
    left = []
    for index, person in enumerate(mentors):
        if person.ident not in paired:
            blocked = table.counts(index, mentor=True)
            left.append(Unpaired(person, blocked, len(mentees) - sum(blocked.values()),
                                 len(mentees)))
    for index, person in enumerate(mentees):
        if person.ident not in paired:
            blocked = table.counts(index, mentor=False)
            left.append(Unpaired(person, blocked, len(mentors) - sum(blocked.values()),
                                 len(mentors)))
    return sorted(left, key=lambda u: u.person.row)
