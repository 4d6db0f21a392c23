"""Next cohort: dates shifted in the text, comments kept; earlier sites kept in archive/."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import LAW_FIRM, copy_example, run_cli
from schemebook.commands.build import build
from schemebook.commands.new_cohort import new_cohort, next_cohort_name, shift_text
from schemebook.core.disk import MARKER
from schemebook.core.errors import OutputError, ValidationError
from schemebook.core.options import Options
from schemebook.plan.load import load_scheme


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize(("old", "years", "new"), [
    ("2026-27", 1, "2027-28"), ("2027", 1, "2028"), ("2099/00", 1, "2100/01"),
    ("Round 2026/2027", 1, "Round 2027/2028"), ("Spring", 1, "Spring"), ("2026-27", 0, "2026-27"),
    ("2026–27", 2, "2028–29"),
])
def test_cohort_names_move_on(old: str, years: int, new: str) -> None:
    assert next_cohort_name(old, years) == new


def test_only_the_dates_change_in_the_text() -> None:
    text = ("# our scheme\r\nname: X  # keep me\r\ncohort: '2026'\r\nmeetings:\r\n"
            "  start: 2026-10-12   # first meeting\r\n  end: \"2026-12-11\"\r\n"
            "support:\r\n  last_reviewed: 2026-09-01\r\n"
            "timeline:\r\n  - start: &launch 2026-10-01\r\n  - start: *launch\r\n"
            "  - start: last meeting + 6 months\r\n")
    moved, count = shift_text(text, 364, "2027")
    assert count == 3  # start, end and the anchored date once; last_reviewed kept
    assert moved == text.replace("2026-10-12", "2027-10-11").replace(
        '"2026-12-11"', '"2027-12-10"').replace("&launch 2026-10-01", "&launch 2027-09-30"
                                                ).replace("cohort: '2026'", 'cohort: "2027"')


def test_new_cohort_of_the_example_builds(tmp_path: Path) -> None:
    scheme = copy_example(tmp_path)
    result = run_cli("new-cohort", "--scheme", str(scheme), "--start", "2027-10-11")
    assert result.returncode == 0, result.stderr
    out = scheme.parent / "scheme-2027-28.yml"
    assert f"wrote {out}: cohort '2027-28'" in result.stdout
    assert "support.last_reviewed is kept" in result.stderr
    before, after = scheme.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    assert comments(before) == comments(after)
    assert len(before.splitlines()) == len(after.splitlines())
    old, new = load_scheme(scheme).scheme, load_scheme(out).scheme
    assert new.cohort == "2027-28" and new.meetings.start == dt.date(2027, 10, 11)
    assert new.meetings.start.weekday() == dt.date(2026, 10, 12).weekday()
    assert new.support.last_reviewed == old.support.last_reviewed
    assert [s.date for s in new.training.sessions] == [
        s.date + dt.timedelta(days=364) for s in old.training.sessions if s.date]
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert all(re.search(r"\d{4}-\d{2}", a) for a, _ in changed)
    site = build(out, tmp_path / "site", options=Options(packs=False))
    footer = (site.out / "index.html").read_text(encoding="utf-8")
    assert "Voices Upward · 2027-28" in footer


def test_the_law_firm_moves_a_year(tmp_path: Path) -> None:
    project = tmp_path / "firm"
    shutil.copytree(LAW_FIRM.parent, project)
    result = new_cohort(project / "scheme.yml", dt.date(2028, 1, 11))
    assert result.cohort == "2028" and result.days == 364
    scheme = load_scheme(result.out).scheme
    assert scheme.messages.apply_by == dt.date(2027, 10, 15)
    assert scheme.evaluation.surveys.pre.opens == "first meeting - 3 weeks"
    site = build(result.out, tmp_path / "firm-site", options=Options(packs=False))
    assert "Harwood Lane LLP · Harwood Lane Reverse Mentoring Programme · 2028" in (
        site.out / "index.html").read_text(encoding="utf-8")


def test_new_cohort_needs_a_start_and_never_overwrites(
        make_project: Callable[..., Path], tmp_path: Path) -> None:
    undated = make_project()
    with pytest.raises(ValidationError, match=r"new-cohort counts from meetings\.start"):
        new_cohort(undated, dt.date(2027, 1, 1))
    result = run_cli("new-cohort", "--scheme", str(undated), "--start", "2027-01-01")
    assert result.returncode == 2 and "scheme.yml:" in result.stderr
    dated = make_project(cohort="2026", meetings={"start": "2026-10-12"})
    new_cohort(dated, dt.date(2027, 10, 11))
    with pytest.raises(OutputError, match="already exists"):
        new_cohort(dated, dt.date(2027, 10, 11))
    with pytest.raises(OutputError):
        new_cohort(dated, dt.date(2027, 10, 11), out=dated, force=True)
    again = new_cohort(dated, dt.date(2027, 10, 18), force=True)
    assert load_scheme(again.out).scheme.meetings.start == dt.date(2027, 10, 18)


def test_earlier_cohorts_stay_archived(tmp_path: Path) -> None:
    scheme = copy_example(tmp_path)
    site = scheme.parent / "site"
    archived = build(scheme, options=Options(packs=False), archive=True)
    assert archived.out == site / "archive" / "2026-27"
    assert (site / MARKER).exists() and (archived.out / MARKER).exists()
    nxt = new_cohort(scheme, dt.date(2027, 10, 11))
    shutil.move(nxt.out, scheme)
    build(scheme, options=Options(packs=False))
    assert "2027-28" in (site / "index.html").read_text(encoding="utf-8")
    old_home = (site / "archive" / "2026-27" / "index.html").read_text(encoding="utf-8")
    assert "2026-27" in old_home and "12 October 2026" in (
        site / "archive" / "2026-27" / "meetings.html").read_text(encoding="utf-8")
    build(scheme, options=Options(packs=False))  # and again: the archive is carried every time
    assert (site / "archive" / "2026-27" / "downloads" / "calendar-mentors.ics").is_file()
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text.replace("count: 4", "count: 40"), encoding="utf-8")
    with pytest.raises(ValidationError):
        build(scheme, options=Options(packs=False))
    assert (site / "archive" / "2026-27" / "index.html").read_text(encoding="utf-8") == old_home


def test_archive_needs_a_cohort(make_project: Callable[..., Path]) -> None:
    with pytest.raises(OutputError, match="--archive needs the cohort's name"):
        build(make_project(), options=Options(packs=False), archive=True)


def test_archive_refuses_a_folder_it_did_not_make(make_project: Callable[..., Path]) -> None:
    path = make_project(cohort="2026")
    (path.parent / "site").mkdir()
    (path.parent / "site" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="did not create"):
        build(path, options=Options(packs=False), archive=True)
