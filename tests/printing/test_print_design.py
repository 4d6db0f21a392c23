"""Print that a designer would pass (issue 17): measured on the rendered PDFs.

Every shipped example is rendered once (its packs, log, card, surveys and
paperwork, real WeasyPrint in the real workers) and the pages are read back
with poppler and pypdf: where the rules of a writing box fall, how tall each
stage's box is, where a phone number breaks, how far down the last page of a
section the text reaches, whether the contents page lists the logs, whether
the support card is one page. Tables and line breaks are measured in
WeasyPrint's own layout, in test_print_layout.py.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, deep_merge, edition, print_env
from PIL import Image
from pypdf import PdfReader
from support.printed import (
    MM,
    body_lines,
    depth_in_lines,
    lines,
    page_image,
    section_pages,
    widgets,
    words,
)

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

EXAMPLES = ("university", "law-firm", "welsh", "health")

ROOMY: dict[str, Any] = {
    "brand": {"paper": "Letter"},
    "meetings": {"count": 2},
    "reflection": {"model": "custom", "stages": [
        {"name": "What happened", "prompts": ["What did we talk about?"]},
        {"name": "What I felt", "prompts": ["How did I feel? What surprised me, and why, and "
                                            "what does that say about what I expected?"],
         "room": 2},
        {"name": "What next", "prompts": ["What will I do?"]},
    ]},
    "packs": {"mentor": {"build": False}, "mentee": {"build": False},
              "coordinator": {"build": False}},
}
"""A scheme of its own: three stages on Letter, the second asking for twice the room."""


def _render(scheme: Path, out: Path, renderer: Any) -> Path:
    """Every PDF of the scheme's main language, as the build renders them, into ``out``."""
    from schemebook.core.errors import Report
    from schemebook.printing.packs import render_packs
    from schemebook.printing.paperwork import render_paperwork

    built = edition(scheme)
    env = print_env(built)
    report = Report()
    out.mkdir(parents=True)
    for item in render_packs(built, env, renderer, report) + render_paperwork(
            built, env, renderer, report):
        (out / item.job.filename).write_bytes(item.pdf.data)
    (out / "warnings.txt").write_text("\n".join(str(w) for w in report.warnings),
                                      encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, renderer: Any) -> Iterator[dict[str, Path]]:
    """Each shipped example's PDFs, and those of the ROOMY scheme, by name."""
    from schemebook.commands.init import init_project

    base = tmp_path_factory.mktemp("design")
    found = {}
    for name in EXAMPLES:
        project = init_project(base / name, name)
        found[name] = _render(project / "scheme.yml", base / f"{name}-pdf", renderer)
    roomy = base / "roomy"
    roomy.mkdir()
    (roomy / "scheme.yml").write_text(yaml.safe_dump(deep_merge(MINIMAL, ROOMY)),
                                      encoding="utf-8")
    found["roomy"] = _render(roomy / "scheme.yml", base / "roomy-pdf", renderer)
    yield found


def _all(printed: dict[str, Path], name: str = "*.pdf") -> list[Path]:
    return sorted(pdf for folder in printed.values() for pdf in folder.glob(name))


# 1. Writing boxes end on a rule ------------------------------------------------

def _runs(values: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of True."""
    runs, start = [], None
    for i, value in enumerate([*values, False]):
        if value and start is None:
            start = i
        elif not value and start is not None:
            runs.append((start, i))
            start = None
    return runs


def ruled_bands(image: Image.Image, rect: tuple[float, float, float, float],
                dpi: int) -> list[float]:
    """The heights (mm) of the bands a writing box's rules make, top to bottom, on a
    page rendered at ``dpi``: from its top border to the first rule, rule to rule,
    and from the last to its bottom border. A rule along a border is part of it."""
    scale = dpi / 72
    x = round((rect[0] + 0.3 * (rect[2] - rect[0])) * scale)
    top, bottom = round((rect[1] - 4 * MM) * scale), round((rect[3] + 4 * MM) * scale)
    column = [int(image.getpixel((x, y))) for y in range(top, bottom)]  # type: ignore[arg-type]
    borders = _runs([v < 140 for v in column])
    assert len(borders) >= 2, rect
    inside = range(borders[0][1], borders[-1][0])
    rules = [inside.start + (a + b) / 2
             for a, b in _runs([140 <= column[y] < 240 for y in inside])]
    edges = [borders[0][1], *rules, borders[-1][0]]
    bands = [(b - a) / scale / MM for a, b in itertools.pairwise(edges)]
    return [band for band in bands if band > 1]


def test_writing_boxes_end_on_a_rule(printed: dict[str, Path]) -> None:
    """The issue found a strip about 3 mm high under each box's last rule: now every
    band of every box, the last included, is a whole line (all within 0.5 mm)."""
    checked, bad = 0, []
    for pdf in _all(printed, "reflective-log.pdf"):
        by_page: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
        for page, field, rect in widgets(pdf):
            if int(field.get("/Ff", 0)) & (1 << 12):  # multiline: a writing box
                by_page.setdefault(page, []).append((str(field["/T"]), rect))
        for page, boxes in by_page.items():
            image = page_image(pdf, page, 200)
            for name, rect in boxes:
                bands = ruled_bands(image, rect, 200)
                checked += 1
                line = statistics.median(bands)
                if len(bands) < 2 or max(bands) - min(bands) > 0.5 or not 6 <= line <= 10:
                    bad.append(f"{pdf.parent.name} {name}: {[round(b, 1) for b in bands]}")
    assert checked >= 100
    assert not bad, "boxes whose lines are uneven or end in a strip:\n" + "\n".join(bad)


# 2. Every stage gets its share ------------------------------------------------------

def _stage_boxes(pdf: Path) -> dict[int, dict[str, float]]:
    """Each log's stage boxes (not its action points): field name -> height in mm."""
    logs: dict[int, dict[str, float]] = {}
    for _, field, rect in widgets(pdf):
        name = str(field["/T"])
        number, _, word = name.partition("_")
        if int(field.get("/Ff", 0)) & (1 << 12) and word != "actions":
            logs.setdefault(int(number[3:]), {})[word] = (rect[3] - rect[1]) / MM
    return logs


def test_every_stage_gets_an_equal_share_of_the_room(printed: dict[str, Path]) -> None:
    """Gibbs (6 stages), Driscoll (3, as the law firm rewords it) and the others:
    each stage's box within 10% of the log's mean, however long its prompt."""
    for name in EXAMPLES:
        logs = _stage_boxes(printed[name] / "reflective-log.pdf")
        assert logs, name
        for number, boxes in logs.items():
            mean = statistics.mean(boxes.values())
            assert all(abs(h - mean) <= 0.1 * mean for h in boxes.values()), (
                name, number, boxes)


def test_a_stage_may_ask_for_more_room(printed: dict[str, Path]) -> None:
    boxes = _stage_boxes(printed["roomy"] / "reflective-log.pdf")[1]
    single = (boxes["what_happened"] + boxes["what_next"]) / 2
    assert abs(boxes["what_happened"] - boxes["what_next"]) <= 0.1 * single, boxes
    assert abs(boxes["what_i_felt"] / single - 2) <= 0.2, boxes
    assert len(PdfReader(printed["roomy"] / "reflective-log.pdf").pages) == 3


# 3. Phone numbers stay on one line ----------------------------------------------

PHONE = re.compile(r"(?<![\w+])\+?\d[\d ]{6,}\d(?!\w)")


def test_phone_numbers_are_never_broken(printed: dict[str, Path]) -> None:
    """'01632 / 960 600' broke across lines: no line of any PDF ends with the start
    of a phone number of the scheme and the next begins with the rest."""
    from schemebook.commands.init import example

    numbers = {m.group(0) for name in EXAMPLES
               for m in PHONE.finditer((example(name) / "scheme.yml").read_text("utf-8"))
               if " " in m.group(0)}
    assert len(numbers) >= 15, numbers
    starts = {n[:i]: n for n in numbers for i, c in enumerate(n) if c == " "}
    broken, whole = [], 0
    for pdf in _all(printed):
        for page in lines(pdf):
            for line, after in itertools.pairwise(page):
                whole += sum(n in line.text for n in numbers)
                for start, number in starts.items():
                    if line.text.endswith(start) and after.text.startswith(
                            number[len(start) + 1:]):
                        broken.append(f"{pdf.parent.name}/{pdf.name}: {number}")
    assert whole > 100
    assert not broken, "phone numbers broken across lines:\n" + "\n".join(sorted(set(broken)))


# 5. No short page at the end of a section or a pack ---------------------------------

def test_no_section_ends_on_a_page_of_a_few_lines(printed: dict[str, Path]) -> None:
    """Two lines of Contacts spilled on to an otherwise empty last page: the last
    page of every section (and so of every pack) holds eight lines or more."""
    short = []
    for pdf in _all(printed, "*-pack.pdf"):
        sections = section_pages(pdf)
        assert len(sections) >= 8, pdf
        for name, pages in sections.items():
            depth = depth_in_lines(pdf, pages[-1])
            if depth < 8:
                short.append(f"{pdf.parent.name}/{pdf.name} {name} page {pages[-1] + 1}: "
                             f"{depth:.1f} lines")
    assert not short, "sections ending on a page of a few lines:\n" + "\n".join(short)


# 6. The support card on one page, or a warning that says how much is over -----------

def test_every_shipped_support_card_fits_one_page(printed: dict[str, Path]) -> None:
    """The law firm's card ran on to a second page."""
    for name in EXAMPLES:
        assert len(PdfReader(printed[name] / "support-card.pdf").pages) == 1, name
        warnings = (printed[name] / "warnings.txt").read_text(encoding="utf-8")
        assert "support card" not in warnings, warnings


def test_a_card_that_cannot_fit_says_how_much_is_over(tmp_path: Path) -> None:
    from schemebook.commands.packs import build_packs

    steps = [{"who": f"Person {n}", "when": "When something worries you and nobody else "
              "has been able to help you with it so far.", "how": f"Email person{n}@college."
              "example or call 01632 960 1{n:02d}, any weekday between nine and five."}
             for n in range(14)]
    scheme = tmp_path / "scheme.yml"
    scheme.write_text(yaml.safe_dump(deep_merge(MINIMAL, {
        "support": {"escalation": steps, "emergency": "Call 999.",
                    "last_reviewed": "2026-08-01"},
        "packs": {key: {"build": False} for key in ("mentor", "mentee", "coordinator", "log")},
    })), encoding="utf-8")
    result = build_packs(scheme, tmp_path / "out")
    found = [w for w in result.warnings if "support card" in w.message]
    assert len(found) == 1, result.warnings
    match = re.search(r"runs to (\d+) pages .*: (\d+) lines of it do not fit", found[0].message)
    assert match, found[0].message
    card = tmp_path / "out" / "support-card.pdf"
    pages = len(PdfReader(card).pages)
    middle = float(PdfReader(card).pages[0].mediabox.width) / 2
    over = sum(len({(w.x0 > middle, round(w.y0)) for w in words(card, page)})
               for page in range(1, pages))  # lines, column by column (no running heads)
    assert int(match.group(1)) == pages >= 2
    assert abs(int(match.group(2)) - over) <= 3, (match.group(2), over)
    assert (found[0].location.line or 0) > 1  # at support: in scheme.yml


# 7. Answer circles centred under their headings ------------------------------------

def test_answer_circles_sit_under_their_headings_clear_of_the_statement(
        printed: dict[str, Path]) -> None:
    """The survey's circles sat about 6 mm left of their headings, nearly touching
    the statement: each heading's every line is centred over its circles (within
    1 mm) and the first circle stands at least 3 mm from the longest statement."""
    checked = 0
    for pdf in _all(printed, "surveys-*.pdf"):
        by_page: dict[int, list[tuple[float, float, float, float]]] = {}
        for page, field, rect in widgets(pdf):
            if field.get("/FT") == "/Btn":  # a radio button
                by_page.setdefault(page, []).append(rect)
        for page, rects in by_page.items():
            first = min(r[1] for r in rects)
            row = sorted((r for r in rects if abs(r[1] - first) < 1), key=lambda r: r[0])
            centres = [(r[0] + r[2]) / 2 for r in row]
            pitch = min(b - a for a, b in itertools.pairwise(centres))
            left = centres[0] - pitch / 2
            head = [w for w in words(pdf, page) if first - 25 * MM < w.y1 <= first
                    and w.x0 >= left - 1]
            for centre in centres:
                mine = [w for w in head if abs((w.x0 + w.x1) / 2 - centre) < pitch / 2]
                assert mine, (pdf.name, page, centre)
                for y in {round(w.y0) for w in mine}:
                    line = [w for w in mine if round(w.y0) == y]
                    middle = (min(w.x0 for w in line) + max(w.x1 for w in line)) / 2
                    assert abs(middle - centre) <= 1 * MM, (pdf.name, page, line, centre)
                    checked += 1
            statements = [w.x1 for w in words(pdf, page) if w.x1 < left and w.y0 > first - 2]
            assert statements, (pdf.name, page)
            gap = min(r[0] for r in rects) - max(statements)
            assert gap >= 3 * MM, (pdf.name, page, gap / MM)
    assert checked > 50


# 8. The contents page lists the logs ----------------------------------------------

def test_contents_lists_each_log_with_its_page(printed: dict[str, Path]) -> None:
    for name in EXAMPLES:
        pdf = printed[name] / "mentor-pack.pdf"
        reader = PdfReader(pdf)
        logs = {key: reader.get_destination_page_number(dest) + 1
                for key, dest in reader.named_destinations.items()
                if re.fullmatch(r"log-\d+", key)}
        assert len(logs) >= 3, (name, logs)
        contents = " ".join(line.text for line in body_lines(pdf, 1))
        for key, page in logs.items():
            title = body_lines(pdf, page - 1)[0].text  # the log's heading (its first line)
            assert re.search(re.escape(title) + rf"[^.]*?[ .]+{page}\b", contents), (
                name, key, title, contents)
