"""Reading survey exports as each tool writes them, and every bad file located."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import REPO, edition
from schemebook.context.template import role_words
from schemebook.core.errors import InputError
from schemebook.results.key import Key, build_key
from schemebook.results.responses import read_responses

DATED = {"meetings": {"count": 4, "start": "2026-10-12"}}


def key_of(scheme: Path, languages: tuple[str | None, ...] = (None,)) -> Key:
    editions = [edition(scheme, language) for language in languages]
    return build_key([(e.context["instruments"], e.tr, role_words(e.scheme)) for e in editions])


def items(key: Key, wave: str, role: str) -> list[Any]:
    return [i for i in key.items.values() if wave in i.stages and not i.then
            and not i.written and i.item.audience in (role, "both")]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


@pytest.fixture
def scheme(make_project: Callable[..., Path]) -> Path:
    return make_project(**DATED)


def test_item_ids_labels_and_numbers_are_read(scheme: Path, tmp_path: Path) -> None:
    key = key_of(scheme)
    asked = items(key, "pre", "mentors")
    labels = asked[0].item.scale.labels
    path = write_csv(tmp_path / "pre.csv", [
        ["code", *[i.id for i in asked]],
        ["A1", labels[0], *["4"] * (len(asked) - 1)],
        ["A2", "", *[labels[4].upper()] * (len(asked) - 1)],
    ])
    one, two = read_responses([(path, None)], key)
    assert (one.wave, one.role, two.role) == ("pre", "mentors", "mentors")
    assert one.points[asked[0].id] == 1 and one.points[asked[1].id] == 4
    assert asked[0].id not in two.points  # blank: missing, never filled in
    assert two.points[asked[1].id] == 5  # labels in any case


def test_microsoft_forms_workbook_with_question_texts(scheme: Path, tmp_path: Path) -> None:
    key = key_of(scheme)
    asked = items(key, "post", "mentees")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name",
                  "Participant number", *[i.item.text for i in asked]])
    sheet.append([1, "x", "y", "anonymous", "anonymous", "B7",
                  *[i.item.scale.labels[2] for i in asked]])
    book.save(tmp_path / "export.xlsx")
    [found] = read_responses([(tmp_path / "export.xlsx", "post")], key)
    assert found.wave == "post" and found.role == "mentees" and found.code == "b7"
    assert set(found.points) == {i.id for i in asked} and set(found.points.values()) == {3}


def test_jisc_numbered_questions_and_qualtrics_three_header_rows(
        scheme: Path, tmp_path: Path) -> None:
    key = key_of(scheme)
    asked = items(key, "follow-up", "mentors")
    jisc = write_csv(tmp_path / "survey-follow-up.csv", [
        ["Response ID", "Participant number", "Role",
         *[f"{n}. {i.item.text}" for n, i in enumerate(asked, start=1)]],
        ["R1", "C1", "Mentor", *["2"] * len(asked)]])
    qualtrics = write_csv(tmp_path / "pre.csv", [
        ["StartDate", "ResponseId", "code", *[f"Q{n}" for n in range(len(asked))]],
        ["Start Date", "Response ID", "Participant code", *[i.item.text for i in asked]],
        [json.dumps({"ImportId": f"QID{n}"}) for n in range(3 + len(asked))],
        ["2027-01-01", "R_1", "C1", *["3"] * len(asked)]], encoding="utf-8")
    later, first = read_responses([(jisc, None), (qualtrics, None)], key)
    assert (later.wave, later.role, first.wave) == ("follow-up", "mentors", "pre")
    assert set(first.points.values()) == {3} and set(later.points.values()) == {2}


def test_welsh_answers_and_questions_of_a_bilingual_scheme(tmp_path: Path) -> None:
    from schemebook.commands.init import init_project

    project = init_project(tmp_path / "lleisiau", "welsh")
    key = key_of(project / "scheme.yml", ("cy", "en"))
    welsh = edition(project / "scheme.yml", "cy").context["instruments"]
    asked = [i for i in welsh.surveys[0].items if i.audience in ("mentors", "both")
             and not i.scale.written]
    path = write_csv(tmp_path / "cyn.csv", [
        ["Rhif cyfranogwr", "wave", *[i.text for i in asked]],
        ["X1", "pre", *[i.scale.labels[3] for i in asked]]])
    [found] = read_responses([(path, None)], key)
    assert found.role == "mentors" and set(found.points.values()) == {4}


def test_every_problem_of_every_file_is_located_at_once(scheme: Path, tmp_path: Path) -> None:
    key = key_of(scheme)
    asked = items(key, "pre", "mentors")
    bad = write_csv(tmp_path / "pre.csv", [
        ["code", "favourite colour", *[i.id for i in asked]],
        ["A1", "blue", "Sometimes", *["4"] * (len(asked) - 1)],
        ["A1", "red", *["4"] * len(asked)],
        ["A3", "", "9", *["4"] * (len(asked) - 1)]])
    empty = tmp_path / "post.csv"
    empty.write_text("\n\n", encoding="utf-8")
    semicolons = tmp_path / "follow-up.csv"
    semicolons.write_text("code;belong\nA1;4\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_responses([(bad, None), (empty, None), (semicolons, None)], key)
    shown = [str(p) for p in info.value.problems]
    assert any("pre.csv:1:2: error: no item of the scheme asks 'favourite colour'" in s
               for s in shown)
    assert any("pre.csv:2:3: error: 'Sometimes' is not a point of the agree5 scale" in s
               for s in shown)
    assert any("pre.csv:4:3: error: '9' is not a point" in s for s in shown)
    assert any("pre.csv:3:1: error: this participant code is already used" in s for s in shown)
    assert any("post.csv:1:1: error: the survey export is empty" in s for s in shown)
    assert any("follow-up.csv:1:5: error: the columns are separated by semicolons" in s
               for s in shown)


def test_a_wave_whose_codes_match_no_other_is_refused(scheme: Path, tmp_path: Path) -> None:
    key = key_of(scheme)
    asked = [i.id for i in items(key, "pre", "mentors")]
    pre = write_csv(tmp_path / "pre.csv", [["code", *asked], ["A1", *["3"] * len(asked)]])
    post = write_csv(tmp_path / "post.csv", [["code", *asked], ["Z9", *["3"] * len(asked)]])
    with pytest.raises(InputError, match="no participant code of the post survey appears"):
        read_responses([(pre, None), (post, None)], key)


def test_the_example_responses_are_read_whole() -> None:
    key = key_of(REPO / "scheme.yml")
    folder = REPO / "examples" / "responses"
    found = read_responses([(p, None) for p in sorted(folder.iterdir())], key)
    by_wave = {w: sum(1 for r in found if r.wave == w) for w in ("pre", "post", "follow-up")}
    assert by_wave == {"pre": 42, "post": 34, "follow-up": 25}
