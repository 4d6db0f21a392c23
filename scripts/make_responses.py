#!/usr/bin/env python3
"""Write fictional survey exports for the example scheme, with a known effect.

    .venv/bin/python scripts/make_responses.py            examples/responses/
    .venv/bin/python scripts/make_responses.py --out DIR

Seeded, so the files are the same on every run. 22 student mentors and 20
senior mentees answer the survey before the meetings, fewer after and fewer
again at the follow-up (attrition), and about one answer in twenty is left
blank. The scheme works as it hopes: mentors' value, visibility and
belonging rise by about a point after the meetings, mentees' understanding
of barriers by about a point and their practice by about half a point; the
follow-up keeps most of it. Each file is exported as a different survey
tool exports it, so the report's reader meets all three:

- pre-forms.xlsx: Microsoft Forms (question texts as headers, labels as
  answers, its own ID, time, Email and Name columns, anonymous);
- post-jisc.csv: JISC Online Surveys (numbered question texts, labels, a Role
  column);
- follow-up-qualtrics.csv: Qualtrics (three header rows, points as numbers).

Everyone here is fictional; the codes are made up.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import zipfile
from pathlib import Path

import openpyxl
from schemebook.context.template import build_edition
from schemebook.plan.load import load_scheme

ROOT = Path(__file__).resolve().parent.parent
EFFECT = {"mentors": {"value": 1.0, "visibility": 1.1, "belonging": 0.9, "confidence": 0.8},
          "mentees": {"barriers": 1.1, "practice": 0.6}}
"""Built-in effect after the meetings, in scale points, by role and measure."""
MEASURES = ("value", "visibility", "belonging", "confidence", "barriers", "practice",
            "experience", "lasting change")
KEEP_AT_FOLLOW_UP = 0.7
PEOPLE = {"mentors": 22, "mentees": 20}
STAY = {"post": {"mentors": 18, "mentees": 16}, "follow-up": {"mentors": 13, "mentees": 12}}


def answers(rng: random.Random, survey: object, role: str, base: dict[str, float],
            lift: float) -> dict[str, int | None]:
    """One person's points for each item of the survey (None: left blank).

    Each person takes a share of the effect between none and 1.6 times it, so some
    gain nothing and the average gain is the effect."""
    found: dict[str, int | None] = {}
    share = rng.uniform(0.0, 1.6)
    for item in survey.for_audience(role):  # type: ignore[attr-defined]
        if item.scale.written:
            continue
        k = len(item.scale.labels)
        gain = EFFECT.get(role, {}).get(item.measure, 0) * lift * share
        point = round(min(k, max(1, rng.gauss(base[item.measure] + gain, 0.6))))
        found[item.id] = None if rng.random() < 0.05 else (k + 1 - point if item.reverse
                                                            else point)
        if item.then_id:
            then = round(min(k, max(1, rng.gauss(base[item.measure], 0.6))))
            found[item.then_id] = k + 1 - then if item.reverse else then
    return found


def people(rng: random.Random) -> list[tuple[str, str, dict[str, float]]]:
    """Code, role and starting level of each measure of every fictional person."""
    found = []
    for role, count in PEOPLE.items():
        for n in range(1, count + 1):
            base = {m: rng.uniform(1.5, 3.5) for m in MEASURES}
            found.append((f"VU-{ {'mentors': 'MR', 'mentees': 'ME'}[role] }{n:03d}", role, base))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "responses")
    args = parser.parse_args()
    edition = build_edition(load_scheme(ROOT / "scheme.yml"))
    surveys = {s.stage: s for s in edition.context["instruments"].surveys}
    rng = random.Random(20261201)
    everyone = people(rng)
    args.out.mkdir(parents=True, exist_ok=True)
    waves: dict[str, list[tuple[str, str, dict[str, int | None]]]] = {}
    for wave, lift in (("pre", 0.0), ("post", 1.0), ("follow-up", KEEP_AT_FOLLOW_UP)):
        group = everyone if wave == "pre" else [
            p for role in PEOPLE for p in [q for q in everyone if q[1] == role][
                :STAY[wave][role]]]
        waves[wave] = [(code, role, answers(rng, surveys[wave], role, base, lift))
                       for code, role, base in group]
    labels = {i.id: i.scale.labels for s in surveys.values() for i in s.items}
    texts = {i.id: i.text for s in surveys.values() for i in s.items}
    forms(args.out / "pre-forms.xlsx", waves["pre"], labels, texts)
    jisc(args.out / "post-jisc.csv", waves["post"], labels, texts, edition.context)
    qualtrics(args.out / "follow-up-qualtrics.csv", waves["follow-up"], texts)
    print(f"wrote {args.out}")


def _label(labels: dict[str, tuple[str, ...]], ident: str, point: int | None) -> str:
    base = ident.removesuffix("-then")
    return "" if point is None else labels[base][point - 1]


def forms(path: Path, rows: list[tuple[str, str, dict[str, int | None]]],
          labels: dict[str, tuple[str, ...]], texts: dict[str, str]) -> None:
    items = sorted({i for _, _, a in rows for i in a})
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name",
                  "Participant number", *[texts[i] for i in items]])
    for n, (code, _role, found) in enumerate(rows, start=1):
        sheet.append([n, "2026-09-28 10:00:00", "2026-09-28 10:07:00", "anonymous",
                      "anonymous", code, *[_label(labels, i, found.get(i)) for i in items]])
    book.properties.creator = "schemebook example"
    book.properties.created = book.properties.modified = dt.datetime(2026, 9, 28, 10, 7)
    book.save(path)
    fixed_zip_times(path)


def fixed_zip_times(path: Path) -> None:
    """Give every member of the workbook, and its 'modified' property, the same date, so
    the file is the same on every run (openpyxl stamps both with the time of saving)."""
    with zipfile.ZipFile(path) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    members = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-09-28T10:07:00Z",
                             data) if info.filename == "docProps/core.xml" else data)
               for info, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 9, 28, 10, 7, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(fixed, data)


def jisc(path: Path, rows: list[tuple[str, str, dict[str, int | None]]],
         labels: dict[str, tuple[str, ...]], texts: dict[str, str], words: dict[str, str]
         ) -> None:
    items = sorted({i for _, _, a in rows for i in a})
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        then = "Before the scheme: "
        writer.writerow(["Response ID", "Participant number", "Role",
                         *[f"{n}. {then if i.endswith('-then') else ''}"
                           f"{texts[i.removesuffix('-then')]}"
                           for n, i in enumerate(items, start=1)]])
        for n, (code, role, found) in enumerate(rows, start=1):
            writer.writerow([f"R{n:04d}", code, words[role.removesuffix("s")],
                             *[_label(labels, i, found.get(i)) for i in items]])


def qualtrics(path: Path, rows: list[tuple[str, str, dict[str, int | None]]],
              texts: dict[str, str]) -> None:
    items = sorted({i for _, _, a in rows for i in a})
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["StartDate", "EndDate", "Finished", "code", "role",
                         *[f"Q{n}" for n in range(1, len(items) + 1)]])
        writer.writerow(["Start Date", "End Date", "Finished", "Participant number", "role",
                         *[texts[i] for i in items]])
        writer.writerow([json.dumps({"ImportId": c}) for c in (
            "startDate", "endDate", "finished", "QID90", "QID91",
            *[f"QID{n}" for n in range(1, len(items) + 1)])])
        for code, role, found in rows:
            writer.writerow(["2027-06-01 09:00:00", "2027-06-01 09:06:00", "True", code, role,
                             *["" if found.get(i) is None else str(found[i]) for i in items]])


if __name__ == "__main__":
    main()
