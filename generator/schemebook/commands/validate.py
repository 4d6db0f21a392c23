"""``schemebook validate``: every problem of a scheme, and nothing written."""

from __future__ import annotations

from pathlib import Path

from ..plan.load import load_scheme
from ..scheme.validate import Loaded, scheme_codes


def validate(path: Path) -> Loaded:
    """The scheme in its main language with the warnings of every language it is
    built in; InputError or ValidationError listing every problem otherwise."""
    main = load_scheme(path)
    for code in scheme_codes(main.scheme)[1:]:
        other = load_scheme(path, language=code)
        main.warnings.extend(w for w in other.warnings if w not in main.warnings)
    return main
