"""Where files holding people's names may be written: the one place commands ask.

``match``, ``mail-merge`` and the calendars of ``personalise`` write names
and email addresses. They all call :func:`private_folder` before writing
and :func:`write_private_file` to write, so the rule (never inside anything
the site publishes, files readable by their owner only) lives here once.
"""

from __future__ import annotations

from pathlib import Path

from ..core.disk import PRIVATE, write_atomic
from .personalise import check_private_output


def private_folder(out: Path, root: Path, what: str) -> Path:
    """The real folder ``out``, or OutputError when ``what`` written there could be
    published or overwrite the project."""
    del what  # named for the messages of the shared guard
    return check_private_output(out, root)


def write_private_file(target: Path, data: bytes) -> None:
    """Write ``data`` in one piece, readable by its owner only."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data, mode=PRIVATE)
