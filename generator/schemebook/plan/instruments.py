"""Survey instruments, the interview guide and consent, with built-in defaults.

The built-in items, scales, interview questions and consent statements are
written in English in ``instruments.yml`` beside this module and go through
the translator, so a Welsh build gets Welsh instruments. A list in
scheme.yml replaces the built-in one whole. Everything is resolved once into
plain views that the web pages, the printable forms and the CSV export
(:mod:`schemebook.files.survey_csv`) all read, so they always agree.

Validated scales that need their authors' permission are never bundled:
``evaluation.referenced_scales`` names and cites them, and the pages say
where their items go.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.data import read_table
from ..core.i18n import Translator
from ..scheme.models import Scheme
from ..scheme.models.evaluation import SurveyItem
from .schedule import PlannedMeeting, SurveyWindow, survey_windows


@dataclass(frozen=True)
class ScaleView:
    """A rating scale with its labels, lowest first; no labels for a written answer."""

    id: str
    labels: tuple[str, ...]

    @property
    def written(self) -> bool:
        return not self.labels


@dataclass(frozen=True)
class ItemView:
    """One item as asked, with its scale resolved."""

    id: str
    text: str
    audience: str
    scale: ScaleView
    reverse: bool
    measure: str
    then_id: str = ""
    """Retrospective design: the id of the 'before the scheme' rating asked with it."""


@dataclass(frozen=True)
class SurveyView:
    """One survey: when it runs and what it asks."""

    stage: str
    title: str
    window: SurveyWindow
    intro: str
    items: tuple[ItemView, ...]

    def for_audience(self, audience: str) -> list[ItemView]:
        """Items answered by 'mentors' or 'mentees' (items for both included)."""
        return [i for i in self.items if i.audience in (audience, "both")]


@dataclass(frozen=True)
class Question:
    """A question of the closing interview guide."""

    question: str
    audience: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Instruments:
    """Everything the evaluation pages, forms and CSV need."""

    surveys: tuple[SurveyView, ...]
    interview: tuple[Question, ...]
    consent: tuple[str, ...]
    retrospective: bool


def _builtin() -> Mapping[str, Any]:
    """The built-in tables, as instruments.yml gives them (English, not yet translated)."""
    return read_table("plan/instruments.yml")


def builtin_scales(tr: Translator) -> dict[str, ScaleView]:
    """The scales schemebook ships, labels translated."""
    return {ident: ScaleView(ident, tuple(tr.gettext(label) for label in labels))
            for ident, labels in _builtin()["scales"].items()}


def builtin_items(scheme: Scheme, tr: Translator) -> list[SurveyItem]:
    """Default items: value, visibility and belonging for mentors; barriers and
    practice for mentees; how useful the scheme was for both, afterwards."""
    return [SurveyItem(**{**row, "text": tr.gettext(row["text"], org=scheme.organisation)})
            for row in _builtin()["items"]]


def builtin_interview(tr: Translator) -> list[Question]:
    """Default closing interview guide: looking back, learning, change, next time."""
    return [Question(tr.gettext(row["question"]), row["audience"],
                     tuple(tr.gettext(prompt) for prompt in row.get("prompts", ())))
            for row in _builtin()["interview"]]


def builtin_consent(tr: Translator) -> list[str]:
    """Default consent statements for a research scheme, each ticked on the form."""
    return [tr.gettext(statement) for statement in _builtin()["consent"]]


def survey_titles(tr: Translator) -> dict[str, str]:
    _ = tr.gettext
    return {"pre": _("Before the meetings"), "post": _("After the meetings"),
            "follow-up": _("Follow-up")}


def instruments(scheme: Scheme, plan: list[PlannedMeeting], tr: Translator) -> Instruments:
    """Resolve the scheme's (or the built-in) instruments into views."""
    evaluation = scheme.evaluation
    scales = builtin_scales(tr)
    scales.update({s.id: ScaleView(s.id, tuple(s.labels)) for s in evaluation.scales})
    items = evaluation.items or builtin_items(scheme, tr)
    retrospective = evaluation.design == "retrospective"
    titles = survey_titles(tr)
    surveys = []
    for window in survey_windows(scheme, plan):
        asked = []
        for item in items:
            if window.stage not in item.surveys:
                continue
            scale = scales[item.scale]
            then = (retrospective and window.stage == "post" and not scale.written
                    and "pre" in item.surveys)
            asked.append(ItemView(item.id, item.text, item.audience, scale, item.reverse,
                                  item.measure, f"{item.id}-then" if then else ""))
        surveys.append(SurveyView(window.stage, titles[window.stage], window,
                                  window.survey.intro, tuple(asked)))
    interview = [Question(q.question, q.audience, tuple(q.prompts))
                 for q in evaluation.interview] or builtin_interview(tr)
    consent = evaluation.consent or builtin_consent(tr)
    return Instruments(tuple(surveys), tuple(interview), tuple(consent), retrospective)
