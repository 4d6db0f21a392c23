"""The examples show the scheme's year: timeline, plan, surveys, paperwork, downloads."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, HEALTH, LAW_FIRM
from pypdf import PdfReader

from schemebook.plan.load import load_scheme

SITES = [("example_site", EXAMPLE), ("law_firm_site", LAW_FIRM), ("health_site", HEALTH)]


@pytest.fixture(params=SITES, ids=["university", "law-firm", "health"])
def built(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    fixture, scheme = request.param
    return request.getfixturevalue(fixture), scheme


def test_timeline_is_an_ordered_list_with_machine_readable_dates(
        built: tuple[Path, Path]) -> None:
    site, scheme_path = built
    scheme = load_scheme(scheme_path).scheme
    page = (site / "timeline.html").read_text(encoding="utf-8")
    match = re.search(r'<ol class="sb-timeline">(.*?)</ol>\s*(?=<h2|</article|<p)', page, re.S)
    assert match, "no timeline list"
    items = re.findall(r'<li class="sb-tl-item sb-tl-([a-z-]+)">', match.group(1))
    assert len(items) == len(scheme.timeline)
    assert [p.kind for p in scheme.timeline] == items
    titles = re.findall(r'<p class="sb-tl-title">(.*?)</p>', match.group(1))
    assert [html.unescape(t) for t in titles] == [p.title for p in scheme.timeline]
    whens = re.findall(r'<p class="sb-tl-when">(.*?)</p>', match.group(1))
    assert len(whens) == len(scheme.timeline)
    stamps = [re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', w) for w in whens]
    assert all(stamps)  # with meetings.start set, every phase has a real date
    starts = [pair[0] for pair in stamps]
    assert starts == sorted(starts)  # both examples list their phases in date order
    assert scheme.meetings.start is not None
    assert f'<time datetime="{scheme.meetings.start.isoformat()}">' in match.group(1)
    assert "lifecycle.css" in page


def test_dated_plan_on_the_meetings_page(built: tuple[Path, Path]) -> None:
    site, scheme_path = built
    scheme = load_scheme(scheme_path).scheme
    text = html.unescape(re.sub(r"<[^>]+>", " ", (site / "meetings.html").read_text(
        encoding="utf-8")))
    text = " ".join(text.split())
    assert scheme.meetings.start is not None
    start = scheme.meetings.start
    assert f"{start.day} {start:%B %Y}" in text
    assert scheme.themes[0].title in text
    assert "Calendar for" in text


def test_the_year_is_in_the_downloads(built: tuple[Path, Path]) -> None:
    site, _ = built
    downloads = site / "downloads"
    for name in ("surveys-mentors.pdf", "surveys-mentees.pdf", "paperwork.pdf",
                 "surveys.csv", "calendar-mentors.ics", "calendar-mentees.ics",
                 "calendar-coordinators.ics"):
        assert (downloads / name).is_file(), name
    page = (site / "downloads.html").read_text(encoding="utf-8")
    for name in ("surveys-mentors.pdf", "paperwork.pdf", "surveys.csv", "calendar-mentees.ics"):
        assert f"downloads/{name}" in page
    rows = list(csv.DictReader(io.StringIO(
        (downloads / "surveys.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert {r["survey"] for r in rows} == {"pre", "post", "follow-up"}
    for name in ("surveys-mentors.pdf", "paperwork.pdf"):
        reader = PdfReader(downloads / name)
        assert len(reader.pages) >= 3 and reader.get_fields()


def test_survey_paperwork_and_privacy_pages(built: tuple[Path, Path]) -> None:
    site, scheme_path = built
    scheme = load_scheme(scheme_path).scheme
    surveys = (site / "surveys.html").read_text(encoding="utf-8")
    assert 'id="survey-pre"' in surveys and 'id="survey-post"' in surveys
    paperwork = (site / "paperwork.html").read_text(encoding="utf-8")
    assert ("Consent form" in paperwork) is scheme.evaluation.research
    assert 'id="interview"' in paperwork
    privacy = (site / "privacy.html").read_text(encoding="utf-8")
    assert "How to withdraw" in privacy and "How long we keep it" in privacy
    if scheme.evaluation.privacy.keep:
        assert html.escape(scheme.evaluation.privacy.keep, quote=False) in privacy


def test_coordinator_pack_has_timeline_instruments_and_messages(
        built: tuple[Path, Path]) -> None:
    site, _ = built
    text = "".join(page.extract_text() for page in PdfReader(
        site / "downloads" / "coordinator-pack.pdf").pages)
    for heading in ("Planning timeline and checklists", "Evaluation instruments",
                    "Messages to participants", "[[first_name]]"):
        assert heading in text
