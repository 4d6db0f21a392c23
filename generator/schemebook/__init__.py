"""schemebook: one scheme.yml to a reverse mentoring handbook site and packs.

The public API is deliberately small: ``load_scheme`` to read and check,
``build`` to write the site, ``Options`` to say how, and ``SchemebookError``,
which every mistake in the user's input raises with located problems.
Importing the package loads none of them: each is imported on first use, so
``schemebook --version`` and a no-change rebuild stay quick.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
"""The one place the version is written; pyproject.toml reads it from here."""

_API = {
    "build": "schemebook.commands.build",
    "load_scheme": "schemebook.plan.load",
    "Options": "schemebook.core.options",
    "SchemebookError": "schemebook.core.errors",
}


def __getattr__(name: str) -> Any:
    """The public API, imported when first asked for."""
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'schemebook' has no attribute {name!r}")


__all__ = ["Options", "SchemebookError", "__version__", "build", "load_scheme"]
