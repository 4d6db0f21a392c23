"""Warnings where a scheme contradicts itself, located, at validate and at build.

Each warning names the line of scheme.yml it is about and says what the
build will do; --strict then stops on it like any other warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edition, print_env
from schemebook.commands.build import build
from schemebook.core.colour import contrast
from schemebook.core.errors import Problem, StrictError
from schemebook.core.options import Options
from schemebook.plan.load import load_scheme
from schemebook.site.brand import brand_css

THEMES = [{"title": t} for t in ("Belonging", "Identity", "Teaching", "Failure", "Home")]


def warnings_of(path: Path) -> list[Problem]:
    return load_scheme(path).warnings


def about(warnings: list[Problem], text: str) -> Problem:
    found = [w for w in warnings if text in w.message]
    assert len(found) == 1, [str(w) for w in warnings]
    return found[0]


def line_of(path: Path, text: str) -> int:
    """The first line of scheme.yml that holds ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_fewer_themes_than_meetings_say_which_repeat(make_project: Callable[..., Path]) -> None:
    path = make_project(themes=THEMES[:2], meetings={"count": 5})
    warning = about(warnings_of(path), "themes for")
    assert "2 themes for 5 meetings" in warning.message
    assert "from meeting 3 the themes repeat from theme 1 ('Belonging')" in warning.message
    assert warning.location.line == line_of(path, "themes:")


def test_more_themes_than_meetings_say_which_are_left_out(
        make_project: Callable[..., Path]) -> None:
    path = make_project(themes=THEMES, meetings={"count": 4})
    warning = about(warnings_of(path), "themes for")
    assert "5 themes for 4 meetings" in warning.message and "'Home' is left out" in warning.message


def test_as_many_themes_as_meetings_or_an_open_agenda_is_quiet(
        make_project: Callable[..., Path]) -> None:
    same = make_project(themes=THEMES[:4], meetings={"count": 4})
    assert not [w for w in warnings_of(same) if "themes for" in w.message]
    open_agenda = make_project(agenda="open", themes=THEMES, meetings={"count": 4})
    assert not [w for w in warnings_of(open_agenda) if "themes for" in w.message]


def test_a_measure_no_item_asks_about_is_named(make_project: Callable[..., Path]) -> None:
    path = make_project(evaluation={
        "measures": ["Mentors: how valued they feel", "The trust: retention of nurses"],
        "items": [{"id": "valued", "text": "My views are valued here.", "measure": "value"}]})
    warning = about(warnings_of(path), "no survey item asks about")
    assert "'The trust: retention of nurses'" in warning.message
    assert warning.location.line == line_of(path, "retention of nurses")


def test_a_measure_found_out_another_way_says_so_in_brackets(
        make_project: Callable[..., Path]) -> None:
    path = make_project(evaluation={
        "measures": ["The trust: retention of nurses (from HR records)",
                     "The trust: under-represented groups in senior posts"],
        "items": [{"id": "grasp", "text": "I understand the barriers.", "measure": "barriers"}]})
    warning = about(warnings_of(path), "no survey item asks about")
    assert "senior posts" in warning.message  # 'under-represented' is not 'understand'


def test_the_built_in_measures_are_all_asked_about(make_project: Callable[..., Path]) -> None:
    assert not [w for w in warnings_of(make_project()) if "asks about" in w.message]


def test_a_review_date_after_the_build_date_is_a_mistake(
        make_project: Callable[..., Path]) -> None:
    path = make_project(build_date="2026-12-01", support={"last_reviewed": "2027-06-01"})
    warning = about(warnings_of(path), "support.last_reviewed is 2027-06-01")
    assert "after the date stamped on this build (2026-12-01)" in warning.message
    assert warning.location.line == line_of(path, "last_reviewed:")


def test_a_colour_too_pale_for_text_is_shown_the_same_on_site_and_paper(
        make_project: Callable[..., Path]) -> None:
    path = make_project(brand={"accent": "#c8a000"})
    warning = about(warnings_of(path), "brand.accent #c8a000")
    shade = re.search(r"both show .* in (#[0-9a-f]{6}) instead", warning.message)
    assert shade, warning.message
    used = shade[1]
    assert contrast(used, "#ffffff") >= 4.5
    built = edition(path)
    site = brand_css(built.scheme)
    paper = str(print_env(built).globals["style"])
    assert f"--md-accent-fg-color: {used};" in site and f"--accent: {used};" in paper
    assert "#c8a000" not in site.lower() and "#c8a000" not in paper.lower()


def test_the_warnings_take_part_in_strict(make_project: Callable[..., Path],
                                          tmp_path: Path) -> None:
    path = make_project(themes=THEMES[:2], meetings={"count": 3}, support={
        "contacts": [{"name": "Ada Example", "email": "ada@college.example"}],
        "escalation": [{"who": "The coordinator"}], "emergency": "Call 999.",
        "last_reviewed": "2026-09-01"}, build_date="2026-09-01")
    with pytest.raises(StrictError) as caught:
        build(path, tmp_path / "site", Options(strict=True, packs=False))
    assert "themes for 3 meetings" in str(caught.value)
    assert not (tmp_path / "site").exists()
