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


def example(name: str) -> Path:
    """The folder of a shipped example ('university' is the built-in project itself)."""
    return builtin() if name == "university" else builtin() / "examples" / name
