"""The small exception tree every user mistake travels through.

A coordinator is not a programmer: each problem carries the file, line and
column it came from and a hint, and the CLI prints it as
``PATH:LINE:COL: message`` and exits 2. Programming errors stay ordinary
exceptions so they keep their traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, order=True)
class Location:
    """Where in which file a problem sits (1-based line and column)."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


Severity = Literal["error", "warning"]
"""An error stops the build (and ``--strict`` makes warnings errors); a warning is shown."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One located message: an error or a warning."""

    location: Location
    """The file, line and column the message is about."""
    message: str
    """What is wrong, in the user's terms."""
    hint: str = ""
    """What to do about it; shown in brackets after the message."""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class SchemebookError(Exception):
    """Base of every error caused by the user's input, never by a bug."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.location, p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(SchemebookError):
    """The scheme file could not be read or parsed (YAML, encoding, size)."""


class ValidationError(SchemebookError):
    """The scheme parsed but does not describe a valid scheme."""


class TemplateError(SchemebookError):
    """A page or print template in content/ or templates/ failed to render."""


class OutputError(SchemebookError):
    """The output folder cannot be written safely."""


class StrictError(SchemebookError):
    """--strict: the build had warnings, which then count as errors."""


@dataclass
class Report:
    """Problems collected across a stage so that one run reports them all."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self.errors.append(Problem(location, message, hint))

    def warn(self, location: Location, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(location, message, hint, severity="warning"))

    def raise_if_errors(self, kind: type[SchemebookError] = ValidationError) -> None:
        if self.errors:
            raise kind(self.errors)


def location_for(path: Path | str, line: int = 1, column: int = 1) -> Location:
    """Build a Location with the path written as the user would type it."""
    return Location(str(path), line, column)
