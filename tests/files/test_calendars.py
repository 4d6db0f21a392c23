"""Calendars: real .ics files parsed back with icalendar and with vobject.

Covers the promises in schemebook.files.calendars: every TZID has its VTIMEZONE,
DTSTAMP comes from the build date, rebuilds are byte-identical, UIDs do not
depend on dates, and a moved event keeps its UID with a higher SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from schemebook.commands.build import build
from schemebook.core.errors import InputError
from schemebook.core.i18n import Translator
from schemebook.core.options import Options
from schemebook.files.calendars import LOCK_NAME, SequenceLock, build_calendars
from schemebook.plan.events import scheme_events
from schemebook.plan.load import load_scheme
from schemebook.plan.schedule import meeting_plan, timeline
from support.golden import check_golden

STAMP = dt.date(2026, 9, 15)
SESSIONS = [
    {"title": "Mentor training", "audience": "mentors", "minutes": 120,
     "date": "2026-10-24", "time": "18:00", "place": "Room 1"},
    {"title": "Mentee briefing", "audience": "mentees", "minutes": 90,
     "date": "2026-10-26", "time": "18:00"},
    {"title": "Joint launch", "audience": "both", "minutes": 60, "date": "2026-10-28"},
]
TIMELINE = [
    {"title": "Recruitment", "kind": "recruitment", "start": "2026-09-01",
     "end": "2026-09-30", "checklist": ["Send the invitation"]},
    {"title": "Closing conversations", "kind": "closing", "start": "last meeting + 1 week",
     "end": "last meeting + 2 weeks"},
    {"title": "Celebration", "kind": "celebration", "start": "2027-01-27", "time": "18:30",
     "place": "Great Hall"},
]


def project(make_project: Callable[..., Path], **extra: Any) -> Path:
    settings: dict[str, Any] = {
        "cohort": "2026-27", "build_date": "2026-09-15",
        "meetings": {"count": 4, "interval": "fortnightly", "start": "2026-11-02"},
        "training": {"sessions": SESSIONS}, "timeline": TIMELINE,
    }
    settings.update(extra)
    return make_project(**settings)


def calendars(path: Path, lock: SequenceLock | None = None) -> dict[str, bytes]:
    scheme = load_scheme(path).scheme
    plan = meeting_plan(scheme)
    events = scheme_events(scheme, plan, timeline(scheme, plan), Translator())
    return build_calendars(scheme, events, STAMP, lock or SequenceLock(), Translator()).files


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def by_summary(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["summary"]): e for e in events(data).values()}


def check_parses_everywhere(data: bytes, stamp: dt.date = STAMP) -> int:
    """Parse with both libraries; check TZIDs, DTSTAMP, UIDs; return the event count."""
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(data)
    assert cal.get_missing_tzids() == set()
    used = set(re.findall(r";TZID=([^:;]+)", text))
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    assert used <= zones
    parsed = vobject.readOne(text)
    v_events = parsed.contents.get("vevent", [])
    i_events = cal.walk("VEVENT")
    assert len(v_events) == len(i_events)
    assert len({e.uid.value for e in v_events}) == len(v_events)
    for event in v_events:
        assert event.dtstamp.value == dt.datetime(stamp.year, stamp.month, stamp.day,
                                                  tzinfo=dt.UTC)
        start = event.dtstart.value
        if isinstance(start, dt.datetime):
            assert start.tzinfo is not None and event.dtend.value > start
        else:
            assert event.dtend.value > start
    return len(i_events)


def test_one_calendar_per_audience(make_project: Callable[..., Path]) -> None:
    files = calendars(project(make_project))
    assert sorted(files) == ["downloads/calendar-coordinators.ics",
                             "downloads/calendar-mentees.ics", "downloads/calendar-mentors.ics"]
    counts = {name: check_parses_everywhere(data) for name, data in files.items()}
    mentors = by_summary(files["downloads/calendar-mentors.ics"])
    mentees = by_summary(files["downloads/calendar-mentees.ics"])
    assert "Mentor training" in mentors and "Mentor training" not in mentees
    assert "Mentee briefing" in mentees and "Joint launch" in mentors
    assert "Recruitment" not in mentors  # a coordinator's phase
    assert {"Celebration", "Closing conversations"} <= set(mentors)
    assert counts["downloads/calendar-coordinators.ics"] > counts[
        "downloads/calendar-mentors.ics"]
    # meeting period, 4 suggested weeks, 3 surveys, 2 sessions, closing, celebration
    assert counts["downloads/calendar-mentors.ics"] == 12


def test_meetings_weeks_and_surveys_are_all_day_spans(
        make_project: Callable[..., Path]) -> None:
    mentors = by_summary(calendars(project(make_project))["downloads/calendar-mentors.ics"])
    first = mentors["Meeting 1 (suggested week)"]
    assert first.decoded("dtstart") == dt.date(2026, 11, 2)
    assert first.decoded("dtend") == dt.date(2026, 11, 9)
    assert str(first["transp"]) == "TRANSPARENT"
    pre = mentors["Survey before the meetings"]
    assert (pre.decoded("dtstart"), pre.decoded("dtend")) == (dt.date(2026, 10, 19),
                                                             dt.date(2026, 11, 2))
    period = next(e for s, e in mentors.items() if s.endswith("meeting period"))
    assert period.decoded("dtend") == dt.date(2026, 12, 21)  # week of the last meeting, inclusive


def test_times_keep_to_the_clock_across_the_change_to_winter_time(
        make_project: Callable[..., Path]) -> None:
    files = calendars(project(make_project))
    text = files["downloads/calendar-coordinators.ics"].decode()
    assert "DTSTART;TZID=Europe/London:20261024T180000" in text
    assert "DTSTART;TZID=Europe/London:20261026T180000" in text
    parsed = {e.summary.value: e for e in vobject.readOne(text).vevent_list}
    utc = {name: parsed[name].dtstart.value.astimezone(dt.UTC).hour
           for name in ("Mentor training", "Mentee briefing")}
    assert utc == {"Mentor training": 17, "Mentee briefing": 18}
    celebration = parsed["Celebration"]
    assert celebration.dtend.value - celebration.dtstart.value == dt.timedelta(minutes=90)
    assert celebration.location.value == "Great Hall"


def test_another_time_zone(make_project: Callable[..., Path]) -> None:
    files = calendars(project(make_project, timezone="America/New_York"))
    text = files["downloads/calendar-mentors.ics"].decode()
    assert "TZID:America/New_York" in text and "Europe/London" not in text
    check_parses_everywhere(files["downloads/calendar-mentors.ics"])
    start = next(e for e in vobject.readOne(text).vevent_list
                 if e.summary.value == "Mentor training").dtstart.value
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 10, 24, 22, tzinfo=dt.UTC)


def test_same_inputs_same_bytes(make_project: Callable[..., Path]) -> None:
    path = project(make_project)
    assert calendars(path) == calendars(path)


def test_uids_come_from_the_scheme_and_the_event_not_the_dates(
        make_project: Callable[..., Path]) -> None:
    before = events(calendars(project(make_project))["downloads/calendar-mentors.ics"])
    moved = events(calendars(project(
        make_project, meetings={"count": 4, "interval": "fortnightly",
                                "start": "2026-11-16"}))["downloads/calendar-mentors.ics"])
    assert set(before) == set(moved)
    assert "meeting-1-2026-27@tiny-scheme.schemebook" in before
    assert before["meeting-1-2026-27@tiny-scheme.schemebook"].decoded("dtstart") != moved[
        "meeting-1-2026-27@tiny-scheme.schemebook"].decoded("dtstart")
    next_year = events(calendars(project(make_project, cohort="2027-28"))[
        "downloads/calendar-mentors.ics"])
    assert not set(before) & set(next_year)  # next cohort's events are new events


def test_a_moved_event_gets_a_higher_sequence(make_project: Callable[..., Path]) -> None:
    lock = SequenceLock()
    first = events(calendars(project(make_project), lock)["downloads/calendar-mentors.ics"])
    assert {int(e["sequence"]) for e in first.values()} == {0}
    same = events(calendars(project(make_project), lock)["downloads/calendar-mentors.ics"])
    assert {int(e["sequence"]) for e in same.values()} == {0}
    later = [dict(s) for s in SESSIONS]
    later[0]["time"] = "19:00"
    moved = events(calendars(project(make_project, training={"sessions": later}), lock)[
        "downloads/calendar-mentors.ics"])
    changed = {uid: int(e["sequence"]) for uid, e in moved.items() if int(e["sequence"])}
    assert changed == {"training-mentor-training-2026-27@tiny-scheme.schemebook": 1}
    back = events(calendars(project(make_project), lock)["downloads/calendar-mentors.ics"])
    assert int(back["training-mentor-training-2026-27@tiny-scheme.schemebook"]["sequence"]) == 2


def test_the_sequence_record_survives_a_real_build(make_project: Callable[..., Path]) -> None:
    path = project(make_project)
    build(path, options=Options(packs=False))
    lock_file = path.parent / LOCK_NAME
    record = json.loads(lock_file.read_text(encoding="utf-8"))
    assert all(v["sequence"] == 0 for v in record["events"].values())
    site = path.parent / "site"
    first = (site / "downloads/calendar-mentees.ics").read_bytes()
    build(path, options=Options(packs=False))
    assert (site / "downloads/calendar-mentees.ics").read_bytes() == first
    text = path.read_text(encoding="utf-8").replace("2026-10-26", "2026-10-27")
    path.write_text(text, encoding="utf-8")
    build(path, options=Options(packs=False))
    briefing = by_summary((site / "downloads/calendar-mentees.ics").read_bytes())[
        "Mentee briefing"]
    assert int(briefing["sequence"]) == 1
    assert briefing.decoded("dtstart").date() == dt.date(2026, 10, 27)
    assert "Calendar for mentors" in (site / "meetings.html").read_text(encoding="utf-8")


def test_a_damaged_record_is_an_error_not_a_reset(tmp_path: Path) -> None:
    """Numbers that fell back to 0 would make calendars ignore every update."""
    (tmp_path / LOCK_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"calendar.lock:1:2: error: calendar.lock cannot be "
                                         r"read: not valid JSON"):
        SequenceLock.read(tmp_path / LOCK_NAME)
    assert SequenceLock.read(tmp_path / "missing.lock").events == {}


def test_coordinators_calendar_stays_off_a_site_without_coordinator_pages(
        make_project: Callable[..., Path]) -> None:
    files = calendars(project(make_project, site={"coordinator_section": False}))
    assert "downloads/calendar-coordinators.ics" not in files


def test_no_dates_no_calendars(make_project: Callable[..., Path]) -> None:
    assert calendars(make_project()) == {}


@pytest.mark.parametrize(("fixture", "stamp"), [("example_site", dt.date(2026, 9, 15)),
                                               ("law_firm_site", dt.date(2026, 11, 2))])
def test_the_examples_calendars_import_cleanly(fixture: str, stamp: dt.date,
                                               request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(fixture)
    files = sorted((site / "downloads").glob("calendar-*.ics"))
    assert [f.name for f in files] == ["calendar-coordinators.ics", "calendar-mentees.ics",
                                       "calendar-mentors.ics"]
    for path in files:
        assert check_parses_everywhere(path.read_bytes(), stamp) >= 10
        assert "BEGIN:VTIMEZONE" in path.read_text(encoding="utf-8")
    downloads = (site / "downloads.html").read_text(encoding="utf-8")
    assert "calendar-mentors.ics" in downloads


def test_the_mentors_calendar_matches_its_golden_file(make_project: Callable[..., Path]) -> None:
    """The whole .ics of a fixed scheme, reviewed: UIDs, VTIMEZONE, times and texts."""
    files = calendars(project(make_project))
    check_golden("calendars/calendar-mentors.ics",
                 files["downloads/calendar-mentors.ics"].decode("utf-8"))
