"""Text read back from PDFs as readers of tagged PDFs read it: pdftotext and pypdf.

pdftotext (poppler) applies the /ActualText of marked-content sequences by
itself. pypdf 7 has no /ActualText support: its ``extract_text`` gives the
text its glyphs map to, which for Devanagari is wrong. :func:`pypdf_text`
reads each page with pypdf and, as a screen reader reading the tagged
structure does, takes the /ActualText of a text run's structure element in
place of its glyphs.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from pypdf import PdfReader

_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normal(text: str) -> str:
    """NFC, without bidi controls, curly apostrophes straightened, spaces collapsed."""
    text = _CONTROLS.sub("", unicodedata.normalize("NFC", text)).replace("\u2019", "'")
    return " ".join(text.split())


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def actual_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the /ActualText of the structure element holding it."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found: dict[tuple[int, int], str] = {}
    todo: list[tuple[Any, int]] = [(root, -1)] if root is not None else []
    while todo:
        element, page = todo.pop()
        element = element.get_object()
        if not hasattr(element, "get"):
            continue
        if element.get("/Pg") is not None:
            page = pages.get(element.raw_get("/Pg").idnum, page)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object()
            if isinstance(kid, int):
                if "/ActualText" in element:
                    found[(page, kid)] = str(element["/ActualText"])
            else:
                todo.append((kid, page))
    return found


class _PageReader:
    """One page's text through pypdf's visitors, a run's /ActualText for its glyphs."""

    def __init__(self, index: int, actual: dict[tuple[int, int], str]) -> None:
        self.index, self.actual = index, actual
        self.open_ids: list[int | None] = []
        self.out: list[str] = []

    def before(self, operator: bytes, args: list[Any], *_: Any) -> None:
        if operator == b"BDC":
            props = args[1] if len(args) > 1 else None
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            self.open_ids.append(mcid)
            if (self.index, mcid) in self.actual:
                self.out.append(self.actual[(self.index, mcid)])
        elif operator == b"BMC":
            self.open_ids.append(None)
        elif operator == b"EMC" and self.open_ids:
            self.open_ids.pop()

    def text(self, chunk: str, *_: Any) -> None:
        if not any((self.index, mcid) in self.actual for mcid in self.open_ids):
            self.out.append(chunk)


def pypdf_text(pdf: Path) -> str:
    """Every page's text through pypdf, structure elements' /ActualText applied."""
    reader = PdfReader(pdf)
    actual = actual_texts(reader)
    pages = []
    for index, page in enumerate(reader.pages):
        visitor = _PageReader(index, actual)
        page.extract_text(visitor_operand_before=visitor.before, visitor_text=visitor.text)
        pages.append("".join(visitor.out))
    return "\n".join(pages)
