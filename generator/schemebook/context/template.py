"""The context every page, print and message template sees (Pelican's middle stage).

Everything derived from the scheme is computed here once per language and
handed to every output as one :class:`Edition`, so templates stay free of
logic and the site, the packs, the calendars and the messages agree on
every date and figure.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..core.errors import InputError, Location, Problem
from ..core.i18n import Translator
from ..plan.events import AUDIENCES, CALENDAR_FILES, events_for, public_url, scheme_events
from ..plan.facts import reflection_lines, role_words
from ..plan.instruments import instruments
from ..plan.reflection import model_title, stages
from ..plan.schedule import (
    meeting_plan,
    pauses,
    plan_rows,
    relative_words,
    survey_windows,
    time_budget,
    timeline,
)
from ..plan.words import cadence_words, hours_figure, hours_words, length_words, minutes_words
from ..scheme.models import Scheme
from ..scheme.sectors import sector_words
from ..scheme.validate import Loaded
from .messages import merge_fields, render_messages

SURVEYS_CSV = "downloads/surveys.csv"
MESSAGES_FOLDER = "downloads/messages"


@dataclass(frozen=True)
class Download:
    """A file offered on the downloads page."""

    title: str
    path: str
    """Path relative to the site root, e.g. 'downloads/mentor-pack.pdf'."""
    description: str = ""
    size: str = ""
    pages: int = 0
    updating: bool = False
    """Being rendered again after an edit (``serve``): size and pages are the last ones."""


@dataclass(frozen=True)
class CalendarLink:
    """One audience's calendar as pages and packs link it."""

    audience: str
    label: str
    path: str
    """Relative to the site root."""
    url: str
    """Full address when the scheme has a site_url, else ''."""
    events: int


@dataclass(frozen=True)
class Edition:
    """One language of the handbook, made once and handed to every output."""

    code: str
    """'' for the main language, else the code of its folder (site/CODE/)."""
    loaded: Loaded
    tr: Translator
    stamp: dt.date
    """The date stamped on outputs."""
    context: dict[str, Any]
    """What templates see, by the names they use."""
    bytecode: jinja2.BytecodeCache | None = None
    """Where compiled templates are kept between builds, if anywhere."""

    @property
    def scheme(self) -> Scheme:
        return self.loaded.scheme

    @property
    def root(self) -> Path:
        """The project folder."""
        return self.loaded.root


def stamp_date(loaded: Loaded) -> dt.date:
    """The date stamped on outputs: scheme.yml's build_date, else SOURCE_DATE_EPOCH,
    else today, so that rebuilds of the same inputs are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not (epoch.isdigit() and int(epoch) < 2**32):
        raise InputError([Problem(Location("SOURCE_DATE_EPOCH"),  # MkDocs reads it too
                                  f"the environment variable is {epoch!r}, not a number of "
                                  "seconds since 1970", "unset it, or give e.g. "
                                  "$(git log -1 --format=%ct)")])
    if loaded.scheme.build_date:
        return loaded.scheme.build_date
    if epoch is None:
        return dt.date.today()
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()


def build_edition(loaded: Loaded, code: str = "",
                  bytecode: jinja2.BytecodeCache | None = None) -> Edition:
    """The edition of ``loaded``'s language: its context built once."""
    scheme = loaded.scheme
    tr = Translator.for_language(scheme.language)
    stamp = stamp_date(loaded)
    plan = meeting_plan(scheme)
    phases = timeline(scheme, plan)
    breaks = pauses(scheme.meetings, plan)
    context: dict[str, Any] = {
        "scheme": scheme,
        "plan": plan,
        "pauses": breaks,
        "plan_rows": plan_rows(plan, breaks),
        "cadence": cadence_words(scheme.meetings.cadence, tr),
        "meeting_length": length_words(scheme.meetings, tr),
        "phases": phases,
        "windows": survey_windows(scheme, plan),
        "budgets": {role: time_budget(scheme, role) for role in ("mentors", "mentees")},
        "stages": stages(scheme.reflection, tr),
        "model_title": model_title(scheme.reflection, tr),
        "reflection_lines": reflection_lines(scheme, tr),
        "writers": [role for role in ("mentors", "mentees")
                    if scheme.reflection.way(role) in ("written", "optional")],
        **role_words(scheme),
        "words": sector_words(scheme.sector, tr),
        "downloads": [],
        "coordinator_public": scheme.site.coordinator_section,
        "language": scheme.language,
        "build_date": stamp,
        **tr.functions(),
        "relative_date": lambda text: relative_words(str(text), tr),
        "hours_words": lambda low, high: hours_words(low, high, tr),
        "hours_figure": lambda low, high: hours_figure(low, high, tr),
        "minutes_words": lambda low, high: minutes_words(low, high, tr),
    }
    events = scheme_events(scheme, plan, phases, tr)
    public = scheme.site.coordinator_section
    context.update(
        events=events,
        calendar_links=_calendar_links(scheme, events, context, tr),
        instruments=instruments(scheme, plan, tr),
        surveys_csv=SURVEYS_CSV,
        surveys_csv_url=public_url(scheme, SURVEYS_CSV),
        merge_fields=merge_fields(tr),
        messages_folder=MESSAGES_FOLDER if public else "",
    )
    context["participant_messages"] = render_messages(loaded, tr, context, bytecode)
    return Edition(code, loaded, tr, stamp, context, bytecode)


def _calendar_links(scheme: Scheme, events: list[Any], words: dict[str, Any],
                    tr: Translator) -> list[CalendarLink]:
    labels = audience_labels(words, tr)
    links = []
    for audience in AUDIENCES:
        count = len(events_for(events, audience))
        if count and (audience != "coordinators" or scheme.site.coordinator_section):
            path = CALENDAR_FILES[audience]
            links.append(CalendarLink(audience, labels[audience], path,
                                      public_url(scheme, path), count))
    return links


def audience_labels(words: dict[str, Any], tr: Translator) -> dict[str, str]:
    """What each calendar's audience is called."""
    return {"mentors": words["mentors"], "mentees": words["mentees"],
            "coordinators": tr.gettext("Coordinators")}
