#!/usr/bin/env python3
"""Compare two built sites file by file: what is missing on either side, what differs.

    python3 scripts/compare_builds.py BEFORE/site AFTER/site

PDFs that differ only in their /ID are counted the same: WeasyPrint derives
the /ID from the HTML, which named the project's folder before print HTML
used schemebook:// URLs, so a build from before then gets another /ID and
nothing else changes. Pages that differ only in how characters are written
(``'`` or ``&#39;``, ``{`` or ``&#123;``) are counted the same too: a browser
reads them alike. Used to check that a refactoring left every output as it was.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

PDF_ID = re.compile(rb"/ID \[\([0-9a-f]+\) \([0-9a-f]+\)\]")


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def same(one: bytes, other: bytes, name: str) -> bool:
    if one == other:
        return True
    if name.endswith(".pdf"):
        return PDF_ID.sub(b"", one) == PDF_ID.sub(b"", other)
    if name.endswith((".html", ".json", ".js")):
        return html.unescape(one.decode("utf-8", "replace")) == html.unescape(
            other.decode("utf-8", "replace"))
    return False


def main(before: Path, after: Path) -> int:
    old, new = files(before), files(after)
    differ = [rel for rel in sorted(old & new)
              if not same((before / rel).read_bytes(), (after / rel).read_bytes(), rel)]
    print("only before:", sorted(old - new))
    print("only after:", sorted(new - old))
    print(f"{len(old & new)} files in both; {len(differ)} differ:", differ)
    return 1 if differ or old != new else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
