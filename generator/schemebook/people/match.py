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

from .applications import Applicant
from .overrides import Override, Overrides
from .rules import Rules, Score

try:  # optional: the 'match' extra
    import numpy as np
    from scipy.optimize import linear_sum_assignment
except ImportError:  # pragma: no cover - the tests install the extra
    np = None  # type: ignore[assignment]
    linear_sum_assignment = None

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
    free = [e for e in mentees if e.ident not in {p.mentee.ident for p in fixed}]
    points = _points(mentors, free, rules)
    chosen = _solve(mentors, free, points, taken, priority)
    pairs = fixed + [Paired(mentors[i], free[j], rules.score(mentors[i], free[j]))
                     for i, j in chosen]
    pairs.sort(key=lambda p: (p.mentor.row, p.mentee.row))
    seconds = time.perf_counter() - started
    base_total, base_pairs = greedy(mentors, free, points, taken, fixed)
    return Outcome(pairs, _unpaired(people, pairs, rules), priority, base_total, base_pairs,
                   len(mentors), len(mentees), seconds)


def _points(mentors: list[Applicant], mentees: list[Applicant], rules: Rules
            ) -> list[list[int]]:
    """Points of every possible pair; -1 where a hard rule forbids it."""
    return [[-1 if rules.blocked(m, e) else rules.points(m, e) for e in mentees]
            for m in mentors]


def _slots(mentors: list[Applicant], taken: Counter[str]) -> tuple[list[int], list[int]]:
    """Each column's mentor and the people it pairs: 2 for a mentor's first mentee,
    1 for a second one (or for a mentor a fixed pair already took)."""
    owner, gain = [], []
    for i, mentor in enumerate(mentors):
        for slot in range(taken[mentor.ident], mentor.capacity):
            owner.append(i)
            gain.append(2 if slot == 0 else 1)
    return owner, gain


def _solve(mentors: list[Applicant], mentees: list[Applicant], points: list[list[int]],
           taken: Counter[str], priority: str) -> list[tuple[int, int]]:
    """(mentor index, mentee index) of the best assignment."""
    owner, gain = _slots(mentors, taken)
    if not mentees or not owner:
        return []
    table = np.array(points, dtype=np.float64)[owner]  # slot x mentee
    people = np.array(gain, dtype=np.float64)[:, None]
    top = float(table.max(initial=0.0))
    if priority == "best-score":
        weight = table * (2 * len(mentees) + 3) + people
    else:
        weight = people * (top * (len(mentees) + 1) + 1) + table
    cost = np.where(table < 0, 1.0, -weight).T  # mentee x slot; forbidden worse than alone
    cost = np.hstack([cost, np.zeros((len(mentees), len(mentees)))])
    rows, cols = linear_sum_assignment(cost)
    return [(owner[c], int(r)) for r, c in zip(rows, cols, strict=True)
            if c < len(owner) and cost[r, c] < 0]


def greedy(mentors: list[Applicant], mentees: list[Applicant], points: list[list[int]],
           taken: Counter[str], fixed: list[Paired]) -> tuple[int, int]:
    """Total score and pairs of first come, first served: each mentee in the order
    they applied takes the best mentor still free (the baseline the report quotes)."""
    room = [m.capacity - taken[m.ident] for m in mentors]
    total, count = sum(p.score.points for p in fixed), len(fixed)
    for j in range(len(mentees)):
        best = max((i for i in range(len(mentors)) if room[i] > 0 and points[i][j] >= 0),
                   key=lambda i: points[i][j], default=None)
        if best is not None:
            room[best] -= 1
            total += points[best][j]
            count += 1
    return total, count


def _unpaired(people: list[Applicant], pairs: list[Paired], rules: Rules) -> list[Unpaired]:
    paired = {p.mentor.ident for p in pairs} | {p.mentee.ident for p in pairs}
    left = []
    for person in people:
        if person.ident in paired:
            continue
        others = [p for p in people if p.role != person.role]
        reasons = Counter(rules.blocked(*((person, o) if person.role == "mentor"
                                           else (o, person))) for o in others)
        possible = reasons.pop("", 0)
        left.append(Unpaired(person, dict(reasons), possible, len(others)))
    return left
