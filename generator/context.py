"""Build the context every page and print template sees (Pelican's middle stage).

Everything derived from the scheme is computed here once, so that templates
stay free of logic and the site and the packs agree on every date and figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .extras import lifecycle_context
from .i18n import Translator
from .reflective import model_title, stages
from .schedule import meeting_plan, time_budget, timeline
from .validate import Loaded


@dataclass(frozen=True)
class Download:
    """A file offered on the downloads page."""

    title: str
    path: str
    """Path relative to the site root, e.g. 'downloads/mentor-pack.pdf'."""
    description: str = ""
    size: str = ""
    pages: int = 0


PAGES: dict[str, str] = {
    "home": "index.md",
    "mentors": "mentors.md",
    "mentees": "mentees.md",
    "themes": "themes.md",
    "meetings": "meetings.md",
    "reflection": "reflection.md",
    "log": "log.md",
    "support": "support.md",
    "training": "training.md",
    "timeline": "timeline.md",
    "evaluation": "evaluation.md",
    "surveys": "surveys.md",
    "paperwork": "paperwork.md",
    "faq": "faq.md",
    "privacy": "privacy.md",
    "downloads": "downloads.md",
    "accessibility": "accessibility.md",
    "coordinator": "coordinator/index.md",
    "planning": "coordinator/planning.md",
    "pairing": "coordinator/pairing.md",
    "contingency": "coordinator/contingency.md",
    "time": "coordinator/time.md",
    "facilitation": "coordinator/facilitation.md",
    "messages": "coordinator/messages.md",
    "reference": "coordinator/reference.md",
}
"""Built-in pages by key; the values are paths under ``content/``."""


def _build_date(loaded: Loaded) -> dt.date:
    """The date stamped on outputs (build.build_date), for the accessibility statement."""
    from .build import build_date  # imported here: build.py imports this module

    return build_date(loaded)


def build_context(
    loaded: Loaded, downloads: list[Download] | None = None
) -> dict[str, Any]:
    """Everything templates may use, keyed by the names they use."""
    scheme = loaded.scheme
    tr = Translator.for_language(scheme.language)
    plan = meeting_plan(scheme)
    mentor, mentee = scheme.roles.mentor, scheme.roles.mentee
    context: dict[str, Any] = {
        "scheme": scheme,
        "plan": plan,
        "phases": timeline(scheme, plan),
        "budgets": {role: time_budget(scheme, role) for role in ("mentors", "mentees")},
        "stages": stages(scheme.reflection, tr),
        "model_title": model_title(scheme.reflection, tr),
        "mentor": mentor.label,
        "mentors": mentor.plural or mentor.label + "s",
        "mentee": mentee.label,
        "mentees": mentee.plural or mentee.label + "s",
        "downloads": downloads or [],
        "coordinator_public": scheme.site.coordinator_section,
        "language": scheme.language,
        "build_date": _build_date(loaded),
    }
    context.update(tr.functions())
    context.update(lifecycle_context(loaded, tr))
    return context
