"""``schemebook packs``: every printable in every language, without the site.

The folders are the full build's, so that ``packs`` refreshes the PDFs a built
site links to: the main language's in site/downloads/, a further language's in
site/CODE/downloads/ (with ``--out X``: X/ and X/CODE/). A coordinator pack
kept off the site (site.coordinator_section: false) goes to private/ and
private/CODE/ instead, which ``schemebook init`` keeps out of git. Every PDF
is rendered before any is written, and each is written whole, by a rename.
A folder ``packs`` writes into is one it made (it carries a marker, or lies
inside a site schemebook built); one that someone else filled is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.disk import (
    MARKER,
    claim_folder,
    folder_problems,
    foreign_files,
    mark,
    output_lock,
    write_atomic,
)
from ..core.errors import OutputError, Problem, Report, TemplateError
from ..core.options import Options
from ..core.privacy import PRIVATE_MARKER, mark_private
from ..incremental.caches import pdf_cache
from ..pdf.workers import Pool, Renderer
from ..printing.environment import print_environment
from ..printing.packs import BuiltPdf, render_packs
from .build import load_editions


@dataclass
class PacksResult:
    """What ``schemebook packs`` wrote."""

    out: Path
    """The main language's folder."""
    built: list[tuple[str, BuiltPdf]]
    """Each PDF with its language: '' for the main one, else the folder's code."""
    warnings: list[Problem] = field(default_factory=list)


def build_packs(scheme_path: Path, out: Path | None = None,
                options: Options | None = None) -> PacksResult:
    """Render every printable in every language of the scheme, then write them all."""
    options = options or Options()
    report = Report()
    editions = load_editions(scheme_path, options, report)
    root = editions[0].root
    folders = PackFolders(root, out)
    folders.check([edition.code for edition in editions])  # before any PDF is rendered
    with Pool(options.worker_count()) as pool:
        renderer = Renderer(pool, pdf_cache(root, options), options)
        built = [(edition.code, item) for edition in editions
                 for item in render_packs(edition, print_environment(edition, report),
                                          renderer, report)]
    report.raise_if_errors(TemplateError)
    write_packs(folders, built)
    return PacksResult(folders.public(""), built, report.warnings)


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
        """Refuse a file in the way, a folder such as the project or home, or a folder
        someone else filled."""
        folders = {(f(code), f == self.public or self.out is not None)
                   for code in {"", *codes} for f in (self.public, self.private)}
        problems = [problem for target, _ in sorted(folders)
                    for problem in folder_problems(target, self.root, "refusing to write packs "
                                                   "here", "give --out a folder such as "
                                                   "site/downloads/")]
        if problems:
            raise OutputError(problems)
        for target, public in sorted(folders):
            _claim(target, public, write=False)


def write_packs(folders: PackFolders, built: list[tuple[str, BuiltPdf]]) -> None:
    """Write every language's PDFs (``built``: language code, '' for the main one, and
    PDF); a site folder made here gets the marker that lets ``build`` replace it."""
    folders.check(sorted({code for code, _ in built}))
    site = folders.root.resolve() / "site"
    if folders.out is None and not site.exists():
        mark(site)
    targets = [(folders.public(code) if item.job.public else folders.private(code),
                item.job.public or folders.out is not None, item) for code, item in built]
    with output_lock(site if folders.out is None else folders.public("")):  # as build locks
        for target, public in {(t, p) for t, p, _ in targets}:
            _claim(target, public, write=True)
        for target, _, item in targets:
            write_atomic(target / item.job.filename, item.pdf.data)


PACKS_MARKER = ".schemebook-packs"
"""In a folder ``packs --out`` wrote, outside any site."""


def _claim(folder: Path, public: bool, write: bool) -> None:
    """Make ``folder`` ours to write into: inside a built site it is; else it must be
    new, or marked by an earlier run. ``write=False`` only checks."""
    if any((p / MARKER).is_file() for p in (folder, *folder.parents)):
        if write:
            folder.mkdir(parents=True, exist_ok=True)
        return
    marker = PACKS_MARKER if public else PRIVATE_MARKER
    if not write:
        if foreign_files(folder, marker) and not (folder / PACKS_MARKER).exists():
            claim_folder(folder, marker, "")  # raises: someone else's files are there
    elif public:
        claim_folder(folder, PACKS_MARKER, "Written by schemebook packs. Safe to delete.\n")
    else:
        mark_private(folder)
