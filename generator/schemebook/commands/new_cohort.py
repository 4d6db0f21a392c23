"""The next cohort: the same scheme.yml with every date moved by one offset.

The rewrite works on the text, not on parsed data: PyYAML gives the exact
span of every date in the file, and only those characters change, so the
coordinator's comments, layout and quoting all stay as they were. (A YAML
round-trip library would also keep comments, but would reflow some lines
and is one more dependency for a job that needs only positions.)

``support.last_reviewed`` is the one date left alone: it records when the
support protocol was really checked, and moving it would hide that the
check is due. Relative dates ('last meeting + 6 months') need no change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.disk import write_atomic
from ..core.errors import Location, OutputError, Problem, ValidationError
from ..core.text import slug
from ..plan.load import load_scheme
from ..scheme.load import read_text

KEEP = {("support", "last_reviewed")}
"""Dates that are facts about the past, not plans: never shifted."""

_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PAIR = re.compile(r"\b(\d{4})([-/–])(\d{2})\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class NextCohort:
    """What ``new-cohort`` wrote, for the CLI to report."""

    out: Path
    cohort: str
    days: int
    shifted: int
    notes: list[Problem] = field(default_factory=list)


def next_cohort_name(name: str, years: int) -> str:
    """'2026-27' -> '2027-28', '2027' -> '2028', 'Round 2026/2027' -> 'Round 2027/2028'."""
    if not years:
        return name

    def pair(match: re.Match[str]) -> str:
        first = int(match[1]) + years
        return f"{first}{match[2]}{(int(match[3]) + years) % 100:02d}"

    moved = _PAIR.sub(pair, name)
    if moved != name:
        return moved
    return _YEAR.sub(lambda m: str(int(m[0]) + years), name)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date_spans(node: yaml.Node, path: tuple[str | int, ...], seen: set[int],
                found: list[tuple[yaml.ScalarNode, tuple[str | int, ...]]]) -> None:
    """Every scalar that holds a date (quoted or not), with its key path."""
    if id(node) in seen:
        return  # an alias: the anchor's text is rewritten once
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _date_spans(value, (*path, str(key.value)), seen, found)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _date_spans(item, (*path, i), seen, found)
    elif isinstance(node, yaml.ScalarNode) and _DATE_TEXT.match(str(node.value)):
        found.append((node, path))


def _cohort_node(root: yaml.Node) -> yaml.ScalarNode | None:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "cohort" and isinstance(value, yaml.ScalarNode):
                return value
    return None


def shift_text(text: str, days: int, cohort: str | None) -> tuple[str, int]:
    """``text`` with every date moved by ``days`` and the cohort renamed; and how many dates."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return text, 0
    found: list[tuple[yaml.ScalarNode, tuple[str | int, ...]]] = []
    _date_spans(root, (), set(), found)
    edits: list[tuple[int, int, str]] = []
    for scalar, path in found:
        if tuple(p for p in path if isinstance(p, str)) in KEEP:
            continue
        value = str(scalar.value)
        moved = (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        # The node's span may start with an anchor (&name) and end with a quote:
        # change only the date itself.
        at = text.rfind(value, scalar.start_mark.index, scalar.end_mark.index)
        edits.append((at, at + len(value), moved))
    shifted = len(edits)
    named = _cohort_node(root)
    if cohort is not None and named is not None:
        edits.append((named.start_mark.index, named.end_mark.index, _quoted(cohort)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    if cohort is not None and named is None:
        text = re.sub(r"^(organisation:.*\n)", lambda m: f"{m[1]}cohort: {_quoted(cohort)}\n",
                      text, count=1, flags=re.MULTILINE)
    return text, shifted


def new_cohort(scheme_path: Path, start: dt.date, out: Path | None = None,
               cohort: str | None = None, force: bool = False) -> NextCohort:
    """Write next cohort's scheme: first meeting on ``start``, every date moved alike."""
    loaded = load_scheme(scheme_path)
    scheme, doc = loaded.scheme, loaded.document
    if scheme.meetings.start is None:
        raise ValidationError([Problem(doc.locate(("meetings",)),
                                       "new-cohort counts from meetings.start, which is not set",
                                       "add the first meeting date of this cohort")])
    days = (start - scheme.meetings.start).days
    years = round(days / 365.25)
    name = cohort if cohort is not None else next_cohort_name(scheme.cohort, years)
    notes: list[Problem] = []
    if scheme.cohort and name == scheme.cohort:
        notes.append(Problem(doc.locate(("cohort",)), f"the cohort is still called '{name}'",
                             "give --cohort NAME", severity="warning"))
    target = (out or loaded.root / f"scheme-{slug(name) or 'next'}.yml").resolve()
    if target == scheme_path.resolve() or (target.exists() and not force):
        raise OutputError([Problem(Location(str(target)), "this file already exists",
                                   "choose another --out, or add --force to replace it")])
    text, shifted = shift_text(read_text(scheme_path), days,
                               name if name != scheme.cohort else None)
    if scheme.support.last_reviewed is not None:
        notes.append(Problem(doc.locate(("support", "last_reviewed")),
                             "support.last_reviewed is kept as it was",
                             "review the support protocol before the new cohort starts",
                             severity="warning"))
    if scheme.meetings.skip:
        notes.append(Problem(doc.locate(("meetings", "skip")),
                             "skipped dates moved with the rest", "check next year's holidays "
                             "and closures: they rarely fall on the same weekday",
                             severity="warning"))
    _write_checked(target, text)
    return NextCohort(target, name, days, shifted, notes)


def _write_checked(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` only if it loads as a valid scheme there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"), check=load_scheme)
