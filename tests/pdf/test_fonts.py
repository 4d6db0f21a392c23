"""The bundled fonts really work, in WeasyPrint's PDFs and in Chromium.

Uses the real tools that scripts/setup installs: WeasyPrint, poppler's
pdffonts and pdftotext, Debian's Chromium, and the Noto system fonts for
Arabic and Chinese.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from schemebook.core.fonts import FONTS_CSS, fonts_css
from support.browser import chromium_page
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

pytestmark = pytest.mark.pdf

FONTS_DIR = REPO / "generator" / "schemebook" / "assets" / "fonts"

SAMPLES = {
    "cy": "Croeso i'r cynllun — ŵ ŷ",
    "pl": "Zażółć gęślą jaźń",
    "vi": "Tiếng Việt có dấu",
    "ar": "مرحبا بكم",
    "zh": "欢迎参加",
}

# Arabic and Chinese come from Debian's fonts-noto-core and fonts-noto-cjk.
FONT_STACK = (
    '"Atkinson Hyperlegible Next", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif'
)

# Unicode's bidi embedding and isolate controls, which pdftotext may add.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def run_tool(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is missing; run scripts/setup (Debian package poppler-utils)")
    result = subprocess.run(args, check=True, capture_output=True, text=True, encoding="utf-8")
    return result.stdout


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """Font names from pdffonts (subset tag removed) -> whether embedded."""
    fonts: dict[str, bool] = {}
    lines = run_tool("pdffonts", str(pdf)).splitlines()
    for line in lines[2:]:  # two header lines
        fields = line.split()
        # name ... emb sub uni object-number generation
        name, emb = fields[0], fields[-5]
        fonts[name.split("+", 1)[-1]] = emb == "yes"
    return fonts


def embedded_font_revisions(pdf: Path) -> dict[str, float]:
    """Font names (subset tag removed) -> fontRevision of the embedded font program."""
    revisions: dict[str, float] = {}
    for page in PdfReader(pdf).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2")
            if stream is None:  # CFF-based (e.g. Noto Sans CJK): not ours
                continue
            program = TTFont(io.BytesIO(stream.get_object().get_data()))
            name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            revisions[name] = program["head"].fontRevision
    return revisions


def sample_page() -> str:
    paragraphs = "\n".join(
        f'<p lang="{lang}"{" dir=rtl" if lang == "ar" else ""}>{text}</p>'
        for lang, text in SAMPLES.items()
    )
    return f"""<!doctype html>
<html><head><meta charset="utf-8">
<style>body {{ font-family: {FONT_STACK}; font-size: 14pt; }}</style>
</head><body>
{paragraphs}
<p lang="pl"><b>Zażółć</b> <i>gęślą</i> <b><i>jaźń</i></b></p>
</body></html>"""


def test_weasyprint_embeds_bundled_fonts_and_keeps_text(tmp_path: Path) -> None:
    pdf = tmp_path / "fonts.pdf"
    font_config = FontConfiguration()
    HTML(string=sample_page(), base_url=str(tmp_path)).write_pdf(
        pdf,
        stylesheets=[CSS(string=fonts_css().decode(), base_url=FONTS_CSS.as_uri(),
                         font_config=font_config)],
        font_config=font_config,
    )

    fonts = embedded_fonts(pdf)
    expected = {
        "Atkinson-Hyperlegible-Next",
        "Atkinson-Hyperlegible-Next-Bold",
        "Atkinson-Hyperlegible-Next-Italic",
        "Atkinson-Hyperlegible-Next-Bold-Italic",
        "Noto-Sans",  # the Vietnamese letters Atkinson lacks
    }
    assert expected <= fonts.keys(), fonts
    assert any(name.startswith("Noto-Sans-Arabic") for name in fonts), fonts
    assert any(name.startswith("Noto-Sans-CJK") for name in fonts), fonts
    assert all(fonts.values()), f"some fonts are not embedded: {fonts}"

    # Debian's fonts-noto-core also has a "Noto Sans"; make sure the PDF
    # carries the bundled one.
    bundled_noto = TTFont(FONTS_DIR / "noto-sans-400-normal.woff2")["head"].fontRevision
    revisions = embedded_font_revisions(pdf)
    assert revisions["Noto-Sans"] == pytest.approx(bundled_noto), revisions

    text = unicodedata.normalize("NFC", run_tool("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    for lang in ("cy", "pl", "vi", "zh"):
        assert unicodedata.normalize("NFC", SAMPLES[lang]) in text, (lang, text)

    # Arabic may come back in visual order and wrapped in bidi controls:
    # compare the letters themselves.
    def arabic_letters(value: str) -> Counter[str]:
        return Counter(c for c in value.translate(BIDI_CONTROLS) if "\u0600" <= c <= "\u06ff")

    assert arabic_letters(text) == arabic_letters(SAMPLES["ar"]), text


@pytest.mark.browser
def test_chromium_loads_bundled_font_from_files(tmp_path: Path) -> None:
    # Copy the fonts next to the page, as a built site would carry them.
    shutil.copytree(FONTS_DIR, tmp_path / "fonts")
    (tmp_path / "fonts" / "fonts.css").write_bytes(fonts_css())
    page_file = tmp_path / "index.html"
    page_file.write_text(
        f"""<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="fonts/fonts.css">
<style>body {{ font-family: {FONT_STACK}; }}</style>
</head><body>
<p>{SAMPLES["cy"]}</p>
<p><b>{SAMPLES["pl"]}</b> <i>{SAMPLES["pl"]}</i> <b><i>{SAMPLES["pl"]}</i></b></p>
</body></html>""",
        encoding="utf-8",
    )

    with chromium_page() as page:
        page.goto(page_file.as_uri())
        result = page.evaluate(
            """async () => {
                await document.fonts.ready;
                const family = '"Atkinson Hyperlegible Next"';
                return {
                    regular: document.fonts.check(`16px ${family}`),
                    welsh: document.fonts.check(`16px ${family}`, "ŵŷŴŶ"),
                    boldItalic: document.fonts.check(`italic bold 16px ${family}`),
                    faces: [...document.fonts].map(
                        (f) => [f.family.replaceAll('"', ""), f.weight, f.style, f.status]),
                };
            }"""
        )

    assert result["regular"], result
    assert result["welsh"], result
    assert result["boldItalic"], result
    # check() is also true when no @font-face matched at all, so make sure
    # the four Atkinson faces were really found and loaded from the files.
    atkinson = {
        (weight, style): status
        for family, weight, style, status in result["faces"]
        if family == "Atkinson Hyperlegible Next"
    }
    assert atkinson == {
        ("400", "normal"): "loaded",
        ("400", "italic"): "loaded",
        ("700", "normal"): "loaded",
        ("700", "italic"): "loaded",
    }, result["faces"]
    assert all(face[3] != "error" for face in result["faces"]), result["faces"]
