"""Facts from the scheme, never written into the built-in text.

The pages and printables are rendered in memory exactly as a build renders
them (the same edition, environments and templates; no MkDocs and no PDF,
which tests/site/test_built_facts.py covers), and read for the facts the
scheme gives: its reflective model's stages, its role names, how each role
reflects, its expenses, its confidentiality limits, whether it is research,
and the dates its schedule knows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import edition, print_env
from schemebook.printing.packs import pack_documents
from schemebook.site.pages import page_titles, render_pages

STAGES = {
    "gibbs": ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion",
              "Action plan"],
    "driscoll": ["What?", "So what?", "Now what?"],
    "kolb": ["Concrete experience", "Reflective observation", "Abstract conceptualisation",
             "Active experimentation"],
    "rolfe": ["What?", "So what?", "Now what?"],
    "custom": ["Noticing", "Naming it", "Trying next"],
}
"""Each model's stages as published (Driscoll and Rolfe share theirs)."""

TITLES = {"gibbs": "Gibbs' reflective cycle", "driscoll": "Driscoll's What? model",
          "kolb": "Kolb's learning cycle", "rolfe": "Rolfe's reflective framework"}

DATED = {"count": 4, "interval": "fortnightly", "start": "2026-10-05"}


def rendered(path: Path) -> tuple[Any, dict[str, str], dict[str, str]]:
    """The edition, its pages (Markdown by path) and its printables (HTML by key)."""
    built = edition(path)
    pages = render_pages(built, [])
    jobs = {job.key: job.html for job in pack_documents(built, print_env(built))}
    return built, pages, jobs


def text_of(page: str) -> str:
    """What a reader sees of an HTML page: tags dropped, entities and space tidied."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.replace("\u2019", "'").split())


def topic_on_logs(training_page: str) -> str:
    """The training topic on reflecting and keeping logs, from the training page."""
    start = training_page.index("## Reflecting and keeping logs")
    rest = training_page[start + 3:]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


def model_scheme(model: str) -> dict[str, Any]:
    reflection: dict[str, Any] = {"model": model}
    if model == "custom":
        reflection["stages"] = [{"name": n, "prompts": [f"What about {n.lower()}?"]}
                                for n in STAGES["custom"]]
    return {"reflection": reflection, "meetings": DATED}


@pytest.mark.parametrize("model", list(STAGES))
def test_the_model_s_own_stages_and_no_other_s(make_project: Callable[..., Path],
                                               model: str) -> None:
    _, pages, jobs = rendered(make_project(**model_scheme(model)))
    places = {
        "training topic on logs": topic_on_logs(pages["training.md"]),
        "reflection page": pages["reflection.md"],
        "log page": pages["log.md"],
        "reflective log (print)": text_of(jobs["log"]),
        "mentor pack (print)": text_of(jobs["mentor"]),
    }
    own = STAGES[model]
    others = {name for other, names in STAGES.items() if other != model
              for name in names} - set(own)
    for where, text in places.items():
        for name in own:
            assert name in text, f"{model}: '{name}' missing from the {where}"
        for name in others:
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text), (
                f"{model}: another model's stage '{name}' in the {where}")
        for other, title in TITLES.items():
            if other != model:
                assert title not in text, f"{model}: '{title}' in the {where}"
    if model in TITLES:
        assert TITLES[model] in places["training topic on logs"]


def test_defaults_name_the_scheme_s_roles_but_scheme_text_keeps_its_braces(
        make_project: Callable[..., Path]) -> None:
    path = make_project(roles={"mentor": {"label": "Guide"}, "mentee": {"label": "Sponsor"}},
                        summary="We write {mentor} in braces on purpose.")
    built = edition(path)
    scheme = built.scheme
    assert scheme.summary == "We write {mentor} in braces on purpose."
    assert "The guide leads our conversations. The sponsor comes to listen" in (
        " ".join(scheme.agreement.text.split()))
    assert [s.title for s in scheme.training.sessions][:2] == [
        "Training for guides", "Training for sponsors"]
    assert "Guides: how valued, visible and connected they feel" in scheme.evaluation.measures


def test_each_role_reflects_its_own_way(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings=DATED, reflection={"mentors": "spoken", "mentees": "none"})
    built, pages, jobs = rendered(path)
    mentors = built.context["budgets"]["mentors"]
    mentees = built.context["budgets"]["mentees"]
    assert [i.label for i in mentors.items if "reflection" in i.label] == ["spoken reflection"]
    assert not [i for i in mentees.items if "log" in i.label or "reflection" in i.label]
    assert "Nothing needs writing down" in pages["reflection.md"]
    assert "There is no log to keep after each meeting." in pages["reflection.md"]
    assert 'class="log' not in jobs["mentor"] and 'class="log' not in jobs["mentee"]
    assert "log" not in jobs  # nobody writes, so no blank logs to print
    expectations = built.scheme.roles.mentee.expectations
    assert not [e for e in expectations if "log" in e]
    assert "log-reminder" not in [m.key for m in built.context["participant_messages"]]


def test_an_optional_log_is_offered_and_its_time_is_a_range(
        make_project: Callable[..., Path]) -> None:
    built, _, jobs = rendered(make_project(meetings=DATED, reflection={"mentees": "optional"}))
    logs = next(i for i in built.context["budgets"]["mentees"].items
                if i.label == "reflective logs")
    assert (logs.minutes_low, logs.minutes_high) == (0, 4 * 20)
    assert "you may write a short reflective log if you find it useful" in text_of(
        jobs["mentee"])
    reminder = next(m for m in built.context["participant_messages"] if m.key == "log-reminder")
    assert reminder.audience == "both"


EXPENSES = "Travel and care costs are paid back; claim them within a month."


def test_paid_expenses_are_said_where_people_look(make_project: Callable[..., Path]) -> None:
    built, pages, jobs = rendered(make_project(expenses=EXPENSES))
    for where in ("mentors.md", "mentees.md", "faq.md"):
        assert EXPENSES in pages[where], where
    assert "Are my expenses paid?" in pages["faq.md"]
    assert EXPENSES in text_of(jobs["mentor"]) and EXPENSES in text_of(jobs["mentee"])
    invitations = [m for m in built.context["participant_messages"]
                   if m.key.startswith("invitation")]
    assert invitations and all(EXPENSES in m.body for m in invitations)


def test_no_expenses_no_word_of_them(make_project: Callable[..., Path]) -> None:
    _, pages, jobs = rendered(make_project())
    assert "xpenses" not in pages["faq.md"] + pages["mentors.md"] + text_of(jobs["mentor"])


LIMITS = ("Patient safety concerns and safeguarding are always passed on under the "
          "trust's policies.")


def test_the_card_and_support_page_state_the_scheme_s_own_limits(
        make_project: Callable[..., Path]) -> None:
    _, pages, jobs = rendered(make_project(support={"limits": LIMITS}))
    assert LIMITS in text_of(jobs["card"])
    assert "at risk of harm, tell the coordinator straight away" not in text_of(jobs["card"])
    assert LIMITS in pages["support.md"]
    assert LIMITS in " ".join(pages["training.md"].split())


@pytest.mark.parametrize("research", [False, True])
def test_consent_words_only_for_research(make_project: Callable[..., Path],
                                         research: bool) -> None:
    built, pages, jobs = rendered(make_project(evaluation={"research": research}))
    title = page_titles(built.tr, built.context)["paperwork"]
    words = ("consent", "information sheet", "Information sheet")
    found = [w for w in words if w in title + pages["paperwork.md"].split("\n", 4)[3]]
    if research:
        assert title == "Interview, consent and information" and found
    else:
        assert title == "Closing interview guide"
        assert not [w for w in words if w in pages["paperwork.md"]]


def test_invitations_use_the_recruitment_end(make_project: Callable[..., Path]) -> None:
    built, _, _ = rendered(make_project(meetings=DATED))
    recruitment = next(p for p in built.context["phases"] if p.phase.kind == "recruitment")
    assert recruitment.end is not None
    when = built.tr.date(recruitment.end)
    for message in built.context["participant_messages"]:
        assert "a date we will confirm soon" not in message.body, message.key
        if message.key.startswith("invitation"):
            assert f"by {when}" in message.body
