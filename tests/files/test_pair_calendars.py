"""pair_calendars.py: each person's own .ics, parsed back with icalendar and vobject.

A person's calendar holds their pair's meetings (named with the partner, on
the pair's own dates) and their role's scheme events under the published
UIDs; a pair meeting's UID depends on the partners, never on dates or the
pair id, and a moved meeting comes back with a higher SEQUENCE.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import icalendar
import vobject
from schemebook.core.i18n import Translator
from schemebook.files.calendars import SequenceLock
from schemebook.files.pair_calendars import pair_key, person_calendar
from schemebook.people.roster import Pair
from schemebook.plan.events import scheme_events
from schemebook.plan.schedule import meeting_plan, timeline
from schemebook.printing.personal import pair_plan
from schemebook.scheme.models import Scheme

SCHEME = Scheme.model_validate({
    "name": "Tiny Scheme", "organisation": "Example College", "cohort": "2026-27",
    "contact": {"name": "Ada Example", "email": "ada@college.example"},
    "focus": {"aims": ["Help"]},
    "themes": [{"title": "Belonging"}, {"title": "Failure"}],
    "meetings": {"count": 3, "start": "2026-10-05", "interval": "fortnightly"},
    "training": {"sessions": [
        {"title": "Mentor training", "audience": "mentors", "minutes": 120,
         "date": "2026-09-24", "time": "18:00", "place": "Room 1"},
        {"title": "Mentee briefing", "audience": "mentees", "minutes": 90,
         "date": "2026-09-26", "time": "09:00"}]},
})
TR = Translator.for_language("en")
PLAN = meeting_plan(SCHEME)
EVENTS = scheme_events(SCHEME, PLAN, timeline(SCHEME, PLAN), TR)
PAIR = Pair("P07", "Gwenllian ap Rhys", "Professor Daniel Hartley", "g@uni.example",
            "d@uni.example", dt.date(2026, 10, 7))


def calendar(pair: Pair, role: str, record: SequenceLock) -> bytes:
    return person_calendar(SCHEME, EVENTS, pair, role, pair_plan(SCHEME, pair),
                           dt.date(2026, 9, 15), (SequenceLock(), record), TR)


def test_a_person_sees_their_pair_meetings_and_their_roles_events() -> None:
    data = calendar(PAIR, "mentor", SequenceLock())
    parsed = icalendar.Calendar.from_ical(data)
    events = [(str(e["summary"]), e.decoded("dtstart")) for e in parsed.walk("VEVENT")]
    assert ("Meeting 1 with Professor Daniel Hartley: Belonging", dt.date(2026, 10, 7)) in events
    assert ("Meeting 3 with Professor Daniel Hartley: Belonging", dt.date(2026, 11, 4)) in events
    assert any(s == "Mentor training" for s, _ in events)
    assert not any(s == "Mentee briefing" or "suggested week" in s for s, _ in events)
    assert str(parsed["x-wr-calname"]) == "Tiny Scheme: meetings with Professor Daniel Hartley"
    card = vobject.readOne(data.decode("utf-8"))
    assert len(card.vevent_list) == len(events) == 7  # 3 meetings, training, 3 surveys
    mentee = icalendar.Calendar.from_ical(calendar(PAIR, "mentee", SequenceLock()))
    assert any(str(e["summary"]).startswith("Meeting 1 with Gwenllian ap Rhys")
               for e in mentee.walk("VEVENT"))
    assert any(str(e["summary"]) == "Mentee briefing" for e in mentee.walk("VEVENT"))


def uids(data: bytes) -> dict[str, tuple[str, int]]:
    parsed = icalendar.Calendar.from_ical(data)
    return {str(e["summary"]).split(":")[0]: (str(e["uid"]), int(e["sequence"]))
            for e in parsed.walk("VEVENT")}


def test_uids_follow_the_partners_and_a_moved_meeting_rises_in_sequence() -> None:
    record = SequenceLock()
    first = uids(calendar(PAIR, "mentor", record))
    meeting = first["Meeting 2 with Professor Daniel Hartley"]
    assert meeting[0] == (f"pair-{pair_key(PAIR)}-meeting-2-2026-27@tiny-scheme.schemebook")
    assert uids(calendar(PAIR, "mentee", record))["Meeting 2 with Gwenllian ap Rhys"] == meeting
    renumbered = dataclasses.replace(PAIR, pair_id="P01")
    assert uids(calendar(renumbered, "mentor", record)) == first  # same people, same UIDs
    moved = dataclasses.replace(PAIR, first_meeting=dt.date(2026, 10, 14))
    later = uids(calendar(moved, "mentor", record))
    assert later["Meeting 2 with Professor Daniel Hartley"] == (meeting[0], 1)
    assert later["Mentor training"] == first["Mentor training"]
    other = dataclasses.replace(PAIR, mentee="Dr Helen Marsh", mentee_email="h@uni.example")
    assert uids(calendar(other, "mentor", record))["Meeting 2 with Dr Helen Marsh"][0] != \
        meeting[0]
    undated = dataclasses.replace(PAIR, first_meeting=None)
    parsed = icalendar.Calendar.from_ical(calendar(undated, "mentor", SequenceLock()))
    week = next(e for e in parsed.walk("VEVENT") if str(e["summary"]).startswith("Meeting 1"))
    assert (week.decoded("dtend") - week.decoded("dtstart")).days == 7  # the suggested week
