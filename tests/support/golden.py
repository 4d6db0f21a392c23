"""Golden files: the reviewed output of a pure stage, compared byte for byte.

A golden file holds what a stage made for a fixed input, committed after a
person read it. When a change alters the output on purpose, run the tests
with ``SCHEMEBOOK_UPDATE_GOLDEN=1`` to rewrite the files, read the diff
(``git diff tests/golden``) as a reviewer would, and commit it with the
change. Without the variable a difference fails, showing the first lines
that differ.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = "SCHEMEBOOK_UPDATE_GOLDEN"


def check_golden(name: str, text: str) -> None:
    """``text`` must equal tests/golden/NAME (rewritten instead when UPDATE is set)."""
    path = GOLDEN / name
    if os.environ.get(UPDATE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    if not path.exists():
        raise AssertionError(f"no golden file {path}: run with {UPDATE}=1, then review it")
    expected = path.read_bytes().decode("utf-8")  # as written: CRLF stays CRLF
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(),
                                    f"golden/{name}", "made now", lineterm="", n=1)
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(f"{name} differs from its golden file ({UPDATE}=1 rewrites "
                             f"it; review the diff):\n{shown}")
