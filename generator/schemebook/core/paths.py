"""Where schemebook's own files are: package data and the built-in project.

The built-in pages (``content/``), templates (``templates/``), the examples
and the university example's ``scheme.yml`` and ``assets/`` sit at the top
of the repository, where an institution adopting schemebook reads them. A
wheel carries them inside the package, in ``schemebook/builtin/`` (see
hatch_build.py, which adds them to standard wheels only). Both
are found through :mod:`importlib.resources`, so an installed copy and a
checkout read the very same files by the same names.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

PACKAGE = Path(str(files("schemebook")))
"""The installed (or checked-out) package folder."""

ASSETS = PACKAGE / "assets"
FONTS = ASSETS / "fonts"
"""Bundled web fonts with their licences, for the site and for print."""
STYLES = ASSETS / "css"
SCRIPTS = ASSETS / "js"
LOCALES = PACKAGE / "locales"
"""gettext catalogues, one LANG.po per language, and the .pot template."""
DEFAULTS = PACKAGE / "scheme" / "defaults"
"""Built-in scheme values per language (defaults/LANG.yml)."""

CACHE_FOLDER = ".schemebook-cache"
"""Beside scheme.yml: compiled templates, rendered PDFs, built sites, the last build's
record. ``init`` git-ignores it; deleting it at any time is safe."""


@cache
def builtin() -> Path:
    """The built-in project: content/, templates/, examples/, scheme.yml, assets/.

    In a wheel it is the package's ``builtin/`` folder; in a checkout (an
    editable install) the repository's top level, two folders above the package.
    """
    packaged = PACKAGE / "builtin"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent.parent


STARTER = "starter"
"""The smallest project: a name, an organisation, a contact and an aim; defaults do the rest."""


def example(name: str) -> Path:
    """The folder of a shipped example ('university' is the built-in project itself; 'health'
    and the others are under examples/, as is the starter)."""
    return builtin() if name == "university" else builtin() / "examples" / name


PRINT_SCHEME = "schemebook"
"""Scheme of the URLs in print HTML: ``schemebook://project/assets/logo.svg``.

Print HTML names files by where they are in the project, the built-in
project or the package, never by their absolute path: the same project in
another folder gives the same HTML, so the same PDF (WeasyPrint derives the
PDF's /ID from the HTML) and the same cache entries. The PDF fetcher maps
them back (:func:`print_path`) and confines them."""

PRINT_BASE = f"{PRINT_SCHEME}://project/"
"""Base URL of print HTML: a relative link names a project file."""


def _print_roots(project: Path) -> dict[str, Path]:
    return {"project": project.resolve(), "builtin": builtin().resolve(),
            "package": PACKAGE.resolve()}


def print_url(path: Path, project: Path, *, shipped: bool = False) -> str:
    """The location-independent URL of ``path`` for print HTML (its real file's
    place under the package, the project or the built-in project: the deepest).

    ``shipped``: ``path`` is a built-in file, not the project's own, even where the
    project is the built-in one (the repository's example): it is named as in a
    project ``init`` made, so both give the same HTML and share cached PDFs."""
    real = path.resolve()
    roots = _print_roots(project)
    if shipped:
        del roots["project"]
    found = [(len(root.parts), host, real.relative_to(root).as_posix())
             for host, root in roots.items() if real.is_relative_to(root)]
    if not found:
        raise ValueError(f"{path} is not a file of the project or of schemebook")
    _, host, rel = max(found, key=lambda item: (item[0], item[1] == "project"))
    return f"{PRINT_SCHEME}://{host}/{quote(rel)}"


def print_path(url: str, project: Path) -> Path | None:
    """The file a print URL names (not yet confined), or None for another kind of URL."""
    parts = urlsplit(url)
    root = _print_roots(project).get(parts.netloc)
    if parts.scheme != PRINT_SCHEME or root is None:
        return None
    return root / unquote(parts.path).lstrip("/")
