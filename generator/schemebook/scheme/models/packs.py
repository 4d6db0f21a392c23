"""Which printable packs are built, and which sections each one holds.

Each pack is a list of sections in reading order. A section is a template
``sections/NAME.html`` under ``templates/print/`` (the project's own folder
first), so a project can reword a built-in section or add one of its own
by adding a file and naming it here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .base import Model

SectionName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,40}$")]
"""A section's name: lower-case letters, digits, '-' or '_'."""

PARTICIPANT_SECTIONS = [
    "welcome", "scheme", "role", "agreement", "themes", "meetings",
    "reflection", "support", "training", "faq", "contacts",
]
"""Sections of the mentor and mentee packs, in order."""

COORDINATOR_SECTIONS = [
    "welcome", "scheme", "roles", "timeline", "pairing", "agreement", "themes",
    "meetings", "reflection", "support", "contingency", "training", "facilitation",
    "time", "evaluation", "surveys", "messages", "faq", "contacts",
]
"""Sections of the coordinator pack, in order."""

BUILTIN_SECTIONS = sorted(set(PARTICIPANT_SECTIONS) | set(COORDINATOR_SECTIONS))
"""Every section schemebook ships a template for."""


class Pack(Model):
    """One printable pack: whether it is built and what it holds."""

    build: bool = True
    """Build this pack; false leaves it out of the site and the downloads."""

    sections: list[SectionName] = Field(default_factory=lambda: list(PARTICIPANT_SECTIONS))
    """Sections in reading order. Your own sections need templates/print/sections/NAME.html."""

    leave_out: list[SectionName] = Field(default_factory=list)
    """Sections to drop from the list above, e.g. [faq, training]."""

    fillable: bool = True
    """Make the reflective logs in this pack fillable on screen (PDF form fields)."""

    @model_validator(mode="after")
    def _sections_make_sense(self) -> Pack:
        seen: set[str] = set()
        for name in self.sections:
            if name in seen:
                raise ValueError(f"section '{name}' is listed twice")
            seen.add(name)
        for name in self.leave_out:
            if name not in seen:
                raise ValueError(
                    f"leave_out names '{name}', which is not among the sections "
                    f"({', '.join(self.sections)})"
                )
        return self

    def chosen(self) -> list[str]:
        """The sections left after ``leave_out``, in order."""
        return [s for s in self.sections if s not in self.leave_out]


class CoordinatorPack(Pack):
    """The coordinator's pack: the participants' sections plus the whole plan."""

    sections: list[SectionName] = Field(default_factory=lambda: list(COORDINATOR_SECTIONS))
    """Sections in reading order. Your own sections need templates/print/sections/NAME.html."""


class Extra(Model):
    """A printable that is not a pack: the standalone log or the support card."""

    build: bool = True
    """Build this file; false leaves it out."""

    fillable: bool = True
    """Fillable on screen (PDF form fields); only the reflective log has fields."""


class Packs(Model):
    """The printable packs built next to the website, into downloads/."""

    mentor: Pack = Pack()
    """The mentor's pack."""

    mentee: Pack = Pack()
    """The mentee's pack."""

    coordinator: CoordinatorPack = CoordinatorPack()
    """The coordinator's pack; published only when site.coordinator_section is true."""

    log: Extra = Extra()
    """The standalone reflective log: one log per meeting."""

    card: Extra = Extra(fillable=False)
    """The one-page support quick-reference card."""
