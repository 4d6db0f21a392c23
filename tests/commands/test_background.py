"""background.py: under serve the pages rebuild first, PDFs follow in the background,
and a second edit supersedes the first. Real builds, real workers, pdftotext."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MENTOR_PACK_ONLY
from schemebook.commands.background import BackgroundPdfs
from schemebook.commands.build import build
from schemebook.core.options import Options
from schemebook.pdf.workers import Pool

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

THEMES = [{"title": "Belonging", "icebreakers": ["Where do you feel at home?"]},
          {"title": "Failure", "icebreakers": ["When have you failed?"]}]
UPDATING = "Being updated: the new version will be here in a moment."


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True,
                                   capture_output=True, text=True, timeout=60).stdout.split())


def test_pages_first_then_pdfs_and_a_second_edit_supersedes(
        make_project: Callable[..., Path], tmp_path: Path) -> None:
    scheme = make_project(themes=THEMES, packs=MENTOR_PACK_ONLY)
    out = tmp_path / "site"
    landed = threading.Event()
    asked: list[int] = []
    with Pool(1) as pool:
        background = BackgroundPdfs(pool, scheme.parent, Options())
        background.ask_rebuild = lambda: (asked.append(background.round.number), landed.set())
        options = Options(defer_pdfs=background.defer)
        build(scheme, out, options, pool=pool)
        assert UPDATING not in (out / "downloads.html").read_text(encoding="utf-8")
        background.active = True
        for word in ("Kinship", "Togetherness"):  # the second edit comes before the first lands
            scheme.write_text(scheme.read_text(encoding="utf-8").replace(
                "Belonging" if word == "Kinship" else "Kinship", word), encoding="utf-8")
            background.begin()
            build(scheme, out, options, pool=pool)
            page = (out / "downloads.html").read_text(encoding="utf-8")
            assert UPDATING in page  # the pages are up, the PDFs still the last ones
            assert word in (out / "themes.html").read_text(encoding="utf-8")
            assert word not in pdf_text(out / "downloads" / "mentor-pack.pdf")
            names = background.after_build()
            assert "mentor-pack.pdf" in names and "support-card.pdf" not in names
        assert landed.wait(600)
        assert asked == [background.round.number]  # only the last edit's PDFs rebuild
        background.begin()
        build(scheme, out, options, pool=pool)
        assert background.after_build() == []
    page = (out / "downloads.html").read_text(encoding="utf-8")
    assert UPDATING not in page
    text = pdf_text(out / "downloads" / "mentor-pack.pdf")
    assert "Togetherness" in text and "Kinship" not in text


def test_build_alone_renders_every_pdf_before_writing(make_project: Callable[..., Path],
                                                      tmp_path: Path) -> None:
    scheme = make_project(themes=THEMES, packs=MENTOR_PACK_ONLY)
    build(scheme, tmp_path / "site", Options())
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("Belonging", "Kinship"),
                      encoding="utf-8")
    build(scheme, tmp_path / "site", Options())
    assert "Kinship" in pdf_text(tmp_path / "site" / "downloads" / "mentor-pack.pdf")
    assert UPDATING not in (tmp_path / "site" / "downloads.html").read_text(encoding="utf-8")
