"""schedule.py: meeting dates, month ends, leap days, skipped weeks."""

from __future__ import annotations

import datetime as dt

from generator.models import Meetings
from generator.schedule import add_months, meeting_dates, parse_relative

D = dt.date


def test_fortnightly_with_a_skipped_week() -> None:
    meetings = Meetings(count=4, interval="fortnightly", start=D(2026, 10, 12),
                        skip=[{"start": D(2026, 10, 26), "end": D(2026, 10, 30),
                               "reason": "Reading week"}])
    dates = meeting_dates(meetings)
    assert [d for d, _ in dates] == [D(2026, 10, 12), D(2026, 10, 31), D(2026, 11, 14),
                                     D(2026, 11, 28)]
    assert dates[1][1] == "Reading week"


def test_monthly_clamps_to_month_end_and_leap_day() -> None:
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    meetings = Meetings(count=3, interval="monthly", start=D(2027, 1, 31))
    assert [d for d, _ in meeting_dates(meetings)] == [D(2027, 1, 31), D(2027, 2, 28),
                                                       D(2027, 3, 31)]


def test_every_n_days() -> None:
    meetings = Meetings(count=3, interval=10, start=D(2026, 12, 25))
    assert [d for d, _ in meeting_dates(meetings)] == [D(2026, 12, 25), D(2027, 1, 4),
                                                       D(2027, 1, 14)]


def test_relative_dates_parse() -> None:
    assert parse_relative("last meeting + 6 months") == ("last meeting", 6, "month")
    assert parse_relative("First meeting - 8 weeks") == ("first meeting", -8, "week")
    assert parse_relative("end") == ("last meeting", 0, "day")
    assert parse_relative("six months later") is None
