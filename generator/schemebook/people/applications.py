"""Read applications (CSV or .xlsx from a form tool) into applicants, with located messages.

One row per person. The header needs ``id``, ``role``, ``name`` and
``email``; ``unit``, ``themes``, ``format``, ``availability``,
``language``, ``conflicts``, ``authority``, ``reports_to``, ``prefer``,
``capacity`` and ``first_name`` are read when present; any other column is
kept and ignored (form tools add timestamps and the like). A multi-select
cell lists its answers separated by semicolons (commas when it has none).
People are named in the four person columns by application id, email or
name. Every bad cell (an unknown role or theme, a conflict naming nobody,
the same id or email twice, an empty name) is reported as
``applications.csv:ROW:COL: message``, all of them in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from ..core.errors import InputError, Location, Problem
from .answers import ALL_SLOTS, FORMATS, Vocabulary, fold
from .sheet import Row, Sheet, answers, read_sheet

MAX_APPLICANTS = 5000

COLUMNS = {
    "id": "id", "application_id": "id", "application": "id",
    "role": "role", "applying_as": "role",
    "name": "name", "full_name": "name",
    "email": "email", "email_address": "email", "e_mail": "email",
    "first_name": "first_name", "known_as": "first_name",
    "unit": "unit", "department": "unit", "school": "unit", "team": "unit",
    "themes": "themes", "theme": "themes", "interests": "themes",
    "format": "format", "meeting_format": "format",
    "availability": "availability", "available": "availability", "free": "availability",
    "language": "language", "languages": "language",
    "conflicts": "conflicts", "conflict": "conflicts", "not_with": "conflicts",
    "authority": "authority", "taught_or_managed_by": "authority",
    "reports_to": "reports_to", "line_manager": "reports_to", "manager": "reports_to",
    "prefer": "prefer", "preferences": "prefer", "preferred_partner": "prefer",
    "capacity": "capacity", "max_mentees": "capacity",
}
"""Header spellings we accept (after lower-casing, spaces and hyphens as '_')."""

REQUIRED = ("id", "role", "name", "email")
LABELS = {"id": "id", "role": "role", "name": "name", "email": "email",
          "first_name": "first name", "unit": "unit", "themes": "themes",
          "format": "format", "availability": "availability", "language": "language",
          "conflicts": "conflicts", "authority": "authority", "reports_to": "reports-to",
          "prefer": "preferences", "capacity": "capacity"}
EXAMPLE_HEADER = ("id,role,name,email,unit,themes,format,availability,language,"
                  "conflicts,authority,reports_to")
PEOPLE_COLUMNS = ("conflicts", "authority", "reports_to", "prefer")


@dataclass(frozen=True)
class Applicant:
    """One person who applied, with their answers read into comparable values."""

    key: str
    """The application id as written."""
    role: str
    """'mentor' or 'mentee'."""
    name: str
    email: str
    row: int
    first_name: str = ""
    unit: str = ""
    themes: frozenset[int] = frozenset()
    """Indexes into scheme.themes."""
    formats: frozenset[str] = frozenset(FORMATS)
    slots: int = 0
    """Weekly slots free, as a bit mask (answers.SLOTS bits); 0 when not given."""
    languages: tuple[str, ...] = ()
    """Codes of the languages they can meet in, as they listed them."""
    conflicts: frozenset[str] = frozenset()
    """Application ids (folded) they must never be paired with, either way."""
    authority: frozenset[str] = frozenset()
    """Ids (folded) of people who teach, assess, supervise or employ them."""
    reports_to: tuple[str, ...] = ()
    """Their line, upwards: ids (folded) of applicants, or folded names of others."""
    prefer: frozenset[str] = frozenset()
    """Ids (folded) of people they asked to be paired with."""
    capacity: int = 1
    extra: dict[str, str] = field(default_factory=dict, compare=False)
    """Columns schemebook does not read, kept as they were."""

    @cached_property
    def ident(self) -> str:
        """The id as compared: case and spaces folded."""
        return fold(self.key)


@dataclass(frozen=True)
class Applications:
    """Everyone who applied, and warnings that did not stop the reading."""

    path: str
    people: list[Applicant]
    warnings: list[Problem]

    def by_id(self) -> dict[str, Applicant]:
        return {a.ident: a for a in self.people}


def read_applications(path: Path, vocab: Vocabulary, capacity: int = 1) -> Applications:
    """Every applicant of the sheet, or an InputError listing every bad cell.

    ``capacity``: the scheme's mentees per mentor, the most a 'capacity' cell may say.
    """
    sheet = read_sheet(path, COLUMNS, REQUIRED, LABELS, "applications", EXAMPLE_HEADER,
                       keep_unknown=True)
    problems: list[Problem] = []
    warnings = _ignored_columns(sheet)
    if len(sheet.rows) > MAX_APPLICANTS:
        raise InputError([Problem(Location(sheet.path),
                                  f"there are over {MAX_APPLICANTS} applications")])
    if not sheet.rows:
        raise InputError([Problem(Location(sheet.path, sheet.header_line, 1),
                                  "there are no applications under the header")])
    index = _Index(sheet)
    problems.extend(index.problems)
    people = []
    for row in sheet.rows:
        person, row_problems = _read_row(sheet, row, vocab, capacity, index)
        problems.extend(row_problems)
        if person is not None:
            people.append(person)
    warnings.extend(index.warnings)
    if problems:
        raise InputError(problems)
    return Applications(sheet.path, people, warnings)


def _ignored_columns(sheet: Sheet) -> list[Problem]:
    """A warning for each ignored column whose name is close to one we read."""
    warnings = []
    for column, name in sheet.ignored:
        close = difflib.get_close_matches(name.strip().lower(), list(COLUMNS), n=1, cutoff=0.8)
        if close:
            warnings.append(Problem(Location(sheet.path, sheet.header_line, column + 1),
                                    f"column '{name.strip()}' is ignored",
                                    f"did you mean '{close[0]}'?", severity="warning"))
    return warnings


class _Index:
    """Who is who: application ids, emails and names, for the person columns."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.ids: dict[str, int] = {}
        self.names: dict[str, list[str]] = {}
        emails: dict[str, int] = {}
        for row in sheet.rows:
            ident, email = fold(sheet.cell(row, "id")), fold(sheet.cell(row, "email"))
            if ident in self.ids:
                self.problems.append(Problem(sheet.at(row, "id"), f"id '{sheet.cell(row, 'id')}'"
                                             f" is already used on row {self.ids[ident]}",
                                             "give every application its own id"))
            elif ident:
                self.ids[ident] = row.line
            if email in emails:
                self.problems.append(Problem(sheet.at(row, "email"),
                                             f"email '{sheet.cell(row, 'email')}' is already "
                                             f"used on row {emails[email]}",
                                             "one application per person: remove the other"))
            elif email:
                emails[email] = row.line
            for key in (email, fold(sheet.cell(row, "name"))):
                if key and ident:
                    self.names.setdefault(key, []).append(ident)

    def find(self, answer: str) -> tuple[str | None, str]:
        """The folded id ``answer`` names, or None and why not ('' when nobody)."""
        word = fold(answer)
        if word in self.ids:
            return word, ""
        found = sorted(set(self.names.get(word, [])))
        if len(found) > 1:
            return None, f"'{answer}' could be {' or '.join(found)}: use the application id"
        return (found[0], "") if found else (None, "")


def _read_row(sheet: Sheet, row: Row, vocab: Vocabulary, capacity: int, index: _Index,
              ) -> tuple[Applicant | None, list[Problem]]:
    cell: Callable[[str], str] = lambda key: sheet.cell(row, key)  # noqa: E731
    many: Callable[[str], str] = lambda key: sheet.raw(row, key)  # noqa: E731
    problems = sheet.row_problems(row, REQUIRED, LABELS,
                                  "an answer with a comma must be in quotes")

    def bad(key: str, message: str, hint: str = "") -> None:
        problems.append(Problem(sheet.at(row, key), message, hint))

    role = vocab.role(cell("role")) if cell("role") else None
    if cell("role") and role is None:
        bad("role", f"unknown role '{cell('role')}'",
            "write mentor or mentee, or the scheme's labels '"
            + "' or '".join(vocab.role_examples) + "'")
    problems += sheet.email_problems(row, ("email",))
    themes = _themes(many("themes"), vocab, partial(bad, "themes"))
    formats = _formats(many("format"), vocab, partial(bad, "format"))
    slots = _slots(many("availability"), vocab, partial(bad, "availability"))
    folks = {key: _people(many(key), index, key, fold(cell("id")), partial(bad, key), row)
             for key in PEOPLE_COLUMNS}
    room = _capacity(cell("capacity"), role, capacity, partial(bad, "capacity"))
    if problems or role is None:
        return None, problems
    languages = tuple(dict.fromkeys(vocab.language(a) for a in answers(many("language"))))
    extra = {str(i): c for i, c in enumerate(row.cells) if i not in sheet.columns.values()}
    return Applicant(cell("id"), role, cell("name"), cell("email"), row.line,
                     cell("first_name"), cell("unit"), themes, formats, slots,
                     languages or (vocab.main_language,), frozenset(folks["conflicts"]),
                     frozenset(folks["authority"]), tuple(folks["reports_to"]),
                     frozenset(folks["prefer"]), room, extra), []


Complaint = Callable[[str, str], None]


def _themes(text: str, vocab: Vocabulary, complain: Complaint) -> frozenset[int]:
    if not text:
        return frozenset()
    whole = vocab.theme(text)  # a title with a comma in it, written alone
    if whole is not None:
        return frozenset({whole})
    found = set()
    for answer in answers(text):
        number = vocab.theme(answer)
        if number is None:
            close = difflib.get_close_matches(answer, vocab.theme_titles, n=1, cutoff=0.5)
            complain(f"'{answer}' is not a theme of the scheme",
                     f"did you mean '{close[0]}'?" if close else
                     "use a theme's title or number: " + "; ".join(
                         f"{i}. {t}" for i, t in enumerate(vocab.theme_titles, 1)))
        else:
            found.add(number)
    return frozenset(found)


def _formats(text: str, vocab: Vocabulary, complain: Complaint) -> frozenset[str]:
    if not text:
        return frozenset(FORMATS)
    allowed: set[str] = set()
    for answer in answers(text):
        found = vocab.fmt(answer)
        if found is None:
            complain(f"'{answer}' is not a meeting format", "write online, in person or either")
        else:
            allowed |= found
    return frozenset(allowed or FORMATS)


def _slots(text: str, vocab: Vocabulary, complain: Complaint) -> int:
    mask = 0
    for answer in answers(text):
        found = vocab.slots(answer)
        if found is None:
            complain(f"'{answer}' is not a day and part of the day",
                     "write slots such as 'Monday morning; Thursday evening', or 'any'")
        else:
            mask |= found
    return mask & ALL_SLOTS


def _people(text: str, index: _Index, key: str, own: str, complain: Complaint,
            row: Row) -> list[str]:
    found = []
    for answer in answers(text):
        ident, why = index.find(answer)
        if ident == own:
            complain(f"'{answer}' is this application's own person", "leave yourself out")
        elif ident is not None:
            found.append(ident)
        elif why:
            complain(why, "ids are unique; names and emails may not be")
        elif key == "reports_to":
            found.append(fold(answer))  # a manager who did not apply: the chain ends there
        elif key == "prefer":
            index.warnings.append(Problem(index.sheet.at(row, key), f"'{answer}' did not "
                                          "apply, so the preference is ignored",
                                          severity="warning"))
        else:
            complain(f"'{answer}' names nobody who applied",
                     "use their application id, email or name as on their application; "
                     "leave out people who did not apply")
    return found


def _capacity(text: str, role: str | None, most: int, complain: Complaint) -> int:
    if not text:
        return most if role == "mentor" else 1
    if not text.isdigit() or not 1 <= int(text) <= (most if role == "mentor" else 1):
        complain(f"capacity '{text}' is not allowed here",
                 f"a mentor takes 1 to {most} mentees (pairing.mentees_per_mentor); "
                 "a mentee has one mentor" if most > 1 else
                 "the scheme gives every mentor one mentee: leave it empty or set "
                 "pairing.mentees_per_mentor: 2")
        return 1
    return int(text)
