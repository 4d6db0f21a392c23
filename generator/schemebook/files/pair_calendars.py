"""Each participant's own calendar: their pair's meetings and the scheme's events they attend.

``schemebook personalise`` writes one .ics per person beside their pack.
It holds the pair's meetings on the pair's own dates (the scheme's cadence
from the roster's ``first_meeting``, else the scheme's suggested weeks),
named with the partner, and the training, surveys, closing and
celebration of their role, which keep the UIDs and SEQUENCE numbers of the
published calendars, so subscribing to both never doubles an event.

A pair meeting's UID comes from the scheme, the cohort, both partners
(email, else name) and the meeting's number, never from a date or a pair
id, so running ``match`` again with the same pairs changes nothing. Its
SEQUENCE is kept in a private record beside the outputs (like
``calendar.lock``, which holds no names and is committed, but this one
holds names' digests and stays private): a moved meeting gets a higher
number and updates in people's calendars.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from ..core.i18n import Translator
from ..people.answers import fold
from ..people.roster import Pair
from ..plan.events import AUDIENCES, CalendarEvent, events_for
from ..plan.schedule import PlannedMeeting
from ..scheme.models import Scheme
from .calendars import SequenceLock, calendar_ics, uid

PAIR_LOCK = "calendars.lock"
"""The private SEQUENCE record of pair meetings, in the personalise output folder."""

PAIR_LOCK_NOTE = ("Written by schemebook personalise: the SEQUENCE of each pair meeting in "
                  "people's own calendars. Private: keep it beside the packs, out of git.")

_SHARED_MEETINGS = "meeting-"
"""Scheme events replaced by the pair's own: the meeting period and suggested weeks."""


def pair_key(pair: Pair) -> str:
    """A short digest of both partners, the same however the pairs are numbered."""
    mentor = fold(pair.mentor_email or pair.mentor)
    mentee = fold(pair.mentee_email or pair.mentee)
    return hashlib.sha256(f"{mentor}|{mentee}".encode()).hexdigest()[:12]


def pair_meetings(pair: Pair, role: str, plan: list[PlannedMeeting],
                  tr: Translator) -> list[CalendarEvent]:
    """The pair's dated meetings, named with the partner; a day each when the pair has
    its own first meeting, else the scheme's suggested week."""
    _ = tr.gettext
    partner = pair.mentee if role == "mentor" else pair.mentor
    audience = AUDIENCES[0] if role == "mentor" else AUDIENCES[1]
    events = []
    for meeting in plan:
        if meeting.date is None:
            continue
        summary = _("Meeting %(n)s with %(partner)s", n=meeting.number, partner=partner)
        if meeting.theme:
            summary += f": {meeting.theme}"
        last = meeting.date + dt.timedelta(days=0 if pair.first_meeting else 6)
        text = (_("Agree the time and place with %(partner)s.", partner=partner)
                if pair.first_meeting else
                _("Agree the day, time and place in this week with %(partner)s.",
                  partner=partner))
        events.append(CalendarEvent(f"pair-{pair_key(pair)}-meeting-{meeting.number}",
                                    summary, text, meeting.date, last, None, 0, "",
                                    (audience,), busy=False))
    return events


def person_calendar(scheme: Scheme, events: list[CalendarEvent], pair: Pair, role: str,
                    plan: list[PlannedMeeting], stamp: dt.date, locks: tuple[SequenceLock,
                                                                              SequenceLock],
                    tr: Translator, language: str = "") -> bytes:
    """One person's .ics. ``locks``: a copy of the project's calendar.lock (the
    published events' numbers, as the next build gives them) and the pair record."""
    audience = AUDIENCES[0] if role == "mentor" else AUDIENCES[1]
    shared = [e for e in events_for(events, audience) if not e.ident.startswith(_SHARED_MEETINGS)]
    own = pair_meetings(pair, role, plan, tr)
    prefix = f"{language}:" if language else ""
    sequences = {uid(scheme, e.ident): locks[0].sequence(prefix + uid(scheme, e.ident),
                                                         e.fingerprint()) for e in shared}
    sequences |= {uid(scheme, e.ident): locks[1].sequence(uid(scheme, e.ident),
                                                          e.fingerprint()) for e in own}
    partner = pair.mentee if role == "mentor" else pair.mentor
    title = tr.gettext("%(scheme)s: meetings with %(partner)s", scheme=scheme.name,
                       partner=partner)
    chosen = sorted([*shared, *own], key=lambda e: (e.first, e.ident))
    return calendar_ics(scheme, [dataclasses.replace(e, audiences=(audience,)) for e in chosen],
                        audience, stamp, sequences, tr, title)
