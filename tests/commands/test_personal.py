"""personal.py: personalised packs, print files and certificates, with real
WeasyPrint in real worker processes, read back with pdftotext and pypdf.

One small roster is rendered once per module; the names are fictional.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, deep_merge, run_cli
from pypdf import PdfReader
from schemebook.commands.personalise import check_private_output, personalise
from schemebook.core.errors import OutputError
from schemebook.core.privacy import PRIVATE_MARKER
from schemebook.people.roster import read_roster
from schemebook.plan.load import load_scheme
from schemebook.printing.personal import pair_plan

pytestmark = pytest.mark.pdf

SCHEME = deep_merge(MINIMAL, {
    "build_date": "2026-09-01",
    "roles": {"mentor": {"label": "Student mentor"}, "mentee": {"label": "Senior mentee"}},
    "themes": [{"title": "Belonging", "icebreakers": ["Where do you feel at home?"]},
               {"title": "Failure", "icebreakers": ["When have you failed?"]}],
    "meetings": {"count": 2, "start": "2026-10-05", "interval": "weekly",
                 "skip": [{"start": "2026-10-12", "end": "2026-10-16",
                           "reason": "reading week"}]},
    "reflection": {"model": "driscoll"},
})
ROSTER = """pair_id,mentor,mentee,mentor_email,mentee_email,first_meeting
P01,Gwenllian ap Rhys,Professor Daniel Hartley,,,2026-10-06
P02,Nguyễn Thị Minh Anh,ليلى حداد,,,
"""


def text_of(pdf: Path, page: int | None = None) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing; run scripts/setup (poppler-utils)")
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("personal") / "project"
    folder.mkdir()
    (folder / "scheme.yml").write_text(yaml.safe_dump(SCHEME, allow_unicode=True),
                                       encoding="utf-8")
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    yield folder


@pytest.fixture(scope="module")
def private(project: Path) -> Path:
    result = personalise(project / "scheme.yml", project / "roster.csv")
    assert result.out == (project / "private").resolve()
    # The minimal scheme draws validation warnings; none may come from rendering.
    assert not [w for w in result.warnings if "personalised" in w.message], result.warnings
    return result.out


def test_every_person_gets_a_pack_and_a_certificate(private: Path) -> None:
    packs = sorted(p.name for p in (private / "packs").glob("*.pdf"))
    assert packs == ["P01-mentee-professor-daniel-hartley.pdf", "P01-mentor-gwenllian-ap-rhys.pdf",
                     "P02-mentee.pdf", "P02-mentor-nguyen-thi-minh-anh.pdf"]
    certificates = sorted((private / "certificates").glob("*.pdf"))
    assert len(certificates) == 4
    for certificate in certificates:
        assert len(PdfReader(certificate).pages) == 1
    text = text_of(private / "certificates" / "P02-mentee-certificate.pdf")
    assert "Certificate of participation" in text
    assert "ليلى" in text or "حداد" in text  # Arabic survives (pdftotext may reorder words)
    assert "Nguyễn Thị Minh Anh" in " ".join(text.split())


def test_both_names_on_the_cover_and_every_log_page(private: Path) -> None:
    pack = private / "packs" / "P01-mentor-gwenllian-ap-rhys.pdf"
    cover = text_of(pack, 1)
    assert "Prepared for Gwenllian ap Rhys" in cover
    assert "Professor Daniel Hartley" in cover
    pages = len(PdfReader(pack).pages)
    # The log pages (the contents page, page 2, lists the logs too).
    log_pages = [n for n in range(3, pages + 1) if "Log for meeting" in text_of(pack, n)]
    assert len(log_pages) == 2  # one page per Driscoll log, one log per meeting
    for n in log_pages:
        page = " ".join(text_of(pack, n).split())
        assert "Student mentor: Gwenllian ap Rhys" in page, n
        assert "Senior mentee: Professor Daniel Hartley" in page, n


def test_names_are_page_text_not_form_values(private: Path) -> None:
    reader = PdfReader(private / "packs" / "P01-mentor-gwenllian-ap-rhys.pdf")
    values = [str(field.get("/V", "")) for field in (reader.get_fields() or {}).values()]
    assert not any("Gwenllian" in v or "Hartley" in v for v in values)


def test_the_pairs_own_dates_follow_cadence_and_closures(project: Path, private: Path) -> None:
    loaded = load_scheme(project / "scheme.yml")
    pairs = read_roster(project / "roster.csv")
    # P01 starts on 6 October; a week later is reading week, so meeting 2 moves.
    assert [m.date for m in pair_plan(loaded.scheme, pairs[0])] == [dt.date(2026, 10, 6),
                                                             dt.date(2026, 10, 17)]
    assert pair_plan(loaded.scheme, pairs[1])[0].date == dt.date(2026, 10, 5)
    text = " ".join(text_of(private / "packs" / "P01-mentor-gwenllian-ap-rhys.pdf").split())
    assert "planned for 6 October 2026" in text
    assert "planned for 17 October 2026" in text


def test_the_print_files_start_each_pack_on_an_odd_page(private: Path) -> None:
    merged = sorted((private / "print").glob("*-packs-duplex.pdf"))
    assert [p.name for p in merged] == ["senior-mentee-packs-duplex.pdf",
                                        "student-mentor-packs-duplex.pdf"]
    for path, role, names in ((merged[1], "mentor", ["Gwenllian ap Rhys", "Nguyễn Thị Minh Anh"]),
                              (merged[0], "mentee", ["Professor Daniel Hartley"])):
        singles = sorted((private / "packs").glob(f"P0?-{role}*.pdf"))
        counts = [len(PdfReader(p).pages) for p in singles]
        assert any(c % 2 for c in counts), "the test needs a pack with an odd page count"
        assert len(PdfReader(path).pages) == sum(c + c % 2 for c in counts)
        start = 1
        for count, name in zip(counts, names, strict=False):
            assert start % 2 == 1
            assert f"Prepared for {name}" in " ".join(text_of(path, start).split())
            if count % 2:  # the page after an odd pack is blank
                assert not text_of(path, start + count).strip()
            start += count + count % 2
    certificates = PdfReader(private / "print" / "certificates.pdf")
    assert len(certificates.pages) == 4


def test_files_are_private_and_marked(private: Path) -> None:
    for name in ("packs", "certificates", "print"):
        assert (private / name / PRIVATE_MARKER).is_file()
    pack = next((private / "packs").glob("*.pdf"))
    assert pack.stat().st_mode & 0o077 == 0


def test_output_inside_the_site_is_refused(project: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="would be published"):
        check_private_output(project / "site" / "private", project)
    built = tmp_path / "elsewhere"
    built.mkdir()
    (built / ".schemebook-site").write_text("")
    with pytest.raises(OutputError, match="would be published"):
        check_private_output(built / "downloads", project)
    done = run_cli("personalise", str(project / "roster.csv"), "--scheme",
                   str(project / "scheme.yml"), "--out", str(project / "site" / "names"))
    assert done.returncode == 2
    assert "refusing to write personalised packs inside" in done.stderr
    assert "they hold people's names and would be published" in done.stderr
    assert not (project / "site").exists()


def test_a_second_run_takes_unchanged_pdfs_from_the_private_cache(project: Path,
                                                                   private: Path) -> None:
    result = personalise(project / "scheme.yml", project / "roster.csv")
    assert result.rendered == 0
    assert (private / ".cache" / "pdf").is_dir()


BILINGUAL = deep_merge(MINIMAL, {
    "build_date": "2026-09-01", "languages": ["en", "cy"],
    "name": {"en": "Tiny Scheme", "cy": "Cynllun Bach"},
    "meetings": {"count": 1, "start": "2026-10-05"},
    "packs": {"mentor": {"sections": ["contacts"]}, "mentee": {"sections": ["contacts"]}},
})


def bilingual_project(folder: Path, roster: str) -> Path:
    folder.mkdir()
    (folder / "scheme.yml").write_text(yaml.safe_dump(BILINGUAL, allow_unicode=True),
                                       encoding="utf-8")
    (folder / "roster.csv").write_text(roster, encoding="utf-8")
    return folder


def test_each_person_gets_their_own_language(tmp_path: Path) -> None:
    """The first mentee in Welsh, everyone else in English: eight small PDFs from
    two print environments."""
    project = bilingual_project(tmp_path / "project",
                                "pair_id,mentor,mentee,mentee_language\n"
                                "P01,Ewa Nowak,Dr Eleri Prosser,cy\n"
                                "P02,Zofia Wiśniewska,Dr Colin Marsh,\n")
    result = personalise(project / "scheme.yml", project / "roster.csv")
    packs = result.out / "packs"
    mentee = " ".join(text_of(packs / "P01-mentee-dr-eleri-prosser.pdf").split())
    mentor = " ".join(text_of(packs / "P01-mentor-ewa-nowak.pdf").split())
    assert "Wedi'i baratoi ar gyfer Dr Eleri Prosser" in mentee and "Cysylltiadau" in mentee
    assert "Cynllun Bach" in mentee and "Prepared for" not in mentee
    assert "Prepared for Ewa Nowak" in mentor and "Contacts" in mentor
    assert "Cynllun Bach" not in mentor
    certificates = result.out / "certificates"
    assert "Tystysgrif cyfranogi" in text_of(
        certificates / "P01-mentee-dr-eleri-prosser-certificate.pdf")
    assert "Certificate of participation" in text_of(
        certificates / "P01-mentor-ewa-nowak-certificate.pdf")
    # The mentees' print file keeps roster order, the Welsh pack among the English.
    duplex = result.out / "print" / "mentee-packs-duplex.pdf"
    first = len(PdfReader(packs / "P01-mentee-dr-eleri-prosser.pdf").pages)
    assert "Wedi'i baratoi ar gyfer Dr Eleri Prosser" in " ".join(text_of(duplex, 1).split())
    assert "Prepared for Dr Colin Marsh" in " ".join(
        text_of(duplex, first + first % 2 + 1).split())


def test_an_unknown_language_code_is_located_and_writes_nothing(tmp_path: Path) -> None:
    project = bilingual_project(tmp_path / "project",
                                "pair_id,mentor,mentee,mentor_language\n"
                                "P01,Ewa Nowak,Dr Eleri Prosser,en\n"
                                "P02,Zofia Wiśniewska,Dr Marsh,fr\n")
    roster = project / "roster.csv"
    done = run_cli("personalise", str(roster), "--scheme", str(project / "scheme.yml"))
    assert done.returncode == 2, done.stderr
    assert f"{roster}:3:4: error: 'fr' is not a language of the scheme" in done.stderr
    assert "en, cy" in done.stderr and "Traceback" not in done.stderr
    assert not (project / "private").exists()
