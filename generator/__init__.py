"""schemebook: one scheme.yml to a reverse mentoring handbook site and packs.

The public API is deliberately small: ``load_scheme`` to read and validate,
``build`` to write the site. Everything a user can get wrong raises a
``SchemebookError`` carrying located problems.
"""

from typing import TYPE_CHECKING, Any

from .errors import SchemebookError

if TYPE_CHECKING:
    from .build import build
    from .validate import load_scheme


def __getattr__(name: str) -> Any:
    """Import the pipeline on first use: a no-change rebuild never needs it."""
    if name == "build":
        from .build import build

        return build
    if name == "load_scheme":
        from .validate import load_scheme

        return load_scheme
    raise AttributeError(name)


__all__ = ["SchemebookError", "build", "load_scheme"]
