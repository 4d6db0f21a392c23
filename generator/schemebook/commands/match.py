"""``schemebook match``: from a spreadsheet of applications to pairs, with reasons.

Reads the applications (CSV or .xlsx) and the coordinator's private
overrides, pairs the whole cohort at once under the scheme's ``pairing``
rules (:mod:`schemebook.people.match`), and writes into ``private/pairing/``:

* ``roster.csv``, which ``schemebook personalise`` and ``mail-merge`` read as it is;
* ``pairing-report.html`` and ``pairing-report.csv``: every pair in plain
  words, everyone left unpaired with the rule that left them out, and the
  total score against first come, first served.

Every input is read and checked and the report rendered before anything is
written; the folder is then replaced in one rename. An impossible match
(no pair allowed at all) still writes the report that says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..context.template import Edition
from ..core.errors import InputError, Location, OutputError, Problem, Report
from ..core.options import Options
from ..files.pairing import report_csv, roster_csv
from ..people.answers import Vocabulary
from ..people.applications import Applications, read_applications
from ..people.match import PRIORITIES, Outcome, SolverMissing, match
from ..people.overrides import Overrides, check_fixed, read_overrides
from ..people.rules import Rules
from ..printing.environment import print_environment
from ..printing.pairing import ReportInput, pair_ids, render_pairing_report, report_values
from ..scheme.validate import scheme_codes
from .build import load_editions
from .private import private_folder, replace_private_folder

FOLDER = "pairing"
"""The sub-folder of the private output that a run replaces."""
OWNED = ".schemebook-pairing"
OVERRIDES = "overrides.csv"
"""Read from the private folder when no --overrides is given and it exists."""
FILES = ("roster.csv", "pairing-report.html", "pairing-report.csv")


@dataclass
class MatchResult:
    """What ``schemebook match`` found and wrote."""

    folder: Path
    files: list[Path]
    outcome: Outcome
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> list[str]:
        """What the terminal says: the pairs, who is left and why to look, the files."""
        outcome = self.outcome
        everyone = outcome.mentors + outcome.mentees

        def pairs(n: int) -> str:
            return f"{n} pair{'s' if n != 1 else ''}"

        lines = [f"{pairs(len(outcome.pairs))}, {outcome.people_paired} of {everyone} people "
                 f"paired; total score {outcome.total} (first come, first served: "
                 f"{outcome.baseline_total} in {pairs(outcome.baseline_pairs)})"]
        if outcome.unpaired:
            lines.append(f"{len(outcome.unpaired)} not paired: "
                         + ", ".join(u.person.key for u in outcome.unpaired)
                         + " (the report says why)")
        return lines


def match_applications(scheme_path: Path, applications: Path, out: Path | None = None,
                       overrides: Path | None = None, priority: str | None = None,
                       options: Options | None = None) -> MatchResult:
    """Pair the applicants and write the roster and the report (see the module)."""
    options = options or Options()
    report = Report()
    editions = load_editions(scheme_path, options, report)
    main = editions[0]
    root = main.root.resolve()
    pairing = main.scheme.pairing
    people = _read(applications, editions, pairing.mentees_per_mentor)
    report.warnings.extend(people.warnings)
    out = private_folder(out or root / "private", root, "the pairs and the pairing report")
    chosen = _overrides(overrides, out, people)
    rules = Rules(people.people, pairing, chosen.forbidden())
    check_fixed(chosen, people.people, rules)
    if priority is not None and priority not in PRIORITIES:
        raise InputError([Problem(Location("--priority"), f"unknown priority '{priority}'",
                                  "use most-paired or best-score")])
    try:
        outcome = match(people.people, rules, chosen, priority or pairing.priority)
    except SolverMissing as exc:
        raise OutputError([Problem(Location(str(applications)), str(exc))]) from None
    if not outcome.pairs:
        report.warn(Location(people.path), "no pair can be made under the hard rules",
                    "the pairing report says what ruled each person out")
    files = _render(main, report, outcome, people, chosen)
    folder = replace_private_folder(out, FOLDER, OWNED, files)
    return MatchResult(folder, [folder / name for name in FILES], outcome, report.warnings)


def _read(path: Path, editions: list[Edition], capacity: int) -> Applications:
    vocab = Vocabulary.for_scheme([(e.scheme, e.tr) for e in editions])
    return read_applications(path, vocab, capacity)


def _overrides(path: Path | None, out: Path, people: Applications) -> Overrides:
    """The overrides file given, else ``OUT/overrides.csv`` if there is one."""
    if path is None:
        path = out / OVERRIDES
        if not path.is_file():
            return Overrides()
    return read_overrides(path, people.people)


def _render(main: Edition, report: Report, outcome: Outcome, people: Applications,
            chosen: Overrides) -> dict[str, bytes]:
    """Every file's bytes, before anything is written."""
    env = print_environment(main, report)
    given = ReportInput(Path(people.path).name, Path(chosen.path).name if chosen.path else "",
                        tuple(str(w) for w in people.warnings))
    values = report_values(main, outcome, given)
    html = render_pairing_report(main, env, values)
    codes = scheme_codes(main.scheme)
    return {"roster.csv": roster_csv(outcome, pair_ids(len(outcome.pairs)), codes),
            "pairing-report.html": html.encode("utf-8"),
            "pairing-report.csv": report_csv(values)}


__all__ = ["MatchResult", "match_applications"]
