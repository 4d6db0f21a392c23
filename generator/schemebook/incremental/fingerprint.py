"""The no-change rebuild: when no input changed, there is nothing to do.

A build reads scheme.yml, the project's pages, templates and assets, the
built-in pages and templates, schemebook's own code and fonts, and the
installed MkDocs, Material and WeasyPrint. After a successful build we
record all of those files (path, size, mtime and sha256) with the settings
that shaped the build (output folder, today's date, SOURCE_DATE_EPOCH,
package versions) and the state of the output folder. The next build
compares first: sizes and mtimes, then contents where those moved, so a
file touched but not changed still counts as unchanged. If nothing differs
and the output folder is still as that build left it, nothing is rendered,
written or even imported (this module needs only the standard library).
Otherwise the full build runs, and takes every PDF and the site whose own
inputs did not change from the cache.

The walk covers every file a build may read: the whole project folder
(links to folders followed once), less only its hidden folders at the top
(.git, .venv), ``node_modules``, the output and folders schemebook marked
as outputs (a site, private files with names, which are never recorded),
and, named one by one, the files scheme.yml and mkdocs.yml point at
wherever they are (a logo in a hidden folder). The record is sealed
(:mod:`schemebook.core.seal`): one this user did not write is ignored.

Anything not understood (a project with Markdown snippets, which may read
any file; a folder with too many files to walk cheaply) simply takes the
full build, which is always correct.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..core.disk import MARKER, PRIVATE, write_atomic
from ..core.errors import Location, OutputError, Problem
from ..core.paths import CACHE_FOLDER, PACKAGE, builtin
from ..core.privacy import is_private
from ..core.seal import seal, sealed

RECORD = "last-build.json"
SKIP_DIRS = {"node_modules", "__pycache__"}
"""Folders that are never inputs, at any depth."""
MAX_FILES = 5000
PACKAGES = ("mkdocs", "mkdocs-material", "zensical", "weasyprint", "pydyf", "jinja2", "markdown",
            "pymdown-extensions", "schemebook")


@dataclass(frozen=True)
class Reused:
    """What the reused build had produced, for the caller to report."""

    out: Path
    pages: list[str]
    warnings: list[Problem]
    """The warnings of the build that made the output."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _output(folder: Path) -> bool:
    """A folder schemebook wrote: a site, or one holding people's names."""
    return (folder / MARKER).is_file() or is_private(folder)


def _walk(folder: Path, skip: set[Path]) -> list[Path] | None:
    """Files under ``folder``, hidden folders at its top, outputs and links leading
    out of it left out; None when too many."""
    found: list[Path] = []
    stack, seen = [folder], set()
    while stack:
        current = stack.pop()
        if current.resolve() in seen:
            continue
        seen.add(current.resolve())
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir():
                hidden = current == folder and entry.name.startswith(".")
                if not (hidden or entry.name in SKIP_DIRS or path in skip or _output(path)
                        or not path.resolve().is_relative_to(folder.resolve())):
                    stack.append(path)
            elif entry.is_file():
                found.append(path)
                if len(found) > MAX_FILES:
                    return None
    return found


def input_files(root: Path, out: Path, named: list[str] | None = None) -> list[Path] | None:
    """Every file a build of the project at ``root`` may read; None if unknowable.

    ``named``: files the last build was pointed at (logo, fonts, style sheets).
    """
    mkdocs_yml = root / "mkdocs.yml"
    if mkdocs_yml.is_file() and b"snippets" in mkdocs_yml.read_bytes():
        return None  # snippets may include any file: always build
    files: set[Path] = {Path(name) for name in named or []}
    for folder in {root, PACKAGE, builtin() / "content", builtin() / "templates"}:
        found = _walk(folder, {out, root / CACHE_FOLDER})
        if found is None:
            return None
        files.update(found)
    return sorted(files)


def _settings(root: Path, out: Path, today: dt.date | None, packs: bool,
              engine: str | None) -> dict[str, Any]:
    """What shaped the build besides files: a new day may change dates and warnings."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "?"
    return {
        "root": str(root), "out": str(out), "packs": packs, "engine": engine,
        "python": sys.version,
        "today": (today or dt.date.today()).isoformat(), "versions": versions,
        "epoch": os.environ.get("SOURCE_DATE_EPOCH"),
    }


def record(root: Path, out: Path, today: dt.date | None, packs: bool, pages: list[str],
           warnings: list[Problem], named: list[Path] | None = None,
           engine: str | None = None) -> None:
    """Remember the inputs of a build that just succeeded (``named``: the files
    scheme.yml and mkdocs.yml point at)."""
    root, out = root.resolve(), out.resolve()
    names = sorted({str(p.resolve()) for p in named or []})
    files = input_files(root, out, names)
    target = root / CACHE_FOLDER / RECORD
    if files is None:
        target.unlink(missing_ok=True)
        return
    entries = {}
    for path in files:
        try:
            stat = path.stat()
            entries[str(path)] = [stat.st_size, stat.st_mtime_ns, _sha(path)]
        except OSError:
            continue
    data = {"settings": _settings(root, out, today, packs, engine), "files": entries,
            "named": names,
            "pages": pages, "warnings": [dataclasses.asdict(w) for w in warnings],
            "output": _listing(out)}
    body = json.dumps(data, sort_keys=True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps({"record": body, "seal": seal(body.encode())}).encode(),
                     PRIVATE)
    except (OSError, OutputError):
        return  # without a record the next build is a full one


def forget(root: Path) -> None:
    """Drop the record, so the next build runs in full (``serve``, after pages built
    with stand-ins for PDFs still rendering)."""
    (root.resolve() / CACHE_FOLDER / RECORD).unlink(missing_ok=True)


def unchanged(root: Path, out: Path, today: dt.date | None, packs: bool,
              engine: str | None = None) -> dict[str, Any] | None:
    """The record of the last build if none of its inputs changed since, else None."""
    try:
        sealed_record = json.loads((root / CACHE_FOLDER / RECORD).read_text(encoding="utf-8"))
        body = sealed_record["record"]
        if not sealed(sealed_record.get("seal"), body.encode()):
            return None
        data: dict[str, Any] = json.loads(body)
        if data["settings"] != _settings(root, out, today, packs, engine):
            return None
        files = input_files(root, out, data["named"])
        if files is None or sorted(data["files"]) != [str(p) for p in files]:
            return None  # a file was added or removed: pages and templates may follow
        for name, (size, mtime, digest) in data["files"].items():
            stat = os.stat(name)
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime) and _sha(Path(name)) != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return data


def reuse(scheme_path: Path, out: Path | None = None, today: dt.date | None = None,
          packs: bool = True, engine: str | None = None) -> Reused | None:
    """The last build's result when no input changed and its output is as it left it.

    Then there is nothing to do and nothing is written. None when a real build
    is needed (which still takes unchanged PDFs and pages from the cache).
    """
    root = scheme_path.resolve().parent
    out = (out or root / "site").resolve()
    data = unchanged(root, out, today, packs, engine)
    if data is None or data.get("output") != _listing(out):
        return None
    warnings = [Problem(Location(**w["location"]), w["message"], w["hint"], w["severity"])
                for w in data["warnings"]]
    return Reused(out, list(data["pages"]), warnings)


def _listing(out: Path) -> dict[str, list[int]]:
    """Size and mtime of every file in the output folder, hidden ones included."""
    found: dict[str, list[int]] = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found[os.path.relpath(path, out)] = [stat.st_size, stat.st_mtime_ns]
    return found
