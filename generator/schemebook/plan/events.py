"""The dated events of a scheme's year, as every output sees them.

Calendars, messages and pages need the same list: training sessions, the
meeting period and the suggested week of each meeting, survey windows, the
closing conversations, the celebration and the coordinator's phases. This
module works them out once from the schedule (all date arithmetic stays in
``schedule.py``) and names them in the scheme's language. It knows nothing
of iCalendar: :mod:`schemebook.files.calendars` turns these events into .ics files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..core.i18n import Translator
from ..core.text import ascii_key
from ..scheme.models import Scheme
from ..scheme.models.care import PARTICIPANT_PHASES
from .schedule import DatedPhase, Pause, PlannedMeeting, pauses, survey_windows, zoned

AUDIENCES = ("mentors", "mentees", "coordinators")
"""One calendar per audience."""

CALENDAR_FILES = {a: f"downloads/calendar-{a}.ics" for a in AUDIENCES}
"""Where each audience's calendar is published, relative to the site root."""

_SESSION_AUDIENCES = {
    "mentors": ("mentors", "coordinators"),
    "mentees": ("mentees", "coordinators"),
    "both": AUDIENCES,
    "coordinators": ("coordinators",),
}


def identifier(text: str) -> str:
    """The ASCII part of an event's identity made from a title (UIDs must stay stable)."""
    return ascii_key(text)


def public_url(scheme: Scheme, path: str) -> str:
    """Full address of a file of the published site, or '' without site_url."""
    base = scheme.site_url.strip()
    if not base:
        return ""
    return base.rstrip("/") + "/" + path.lstrip("/")


def page_address(scheme: Scheme, page: str) -> str:
    """Full address of a handbook page given by its Markdown path ('themes.md')."""
    return public_url(scheme, page[:-3] + ".html" if page.endswith(".md") else page)


@dataclass(frozen=True)
class CalendarEvent:
    """One event of the scheme's year, dated, named and addressed to its audiences."""

    ident: str
    """Stable identity ('meeting-2', 'training-joint-launch'): the calendar UID comes
    from it and from the scheme, never from the dates, so a moved event keeps it."""
    summary: str
    description: str
    first: dt.date
    last: dt.date
    """Last day (inclusive) of an all-day event; the day of a timed one."""
    start: dt.datetime | None
    """Set for a timed event, in the scheme's time zone."""
    minutes: int
    place: str
    audiences: tuple[str, ...]
    busy: bool
    """Timed events block time; spans such as a survey window do not."""
    checklist: tuple[str, ...] = ()
    """The phase's checklist, shown in the coordinators' calendar only."""

    @property
    def end(self) -> dt.datetime | None:
        return self.start + dt.timedelta(minutes=self.minutes) if self.start else None

    def fingerprint(self) -> str:
        """What a move changes: dates, times and place (not wording)."""
        when = self.start.isoformat() if self.start else self.first.isoformat()
        return f"{when}|{self.last.isoformat()}|{self.minutes}|{self.place}"


def scheme_events(scheme: Scheme, plan: list[PlannedMeeting], phases: list[DatedPhase],
                  tr: Translator) -> list[CalendarEvent]:
    """Every dated event, in date order; undated ones are left out.

    Identities are made unique in a fixed order (training, meetings, surveys,
    phases): the second event called 'launch' is 'launch-2' on every build.
    """
    events: list[CalendarEvent] = []
    used: set[str] = set()
    for event in [*_training(scheme), *_meetings(scheme, plan, tr),
                  *_surveys(scheme, plan, tr), *_phases(scheme, phases)]:
        candidate, n = event.ident, 2
        while candidate in used:
            candidate, n = f"{event.ident}-{n}", n + 1
        used.add(candidate)
        events.append(replace(event, ident=candidate))
    return sorted(events, key=lambda e: (e.first, e.start or dt.datetime.min.replace(
        tzinfo=dt.UTC), e.ident))


def _training(scheme: Scheme) -> Iterator[CalendarEvent]:
    for session in scheme.training.sessions:
        if session.date is None:
            continue
        start = zoned(session.date, session.time, scheme.timezone) if session.time else None
        text = "\n".join([*session.outcomes, session.when]).strip()
        yield CalendarEvent(
            f"training-{identifier(session.title)}", session.title, text, session.date,
            session.date, start, session.minutes, session.place,
            _SESSION_AUDIENCES[session.audience], busy=start is not None)


def _meetings(scheme: Scheme, plan: list[PlannedMeeting],
              tr: Translator) -> Iterator[CalendarEvent]:
    """The meeting period, then each meeting's suggested week."""
    _ = tr.gettext
    dated = [(m, m.date) for m in plan if m.date is not None]
    if not dated:
        return
    first, last = dated[0][1], dated[-1][1]
    themes = page_address(scheme, "themes.md")
    period = [_("Each pair meets %(num)s times in this period.", num=len(dated)),
              *(pause_line(p, tr) for p in pauses(scheme.meetings, plan))]
    yield CalendarEvent(
        "meeting-period", _("%(name)s: meeting period", name=scheme.name), "\n".join(period),
        first, last + dt.timedelta(days=6), None, 0, "", AUDIENCES, busy=False)
    for meeting, day in dated:
        summary = _("Meeting %(n)s (suggested week)", n=meeting.number)
        if meeting.theme:
            summary += f": {meeting.theme}"
        lines = [_("Agree the day, time and place with your partner.")]
        if meeting.moved:
            lines.append(_("Moved: %(reason)s", reason=meeting.moved_for) if meeting.moved_for
                         else _("Moved after the pause"))
        if meeting.theme and themes:
            lines.append(_("Ice-breakers for this theme: %(url)s", url=themes))
        yield CalendarEvent(f"meeting-{meeting.number}", summary, "\n".join(lines), day,
                            day + dt.timedelta(days=6), None, 0, "", AUDIENCES, busy=False)


def pause_line(pause: Pause, tr: Translator) -> str:
    """A pause in one line: 'No meetings from 21 December 2026 to 3 January 2027: ...'."""
    if pause.start == pause.end:
        text = tr.gettext("No meetings on %(date)s", date=tr.date(pause.start))
    else:
        text = tr.gettext("No meetings from %(start)s to %(end)s",
                          start=tr.date(pause.start), end=tr.date(pause.end))
    return f"{text}: {pause.reason}" if pause.reason else text


def _surveys(scheme: Scheme, plan: list[PlannedMeeting],
             tr: Translator) -> Iterator[CalendarEvent]:
    _ = tr.gettext
    titles = {"pre": _("Survey before the meetings"), "post": _("Survey after the meetings"),
              "follow-up": _("Follow-up survey")}
    for window in survey_windows(scheme, plan):
        if window.opens is None or window.closes is None:
            continue
        lines = [_("Open until %(date)s.", date=tr.date(window.closes))]
        if window.survey.url:
            lines.append(window.survey.url)
        yield CalendarEvent(f"survey-{window.stage}", titles[window.stage], "\n".join(lines),
                            window.opens, window.closes, None, 0, "", AUDIENCES, busy=False)


def _phases(scheme: Scheme, phases: list[DatedPhase]) -> Iterator[CalendarEvent]:
    """The timeline's dated phases (the meeting period has its own events)."""
    for dated_phase in phases:
        phase = dated_phase.phase
        first_day = dated_phase.start or dated_phase.end
        if first_day is None or phase.kind == "meetings":
            continue
        last_day = max(dated_phase.end or first_day, first_day)
        start = zoned(first_day, phase.time, scheme.timezone) if phase.time else None
        minutes = phase.minutes or (scheme.reflection.celebration_minutes
                                    if phase.kind == "celebration" else 60)
        audiences = AUDIENCES if phase.kind in PARTICIPANT_PHASES else ("coordinators",)
        yield CalendarEvent(
            f"phase-{identifier(phase.title)}", phase.title, " ".join(phase.description.split()),
            first_day, first_day if start else last_day, start, minutes if start else 0,
            phase.place, audiences, busy=start is not None, checklist=tuple(phase.checklist))


def events_for(events: list[CalendarEvent], audience: str) -> list[CalendarEvent]:
    """The events one audience's calendar holds."""
    return [e for e in events if audience in e.audiences]

