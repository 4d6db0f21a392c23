"""Survey instruments, the interview guide and consent, with built-in defaults.

The built-in items, scales, interview questions and consent statements are
written here in English and go through the translator, so a Welsh build
gets Welsh instruments. A list in scheme.yml replaces the built-in one
whole. Everything is resolved once into plain views that the web pages,
the printable forms and the CSV export (:mod:`schemebook.files.survey_csv`)
all read, so they always agree.

Validated scales that need their authors' permission are never bundled:
``evaluation.referenced_scales`` names and cites them, and the pages say
where their items go.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def builtin_scales(tr: Translator) -> dict[str, ScaleView]:
    """The scales schemebook ships, labels translated."""
    _ = tr.gettext
    return {
        "agree5": ScaleView("agree5", (_("Strongly disagree"), _("Disagree"),
                                       _("Neither agree nor disagree"), _("Agree"),
                                       _("Strongly agree"))),
        "extent5": ScaleView("extent5", (_("Not at all"), _("A little"), _("Somewhat"),
                                         _("Quite a lot"), _("A great deal"))),
        "text": ScaleView("text", ()),
    }


def builtin_items(scheme: Scheme, tr: Translator) -> list[SurveyItem]:
    """Default items: value, visibility and belonging for mentors; barriers and
    practice for mentees; how useful the scheme was for both, afterwards."""
    _ = tr.gettext
    org = scheme.organisation
    after: list[str] = ["post", "follow-up"]
    rows: list[tuple[str, str, str, str, bool, str, list[str] | None]] = [
        ("valued", _("People at %(org)s value what I have to say.", org=org),
         "mentors", "agree5", False, "value", None),
        ("taken-seriously", _("Senior people here take my experience seriously."),
         "mentors", "agree5", False, "value", None),
        ("known", _("People who make decisions here know who I am and what I bring."),
         "mentors", "agree5", False, "visibility", None),
        ("invisible", _("I feel invisible to the people who make decisions here."),
         "mentors", "agree5", True, "visibility", None),
        ("belong", _("I feel that I belong at %(org)s.", org=org),
         "mentors", "agree5", False, "belonging", None),
        ("outsider", _("I often feel like an outsider here."),
         "mentors", "agree5", True, "belonging", None),
        ("confident", _("I feel confident speaking up with senior people."),
         "mentors", "agree5", False, "confidence", None),
        ("barriers", _("I understand the everyday barriers that people from "
                       "under-represented groups meet here."),
         "mentees", "agree5", False, "barriers", None),
        ("examples", _("I can give specific examples of how our rules or habits affect "
                       "people from under-represented groups."),
         "mentees", "agree5", False, "barriers", None),
        ("whole-picture", _("From my position I can see most of the barriers people meet."),
         "mentees", "agree5", True, "barriers", None),
        ("decisions", _("Before I decide, I think about how the decision will land with "
                        "people who have less power than me."),
         "mentees", "agree5", False, "practice", None),
        ("changed", _("In the last month I changed something in how I work to make it "
                      "fairer or more inclusive."),
         "mentees", "agree5", False, "practice", None),
        ("listen", _("I listen to people with less power than me without rushing to "
                     "fix or explain."),
         "mentees", "agree5", False, "practice", None),
        ("worth-it", _("The meetings were a good use of my time."),
         "both", "agree5", False, "experience", ["post"]),
        ("prepared", _("The training prepared me well for the meetings."),
         "both", "agree5", False, "experience", ["post"]),
        ("recommend", _("I would encourage someone like me to take part."),
         "both", "agree5", False, "experience", after),
        ("lasting", _("How much does the scheme still shape what you do?"),
         "both", "extent5", False, "lasting change", ["follow-up"]),
        ("what-changed", _("What, if anything, has changed for you because of the scheme?"),
         "both", "text", False, "", after),
    ]
    return [
        SurveyItem(id=ident, text=text, audience=audience,
                   scale=scale, reverse=reverse, measure=measure,
                   surveys=stages if stages is not None else ["pre", "post", "follow-up"])
        for ident, text, audience, scale, reverse, measure, stages in rows
    ]


def builtin_interview(tr: Translator) -> list[Question]:
    """Default closing interview guide: looking back, learning, change, next time."""
    _ = tr.gettext
    return [
        Question(_("Looking back, what stands out about your partnership?"), "both",
                 (_("A moment you remember."), _("Anything that surprised you?"))),
        Question(_("How did it feel to lead the conversations?"), "mentors",
                 (_("When did you feel heard?"), _("Was there anything you held back, "
                                                    "and why?"))),
        Question(_("Has taking part changed how you see your place here?"), "mentors",
                 (_("Belonging, confidence, who you could talk to."),)),
        Question(_("What did you learn that you did not know before?"), "mentees",
                 (_("Which barrier was new to you?"), _("What assumption did you drop?"))),
        Question(_("What have you done, or will you do, differently?"), "mentees",
                 (_("A decision, a habit, a rule or a meeting."), _("By when?"))),
        Question(_("What helped the partnership work, and what got in the way?"), "both",
                 (_("Training, themes, logs, meeting places, support."),)),
        Question(_("What should we change for the next group?"), "both", ()),
        Question(_("Is there anything else you would like to tell us?"), "both", ()),
    ]


def builtin_consent(tr: Translator) -> list[str]:
    """Default consent statements for a research scheme, each ticked on the form."""
    _ = tr.gettext
    return [
        _("I have read the participant information sheet and have had the chance to "
          "ask questions."),
        _("I understand that taking part in the research is my choice, and that I can "
          "take part in the scheme without it."),
        _("I understand that I can withdraw from the research at any time without giving "
          "a reason, until the results are written up."),
        _("I agree that my survey answers and interview notes may be used for the "
          "evaluation, without my name."),
        _("I agree that short quotations from what I say may be used in reports, in a way "
          "that does not identify me or my partner."),
        _("I have read the privacy notice and understand how my information is kept."),
        _("I agree to take part in the research."),
    ]


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
