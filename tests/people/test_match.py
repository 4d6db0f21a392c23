"""match.py: the whole cohort paired at once, never against a hard rule.

A Hypothesis property draws small cohorts (up to 5 mentors and 5 mentees,
capacities 1 or 2, random conflicts, lines of report, units, languages,
formats and free time) and checks the solver against a brute-force search
over every possible set of pairs, for both priorities.
"""

from __future__ import annotations

from collections import Counter
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemebook.core.errors import InputError
from schemebook.people.applications import Applicant
from schemebook.people.grid import grid
from schemebook.people.match import Outcome, match
from schemebook.people.overrides import Override, Overrides, check_fixed
from schemebook.people.rules import RULES, Rules
from schemebook.scheme.models import Pairing

FORMATS = [frozenset({"online"}), frozenset({"in-person"}), frozenset({"online", "in-person"})]


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[list[Applicant], Pairing, list[tuple[str, str]]]:
    mentors = draw(st.integers(0, 5))
    mentees = draw(st.integers(0, 5))
    ids = [f"m{i}" for i in range(mentors)] + [f"e{i}" for i in range(mentees)]
    people = []
    for row, ident in enumerate(ids, 2):
        role = "mentor" if ident.startswith("m") else "mentee"
        others = [i for i in ids if i != ident]
        some = st.lists(st.sampled_from(others), max_size=2, unique=True) if others else \
            st.just([])
        people.append(Applicant(
            ident, role, f"Person {ident}", f"{ident}@uni.example", row,
            unit=draw(st.sampled_from(["", "Law", "History"])),
            themes=frozenset(draw(st.sets(st.integers(0, 3)))),
            formats=draw(st.sampled_from(FORMATS)),
            slots=draw(st.integers(0, 0b111111)),
            languages=tuple(draw(st.lists(st.sampled_from(["en", "cy"]), min_size=1,
                                          max_size=2, unique=True))),
            conflicts=frozenset(draw(some)), authority=frozenset(draw(some)),
            reports_to=tuple(draw(some)), prefer=frozenset(draw(some)),
            capacity=draw(st.integers(1, 2)) if role == "mentor" else 1))
    pairing = Pairing(separate_units=draw(st.booleans()), common_time=draw(st.booleans()),
                      mentees_per_mentor=2,
                      weights={"themes": draw(st.integers(0, 5)),
                               "availability": draw(st.integers(0, 5)),
                               "preferences": draw(st.integers(0, 5))})
    pairs = [(m, e) for m in ids if m.startswith("m") for e in ids if e.startswith("e")]
    forbidden = draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []
    return people, pairing, forbidden


def brute_force(people: list[Applicant], rules: Rules, priority: str) -> tuple[int, int]:
    """The best (first, second) objective over every assignment, by enumeration."""
    mentors = [p for p in people if p.role == "mentor"]
    mentees = [p for p in people if p.role == "mentee"]
    options = [[None, *[m for m in mentors if not rules.blocked(m, e)]] for e in mentees]
    best = (-1, -1)
    for choice in product(*options):
        load = Counter(m.ident for m in choice if m is not None)
        if any(load[m.ident] > m.capacity for m in mentors):
            continue
        people_paired = sum(1 for m in choice if m is not None) + len(load)
        score = sum(rules.points(m, e) for m, e in zip(choice, mentees, strict=True)
                    if m is not None)
        key = (people_paired, score) if priority == "most-paired" else (score, people_paired)
        best = max(best, key)
    return best


def objective(outcome: Outcome, priority: str) -> tuple[int, int]:
    return ((outcome.people_paired, outcome.total) if priority == "most-paired"
            else (outcome.total, outcome.people_paired))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.sampled_from(["most-paired", "best-score"]))
def test_no_hard_rule_is_broken_and_the_score_is_optimal(
        cohort: tuple[list[Applicant], Pairing, list[tuple[str, str]]], priority: str) -> None:
    people, pairing, forbidden = cohort
    rules = Rules(people, pairing, forbidden)
    mentors = [p for p in people if p.role == "mentor"]
    mentees = [p for p in people if p.role == "mentee"]
    table = grid(mentors, mentees, rules)  # the solver's tables agree with the rules
    for i, mentor in enumerate(mentors):
        for j, mentee in enumerate(mentees):
            code = int(table.rule[i, j])
            assert (RULES[code - 1] if code else "") == rules.blocked(mentor, mentee)
            assert int(table.points[i, j]) == rules.points(mentor, mentee)
    outcome = match(people, rules, priority=priority)
    for pair in outcome.pairs:
        assert rules.blocked(pair.mentor, pair.mentee) == ""
        assert (pair.mentor.ident, pair.mentee.ident) not in forbidden
        assert pair.score.points == rules.points(pair.mentor, pair.mentee)
    load = Counter(p.mentor.ident for p in outcome.pairs)
    assert all(load[p.ident] <= p.capacity for p in people)
    assert len({p.mentee.ident for p in outcome.pairs}) == len(outcome.pairs)
    assert objective(outcome, priority) == brute_force(people, rules, priority)
    paired = {p.mentor.ident for p in outcome.pairs} | {p.mentee.ident for p in outcome.pairs}
    assert {u.person.ident for u in outcome.unpaired} == {p.ident for p in people} - paired
    again = match(people, rules, priority=priority)
    assert [(p.mentor.ident, p.mentee.ident) for p in again.pairs] == \
        [(p.mentor.ident, p.mentee.ident) for p in outcome.pairs]
    assert outcome.baseline_total <= outcome.total or priority == "most-paired"


def person(ident: str, role: str, **values: object) -> Applicant:
    values.setdefault("languages", ("en",))
    return Applicant(ident, role, f"Person {ident}", f"{ident}@uni.example", 2,
                     **values)  # type: ignore[arg-type]


def test_most_paired_beats_first_come_first_served() -> None:
    # e1 applied first and takes m1, the only mentor e2 can meet, when served greedily.
    people = [person("m1", "mentor", themes=frozenset({0, 1})),
              person("m2", "mentor"),
              person("e1", "mentee", themes=frozenset({0, 1})),
              person("e2", "mentee", conflicts=frozenset({"m2"}))]
    rules = Rules(people, Pairing())
    outcome = match(people, rules)
    assert {(p.mentor.key, p.mentee.key) for p in outcome.pairs} == {("m1", "e2"), ("m2", "e1")}
    assert outcome.baseline_pairs == 1 and len(outcome.pairs) == 2
    best = match(people, rules, priority="best-score")
    assert {(p.mentor.key, p.mentee.key) for p in best.pairs} == {("m1", "e1")}
    assert best.total == 6 and outcome.total == 0


def test_fixed_pairs_are_kept_and_checked() -> None:
    people = [person("m1", "mentor", unit="Law"), person("m2", "mentor"),
              person("e1", "mentee", themes=frozenset({0})),
              person("e2", "mentee", unit="Law")]
    rules = Rules(people, Pairing())
    fixed = Overrides("overrides.csv", [Override("fix", "m2", "e1", "asked at the launch", 2)],
                      {"action": 0, "mentor": 1, "mentee": 2})
    check_fixed(fixed, people, rules)
    outcome = match(people, rules, fixed)
    assert [(p.mentor.key, p.mentee.key, p.fixed is not None) for p in outcome.pairs] == [
        ("m2", "e1", True)]
    (left_mentor, left_mentee) = outcome.unpaired
    assert left_mentor.person.key == "m1" and left_mentee.person.key == "e2"
    assert left_mentee.blocked == {"unit": 1} and left_mentee.possible == 1
    wrong = Overrides("overrides.csv", [Override("fix", "m1", "e2", "", 3)],
                      {"action": 0, "mentor": 1, "mentee": 2})
    with pytest.raises(InputError, match=r"overrides.csv:3:1: error: m1 and e2 cannot be "
                                         r"paired: they are in the same unit"):
        check_fixed(wrong, people, rules)


def test_an_impossible_match_is_explained_not_a_crash() -> None:
    people = [person("m1", "mentor", languages=("cy",)), person("e1", "mentee",
                                                                 languages=("en",))]
    outcome = match(people, Rules(people, Pairing()))
    assert not outcome.pairs and outcome.total == 0
    assert [(u.person.key, u.blocked, u.possible) for u in outcome.unpaired] == [
        ("m1", {"language": 1}, 0), ("e1", {"language": 1}, 0)]
    nobody = match([person("m1", "mentor")], Rules([person("m1", "mentor")], Pairing()))
    assert nobody.unpaired[0].others == 0
