"""Type size in print: body text at 11 pt or more in every PDF of both examples.

Dyslexic and low-vision readers need it (issue 7), and it is easy to lose
one table or caption at a time, so this reads the size of every run of text
from the PDFs themselves (pypdf's text visitor: font size times the text and
transformation matrices). Only the running heads and feet, which sit in the
page margins, may be smaller.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.pdf

MM = 72 / 25.4
HEAD_MARGIN = 22 * MM
FOOT_MARGIN = 20 * MM
"""The page margins of templates/print/print.css, where the running heads sit."""


def text_sizes(pdf: Path) -> tuple[Counter[float], Counter[float]]:
    """Characters per font size (pt): in the body, and in the head and foot margins."""
    body: Counter[float] = Counter()
    margins: Counter[float] = Counter()
    for page in PdfReader(pdf).pages:
        height = float(page.mediabox.height)

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float,
                  height: float = height) -> None:
            if not text.strip():
                return
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            where = margins if y > height - HEAD_MARGIN or y < FOOT_MARGIN else body
            where[round(size * scale, 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
    return body, margins


def pdfs(site: Path) -> list[Path]:
    found = sorted(site.glob("downloads/*.pdf"))
    assert len(found) >= 5, found
    return found


@pytest.mark.parametrize("which", ["example_site", "law_firm_site"])
def test_body_text_is_at_least_11pt(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    small: dict[str, dict[float, int]] = {}
    for pdf in pdfs(site):
        body, margins = text_sizes(pdf)
        assert sum(body.values()) > 300, f"{pdf.name}: too little text read to judge"
        assert body[11.0] > sum(body.values()) / 2, f"{pdf.name}: body is not 11 pt"
        under = {size: count for size, count in body.items() if size < 10.95}
        if under:
            small[pdf.name] = under
        assert all(size >= 9 for size in margins), f"{pdf.name}: running heads {margins}"
    assert not small, f"text under 11 pt (size: characters): {small}"


def test_the_example_support_card_fits_one_page_at_11pt(example_site: Path) -> None:
    card = example_site / "downloads" / "support-card.pdf"
    assert len(PdfReader(card).pages) == 1
    body, _ = text_sizes(card)
    assert min(body) >= 11
