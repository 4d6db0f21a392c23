"""One print file from many PDFs, each starting on a front page (duplex-safe).

A blank page (made with pypdf, the size of the packs' pages) follows every
part with an odd number of pages, so that on a double-sided printer no pack
starts on the back of the one before. The parts are joined by poppler's
``pdfunite`` (installed with poppler-utils by scripts/setup): for a hundred
28-page packs it takes seconds and under 100 MB, where joining them in pypdf
took a minute and over 500 MB, as pypdf parses and copies every object in
Python. Without pdfunite the pypdf way still works, just slowly.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

PDFUNITE = "pdfunite"


def blank_page(like: Path) -> bytes:
    """A one-page PDF with a blank page the size of ``like``'s last page."""
    box = PdfReader(like).pages[-1].mediabox
    writer = PdfWriter()
    writer.add_blank_page(float(box.width), float(box.height))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def merge_duplex(parts: list[tuple[str, str, int]], title: str, target: str,
                 duplex: bool = True) -> None:
    """Write ``parts`` (label, PDF file, page count) in order as one file at ``target``.

    Files in and out, not bytes: a hundred packs need not pass through memory.
    """
    if not parts:
        return
    tool = shutil.which(PDFUNITE)
    if tool is None:
        Path(target).write_bytes(_merge_with_pypdf(parts, title, duplex))
        return
    with tempfile.TemporaryDirectory(prefix="schemebook-print-") as tmp:
        blank = Path(tmp) / "blank.pdf"
        blank.write_bytes(blank_page(Path(parts[0][1])))
        files: list[str] = []
        for _, path, pages in parts:
            files.append(path)
            if duplex and pages % 2:
                files.append(str(blank))
        if len(files) == 1:
            shutil.copyfile(files[0], target)
            return
        subprocess.run([tool, *files, target], check=True, capture_output=True, timeout=600)


def _merge_with_pypdf(parts: list[tuple[str, str, int]], title: str, duplex: bool) -> bytes:
    """The slow way, with a bookmark per part and form fields dropped."""
    writer = PdfWriter()
    for label, path, _ in parts:
        reader = PdfReader(path)
        start = len(writer.pages)
        for page in reader.pages:
            added = writer.add_page(page)
            if "/Annots" in added:
                del added["/Annots"]
        writer.add_outline_item(title=label, page_number=start)
        if duplex and len(reader.pages) % 2:
            last = reader.pages[-1].mediabox
            writer.add_blank_page(float(last.width), float(last.height))
    writer.add_metadata({"/Title": title, "/Creator": "schemebook"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
