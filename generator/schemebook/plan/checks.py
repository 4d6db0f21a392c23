"""Checks a type cannot express: support routes, assets, dates, time asked.

Errors stop the build; warnings are printed and the build goes on, because
a scheme in draft should still be viewable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from ..core.colour import WHITE, contrast, passing_shade, text_on
from ..core.confine import FONT_SUFFIXES, IMAGE_SUFFIXES, AssetRefused, resolve_asset
from ..core.errors import Report
from ..core.escape import font_family_problem
from ..core.images import image_size, size_problem
from ..scheme.load import dotted, leaves
from ..scheme.validate import Loaded
from .consistency import check_consistency
from .schedule import (
    meeting_dates,
    meeting_plan,
    parse_relative,
    resolve_date,
    time_budget,
    wall_time_exists,
)


def check_scheme(loaded: Loaded, report: Report, today: dt.date) -> None:
    """Add every domain error and warning about ``loaded`` to ``report``."""
    before = len(report.errors)
    _check_years(loaded, report)
    if len(report.errors) > before:
        return  # date arithmetic on such a year fails: the years come first
    _check_assets(loaded, report)
    _check_support(loaded, report, today)
    _check_meetings(loaded, report)
    _check_timeline(loaded, report)
    _check_time(loaded, report)
    _check_header_colour(loaded, report)
    check_consistency(loaded, report, today)


MAX_OFFSET_DAYS = 3660
"""Relative dates reach at most ten years from the meetings."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

YEARS = range(1900, 2200)
"""Years a scheme's dates may fall in; anything else is a typing mistake."""


def _check_years(loaded: Loaded, report: Report) -> None:
    """A date in year 9999 (or 0206) is a slip of the keyboard, and breaks date arithmetic."""
    for path, node in leaves(loaded.document.data):
        if isinstance(node, str) and _ISO_DATE.match(node):
            with contextlib.suppress(ValueError):
                node = dt.date.fromisoformat(node)
        if isinstance(node, dt.date) and node.year not in YEARS:
            report.error(loaded.document.locate(path, value=True),
                         f"{dotted(path)}: {node.isoformat()} is not in a year between "
                         f"{YEARS.start} and {YEARS.stop - 1}", "check the year")


def _check_assets(loaded: Loaded, report: Report) -> None:
    brand = loaded.scheme.brand
    doc = loaded.document
    for key, value in (("logo", brand.logo), ("favicon", brand.favicon)):
        if value is None:
            continue
        try:
            path = resolve_asset(loaded.root, value, IMAGE_SUFFIXES)
        except AssetRefused as exc:
            report.error(doc.locate(("brand", key)), f"brand.{key}: {exc}")
            continue
        loaded.inputs.append(path)
        error, warning = size_problem(image_size(path))
        if error:
            report.error(doc.locate(("brand", key), value=True), f"brand.{key}: {error}",
                         "save a smaller copy, e.g. 600 pixels across")
        elif warning:
            report.warn(doc.locate(("brand", key), value=True), f"brand.{key}: {warning}",
                        "save a smaller copy, e.g. 600 pixels across")
    if brand.logo and not brand.logo_alt:
        report.warn(doc.locate(("brand", "logo")),
                    "brand.logo has no logo_alt text for screen readers",
                    "add logo_alt: 'Your organisation logo'")
    for key, value in (("font", brand.font), ("heading_font", brand.heading_font)):
        if value and ("/" in value or value.lower().endswith(tuple(FONT_SUFFIXES))):
            try:
                loaded.inputs.append(resolve_asset(loaded.root, value, FONT_SUFFIXES))
            except AssetRefused as exc:
                report.error(doc.locate(("brand", key)), f"brand.{key}: {exc}")
        elif value and (why := font_family_problem(value)):
            report.error(doc.locate(("brand", key), value=True), f"brand.{key}: {why}")


def _check_support(loaded: Loaded, report: Report, today: dt.date) -> None:
    support, doc = loaded.scheme.support, loaded.document
    here = doc.locate(("support",))
    if not support.contacts and not loaded.scheme.contact.email:
        report.warn(here, "support lists no contact people and the coordinator has no email",
                    "add support.contacts so participants know whom to ask")
    if not support.escalation:
        report.warn(here, "support has no escalation steps",
                    "add support.escalation: who to turn to, in order")
    if not support.emergency.strip():
        report.warn(here, "support has no emergency route",
                    "add support.emergency: what to do when someone is at risk")
    reviewed = support.last_reviewed
    if reviewed is None:
        report.warn(here, "support.last_reviewed is not set",
                    "review the protocol and record the date")
    elif (today - reviewed).days > 365:
        report.warn(doc.locate(("support", "last_reviewed")),
                    f"the support protocol was last reviewed on {reviewed.isoformat()}, "
                    "over a year ago", "check contacts and services, then update the date")


def _check_meetings(loaded: Loaded, report: Report) -> None:
    meetings, doc = loaded.scheme.meetings, loaded.document
    if meetings.start is None:
        for key in ("skip", "end"):
            if getattr(meetings, key):
                report.warn(doc.locate(("meetings", key)),
                            f"meetings.{key} is set but meetings.start is not, so it is not used",
                            "add meetings.start, the first day of the meeting period")
        return
    dated = meeting_dates(meetings)
    last = dated[-1][0]
    period_end = meetings.end or last
    if meetings.end and last > meetings.end:
        report.error(
            doc.locate(("meetings", "count")),
            f"{meetings.count} meetings at this interval run to {last.isoformat()}, "
            f"after the meeting period ends on {meetings.end.isoformat()}",
            "fewer meetings, a shorter interval, or a later end",
        )
    for i, skip in enumerate(meetings.skip):
        if skip.start > period_end or (skip.end or skip.start) < meetings.start:
            report.warn(doc.locate(("meetings", "skip", i)),
                        f"skipped date {skip.start.isoformat()} is outside the meeting period "
                        f"({meetings.start.isoformat()} to {period_end.isoformat()})",
                        "remove it or check the year")


def _check_timeline(loaded: Loaded, report: Report) -> None:
    scheme = loaded.scheme
    surveys = scheme.evaluation.surveys
    relative: list[tuple[tuple[str | int, ...], object]] = [
        (("timeline", i, key), getattr(phase, key))
        for i, phase in enumerate(scheme.timeline) for key in ("start", "end")
    ]
    relative += [(("evaluation", "surveys", stage, "opens"), getattr(surveys, stage).opens)
                 for stage in ("pre", "post", "follow_up")]
    relative.append((("messages", "apply_by"), scheme.messages.apply_by))
    for path, value in relative:
        if not isinstance(value, str):
            continue
        parsed = parse_relative(value)
        if parsed is None:
            report.error(
                loaded.document.locate(path),
                f"{dotted(path)}: '{value}' is not a date or a relative date",
                "write 2026-09-01, or e.g. 'first meeting - 4 weeks', "
                "'last meeting + 6 months'",
            )
        elif abs(parsed[1]) * {"day": 1, "week": 7, "month": 31}[parsed[2]] > MAX_OFFSET_DAYS:
            report.error(loaded.document.locate(path),
                         f"{dotted(path)}: '{value}' is more than ten years from the meetings",
                         "check the number")
    _check_clock_times(loaded, report)


def _check_clock_times(loaded: Loaded, report: Report) -> None:
    """Times need a date, and must exist on the scheme's clock (not lost to daylight saving)."""
    scheme, doc = loaded.scheme, loaded.document
    plan = meeting_plan(scheme)
    timed: list[tuple[tuple[str | int, ...], dt.date | None, dt.time | None]] = [
        (("training", "sessions", i), s.date, s.time)
        for i, s in enumerate(scheme.training.sessions)
    ]
    timed += [(("timeline", i), resolve_date(p.start, plan), p.time)
              for i, p in enumerate(scheme.timeline)]
    for path, day, time in timed:
        if time is None:
            continue
        if day is None:
            report.warn(doc.locate((*path, "time")),
                        f"{dotted(path)} has a time but no date, so calendars leave it out",
                        "add a date, or set meetings.start if the date is relative")
        elif not wall_time_exists(day, time, scheme.timezone):
            report.warn(doc.locate((*path, "time")),
                        f"{dotted(path)}: {time:%H:%M} on {day.isoformat()} does not exist in "
                        f"{scheme.timezone}: the clocks go forward that night",
                        "choose another time")


def _check_time(loaded: Loaded, report: Report) -> None:
    cap = loaded.scheme.site.time_cap_hours
    for role in ("mentors", "mentees"):
        budget = time_budget(loaded.scheme, role)
        if budget.high_hours > cap:
            report.warn(
                loaded.document.locate(("meetings",)),
                f"{role} are asked for up to {budget.high_hours} hours, "
                f"above the cap of {cap} hours (site.time_cap_hours)",
                "fewer or shorter meetings, or a higher cap if this is intended",
            )


def _check_header_colour(loaded: Loaded, report: Report) -> None:
    """Text on the primary colour (the header, covers) is white or black: one must read."""
    brand = loaded.scheme.brand
    on_primary = text_on(brand.primary)
    ratio = contrast(brand.primary, on_primary)
    if ratio < 4.5:
        report.warn(
            loaded.document.locate(("brand", "primary"), value=True),
            f"neither white nor black text reaches 4.5:1 on brand.primary {brand.primary} "
            f"(best {ratio:.2f}:1); the header and covers will be hard to read",
            f"try {passing_shade(brand.primary, WHITE, 4.5)}",
        )
