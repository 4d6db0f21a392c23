"""Duplex print files: a whole volume of tagged packs joins into one print file.

Its memory is the benchmark's to measure (tests/bench/benchmark.py, scenario f):
the same join peaked at 169 MB alone and at 562 MB inside a full CI run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from schemebook.printing.duplex import VOLUME_PACKS, merge_duplex


@pytest.mark.pdf
def test_a_whole_volume_of_tagged_packs_joins_into_one_print_file(example_site: Path,
                                                                tmp_path: Path) -> None:
    """Each pack starts on a front page (a blank after an odd one) and has its bookmark."""
    pack = example_site / "downloads" / "mentor-pack.pdf"
    parts = []
    for n in range(VOLUME_PACKS):
        copy = tmp_path / f"pack-{n}.pdf"
        shutil.copy(pack, copy)
        parts.append((f"P{n:02d}", str(copy), 0))
    merge_duplex(parts, "Mentor packs", str(tmp_path / "volume.pdf"))
    pages = len(PdfReader(pack).pages)
    joined = PdfReader(tmp_path / "volume.pdf")
    assert len(joined.pages) == VOLUME_PACKS * (pages + pages % 2)
    assert [item.title for item in joined.outline] == [label for label, _, _ in parts]
