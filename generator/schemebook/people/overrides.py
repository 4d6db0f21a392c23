"""The coordinator's overrides: pairs to fix and pairs to forbid, by application id.

They live in a private file (``private/overrides.csv`` by default), never in
scheme.yml, which is committed and published from: a line saying who may
not meet whom is as private as the applications. One row per decision::

    action,mentor,mentee,note
    fix,A07,B03,Both asked for each other at the open evening
    forbid,A02,B11,Same research group

A fixed pair that a hard rule forbids, a person fixed twice, a mentor fixed
above their capacity or an id that nobody applied with is reported as
``overrides.csv:ROW:COL: message``, every one in a single run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError, Location, Problem
from .answers import fold
from .applications import Applicant
from .rules import Rules
from .sheet import Row, Sheet, read_sheet

COLUMNS = {"action": "action", "decision": "action", "mentor": "mentor", "mentor_id": "mentor",
           "mentee": "mentee", "mentee_id": "mentee", "note": "note", "notes": "note",
           "reason": "note"}
REQUIRED = ("action", "mentor", "mentee")
LABELS = {"action": "action", "mentor": "mentor id", "mentee": "mentee id", "note": "note"}
EXAMPLE_HEADER = "action,mentor,mentee,note"
ACTIONS = {"fix": "fix", "fixed": "fix", "pair": "fix", "forbid": "forbid",
           "forbidden": "forbid", "never": "forbid"}


@dataclass(frozen=True)
class Override:
    """One decision of the coordinator about one pair."""

    action: str
    """'fix' or 'forbid'."""
    mentor: str
    """Folded application ids."""
    mentee: str
    note: str
    row: int


@dataclass(frozen=True)
class Overrides:
    """The coordinator's fixed and forbidden pairs."""

    path: str = ""
    items: list[Override] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    """Column key -> 0-based index, for messages."""

    def at(self, item: Override, key: str) -> Location:
        return Location(self.path, item.row, self.columns.get(key, 0) + 1)

    @property
    def fixed(self) -> list[Override]:
        return [o for o in self.items if o.action == "fix"]

    def forbidden(self) -> list[tuple[str, str]]:
        return [(o.mentor, o.mentee) for o in self.items if o.action == "forbid"]


def read_overrides(path: Path, people: list[Applicant]) -> Overrides:
    """The overrides at ``path``, checked against the applicants' ids and roles."""
    sheet = read_sheet(path, COLUMNS, REQUIRED, LABELS, "overrides", EXAMPLE_HEADER)
    roles = {p.ident: p.role for p in people}
    problems: list[Problem] = []
    items: list[Override] = []
    seen: dict[frozenset[str], int] = {}
    for row in sheet.rows:
        item, row_problems = _read_row(sheet, row, roles)
        problems.extend(row_problems)
        if item is None:
            continue
        key = frozenset((item.mentor, item.mentee))
        if key in seen:
            problems.append(Problem(sheet.at(row, "mentee"), "this pair is already decided on "
                                    f"row {seen[key]}", "keep one row per pair"))
            continue
        seen[key] = row.line
        items.append(item)
    if problems:
        raise InputError(problems)
    return Overrides(sheet.path, items, sheet.columns)


def _read_row(sheet: Sheet, row: Row, roles: dict[str, str]
              ) -> tuple[Override | None, list[Problem]]:
    problems = []
    action = ACTIONS.get(fold(sheet.cell(row, "action")))
    if action is None:
        problems.append(Problem(sheet.at(row, "action"),
                                f"unknown action '{sheet.cell(row, 'action')}'",
                                "write fix (pair them) or forbid (never pair them)"))
    for key in ("mentor", "mentee"):
        ident = fold(sheet.cell(row, key))
        if not ident:
            problems.append(Problem(sheet.at(row, key), f"the {LABELS[key]} is missing"))
        elif ident not in roles:
            problems.append(Problem(sheet.at(row, key),
                                    f"nobody applied with id '{sheet.cell(row, key)}'",
                                    "use the id column of the applications"))
        elif roles[ident] != key:
            problems.append(Problem(sheet.at(row, key),
                                    f"'{sheet.cell(row, key)}' applied as a {roles[ident]}",
                                    "put the mentor's id in the mentor column"))
    if problems or action is None:
        return None, problems
    return Override(action, fold(sheet.cell(row, "mentor")), fold(sheet.cell(row, "mentee")),
                    sheet.cell(row, "note"), row.line), []


def check_fixed(overrides: Overrides, people: list[Applicant], rules: Rules) -> None:
    """Refuse fixed pairs that break a hard rule, repeat a mentee or overfill a mentor."""
    by_id = {p.ident: p for p in people}
    problems = []
    mentees = Counter(o.mentee for o in overrides.fixed)
    mentors = Counter(o.mentor for o in overrides.fixed)
    for item in overrides.fixed:
        mentor, mentee = by_id[item.mentor], by_id[item.mentee]
        rule = rules.blocked(mentor, mentee)
        if rule:
            problems.append(Problem(overrides.at(item, "action"),
                                    f"{mentor.key} and {mentee.key} cannot be paired: "
                                    f"{RULE_WORDS[rule]}", "remove the row, or correct "
                                    "the application if it is wrong"))
        if mentees[item.mentee] > 1:
            problems.append(Problem(overrides.at(item, "mentee"),
                                    f"mentee {mentee.key} is fixed to more than one mentor"))
        if mentors[item.mentor] > mentor.capacity:
            problems.append(Problem(overrides.at(item, "mentor"),
                                    f"mentor {mentor.key} is fixed to {mentors[item.mentor]} "
                                    f"mentees but takes at most {mentor.capacity}"))
    if problems:
        raise InputError(sorted(set(problems), key=str))


RULE_WORDS = {
    "conflict": "one names the other as a conflict",
    "authority": "one teaches, assesses, supervises or employs the other",
    "line": "one is in the other's line of report",
    "forbidden": "the overrides forbid it",
    "unit": "they are in the same unit (pairing.separate_units)",
    "language": "they have no language in common",
    "format": "they have no meeting format in common",
    "time": "they have no free time in common (pairing.common_time)",
}
"""Why a hard rule blocks a pair, for the located messages (English, like all of them)."""
