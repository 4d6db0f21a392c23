"""Warnings where a scheme contradicts itself: each says what the build will do.

A scheme in draft often has five themes for four meetings, a measure no
survey asks about, a review date typed a year ahead, or a brand colour too
pale for text. None of these stops a build, but each would put something
in front of participants that the coordinator did not mean, so each is
located and explained here, and ``--strict`` stops on them.
"""

from __future__ import annotations

import datetime as dt
import re

from ..core.colour import TEXT_RATIO, WHITE, contrast, palette
from ..core.errors import Report
from ..scheme.validate import Loaded

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

_COMMON = frozenset({"about", "after", "before", "being", "their", "there", "these",
                     "those", "which", "where", "other", "would", "could", "should",
                     "every", "people", "through", "group", "senior", "staff", "thing"})
"""Word stems too common to show that an item asks about a measure."""

_SOURCE = re.compile(r"\([^)]*\)\s*$")
"""A measure that ends by saying in brackets how it is found out: '(from HR records)'."""


def check_consistency(loaded: Loaded, report: Report, today: dt.date) -> None:
    """Add a located warning for each place the scheme contradicts itself."""
    _check_themes(loaded, report)
    _check_measures(loaded, report)
    _check_review_date(loaded, report, today)
    _check_colours(loaded, report)


def _check_themes(loaded: Loaded, report: Report) -> None:
    """Themes are suggested one per meeting: say what happens when the counts differ."""
    scheme = loaded.scheme
    themes, count = scheme.themes, scheme.meetings.count
    if scheme.agenda != "themed" or not themes or len(themes) == count:
        return
    where = loaded.document.locate(("themes",))
    if len(themes) < count:
        repeats = count - len(themes)
        report.warn(where, f"{len(themes)} themes for {count} meetings: from meeting "
                    f"{len(themes) + 1} the themes repeat from theme 1 ('{themes[0].title}'), "
                    f"so {repeats} meeting{'s' if repeats > 1 else ''} get a theme again",
                    "add themes, set meetings.count to the number of themes, "
                    "or set agenda: open")
        return
    dropped = themes[count:]
    names = ", ".join(f"'{t.title}'" for t in dropped)
    report.warn(where, f"{len(themes)} themes for {count} meetings: theme"
                f"{'s' if len(dropped) > 1 else ''} {names} "
                f"{'are' if len(dropped) > 1 else 'is'} left out of the plan",
                "remove or merge themes, or add meetings")


def _stems(text: str) -> set[str]:
    """Words of five letters or more by their first five ('valued', 'value'); a
    hyphenated word whole, so 'under-represented' is not 'understand'."""
    words = (w.lower() for w in _WORD.findall(text) if len(w) >= 5)
    stems = {w if "-" in w else w[:5] for w in words}
    return {s for s in stems if s[:5] not in _COMMON}


def _check_measures(loaded: Loaded, report: Report) -> None:
    """A measure listed as 'what we measure' should be asked about by some survey item.

    An item asks about a measure when its ``measure`` or its wording shares a
    word (by its first five letters) with the measure's text after the
    audience ('Mentors: ...'). A measure that says in brackets how else it is
    found out ('(from HR records)') is not looked for. Word matching needs
    English: other languages are checked by the English edition of a
    bilingual scheme.
    """
    scheme = loaded.scheme
    evaluation = scheme.evaluation
    if scheme.language != "en" or not evaluation.measures:
        return
    asked: set[str] = set()
    for item in evaluation.items:
        asked |= _stems(f"{item.measure} {item.text}")
    for scale in evaluation.referenced_scales:
        asked |= _stems(scale.name)
    if not evaluation.items:
        asked |= _stems("value visibility belonging confidence barriers practice experience "
                        "meetings training lasting change")  # the built-in items' measures
    for i, measure in enumerate(evaluation.measures):
        what = measure.split(":", 1)[-1]
        if _SOURCE.search(what) or not _stems(what):
            continue
        if not _stems(what) & asked:
            report.warn(loaded.document.locate(("evaluation", "measures", i), value=True),
                        f"evaluation.measures: no survey item asks about '{measure.strip()}'",
                        "add an item to evaluation.items with a measure for it, or say "
                        "in brackets how else it is found out, e.g. '(from HR records)'")


def _check_review_date(loaded: Loaded, report: Report, today: dt.date) -> None:
    """The card prints the review date beside the build date: it cannot be later."""
    reviewed = loaded.scheme.support.last_reviewed
    stamp = loaded.scheme.build_date or today
    if reviewed is not None and reviewed > stamp:
        report.warn(loaded.document.locate(("support", "last_reviewed"), value=True),
                    f"support.last_reviewed is {reviewed.isoformat()}, after the date "
                    f"stamped on this build ({stamp.isoformat()}): the card and packs "
                    "would say the protocol was reviewed in the future",
                    "check the year, or the build_date")


def _check_colours(loaded: Loaded, report: Report) -> None:
    """Say when a brand colour is too pale for text, and the one shade both outputs use."""
    brand = loaded.scheme.brand
    shown = palette(brand.primary, brand.accent)
    for key, given, used, where in (
            ("primary", brand.primary, shown.primary_text, "headings and links"),
            ("accent", brand.accent, shown.accent, "link highlights, focus rings, "
                                                   "the cover stripe and warning borders")):
        if used != given:
            report.warn(
                loaded.document.locate(("brand", key), value=True),
                f"brand.{key} {given} has a contrast of {contrast(given, WHITE):.2f}:1 "
                f"with white, below the {TEXT_RATIO}:1 text needs (WCAG 2.2 AA): the site "
                f"and the packs both show {where} in {used} instead",
                f"set brand.{key}: '{used}' to choose that shade yourself, "
                "or pick a darker colour")
