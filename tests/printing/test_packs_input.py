"""Packs from unusual input: other scripts, bad files, long text, overrides, the CLI.

Each project builds only the printables its test needs, once per module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from pypdf import PdfReader
from schemebook.commands.build import build
from schemebook.commands.packs import PACKS_MARKER, PacksResult, build_packs
from schemebook.core.errors import TemplateError, ValidationError
from test_packs import outline_titles, tool, write_project

pytestmark = pytest.mark.pdf

ONLY_CARD = {"mentor": {"build": False}, "mentee": {"build": False},
             "coordinator": {"build": False}, "log": {"build": False}}
ONLY_MENTOR_AND_CARD = {"mentee": {"build": False}, "coordinator": {"build": False},
                        "log": {"build": False}}

NAMES = {
    "cy": "Siân Llŷr Ŵyn",
    "pl": "Zażółć Gęślą Jaźń",
    "vi": "Nguyễn Thị Minh Khai",
    "ar": "مرحبا بكم",
    "zh": "欢迎参加",
}
BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PacksResult]:
    project = tmp_path_factory.mktemp("names") / "project"
    scheme = write_project(
        project, name="Cynllun Mentora Gwrthdro", language="cy",
        contact={"name": NAMES["cy"], "email": "sian@coleg.example"},
        support={"contacts": [{"name": NAMES[lang], "role": "Cyswllt"} for lang in
                              ("pl", "vi", "ar", "zh")]},
        packs=ONLY_CARD,
    )
    yield build_packs(scheme)


def test_names_in_five_scripts_are_text_not_boxes(multilingual: PacksResult) -> None:
    card = multilingual.out / "support-card.pdf"
    fonts = tool("pdffonts", str(card))
    assert "Noto-Sans-Arabic" in fonts and "Noto-Sans-CJK" in fonts, fonts
    assert "Atkinson-Hyperlegible-Next" in fonts
    lines = fonts.splitlines()[2:]
    assert all(line.split()[-5] == "yes" for line in lines), fonts
    text = unicodedata.normalize("NFC", tool("pdftotext", "-enc", "UTF-8", str(card), "-"))
    for lang in ("cy", "pl", "zh"):
        assert unicodedata.normalize("NFC", NAMES[lang]) in text, (lang, text)
    assert "Nguyễn" in text and "Minh Khai" in text, text
    assert re.search(r"\+Noto-Sans(-Bold)? ", fonts), fonts  # the Vietnamese words

    # Whole and in order (its /ActualText; the glyphs alone read back wrongly).
    assert NAMES["ar"] in " ".join(text.translate(BIDI).split()), text
    assert PdfReader(card).trailer["/Root"]["/Lang"] == "cy"


def test_vietnamese_dot_below_survives_text_extraction(multilingual: PacksResult) -> None:
    """The bundled Noto Sans keeps ị whole (scripts/build_fonts.py, keep_precomposed)."""
    text = tool("pdftotext", "-enc", "UTF-8", str(multilingual.out / "support-card.pdf"), "-")
    assert "Thị" in unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def rough(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PacksResult]:
    """A logo that is not an image, an unreadable font, long text, an overfull card."""
    project = tmp_path_factory.mktemp("rough") / "project"
    rationale = " ".join(f"word{i % 97}" for i in range(5000))
    scheme = write_project(
        project,
        {"assets/logo.png": "this is not a PNG", "fonts/brand.ttf": b"\x00\x01garbage" * 50},
        brand={"logo": "assets/logo.png", "logo_alt": "Logo", "font": "fonts/brand.ttf"},
        focus={"aims": ["Listen"], "rationale": rationale},
        themes=[{"title": "Everything", "icebreakers": [f"Question number {i}?"
                                                         for i in range(1, 31)]}],
        support={
            "escalation": [{"who": f"Helper {i}", "when": "When things go wrong " * 6,
                            "how": "By email or phone " * 4} for i in range(14)],
            "services": [{"name": f"Service {i}", "description": "Helps with a lot " * 8,
                          "contact": f"service{i}@college.example", "hours": "Mon-Fri"}
                         for i in range(25)],
        },
        packs=ONLY_MENTOR_AND_CARD,
    )
    yield build_packs(scheme)


def test_bad_logo_and_font_are_located_warnings(rough: PacksResult) -> None:
    messages = [str(w) for w in rough.warnings]
    logo = [m for m in messages if "brand.logo" in m]
    font = [m for m in messages if "brand.font" in m]
    assert logo and "not a usable image (not a recognised image format)" in logo[0]
    line = int(logo[0].split("scheme.yml:", 1)[1].split(":")[0])
    lines = (rough.out.parent.parent / "scheme.yml").read_text(encoding="utf-8").splitlines()
    assert "logo.png" in lines[line - 1]
    assert font and "cannot be read as a font" in font[0]
    assert (rough.out / "mentor-pack.pdf").is_file()
    cover = tool("pdftotext", "-f", "1", "-l", "1", str(rough.out / "mentor-pack.pdf"), "-")
    assert "Example College" in cover


def test_long_text_and_many_questions_flow_over_pages(rough: PacksResult) -> None:
    pdf = rough.out / "mentor-pack.pdf"
    assert len(PdfReader(pdf).pages) > 20
    text = tool("pdftotext", str(pdf), "-")
    assert "Question number 30?" in text and text.count("word96") >= 50


def test_overfull_card_is_a_warning_not_a_crash(rough: PacksResult) -> None:
    messages = [str(w) for w in rough.warnings if "support card runs to" in str(w)]
    assert messages, rough.warnings
    assert len(PdfReader(rough.out / "support-card.pdf").pages) > 1


def test_card_keeps_to_one_page_by_its_compact_layout(tmp_path: Path) -> None:
    """A protocol too long for the full card: the compact one, still 11 pt, on one
    page; a service marked on_card: false is left off the card but kept in the pack."""
    scheme = write_project(
        tmp_path / "p",
        contact={"name": "Dr Ada Quill", "email": "ada@college.example",
                 "phone": "01632 960 111", "hours": "Mondays, 9:00 to 12:00"},
        support={
            "escalation": [
                {"who": f"Helper {i}", "when": "When a worry needs another view. " * 2,
                 "how": "Ask at the next meeting or write."} for i in range(5)]
            + [{"who": "Dr Ada Quill, coordinator", "when": "Anything else.",
                "how": "Email ada@college.example or call 01632 960 111."}],
            "emergency": "Call **999**.",
            "services": [{"name": f"Service {i}", "description": "Helps with much. " * 6,
                          "contact": f"service{i}@college.example", "hours": "Mon-Fri"}
                         for i in range(6)]
            + [{"name": "Quiet Garden Club", "contact": "garden@college.example",
                "on_card": False}],
        },
        packs=ONLY_MENTOR_AND_CARD,
    )
    result = build_packs(scheme)
    assert not [w for w in result.warnings if "support card" in str(w)], result.warnings
    card = result.out / "support-card.pdf"
    assert len(PdfReader(card).pages) == 1
    text = " ".join(tool("pdftotext", str(card), "-").split())
    assert "Service 5" in text and "Quiet Garden Club" not in text
    assert "Helps with much" not in text  # the compact card leaves descriptions out
    assert text.count("ada@college.example") == 1  # the ladder gives it; contacts: hours
    assert "Mondays, 9:00 to 12:00" in text
    pack = tool("pdftotext", str(result.out / "mentor-pack.pdf"), "-")
    assert "Quiet Garden Club" in pack


def test_forty_icebreakers_are_a_located_error(tmp_path: Path) -> None:
    scheme = write_project(tmp_path / "p", themes=[
        {"title": "Too many", "icebreakers": [f"Q{i}?" for i in range(40)]}])
    with pytest.raises(ValidationError) as caught:
        build_packs(scheme)
    assert "themes[1].icebreakers" in str(caught.value)
    assert not (tmp_path / "p" / "site").exists()


def test_template_error_writes_nothing(tmp_path: Path) -> None:
    scheme = write_project(
        tmp_path / "p", {"templates/print/sections/welcome.html": "<h1>{{ no_such_name }}</h1>"})
    out = tmp_path / "p" / "out"
    out.mkdir()
    (out / PACKS_MARKER).write_text("")  # an earlier run of packs made it
    (out / "mentor-pack.pdf").write_bytes(b"the pack from before")
    with pytest.raises(TemplateError) as caught:
        build_packs(scheme, out)
    assert "no_such_name" in str(caught.value)
    assert "welcome.html" in str(caught.value)
    assert sorted(p.name for p in out.iterdir()) == [PACKS_MARKER, "mentor-pack.pdf"]
    assert (out / "mentor-pack.pdf").read_bytes() == b"the pack from before"


def test_syntax_error_in_a_project_section_is_located(tmp_path: Path) -> None:
    scheme = write_project(
        tmp_path / "p", {"templates/print/sections/faq.html": "<h1>{% if %}</h1>\n"})
    with pytest.raises(TemplateError) as caught:
        build_packs(scheme)
    problem = caught.value.problems[0]
    assert "faq.html" in problem.location.path and "syntax" in problem.message


def test_unknown_section_is_located_in_scheme_yml(tmp_path: Path) -> None:
    scheme = write_project(tmp_path / "p", packs={"mentor": {"sections": ["welcome", "wellcome"]}})
    with pytest.raises(TemplateError) as caught:
        build_packs(scheme)
    problem = caught.value.problems[0]
    assert "wellcome" in problem.message
    lines = scheme.read_text(encoding="utf-8").splitlines()
    assert "wellcome" in lines[problem.location.line - 1]


def test_project_sections_override_and_extend_the_built_in_ones(tmp_path: Path) -> None:
    scheme = write_project(
        tmp_path / "p",
        {"templates/print/sections/welcome.html":
            '<section class="section" id="{{ section_id }}"><h1>Croeso</h1></section>',
         "templates/print/sections/local.html":
            '<section class="section" id="{{ section_id }}"><h1>Our campus</h1>'
            "<p>{{ scheme.organisation }}</p></section>"},
        packs={"mentor": {"sections": ["welcome", "local", "contacts"]},
               **ONLY_MENTOR_AND_CARD, "card": {"build": False}},
    )
    result = run_cli("packs", "--scheme", str(scheme), "--out", str(tmp_path / "dl"))
    assert result.returncode == 0, result.stderr
    assert "mentor-pack.pdf" in result.stdout
    assert outline_titles(tmp_path / "dl" / "mentor-pack.pdf") == [
        "Contents", "Croeso", "Our campus", "Contacts"]


def test_cli_reports_errors_and_writes_nothing(tmp_path: Path) -> None:
    scheme = write_project(tmp_path / "p", packs={"mentor": {"leave_out": ["fq"]}})
    result = run_cli("packs", "--scheme", str(scheme))
    assert result.returncode == 2
    assert "leave_out names 'fq'" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p" / "site").exists()


def test_build_publishes_public_packs_and_lists_them(tmp_path: Path) -> None:
    scheme = write_project(
        tmp_path / "p", site={"coordinator_section": False},
        packs={"mentor": {"build": False}, "mentee": {"build": False}, "log": {"build": False}},
    )
    out = build(scheme).out
    assert (out / "downloads" / "support-card.pdf").is_file()
    assert not (out / "downloads" / "coordinator-pack.pdf").exists()
    downloads = (out / "downloads.html").read_text(encoding="utf-8")
    assert "downloads/support-card.pdf" in downloads and "coordinator-pack" not in downloads
    assert "1 page" in downloads
    # 'schemebook packs' keeps the unpublished coordinator pack out of site/ too.
    result = build_packs(scheme)
    assert result.out == out / "downloads"
    assert not (out / "downloads" / "coordinator-pack.pdf").exists()
    assert (scheme.parent / "private" / "coordinator-pack.pdf").is_file()


def test_packs_command_help_lists_options() -> None:
    result = run_cli("packs", "--help")
    assert result.returncode == 0 and "--out" in result.stdout and "--scheme" in result.stdout
