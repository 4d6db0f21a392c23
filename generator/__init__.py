"""schemebook: one scheme.yml to a reverse mentoring handbook site and packs.

The public API is deliberately small: ``load_scheme`` to read and validate,
``build`` to write the site. Everything a user can get wrong raises a
``SchemebookError`` carrying located problems.
"""

from .build import build
from .errors import SchemebookError
from .validate import load_scheme

__all__ = ["SchemebookError", "build", "load_scheme"]
