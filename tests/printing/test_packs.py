"""The printable packs, log and card: real WeasyPrint, pypdf and poppler.

Each PDF is rendered once per module (module-scoped fixtures) and then
inspected: bookmarks, page size, metadata, embedded fonts, form fields, and
a filled-in log rendered with pdftoppm.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, deep_merge, pack_jobs
from PIL import Image
from pypdf import PdfReader, PdfWriter
from schemebook.commands.packs import build_packs

pytestmark = pytest.mark.pdf

LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60">
<rect width="200" height="60" rx="8" fill="#1f4e79"/>
<text x="100" y="38" font-size="22" text-anchor="middle" fill="#fff">Example</text></svg>"""

FULL: dict[str, Any] = {
    "cohort": "2026-27",
    "summary": "A scheme where students lead. <b>Raw HTML stays text.</b>",
    "site_url": "https://mentoring.college.example/",
    "build_date": "2026-09-01",
    "brand": {"logo": "assets/logo.svg", "logo_alt": "Example College logo",
              "primary": "#6a1b4d", "accent": "#0b6e4f"},
    "roles": {"mentor": {"label": "Student mentor"}, "mentee": {"label": "Senior mentee"}},
    "themes": [
        {"title": "Belonging and community", "icebreakers": ["Where do you feel at home?"]},
        {"title": "Failure and resilience", "icebreakers": ["When have you failed?"]},
        {"title": "Labelling and identity", "icebreakers": ["Which label fits you?"]},
    ],
    "meetings": {"count": 3, "start": "2026-10-05"},
    "support": {
        "escalation": [{"who": "Your partner", "when": "Small worries", "how": "At the meeting"},
                       {"who": "The coordinator", "when": "Anything else", "how": "By email"}],
        "emergency": "Call **999**.",
        "services": [{"name": "Wellbeing Service", "contact": "wellbeing@college.example",
                      "hours": "Mon-Fri 9-17"}],
        "last_reviewed": "2026-08-01",
    },
    "timeline": [{"title": "Recruitment", "start": "first meeting - 8 weeks",
                  "checklist": ["Book rooms", "Send invitations"]}],
    "faq": [{"question": "Can I leave early?", "answer": "Yes, without blame."}],
    "contingency": [{"situation": "The campus closes", "response": "Meet online."}],
    "packs": {"mentee": {"leave_out": ["faq"]}},
}

MENTOR_SECTIONS = [
    "Contents", "Welcome", "The scheme and its aims", "Your role as student mentor",
    "Agreement and ground rules", "Themes and ice-breakers", "Meeting plan", "How to reflect",
    "Support and escalation", "Training", "Questions and answers", "Contacts",
]
COORDINATOR_ONLY = [
    "Planning timeline and checklists", "Pairing", "Contingency plans",
    "Time asked of each person", "Training facilitator plans", "Evaluation", "The two roles",
]
GIBBS = ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]


def write_project(folder: Path, files: dict[str, str | bytes] | None = None,
                  **overrides: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for rel, content in (files or {}).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    scheme = folder / "scheme.yml"
    scheme.write_text(yaml.safe_dump(deep_merge(MINIMAL, overrides), sort_keys=False,
                                     allow_unicode=True), encoding="utf-8")
    return scheme


def tool(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is missing; run scripts/setup (Debian package poppler-utils)")
    return subprocess.run(args, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def outline_titles(pdf: Path) -> list[str]:
    """Top-level bookmark titles."""
    return [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]


def widgets(pdf: Path) -> list[tuple[int, dict[str, Any]]]:
    found = []
    for number, page in enumerate(PdfReader(pdf).pages):
        for annot in page.get("/Annots", []):
            obj = annot.get_object()
            if obj.get("/Subtype") == "/Widget":
                found.append((number, obj))
    return found


@pytest.fixture(scope="module")
def a4(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """All five PDFs of a fairly full scheme on A4."""
    project = tmp_path_factory.mktemp("a4") / "project"
    scheme = write_project(project, {"assets/logo.svg": LOGO_SVG}, **FULL)
    result = build_packs(scheme)
    assert not result.warnings, result.warnings
    yield result.out


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Log and card only, on US Letter, with six Driscoll logs."""
    project = tmp_path_factory.mktemp("letter") / "project"
    scheme = write_project(
        project, brand={"paper": "Letter"}, meetings={"count": 6},
        reflection={"model": "driscoll"},
        packs={"mentor": {"build": False}, "mentee": {"build": False},
               "coordinator": {"build": False}},
    )
    yield build_packs(scheme, project / "out").out


def test_every_printable_is_built(a4: Path) -> None:
    assert sorted(p.name for p in a4.iterdir()) == [
        "coordinator-pack.pdf", "mentee-pack.pdf", "mentor-pack.pdf",
        "reflective-log.pdf", "support-card.pdf"]


def test_mentor_pack_bookmarks_are_its_sections(a4: Path) -> None:
    assert outline_titles(a4 / "mentor-pack.pdf") == MENTOR_SECTIONS


def test_section_left_out_in_scheme_yml_disappears(a4: Path) -> None:
    titles = outline_titles(a4 / "mentee-pack.pdf")
    assert "Questions and answers" not in titles
    assert "Your role as senior mentee" in titles
    assert [t for t in MENTOR_SECTIONS if t not in ("Questions and answers",)
            and not t.startswith("Your role")] == [t for t in titles
                                                  if not t.startswith("Your role")]


def test_coordinator_pack_has_the_whole_plan(a4: Path) -> None:
    titles = outline_titles(a4 / "coordinator-pack.pdf")
    for title in COORDINATOR_ONLY:
        assert title in titles, titles
    text = tool("pdftotext", "-layout", str(a4 / "coordinator-pack.pdf"), "-")
    assert "Book rooms" in text and "Meet online." in text


def test_log_and_card_bookmarks(a4: Path, letter: Path) -> None:
    log = outline_titles(a4 / "reflective-log.pdf")
    assert log[0] == "Reflective log"
    assert log[1:] == [
        "Log for meeting 1: Belonging and community",
        "Log for meeting 2: Failure and resilience",
        "Log for meeting 3: Labelling and identity"]
    assert outline_titles(letter / "reflective-log.pdf")[1:] == [
        f"Log for meeting {n}" for n in range(1, 7)]
    # Driscoll's three stages fit one page per log, after the introduction.
    assert len(PdfReader(letter / "reflective-log.pdf").pages) == 7
    assert outline_titles(a4 / "support-card.pdf") == ["Support quick-reference card"]


@pytest.mark.parametrize(("fixture", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size(fixture: str, size: tuple[int, int], request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(fixture)
    for pdf in folder.glob("*.pdf"):
        for page in PdfReader(pdf).pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_metadata(a4: Path) -> None:
    reader = PdfReader(a4 / "mentor-pack.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == "Tiny Scheme: Student mentor pack"
    assert reader.metadata.author == "Example College"
    assert "Student mentor pack" in str(reader.metadata.subject)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.creation_date is not None
    assert reader.metadata.creation_date.year == 2026


def test_cover_contents_and_running_heads(a4: Path) -> None:
    pdf = a4 / "mentor-pack.pdf"
    pages = len(PdfReader(pdf).pages)
    cover = tool("pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-")
    for text in ("Tiny Scheme", "Student mentor pack", "For student mentors", "2026-27",
                 "Example College", "https://mentoring.college.example/"):
        assert text in cover, cover
    assert "Page 1 of" not in cover
    contents = tool("pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-")
    assert re.search(r"Welcome[ .]+3\b", contents), contents
    last = tool("pdftotext", "-f", str(pages), "-l", str(pages), "-layout", str(pdf), "-")
    assert f"Page {pages} of {pages}" in last and "Tiny Scheme" in last


def test_scheme_markdown_is_escaped(a4: Path) -> None:
    text = tool("pdftotext", str(a4 / "mentor-pack.pdf"), "-")
    assert "<b>Raw HTML stays text.</b>" in text


def test_bundled_fonts_are_embedded(a4: Path) -> None:
    report = tool("pdffonts", str(a4 / "mentor-pack.pdf")).splitlines()[2:]
    names = {line.split()[0].split("+", 1)[-1] for line in report}
    assert {"Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold"} <= names, names
    assert all(line.split()[-5] == "yes" for line in report), report


def test_log_fields_are_named_labelled_printable_and_multiline(a4: Path) -> None:
    fields = widgets(a4 / "reflective-log.pdf")
    names = [str(f["/T"]) for _, f in fields]
    assert len(names) == len(set(names)) == 3 * (3 + len(GIBBS) + 1)
    for n in (1, 2, 3):
        for name in ("meeting", "date", "partner", "description", "feelings", "action_plan",
                     "actions"):
            assert f"log{n}_{name}" in names
    by_name = {str(f["/T"]): f for _, f in fields}
    assert by_name["log2_feelings"]["/TU"] == "Feelings"
    assert by_name["log2_partner"]["/TU"] == "Partner's name"
    assert by_name["log3_actions"]["/TU"] == "Action points"
    assert by_name["log1_meeting"]["/V"] == "1"
    for _, field in fields:
        assert int(field["/F"]) & 4, "print flag"
        multiline = bool(int(field.get("/Ff", 0)) & (1 << 12))
        assert multiline == (str(field["/T"]).split("_", 1)[1] not in ("meeting", "date",
                                                                        "partner"))
    # The label each field's tooltip repeats is printed on the page.
    text = tool("pdftotext", str(a4 / "reflective-log.pdf"), "-")
    for _, field in fields:
        assert str(field["/TU"]) in text


def test_driscoll_logs_on_letter(letter: Path) -> None:
    names = {str(f["/T"]) for _, f in widgets(letter / "reflective-log.pdf")}
    assert {"log6_what", "log6_so_what", "log6_now_what", "log6_actions"} <= names
    assert not any(name.startswith("log7_") for name in names)


def test_participant_packs_carry_fillable_logs(a4: Path) -> None:
    names = {str(f["/T"]) for _, f in widgets(a4 / "mentor-pack.pdf")}
    assert "log3_conclusion" in names
    assert widgets(a4 / "coordinator-pack.pdf") == []
    assert widgets(a4 / "support-card.pdf") == []


def _rect_pixels(rect: Any, page_height: float, dpi: int) -> tuple[int, int, int, int]:
    x1, y1, x2, y2 = (float(v) for v in rect)
    scale = dpi / 72
    return (round(x1 * scale), round((page_height - y2) * scale),
            round(x2 * scale), round((page_height - y1) * scale))


def _dark_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    left, top, right, bottom = box
    inner = image.crop((left + 3, top + 3, right - 3, bottom - 3)).convert("L")
    return sum(inner.histogram()[:110])


def test_filled_log_shows_text_inside_the_boxes(a4: Path, tmp_path: Path) -> None:
    source = a4 / "reflective-log.pdf"
    writer = PdfWriter(clone_from=source)
    values = {"log1_date": "5 October 2026", "log1_partner": "Dr Ada Example",
              "log1_feelings": "Nervous at first\nthen curious", "log1_actions": "Read the report"}
    for page in writer.pages:
        here = {str(a.get_object()["/T"]) for a in page.get("/Annots", [])}
        if here & values.keys():
            writer.update_page_form_field_values(
                page, {k: v for k, v in values.items() if k in here})
    filled = tmp_path / "filled.pdf"
    with filled.open("wb") as handle:
        writer.write(handle)

    text = tool("pdftotext", "-layout", str(filled), "-")
    for value in ("5 October 2026", "Dr Ada Example", "Nervous at first", "then curious",
                  "Read the report"):
        assert value in text, text

    # Each value is drawn inside its field's box, and only there.
    dpi = 60
    fields = {str(f["/T"]): (n, f) for n, f in widgets(filled)}
    page_height = float(PdfReader(filled).pages[0].mediabox.height)
    for prefix, pdf in (("blank", source), ("filled", filled)):
        tool("pdftoppm", "-png", "-r", str(dpi), str(pdf), str(tmp_path / prefix))
    renders = sorted(tmp_path.glob("filled*.png"))
    blanks = sorted(tmp_path.glob("blank*.png"))
    for name in ("log1_meeting", *values):
        number, field = fields[name]
        box = _rect_pixels(field["/Rect"], page_height, dpi)
        before = _dark_pixels(Image.open(blanks[number]), box)
        after = _dark_pixels(Image.open(renders[number]), box)
        if name == "log1_meeting":
            assert before > 0, "the meeting number is pre-filled"
        else:
            assert before == 0 and after > 5, (name, before, after)
    # Fields nowhere near the filled ones stay empty.
    number, field = fields["log3_feelings"]
    box = _rect_pixels(field["/Rect"], page_height, dpi)
    assert _dark_pixels(Image.open(renders[number]), box) == 0


@pytest.mark.parametrize("fixture", ["a4", "letter"])  # Gibbs over two pages; Driscoll on one
def test_each_field_sits_inside_its_drawn_box(fixture: str, tmp_path: Path,
                                              request: pytest.FixtureRequest) -> None:
    pdf = request.getfixturevalue(fixture) / "reflective-log.pdf"
    tool("pdftoppm", "-png", "-r", "72", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "page"))
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    page_height = float(PdfReader(pdf).pages[1].mediabox.height)
    on_page = [field for number, field in widgets(pdf) if number == 1]
    assert len(on_page) >= 5

    def dark(x: int, y: int) -> bool:
        return int(image.getpixel((x, y))) < 200  # type: ignore[arg-type]

    for field in on_page:
        left, top, right, bottom = _rect_pixels(field["/Rect"], page_height, 72)
        assert 0 <= left < right <= image.width and 0 <= top < bottom <= image.height
        middle_x, middle_y = (left + right) // 2, (top + bottom) // 2
        # The box's border runs just outside the field on all four sides
        # (the gap is the box's padding), so typed text lands inside the box.
        assert any(dark(middle_x, y) for y in range(top - 8, top)), field["/T"]
        assert any(dark(middle_x, y) for y in range(bottom, bottom + 8)), field["/T"]
        assert any(dark(x, middle_y) for x in range(left - 9, left)), field["/T"]
        assert any(dark(x, middle_y) for x in range(right, right + 9)), field["/T"]


def test_field_font_is_small(a4: Path, letter: Path) -> None:
    # WeasyPrint embeds a field's font whole: keep it a small Latin font.
    log = (a4 / "reflective-log.pdf").stat().st_size
    assert log < 200_000, log
    fonts = tool("pdffonts", str(a4 / "reflective-log.pdf"))
    assert "CJK" not in fonts and "Arabic" not in fonts


def test_qr_codes_on_cover_and_card(a4: Path, letter: Path) -> None:
    from schemebook.plan.load import load_scheme
    from schemebook.printing.style import qr_data_uri

    scheme = a4.parent.parent / "scheme.yml"
    loaded = load_scheme(scheme)
    jobs = {job.key: job for job in pack_jobs(loaded)}
    site_qr = qr_data_uri("https://mentoring.college.example/", "#6a1b4d")
    card_qr = qr_data_uri("https://mentoring.college.example/support.html", "#6a1b4d")
    assert site_qr.startswith("data:image/svg+xml")
    for key in ("mentor", "mentee", "coordinator"):
        assert site_qr in jobs[key].html
    assert card_qr in jobs["card"].html
    cover = tool("pdftotext", "-f", "1", "-l", "1", str(a4 / "mentor-pack.pdf"), "-")
    assert "mentoring.college.example" in cover
    card = tool("pdftotext", str(a4 / "support-card.pdf"), "-")
    assert "Protocol last reviewed: 1 August 2026" in card
    assert "Your partner" in card and "Wellbeing Service" in card
    assert "mentoring.college.example/support.html" in card
    assert len(PdfReader(a4 / "support-card.pdf").pages) == 1
    # Without a site URL there is no QR code and no URL.
    assert "http" not in tool("pdftotext", str(letter / "support-card.pdf"), "-")


def structure(pdf: Path) -> list[tuple[str, str]]:
    """The tag tree in reading order: (role, alt text or widget subtype)."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if node.get("/Type") == "/OBJR":
            found.append(("OBJR", str(node["/Obj"].get_object().get("/Subtype"))))
            return
        if "/S" in node:
            found.append((str(node["/S"]), str(node.get("/Alt", ""))))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("name", ["mentor-pack.pdf", "mentee-pack.pdf", "coordinator-pack.pdf",
                                  "reflective-log.pdf", "support-card.pdf"])
def test_packs_are_tagged_for_screen_readers(a4: Path, name: str) -> None:
    root = PdfReader(a4 / name).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    tags = structure(a4 / name)
    roles = [role for role, _ in tags]
    # Headings never skip a level on the way down (H1 -> H3 without H2).
    levels = [int(role[2]) for role in roles if re.fullmatch(r"/H[1-6]", role)]
    assert levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    figures = [alt for role, alt in tags if role == "/Figure"]
    if name != "reflective-log.pdf":
        assert FULL["brand"]["logo_alt"] in figures


def test_log_fields_are_in_the_tag_tree(a4: Path) -> None:
    tags = structure(a4 / "reflective-log.pdf")
    forms = [i for i, (role, _) in enumerate(tags) if role == "/Form"]
    fields = len(widgets(a4 / "reflective-log.pdf"))
    assert len(forms) == fields > 0
    assert all(tags[i + 1] == ("OBJR", "/Widget") for i in forms)
