"""One .ics calendar per audience: the only module that knows icalendar.

Three promises make these files safe to subscribe to and to rebuild:

* **Identical rebuilds.** DTSTAMP is the build date at midnight UTC, events
  are sorted, and each VTIMEZONE covers a fixed span around the events.
* **Stable UIDs.** A UID is made from the scheme's name, its cohort and the
  event's identity (``meeting-2``, ``training-joint-launch``), never from a
  date, so a moved event stays the same event in people's calendars.
* **A rising SEQUENCE when an event moves.** Calendar programs ignore an
  update whose SEQUENCE is not higher than the one they hold. A number
  that only ever rises needs memory, so the project keeps a small record,
  ``calendar.lock`` beside scheme.yml: each UID's SEQUENCE and a
  fingerprint of its dates, time and place. When the fingerprint changes,
  the SEQUENCE goes up by one and the record is rewritten after a
  successful build. Commit it with scheme.yml. A build that cannot write
  it (a CI runner) still gives the same numbers from the committed record.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import icalendar

from ..core.confine import MAX_TEXT_BYTES, AssetRefused, confine, read_limited
from ..core.disk import write_atomic
from ..core.errors import InputError, Location, OutputError, Problem
from ..core.i18n import Translator
from ..plan.events import (
    AUDIENCES,
    CALENDAR_FILES,
    CalendarEvent,
    events_for,
    identifier,
    page_address,
)
from ..scheme.models import Scheme

LOCK_NAME = "calendar.lock"
"""The sequence record, beside scheme.yml."""

_LOCK_NOTE = ("Written by schemebook: the SEQUENCE of each calendar event and a fingerprint "
              "of its dates. Keep it with scheme.yml (commit it) so that moved events "
              "reach people's calendars as updates.")


def uid(scheme: Scheme, ident: str) -> str:
    """The event's UID: scheme, cohort and identity, no dates."""
    cohort = f"-{identifier(scheme.cohort)}" if scheme.cohort else ""
    return f"{ident}{cohort}@{identifier(scheme.name)}.schemebook"


@dataclass
class SequenceLock:
    """The SEQUENCE record kept in ``calendar.lock``."""

    events: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> SequenceLock:
        """The record; an empty one when there is no file yet.

        A record that cannot be read is an error, never a silent reset: numbers
        that fell back to 0 would make people's calendars ignore every update.
        """
        if not (path.exists() or path.is_symlink()):
            return cls()
        where = Location(path.name)
        try:
            raw = read_limited(confine(path.parent, path, path.name), MAX_TEXT_BYTES, path.name)
            data = json.loads(raw.decode("utf-8"))
        except (AssetRefused, OSError) as exc:
            raise InputError([_lock_problem(where, str(exc))]) from None
        except UnicodeDecodeError as exc:
            raise InputError([_lock_problem(where, f"byte {exc.start} is not UTF-8")]) from None
        except json.JSONDecodeError as exc:
            raise InputError([_lock_problem(Location(path.name, exc.lineno, exc.colno),
                                            f"not valid JSON: {exc.msg}")]) from None
        except RecursionError:
            raise InputError([_lock_problem(where, "nested too deeply")]) from None
        try:
            events = data["events"]
            if not isinstance(events, dict):
                raise TypeError
            clean = {str(k): {"sequence": int(v["sequence"]), "fingerprint": str(v["fingerprint"])}
                     for k, v in events.items()}
        except (ValueError, KeyError, TypeError):
            raise InputError([_lock_problem(where, "it does not hold the events schemebook "
                                            "records")]) from None
        return cls(clean)

    def text(self, note: str = _LOCK_NOTE) -> str:
        data = {"about": note, "events": dict(sorted(self.events.items()))}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def sequence(self, key: str, fingerprint: str) -> int:
        """The SEQUENCE for ``key`` now; records a move (one higher) or a new event (0)."""
        known = self.events.get(key)
        if known is None:
            self.events[key] = {"sequence": 0, "fingerprint": fingerprint}
            return 0
        if known["fingerprint"] != fingerprint:
            known["sequence"] = int(known["sequence"]) + 1
            known["fingerprint"] = fingerprint
        return int(known["sequence"])


def _plain(text: str) -> str:
    return " ".join(text.split()) if "\n" not in text else text.strip()


def calendar_ics(scheme: Scheme, events: list[CalendarEvent], audience: str,
                 stamp: dt.date, sequences: dict[str, int], tr: Translator,
                 title: str = "") -> bytes:
    """One audience's calendar as bytes; ``title`` replaces the audience's calendar name."""
    _ = tr.gettext
    names = {"mentors": _("for mentors"), "mentees": _("for mentees"),
             "coordinators": _("for coordinators")}
    title = title or (f"{scheme.name}{f' {scheme.cohort}' if scheme.cohort else ''} "
                      f"({names[audience]})")
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//schemebook//{identifier(scheme.name)}//{scheme.language.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", scheme.timezone)
    home = page_address(scheme, "index.md")
    dtstamp = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC)
    chosen = events_for(events, audience)
    for item in chosen:
        event = icalendar.Event()
        key = uid(scheme, item.ident)
        event.add("uid", key)
        event.add("dtstamp", dtstamp)
        event.add("sequence", sequences.get(key, 0))
        event.add("summary", item.summary)
        description = item.description
        if audience == "coordinators" and item.checklist:
            description = "\n".join([description, _("Checklist:"),
                                     *(f"- {c}" for c in item.checklist)]).strip()
        if description:
            event.add("description", _plain(description))
        if item.start is not None and item.end is not None:
            event.add("dtstart", item.start)
            event.add("dtend", item.end)
        else:
            event.add("dtstart", item.first)
            event.add("dtend", item.last + dt.timedelta(days=1))
        if item.place:
            event.add("location", item.place)
        if home:
            event.add("url", home)
        event.add("transp", "OPAQUE" if item.busy else "TRANSPARENT")
        cal.add_component(event)
    if chosen:
        first = min(e.first for e in chosen)
        last = max(e.last for e in chosen)
        cal.add_missing_timezones(dt.date(first.year - 1, 1, 1), dt.date(last.year + 2, 1, 1))
    return bytes(cal.to_ical())


@dataclass(frozen=True)
class Calendars:
    """The calendar files of a build and the sequence record to keep."""

    files: dict[str, bytes]
    """Site path -> .ics bytes; only audiences with at least one event."""
    counts: dict[str, int]
    lock: SequenceLock


def build_calendars(scheme: Scheme, events: list[CalendarEvent], stamp: dt.date,
                    lock: SequenceLock, tr: Translator, language: str = "") -> Calendars:
    """Every audience's calendar; the coordinators' one only when it may be published.

    ``lock`` learns each event's SEQUENCE; save it once the build has succeeded.
    A further language's events are recorded under ``LANGUAGE:UID``, so a place
    named differently in each language never counts as a move.
    """
    prefix = f"{language}:" if language else ""
    sequences = {uid(scheme, e.ident): lock.sequence(prefix + uid(scheme, e.ident),
                                                     e.fingerprint())
                 for e in events}
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for audience in AUDIENCES:
        count = len(events_for(events, audience))
        if not count or (audience == "coordinators" and not scheme.site.coordinator_section):
            continue
        counts[audience] = count
        files[CALENDAR_FILES[audience]] = calendar_ics(scheme, events, audience, stamp,
                                                        sequences, tr)
    return Calendars(files, counts, lock)


def _lock_problem(where: Location, why: str) -> Problem:
    return Problem(where, f"calendar.lock cannot be read: {why}",
                   "restore it from git (git checkout calendar.lock); only if there is no good "
                   "copy, delete it: the numbers start again at 0 and calendars that already "
                   "hold the events will not take moved dates")


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


def save_lock(root: Path, lock: SequenceLock) -> bool:
    """Rewrite calendar.lock when it changed; False when it could not be written."""
    path = lock_path(root)
    text = lock.text()
    try:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return True
        write_atomic(path, text.encode("utf-8"))
    except (OSError, OutputError):
        return False
    return True
