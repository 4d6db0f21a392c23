"""What the pairs do: themes, meetings, reflection and training."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from .base import Markdown, Model, ShortText
from .timing import Cadence, ClockTime, Interval, parse_cadence


class Theme(Model):
    """A theme for one or more meetings, with questions to break the ice."""

    title: ShortText
    """The theme's name, e.g. 'Being heard in meetings'."""

    summary: Markdown = ""
    """A few sentences on what the theme opens up and why it matters here."""

    icebreakers: list[str] = Field(default_factory=list, max_length=30)
    """Questions pairs may look at before they meet. Keep to a handful."""


class Location(Model):
    """A place where pairs may meet."""

    name: ShortText
    """What people call the place."""

    notes: str = ""
    """Access, booking or opening details."""


class SkipDate(Model):
    """A date or a run of dates with no meetings (a holiday, a busy season, a
    closure). The plan shows it as a row of its own, and a meeting that falls in it
    moves to the next day after it."""

    start: dt.date
    """First day with no meetings."""

    end: dt.date | None = None
    """Last day with no meetings; leave out for a single day."""

    reason: str = ""
    """Shown in the pause's row of the plan, e.g. 'Winter break' or 'Office move'."""

    @model_validator(mode="after")
    def _end_after_start(self) -> SkipDate:
        if self.end is not None and self.end < self.start:
            raise ValueError("the skip period ends before it starts")
        return self


class Meetings(Model):
    """How often pairs meet, for how long and where."""

    count: int = Field(4, ge=1, le=52)
    """How many meetings each pair has. A cap protects busy volunteers."""

    minutes: int | None = Field(None, ge=10, le=480)
    """Length of every meeting in minutes when it is fixed, e.g. 45. For a range,
    give min_minutes and max_minutes instead."""

    min_minutes: int = Field(60, ge=10, le=480)
    """Shortest expected meeting, in minutes."""

    max_minutes: int = Field(90, ge=10, le=480)
    """Longest meeting, in minutes: a cap, not a target."""

    interval: Interval = "fortnightly"
    """Gap between meetings, as you would say it: 'every 3 weeks', 'every 10 days',
    'every 2 months', weekly, fortnightly, monthly, or a number of days."""

    start: dt.date | None = None
    """Date of the first meeting week. Without it, plans show relative weeks."""

    end: dt.date | None = None
    """Optional last day of the meeting period; the plan must fit inside it."""

    skip: list[SkipDate] = Field(default_factory=list)
    """Pauses with no meetings (holidays, a busy season, closures): each is a
    row of the dated plan, and a meeting falling in one moves after it."""

    format: Literal["in person", "online", "either"] = "either"
    """Whether pairs meet in person, online, or choose."""

    locations: list[Location] = Field(default_factory=list)
    """Suggested neutral, accessible places to meet."""

    online: Markdown = ""
    """How to meet online: which platform, how to book, etiquette."""

    guidance: Markdown = ""
    """Anything else pairs should know about meetings."""

    @model_validator(mode="before")
    @classmethod
    def _fixed_length(cls, data: Any) -> Any:
        """``minutes: 45`` is a range from 45 to 45, written as coordinators say it."""
        if not isinstance(data, dict) or not isinstance(data.get("minutes"), int):
            return data  # a wrong type is reported at minutes itself
        both = [key for key in ("min_minutes", "max_minutes") if key in data]
        if both:
            raise ValueError(f"give either minutes (a fixed length) or min_minutes and "
                             f"max_minutes (a range), not both: remove {' and '.join(both)}")
        return {**data, "min_minutes": data["minutes"], "max_minutes": data["minutes"]}

    @property
    def cadence(self) -> Cadence:
        """The interval as a number of days, weeks or months."""
        cadence = parse_cadence(self.interval)
        assert cadence is not None  # the field's validator refused anything else
        return cadence

    @property
    def fixed_length(self) -> bool:
        """Every meeting lasts the same time (``minutes``, or equal min and max)."""
        return self.min_minutes == self.max_minutes

    @model_validator(mode="after")
    def _lengths_in_order(self) -> Meetings:
        if self.max_minutes < self.min_minutes:
            raise ValueError(
                f"max_minutes ({self.max_minutes}) is shorter than min_minutes "
                f"({self.min_minutes})"
            )
        if self.start and self.end and self.end < self.start:
            raise ValueError("the meeting period ends before it starts")
        return self


class Stage(Model):
    """One stage of a reflective model, with its prompts."""

    name: ShortText
    """The stage's name, e.g. 'Description'."""

    prompts: list[str] = Field(default_factory=list)
    """Questions that help the writer through this stage."""

    room: float = Field(1, ge=0.25, le=4)
    """Writing room in the printed log, against the other stages: 1 is an equal
    share, 2 twice as much, 0.5 half as much."""


ReflectionModelName = Literal["gibbs", "driscoll", "kolb", "rolfe", "custom"]

ReflectionWay = Literal["written", "spoken", "optional", "none"]
"""How one role reflects after each meeting."""


class Reflection(Model):
    """How participants reflect after each meeting and at the end."""

    model: ReflectionModelName = "gibbs"
    """Reflective model for the logs: gibbs, driscoll, kolb, rolfe or custom."""

    stages: list[Stage] = Field(default_factory=list)
    """Stages and prompts; required for 'custom', optional to reword others."""

    mentors: ReflectionWay = "written"
    """How mentors reflect after each meeting: 'written' (a log), 'spoken' (talked
    through aloud, nothing to write), 'optional' (a log if they wish) or 'none'."""

    mentees: ReflectionWay = "written"
    """How mentees reflect after each meeting: written, spoken, optional or none."""

    guidance: Markdown = ""
    """Why and how to reflect, in the scheme's own words."""

    closing_conversation: Markdown = ""
    """The closing one-to-one interview or conversation at the end."""

    celebration: Markdown = ""
    """The group reflection and celebration event, if there is one."""

    log_minutes: int = Field(20, ge=0, le=240)
    """Time a participant is expected to spend reflecting after each meeting."""

    closing_minutes: int = Field(45, ge=0, le=480)
    """Length of the closing conversation; 0 when there is none."""

    celebration_minutes: int = Field(90, ge=0, le=480)
    """Length of the celebration event; 0 when there is none."""

    def way(self, role: str) -> ReflectionWay:
        """How ``role`` ('mentors', 'mentees', 'mentor' or 'mentee') reflects."""
        return self.mentors if role.startswith("mentor") else self.mentees

    @model_validator(mode="after")
    def _custom_needs_stages(self) -> Reflection:
        if self.model == "custom" and not self.stages:
            raise ValueError("model 'custom' needs a list of stages with prompts")
        return self


Audience = Literal["mentors", "mentees", "both", "coordinators"]


class Activity(Model):
    """A timed part of a training session."""

    title: ShortText
    """What the activity is called in the facilitator plan."""

    minutes: int = Field(ge=1, le=480)
    """How long it takes."""

    topic: str = ""
    """The id of the training topic it covers, if any."""

    notes: Markdown = ""
    """What the facilitator does and says."""


class TrainingTopic(Model):
    """A piece of training material participants can read on the site."""

    id: ShortText
    """Short name used by sessions to refer to this topic, e.g. 'listening'."""

    title: ShortText
    """Heading shown on the training page."""

    body: Markdown = ""
    """The material itself."""

    activity: ShortText = "Discussion"
    """Name of the activity that practises this topic."""

    activity_minutes: int = Field(15, ge=1, le=240)
    """How long the activity takes."""

    activity_steps: Markdown = ""
    """How to run the activity."""

    prompts: list[str] = Field(default_factory=list)
    """Questions for discussion."""


class TrainingSession(Model):
    """A training session held before the first meeting."""

    title: ShortText
    """Name of the session."""

    audience: Audience = "both"
    """Who attends: mentors, mentees, both, or coordinators."""

    minutes: int = Field(ge=15, le=480)
    """Length of the session; the activities must add up to it."""

    when: str = ""
    """When it happens, e.g. 'two weeks before the first meeting'."""

    date: dt.date | None = None
    """Date of the session, if fixed."""

    time: ClockTime | None = None
    """Start time, e.g. '14:00', on the scheme's time zone; calendars need it for a timed event."""

    place: str = ""
    """Where the session is held, or the online platform."""

    format: Literal["in person", "online", "either"] = "in person"
    """How it is delivered."""

    outcomes: list[str] = Field(default_factory=list)
    """What participants can do afterwards."""

    activities: list[Activity] = Field(default_factory=list)
    """The facilitator plan: timed activities in order."""

    @model_validator(mode="after")
    def _activities_fill_session(self) -> TrainingSession:
        total = sum(a.minutes for a in self.activities)
        if self.activities and total != self.minutes:
            raise ValueError(
                f"the activities add up to {total} minutes but the session lasts "
                f"{self.minutes}; change a length so they match"
            )
        return self


class Training(Model):
    """Training before the first meeting."""

    guidance: Markdown = ""
    """Why training matters and what to expect."""

    topics: list[TrainingTopic] = Field(default_factory=list)
    """The training material, topic by topic."""

    sessions: list[TrainingSession] = Field(default_factory=list)
    """The sessions held, each with a timed facilitator plan."""

    @model_validator(mode="after")
    def _topics_exist(self) -> Training:
        known = {t.id for t in self.topics}
        for session in self.sessions:
            for activity in session.activities:
                if activity.topic and activity.topic not in known:
                    raise ValueError(
                        f"activity '{activity.title}' names topic '{activity.topic}', "
                        f"which is not among the topics ({', '.join(sorted(known)) or 'none'})"
                    )
        return self
