"""Survey instruments: built-in and scheme-defined items, the CSV export, the pages and forms."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import edition, print_env
from pypdf import PdfReader
from schemebook.commands.build import build
from schemebook.core.errors import Report, ValidationError
from schemebook.core.i18n import Translator
from schemebook.core.options import Options
from schemebook.files.survey_csv import CSV_COLUMNS, survey_csv
from schemebook.plan.instruments import instruments
from schemebook.plan.load import load_scheme
from schemebook.plan.schedule import meeting_plan
from schemebook.printing.paperwork import render_paperwork

DATED = {"meetings": {"count": 4, "interval": "fortnightly", "start": "2026-10-12"}}


def rows(path: Path) -> list[dict[str, str]]:
    scheme = load_scheme(path).scheme
    data = survey_csv(instruments(scheme, meeting_plan(scheme), Translator()), Translator())
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_builtin_items_cover_both_roles_in_every_survey(
        make_project: Callable[..., Path]) -> None:
    table = rows(make_project(**DATED))
    assert tuple(table[0]) == CSV_COLUMNS
    surveys = {r["survey"] for r in table}
    assert surveys == {"pre", "post", "follow-up"}
    pre = [r for r in table if r["survey"] == "pre"]
    assert {r["measure"] for r in pre if r["audience"] == "mentors"} >= {
        "value", "visibility", "belonging"}
    assert {r["measure"] for r in pre if r["audience"] == "mentees"} >= {"barriers", "practice"}
    belong = next(r for r in pre if r["item_id"] == "belong")
    assert belong["text"] == "I feel that I belong at Example College."
    assert belong["scale_points"].split(" | ") == [
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
        "Strongly agree"]
    reverse = {r["item_id"] for r in pre if r["reverse_scored"] == "yes"}
    assert reverse == {"invisible", "outsider", "whole-picture"}
    post_only = {r["item_id"] for r in table if r["survey"] == "post"} - {
        r["item_id"] for r in pre}
    assert {"worth-it", "prepared", "what-changed"} <= post_only
    written = next(r for r in table if r["item_id"] == "what-changed")
    assert (written["scale"], written["scale_points"]) == ("text", "")
    for survey in surveys:
        ids = [r["item_id"] for r in table if r["survey"] == survey]
        assert len(ids) == len(set(ids))


def test_retrospective_design_asks_then_and_now_after_the_meetings(
        make_project: Callable[..., Path]) -> None:
    table = rows(make_project(**DATED, evaluation={"design": "retrospective"}))
    post = [r["item_id"] for r in table if r["survey"] == "post"]
    assert post.index("belong-then") == post.index("belong") - 1
    then = next(r for r in table if r["item_id"] == "belong-then")
    assert then["text"].startswith("Before the scheme: ")
    assert "worth-it-then" not in post  # asked only after: nothing to compare
    assert not any(r["item_id"].endswith("-then") for r in table if r["survey"] != "post")


def test_a_scheme_can_bring_its_own_items_and_scales(
        make_project: Callable[..., Path]) -> None:
    evaluation: dict[str, Any] = {
        "scales": [{"id": "often4", "labels": ["Never", "Sometimes", "Often", "Always"]}],
        "items": [
            {"id": "asked", "text": "A senior colleague asked for my view.", "scale": "often4",
             "audience": "mentors", "measure": "voice"},
            {"id": "fix", "text": "I try to fix problems before I understand them.",
             "audience": "mentees", "reverse": True, "surveys": ["pre", "post"]},
        ],
        "referenced_scales": [{"name": "A Published Scale", "citation": "Author (2020)",
                               "licence": "Permission needed"}],
    }
    table = rows(make_project(**DATED, evaluation=evaluation))
    assert [(r["survey"], r["item_id"]) for r in table] == [
        ("pre", "asked"), ("pre", "fix"), ("post", "asked"), ("post", "fix"),
        ("follow-up", "asked")]
    assert table[0]["scale_points"] == "Never | Sometimes | Often | Always"
    assert table[1]["reverse_scored"] == "yes"
    assert not any("Published" in r["text"] for r in table)  # referenced, never copied


@pytest.mark.parametrize(("items", "message"), [
    ([{"id": "a", "text": "x", "scale": "stars"}], "uses scale 'stars', which is not defined"),
    ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "item id 'a' is used twice"),
    ([{"id": "Bad Id", "text": "x"}], r"evaluation.items\[1\].id: 'Bad Id' is not a short name"),
])
def test_bad_items_are_located(make_project: Callable[..., Path], items: list[Any],
                               message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        load_scheme(make_project(evaluation={"items": items}))


def test_pages_show_questions_windows_and_paperwork(
        make_project: Callable[..., Path]) -> None:
    path = make_project(**DATED, evaluation={
        "research": True, "ethics_committee": "Example Ethics Panel",
        "ethics_reference": "EEP-1", "privacy": {"keep": "eighteen months"},
        "surveys": {"pre": {"url": "https://forms.example/pre"}},
        "referenced_scales": [{"name": "A Published Scale", "citation": "Author (2020)"}]})
    build(path, options=Options(packs=False))
    site = path.parent / "site"
    surveys = (site / "surveys.html").read_text(encoding="utf-8")
    assert "I feel that I belong at Example College." in surveys
    assert "28 September 2026 to 11 October 2026" in surveys
    assert "https://forms.example/pre" in surveys
    assert "A Published Scale" in surveys and "downloads/surveys.csv" in surveys
    paperwork = (site / "paperwork.html").read_text(encoding="utf-8")
    assert "Consent form" in paperwork and "Example Ethics Panel" in paperwork
    assert "EEP-1" in paperwork and "Looking back, what stands out" in paperwork
    privacy = (site / "privacy.html").read_text(encoding="utf-8")
    assert "eighteen months" in privacy and "ada@college.example" in privacy
    csv_file = (site / "downloads" / "surveys.csv").read_bytes()
    assert csv_file.count(b"\r\n") > 30


def test_a_scheme_that_is_not_research_has_no_consent_form(
        make_project: Callable[..., Path]) -> None:
    path = make_project(**DATED)
    build(path, options=Options(packs=False))
    paperwork = (path.parent / "site" / "paperwork.html").read_text(encoding="utf-8")
    assert "Consent form" not in paperwork and "closing conversation" in paperwork
    privacy = (path.parent / "site" / "privacy.html").read_text(encoding="utf-8")
    assert "How to withdraw" in privacy


def test_survey_forms_are_fillable_pdfs(make_project: Callable[..., Path],
                                       renderer: Any) -> None:
    path = make_project(**DATED, evaluation={"research": True, "design": "retrospective"},
                        build_date="2026-09-15")
    ed = edition(path)
    loaded = ed.loaded
    built = {b.job.filename: b for b in render_paperwork(ed, print_env(ed), renderer,
                                                          Report())}
    assert sorted(built) == ["paperwork.pdf", "surveys-mentees.pdf", "surveys-mentors.pdf"]
    scheme = loaded.scheme
    found = instruments(scheme, meeting_plan(scheme), Translator())
    expected = sum(
        (2 if item.then_id else 1)
        for survey in found.surveys for item in survey.for_audience("mentors")
        if not item.scale.written)
    fields = PdfReader(io.BytesIO(built["surveys-mentors.pdf"].pdf.data)).get_fields() or {}
    radios = [name for name, f in fields.items() if f.get("/FT") == "/Btn" and "." not in name]
    assert len(radios) == expected
    assert "post_belong-then" in fields and "post_belong" in fields
    paper = PdfReader(io.BytesIO(built["paperwork.pdf"].pdf.data)).get_fields() or {}
    assert sum(1 for name in paper if name.startswith("consent_") and name[8:].isdigit()) == 7
    assert "interview_q1" in paper
