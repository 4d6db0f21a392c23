"""Evaluation and paperwork: surveys, interview guide, consent and privacy.

Every list here may be left out: schemebook then uses its own survey items,
scales, interview questions and consent statements (written in
``generator/surveys.py`` so that they can be translated). A list in
scheme.yml replaces the built-in one whole.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .base import Markdown, Model, ShortText, Url
from .timing import Audience, DateOrRelative, SurveyStage

_ITEM_ID = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")


def _item_id(value: str) -> str:
    if not _ITEM_ID.match(value):
        raise ValueError(f"'{value}' is not a short name: use lower-case letters, digits, "
                         "'-' or '_', starting with a letter, e.g. 'belonging'")
    return value


ItemId = Annotated[str, AfterValidator(_item_id),
                   Field(json_schema_extra={"pattern": _ITEM_ID.pattern})]
"""A short name: lower-case letters, digits, '-' or '_', e.g. 'belonging'."""

BUILTIN_SCALES = ("agree5", "extent5", "text")
"""Scales schemebook ships: 'agree5', 'extent5', and 'text' for a written answer."""

ALL_STAGES: list[SurveyStage] = ["pre", "post", "follow-up"]


class Scale(Model):
    """A rating scale: its labels from the lowest point to the highest."""

    id: ItemId
    """Name items use to pick this scale, e.g. 'confidence5'."""

    labels: list[ShortText] = Field(min_length=2, max_length=11)
    """Labels from lowest to highest, e.g. [Never, Sometimes, Often]."""


class SurveyItem(Model):
    """One survey question with the scale it is answered on."""

    id: ItemId
    """Short name used in the CSV export, e.g. 'belonging'."""

    text: ShortText
    """The statement or question, in your own words."""

    audience: Audience = "both"
    """Who answers it: mentors, mentees or both."""

    scale: ItemId = "agree5"
    """Scale id: agree5, extent5, text (a written answer), or one of your scales."""

    reverse: bool = False
    """True when agreeing means less of what is measured, so scores are flipped."""

    measure: str = ""
    """What the item measures, e.g. 'belonging'; items with the same measure form a score."""

    surveys: list[SurveyStage] = Field(default_factory=lambda: list(ALL_STAGES))
    """Which surveys ask it: pre, post, follow-up."""


class Survey(Model):
    """When one survey runs and where people fill it in."""

    use: bool = True
    """Run this survey; false leaves it out everywhere."""

    opens: DateOrRelative | None = None
    """When it opens: a date or e.g. 'first meeting - 2 weeks'; left out, a sensible default."""

    open_days: int = Field(14, ge=1, le=120)
    """How many days it stays open."""

    url: Url = ""
    """Link to the online form (for example in your survey tool), used in messages."""

    intro: Markdown = ""
    """A few words shown above the questions."""


class Surveys(Model):
    """The three surveys: before the meetings, after them, and a follow-up."""

    pre: Survey = Survey()
    """Before the first meeting. Default: opens two weeks before it."""

    post: Survey = Survey()
    """After the last meeting. Default: opens a week after the last meeting week starts."""

    follow_up: Survey = Survey()
    """Months later (evaluation.follow_up_months). Default: opens then."""


class ReferencedScale(Model):
    """A published, validated scale used by reference: its items are not included."""

    name: ShortText
    """The scale's name as its authors give it."""

    citation: str
    """Where it is published, so others can find it."""

    licence: str = ""
    """Terms of use, e.g. 'free for research with the authors' permission'."""

    audience: Audience = "both"
    """Who answers it."""

    surveys: list[SurveyStage] = Field(default_factory=lambda: list(ALL_STAGES))
    """Which surveys include it."""


class InterviewQuestion(Model):
    """A question of the closing interview guide."""

    question: ShortText
    """The question, as the interviewer asks it."""

    audience: Audience = "both"
    """Who is asked: mentors, mentees or both."""

    prompts: list[str] = Field(default_factory=list)
    """Follow-up prompts if the answer is short."""


class Privacy(Model):
    """The privacy notice every scheme publishes. Empty keys get plain defaults."""

    controller: str = ""
    """Who is responsible for the data (the data controller); default: the organisation."""

    logs: Markdown = ""
    """Who sees the reflective logs. Default: nobody but the writer."""

    surveys: Markdown = ""
    """Who sees survey answers and interview notes, and how results are reported."""

    keep: str = ""
    """How long survey answers and notes are kept, e.g. 'two years after the follow-up'."""

    withdraw: Markdown = ""
    """How to withdraw from the scheme or the evaluation, and until when."""

    contact: str = ""
    """Email of the data protection officer or team, if there is one."""

    url: Url = ""
    """Link to the organisation's full privacy policy."""


class Evaluation(Model):
    """How the scheme finds out whether it worked, and the paperwork for it."""

    approach: Markdown = ""
    """How the scheme is evaluated and who sees the results."""

    measures: list[str] = Field(default_factory=list)
    """What is measured, before and after."""

    follow_up_months: int = Field(6, ge=0, le=36)
    """Months after the last meeting for the follow-up; 0 for none."""

    survey_minutes: int = Field(10, ge=0, le=120)
    """Time one survey takes to fill in."""

    research: bool = False
    """True when the scheme is run as research with ethics approval."""

    design: Literal["pre-post", "retrospective"] = "pre-post"
    """'pre-post', or 'retrospective': after the meetings, also ask how things were before."""

    surveys: Surveys = Surveys()
    """When each survey opens and where it is filled in."""

    items: list[SurveyItem] = Field(default_factory=list)
    """Survey items; left out, built-in items on value, belonging, barriers and practice."""

    scales: list[Scale] = Field(default_factory=list)
    """Your own rating scales, besides the built-in agree5, extent5 and text."""

    referenced_scales: list[ReferencedScale] = Field(default_factory=list)
    """Published scales you use with permission; named and cited, items not included."""

    interview: list[InterviewQuestion] = Field(default_factory=list)
    """Closing interview guide; left out, built-in questions."""

    consent: list[str] = Field(default_factory=list)
    """Consent statements for research schemes; left out, built-in statements."""

    information_sheet: Markdown = ""
    """Participant information sheet for research; left out, made from the aims and surveys."""

    ethics_committee: str = ""
    """The committee that approved the research."""

    ethics_reference: str = ""
    """The approval's reference number."""

    privacy: Privacy = Privacy()
    """The privacy notice: who sees logs and surveys, how long they are kept, how to withdraw."""

    min_group: int = Field(5, ge=3, le=100)
    """Smallest group the evaluation report shows a statistic for (median, change,
    alpha); a figure resting on fewer people is withheld, with the reason shown."""

    score_min_items: int | None = Field(None, ge=1, le=40)
    """Items of a measure a person must answer to get a score on it; empty: every item
    of the measure. Missing answers are counted, never filled in."""

    report_free_text: bool = False
    """Show written answers in the evaluation report (without codes or names). Leave
    false unless participants were told their words may be quoted."""

    @model_validator(mode="after")
    def _items_make_sense(self) -> Evaluation:
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"item id '{item.id}' is used twice")
            seen.add(item.id)
        scales = set(BUILTIN_SCALES) | {s.id for s in self.scales}
        for item in self.items:
            if item.scale not in scales:
                raise ValueError(
                    f"item '{item.id}' uses scale '{item.scale}', which is not defined "
                    f"(known: {', '.join(sorted(scales))})"
                )
        return self
