"""roster.py: the CSV of pairs, read forgivingly where safe and precisely where not.

Names are fictional and deliberately varied (Welsh, Polish, Vietnamese,
Arabic, Chinese): the roster must carry any script unchanged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_cli
from schemebook.core.errors import InputError
from schemebook.people.roster import read_roster

GOOD = """pair_id,mentor,mentee,mentor_email,mentee_email,first_meeting
P01,Gwenllian ap Rhys,Professor Daniel Hartley,g.aprhys@uni.example,,2026-10-05
P02,Zofia Wiśniewska,Dr Margaret Ellison,,,
P03,Nguyễn Thị Minh Anh,"Ashworth, Colin",,,2026-10-12
P04,ليلى حداد,Dr Helen Marsh,,,
P05,王芳,Professor Richard Pembury,,,2026-10-06
"""


def write(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_roster(path)
    return [str(p) for p in caught.value.problems]


def test_a_good_roster_keeps_every_script_and_date(tmp_path: Path) -> None:
    pairs = read_roster(write(tmp_path, GOOD))
    assert [p.mentor for p in pairs] == ["Gwenllian ap Rhys", "Zofia Wiśniewska",
                                         "Nguyễn Thị Minh Anh", "ليلى حداد", "王芳"]
    assert pairs[2].mentee == "Ashworth, Colin"  # a quoted comma stays in the name
    assert pairs[0].first_meeting == dt.date(2026, 10, 5)
    assert pairs[1].first_meeting is None
    assert pairs[0].mentor_email == "g.aprhys@uni.example"
    assert [p.row for p in pairs] == [2, 3, 4, 5, 6]


def test_a_byte_order_mark_and_header_spelling_are_accepted(tmp_path: Path) -> None:
    text = ("Pair ID,Mentor name,Mentee Name,First-meeting date\r\n"
            "A1,Rhodri Llewelyn,Dr Eleri Prosser,2026-10-05\r\n")
    pairs = read_roster(write(tmp_path, b"\xef\xbb\xbf" + text.encode()))
    assert pairs[0].pair_id == "A1" and pairs[0].mentee == "Dr Eleri Prosser"


def test_every_bad_row_is_reported_with_its_row_and_cell(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "pair_id,mentor,mentee,mentor_email,mentee_email,first_meeting\n"
        "P01,Bartłomiej Kowalczyk,,,,\n"              # row 2: no mentee
        "P02,,Dr Imran Siddiqui,,,2026-02-30\n"       # row 3: no mentor, impossible date
        "P03,Trần Văn Đức,Professor Anne Whitcombe,,,5/10/2026\n"  # row 4: not ISO
        "p01,Yusuf Al-Mansouri,Professor Judith Crane,,,\n"       # row 5: duplicate id
        "P06,陈静,Dr Sarah Okonjo-Blake,chen.jing,,\n"            # row 6: bad email
        "P07,Ewa Nowak,Dr Colin Marsh,,,,extra\n"                 # row 7: extra cell
    ))
    found = messages(path)
    name = str(path)
    assert f"{name}:2:3: error: the mentee name is missing" in found
    assert f"{name}:3:2: error: the mentor name is missing" in found
    assert any(m.startswith(f"{name}:3:6: error: '2026-02-30' is not a date") for m in found)
    assert any(m.startswith(f"{name}:4:6: error: '5/10/2026' is not a date") and "YYYY-MM-DD" in m
               for m in found)
    assert any(m.startswith(f"{name}:5:1: error: pair id 'p01' is already used on row 2")
               for m in found)
    assert f"{name}:6:4: error: 'chen.jing' is not an email address" in found
    assert any(m.startswith(f"{name}:7:7: error: this row has 7 cells") for m in found)


def test_semicolons_are_detected_and_explained(tmp_path: Path) -> None:
    found = messages(write(tmp_path, "pair_id;mentor;mentee\nP1;Ewa Nowak;Dr Hart\n"))
    assert len(found) == 1
    assert ":1:8: error: the columns are separated by semicolons" in found[0]
    assert "comma delimited" in found[0]


def test_header_mistakes_get_the_closest_name(tmp_path: Path) -> None:
    found = messages(write(tmp_path, "pair_id,mentor,mentey\nP1,Ewa Nowak,Dr Hart\n"))
    assert any(":1:3: error: unknown column 'mentey' (did you mean 'mentee'?)" in m
               for m in found)
    assert any("the header has no mentee name column" in m for m in found)


@pytest.mark.parametrize("data, expected", [
    (b"", "the roster is empty"),
    (b"pair_id,mentor,mentee\n", "the roster has no pairs"),
    (b"pair_id,mentor,mentee\nP1,Zo\xeb,Dr Hart\n", "2:1: error: the roster is not UTF-8"),
    (b"pair_id,mentor,mentee\nP 1/2,Ewa,Dr Hart\n", "is not usable in file names"),
])
def test_other_mistakes(tmp_path: Path, data: bytes, expected: str) -> None:
    assert any(expected in m for m in messages(write(tmp_path, data)))


def test_cli_prints_located_rows_and_exits_2_writing_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "scheme.yml").write_text(
        "name: Tiny\norganisation: College\ncontact: {name: Ada Example}\n"
        "focus: {aims: [Listen]}\n", encoding="utf-8")
    roster = write(project, "pair_id,mentor,mentee\nP1,,Dr Hart\nP1,Ewa Nowak,\n")
    done = run_cli("personalise", str(roster), "--scheme", str(project / "scheme.yml"))
    assert done.returncode == 2, done.stderr
    assert f"{roster}:2:2: error: the mentor name is missing" in done.stderr
    assert f"{roster}:3:3: error: the mentee name is missing" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "private").exists()


def test_language_columns_name_the_schemes_languages(tmp_path: Path) -> None:
    path = write(tmp_path, "pair_id,mentor,mentee,language,mentee_language\n"
                           "P1,Ewa Nowak,Dr Hart,CY,\n"        # both Welsh, any case
                           "P2,Rhodri Llewelyn,Dr Prosser,cy,en\n"  # the mentee's own wins
                           "P3,Zofia Wiśniewska,Dr Marsh,,\n")      # the main language
    pairs = read_roster(path, ["en", "cy"])
    assert [(p.mentor_language, p.mentee_language) for p in pairs] == [
        ("cy", "cy"), ("cy", "en"), ("", "")]


def test_a_language_the_scheme_lacks_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "pair_id,mentor,mentee,mentor_language,mentee_language\n"
                           "P1,Ewa Nowak,Dr Hart,,fr\n")
    with pytest.raises(InputError) as caught:
        read_roster(path, ["en", "cy"])
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:5: error: 'fr' is not a language of the scheme (the scheme's languages "
        "are en, cy; leave it empty for en)"]
