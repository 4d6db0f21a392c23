"""The message catalogues: current, complete, and safe to format.

These tests read the .po files as a translator leaves them; they build
nothing. tests/test_welsh.py builds the example in Welsh.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

EXTRACT = REPO / "scripts" / "extract_messages.py"


def test_template_is_current() -> None:
    """A new or changed English string must reach schemebook.pot (and so the
    translators) in the same commit: run scripts/extract_messages.py --update."""
    done = subprocess.run([sys.executable, str(EXTRACT), "--check"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_template_has_no_dates_or_line_numbers() -> None:
    """Line numbers and dates would make the template churn on every edit."""
    text = (REPO / "generator" / "locales" / "schemebook.pot").read_text(encoding="utf-8")
    assert "POT-Creation-Date" not in text
    assert not re.search(r"^#: .*:\d+", text, re.MULTILINE)
