"""Writing to disk without losing anything: atomic files, folder swaps, guards.

Every command that writes goes through these few functions, so the rules
hold everywhere: a file is written beside its target and renamed into
place (never half-written), a folder is replaced by renames only once its
new contents are complete, and schemebook replaces only folders that carry
its marker, never a folder someone else filled.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import Location, OutputError, Problem

MARKER = ".schemebook-site"
"""File in every output folder schemebook makes; only such folders are replaced."""

MARKER_TEXT = "Built by schemebook. Safe to delete.\n"

PUBLIC, PRIVATE = 0o644, 0o600
"""File modes: shared outputs, and files that hold people's names."""


def write_atomic(target: Path, data: bytes, mode: int = PUBLIC,
                 check: Callable[[Path], object] | None = None) -> None:
    """Write ``data`` beside ``target`` and rename it into place, with ``mode``.

    ``check(temporary path)`` runs before the rename and may raise to keep
    ``target`` as it was (``new-cohort`` loads the new scheme there first).
    """
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if check is not None:
            check(Path(temp))
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_private(target: Path, data: bytes) -> None:
    """A new file readable by its owner only: it holds names or emails."""
    with open(target, "wb", opener=lambda path, flags: os.open(path, flags, PRIVATE)) as out:
        out.write(data)


def mark(folder: Path, name: str = MARKER, text: str = MARKER_TEXT) -> None:
    """Create ``folder`` if needed and put schemebook's marker in it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def replace_folder(new: Path, out: Path) -> None:
    """Swap ``new`` into place of ``out`` with renames, so ``out`` is never half-written."""
    old = out.with_name(out.name + ".old-schemebook")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    new.rename(out)
    if old.exists():
        shutil.rmtree(old)


def folder_problems(out: Path, project: Path, message: str, hint: str) -> list[Problem]:
    """Why ``out`` cannot be an output folder at all: it is the project, a folder
    above it, the home folder or /, or a file is in the way."""
    out, project = out.resolve(), project.resolve()
    where = Location(str(out))
    if out in {Path.home().resolve(), project, Path("/")} or project.is_relative_to(out):
        return [Problem(where, message, hint)]
    if out.exists() and not out.is_dir():
        return [Problem(where, "the output path is a file, not a folder")]
    return []


def refuse_unsafe_output(out: Path, project: Path, *, marker: str = MARKER,
                         what: str = "the site",
                         hint: str = "give --out a new folder such as site/") -> None:
    """Refuse to write over the project, the home folder, / or a folder schemebook
    did not fill (one without ``marker`` that holds anything)."""
    problems = folder_problems(out, project, f"refusing to write {what} over this folder", hint)
    if problems:
        raise OutputError(problems)
    out = out.resolve()
    where = Location(str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise OutputError([Problem(
            where, "the output folder has files schemebook did not create",
            f"empty it or choose another --out; schemebook only replaces folders with {marker}",
        )])
