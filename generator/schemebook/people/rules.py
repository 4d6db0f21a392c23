"""The pairing rules: which pairs may never be made, and what a possible pair scores.

Hard rules come first and are never traded for points: a named conflict,
someone who teaches, assesses, supervises or employs the other, anyone in
the other's line of report (the ``reports_to`` chain, followed through
every applicant, either way), a pair the coordinator forbade, the same unit
(a switch), no language or meeting format in common, and, when the scheme
asks, no common free time. Then points, from ``pairing.weights``: shared
themes, common weekly slots (up to three count) and stated preferences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..scheme.models import Pairing
from .answers import fold
from .applications import Applicant

RULES = ("conflict", "authority", "line", "forbidden", "unit", "language", "format", "time")
"""Hard rules in the order a blocked pair is explained by (the first that applies)."""

SLOTS_COUNTED = 3
"""Common free slots beyond this add no points: one good slot a fortnight is enough."""


@dataclass(frozen=True)
class Score:
    """What a possible pair shares, and the points it makes."""

    themes: frozenset[int]
    slots: int
    """Common weekly slots, as a bit mask."""
    asked: tuple[str, ...]
    """Roles of the partners who asked for the other: (), ('mentor',), or both."""
    theme_points: int = 0
    time_points: int = 0
    preference_points: int = 0

    @property
    def points(self) -> int:
        return self.theme_points + self.time_points + self.preference_points


def ancestors(people: Iterable[Applicant]) -> dict[str, frozenset[str]]:
    """Everyone above each applicant in their line of report (ids of applicants, folded
    names of others), following ``reports_to`` through every applicant it names."""
    direct = {p.ident: p.reports_to for p in people}
    found: dict[str, frozenset[str]] = {}
    for start in direct:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            boss = todo.pop()
            if boss in seen or boss == start:
                continue
            seen.add(boss)
            todo.extend(direct.get(boss, ()))
        found[start] = frozenset(seen)
    return found


class Rules:
    """The scheme's rules over one cohort, with the coordinator's forbidden pairs."""

    def __init__(self, people: list[Applicant], pairing: Pairing,
                 forbidden: Iterable[tuple[str, str]] = ()):
        self.pairing = pairing
        self.weights = pairing.weights
        self.lines = ancestors(people)
        self.forbidden = {frozenset(pair) for pair in forbidden}

    def blocked(self, mentor: Applicant, mentee: Applicant) -> str:
        """The first hard rule that rules the pair out (a key of RULES), or ''."""
        m, e = mentor.ident, mentee.ident
        if e in mentor.conflicts or m in mentee.conflicts:
            return "conflict"
        if e in mentor.authority or m in mentee.authority:
            return "authority"
        if e in self.lines[m] or m in self.lines[e]:
            return "line"
        if frozenset((m, e)) in self.forbidden:
            return "forbidden"
        if (self.pairing.separate_units and mentor.unit and mentee.unit
                and fold(mentor.unit) == fold(mentee.unit)):
            return "unit"
        if not set(mentor.languages) & set(mentee.languages):
            return "language"
        if not mentor.formats & mentee.formats:
            return "format"
        if self.pairing.common_time and mentor.slots and mentee.slots \
                and not mentor.slots & mentee.slots:
            return "time"
        return ""

    def score(self, mentor: Applicant, mentee: Applicant) -> Score:
        """The points of a possible pair and what earns them."""
        themes = mentor.themes & mentee.themes
        slots = mentor.slots & mentee.slots
        asked = tuple(role for role, who, other in (("mentor", mentor, mentee),
                                                     ("mentee", mentee, mentor))
                      if other.ident in who.prefer)
        w = self.weights
        return Score(themes, slots, asked, w.themes * len(themes),
                     w.availability * min(slots.bit_count(), SLOTS_COUNTED),
                     w.preferences * len(asked))

    def points(self, mentor: Applicant, mentee: Applicant) -> int:
        """Only the points (the solver's inner loop)."""
        w = self.weights
        return (w.themes * len(mentor.themes & mentee.themes)
                + w.availability * min((mentor.slots & mentee.slots).bit_count(), SLOTS_COUNTED)
                + w.preferences * ((mentee.ident in mentor.prefer)
                                   + (mentor.ident in mentee.prefer)))
