"""Read the roster of pairs (CSV) for personalised packs, with located messages.

Coordinators keep rosters in spreadsheets, so the file is forgiving where
that is safe (a byte-order mark, header spelling and case, blank lines,
spaces around cells) and precise where it is not: every row with a missing
name, a duplicate pair id, a bad date, a language the scheme is not built
in or too many cells is reported as ``roster.csv:ROW:COL: message`` (ROW
the line in the file, COL the cell), all of them in one run, and nothing is
rendered until the roster is clean.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError, Location, Problem
from .sheet import Row, Sheet, read_sheet

MAX_PAIRS = 5000

COLUMNS = {
    "pair_id": "pair", "pair": "pair", "id": "pair",
    "mentor": "mentor", "mentor_name": "mentor",
    "mentee": "mentee", "mentee_name": "mentee",
    "mentor_email": "mentor_email", "mentee_email": "mentee_email",
    "first_meeting": "first_meeting", "first_meeting_date": "first_meeting",
    "start": "first_meeting",
    "mentor_language": "mentor_language", "mentee_language": "mentee_language",
    "language": "language",
    "mentor_first_name": "mentor_first_name", "mentee_first_name": "mentee_first_name",
}
"""Header spellings we accept (after lower-casing, spaces and hyphens as '_')."""

REQUIRED = ("pair", "mentor", "mentee")
LABELS = {"pair": "pair id", "mentor": "mentor name", "mentee": "mentee name",
          "mentor_email": "mentor email", "mentee_email": "mentee email",
          "first_meeting": "first-meeting date", "mentor_language": "mentor language",
          "mentee_language": "mentee language", "language": "language",
          "mentor_first_name": "mentor first name", "mentee_first_name": "mentee first name"}
EXAMPLE_HEADER = "pair_id,mentor,mentee,mentor_email,mentee_email,first_meeting"
_PAIR_ID = re.compile(r"^[\w.-]{1,40}$")


@dataclass(frozen=True)
class Pair:
    """One mentor and one mentee who meet."""

    pair_id: str
    mentor: str
    mentee: str
    mentor_email: str = ""
    mentee_email: str = ""
    first_meeting: dt.date | None = None
    mentor_language: str = ""
    """Language code of the mentor's pack and certificate; '' for the scheme's main one."""
    mentee_language: str = ""
    row: int = 0
    """Line of the roster file, for messages."""
    mentor_first_name: str = ""
    """What to call the mentor in a message ('Dear ...'); '' to take it from the name."""
    mentee_first_name: str = ""


def read_roster(path: Path, languages: Sequence[str] | None = None) -> list[Pair]:
    """Every pair of the roster, or an InputError listing every bad row.

    ``languages``: the scheme's language codes, main one first, which the
    language columns may name; None leaves those columns unchecked.
    """
    sheet = read_sheet(path, COLUMNS, REQUIRED, LABELS, "roster", EXAMPLE_HEADER)
    if len(sheet.rows) > MAX_PAIRS:
        raise InputError([Problem(Location(sheet.path),
                                  f"the roster has over {MAX_PAIRS} pairs")])
    problems: list[Problem] = []
    pairs: list[Pair] = []
    seen: dict[str, int] = {}
    for row in sheet.rows:
        pair, row_problems = _read_row(sheet, row, languages)
        problems.extend(row_problems)
        pair_id = sheet.cell(row, "pair")
        key = pair_id.casefold()
        if key and key in seen:
            problems.append(Problem(sheet.at(row, "pair"),
                                    f"pair id '{pair_id}' is already used on row {seen[key]}",
                                    "give every pair its own id"))
            continue
        if key:
            seen[key] = row.line
        if pair is not None:
            pairs.append(pair)
    if not sheet.rows:
        problems.append(Problem(Location(sheet.path, sheet.header_line, 1),
                                "the roster has no pairs",
                                "add one line per pair under the header"))
    if problems:
        raise InputError(problems)
    return pairs


def _row_problems(sheet: Sheet, row: Row, values: dict[str, str]) -> list[Problem]:
    """Cells of one row that are missing or not what their column holds."""
    problems = sheet.row_problems(row, REQUIRED, LABELS,
                                  "a name with a comma must be in double quotes")
    if values["pair"] and not _PAIR_ID.match(values["pair"]):
        problems.append(Problem(sheet.at(row, "pair"),
                                f"pair id '{values['pair']}' is not usable in file names",
                                "use letters, digits, '-', '_' or '.', at most 40"))
    return problems + sheet.email_problems(row, ("mentor_email", "mentee_email"))


def _read_row(sheet: Sheet, row: Row, languages: Sequence[str] | None,
              ) -> tuple[Pair | None, list[Problem]]:
    values = {key: sheet.cell(row, key) for key in LABELS}
    problems = _row_problems(sheet, row, values)
    first: dt.date | None = None
    if values["first_meeting"]:
        try:
            first = dt.date.fromisoformat(values["first_meeting"])
        except ValueError:
            problems.append(Problem(sheet.at(row, "first_meeting"),
                                    f"'{values['first_meeting']}' is not a date",
                                    "write dates as YYYY-MM-DD, e.g. 2026-10-05"))
    for key in ("language", "mentor_language", "mentee_language"):
        values[key], problem = _language(sheet.path, row.line, sheet.columns.get(key, 0),
                                         values[key], languages)
        problems.extend(problem)
    if problems:
        return None, problems
    return Pair(values["pair"], values["mentor"], values["mentee"], values["mentor_email"],
                values["mentee_email"], first,
                values["mentor_language"] or values["language"],
                values["mentee_language"] or values["language"], row.line,
                values["mentor_first_name"], values["mentee_first_name"]), []


def _language(where: str, row: int, index: int, value: str,
              languages: Sequence[str] | None) -> tuple[str, list[Problem]]:
    """The scheme's spelling of a language code (any case in the sheet), or a problem."""
    if not value or languages is None:
        return value, []
    known = {code.casefold(): code for code in languages}
    if value.casefold() in known:
        return known[value.casefold()], []
    return "", [Problem(Location(where, row, index + 1),
                        f"'{value}' is not a language of the scheme",
                        f"the scheme's languages are {', '.join(languages)}; leave it "
                        f"empty for {languages[0]}")]
