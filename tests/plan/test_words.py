"""Meetings as coordinators say them: fixed lengths, weeks, pauses, in each language.

``minutes: 45`` and ``interval: every 3 weeks`` are read as written, the old
spellings keep working, and plan/words.py says the figures back in words
("every three weeks", "45 minutes", "11.8 hours"), never "45 to 45".
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError
from schemebook.core.i18n import Translator
from schemebook.plan.events import scheme_events
from schemebook.plan.schedule import meeting_plan, pauses, plan_rows, time_budget, timeline
from schemebook.plan.words import cadence_words, hours_figure, hours_words, length_words
from schemebook.scheme.models import Meetings, Scheme
from schemebook.scheme.models.timing import Cadence, parse_cadence

D = dt.date
EN, CY = Translator.for_language("en"), Translator.for_language("cy")
MINIMAL = {
    "name": "Tiny Scheme", "organisation": "Example College",
    "contact": {"name": "Ada Example", "email": "ada@college.example"},
    "focus": {"aims": ["Help senior staff understand barriers students meet"]},
}


@pytest.mark.parametrize(("written", "cadence"), [
    ("every 3 weeks", Cadence(3, "week")), ("every three weeks", Cadence(3, "week")),
    ("3 weeks", Cadence(3, "week")), ("Every week", Cadence(1, "week")),
    ("every other week", Cadence(2, "week")), ("every fortnight", Cadence(2, "week")),
    ("every 10 days", Cadence(10, "day")), ("every 2 months", Cadence(2, "month")),
    ("weekly", Cadence(1, "week")), ("fortnightly", Cadence(2, "week")),
    ("monthly", Cadence(1, "month")), (21, Cadence(3, "week")), (10, Cadence(10, "day")),
])
def test_intervals_are_read_as_people_write_them(written: str | int, cadence: Cadence) -> None:
    assert parse_cadence(written) == cadence
    assert Meetings(interval=written).cadence == cadence


@pytest.mark.parametrize("wrong", ["yearly", "every 0 weeks", "every 60 weeks", 0, 400, True])
def test_an_interval_that_cannot_be_read_is_refused(wrong: object) -> None:
    with pytest.raises(ValidationError, match="interval"):
        Meetings.model_validate({"interval": wrong})


@pytest.mark.parametrize(("interval", "english", "welsh"), [
    ("every 3 weeks", "every three weeks", "bob tair wythnos"),
    (35, "every five weeks", "bob pum wythnos"),
    ("fortnightly", "every two weeks", "bob pythefnos"),
    ("every 2 months", "every two months", "bob deufis"),
    ("every 10 days", "every 10 days", "bob 10 diwrnod"),
    ("every 20 weeks", "every 20 weeks", "bob 20 wythnos"),
])
def test_cadence_in_words_in_each_language(interval: str | int, english: str, welsh: str) -> None:
    cadence = Meetings(interval=interval).cadence
    assert cadence_words(cadence, EN) == english
    assert cadence_words(cadence, CY) == welsh


def test_every_three_weeks_steps_21_days() -> None:
    plan = meeting_plan(Scheme.model_validate({**MINIMAL, "meetings": {
        "count": 3, "interval": "every 3 weeks", "start": "2026-10-05"}}))
    assert [m.date for m in plan] == [D(2026, 10, 5), D(2026, 10, 26), D(2026, 11, 16)]


def test_a_fixed_length_is_said_once() -> None:
    fixed = Meetings(minutes=45)
    assert (fixed.min_minutes, fixed.max_minutes, fixed.fixed_length) == (45, 45, True)
    assert length_words(fixed, EN) == "45 minutes"
    assert length_words(Meetings(min_minutes=60, max_minutes=90), EN) == "60 to 90 minutes"
    assert hours_words(11.8, 11.8, EN) == "11.8 hours"
    assert hours_words(10.5, 12, EN) == "10.5 to 12 hours"
    assert hours_figure(11.8, 11.8, EN) == "11.8"


def test_minutes_and_a_range_together_are_refused() -> None:
    with pytest.raises(ValidationError, match="either minutes"):
        Meetings.model_validate({"minutes": 45, "max_minutes": 60})


def test_a_fixed_length_makes_a_fixed_time_budget() -> None:
    scheme = Scheme.model_validate({**MINIMAL, "meetings": {"count": 6, "minutes": 45}})
    budget = time_budget(scheme, "mentors")
    assert budget.low_hours == budget.high_hours
    meetings = next(i for i in budget.items if i.label == "meetings")
    assert meetings.minutes_low == meetings.minutes_high == 6 * 45


WINTER = {"count": 4, "interval": "every 3 weeks", "start": "2026-11-02",
          "skip": [{"start": "2026-12-14", "end": "2027-01-03", "reason": "Winter pressures"},
                   {"start": "2027-06-01", "reason": "Outside the period"}]}


def test_a_pause_is_a_row_of_its_own_in_the_plan() -> None:
    scheme = Scheme.model_validate({**MINIMAL, "meetings": WINTER})
    plan = meeting_plan(scheme)
    breaks = pauses(scheme.meetings, plan)
    assert [(p.start, p.end, p.reason, p.after) for p in breaks] == [
        (D(2026, 12, 14), D(2027, 1, 3), "Winter pressures", 2)]
    rows = plan_rows(plan, breaks)
    assert [("pause" if r.pause else r.meeting.number) for r in rows if r.pause or r.meeting] == [
        1, 2, "pause", 3, 4]
    moved = plan[2]
    assert moved.moved and moved.moved_for == "Winter pressures" and moved.date == D(2027, 1, 4)


def test_calendars_describe_the_pause() -> None:
    scheme = Scheme.model_validate({**MINIMAL, "meetings": WINTER})
    plan = meeting_plan(scheme)
    events = scheme_events(scheme, plan, timeline(scheme, plan), EN)
    period = next(e for e in events if e.ident == "meeting-period")
    assert "No meetings from 14 December 2026 to 3 January 2027: Winter pressures" in (
        period.description)
    third = next(e for e in events if e.ident == "meeting-3")
    assert "Moved: Winter pressures" in third.description
