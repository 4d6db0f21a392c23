"""Clock times and dates that may be written relative to the meeting plan.

Shared by the timeline, training, surveys and messages so that every date
in scheme.yml is written, checked and worked out the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")

CLOCK_HINT = "write the time as hours:minutes in quotes, e.g. '18:30'"


def _clock(value: Any) -> Any:
    """Accept '18:30', '9.30' and YAML 1.1's reading of an unquoted 18:30.

    PyYAML reads ``18:30`` without quotes as the base-60 number 1110, so a
    whole number from 60 up is turned back into hours and minutes; smaller
    numbers are refused rather than guessed at.
    """
    if isinstance(value, bool):
        raise ValueError(CLOCK_HINT)
    if isinstance(value, int):
        if 60 <= value < 24 * 60:
            return dt.time(value // 60, value % 60)
        raise ValueError(CLOCK_HINT)
    if isinstance(value, str):
        match = _CLOCK.match(value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(CLOCK_HINT)
        return dt.time(int(match[1]), int(match[2]))
    return value


ClockTime = Annotated[
    dt.time,
    BeforeValidator(_clock),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}[:.]\d{2}$",
                    "examples": ["18:30"]}),
]
"""A time of day on the scheme's clock, written '18:30'."""

_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _iso_date(value: Any) -> Any:
    """A date written in quotes ('2026-10-12') is still a date, not relative text."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("expected a real date written as YYYY-MM-DD") from None
    return value


DateOrRelative = Annotated[
    dt.date | str,
    BeforeValidator(_iso_date),
    Field(json_schema_extra={"examples": ["2026-10-12", "last meeting + 6 months"]}),
]
"""A date (2026-10-12) or a date relative to the meetings ('first meeting - 3 weeks')."""

SurveyStage = Literal["pre", "post", "follow-up"]
"""When a survey is filled in: before the meetings, after them, or months later."""

Audience = Literal["mentors", "mentees", "both"]
"""Who something is for."""


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"'{value}' is not a time zone schemebook knows: write a name such as "
            "Europe/London or America/New_York"
        ) from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_known_zone),
                         Field(json_schema_extra={"examples": ["Europe/London"]})]
"""An IANA time zone name such as Europe/London."""


CadenceUnit = Literal["day", "week", "month"]

NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")
"""English numbers a coordinator may write in an interval ('every three weeks')."""

_CADENCE = re.compile(
    r"^\s*(?:every\s+)?(?:(?P<n>\d+|other|" + "|".join(NUMBER_WORDS) + r")\s+)?"
    r"(?P<unit>day|week|fortnight|month)s?\s*$", re.IGNORECASE)

_CADENCE_NAMES: dict[str, tuple[int, CadenceUnit]] = {
    "daily": (1, "day"), "weekly": (1, "week"), "fortnightly": (2, "week"),
    "monthly": (1, "month"),
}

INTERVAL_HINT = ("write e.g. 'every 3 weeks', 'every 10 days', 'every 2 months', weekly, "
                 "fortnightly, monthly, or a number of days")


@dataclass(frozen=True)
class Cadence:
    """How far apart meetings are: ``n`` days, weeks or months."""

    n: int
    unit: CadenceUnit

    @property
    def days(self) -> int | None:
        """The gap in days; None for months, whose length varies."""
        return None if self.unit == "month" else self.n * (7 if self.unit == "week" else 1)


def parse_cadence(value: str | int) -> Cadence | None:
    """'every 3 weeks', 'fortnightly', 21 (days) -> a Cadence; None if unreadable.

    A number of days that is whole weeks is read as weeks, so the old
    ``interval: 21`` is shown as 'every three weeks', as people say it.
    """
    if isinstance(value, int):
        return Cadence(value // 7, "week") if value % 7 == 0 else Cadence(value, "day")
    text = value.strip().lower()
    if text in _CADENCE_NAMES:
        return Cadence(*_CADENCE_NAMES[text])
    match = _CADENCE.match(text)
    if not match:
        return None
    word = (match["n"] or "1").lower()
    n = 2 if word == "other" else int(word) if word.isdigit() else NUMBER_WORDS.index(word) + 1
    unit = match["unit"].lower()
    if unit == "fortnight":
        return Cadence(2 * n, "week")
    return Cadence(n, unit)  # type: ignore[arg-type]


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"not an interval: {INTERVAL_HINT}")
    return value


def _check_interval(value: str | int) -> str | int:
    if isinstance(value, int) and not 1 <= value <= 366:
        raise ValueError("a number of days between meetings must be from 1 to 366")
    cadence = parse_cadence(value)
    if cadence is None or cadence.n < 1:
        raise ValueError(f"'{value}' is not an interval schemebook can read: {INTERVAL_HINT}")
    if cadence.n > {"day": 366, "week": 52, "month": 12}[cadence.unit]:
        raise ValueError(f"'{value}' is more than a year between meetings")
    return value


Interval = Annotated[
    int | str,
    BeforeValidator(_not_bool),
    AfterValidator(_check_interval),
    WithJsonSchema({"anyOf": [
        {"type": "string", "examples": ["every 3 weeks", "fortnightly", "monthly"]},
        {"type": "integer", "minimum": 1, "maximum": 366}]}),
]
"""The gap between meetings as coordinators say it: 'every 3 weeks', 'every 10 days',
'every 2 months', weekly, fortnightly, monthly, or a number of days."""
