"""Writing to disk without losing anything: atomic files, folder swaps, guards.

Every command that writes goes through these few functions, so the rules
hold everywhere: a file is written beside its target and renamed into
place (never half-written), a folder is replaced by renames only once its
new contents are complete, schemebook writes only into folders it made
(each carries a marker), one command at a time writes an output
(:func:`output_lock`), and a full, read-only or missing disk is one located
line naming the path (:func:`os_problem`), never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import Location, OutputError, Problem

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writes of one output are not serialised
    fcntl = None  # type: ignore[assignment]

MARKER = ".schemebook-site"
"""File in every site folder schemebook builds; only such folders are replaced."""

MARKER_TEXT = "Built by schemebook. Safe to delete.\n"

PUBLIC, PRIVATE = 0o644, 0o600
"""File modes: shared outputs, and files that hold people's names."""

TEMP_SUFFIX = ".schemebook-tmp"
"""Ends the name of every file being written; the next write removes leftovers."""

STAGING_PREFIX = ".schemebook-"
"""Starts the name of the staging folder built beside an output before the swap."""

LOCK_WAIT = 60.0
"""Seconds a command waits for another one writing the same output."""

_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and run it again",
    errno.EDQUOT: "the disk quota is used up: free some space and run it again",
    errno.EROFS: "the disk is read-only: choose another folder",
    errno.EACCES: "you may not write there: choose another folder or check its permissions",
    errno.EPERM: "you may not write there: choose another folder or check its permissions",
    errno.ENOENT: "a folder on the way does not exist",
    errno.ENOTDIR: "a file stands where a folder should be",
}


def os_problem(exc: OSError, path: Path | str, action: str = "cannot write") -> Problem:
    """One located line for a failed file operation: the path, what failed, a hint."""
    reason = exc.strerror or type(exc).__name__
    return Problem(Location(str(path)), f"{action}: {reason}", _HINTS.get(exc.errno or 0, ""))


@contextlib.contextmanager
def writing(path: Path | str, action: str = "cannot write") -> Iterator[None]:
    """Turn an OSError inside the block into an OutputError naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise OutputError([os_problem(exc, path, action)]) from None


def write_atomic(target: Path, data: bytes, mode: int = PUBLIC,
                 check: Callable[[Path], object] | None = None) -> None:
    """Write ``data`` beside ``target`` and rename it into place, with ``mode``.

    ``check(temporary path)`` runs before the rename and may raise to keep
    ``target`` as it was (``new-cohort`` loads the new scheme there first).
    """
    with writing(target):
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                        dir=target.parent)
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
    with writing(target), open(target, "wb",
                               opener=lambda path, flags: os.open(path, flags, PRIVATE)) as out:
        out.write(data)


def mark(folder: Path, name: str = MARKER, text: str = MARKER_TEXT) -> None:
    """Create ``folder`` if needed and put schemebook's marker in it."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def replace_folder(new: Path, out: Path) -> None:
    """Swap ``new`` into place of ``out`` with renames, so ``out`` is never half-written."""
    old = out.with_name(out.name + ".old-schemebook")
    with writing(out):
        if old.exists() or old.is_symlink():
            remove(old)
        if out.exists() or out.is_symlink():
            out.rename(old)
        new.rename(out)
        if old.exists() or old.is_symlink():
            remove(old)


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


def foreign_files(folder: Path, marker: str) -> bool:
    """True when ``folder`` holds files but not ``marker``: schemebook did not make it."""
    return folder.is_dir() and any(folder.iterdir()) and not (folder / marker).exists()


def _made_by_schemebook(entry: Path) -> bool:
    """An entry schemebook made: its own hidden files, or a folder with a marker."""
    if entry.name.startswith((".schemebook", ".personal-", ".cache")):
        return True
    return entry.is_dir() and any(entry.glob(".schemebook-*"))


def refuse_unsafe_output(out: Path, project: Path, *, marker: str = MARKER,
                         what: str = "the site",
                         hint: str = "give --out a new folder such as site/") -> None:
    """Refuse to write over the project, the home folder, / or a folder schemebook
    did not fill (one without ``marker`` that holds anything)."""
    problems = folder_problems(out, project, f"refusing to write {what} over this folder", hint)
    if problems:
        raise OutputError(problems)
    if foreign_files(out.resolve(), marker):
        raise OutputError([Problem(
            Location(str(out.resolve())), "the output folder has files schemebook did not create",
            f"empty it or choose another --out; schemebook only replaces folders with {marker}",
        )])


def claim_folder(folder: Path, marker: str, text: str) -> None:
    """Make ``folder`` schemebook's to write into: refuse one that holds files without
    ``marker`` (someone else's), else create it if need be and mark it. A folder
    holding only what schemebook made (marked folders, its caches) is taken over."""
    if foreign_files(folder, marker) and not all(map(_made_by_schemebook, folder.iterdir())):
        raise OutputError([Problem(
            Location(str(folder)), "this folder has files schemebook did not create",
            f"move them, or choose another --out; schemebook only writes into folders "
            f"with {marker}")])
    if not (folder / marker).exists():
        mark(folder, marker, text)


@contextlib.contextmanager
def output_lock(out: Path, wait: float = LOCK_WAIT, *, inside: bool = False) -> Iterator[None]:
    """Hold the lock of output ``out`` while writing it: a lock on the folder it is
    in (made if need be), or with ``inside`` on ``out`` itself (a folder that is
    written into, never swapped), so no lock file is left anywhere.

    A second command writing there waits for the first, then goes on; after
    ``wait`` seconds it is refused with a clear message. Under the lock, what
    a killed earlier run left beside ``out`` (staging folders, half-written
    files) is stale and removed.
    """
    folder = out if inside else out.parent
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY)
    try:
        _acquire(handle, out, wait)
        remove_stale(out)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _acquire(handle: int, lock: Path, wait: float) -> None:
    if fcntl is None:  # pragma: no cover - Windows
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OutputError([Problem(
                    Location(str(lock)), "another schemebook command is writing here",
                    "wait for it to finish, or write into another --out")]) from None
            time.sleep(0.2)


def staging_prefix(out: Path) -> str:
    """Name start of the staging folders of output ``out``, found by :func:`remove_stale`."""
    return f"{STAGING_PREFIX}{out.name}-"


def remove_stale(out: Path) -> None:
    """Remove what a run that was killed left: staging folders beside ``out``, the
    old copy a swap keeps for a moment, half-written files inside ``out``."""
    parent = out.parent
    stale = [*parent.glob(staging_prefix(out) + "*"), out.with_name(out.name + ".old-schemebook")]
    if out.is_dir():
        stale += out.glob(f".*{TEMP_SUFFIX}")
    for path in stale:
        with contextlib.suppress(OSError):
            remove(path)


def remove(path: Path) -> None:
    """Delete a file, a link (not what it leads to) or a whole folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one, else a copy (for shutil.copytree).

    Safe for folders schemebook writes whole and never changes in place: the
    archive of earlier cohorts, and the site cache, whose every read checks each
    file against its hash."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


MEMORY_FOLDERS = ("/dev/shm",)
"""Folders held in memory (tmpfs) on Linux, where ``serve`` keeps its site if there is room."""
MEMORY_ROOM = 1 << 30
"""Free space a memory folder needs to be used: a site and its staging copy, many
times over (Docker's 64 MB /dev/shm is passed over)."""


def memory_temp(candidates: tuple[str, ...] = MEMORY_FOLDERS, room: int = MEMORY_ROOM
                ) -> str | None:
    """A folder in memory for temporary files, or None for the system's default.

    ``serve`` writes a whole site on every edit: on a disk, creating its files was a
    fifth of an edit's way to the browser (1 ms a file on this machine's disk)."""
    for folder in candidates:
        try:
            found = os.statvfs(folder)
        except OSError:
            continue
        if os.access(folder, os.W_OK | os.X_OK) and found.f_bavail * found.f_frsize >= room:
            return folder
    return None
