"""Measure printed pages as a reader sees them: where the text, boxes and circles are.

Everything here reads the rendered PDF (poppler's ``pdftotext -bbox-layout``
and ``pdftoppm``, pypdf's named destinations and form widgets), so a test that
uses it checks the page as printed, not the HTML or CSS that asked for it.
Lengths are in PostScript points (1/72 in) from the top left of the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4
HEAD = 22 * MM
FOOT = 20 * MM
"""The page margins of templates/print/print.css, where the running heads sit."""
BODY_LINE = 11 * 1.45
"""One line of body text (11 pt, line-height 1.45), in points."""


@dataclass(frozen=True)
class Line:
    """One line of text on a page."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def tool(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is missing; run scripts/setup (Debian package poppler-utils)")
    return subprocess.run(args, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.DOTALL)
_LINE = re.compile(r"<line xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" "
                   r"yMax=\"([\d.]+)\">(.*?)</line>", re.DOTALL)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>", re.DOTALL)
_BOX = re.compile(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" "
                  r"yMax=\"([\d.]+)\">(.*?)</word>", re.DOTALL)


@cache
def _lines(pdf: Path, stamp: float) -> tuple[tuple[Line, ...], ...]:
    import html

    xml = tool("pdftotext", "-bbox-layout", str(pdf), "-")
    pages = []
    for page in _PAGE.finditer(xml):
        found = []
        for match in _LINE.finditer(page.group(3)):
            words = [html.unescape(w) for w in _WORD.findall(match.group(5))]
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append(Line(x0, y0, x1, y1, " ".join(words)))
        pages.append(tuple(found))
    return tuple(pages)


@cache
def _words(pdf: Path, stamp: float) -> tuple[tuple[Line, ...], ...]:
    import html

    xml = tool("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in _PAGE.finditer(xml):
        pages.append(tuple(
            Line(*(float(match.group(i)) for i in range(1, 5)), html.unescape(match.group(5)))
            for match in _BOX.finditer(page.group(3))))
    return tuple(pages)


def words(pdf: Path, page: int) -> tuple[Line, ...]:
    """The words of page ``page`` (0-based), each with its box."""
    return _words(pdf, pdf.stat().st_mtime)[page]


def lines(pdf: Path, page: int | None = None) -> tuple[tuple[Line, ...], ...]:
    """Every page's lines of text (or only page ``page``, 0-based, as a 1-tuple)."""
    found = _lines(pdf, pdf.stat().st_mtime)
    return found if page is None else (found[page],)


def body_lines(pdf: Path, page: int) -> list[Line]:
    """The lines of page ``page`` (0-based) between the running head and foot."""
    height = _heights(pdf, pdf.stat().st_mtime)[page]
    return [line for line in lines(pdf)[page]
            if line.y1 > HEAD and line.y0 < height - FOOT]


def widgets(pdf: Path) -> tuple[tuple[int, dict[str, Any], tuple[float, float, float, float]], ...]:
    """Every form widget: its page (0-based), its dictionary, and its rectangle as
    (left, top, right, bottom) from the top left of the page."""
    return _widgets(pdf, pdf.stat().st_mtime)


@cache
def _reader(pdf: Path, stamp: float) -> PdfReader:
    """pypdf parses the whole file, about half a second for a pack: once per file and
    version, for the widgets, the page heights and the section starts alike."""
    return PdfReader(pdf)


@cache
def _heights(pdf: Path, stamp: float) -> tuple[float, ...]:
    return tuple(float(page.mediabox.height) for page in _reader(pdf, stamp).pages)


@cache
def _widgets(pdf: Path, stamp: float) -> tuple[
        tuple[int, dict[str, Any], tuple[float, float, float, float]], ...]:
    """Read once per file and version, not per question."""
    found = []
    reader = _reader(pdf, stamp)
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        for annot in page.get("/Annots", []):
            obj = annot.get_object()
            if obj.get("/Subtype") == "/Widget":
                x1, y1, x2, y2 = (float(v) for v in obj["/Rect"])
                found.append((number, obj, (min(x1, x2), height - max(y1, y2),
                                            max(x1, x2), height - min(y1, y2))))
    return tuple(found)


def section_pages(pdf: Path, prefix: str = "sec-") -> dict[str, range]:
    """The pages (0-based) of each section, from the named destinations of their
    headings: a section runs up to the page before the next one starts."""
    return _sections(pdf, pdf.stat().st_mtime, prefix)


@cache
def _sections(pdf: Path, stamp: float, prefix: str) -> dict[str, range]:
    reader = _reader(pdf, stamp)
    starts = sorted((reader.get_destination_page_number(dest), name)
                    for name, dest in reader.named_destinations.items()
                    if name.startswith(prefix))
    ends = [page for page, _ in starts[1:]] + [len(reader.pages)]
    return {name: range(start, max(end, start + 1))
            for (start, name), end in zip(starts, ends, strict=True)}


def depth_in_lines(pdf: Path, page: int) -> float:
    """How far down page ``page`` the content reaches, in lines of body text: from
    the top of the text area to the lowest line of text or form field."""
    bottoms = [line.y1 for line in body_lines(pdf, page)]
    bottoms += [rect[3] for number, _, rect in widgets(pdf) if number == page]
    return (max(bottoms, default=HEAD) - HEAD) / BODY_LINE


def page_image(pdf: Path, page: int, dpi: int = 144) -> Image.Image:
    """Page ``page`` (0-based) rendered by pdftoppm, in grey. A plain grey map, not
    a PNG: compressing the PNG took two thirds of pdftoppm's time."""
    with tempfile.TemporaryDirectory() as folder:
        tool("pdftoppm", "-gray", "-r", str(dpi), "-f", str(page + 1), "-l", str(page + 1),
             str(pdf), f"{folder}/page")
        with Image.open(next(Path(folder).glob("page*.pgm"))) as image:
            return image.convert("L")
