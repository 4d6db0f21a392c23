"""The reflective logs: one sheet per meeting, with named, fillable boxes.

The packs, the standalone log and the personalised packs all print these
sheets; a box's name is the PDF form field's name, unique in its document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..core.i18n import Translator
from ..core.text import slug


@dataclass(frozen=True)
class LogField:
    """One fillable box of a reflective log."""

    name: str
    """Form field name, unique in the document, e.g. ``log2_feelings``."""
    label: str
    """Visible label; also the field's tooltip."""
    prompts: tuple[str, ...] = ()
    multiline: bool = False
    value: str = ""
    room: float = 1
    """Writing room against the other stages' (``reflection.stages[].room``)."""


@dataclass(frozen=True)
class LogSheet:
    """The log for one meeting."""

    number: int
    date: dt.date | None
    theme: str
    details: tuple[LogField, ...]
    stages: tuple[LogField, ...]
    actions: LogField


class _Names:
    """Field names of one sheet: 'log2_' and a word, numbered when a word repeats."""

    def __init__(self, number: int) -> None:
        self.prefix = f"log{number}_"
        self.used: set[str] = set()

    def __call__(self, word: str) -> str:
        name = self.prefix + word
        candidate, n = name, 2
        while candidate in self.used:
            candidate, n = f"{name}_{n}", n + 1
        self.used.add(candidate)
        return candidate


def log_sheets(plan: list[Any], stages: list[Any], tr: Translator,
               partner_box: bool = True) -> list[LogSheet]:
    """One log per planned meeting. ``partner_box``: a box for the partner's name
    (personalised packs print the name instead)."""
    _ = tr.gettext
    sheets = []
    for meeting in plan:
        name = _Names(meeting.number)
        details = [LogField(name("meeting"), _("Meeting number"), value=str(meeting.number)),
                   LogField(name("date"), _("Date"))]
        if partner_box:
            details.append(LogField(name("partner"), _("Partner's name")))
        boxes = tuple(
            LogField(name(slug(stage.name, "_", ascii_only=True) or f"stage{i}"), stage.name,
                     tuple(stage.prompts), multiline=True, room=stage.room)
            for i, stage in enumerate(stages, start=1)
        )
        actions = LogField(name("actions"), _("Action points"),
                           (_("What will I do, and by when?"),), multiline=True)
        sheets.append(LogSheet(meeting.number, meeting.date, meeting.theme,
                               tuple(details), boxes, actions))
    return sheets
