"""Excel workbooks (.xlsx, as Microsoft Forms exports them), read as rows with their lines.

The first sheet only; every cell as text, as a CSV export would give it
(whole numbers without '.0', dates as YYYY-MM-DD). Needs openpyxl, which
comes with the ``report`` and ``match`` extras.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl

from ..core.errors import InputError, Location, Problem
from .sheet import MAX_BYTES, Row


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) or (
            value.time() == dt.time()) else value.isoformat(sep=" ")
    return str(value)


def xlsx_rows(path: Path, what: str) -> list[Row]:
    """The non-empty rows of the workbook's first sheet, each with its row number."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem(Location(where), f"cannot read the {what}: {exc.strerror}")]
                         ) from None
    if size > 10 * MAX_BYTES:
        raise InputError([Problem(Location(where),
                                  f"the {what} is over {10 * MAX_BYTES // 1024} KB",
                                  "split it, or check that this is the right file")])
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError([Problem(Location(where), f"the {what} is not a readable .xlsx "
                                  f"workbook ({type(exc).__name__})",
                                  "save it again from Excel as .xlsx, or export CSV UTF-8")]
                         ) from None
    try:
        sheet = book.worksheets[0]
        rows = [Row(number, [_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    found = [r for r in rows if any(c.strip() for c in r.cells)]
    if not found:
        raise InputError([Problem(Location(where), f"the {what} is empty")])
    return found
