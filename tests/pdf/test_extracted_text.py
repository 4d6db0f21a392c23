"""Text that reads back: what pdftotext and pypdf take out of every PDF is the source.

Names, theme titles and headings in Latin, Welsh, Vietnamese, Arabic, Chinese
and Devanagari, and an emoji, go into a scheme; every printable is built,
and each test string that the printable's HTML holds must come back out of
its PDF whole, through pdftotext and through pypdf (tests/support/pdftext.py:
the tagged structure's /ActualText applied, as screen readers apply it).
Before, 'الانتماء' came out as 'االنتماء' and 'अनन्या शर्मा' as 'अनन्या श ार्मा'.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, deep_merge
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from schemebook.commands.build import build
from schemebook.commands.packs import PacksResult, build_packs
from schemebook.commands.personalise import personalise
from schemebook.core.emoji import emoji_in
from schemebook.core.options import Options
from support.pdftext import actual_texts, normal, pdftotext, pypdf_text

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

PEOPLE = ["Zoë Brontë-O'Neill", "Siôn Llŷr ap Rhys", "Nguyễn Thị Lan", "ليلى حداد",
          "王芳", "अनन्या शर्मा"]
THEMES = ["Perthyn a chymuned: ŵyr ac wyresau", "Thuộc về cộng đồng", "الانتماء والهوية",
          "归属与社区", "प्रशिक्षण और पहचान"]
SPROUT = "🌱"


def write_project(folder: Path, **overrides: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    scheme = folder / "scheme.yml"
    scheme.write_text(yaml.safe_dump(deep_merge(MINIMAL, overrides), sort_keys=False,
                                     allow_unicode=True), encoding="utf-8")
    return scheme


def pdffonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PacksResult]:
    project = tmp_path_factory.mktemp("scripts") / "project"
    scheme = write_project(
        project, name="Voices in Every Script",
        contact={"name": PEOPLE[0], "email": "zoe@college.example"},
        themes=[{"title": title, "icebreakers": [f"Where do you feel at home? {SPROUT}"]}
                for title in THEMES],
        support={"contacts": [{"name": name, "role": "Adviser"} for name in PEOPLE[1:]]},
    )
    yield build_packs(scheme)


def _source(markup: str) -> str:
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)
    return normal(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_every_pdf_gives_back_its_names_titles_and_headings(scripts: PacksResult) -> None:
    checked, missing = 0, []
    for _, built in scripts.built:
        pdf = scripts.out / built.job.filename
        source = _source(built.job.html)
        wanted = [s for s in PEOPLE + THEMES if normal(s) in source]
        read = {"pdftotext": normal(pdftotext(pdf)), "pypdf": normal(pypdf_text(pdf))}
        for tool_name, text in read.items():
            missing += [f"{pdf.name} ({tool_name}): {s}" for s in wanted if normal(s) not in text]
        checked += len(wanted)
    assert checked >= 40, "too few strings reached the printables"
    assert not missing, "\n".join(missing)


def test_shaped_text_carries_actual_text_in_the_structure(scripts: PacksResult) -> None:
    """The structure elements of the Arabic and Devanagari runs carry their source
    text; Latin and Chinese runs, which read back from their glyphs, carry none."""
    found = {normal(t) for t in actual_texts(PdfReader(scripts.out / "mentor-pack.pdf")).values()}
    assert {"ليلى حداد", "अनन्या शर्मा", "الانتماء والهوية", "प्रशिक्षण और पहचान"} <= found
    assert not [t for t in found if not re.search(r"[\u0600-\u06ff\u0900-\u097f]", t)], found


def test_an_emoji_prints_in_the_bundled_font(scripts: PacksResult) -> None:
    pack = scripts.out / "mentor-pack.pdf"
    assert not [w for w in scripts.warnings if ".notdef" in w.message], scripts.warnings
    fonts = pdffonts(pack)
    assert re.search(r"\+Noto-Emoji ", fonts), fonts
    assert SPROUT in pdftotext(pack)
    # A printable with no emoji carries no emoji font.
    assert "Noto-Emoji" not in pdffonts(scripts.out / "support-card.pdf")


def test_the_site_gets_only_the_emoji_it_uses(tmp_path: Path) -> None:
    scheme = write_project(tmp_path / "project",
                           themes=[{"title": "Growing", "icebreakers": [f"What grows? {SPROUT}"]}])
    out = build(scheme, options=Options(packs=False)).out
    font = TTFont(out / "assets" / "fonts" / "noto-emoji.woff2")
    assert ord(SPROUT) in font.getBestCmap()
    assert len(font.getBestCmap()) <= 5  # the sprout, and the joiners sequences use
    assert (out / "assets" / "fonts" / "noto-emoji.woff2").stat().st_size < 10_000
    assert '"Noto Emoji"' in (out / "assets" / "brand.css").read_text(encoding="utf-8")
    plain = build(write_project(tmp_path / "plain"), options=Options(packs=False)).out
    assert not (plain / "assets" / "fonts" / "noto-emoji.woff2").exists()
    assert not emoji_in("Plain text, digits 0-9, © and ™ and the usual # and *.")


def test_a_missing_glyph_is_warned_at_the_text_that_holds_it(tmp_path: Path) -> None:
    """No font has U+E000 (private use): the warning points at the ice-breaker's line."""
    scheme = write_project(tmp_path / "project", packs={"mentee": {"build": False},
                                                        "coordinator": {"build": False}},
                           themes=[{"title": "Belonging", "icebreakers": ["Ask \ue000 twice"]}])
    result = build_packs(scheme)
    glyphs = [w for w in result.warnings if ".notdef" in w.message]
    assert glyphs, result.warnings
    line = next(i for i, text in enumerate(scheme.read_text("utf-8").splitlines(), 1)
                if "\ue000" in text or "\\ue000" in text.lower())
    assert {w.location.line for w in glyphs} == {line}, [str(w.location) for w in glyphs]


def test_personalised_names_read_back(tmp_path: Path) -> None:
    """A pair's pack and certificates print their names whole."""
    scheme = write_project(tmp_path / "project", packs={"mentee": {"build": False},
                                                        "coordinator": {"build": False}})
    roster = tmp_path / "roster.csv"
    names = ("अनन्या शर्मा", "ليلى حداد")
    roster.write_text(f"pair_id,mentor,mentee\nP01,{names[0]},{names[1]}\n", encoding="utf-8")
    pdfs = [p for p in personalise(scheme, roster).files if p.suffix == ".pdf"]
    certificates = [p for p in pdfs if p.parent.name == "certificates"]
    pack = next(p for p in pdfs if "mentor" in p.name and p not in certificates)
    assert len(certificates) == 2
    for read in (pdftotext, pypdf_text):
        on_certificates = [normal(read(p)) for p in certificates]
        for name in names:
            assert any(normal(name) in text for text in on_certificates), (read, name)
            assert normal(name) in normal(read(pack)), (read, name)
