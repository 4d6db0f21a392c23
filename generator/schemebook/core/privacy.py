"""Private stays private: the one guard for every file that carries people's names.

Personalised packs and certificates, rosters, pairings and their
overrides, mail-merge files, reports, and any cache of per-person pages
hold names. Every command that writes such a file calls
:func:`refuse_private_output` on its output folder first, and marks the
folder with :func:`mark_private`, so that

* nothing with names lands where the build publishes from: ``content/``,
  ``templates/``, ``assets/``, the site (``site/`` or any folder with the
  site's marker, at any depth), or another folder the site copies, links
  resolved first, so a link into one of them is refused as well;
* nothing with names lands in a ``.schemebook-cache`` folder, which a CI
  workflow may keep and share between runs;
* the no-change check and the caches never record such a folder's files
  (:func:`is_private`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .disk import MARKER, claim_folder, folder_problems
from .errors import Location, OutputError, Problem
from .paths import CACHE_FOLDER

PRIVATE_MARKER = ".schemebook-private"
"""In every folder schemebook writes people's names into."""

PRIVATE_TEXT = ("Written by schemebook. Holds people's names: keep it out of git and "
                "never publish it.\n")

PUBLISHED_FOLDERS = ("content", "templates", "assets", "site")
"""Folders of a project the build publishes from (or into)."""


def published_places(project: Path, also: Iterable[Path] = ()) -> list[Path]:
    """The real folders whose files can reach the public site: the project's
    published folders and ``also`` (other folders the site copies)."""
    return [p.resolve() for p in (*(project / name for name in PUBLISHED_FOLDERS), *also)]


def refuse_private_output(out: Path, project: Path, *, what: str,
                          published: Iterable[Path] = ()) -> Path:
    """The real folder ``out``, or OutputError when files with names written there
    could be published, cached or overwrite the project.

    ``what`` names the files in the message ("personalised packs"). ``published``
    adds folders the site copies besides the usual ones (a folder named in
    mkdocs.yml, say). Links are resolved first, on ``out`` and on the folders.
    Use it before writing anything, and :func:`mark_private` on the folder.
    """
    real = out.resolve()
    where = Location(str(real))
    hint = "use the default private/ beside scheme.yml, or another folder outside the site"
    chain = (real, *real.parents)
    inside = [p for p in published_places(project, published) if real.is_relative_to(p)]
    site = [p for p in chain if (p / MARKER).is_file()]
    cache = [p for p in chain if p.name == CACHE_FOLDER]
    if inside or site:
        place = (inside or site)[0]
        raise OutputError([Problem(where, f"refusing to write {what} inside {place}: they "
                                   "hold people's names and would be published", hint)])
    if cache:
        raise OutputError([Problem(where, f"refusing to write {what} inside {cache[0]}: they "
                                   "hold people's names and a CI workflow may keep that "
                                   "folder", hint)])
    if problems := folder_problems(real, project, f"refusing to write {what} here",
                                   "give --out a folder such as private/"):
        raise OutputError(problems)
    return real


def mark_private(folder: Path) -> None:
    """Claim ``folder`` for files with names: refuse one someone else filled, else
    create and mark it, so later runs, the no-change check and caches know."""
    claim_folder(folder, PRIVATE_MARKER, PRIVATE_TEXT)


def is_private(folder: Path) -> bool:
    """True for a folder schemebook marked as holding people's names."""
    return (folder / PRIVATE_MARKER).is_file()
