"""A scheme ready to plan from: read and typed, then checked against its own dates.

:func:`schemebook.scheme.validate.read_scheme` knows the file and the types;
the checks in :mod:`.checks` need the dates and figures worked out in this
package. Every command starts here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.errors import Report
from ..core.i18n import Translator
from ..scheme.models import Scheme
from ..scheme.validate import Loaded, read_scheme, scheme_codes
from .checks import check_scheme
from .facts import scheme_facts


def _facts(scheme: Scheme) -> dict[str, str]:
    return scheme_facts(scheme, Translator.for_language(scheme.language))


def load_scheme(path: Path, today: dt.date | None = None,
                language: str | None = None) -> Loaded:
    """The scheme at ``path`` in ``language`` (default: its first), with every
    warning; InputError or ValidationError listing every problem otherwise."""
    loaded = read_scheme(path, language, _facts)
    report = Report(warnings=list(loaded.warnings))
    check_scheme(loaded, report, today or dt.date.today())
    report.raise_if_errors()
    loaded.warnings = report.warnings
    return loaded


def load_translations(path: Path, main: Loaded, report: Report,
                      today: dt.date | None = None) -> list[tuple[str, Loaded]]:
    """The scheme in each further language of ``languages`` (not the main one); their
    warnings join ``report`` once each, since most are the same in every language."""
    found = []
    for code in scheme_codes(main.scheme)[1:]:
        loaded = load_scheme(path, today, code)
        report.warnings.extend(w for w in loaded.warnings if w not in report.warnings)
        found.append((code, loaded))
    return found


def load_all(path: Path, today: dt.date | None = None) -> list[tuple[str, Loaded]]:
    """The scheme in every language it is built in: ('', main), then (CODE, further)."""
    main = load_scheme(path, today)
    report = Report(warnings=main.warnings)
    return [("", main), *load_translations(path, main, report, today)]
