"""The shipped examples, built for real and checked page by page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, HEALTH, LAW_FIRM

from schemebook.site.pages import PAGES
from schemebook.plan.load import load_scheme

UNI = load_scheme(EXAMPLE).scheme
LAW = load_scheme(LAW_FIRM).scheme
TRUST = load_scheme(HEALTH).scheme


def text_of(site: Path, key: str) -> str:
    """Visible text of a built page's article, entities decoded."""
    page = (site / PAGES[key]).with_suffix(".html").read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', page, re.S)
    assert match, key
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("key", list(PAGES))
def test_every_page_is_built(example_site: Path, key: str) -> None:
    assert (example_site / PAGES[key]).with_suffix(".html").is_file()
    assert len(squash(text_of(example_site, key))) > 200, f"{key} is nearly empty"


def test_home_page_has_name_aims_and_contact(example_site: Path) -> None:
    text = squash(text_of(example_site, "home"))
    assert UNI.name in text
    for aim in UNI.focus.aims:
        assert squash(aim)[:40] in text
    assert UNI.contact.email in text


def test_themes_and_icebreakers(example_site: Path) -> None:
    text = squash(text_of(example_site, "themes"))
    assert len(UNI.themes) == 4
    for theme in UNI.themes:
        assert theme.title in text
        for question in theme.icebreakers:
            assert squash(question) in text


def test_meeting_plan_dates(example_site: Path) -> None:
    text = squash(text_of(example_site, "meetings"))
    assert UNI.meetings.count == 4 and UNI.meetings.interval == "fortnightly"
    assert UNI.meetings.start is not None
    first = f"{UNI.meetings.start.day} {UNI.meetings.start:%B %Y}"
    assert first in text


def test_support_protocol(example_site: Path) -> None:
    text = squash(text_of(example_site, "support"))
    for step in UNI.support.escalation:
        assert squash(step.who) in text
    for service in UNI.support.services:
        assert squash(service.name) in text
    assert UNI.support.last_reviewed is not None
    assert f"{UNI.support.last_reviewed.day} {UNI.support.last_reviewed:%B %Y}" in text


def test_training_material_and_plans_add_up(example_site: Path) -> None:
    text = squash(text_of(example_site, "training"))
    assert len(UNI.training.topics) >= 5
    for topic in UNI.training.topics:
        assert topic.title in text
        assert topic.activity_minutes > 0 and topic.prompts
    plans = squash(text_of(example_site, "facilitation"))
    for session in UNI.training.sessions:
        assert session.title in plans
        assert sum(a.minutes for a in session.activities) == session.minutes


def test_time_budget_page(example_site: Path) -> None:
    text = squash(text_of(example_site, "time"))
    assert "hours" in text.lower()


def test_reference_lists_every_key(example_site: Path) -> None:
    from schemebook.scheme.reference import reference_rows

    text = squash(text_of(example_site, "reference"))
    for row in reference_rows():
        assert row.key in text, row.key


def test_search_index_for_file_urls(example_site: Path) -> None:
    # Material's offline plugin writes the index as a script so search works from disk.
    assert (example_site / "search" / "search_index.js").is_file()


def test_law_firm_is_its_own_scheme(law_firm_site: Path) -> None:
    assert LAW.meetings.count == 6 and LAW.meetings.interval == "monthly"
    assert LAW.reflection.model == "driscoll" and LAW.brand.paper == "Letter"
    everything = " ".join(
        p.read_text(encoding="utf-8") for p in law_firm_site.rglob("*.html")
    )
    for theme in UNI.themes:
        assert theme.title not in everything, theme.title
    for role in (UNI.roles.mentor, UNI.roles.mentee):
        assert role.label not in everything, role.label
    assert LAW.name in everything
    for theme in LAW.themes:
        assert html.escape(theme.title) in everything or theme.title in everything
    colour = (law_firm_site / "assets" / "brand.css").read_text()
    assert f"--md-primary-fg-color: {LAW.brand.primary};" in colour


def test_health_example_is_its_own_scheme(health_site: Path) -> None:
    assert TRUST.sector == "health-care" and not TRUST.languages
    assert TRUST.reflection.model == "driscoll" and TRUST.meetings.skip
    everything = " ".join(html.unescape(p.read_text(encoding="utf-8"))
                          for p in health_site.rglob("*.html"))
    for other in (UNI, LAW):
        for theme in other.themes:
            assert theme.title not in everything, theme.title
        for role in (other.roles.mentor, other.roles.mentee):
            assert not re.search(rf"\b{re.escape(role.label)}\b", everything), role.label
    for theme in TRUST.themes:
        assert theme.title in everything
    support = squash(text_of(health_site, "support"))
    assert "patient safety" in support and "Freedom to Speak Up Guardian" in support
    # What the example leaves out is the built-in text for health and care.
    training = squash(text_of(health_site, "training"))
    assert "a ward manager, a resident doctor" in training
    contingency = squash(text_of(health_site, "contingency"))
    assert "Winter pressures or a critical incident" in contingency
