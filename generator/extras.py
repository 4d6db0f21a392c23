"""The scheme's lifecycle outputs beside pages and packs, and what pages need to link them.

Calendars, the survey CSV and the message texts are made here from the
schedule, the instruments and the message templates. :func:`lifecycle_context`
is added to every page's and print template's context, so the web pages and
the packs name the same files and dates; :func:`site_files` gives the bytes
the build writes into the site. Nothing here writes to disk except
:func:`keep_sequence_record`, after a build succeeded.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .calendars import SequenceLock, build_calendars, lock_path, save_lock
from .i18n import Translator
from .lifecycle import AUDIENCES, CALENDAR_FILES, events_for, public_url, scheme_events
from .messages import merge_fields, render_messages
from .schedule import meeting_plan, timeline
from .surveys import instruments, survey_csv
from .validate import Loaded

if TYPE_CHECKING:
    from .context import Download

SURVEYS_CSV = "downloads/surveys.csv"
MESSAGES_FOLDER = "downloads/messages"


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


def _audience_labels(loaded: Loaded, tr: Translator) -> dict[str, str]:
    roles = loaded.scheme.roles
    return {"mentors": roles.mentor.plural or roles.mentor.label + "s",
            "mentees": roles.mentee.plural or roles.mentee.label + "s",
            "coordinators": tr.gettext("Coordinators")}


_MADE: dict[int, tuple[weakref.ref[Loaded], str, dict[str, Any]]] = {}
"""lifecycle_context per loaded scheme: one build asks for it four times."""


def lifecycle_context(loaded: Loaded, tr: Translator) -> dict[str, Any]:
    """Calendars, instruments and messages, for pages and print templates."""
    for key, (ref, _language, _values) in list(_MADE.items()):
        if ref() is None:
            del _MADE[key]
    made = _MADE.get(id(loaded))
    if made is not None and made[0]() is loaded and made[1] == tr.language:
        return dict(made[2])
    values = _lifecycle_context(loaded, tr)
    _MADE[id(loaded)] = (weakref.ref(loaded), tr.language, values)
    return dict(values)


def _lifecycle_context(loaded: Loaded, tr: Translator) -> dict[str, Any]:
    scheme = loaded.scheme
    plan = meeting_plan(scheme)
    events = scheme_events(scheme, plan, timeline(scheme, plan), tr)
    labels = _audience_labels(loaded, tr)
    links = []
    for audience in AUDIENCES:
        count = len(events_for(events, audience))
        if count and (audience != "coordinators" or scheme.site.coordinator_section):
            path = CALENDAR_FILES[audience]
            links.append(CalendarLink(audience, labels[audience], path,
                                      public_url(scheme, path), count))
    public = scheme.site.coordinator_section
    return {
        "calendar_links": links,
        "instruments": instruments(scheme, plan, tr),
        "surveys_csv": SURVEYS_CSV,
        "surveys_csv_url": public_url(scheme, SURVEYS_CSV),
        "participant_messages": render_messages(scheme, loaded.root, tr),
        "merge_fields": merge_fields(tr),
        "messages_folder": MESSAGES_FOLDER if public else "",
    }


def site_files(loaded: Loaded, stamp: dt.date) -> dict[str, bytes]:
    """The .ics calendars, surveys.csv and (when coordinator pages are public) messages."""
    scheme = loaded.scheme
    tr = Translator.for_language(scheme.language)
    lock = SequenceLock.read(lock_path(loaded.root))
    files = dict(build_calendars(scheme, stamp, lock, tr).files)
    context = lifecycle_context(loaded, tr)
    files[SURVEYS_CSV] = survey_csv(context["instruments"], tr)
    if context["messages_folder"]:
        for message in context["participant_messages"]:
            files[f"{MESSAGES_FOLDER}/{message.filename}"] = message.text().encode("utf-8")
    return files


def extra_downloads(loaded: Loaded, files: dict[str, bytes], tr: Translator) -> list[Download]:
    """Downloads-page entries for the calendars and the survey CSV."""
    from .context import Download  # context imports this module

    _ = tr.gettext
    labels = _audience_labels(loaded, tr)
    entries = []
    for audience, path in CALENDAR_FILES.items():
        if path in files:
            entries.append(Download(
                _("Calendar for %(people)s", people=labels[audience].lower()), path,
                _("Every date for %(people)s, to add to Outlook, Google or Apple Calendar.",
                  people=labels[audience].lower()),
                human_size(len(files[path]), tr)))
    entries.append(Download(
        _("Survey questions (CSV)"), SURVEYS_CSV,
        _("Every survey question, one per row, with its scale: for loading into a survey "
          "tool."), human_size(len(files[SURVEYS_CSV]), tr)))
    return entries


def human_size(size: int, tr: Translator) -> str:
    """'3 KB' or '1.2 MB' in the scheme's number format."""
    if size < 1024 * 1024:
        return f"{tr.number(max(1, round(size / 1024)))} KB"
    return f"{tr.number(round(size / 1024 / 1024, 1))} MB"


def keep_sequence_record(loaded: Loaded, stamp: dt.date) -> bool:
    """After a successful build: record each calendar event's SEQUENCE in calendar.lock."""
    scheme = loaded.scheme
    lock = SequenceLock.read(lock_path(loaded.root))
    build_calendars(scheme, stamp, lock, Translator.for_language(scheme.language))
    return save_lock(loaded.root, lock)
