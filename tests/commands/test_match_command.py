"""commands/match.py: the example's applications to a roster and a pairing report.

Runs the real command on examples/applications.csv (fictional people) in a
copy of the university example, and the real CLI for bad input, which must
name every bad cell, exit 2 and write nothing.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from conftest import REPO, copy_example, run_cli
from schemebook.commands.match import match_applications
from schemebook.core.errors import InputError, OutputError
from schemebook.core.options import Options
from schemebook.people.roster import read_roster
from support.browser import chromium_page

APPLICATIONS = REPO / "examples" / "applications.csv"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The university example with its applications matched once."""
    scheme = copy_example(tmp_path_factory.mktemp("match"))
    shutil.copy2(APPLICATIONS, scheme.parent / "applications.csv")
    match_applications(scheme, scheme.parent / "applications.csv")
    return scheme


def test_the_example_pairs_everyone_the_rules_allow(example: Path) -> None:
    folder = example.parent / "private" / "pairing"
    pairs = read_roster(folder / "roster.csv")  # personalise reads it as it is
    assert len(pairs) == 11
    assert [p.pair_id for p in pairs][:2] == ["P01", "P02"]
    assert all(p.mentor_email and p.mentee_email and p.mentor_first_name for p in pairs)
    mentees = {p.mentee for p in pairs}
    assert "Dr Siân Morgan" not in mentees  # she meets in Welsh only: nobody can
    html = (folder / "pairing-report.html").read_text(encoding="utf-8")
    assert "Dr Siân Morgan" in html
    assert ("No student mentor can be paired with them under the hard rules: 11 share no "
            "language with them and 1 is in their line of report.") in html
    assert "First come, first served" in html and "Total score" in html
    assert "<link" not in html and "--primary" in html  # styles inlined: opens anywhere
    report = (folder / "pairing-report.csv").read_bytes()
    assert report.startswith("\ufeffstatus,pair_id".encode())
    assert report.decode("utf-8-sig").count("\r\nunpaired,") == 2
    for name in ("roster.csv", "pairing-report.html", "pairing-report.csv"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600


def test_the_same_applications_give_the_same_files(example: Path, tmp_path: Path) -> None:
    folder = example.parent / "private" / "pairing"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    match_applications(example, example.parent / "applications.csv", out=tmp_path / "again")
    after = {p.name: p.read_bytes() for p in (tmp_path / "again" / "pairing").iterdir()}
    assert before == after


def test_overrides_fix_and_forbid_pairs(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "private"
    out.mkdir()
    (out / "overrides.csv").write_text("action,mentor,mentee,note\n"
                                       "fix,A12,B12,Asked for each other\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"overrides.csv:2:1: error: A12 and B12 cannot be "
                                         r"paired: they have no language in common"):
        match_applications(example, example.parent / "applications.csv", out=out)
    (out / "overrides.csv").write_text("action,mentor,mentee,note\n"
                                       "fix,A02,B02,Met at the open day\n"
                                       "forbid,A01,B01,\n", encoding="utf-8")
    result = match_applications(example, example.parent / "applications.csv", out=out)
    pairs = {(p.mentor.key, p.mentee.key) for p in result.outcome.pairs}
    assert ("A02", "B02") in pairs and ("A01", "B01") not in pairs
    html = (result.folder / "pairing-report.html").read_text(encoding="utf-8")
    assert "Fixed by the coordinator: Met at the open day" in html


def test_bad_applications_are_located_and_nothing_is_written(example: Path) -> None:
    project = example.parent
    bad = project / "bad.csv"
    bad.write_text(APPLICATIONS.read_text(encoding="utf-8")
                   .replace("A03,2026-07-02 14:05,Student mentor", "A03,2026-07-02 14:05,Tutor")
                   .replace("Failure and resilience;Inclusive", "Resilience;Inclusive")
                   .replace(",B09,,", ",Prof Nobody,,")
                   .replace("Zofia Wiśniewska,Zofia,z.wisniewska", ",Zofia,g.aprhys")
                   .replace("\n", "\r\n"), encoding="utf-8-sig")
    result = run_cli("match", "bad.csv", "--out", "elsewhere", cwd=project)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[:-1] == [
        "bad.csv:3:4: error: the name is missing",
        "bad.csv:3:6: error: email 'g.aprhys@students.northmoor.example' is already used on "
        "row 2 (one application per person: remove the other)",
        "bad.csv:3:8: error: 'Resilience' is not a theme of the scheme (did you mean "
        "'Failure and resilience'?)",
        "bad.csv:4:3: error: unknown role 'Tutor' (write mentor or mentee, or the scheme's "
        "labels 'Student mentor' or 'Senior mentee')",
        "bad.csv:4:13: error: 'Prof Nobody' names nobody who applied (use their application "
        "id, email or name as on their application; leave out people who did not apply)",
    ]
    assert lines[-1] == "schemebook: 5 problems; nothing was written"
    assert not (project / "elsewhere").exists()


def test_outputs_inside_the_site_are_refused(example: Path) -> None:
    site = example.parent / "site"
    site.mkdir(exist_ok=True)
    (site / ".schemebook-site").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="would be published"):
        match_applications(example, example.parent / "applications.csv", out=site / "private")
    assert not (site / "private").exists()


def test_an_impossible_match_writes_the_reasons(example: Path, tmp_path: Path) -> None:
    only = tmp_path / "welsh.csv"
    only.write_text("id,role,name,email,language\n"
                    "A1,mentor,Gwenllian ap Rhys,g@uni.example,Welsh\n"
                    "B1,mentee,Dr Helen Marsh,h@uni.example,English\n", encoding="utf-8")
    result = match_applications(example, only, out=tmp_path / "out")
    assert not result.outcome.pairs
    assert any("no pair can be made under the hard rules" in w.message for w in result.warnings)
    html = (result.folder / "pairing-report.html").read_text(encoding="utf-8")
    assert "No pair could be made." in html
    assert html.count("1 shares no language with them") == 2


@pytest.mark.browser
def test_the_report_reads_well_in_a_browser(example: Path) -> None:
    report = example.parent / "private" / "pairing" / "pairing-report.html"
    with chromium_page() as page:
        page.goto(report.as_uri())
        assert page.title() == "Pairing report: Voices Upward 2026-27"
        heading = page.locator("h1")
        assert heading.evaluate("e => getComputedStyle(e).color") != "rgb(0, 0, 0)"
        rows = page.locator("table").first.locator("tbody tr")
        assert rows.count() == 11
        assert rows.first.locator("li").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_options_are_optional(example: Path, tmp_path: Path) -> None:
    result = match_applications(example, example.parent / "applications.csv",
                                out=tmp_path / "p", priority="best-score", options=Options())
    assert result.outcome.priority == "best-score"
    assert result.outcome.total >= result.outcome.baseline_total
