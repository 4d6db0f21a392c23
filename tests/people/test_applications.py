"""applications.py and answers.py: a form tool's export read into applicants.

The people are fictional. Every bad cell must be located as FILE:ROW:COL,
all of them in one run; a Microsoft Forms .xlsx must read like its CSV.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from schemebook.core.errors import InputError
from schemebook.core.i18n import Translator
from schemebook.people.answers import ALL_SLOTS, Vocabulary, slot_days
from schemebook.people.applications import read_applications
from schemebook.people.rules import Rules, ancestors
from schemebook.scheme.models import Scheme

SCHEME = Scheme.model_validate({
    "name": "Tiny Scheme", "organisation": "Example College",
    "contact": {"name": "Ada Example", "email": "ada@college.example"},
    "focus": {"aims": ["Help"]},
    "roles": {"mentor": {"label": "Student mentor"}, "mentee": {"label": "Senior mentee"}},
    "themes": [{"title": "Belonging and community"}, {"title": "Failure, and resilience"}],
})
VOCAB = Vocabulary.for_scheme([(SCHEME, Translator.for_language("en"))])

HEADER = ("id,role,name,email,unit,themes,format,availability,language,conflicts,"
          "authority,reports_to,prefer,Completion time\n")
GOOD = HEADER + "".join(line + "\n" for line in [
    "A1,Student mentor,Gwenllian ap Rhys,g@uni.example,History,"
    "Belonging and community;2,Online,Mon am;Thursday evening,English;Welsh,,,,B1,2026-07-01",
    'A2,mentor,Zofia Wiśniewska,z@uni.example,Law,"Failure, and resilience",either,any,,,B2,,,'
    "2026-07-02",
    "B1,Senior mentee,Professor Daniel Hartley,d@uni.example,History,"
    "belonging-and-community,In person;Online,weekday mornings,cy,,,,,2026-07-03",
    "B2,MENTEE,Dr Helen Marsh,h@uni.example,Library,,,,en,A1,,B1,,2026-07-04",
])


def write(tmp_path: Path, text: str, name: str = "applications.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_applications(path, VOCAB)
    return [str(p) for p in caught.value.problems]


def test_answers_are_read_into_values(tmp_path: Path) -> None:
    people = {p.key: p for p in read_applications(write(tmp_path, GOOD), VOCAB).people}
    a1, a2, b1, b2 = people["A1"], people["A2"], people["B1"], people["B2"]
    assert (a1.role, a2.role, b1.role, b2.role) == ("mentor", "mentor", "mentee", "mentee")
    assert a1.themes == {0, 1} and a2.themes == {1} and b1.themes == {0} and not b2.themes
    assert a1.formats == {"online"} and a2.formats == b1.formats == {"online", "in-person"}
    assert slot_days(a1.slots) == [(0, 0), (3, 2)]
    assert a2.slots == ALL_SLOTS
    assert slot_days(b1.slots) == [(d, 0) for d in range(5)]
    assert a1.languages == ("en", "cy") and b1.languages == ("cy",)
    assert a2.languages == ("en",)  # empty: the scheme's language
    assert a2.authority == {"b2"} and b2.conflicts == {"a1"} and a1.prefer == {"b1"}
    assert b2.reports_to == ("b1",)
    assert a1.extra["13"] == "2026-07-01"  # the form tool's own column is kept


def test_every_bad_cell_is_located_in_one_run(tmp_path: Path) -> None:
    text = HEADER + """\
A1,Student,Gwenllian ap Rhys,g@uni.example,,Belonging,,,,,,,,
A2,mentor,,z@uni.example,,,sometimes,Mon brunch,,Nobody Known,,,,
B1,mentee,Dr Helen Marsh,Z@UNI.EXAMPLE,,,,,,,,,,
A1,mentee,Dr Imran Siddiqui,i@uni.example,,,,,,,,,,
"""
    found = problems(write(tmp_path, text))
    where = str(tmp_path / "applications.csv")
    assert len(found) == len(set(found))
    expected = [
        (2, 2, "unknown role 'Student'"),
        (2, 6, "'Belonging' is not a theme of the scheme (did you mean 'Belonging and"),
        (3, 3, "the name is missing"),
        (3, 7, "'sometimes' is not a meeting format"),
        (3, 8, "'Mon brunch' is not a day and part of the day"),
        (3, 10, "'Nobody Known' names nobody who applied"),
        (4, 4, "email 'Z@UNI.EXAMPLE' is already used on row 3"),
        (5, 1, "id 'A1' is already used on row 2"),
    ]
    for line, column, message in expected:
        assert any(p.startswith(f"{where}:{line}:{column}: error: {message}") for p in found), (
            line, column, message, found)
    assert len(found) == len(expected)


def test_a_missing_column_and_a_near_miss_are_reported(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "id,role,name\nA1,mentor,Gwenllian\n"))
    assert any("the header has no email column" in p for p in found)
    text = GOOD.replace("availability", "avilability", 1)
    result = read_applications(write(tmp_path, text), VOCAB)
    assert [str(w) for w in result.warnings] == [
        f"{tmp_path / 'applications.csv'}:1:8: warning: column 'avilability' is ignored "
        "(did you mean 'availability'?)"]


def test_xlsx_from_microsoft_forms_reads_like_csv(tmp_path: Path) -> None:
    csv_people = read_applications(write(tmp_path, GOOD), VOCAB).people
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Completion time", *HEADER.strip().split(",")[:-1]])
    for line in GOOD.splitlines()[1:]:
        cells = next(csv.reader([line]))
        sheet.append([cells[-1], *cells[:-1]])
    sheet.append([])
    book.save(tmp_path / "applications.xlsx")
    xlsx_people = read_applications(tmp_path / "applications.xlsx", VOCAB).people
    strip = [(p.key, p.role, p.name, p.themes, p.formats, p.slots, p.languages, p.conflicts,
              p.authority, p.reports_to, p.prefer) for p in csv_people]
    assert strip == [(p.key, p.role, p.name, p.themes, p.formats, p.slots, p.languages,
                      p.conflicts, p.authority, p.reports_to, p.prefer) for p in xlsx_people]
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match=r"not a readable \.xlsx"):
        read_applications(bad, VOCAB)


def test_the_line_of_report_is_followed_up_the_chain(tmp_path: Path) -> None:
    text = HEADER + """\
A1,mentor,Student Worker,s@uni.example,,,,,,,,Kim Outsider;B2,,
B2,mentee,Team Leader,t@uni.example,,,,,,,,B3,,
B3,mentee,Director,d@uni.example,,,,,,,,A1,,
"""
    people = read_applications(write(tmp_path, text), VOCAB).people
    lines = ancestors(people)
    assert lines["a1"] == {"kim outsider", "b2", "b3"}  # the cycle back to A1 stops
    rules = Rules(people, SCHEME.pairing)
    assert rules.blocked(people[0], people[2]) == "line"


def test_capacity_is_limited_by_the_scheme(tmp_path: Path) -> None:
    text = "id,role,name,email,capacity\nA1,mentor,Gwenllian,g@uni.example,2\n"
    with pytest.raises(InputError, match="capacity '2' is not allowed"):
        read_applications(write(tmp_path, text), VOCAB, capacity=1)
    (person,) = read_applications(write(tmp_path, text), VOCAB, capacity=2).people
    assert person.capacity == 2
