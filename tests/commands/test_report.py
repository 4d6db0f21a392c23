"""``schemebook report``: the example responses to HTML, PDF and CSV, privately."""

from __future__ import annotations

import csv
import re
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NO_PACKS, REPO, run_cli
from pypdf import PdfReader
from schemebook.commands.report import report
from schemebook.commands.serve import local_only, show_report
from schemebook.core.errors import OutputError
from support.serving import fetch, serving, wait_for

EXAMPLE = REPO / "examples" / "responses"
pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example scheme's report from the fictional responses, in a copy of the project."""
    project = tmp_path_factory.mktemp("uni")
    shutil.copy2(REPO / "scheme.yml", project / "scheme.yml")
    shutil.copytree(REPO / "assets", project / "assets")
    shutil.copytree(EXAMPLE, project / "responses")
    done = run_cli("report", *sorted(str(p) for p in (project / "responses").iterdir()),
                   "--scheme", str(project / "scheme.yml"))
    assert done.returncode == 0, done.stderr
    return project / "private" / "report"


def text_of_pdf(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_report_is_written_privately_in_three_forms(example_report: Path) -> None:
    for name in ("report.html", "report.pdf", "figures.csv"):
        mode = stat.S_IMODE((example_report / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    html = (example_report / "report.html").read_text(encoding="utf-8")
    assert "Scores on each measure" in html and "Change between surveys" in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 2  # a chart per role
    reader = PdfReader(example_report / "report.pdf")
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # a tagged PDF
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "Change between surveys" in text_of_pdf(example_report / "report.pdf")


def test_no_code_and_no_answer_of_one_person_reaches_any_output(example_report: Path) -> None:
    codes = set()
    for path in EXAMPLE.glob("*.csv"):
        codes |= set(re.findall(r"VU-M[RE]\d{3}", path.read_text(encoding="utf-8-sig")))
    assert len(codes) > 30
    outputs = {"html": (example_report / "report.html").read_text(encoding="utf-8"),
               "pdf": text_of_pdf(example_report / "report.pdf"),
               "csv": (example_report / "figures.csv").read_text(encoding="utf-8-sig")}
    for name, text in outputs.items():
        assert not [c for c in codes if c in text], name
        assert "VU-" not in text and "anonymous" not in text, name
    rows = list(csv.DictReader(outputs["csv"].splitlines()))
    for row in rows:  # every count is rounded or hidden, whatever the table
        if row["figure"] in ("n", "scored", "not scored", "pairs", "answered both"):
            assert row["shown"] in ("0", "fewer than 5") or int(row["shown"]) % 5 == 0, row


def test_the_summary_needs_suppression_so_it_is_not_published(tmp_path: Path) -> None:
    project = tmp_path / "uni"
    project.mkdir()
    shutil.copy2(REPO / "scheme.yml", project / "scheme.yml")
    shutil.copytree(REPO / "assets", project / "assets")
    result = report(project / "scheme.yml", [str(p) for p in sorted(EXAMPLE.iterdir())],
                    publish=True)
    assert result.published is None
    assert any("not published" in w.message for w in result.warnings)
    assert not (project / "content" / "evaluation-results.md").exists()


def write_answers(path: Path, codes: list[str], items: list[str], point: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["code", "role", *items])
        for code in codes:
            writer.writerow([code, "mentee", *[point] * len(items)])


def test_a_summary_of_large_groups_is_published_as_an_aggregate_page(
        make_project: Callable[..., Path], tmp_path: Path) -> None:
    scheme = make_project(meetings={"count": 4, "start": "2026-10-12"}, packs=NO_PACKS,
                          evaluation={"items": [
                              {"id": "a", "text": "Statement A", "audience": "mentees",
                               "measure": "m"},
                              {"id": "b", "text": "Statement B", "audience": "mentees",
                               "measure": "m"}]})
    codes = [f"P{n}" for n in range(10)]
    write_answers(tmp_path / "pre.csv", codes, ["a", "b"], "2")
    write_answers(tmp_path / "post.csv", codes, ["a", "b"], "4")
    result = report(scheme, [str(tmp_path / "pre.csv"), str(tmp_path / "post.csv")],
                    publish=True)
    assert result.published == scheme.parent / "content" / "evaluation-results.md"
    page = result.published.read_text(encoding="utf-8")
    cells = [c.strip() for line in page.splitlines() if line.startswith("|")
             for c in line.strip("|").split("|")]
    assert "fewer than 5" not in cells and "withheld" not in cells and "P1" not in page
    assert "| m · Before the meetings | 10 | 0 | 2.0 | 2.0 | – |" in page
    built = run_cli("build", "--scheme", str(scheme))
    assert built.returncode == 0, built.stderr
    assert (scheme.parent / "site" / "evaluation-results.html").exists()


def test_bad_exports_are_located_and_nothing_is_written(
        make_project: Callable[..., Path], tmp_path: Path) -> None:
    scheme = make_project(meetings={"count": 4, "start": "2026-10-12"})
    (tmp_path / "pre.csv").write_text("code,belong\nA1,Sometimes\n", encoding="utf-8")
    (tmp_path / "post.csv").write_text("", encoding="utf-8")
    done = run_cli("report", str(tmp_path / "pre.csv"), str(tmp_path / "post.csv"),
                   "--scheme", str(scheme))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "pre.csv:2:2: error: 'Sometimes' is not a point of the agree5 scale" in done.stderr
    assert "post.csv:1:1: error: the survey export is empty" in done.stderr
    assert not (scheme.parent / "private").exists()


def test_the_report_is_never_written_inside_the_site(make_project: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    scheme = make_project(meetings={"count": 4, "start": "2026-10-12"})
    write_answers(tmp_path / "pre.csv", ["A", "B"], ["barriers"], "3")
    with pytest.raises(OutputError, match="would be published"):
        report(scheme, [str(tmp_path / "pre.csv")], out=scheme.parent / "site" / "report")


@pytest.mark.browser
def test_the_report_passes_the_accessibility_audit(example_report: Path) -> None:
    from support.audit import Server, blocking, run_axe
    from support.browser import chromium_page

    with chromium_page(viewport={"width": 1280, "height": 900}) as page:
        page.route(re.compile(r"^https?://"), Server().answer)
        page.goto((example_report / "report.html").as_uri())
        found = {"report.html": run_axe(page)}
        page.set_viewport_size({"width": 320, "height": 800})
        found["report.html at 320 px"] = run_axe(page)
    assert not blocking(found), "\n".join(blocking(found))


@pytest.mark.slow
def test_serve_shows_the_report_beside_the_handbook(example_report: Path) -> None:
    """On this machine only, at /_report/report.html; never in the built site."""
    project = example_report.parent.parent
    with serving(project / "scheme.yml") as url:
        assert wait_for(lambda: "Change between surveys" in fetch(url + "_report/report.html"),
                        limit=600)
        assert "Change between surveys" not in fetch(url + "index.html")
    assert not list(project.glob("site/_report"))


def test_the_report_is_offered_only_on_a_loopback_address(example_report: Path,
                                                           tmp_path: Path) -> None:
    project = example_report.parent.parent
    assert local_only("127.0.0.1") and local_only("::1") and local_only("localhost")
    assert not local_only("0.0.0.0") and not local_only("192.0.2.7")
    assert show_report(project, tmp_path / "a", "0.0.0.0") is None
    shown = show_report(project, tmp_path / "b", "127.0.0.1")
    assert shown is not None and (shown / "report.html").is_file()
    assert not list(shown.glob(".schemebook-*"))
    assert show_report(tmp_path, tmp_path / "c", "127.0.0.1") is None  # no report there
