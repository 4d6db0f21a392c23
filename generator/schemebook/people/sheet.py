"""Spreadsheets saved as CSV, read with the line of every row and a named header.

Rosters, applications and survey exports all come from spreadsheets, so the
reading is forgiving where that is safe (a byte-order mark, header spelling
and case, blank lines) and precise where it is not: an empty file, cells
separated by semicolons, an unknown or repeated column, text that is not
UTF-8 each give ``FILE:ROW:COL: message``, every one in a single run.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.confine import AssetRefused, TooLarge, read_limited
from ..core.errors import InputError, Location, Problem
from ..core.escape import control_problem

MAX_BYTES = 2 * 1024 * 1024
"""Largest sheet read: a few thousand rows of text."""


@dataclass(frozen=True)
class Row:
    """One non-empty row: its line in the file and its cells."""

    line: int
    cells: list[str]


@dataclass(frozen=True)
class Sheet:
    """A header mapped to known columns, and the rows under it."""

    path: str
    header_line: int
    width: int
    columns: dict[str, int]
    """Known column key -> 0-based index."""
    rows: list[Row]

    def cell(self, row: Row, key: str) -> str:
        """The cell of ``key`` in ``row``, spaces folded; '' when absent."""
        index = self.columns.get(key)
        if index is None or index >= len(row.cells):
            return ""
        return " ".join(row.cells[index].split())

    def at(self, row: Row, key: str) -> Location:
        """Where the cell of ``key`` in ``row`` is (its column, 1-based)."""
        return Location(self.path, row.line, self.columns.get(key, 0) + 1)


def normal(name: str) -> str:
    """A header as compared: lower case, spaces and hyphens as '_'."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _decode(path: Path, data: bytes, what: str, save_as: str) -> str:
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM: fine
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError([Problem(Location(str(path), line, 1), f"the {what} is not UTF-8 text",
                                  f"in the spreadsheet, save as {save_as}")]) from None


def _text(path: Path, what: str, example: str) -> str:
    where = str(path)
    try:
        data = read_limited(path, MAX_BYTES, where)
    except OSError as exc:
        raise InputError([Problem(Location(where), f"cannot read the {what}: {exc.strerror}")]
                         ) from None
    except TooLarge:
        raise InputError([Problem(Location(where), f"the {what} is over {MAX_BYTES // 1024} KB",
                                  "split it, or check that this is the right file")]) from None
    except AssetRefused as exc:
        raise InputError([Problem(Location(where), f"cannot read the {what}: {exc}")]) from None
    text = _decode(path, data, what, "'CSV UTF-8 (comma delimited)'")
    if found := control_problem(text):
        raise InputError([Problem(Location(where, found[0], found[1]), found[2],
                                  "retype the cell without it")])
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError([Problem(Location(where), f"the {what} is empty",
                                  f"start it with the header line {example}")])
    header = lines[first]
    if ";" in header and "," not in header:
        raise InputError([Problem(
            Location(where, first + 1, header.index(";") + 1),
            "the columns are separated by semicolons, not commas",
            "save the sheet as 'CSV UTF-8 (comma delimited)', or replace the ';' "
            "between cells with ','")])
    return text


def csv_rows(path: Path, what: str, example: str) -> list[Row]:
    """The non-empty rows of a CSV sheet, each with its line; located errors for an
    unreadable, oversized, non-UTF-8, empty or semicolon-separated file."""
    return _rows(_text(path, what, example))


def _rows(text: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    rows, line = [], 1
    for cells in reader:
        rows.append(Row(line, cells))
        line = reader.line_num + 1
    return [r for r in rows if any(c.strip() for c in r.cells)]


def read_sheet(path: Path, columns: Mapping[str, str], required: Sequence[str],
               labels: Mapping[str, str], what: str, example: str,
               keep_unknown: bool = False) -> Sheet:
    """The sheet at ``path`` with its header matched to ``columns`` (spelling -> key).

    ``required`` keys must have a column; an unknown column is an error unless
    ``keep_unknown`` (then it is kept out of ``columns`` and ignored).
    """
    where = str(path)
    header_row, *body = csv_rows(path, what, example)
    problems: list[Problem] = []
    found: dict[str, int] = {}
    for col, name in enumerate(header_row.cells, start=1):
        key = columns.get(normal(name))
        here = Location(where, header_row.line, col)
        if key is None:
            if not keep_unknown:
                close = difflib.get_close_matches(normal(name), list(columns), n=1)
                problems.append(Problem(here, f"unknown column '{name.strip()}'",
                                        f"did you mean '{close[0]}'?" if close
                                        else f"use {example}"))
        elif key in found:
            problems.append(Problem(here, f"column '{name.strip()}' appears twice"))
        else:
            found[key] = col - 1
    problems += [Problem(Location(where, header_row.line, 1),
                         f"the header has no {labels[key]} column", f"use {example}")
                 for key in required if key not in found]
    if problems:
        raise InputError(problems)
    return Sheet(where, header_row.line, len(header_row.cells), found, body)
