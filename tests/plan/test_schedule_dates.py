"""Date arithmetic edge cases: month ends, leap days, skipped weeks, clocks changing.

The plan, the timeline, the survey windows and the calendars all take their
dates from schedule.py; these tests pin its behaviour at the awkward edges,
and check that impossible plans and stray skip dates are reported where
they are written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from schemebook.core.errors import ValidationError
from schemebook.plan.load import load_scheme
from schemebook.plan.schedule import (
    meeting_dates,
    meeting_plan,
    resolve_date,
    survey_windows,
    time_budget,
    wall_time_exists,
    zoned,
)
from schemebook.scheme.models import Meetings, Scheme

D = dt.date
MINIMAL = {
    "name": "Tiny Scheme", "organisation": "Example College",
    "contact": {"name": "Ada Example", "email": "ada@college.example"},
    "focus": {"aims": ["Help senior staff understand barriers students meet"]},
}


def scheme(**extra: object) -> Scheme:
    return Scheme.model_validate({**MINIMAL, **extra})


def dates(**meetings: object) -> list[dt.date]:
    return [d for d, _ in meeting_dates(Meetings.model_validate(meetings))]


def test_monthly_from_the_31st_clamps_each_month_separately() -> None:
    # Each date is counted from the start, so a short month does not drag later ones.
    assert dates(count=5, interval="monthly", start=D(2026, 10, 31)) == [
        D(2026, 10, 31), D(2026, 11, 30), D(2026, 12, 31), D(2027, 1, 31), D(2027, 2, 28)]


def test_monthly_across_a_leap_february() -> None:
    assert dates(count=3, interval="monthly", start=D(2028, 1, 30)) == [
        D(2028, 1, 30), D(2028, 2, 29), D(2028, 3, 30)]
    assert dates(count=2, interval="monthly", start=D(2027, 1, 29)) == [
        D(2027, 1, 29), D(2027, 2, 28)]


def test_weekly_over_the_leap_day_and_the_year_end() -> None:
    assert dates(count=3, interval="weekly", start=D(2028, 2, 22)) == [
        D(2028, 2, 22), D(2028, 2, 29), D(2028, 3, 7)]
    assert dates(count=3, interval="fortnightly", start=D(2026, 12, 21)) == [
        D(2026, 12, 21), D(2027, 1, 4), D(2027, 1, 18)]


def test_every_n_days_must_be_at_least_one() -> None:
    assert dates(count=3, interval=1, start=D(2026, 3, 1)) == [
        D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3)]
    with pytest.raises(ValueError, match="must be from 1 to 366"):
        Meetings.model_validate({"interval": 0})


def test_a_skipped_week_moves_that_meeting_and_the_ones_after() -> None:
    plan = meeting_dates(Meetings.model_validate({
        "count": 4, "interval": "weekly", "start": D(2026, 10, 5),
        "skip": [{"start": D(2026, 10, 19), "end": D(2026, 10, 25), "reason": "Reading week"}],
    }))
    assert [(day, skip.reason if skip else "") for day, skip in plan] == [
        (D(2026, 10, 5), ""), (D(2026, 10, 12), ""),
        (D(2026, 10, 26), "Reading week"), (D(2026, 11, 2), "")]


def test_back_to_back_skips_are_all_jumped() -> None:
    plan = meeting_dates(Meetings.model_validate({
        "count": 2, "interval": "weekly", "start": D(2026, 12, 14),
        "skip": [{"start": D(2026, 12, 21), "end": D(2026, 12, 27), "reason": "Christmas"},
                 {"start": D(2026, 12, 28), "end": D(2027, 1, 3), "reason": "New Year"}],
    }))
    assert [(day, skip.reason if skip else "") for day, skip in plan] == [
        (D(2026, 12, 14), ""), (D(2027, 1, 4), "New Year")]


def test_without_a_start_the_plan_counts_weeks() -> None:
    plan = meeting_plan(scheme(meetings={"count": 3, "interval": "monthly"}))
    assert [(m.date, m.week) for m in plan] == [(None, 1), (None, 5), (None, 9)]
    assert resolve_date("last meeting + 6 months", plan) is None


def test_relative_dates_count_from_the_plan() -> None:
    plan = meeting_plan(scheme(meetings={"count": 4, "interval": "fortnightly",
                                          "start": D(2026, 8, 31)}))
    assert resolve_date("first meeting - 2 weeks", plan) == D(2026, 8, 17)
    assert resolve_date("last meeting + 6 months", plan) == D(2027, 4, 12)
    assert resolve_date("last meeting + 1 day", plan) == D(2026, 10, 13)
    assert resolve_date(D(2026, 1, 1), plan) == D(2026, 1, 1)


def test_six_months_after_the_31st_of_august_is_the_end_of_february() -> None:
    plan = meeting_plan(scheme(meetings={"count": 1, "start": D(2027, 8, 31)}))
    assert resolve_date("last meeting + 6 months", plan) == D(2028, 2, 29)


def test_survey_windows_default_and_explicit() -> None:
    s = scheme(meetings={"count": 4, "interval": "fortnightly", "start": D(2026, 10, 12)},
               evaluation={"follow_up_months": 6,
                           "surveys": {"post": {"opens": D(2026, 12, 7), "open_days": 10}}})
    windows = {w.stage: w for w in survey_windows(s, meeting_plan(s))}
    assert (windows["pre"].opens, windows["pre"].closes) == (D(2026, 9, 28), D(2026, 10, 11))
    assert (windows["post"].opens, windows["post"].closes) == (D(2026, 12, 7), D(2026, 12, 16))
    assert windows["follow-up"].opens == D(2027, 5, 23)
    assert windows["follow-up"].opens_text == "last meeting + 6 months"


def test_no_follow_up_survey_when_the_scheme_has_none() -> None:
    s = scheme(evaluation={"follow_up_months": 0, "surveys": {"pre": {"use": False}}})
    assert [w.stage for w in survey_windows(s, meeting_plan(s))] == ["post"]
    surveys = next(i for i in time_budget(s, "mentors").items if i.label == "surveys")
    assert surveys.minutes_high == 10


def test_wall_clock_times_follow_daylight_saving() -> None:
    before = zoned(D(2026, 10, 24), dt.time(18), "Europe/London")
    after = zoned(D(2026, 10, 26), dt.time(18), "Europe/London")
    assert before.astimezone(dt.UTC).hour == 17  # BST, UTC+1
    assert after.astimezone(dt.UTC).hour == 18  # GMT
    new_york = zoned(D(2027, 3, 15), dt.time(9, 30), "America/New_York")
    assert new_york.utcoffset() == dt.timedelta(hours=-4)
    assert not wall_time_exists(D(2027, 3, 28), dt.time(1, 30), "Europe/London")
    assert wall_time_exists(D(2027, 3, 28), dt.time(2, 30), "Europe/London")
    assert wall_time_exists(D(2027, 10, 31), dt.time(1, 30), "Europe/London")  # happens twice


def test_times_written_without_quotes_still_mean_hours_and_minutes(
        make_project: Callable[..., Path]) -> None:
    path = make_project(text=(
        "name: T\norganisation: O\ncontact: {name: A}\nfocus: {aims: [x]}\n"
        "training:\n  sessions:\n    - title: Launch\n      minutes: 60\n"
        "      date: 2026-10-01\n      time: 17:30\n"
        "    - title: Breakfast\n      minutes: 60\n      date: 2026-10-02\n"
        "      time: '08:15'\n"))
    sessions = load_scheme(path).scheme.training.sessions
    assert [s.time for s in sessions] == [dt.time(17, 30), dt.time(8, 15)]


@pytest.mark.parametrize("value", ["25:00", "noon", "7"])
def test_a_time_that_is_not_a_time_is_located(make_project: Callable[..., Path],
                                              value: str) -> None:
    path = make_project(text=(
        "name: T\norganisation: O\ncontact: {name: A}\nfocus: {aims: [x]}\n"
        "training:\n  sessions:\n    - title: Launch\n      minutes: 60\n"
        f"      time: {value}\n"))
    with pytest.raises(ValidationError) as caught:
        load_scheme(path)
    assert ":9:13: error: training.sessions[1].time: write the time as hours:minutes" in str(
        caught.value)


def test_impossible_plan_is_an_error_at_the_count(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"count": 12, "interval": "weekly",
                                  "start": "2026-10-05", "end": "2026-11-06"})
    with pytest.raises(ValidationError) as caught:
        load_scheme(path)
    message = str(caught.value)
    assert "meetings at this interval run to 2026-12-21" in message
    assert f"{path}:" in message


def test_end_before_start_is_an_error(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"start": "2026-10-05", "end": "2026-09-01"})
    with pytest.raises(ValidationError, match="ends before it starts"):
        load_scheme(path)


def test_skip_dates_outside_the_period_are_warnings(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={
        "count": 4, "interval": "fortnightly", "start": "2026-10-12", "end": "2026-12-18",
        "skip": [{"start": "2025-11-09", "reason": "last year's reading week"},
                 {"start": "2026-12-14", "end": "2026-12-15", "reason": "inside the end"}]})
    loaded = load_scheme(path)
    skips = [w for w in loaded.warnings if "skipped date" in w.message]
    assert [w.message.split(" is ")[0] for w in skips] == ["skipped date 2025-11-09"]
    assert "(2026-10-12 to 2026-12-18)" in skips[0].message
    assert skips[0].location.line > 1


def test_skip_dates_without_a_start_are_a_warning(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"skip": [{"start": "2026-11-09"}]})
    warnings = [str(w) for w in load_scheme(path).warnings]
    assert any("meetings.skip is set but meetings.start is not" in w for w in warnings)


def test_a_time_lost_to_the_clocks_going_forward_is_a_warning(
        make_project: Callable[..., Path]) -> None:
    path = make_project(training={"sessions": [
        {"title": "Night owl", "minutes": 60, "date": "2027-03-28", "time": "01:30"}]})
    warnings = [str(w) for w in load_scheme(path).warnings]
    assert any("01:30 on 2027-03-28 does not exist in Europe/London" in w for w in warnings)


def test_bad_relative_survey_date_is_located(make_project: Callable[..., Path]) -> None:
    path = make_project(evaluation={"surveys": {"post": {"opens": "after the party"}}})
    with pytest.raises(ValidationError) as caught:
        load_scheme(path)
    assert "evaluation.surveys.post.opens: 'after the party' is not a date" in str(caught.value)


def test_unknown_time_zone_is_an_error(make_project: Callable[..., Path]) -> None:
    path = make_project(timezone="Europe/Cardiff")
    with pytest.raises(ValidationError, match="not a time zone schemebook knows"):
        load_scheme(path)


def test_a_date_in_quotes_is_still_a_date(make_project: Callable[..., Path]) -> None:
    path = make_project(text=(
        "name: T\norganisation: O\ncontact: {name: A}\nfocus: {aims: [x]}\n"
        "timeline:\n  - title: Launch\n    start: '2026-09-01'\n    end: \"2026-09-30\"\n"))
    phase = load_scheme(path).scheme.timeline[0]
    assert (phase.start, phase.end) == (D(2026, 9, 1), D(2026, 9, 30))


def test_an_impossible_date_in_quotes_is_located(make_project: Callable[..., Path]) -> None:
    path = make_project(text=(
        "name: T\norganisation: O\ncontact: {name: A}\nfocus: {aims: [x]}\n"
        "timeline:\n  - title: Launch\n    start: '2026-02-30'\n"))
    with pytest.raises(ValidationError) as caught:
        load_scheme(path)
    assert ":7:12: error: timeline[1].start: expected a real date written as YYYY-MM-DD" in str(
        caught.value)


@pytest.mark.parametrize(("key", "value"), [
    ("meetings", {"start": "9999-12-01", "interval": "monthly"}),
    ("meetings", {"start": "0206-10-12"}),
    ("training", {"sessions": [{"title": "Launch", "minutes": 60, "date": "9999-12-31"}]}),
])
def test_a_year_out_of_range_is_located_not_a_crash(make_project: Callable[..., Path],
                                                    key: str, value: object) -> None:
    with pytest.raises(ValidationError, match="is not in a year between 1900 and 2199"):
        load_scheme(make_project(**{key: value}))


def test_a_relative_date_decades_away_is_located(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"start": "2026-10-12"},
                        timeline=[{"title": "Far", "start": "last meeting + 99999999 months"}])
    with pytest.raises(ValidationError, match="more than ten years from the meetings"):
        load_scheme(path)
