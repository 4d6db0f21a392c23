"""Messages to participants: filled from scheme.yml, no placeholder left but merge fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli, session_templates
from schemebook.commands.build import build
from schemebook.context.messages import MERGE_FIELDS, MESSAGES, unfilled
from schemebook.context.template import build_edition
from schemebook.core.errors import TemplateError
from schemebook.core.options import Options
from schemebook.plan.load import load_scheme

EXPECTED = [f"{i:02d}-{key}.txt" for i, (key, _) in enumerate(MESSAGES, start=1)]


def scan(text: str) -> list[str]:
    """Anything that looks unfilled: template syntax, unknown fields, empty values."""
    problems = unfilled(text)
    empty = re.compile(r"\{\{|\}\}|\{%|%\(|\bNone\b|\bTBC\b|\(\s*\)|\s[,.]\s|:[ \t]+$"
                       r"|^(When|Where|Fill it in here):?$|https?://\s|https?://$")
    problems += [line for line in text.splitlines() if empty.search(line)]
    return problems


@pytest.mark.parametrize("fixture", ["example_site", "law_firm_site"])
def test_every_built_message_is_filled(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(fixture)
    folder = site / "downloads" / "messages"
    files = sorted(p.name for p in folder.glob("*.txt"))
    assert files == EXPECTED
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("Subject: ") and "\n\n" in text
        assert scan(text) == [], path.name
        fields = set(re.findall(r"\[\[[^\]]*\]\]", text))
        assert fields <= set(MERGE_FIELDS), path.name
        assert "[[first_name]]" in text
    page = (site / "coordinator" / "messages.html").read_text(encoding="utf-8")
    for field in MERGE_FIELDS:
        assert field in page


def test_the_example_messages_carry_its_dates_contacts_and_links(example_site: Path) -> None:
    folder = example_site / "downloads" / "messages"
    pairing = (folder / "03-pairing.txt").read_text(encoding="utf-8")
    assert "week of 12 October 2026" in pairing
    assert "Training for student mentors: 23 September 2026, 14:00" in pairing
    assert "https://mentoring.northmoor.example/downloads/calendar-mentors.ics" in pairing
    assert "voices.upward@northmoor.example" in pairing
    invitation = (folder / "01-invitation-mentors.txt").read_text(encoding="utf-8")
    assert "by 5 June 2026" in invitation  # end of the recruitment phase
    assert "https://forms.northmoor.example/voices-upward-apply" in invitation
    celebration = (folder / "10-celebration.txt").read_text(encoding="utf-8")
    assert "When: 27 January 2027, 18:00" in celebration
    assert "Where: Students' Union Great Hall" in celebration
    survey = (folder / "06-survey-pre.txt").read_text(encoding="utf-8")
    assert "https://forms.northmoor.example/voices-upward-before" in survey
    assert "information sheet" in survey  # a research scheme


def test_an_undated_minimal_scheme_still_gets_complete_messages(
        make_project: Callable[..., Path]) -> None:
    loaded = load_scheme(make_project())
    messages = build_edition(loaded, bytecode=session_templates()).context["participant_messages"]
    assert [m.key for m in messages] == [k for k, _ in MESSAGES]
    for message in messages:
        assert scan(message.text()) == [], message.key
    first = next(m for m in messages if m.key == "first-meeting")
    assert "Your first meeting is coming up." in first.body
    celebration = next(m for m in messages if m.key == "celebration")
    assert "We will send the date and place soon." in celebration.body


def test_surveys_not_run_have_no_message(make_project: Callable[..., Path]) -> None:
    loaded = load_scheme(make_project(evaluation={"follow_up_months": 0},
                                      reflection={"celebration_minutes": 0}))
    context = build_edition(loaded, bytecode=session_templates()).context
    keys = [m.key for m in context["participant_messages"]]
    assert "survey-follow-up" not in keys and "celebration" not in keys


def test_a_project_template_with_an_unknown_field_is_refused(
        make_project: Callable[..., Path]) -> None:
    path = make_project(files={"templates/messages/thank-you.txt":
                               "Subject: Thanks\n\nDear [[ward]], thank you.\n"})
    loaded = load_scheme(path)
    with pytest.raises(TemplateError) as caught:
        build_edition(loaded, bytecode=session_templates()).context["participant_messages"]
    assert "templates/messages/thank-you.txt" in str(caught.value)
    assert "[[ward]]" in str(caught.value)


def test_private_coordinator_pages_keep_messages_off_the_site(
        make_project: Callable[..., Path]) -> None:
    path = make_project(site={"coordinator_section": False})
    build(path, options=Options(packs=False))
    assert not (path.parent / "site" / "downloads" / "messages").exists()
    result = run_cli("messages", "--scheme", str(path))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (path.parent / "private" / "messages").glob("*.txt"))
    assert written == EXPECTED
