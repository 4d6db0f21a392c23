"""Keeping people safe and the scheme on track: support, contingency, pairing."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import Markdown, Model, Person, ShortText, Url
from .timing import ClockTime, DateOrRelative

PhaseKind = Literal[
    "planning", "ethics", "recruitment", "pairing", "training", "meetings",
    "closing", "celebration", "follow-up", "other",
]
"""What a timeline phase is. Participants' calendars show PARTICIPANT_PHASES."""

PARTICIPANT_PHASES = ("closing", "celebration")
"""Kinds of phase that mentors and mentees also see in their calendars; their training
sessions, meetings and survey windows come from those sections."""


class EscalationStep(Model):
    """One rung of the escalation ladder, in the order people should use it."""

    who: ShortText
    """Who to turn to at this step."""

    when: str = ""
    """In which situations this step applies."""

    how: str = ""
    """How to reach them: email, phone, a form, in person."""


class Service(Model):
    """An existing support service of the institution that participants can use."""

    name: ShortText
    """Name of the service."""

    description: str = ""
    """What it helps with."""

    contact: str = ""
    """Email, phone or address."""

    url: Url = ""
    """Web page of the service."""

    hours: str = ""
    """When it is open."""

    on_card: bool = True
    """List it on the one-page support card as well as in the packs and on the
    site. Set false for services nobody needs in a hurry when the card is full."""


class Scenario(Model):
    """A situation that may arise, and what to do about it."""

    situation: ShortText
    """What happens, e.g. 'Your mentor tells you they feel unsafe'."""

    response: Markdown
    """What to do, step by step."""


class Support(Model):
    """Confidentiality, its limits and the support and escalation protocol."""

    confidentiality: Markdown = ""
    """What stays between the pair, and the respect expected."""

    limits: Markdown = ""
    """When confidentiality must be broken and what happens then."""

    escalation: list[EscalationStep] = Field(default_factory=list)
    """Who to turn to, in order, when something is wrong."""

    contacts: list[Person] = Field(default_factory=list)
    """People in the scheme who can help."""

    services: list[Service] = Field(default_factory=list)
    """Existing institutional support services, with contacts."""

    emergency: Markdown = ""
    """What to do in an emergency, out of hours included."""

    scenarios: list[Scenario] = Field(default_factory=list)
    """What to do in situations that may arise."""

    conflict: Markdown = ""
    """What to do when partners disagree or fall out."""

    ending_early: Markdown = ""
    """How either partner can end the partnership early, without blame."""

    last_reviewed: dt.date | None = None
    """When the protocol was last checked; shown on the card."""


class ContingencyPlan(Model):
    """A plan for something that may go wrong."""

    situation: ShortText
    """What may happen, e.g. 'The building closes'."""

    response: Markdown
    """What the scheme does then."""


class MatchWeights(Model):
    """Points a pair scores for what its partners share (``schemebook match``)."""

    themes: int = Field(3, ge=0, le=100)
    """Points for each theme of interest both partners chose."""

    availability: int = Field(2, ge=0, le=100)
    """Points for each weekly slot (a weekday's morning, afternoon or evening) both
    partners are free, counted up to three slots: more overlap than that adds nothing."""

    preferences: int = Field(5, ge=0, le=100)
    """Points when one partner asked for the other by name (twice that when both did)."""


class Pairing(Model):
    """How mentors and mentees are matched, by hand or by ``schemebook match``.

    ``match`` never pairs a mentor with someone in their line of report (its
    ``reports_to`` chain, either way), with someone they name as teaching,
    assessing, supervising or employing them, or with a named conflict; and
    always needs a language and a meeting format in common. The keys below
    switch the other rules and weigh the preferences.
    """

    method: Markdown = ""
    """How pairs are made and by whom."""

    criteria: list[str] = Field(default_factory=list)
    """What matching takes into account."""

    avoid: list[str] = Field(default_factory=list)
    """Relationships that rule out a pairing (conflicts of interest)."""

    rematching: Markdown = ""
    """What happens when a pair does not work or a partner leaves."""

    separate_units: bool = True
    """Never pair two people from the same unit or department. Set false for a
    scheme that runs inside one department."""

    common_time: bool = False
    """Only pair two people who are free in at least one common weekly slot (when
    both gave their availability). Off, a shared slot only adds points."""

    mentees_per_mentor: int = Field(1, ge=1, le=2)
    """How many mentees one mentor may take; a mentee always has one mentor. With 2,
    a mentor takes a second mentee only when someone would otherwise stay unpaired,
    and never when their application's 'capacity' cell says 1."""

    priority: Literal["most-paired", "best-score"] = "most-paired"
    """What ``match`` puts first: 'most-paired' pairs as many people as the rules
    allow, then picks the best score among those ways; 'best-score' takes the
    highest total score even if someone stays unpaired."""

    weights: MatchWeights = Field(default_factory=MatchWeights)
    """Points for shared themes, common free time and stated preferences."""


class Agreement(Model):
    """The partnership agreement and ground rules both partners accept."""

    text: Markdown = ""
    """The agreement in a few sentences."""

    ground_rules: list[str] = Field(default_factory=list)
    """Short rules both partners agree to."""


class Question(Model):
    """A frequently asked question."""

    question: ShortText
    """The question, as participants would ask it."""

    answer: Markdown
    """The answer."""

    audience: str = "all"
    """Who asks it: all, mentors, mentees or coordinators."""


class Phase(Model):
    """A phase of the scheme's year, from planning to follow-up."""

    title: ShortText
    """Name of the phase."""

    start: DateOrRelative | None = None
    """A date, or a date relative to the meetings ('last meeting + 6 months')."""

    end: DateOrRelative | None = None
    """A date or relative date; leave out for a single day."""

    description: Markdown = ""
    """What happens in this phase."""

    checklist: list[str] = Field(default_factory=list)
    """What the coordinator must get done."""

    kind: PhaseKind = "other"
    """What it is: planning, ethics, recruitment, pairing, training, meetings, closing,
    celebration, follow-up or other. Closing and celebration go in participants' calendars."""

    time: ClockTime | None = None
    """Start time on the first day, e.g. '18:00', for an event such as the celebration."""

    minutes: int | None = Field(None, ge=5, le=1440)
    """Length of a timed phase; the celebration defaults to reflection.celebration_minutes."""

    place: str = ""
    """Where it happens, for calendars and invitations."""
