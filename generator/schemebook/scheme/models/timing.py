"""Clock times and dates that may be written relative to the meeting plan.

Shared by the timeline, training, surveys and messages so that every date
in scheme.yml is written, checked and worked out the same way.
"""

from __future__ import annotations

import datetime as dt
import re
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
