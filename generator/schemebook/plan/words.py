"""The scheme's figures in words, as coordinators say them, in each language.

Pages, packs, calendars and messages all say "every three weeks", "45 minutes"
or "1.5 to 2 hours" through these functions, so a fixed length is never
"45 to 45 minutes" and weeks are never counted in days.
"""

from __future__ import annotations

from ..core.i18n import N_, NN_, Translator
from ..scheme.models import Meetings
from ..scheme.models.timing import Cadence

_EVERY: dict[str, dict[int, str]] = {
    "week": {1: N_("every week"), 2: N_("every two weeks"), 3: N_("every three weeks"),
             4: N_("every four weeks"), 5: N_("every five weeks"), 6: N_("every six weeks"),
             7: N_("every seven weeks"), 8: N_("every eight weeks"),
             9: N_("every nine weeks"), 10: N_("every ten weeks"),
             11: N_("every eleven weeks"), 12: N_("every twelve weeks")},
    "month": {1: N_("every month"), 2: N_("every two months"), 3: N_("every three months"),
              4: N_("every four months"), 5: N_("every five months"),
              6: N_("every six months"), 7: N_("every seven months"),
              8: N_("every eight months"), 9: N_("every nine months"),
              10: N_("every ten months"), 11: N_("every eleven months"),
              12: N_("every twelve months")},
    "day": {},
}
"""Whole phrases, so that each language words its own numbers (Welsh 'bob tair wythnos')."""

_EVERY_MANY = {
    "week": NN_("every %(num)s week", "every %(num)s weeks"),
    "month": NN_("every %(num)s month", "every %(num)s months"),
    "day": NN_("every day", "every %(num)s days"),
}


def cadence_words(cadence: Cadence, tr: Translator) -> str:
    """'every three weeks', 'every month', 'every 10 days', in ``tr``'s language."""
    phrase = _EVERY[cadence.unit].get(cadence.n)
    if phrase:
        return tr.gettext(phrase)
    one, many = _EVERY_MANY[cadence.unit]
    return tr.ngettext(one, many, cadence.n)


def minutes_words(low: int, high: int, tr: Translator) -> str:
    """'45 minutes', or '60 to 90 minutes' for a range."""
    if low == high:
        return tr.gettext("%(n)s minutes", n=high)
    return tr.gettext("%(low)s to %(high)s minutes", low=low, high=high)


def length_words(meetings: Meetings, tr: Translator) -> str:
    """How long a meeting lasts, in words."""
    return minutes_words(meetings.min_minutes, meetings.max_minutes, tr)


def hours_words(low: float, high: float, tr: Translator) -> str:
    """'2 hours', '11.8 hours', or '1.5 to 2 hours', with the language's decimals."""
    low, high = round(low, 1), round(high, 1)
    if low == high:
        return tr.ngettext("%(num)s hour", "%(num)s hours", high, num=tr.number(high))
    return tr.gettext("%(low)s to %(high)s hours", low=tr.number(low), high=tr.number(high))


def hours_figure(low: float, high: float, tr: Translator) -> str:
    """Hours as a table shows them: '11.8', or '10.5–12' for a range."""
    low, high = round(low, 1), round(high, 1)
    if low == high:
        return tr.number(high)
    return f"{tr.number(low)}–{tr.number(high)}"
