"""Where ``schemebook packs`` puts each language's PDFs, and writing files whole.

The folders are the full build's, so that ``packs`` refreshes the PDFs a built
site links to: the main language's in site/downloads/, a further language's in
site/CODE/downloads/ (with ``--out X``: X/ and X/CODE/). A coordinator pack
kept off the site (site.coordinator_section: false) goes to private/ and
private/CODE/ instead, which ``schemebook init`` keeps out of git.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, OutputError, Problem

if TYPE_CHECKING:
    from .packs import BuiltPdf


@dataclass(frozen=True)
class PackFolders:
    """Where the packs of every language go."""

    root: Path
    """The project folder."""
    out: Path | None
    """``--out``, if given."""

    def public(self, code: str) -> Path:
        """Folder of language ``code``'s public PDFs ('' for the main language)."""
        if self.out is not None:
            return self.out.resolve() / code
        return self.root.resolve() / "site" / code / "downloads"

    def private(self, code: str) -> Path:
        """Folder of language ``code``'s coordinator pack when it is not published."""
        return self.public(code) if self.out is not None else (
            self.root.resolve() / "private" / code)

    def check(self, codes: list[str]) -> None:
        """Refuse a file in the way, or a folder such as the project or home."""
        root = self.root.resolve()
        problems = []
        for target in sorted({f(code) for code in codes for f in (self.public, self.private)}):
            if target.exists() and not target.is_dir():
                problems.append(Problem(Location(str(target)), "the output path is a file"))
            elif target in (root, Path.home().resolve(), Path("/")):
                problems.append(Problem(Location(str(target)), "refusing to write packs here",
                                        "give --out a folder such as site/downloads/"))
        if problems:
            raise OutputError(problems)


def write_packs(folders: PackFolders, built: list[tuple[str, BuiltPdf]]) -> None:
    """Write every language's PDFs (``built``: language code, '' for the main one, and
    PDF); a site folder made here gets the marker that lets ``build`` replace it."""
    from .build import MARKER

    folders.check(sorted({code for code, _ in built} | {""}))
    site = folders.root.resolve() / "site"
    if folders.out is None and not site.exists():
        site.mkdir(parents=True)
        (site / MARKER).write_text("Built by schemebook. Safe to delete.\n", encoding="utf-8")
    for code, item in built:
        target = folders.public(code) if item.job.public else folders.private(code)
        target.mkdir(parents=True, exist_ok=True)
        write_atomic(target / item.job.filename, item.pdf.data)


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target`` and rename it into place."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; the PDFs are meant to be shared
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
