"""Spreadsheets saved as CSV or .xlsx, read with the line of every row and a named header.

Rosters, applications and survey exports all come from spreadsheets, so the
reading is forgiving where that is safe (a byte-order mark, header spelling
and case, blank lines) and precise where it is not: an empty file, cells
separated by semicolons, an unknown or repeated column, text that is not
UTF-8 each give ``FILE:ROW:COL: message``, every one in a single run.

An .xlsx workbook (Microsoft Forms and Excel save these) is read from its
first sheet, with the sheet's own row numbers, when openpyxl is installed
(``pip install 'schemebook[match]'``). A multi-select answer in one cell is
split by :func:`answers`: semicolons or line breaks (Microsoft Forms writes
``A;B;``), else commas (Google Forms writes ``A, B``).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.confine import AssetRefused, TooLarge, read_limited
from ..core.errors import InputError, Location, Problem
from ..core.escape import control_problem

try:  # optional: the 'match' extra
    import openpyxl
except ImportError:  # pragma: no cover - the tests install the extra
    openpyxl = None  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
"""Largest sheet read: a few thousand rows of text."""

MAX_XLSX_BYTES = 8 * 1024 * 1024
"""Largest workbook read (compressed, so about as many rows as MAX_BYTES of CSV)."""

MAX_ROWS = 20_000
"""Rows read from a workbook at most; a form export has far fewer."""

_SPLIT = re.compile(r"[;\n]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
"""Loose on purpose (something@domain.tld, no spaces): it catches a name or a phone
number in an email column, not every address a mail server would refuse."""


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
    ignored: tuple[tuple[int, str], ...] = ()
    """Columns read past (0-based index, header as written), with ``keep_unknown``."""

    def cell(self, row: Row, key: str) -> str:
        """The cell of ``key`` in ``row``, spaces folded; '' when absent."""
        index = self.columns.get(key)
        if index is None or index >= len(row.cells):
            return ""
        return " ".join(row.cells[index].split())

    def raw(self, row: Row, key: str) -> str:
        """The cell of ``key`` as written, line breaks kept (multi-select answers)."""
        index = self.columns.get(key)
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    def at(self, row: Row, key: str) -> Location:
        """Where the cell of ``key`` in ``row`` is (its column, 1-based)."""
        return Location(self.path, row.line, self.columns.get(key, 0) + 1)

    def row_problems(self, row: Row, required: Sequence[str], labels: Mapping[str, str],
                     comma_hint: str) -> list[Problem]:
        """What every sheet of people checks first in a row: cells past the header (a
        comma outside quotes split one; ``comma_hint`` says what to quote), and each
        ``required`` cell given."""
        problems = []
        if len(row.cells) > self.width and any(c.strip() for c in row.cells[self.width:]):
            problems.append(Problem(Location(self.path, row.line, self.width + 1),
                                    f"this row has {len(row.cells)} cells but the header "
                                    f"{self.width}", comma_hint))
        problems += [Problem(self.at(row, key), f"the {labels[key]} is missing")
                     for key in required if not self.cell(row, key)]
        return problems

    def email_problems(self, row: Row, keys: Sequence[str]) -> list[Problem]:
        """Each cell of ``keys`` that is given but is not an email address."""
        given = {key: self.cell(row, key) for key in keys}
        return [Problem(self.at(row, key), f"'{value}' is not an email address")
                for key, value in given.items() if value and not _EMAIL.match(value)]


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


def answers(cell: str) -> list[str]:
    """The answers of a multi-select cell: split at semicolons or line breaks when it
    has any, else at commas; spaces folded, empty answers dropped."""
    parts = _SPLIT.split(cell) if _SPLIT.search(cell) else cell.split(",")
    return [" ".join(p.split()) for p in parts if p.strip()]


def _cell_text(value: object) -> str:
    """A workbook cell as the CSV export would show it: 3.0 as '3', dates ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def xlsx_rows(path: Path, what: str) -> list[Row]:
    """The non-empty rows of a workbook's first sheet, with Excel's row numbers."""
    where = str(path)
    if openpyxl is None:
        raise InputError([Problem(Location(where), f"reading the {what} from .xlsx needs "
                                  "openpyxl", "pip install 'schemebook[match]' (or "
                                  "[report]), or save the sheet as 'CSV UTF-8 (comma "
                                  "delimited)'")])
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem(Location(where), f"cannot read the {what}: {exc.strerror}")]
                         ) from None
    if size > MAX_XLSX_BYTES:
        raise InputError([Problem(Location(where), f"the {what} is over "
                                  f"{MAX_XLSX_BYTES // 1024 // 1024} MB",
                                  "split it, or check that this is the right file")])
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise InputError([Problem(Location(where), f"the {what} is not a readable .xlsx "
                                  f"workbook ({type(exc).__name__})",
                                  "open it in the spreadsheet and save it again")]) from None
    try:
        rows = []
        for line, values in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
            if line > MAX_ROWS:
                raise InputError([Problem(Location(where, line), f"the {what} has over "
                                          f"{MAX_ROWS} rows")])
            cells = [_cell_text(v) for v in values]
            if any(c.strip() for c in cells):
                rows.append(Row(line, cells))
    finally:
        book.close()
    if not rows:
        raise InputError([Problem(Location(where), f"the {what} is empty")])
    return rows


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
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header_row, *body = xlsx_rows(path, what)
    else:
        header_row, *body = csv_rows(path, what, example)
    problems: list[Problem] = []
    found: dict[str, int] = {}
    ignored: list[tuple[int, str]] = []
    for col, name in enumerate(header_row.cells, start=1):
        key = columns.get(normal(name))
        here = Location(where, header_row.line, col)
        if key is None:
            ignored.append((col - 1, name))
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
    return Sheet(where, header_row.line, len(header_row.cells), found, body, tuple(ignored))
