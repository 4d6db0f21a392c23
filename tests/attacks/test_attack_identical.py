"""Identical across folders, time zones and locales: the same project gives the same bytes.

Print HTML names files by location-independent schemebook:// URLs, so the
PDFs' /ID (which WeasyPrint derives from the HTML) no longer carries the
project's folder; dates come from build_date, never the clock or the zone.
The builds run in fresh processes with different TZ, LANG and LC_ALL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MENTOR_PACK_ONLY
from support.attacks import project

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

PLACES = {
    "first": {"TZ": "Pacific/Auckland", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    "second/deeper/still": {"TZ": "America/Los_Angeles", "LANG": "en_GB.UTF-8",
                            "LC_ALL": "cy_GB.UTF-8"},
}


def test_the_same_project_in_two_folders_gives_identical_bytes(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    source = project(tmp_path / "source", files={"content/x.md": "# X\n\nOne page more.\n"},
                     meetings={"count": 3, "start": "2026-10-05", "interval": "fortnightly"},
                     packs=MENTOR_PACK_ONLY)  # a balanced, tagged, fillable pack
    sites = []
    for place, zone in PLACES.items():
        folder = tmp_path / place / "project"
        shutil.copytree(source, folder)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), **zone}
        done = subprocess.run([sys.executable, "-m", "schemebook", "build", "--quiet"],
                              cwd=folder, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
        sites.append(folder / "site")
    one, two = ({p.relative_to(s).as_posix(): p.read_bytes() for p in s.rglob("*")
                 if p.is_file()} for s in sites)
    assert sorted(one) == sorted(two)
    assert any(name.endswith(".pdf") for name in one)
    assert [name for name in one if one[name] != two[name]] == []
    assert all(str(tmp_path).encode() not in data for data in one.values())
