"""Where files holding people's names may be written: the one place commands ask.

``match``, ``mail-merge`` and the calendars of ``personalise`` write names
and email addresses. They all call :func:`private_folder` before writing
and :func:`write_private_file` to write, so the rule (never inside anything
the site publishes, files readable by their owner only) lives here once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..core.disk import PRIVATE, mark, replace_folder, write_atomic
from ..core.errors import Location, OutputError, Problem
from ..core.privacy import refuse_private_output


def private_folder(out: Path, root: Path, what: str) -> Path:
    """The real folder ``out``, or OutputError when ``what`` written there could be
    published or overwrite the project."""
    return refuse_private_output(out, root, what=what)


def write_private_file(target: Path, data: bytes) -> None:
    """Write ``data`` in one piece, readable by its owner only."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data, mode=PRIVATE)


def replace_private_folder(out: Path, name: str, owned: str, files: dict[str, bytes]) -> Path:
    """``files`` (relative path -> bytes) as the folder ``OUT/NAME``, replaced in one
    rename; refused when that folder holds files schemebook did not write (no ``owned``)."""
    target = out / name
    if target.is_dir() and any(target.iterdir()) and not (target / owned).exists():
        raise OutputError([Problem(Location(str(target)),
                                   "this folder has files schemebook did not create",
                                   "move them, or choose another --out")])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{name}-", dir=out) as staging:
        stage = Path(staging) / name
        mark(stage, owned, "Written by schemebook. Holds people's names: do not publish.\n")
        for relative, data in sorted(files.items()):
            write_private_file(stage / relative, data)
        replace_folder(stage, target)
    return target
