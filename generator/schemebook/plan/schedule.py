"""Date arithmetic for the meeting plan, the timeline and the time budget.

Pure functions over the validated scheme, so that the site, the packs and
the calendars all show the same dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..core.i18n import NN_, Translator
from ..scheme.models import Meetings, Phase, Scheme, SkipDate, Survey


@dataclass(frozen=True)
class PlannedMeeting:
    """One meeting of the plan: its number, week and suggested theme."""

    number: int
    week: int
    """Week of the meeting period, counting the first meeting's week as 1."""
    date: dt.date | None
    theme: str
    moved_for: str = ""
    """Why the meeting moved from its regular slot (the pause's reason, if it gives one)."""
    moved: bool = False
    """The meeting fell in a pause (meetings.skip) and moved to the day after it."""


@dataclass(frozen=True)
class Pause:
    """A pause in the meeting period (meetings.skip): a row of its own in the plan."""

    start: dt.date
    end: dt.date
    """Last day of the pause (the same as start for one day)."""
    reason: str
    after: int
    """How many meetings come before it."""


@dataclass(frozen=True)
class PlanRow:
    """One row of the dated plan: a meeting, or a pause between meetings."""

    meeting: PlannedMeeting | None = None
    pause: Pause | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _step(meetings: Meetings, start: dt.date, n: int) -> dt.date:
    cadence = meetings.cadence
    if cadence.days is None:
        return add_months(start, cadence.n * n)
    return start + dt.timedelta(days=cadence.days * n)


def _skip_for(day: dt.date, skips: list[SkipDate]) -> SkipDate | None:
    for skip in skips:
        if skip.start <= day <= (skip.end or skip.start):
            return skip
    return None


def meeting_dates(meetings: Meetings) -> list[tuple[dt.date, SkipDate | None]]:
    """Dated meetings with the pause each one moved for, skipping closed dates.

    A meeting that falls in a skipped period moves to the day after it, and
    the later meetings keep their interval from the moved one.
    """
    if meetings.start is None:
        return []
    result: list[tuple[dt.date, SkipDate | None]] = []
    anchor, offset = meetings.start, 0
    for _ in range(meetings.count):
        day = _step(meetings, anchor, offset)
        moved: SkipDate | None = None
        guard = 0
        while (skip := _skip_for(day, meetings.skip)) is not None and guard < 400:
            moved = skip
            day = (skip.end or skip.start) + dt.timedelta(days=1)
            guard += 1
        if moved:
            anchor, offset = day, 0
        result.append((day, moved))
        offset += 1
    return result


def meeting_plan(scheme: Scheme) -> list[PlannedMeeting]:
    """The plan shown on the meetings page and in the packs."""
    meetings = scheme.meetings
    dated = meeting_dates(meetings)
    themes = [t.title for t in scheme.themes] if scheme.agenda == "themed" else []
    plan = []
    for i in range(meetings.count):
        theme = themes[i % len(themes)] if themes else ""
        if dated:
            day, skip = dated[i]
            assert meetings.start is not None
            week = (day - meetings.start).days // 7 + 1
            plan.append(PlannedMeeting(i + 1, week, day, theme, skip.reason if skip else "",
                                       moved=skip is not None))
        else:
            week = (_step(meetings, dt.date(2001, 1, 1), i) - dt.date(2001, 1, 1)).days // 7 + 1
            plan.append(PlannedMeeting(i + 1, week, None, theme))
    return plan


def pauses(meetings: Meetings, plan: list[PlannedMeeting]) -> list[Pause]:
    """The pauses that fall in the dated meeting period, in date order."""
    if not plan or plan[0].date is None or meetings.start is None:
        return []
    last = plan[-1].date
    assert last is not None
    period_end = meetings.end or last
    found = []
    for skip in sorted(meetings.skip, key=lambda s: s.start):
        end = skip.end or skip.start
        if skip.start > period_end or end < meetings.start:
            continue  # checks.py warns about it
        before = sum(1 for m in plan if m.date is not None and m.date < skip.start)
        found.append(Pause(skip.start, end, skip.reason, before))
    return found


def plan_rows(plan: list[PlannedMeeting], breaks: list[Pause]) -> list[PlanRow]:
    """The plan as its table shows it: meetings with each pause in its place."""
    rows: list[PlanRow] = []
    for meeting in plan:
        rows += [PlanRow(pause=p) for p in breaks if p.after == meeting.number - 1]
        rows.append(PlanRow(meeting=meeting))
    rows += [PlanRow(pause=p) for p in breaks if p.after >= len(plan)]
    return rows


_RELATIVE = re.compile(
    r"^\s*(?P<anchor>first meeting|last meeting|start|end)\s*"
    r"(?:(?P<sign>[+-])\s*(?P<n>\d+)\s*(?P<unit>day|week|month)s?)?\s*$",
    re.IGNORECASE,
)


def parse_relative(text: str) -> tuple[str, int, str] | None:
    """Split 'last meeting + 6 months' into ('last meeting', 6, 'month')."""
    match = _RELATIVE.match(text)
    if not match:
        return None
    anchor = match["anchor"].lower()
    anchor = {"start": "first meeting", "end": "last meeting"}.get(anchor, anchor)
    n = int(match["n"] or 0) * (-1 if match["sign"] == "-" else 1)
    return anchor, n, (match["unit"] or "day").lower()


def relative_words(text: str, tr: Translator) -> str:
    """A relative date in words: 'first meeting - 8 weeks' -> '8 weeks before the first
    meeting', in ``tr``'s language. Web pages and print both say it this way."""
    parsed = parse_relative(text)
    if parsed is None:
        return text
    anchor, n, unit = parsed
    first, before, count = anchor == "first meeting", n < 0, abs(n)
    if count == 0:
        return tr.gettext("the first meeting") if first else tr.gettext("the last meeting")
    forms = {
        ("day", True, True): NN_("%(num)s day before the first meeting",
                                  "%(num)s days before the first meeting"),
        ("day", True, False): NN_("%(num)s day before the last meeting",
                                   "%(num)s days before the last meeting"),
        ("day", False, True): NN_("%(num)s day after the first meeting",
                                   "%(num)s days after the first meeting"),
        ("day", False, False): NN_("%(num)s day after the last meeting",
                                    "%(num)s days after the last meeting"),
        ("week", True, True): NN_("%(num)s week before the first meeting",
                                   "%(num)s weeks before the first meeting"),
        ("week", True, False): NN_("%(num)s week before the last meeting",
                                    "%(num)s weeks before the last meeting"),
        ("week", False, True): NN_("%(num)s week after the first meeting",
                                    "%(num)s weeks after the first meeting"),
        ("week", False, False): NN_("%(num)s week after the last meeting",
                                     "%(num)s weeks after the last meeting"),
        ("month", True, True): NN_("%(num)s month before the first meeting",
                                    "%(num)s months before the first meeting"),
        ("month", True, False): NN_("%(num)s month before the last meeting",
                                     "%(num)s months before the last meeting"),
        ("month", False, True): NN_("%(num)s month after the first meeting",
                                     "%(num)s months after the first meeting"),
        ("month", False, False): NN_("%(num)s month after the last meeting",
                                      "%(num)s months after the last meeting"),
    }
    one, many = forms[(unit, before, first)]
    return tr.ngettext(one, many, count)


def resolve_date(value: dt.date | str | None, plan: list[PlannedMeeting]) -> dt.date | None:
    """A phase boundary as a date, when the plan has dates; else None."""
    if value is None or isinstance(value, dt.date):
        return value
    parsed = parse_relative(value)
    if parsed is None or not plan or plan[0].date is None:
        return None
    anchor_name, n, unit = parsed
    anchor = plan[0].date if anchor_name == "first meeting" else plan[-1].date
    assert anchor is not None
    try:
        if unit == "month":
            return add_months(anchor, n)
        return anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))
    except (OverflowError, ValueError):  # beyond year 9999: checks.py reports it
        return None


@dataclass(frozen=True)
class DatedPhase:
    """A timeline phase with its boundaries worked out."""

    phase: Phase
    start: dt.date | None
    end: dt.date | None
    start_text: str
    end_text: str


def timeline(scheme: Scheme, plan: list[PlannedMeeting]) -> list[DatedPhase]:
    """Phases in order, dated where possible, relative text kept otherwise."""
    phases = []
    for phase in scheme.timeline:
        start = resolve_date(phase.start, plan)
        end = resolve_date(phase.end, plan)
        phases.append(DatedPhase(
            phase, start, end,
            "" if isinstance(phase.start, dt.date) or phase.start is None else phase.start,
            "" if isinstance(phase.end, dt.date) or phase.end is None else phase.end,
        ))
    return phases


@dataclass(frozen=True)
class TimeItem:
    """One line of the time budget."""

    label: str
    minutes_low: int
    minutes_high: int


@dataclass(frozen=True)
class TimeBudget:
    """Time one participant in a role is asked to give."""

    role: str
    items: list[TimeItem]

    @property
    def low_hours(self) -> float:
        return round(sum(i.minutes_low for i in self.items) / 60, 1)

    @property
    def high_hours(self) -> float:
        return round(sum(i.minutes_high for i in self.items) / 60, 1)


@dataclass(frozen=True)
class SurveyWindow:
    """When one survey is open: first and last day, or the relative text when undated."""

    stage: str
    """'pre', 'post' or 'follow-up'."""
    survey: Survey
    opens: dt.date | None
    closes: dt.date | None
    """Last day the survey is open (inclusive)."""
    opens_text: str


def default_opens(stage: str, follow_up_months: int) -> str:
    """When a survey opens if scheme.yml does not say: before, after, or months after."""
    return {"pre": "first meeting - 2 weeks", "post": "last meeting + 1 week"}.get(
        stage, f"last meeting + {follow_up_months} months")


def survey_windows(scheme: Scheme, plan: list[PlannedMeeting]) -> list[SurveyWindow]:
    """The surveys in use, in order, each with its window worked out where possible."""
    evaluation = scheme.evaluation
    windows = []
    stages = (("pre", evaluation.surveys.pre), ("post", evaluation.surveys.post),
              ("follow-up", evaluation.surveys.follow_up))
    for stage, survey in stages:
        if not survey.use or (stage == "follow-up" and survey.opens is None
                              and not evaluation.follow_up_months):
            continue
        value = survey.opens if survey.opens is not None else default_opens(
            stage, evaluation.follow_up_months)
        opens = resolve_date(value, plan)
        closes = opens + dt.timedelta(days=survey.open_days - 1) if opens else None
        windows.append(SurveyWindow(stage, survey, opens, closes,
                                    "" if isinstance(value, dt.date) else value))
    return windows


def phase_of_kind(phases: list[DatedPhase], kind: str) -> DatedPhase | None:
    """The first timeline phase of a kind ('celebration', 'recruitment'...), if any."""
    return next((p for p in phases if p.phase.kind == kind), None)


def zoned(day: dt.date, time: dt.time, zone: str) -> dt.datetime:
    """A wall-clock time on ``day`` in the scheme's time zone (daylight saving applied)."""
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(zone))


def wall_time_exists(day: dt.date, time: dt.time, zone: str) -> bool:
    """False for a time skipped when clocks go forward (01:30 on the last Sunday of March)."""
    local = zoned(day, time, zone)
    back = local.astimezone(dt.UTC).astimezone(ZoneInfo(zone))
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def _reflection_item(minutes: int, way: str) -> TimeItem:
    """Reflection as the role does it: written or spoken, none at least when optional."""
    if way == "none":
        return TimeItem("reflective logs", 0, 0)
    label = "spoken reflection" if way == "spoken" else "reflective logs"
    return TimeItem(label, 0 if way == "optional" else minutes, minutes)


def time_budget(scheme: Scheme, role: str) -> TimeBudget:
    """Meetings x length + training + logs + closing + surveys for 'mentors' or 'mentees'."""
    m, r, e = scheme.meetings, scheme.reflection, scheme.evaluation
    training = sum(
        s.minutes for s in scheme.training.sessions if s.audience in (role, "both")
    )
    surveys = len(survey_windows(scheme, []))
    items = [
        TimeItem("meetings", m.count * m.min_minutes, m.count * m.max_minutes),
        TimeItem("training", training, training),
        _reflection_item(m.count * r.log_minutes, r.way(role)),
        TimeItem("closing conversation", r.closing_minutes, r.closing_minutes),
        TimeItem("celebration", r.celebration_minutes, r.celebration_minutes),
        TimeItem("surveys", surveys * e.survey_minutes, surveys * e.survey_minutes),
    ]
    return TimeBudget(role, [i for i in items if i.minutes_high])
