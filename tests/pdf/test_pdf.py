"""schemebook.pdf.weasyprint: WeasyPrint behind a pure function and a confined URL fetcher.

Real WeasyPrint and pypdf, no mocks. These renders are tiny; the packs are
tested in test_packs.py.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from schemebook.pdf.weasyprint import ConfinedFetcher, URLRefused, render_pdf

pytestmark = pytest.mark.pdf


def png(width: int = 2, height: int = 2) -> bytes:
    """A small valid grey PNG, built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG_1PX = png()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "assets").mkdir(parents=True)
    (project / "assets" / "dot.png").write_bytes(PNG_1PX)
    (tmp_path / "secret.txt").write_text("not for the PDF", encoding="utf-8")
    (project / "assets" / "escape.png").symlink_to(tmp_path / "secret.txt")
    return project


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.com/logo.png",
    "https://example.com/style.css",
    "ftp://example.com/x.png",
    "file://otherhost/etc/passwd",
])
def test_fetcher_refuses_network_and_outside_files(root: Path, url: str) -> None:
    with pytest.raises(URLRefused):
        ConfinedFetcher([root]).fetch(url)


def test_fetcher_refuses_links_that_leave_the_project(root: Path) -> None:
    with pytest.raises(URLRefused, match="outside"):
        ConfinedFetcher([root]).fetch((root / "assets" / "escape.png").as_uri())
    with pytest.raises(URLRefused, match="outside"):
        ConfinedFetcher([root]).fetch(root.as_uri() + "/../secret.txt")


def test_fetcher_serves_project_files_and_data_urls(root: Path) -> None:
    fetcher = ConfinedFetcher([root])
    response = fetcher.fetch((root / "assets" / "dot.png").as_uri())
    assert response.read() == PNG_1PX
    assert response.content_type == "image/png"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_refused_urls_do_not_stop_the_render(root: Path) -> None:
    html = """<!doctype html><html lang="cy"><head><title>Prawf</title>
    <meta name="author" content="Coleg Enghreifftiol">
    <meta name="description" content="Pecyn prawf">
    <link rel="stylesheet" href="https://example.com/evil.css">
    </head><body><h1>Helo</h1>
    <img src="file:///etc/passwd" alt="one"><img src="http://example.com/x.png" alt="two">
    <img src="assets/escape.png" alt="three"><img src="assets/dot.png" alt="four">
    </body></html>"""
    result = render_pdf(html, root, [])
    assert result.pages == 1
    refused = "\n".join(result.warnings)
    for url in ("file:///etc/passwd", "http://example.com/x.png", "evil.css", "escape.png"):
        assert url in refused, refused
    assert "dot.png" not in refused
    reader = PdfReader(io.BytesIO(result.data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Prawf"
    assert reader.metadata.author == "Coleg Enghreifftiol"
    assert reader.metadata.subject == "Pecyn prawf"
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert b"not for the PDF" not in result.data


def test_same_input_gives_same_bytes(root: Path) -> None:
    import datetime as dt

    html = "<html><head><title>T</title></head><body><p>Same</p></body></html>"
    first = render_pdf(html, root, [], created=dt.date(2026, 9, 1))
    second = render_pdf(html, root, [], created=dt.date(2026, 9, 1))
    assert first.data == second.data
    metadata = PdfReader(io.BytesIO(first.data)).metadata
    assert metadata is not None and metadata.creation_date is not None
    assert metadata.creation_date.date() == dt.date(2026, 9, 1)


def test_form_fields_have_names_tooltips_flags_and_ordered_rectangles(root: Path) -> None:
    html = """<html><head><title>F</title></head><body><form>
    <label for="a">Date</label><input id="a" name="log1_date" title="Date" style="width:50mm">
    <label for="b">Feelings</label>
    <textarea id="b" name="log1_feelings" title="Feelings"
      style="width:100mm;height:40mm"></textarea>
    </form></body></html>"""
    result = render_pdf(html, root, [], forms=True)
    reader = PdfReader(io.BytesIO(result.data))
    fields = {str(a.get_object()["/T"]): a.get_object() for a in reader.pages[0]["/Annots"]}
    assert set(fields) == {"log1_date", "log1_feelings"}
    for name, label in (("log1_date", "Date"), ("log1_feelings", "Feelings")):
        field = fields[name]
        assert field["/TU"] == label
        assert int(field["/F"]) & 4, "print flag"
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        assert x1 < x2 and y1 < y2
    assert int(fields["log1_feelings"]["/Ff"]) & (1 << 12), "multiline"
    without = render_pdf(html, root, [], forms=False)
    assert "/Annots" not in PdfReader(io.BytesIO(without.data)).pages[0]
