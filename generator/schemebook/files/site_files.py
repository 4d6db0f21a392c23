"""The lifecycle files published beside the pages: calendars, surveys.csv, messages.

Made from the edition's events, instruments and messages, in memory; the
build writes them with the rest of the site. The calendars' sequence record
is returned with them and saved only after the build succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context.template import MESSAGES_FOLDER, SURVEYS_CSV, Download, Edition, audience_labels
from ..core.text import human_size
from ..plan.events import CALENDAR_FILES
from .calendars import SequenceLock, build_calendars, lock_path
from .survey_csv import survey_csv


@dataclass(frozen=True)
class SiteFiles:
    """The files of one edition and the calendar record to keep after a good build."""

    files: dict[str, bytes]
    """Site path -> bytes."""
    lock: SequenceLock


def site_files(edition: Edition, lock: SequenceLock | None = None) -> SiteFiles:
    """The .ics calendars, surveys.csv and (when coordinator pages are public) messages.

    ``lock``: the sequence record to count moves against; read from calendar.lock
    when not given. Every edition of a scheme shares one record.
    """
    context = edition.context
    lock = lock if lock is not None else SequenceLock.read(lock_path(edition.root))
    calendars = build_calendars(edition.scheme, context["events"], edition.stamp, lock,
                                edition.tr, edition.code)
    files = dict(calendars.files)
    files[SURVEYS_CSV] = survey_csv(context["instruments"], edition.tr)
    if context["messages_folder"]:
        for message in context["participant_messages"]:
            files[f"{MESSAGES_FOLDER}/{message.filename}"] = message.text().encode("utf-8")
    return SiteFiles(files, lock)


def file_downloads(edition: Edition, files: dict[str, bytes]) -> list[Download]:
    """Downloads-page entries for the calendars and the survey CSV."""
    tr = edition.tr
    _ = tr.gettext
    labels = audience_labels(edition.context, tr)
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
