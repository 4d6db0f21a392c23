"""Survey exports in: one Response per person and wave, every problem located.

Exports come as CSV (Microsoft Forms, JISC Online Surveys, Qualtrics, which
puts three header rows before the answers) or as .xlsx. Columns are matched
to the scheme's items through :mod:`.key`; a column schemebook cannot place
is an error naming the closest item, so an answer is never silently lost.
The participant code pairs a person's waves and never leaves this module's
data: no output shows it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError, Location, Problem
from ..people.sheet import Row, csv_rows, xlsx_rows
from .key import ROLE_COLUMNS, STAGES, WAVE_COLUMNS, Key, normalise

METADATA = {normalise(name) for name in (
    # Microsoft Forms
    "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
    "Total points", "Quiz feedback",
    # JISC Online Surveys
    "Response ID", "Timestamp", "Started", "Completed", "Reference", "Submission date",
    # Qualtrics
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
    "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
    "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
    "DistributionChannel", "UserLanguage",
)}
"""Columns survey tools add besides the answers: read past, never shown (some hold
names or emails)."""


@dataclass
class Response:
    """One person's answers to one wave."""

    wave: str
    role: str
    """'mentors' or 'mentees'."""
    code: str
    points: dict[str, int] = field(default_factory=dict)
    """Item id -> the point chosen, 1 for the lowest label."""
    texts: dict[str, str] = field(default_factory=dict)
    where: Location = field(default_factory=lambda: Location(""))


@dataclass(frozen=True)
class _Columns:
    code: int
    wave: int | None
    role: int | None
    items: dict[int, str]


def _rows(path: Path) -> list[Row]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return xlsx_rows(path, "survey export")
    return csv_rows(path, "survey export", "code,ITEM_ID,...")


def _headers(rows: list[Row]) -> tuple[list[str], list[str], list[Row]]:
    """Header names, header texts and the answer rows: Qualtrics writes its names,
    then the question texts, then a row of import ids before the answers."""
    if len(rows) >= 3 and any(c.startswith('{"ImportId"') for c in rows[2].cells):
        return rows[0].cells, rows[1].cells, rows[3:]
    return rows[0].cells, rows[0].cells, rows[1:]


def _column(key: Key, name: str, text: str) -> tuple[str, str] | str:
    """('item', id), ('code'|'wave'|'role'|'skip', '') for a header, or why not."""
    plain, words = normalise(name), normalise(text)
    if plain in key.codes or words in key.codes:
        return "code", ""
    if plain in WAVE_COLUMNS:
        return "wave", ""
    if plain in ROLE_COLUMNS:
        return "role", ""
    if plain in METADATA or not plain:
        return "skip", ""
    for stage in STAGES:  # form field names: post_belong, post_belong-then
        plain = plain.removeprefix(f"{stage}_")
    if plain in key.items:
        return "item", plain
    found = key.texts.get(words) or {i for t, ids in key.texts.items() if t and t in words
                                     for i in ids}
    if len(found) == 1:
        return "item", next(iter(found))
    if found:
        return f"'{text.strip()}' could be any of {', '.join(sorted(found))}"
    close = difflib.get_close_matches(words, key.closest_text(), n=1, cutoff=0.4)
    ident = sorted(key.texts[close[0]])[0] if close else ""
    return (f"no item of the scheme asks '{text.strip()}'"
            + (f" (closest: {ident}, '{close[0]}')" if close else ""))


def _columns(key: Key, path: Path, line: int, names: list[str], texts: list[str],
             problems: list[Problem]) -> _Columns | None:
    found: dict[str, int] = {}
    items: dict[int, str] = {}
    for i, (name, text) in enumerate(zip(names, texts + [""] * len(names), strict=False)):
        kind = _column(key, name, text)
        where = Location(str(path), line, i + 1)
        if isinstance(kind, str):
            problems.append(Problem(where, kind, "rename the column to an item id from "
                                    "surveys.csv, or to the question's text"))
        elif kind[0] == "item":
            if kind[1] in items.values():
                problems.append(Problem(where, f"item {kind[1]} has two columns"))
            items[i] = kind[1]
        elif kind[0] != "skip":
            found.setdefault(kind[0], i)
    if "code" not in found:
        problems.append(Problem(Location(str(path), line, 1),
                                "no participant code column",
                                "add a column 'code' with each person's participant number"))
        return None
    return _Columns(found["code"], found.get("wave"), found.get("role"), items)


def _cell(row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return " ".join(row.cells[index].split())


@dataclass
class _Reading:
    """One file being read: where problems go and which wave it is, if the file says."""

    key: Key
    path: Path
    wave: str | None
    problems: list[Problem]

    def at(self, row: Row, index: int) -> Location:
        return Location(str(self.path), row.line, index + 1)

    def answer(self, response: Response, row: Row, index: int, ident: str) -> None:
        value = _cell(row, index)
        if not value:
            return  # missing: counted, never filled in
        item = self.key.items[ident]
        if item.written:
            response.texts[ident] = value
            return
        scale = item.item.scale
        point = self.key.labels[scale.id].get(normalise(value))
        if point is None and value.isdigit() and 1 <= int(value) <= self.key.points[scale.id]:
            point = int(value)
        if point is None:
            self.problems.append(Problem(
                self.at(row, index), f"'{value}' is not a point of the {scale.id} scale",
                "use one of: " + ", ".join(scale.labels)
                + f", or a number from 1 to {len(scale.labels)}"))
            return
        response.points[ident] = point

    def role(self, row: Row, columns: _Columns, response: Response) -> str:
        given = _cell(row, columns.role)
        if given:
            role = self.key.roles.get(normalise(given))
            if role is None:
                self.problems.append(Problem(self.at(row, columns.role or 0),
                                             f"'{given}' is not one of the scheme's roles"))
            return role or ""
        audiences = {self.key.items[i].item.audience for i in [*response.points, *response.texts]}
        audiences.discard("both")
        if len(audiences) == 1:
            return next(iter(audiences))
        self.problems.append(Problem(self.at(row, columns.code),
                                     "cannot tell whether a mentor or a mentee answered",
                                     "add a 'role' column"))
        return ""


def _row(reading: _Reading, row: Row, columns: _Columns) -> Response | None:
    code = normalise(_cell(row, columns.code))
    wave_text = _cell(row, columns.wave)
    wave = reading.key.waves.get(normalise(wave_text)) if wave_text else reading.wave
    if not code:
        reading.problems.append(Problem(reading.at(row, columns.code),
                                        "the participant code is missing"))
    if wave is None:
        reading.problems.append(Problem(
            reading.at(row, columns.wave or 0),
            f"'{wave_text}' is not a survey of the scheme" if wave_text else
            "which survey is this? The file has no wave column",
            "name the file after the wave (pre, post, follow-up), give it as WAVE=FILE, "
            "or add a 'wave' column"))
    response = Response(wave or "", "", code, where=reading.at(row, columns.code))
    for index, ident in columns.items.items():
        reading.answer(response, row, index, ident)
    response.role = reading.role(row, columns, response)
    return response if code and wave and response.role else None


def wave_of(path: Path, given: str | None, key: Key) -> str | None:
    """The wave a whole file holds: given (WAVE=FILE), or named in the file's name."""
    if given is not None:
        return key.waves.get(normalise(given))
    name = normalise(path.stem).replace("_", "-")
    named = [s for s in STAGES if s in name.split("-") or (s == "follow-up" and s in name)]
    named = [s for s in named if not (s == "post" and "follow-up" in named)]
    return named[0] if len(named) == 1 else None


def read_file(path: Path, key: Key, given_wave: str | None,
              problems: list[Problem]) -> list[Response]:
    """Every response in one export; problems join ``problems``."""
    try:
        rows = _rows(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return []
    names, texts, body = _headers(rows)
    columns = _columns(key, path, rows[0].line, names, texts, problems)
    if columns is None:
        return []
    if given_wave is not None and wave_of(path, given_wave, key) is None:
        problems.append(Problem(Location(str(path)), f"'{given_wave}' is not a survey of the "
                                "scheme", "use pre, post or follow-up"))
    reading = _Reading(key, path, wave_of(path, given_wave, key), problems)
    return [r for row in body if (r := _row(reading, row, columns)) is not None]


def read_responses(files: Sequence[tuple[Path, str | None]], key: Key) -> list[Response]:
    """Every response of every file (path, wave if given), or an InputError with every
    problem: bad cells, a code twice in one wave, a wave whose codes match no other."""
    problems: list[Problem] = []
    found = [r for path, wave in files for r in read_file(path, key, wave, problems)]
    seen: dict[tuple[str, str], Location] = {}
    for response in found:
        first = seen.setdefault((response.wave, response.code), response.where)
        if first != response.where:
            problems.append(Problem(response.where, f"this participant code is already used "
                                    f"in the {response.wave} survey (line {first.line} of "
                                    f"{first.path})", "each person answers a survey once"))
    problems += _unmatched_waves(found)
    if not found and not problems:
        problems.append(Problem(Location(str(files[0][0]) if files else "."),
                                "no answers were found", "export the survey's responses"))
    if problems:
        raise InputError(problems)
    return found


def _unmatched_waves(found: list[Response]) -> list[Problem]:
    """A wave none of whose codes appears in another wave cannot be paired at all."""
    codes: dict[str, set[str]] = {}
    first: dict[str, Location] = {}
    for response in found:
        codes.setdefault(response.wave, set()).add(response.code)
        first.setdefault(response.wave, response.where)
    if len(codes) < 2:
        return []
    problems = []
    for wave, own in codes.items():
        others = set().union(*(c for w, c in codes.items() if w != wave))
        if not own & others:
            problems.append(Problem(first[wave], f"no participant code of the {wave} survey "
                                    "appears in any other survey, so no answer can be paired",
                                    "check that the same codes were used in every survey"))
    return problems
