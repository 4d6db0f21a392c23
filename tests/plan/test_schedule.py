"""schemebook.plan.schedule: meeting dates, month ends, leap days, skipped weeks, words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import pack_jobs
from schemebook.commands.build import build
from schemebook.core.i18n import Translator
from schemebook.core.options import Options
from schemebook.plan.load import load_scheme
from schemebook.plan.schedule import add_months, meeting_dates, parse_relative, relative_words
from schemebook.scheme.models import Meetings

D = dt.date


def test_fortnightly_with_a_skipped_week() -> None:
    meetings = Meetings(count=4, interval="fortnightly", start=D(2026, 10, 12),
                        skip=[{"start": D(2026, 10, 26), "end": D(2026, 10, 30),
                               "reason": "Reading week"}])
    dates = meeting_dates(meetings)
    assert [d for d, _ in dates] == [D(2026, 10, 12), D(2026, 10, 31), D(2026, 11, 14),
                                     D(2026, 11, 28)]
    moved = dates[1][1]
    assert moved is not None and moved.reason == "Reading week"


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


@pytest.mark.parametrize(("text", "words"), [
    ("first meeting - 8 weeks", "8 weeks before the first meeting"),
    ("last meeting + 6 months", "6 months after the last meeting"),
    ("last meeting + 1 month", "1 month after the last meeting"),
    ("start - 1 day", "1 day before the first meeting"),
    ("end", "the last meeting"),
    ("first meeting + 0 weeks", "the first meeting"),
    ("soon", "soon"),
])
def test_relative_dates_in_words(text: str, words: str) -> None:
    assert relative_words(text, Translator()) == words


def test_an_undated_phase_reads_the_same_on_the_site_and_in_the_pack(
        make_project: Callable[..., Path]) -> None:
    """Both say '8 weeks before the first meeting', never 'first meeting - 8 weeks'."""
    scheme = make_project(timeline=[{"title": "Recruit mentors", "kind": "recruitment",
                                     "start": "first meeting - 8 weeks",
                                     "end": "first meeting - 4 weeks"}])
    build(scheme, options=Options(packs=False))
    page = (scheme.parent / "site" / "coordinator" / "planning.html").read_text("utf-8")
    coordinator = next(j for j in pack_jobs(load_scheme(scheme)) if j.key == "coordinator")
    for html in (page, coordinator.html):
        assert "8 weeks before the first meeting" in html
        assert "4 weeks before the first meeting" in html
        assert "first meeting - 4 weeks" not in html  # ("- 8 weeks" is the syntax example)
