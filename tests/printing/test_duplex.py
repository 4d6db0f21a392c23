"""Duplex print files: a volume of packs is joined within the memory target."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from schemebook.printing.duplex import VOLUME_PACKS

JOIN = """
import resource, shutil, sys
from pathlib import Path
from schemebook.printing.duplex import VOLUME_PACKS, merge_duplex

pack, folder = Path(sys.argv[1]), Path(sys.argv[2])
parts = []
for n in range(VOLUME_PACKS):
    copy = folder / f"pack-{n}.pdf"
    shutil.copy(pack, copy)
    parts.append((f"P{n:02d}", str(copy), 0))
merge_duplex(parts, "Mentor packs", str(folder / "volume.pdf"))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.pdf
def test_a_whole_volume_of_tagged_packs_joins_in_under_300_mb(example_site: Path,
                                                            tmp_path: Path) -> None:
    """qpdf keeps every object of every open part, structure trees included (about 7 MB
    a pack): the volume size is what keeps a worker joining 500 packs within 300 MB."""
    pack = example_site / "downloads" / "mentor-pack.pdf"
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", JOIN, str(pack), str(tmp_path)],
                          capture_output=True, text=True, check=True, timeout=300)
    peak_mb = int(done.stdout.split()[-1])
    assert peak_mb < 300, f"joining {VOLUME_PACKS} packs peaked at {peak_mb} MB"
    pages = len(PdfReader(pack).pages)
    joined = PdfReader(tmp_path / "volume.pdf")
    assert len(joined.pages) == VOLUME_PACKS * (pages + pages % 2)
    assert len(joined.outline) == VOLUME_PACKS
