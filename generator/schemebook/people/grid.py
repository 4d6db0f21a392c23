"""The pairing rules over the whole cohort at once, as NumPy tables.

:class:`~schemebook.people.rules.Rules` judges one pair; a cohort of 500
mentors and 500 mentees has 250,000 of them, too many for a Python loop to
judge in good time. Here every answer becomes a number (languages, formats,
free time and themes as bit masks, units as codes) and each rule becomes one
comparison of two columns, so the tables are built in milliseconds. The
tests check that every cell agrees with ``Rules.blocked`` and
``Rules.points``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import FORMATS, fold
from .applications import Applicant
from .rules import RULES, SLOTS_COUNTED, Rules

try:  # optional: the 'match' extra
    import numpy as np
except ImportError:  # pragma: no cover - the tests install the extra
    np = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Grid:
    """Mentors x mentees: the first hard rule that blocks each pair, and its points."""

    rule: Any
    """int8 array: 0 where the pair is allowed, else 1 + the rule's index in RULES."""
    points: Any
    """int64 array: the pair's points (whether or not it is allowed)."""

    @property
    def allowed(self) -> Any:
        return self.rule == 0

    def counts(self, index: int, mentor: bool) -> dict[str, int]:
        """Rule -> how many of the other role it rules out for one person."""
        line = self.rule[index] if mentor else self.rule[:, index]
        found = np.bincount(line, minlength=len(RULES) + 1)
        return {RULES[k - 1]: int(found[k]) for k in range(1, len(RULES) + 1) if found[k]}


def _masks(people: list[Applicant], key: str, codes: dict[str, int]) -> Any:
    values = []
    for person in people:
        mask = 0
        for item in getattr(person, key):
            mask |= 1 << codes.setdefault(item, len(codes))
        values.append(mask)
    return np.array(values, dtype=object)


def _named(mentors: list[Applicant], mentees: list[Applicant], rules: Rules) -> dict[str, Any]:
    """The rules between named people (conflict, authority, line, forbidden), from the few
    names each person gives, as boolean tables."""
    where = {p.ident: i for i, p in enumerate(mentors)}
    there = {p.ident: j for j, p in enumerate(mentees)}
    tables = {key: np.zeros((len(mentors), len(mentees)), dtype=bool)
              for key in ("conflict", "authority", "line", "forbidden")}
    for side, people, index, other in ((0, mentors, where, there), (1, mentees, there, where)):
        for person in people:
            mine = index[person.ident]
            for key, names in (("conflict", person.conflicts), ("authority", person.authority),
                               ("line", rules.lines[person.ident])):
                for name in names:
                    if name in other:
                        cell = (mine, other[name]) if side == 0 else (other[name], mine)
                        tables[key][cell] = True
    for pair in rules.forbidden:
        m, e = (next((x for x in pair if x in where), None),
                next((x for x in pair if x in there), None))
        if m is not None and e is not None:
            tables["forbidden"][where[m], there[e]] = True
    return tables


def grid(mentors: list[Applicant], mentees: list[Applicant], rules: Rules) -> Grid:
    """Every pair of the cohort judged and scored at once."""
    shape = (len(mentors), len(mentees))
    if not mentors or not mentees:
        return Grid(np.zeros(shape, dtype=np.int8), np.zeros(shape, dtype=np.int64))
    pairing, w = rules.pairing, rules.weights
    found = _named(mentors, mentees, rules)
    units: dict[str, int] = {}
    mu = np.array([units.setdefault(fold(p.unit), len(units)) if p.unit else -1
                   for p in mentors])[:, None]
    eu = np.array([units.setdefault(fold(p.unit), len(units)) if p.unit else -1
                   for p in mentees])[None, :]
    found["unit"] = (mu == eu) & (mu >= 0) if pairing.separate_units else np.zeros(shape, bool)
    languages: dict[str, int] = {}
    found["language"] = (_masks(mentors, "languages", languages)[:, None]
                         & _masks(mentees, "languages", languages)[None, :]) == 0
    formats = {f: i for i, f in enumerate(FORMATS)}
    found["format"] = (_masks(mentors, "formats", formats)[:, None]
                       & _masks(mentees, "formats", formats)[None, :]) == 0
    ms = np.array([p.slots for p in mentors], dtype=np.int64)[:, None]
    es = np.array([p.slots for p in mentees], dtype=np.int64)[None, :]
    common = ms & es
    found["time"] = ((ms != 0) & (es != 0) & (common == 0)) if pairing.common_time \
        else np.zeros(shape, bool)
    rule = np.zeros(shape, dtype=np.int8)
    for k in range(len(RULES), 0, -1):  # the first rule that applies wins
        rule = np.where(found[RULES[k - 1]], np.int8(k), rule)
    mt = np.array([sum(1 << t for t in p.themes) for p in mentors], dtype=np.int64)[:, None]
    et = np.array([sum(1 << t for t in p.themes) for p in mentees], dtype=np.int64)[None, :]
    points = (w.themes * np.bitwise_count(mt & et).astype(np.int64)
              + w.availability * np.minimum(np.bitwise_count(common), SLOTS_COUNTED)
              + w.preferences * _asked(mentors, mentees))
    return Grid(rule, points.astype(np.int64))


def _asked(mentors: list[Applicant], mentees: list[Applicant]) -> Any:
    """How many partners of each pair asked for the other (0, 1 or 2)."""
    where = {p.ident: i for i, p in enumerate(mentors)}
    there = {p.ident: j for j, p in enumerate(mentees)}
    asked = np.zeros((len(mentors), len(mentees)), dtype=np.int64)
    for person in mentors:
        for name in person.prefer:
            if name in there:
                asked[where[person.ident], there[name]] += 1
    for person in mentees:
        for name in person.prefer:
            if name in where:
                asked[where[name], there[person.ident]] += 1
    return asked
