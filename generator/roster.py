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

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Location, Problem

MAX_BYTES = 2 * 1024 * 1024
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
}
"""Header spellings we accept (after lower-casing, spaces and hyphens as '_')."""

REQUIRED = ("pair", "mentor", "mentee")
LABELS = {"pair": "pair id", "mentor": "mentor name", "mentee": "mentee name",
          "mentor_email": "mentor email", "mentee_email": "mentee email",
          "first_meeting": "first-meeting date", "mentor_language": "mentor language",
          "mentee_language": "mentee language", "language": "language"}
EXAMPLE_HEADER = "pair_id,mentor,mentee,mentor_email,mentee_email,first_meeting"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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


def _normal(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM: fine
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError([Problem(
            Location(str(path), line, 1), "the roster is not UTF-8 text",
            "in the spreadsheet, save as 'CSV UTF-8 (comma delimited)'")]) from None


def read_roster(path: Path, languages: Sequence[str] | None = None) -> list[Pair]:
    """Every pair of the roster, or an InputError listing every bad row.

    ``languages``: the scheme's language codes, main one first, which the
    language columns may name; None leaves those columns unchecked.
    """
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(Location(where), f"cannot read the roster: {exc.strerror}")]
                         ) from None
    if len(data) > MAX_BYTES:
        raise InputError([Problem(Location(where), f"the roster is over {MAX_BYTES // 1024} KB",
                                  "split it, or check that this is the right file")])
    text = _decode(path, data)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError([Problem(Location(where), "the roster is empty",
                                  f"start it with the header line {EXAMPLE_HEADER}")])
    header_line = lines[first]
    if ";" in header_line and "," not in header_line:
        raise InputError([Problem(
            Location(where, first + 1, header_line.index(";") + 1),
            "the columns are separated by semicolons, not commas",
            "save the sheet as 'CSV UTF-8 (comma delimited)', or replace the ';' "
            "between cells with ','")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    problems: list[Problem] = []
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    (header_row, header), body = rows[0], rows[1:]
    columns: dict[str, int] = {}
    for col, name in enumerate(header, start=1):
        key = COLUMNS.get(_normal(name))
        if key is None:
            close = difflib.get_close_matches(_normal(name), list(COLUMNS), n=1)
            problems.append(Problem(Location(where, header_row, col),
                                    f"unknown column '{name.strip()}'",
                                    f"did you mean '{close[0]}'?" if close
                                    else f"use {EXAMPLE_HEADER}"))
        elif key in columns:
            problems.append(Problem(Location(where, header_row, col),
                                    f"column '{name.strip()}' appears twice"))
        else:
            columns[key] = col - 1
    for key in REQUIRED:
        if key not in columns:
            problems.append(Problem(Location(where, header_row, 1),
                                    f"the header has no {LABELS[key]} column",
                                    f"use {EXAMPLE_HEADER}"))
    if problems:
        raise InputError(problems)
    if len(body) > MAX_PAIRS:
        raise InputError([Problem(Location(where), f"the roster has over {MAX_PAIRS} pairs")])
    pairs: list[Pair] = []
    seen: dict[str, int] = {}
    for row, cells in body:
        pair, row_problems = _read_row(where, row, cells, columns, len(header), languages)
        problems.extend(row_problems)
        index = columns["pair"]
        pair_id = cells[index].strip() if index < len(cells) else ""
        key = pair_id.casefold()
        if key and key in seen:
            problems.append(Problem(Location(where, row, index + 1),
                                    f"pair id '{pair_id}' is already used on row {seen[key]}",
                                    "give every pair its own id"))
            continue
        if key:
            seen[key] = row
        if pair is not None:
            pairs.append(pair)
    if not body:
        problems.append(Problem(Location(where, header_row, 1), "the roster has no pairs",
                                "add one line per pair under the header"))
    if problems:
        raise InputError(problems)
    return pairs


def _read_row(where: str, row: int, cells: list[str], columns: dict[str, int],
              width: int, languages: Sequence[str] | None,
              ) -> tuple[Pair | None, list[Problem]]:
    problems: list[Problem] = []
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        problems.append(Problem(Location(where, row, width + 1),
                                f"this row has {len(cells)} cells but the header {width}",
                                "a name with a comma must be in double quotes"))

    def cell(key: str) -> str:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return ""
        return " ".join(cells[index].split())

    values = {key: cell(key) for key in LABELS}
    for key in REQUIRED:
        if not values[key]:
            problems.append(Problem(Location(where, row, columns[key] + 1),
                                    f"the {LABELS[key]} is missing"))
    if values["pair"] and not _PAIR_ID.match(values["pair"]):
        problems.append(Problem(Location(where, row, columns["pair"] + 1),
                                f"pair id '{values['pair']}' is not usable in file names",
                                "use letters, digits, '-', '_' or '.', at most 40"))
    for key in ("mentor_email", "mentee_email"):
        if values[key] and not _EMAIL.match(values[key]):
            problems.append(Problem(Location(where, row, columns[key] + 1),
                                    f"'{values[key]}' is not an email address"))
    first: dt.date | None = None
    if values["first_meeting"]:
        try:
            first = dt.date.fromisoformat(values["first_meeting"])
        except ValueError:
            problems.append(Problem(Location(where, row, columns["first_meeting"] + 1),
                                    f"'{values['first_meeting']}' is not a date",
                                    "write dates as YYYY-MM-DD, e.g. 2026-10-05"))
    for key in ("language", "mentor_language", "mentee_language"):
        values[key], problem = _language(where, row, columns.get(key, 0), values[key],
                                         languages)
        problems.extend(problem)
    if problems:
        return None, problems
    return Pair(values["pair"], values["mentor"], values["mentee"], values["mentor_email"],
                values["mentee_email"], first,
                values["mentor_language"] or values["language"],
                values["mentee_language"] or values["language"], row), []


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
