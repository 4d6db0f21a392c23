"""schemebook.pdf.layout: the second layout of a balanced document remakes only the
pages its breaks touch, and gives the very bytes of laying the whole document out again.

Real WeasyPrint; a small document of one-line paragraphs whose second section runs
two lines onto a page of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import weasyprint.layout.page
from schemebook.pdf import layout
from schemebook.pdf.types import Tails
from schemebook.pdf.weasyprint import render_pdf

pytestmark = pytest.mark.pdf

STYLE = """<style>
@page { size: 105mm 148mm; margin: 12mm; }
body { font: 11pt/15pt serif; margin: 0; }
p { margin: 0; }
section { break-before: page; }
</style>"""
TAILS = Tails(region="section", lines=5, line_pt=15)


def document(*sections: int) -> str:
    """HTML with one section of that many one-line paragraphs per number."""
    body = "".join(
        f"<section class=section><h2>Part {number}</h2>"
        + "".join(f"<p>Line {line} of part {number}.</p>" for line in range(count))
        + "</section>" for number, count in enumerate(sections, start=1))
    return f"<!doctype html><html lang=en><head>{STYLE}</head><body>{body}</body></html>"


def capacity(root: Path) -> tuple[int, int]:
    """The paragraphs on a section's first page (below its heading), and on the next."""
    lines = render_pdf(document(200), root, []).lines
    return lines[0] - 1, lines[1]


@pytest.fixture
def remade(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The index of each page WeasyPrint lays out (its own function, observed)."""
    seen: list[int] = []
    real = weasyprint.layout.page.remake_page

    def observed(index: int, *args: Any) -> Any:
        seen.append(index)
        return real(index, *args)

    monkeypatch.setattr(weasyprint.layout.page, "remake_page", observed)
    return seen


def test_only_the_pages_a_break_touches_are_laid_out_again(
        tmp_path: Path, remade: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    first, full = capacity(tmp_path)
    html = document(first + full, first + 2, first + full, 3)  # part 2 ends with 2 lines
    plain = render_pdf(html, tmp_path, [])
    remade.clear()
    balanced = render_pdf(html, tmp_path, [], tails=TAILS)
    pages = len(plain.lines)
    assert len(balanced.lines) == pages == 7
    # Part 2 is pages 3 and 4: its last page now holds the lines it was short of.
    assert plain.lines[3] < TAILS.lines <= balanced.lines[3]
    assert balanced.lines[:2] == plain.lines[:2] and balanced.lines[4:] == plain.lines[4:]
    assert sum(balanced.lines) == sum(plain.lines)
    settled = pages + remade[pages:].count(1)  # WeasyPrint remakes page 1 for counter(pages)
    assert remade[:pages] == list(range(pages))
    assert set(remade[settled:]) == {2, 3}, remade
    monkeypatch.setattr(layout, "INCREMENTAL", False)
    whole = render_pdf(html, tmp_path, [], tails=TAILS)
    assert whole.data == balanced.data


def test_breaks_in_two_sections_and_like_elements_keep_their_own_style(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The paragraphs share one computed style in WeasyPrint: a break given to one of
    them must not start a page before every paragraph."""
    first, _ = capacity(tmp_path)
    html = document(first + 2, 2, first + 3)
    plain = render_pdf(html, tmp_path, [])
    balanced = render_pdf(html, tmp_path, [], tails=TAILS)
    assert len(balanced.lines) == len(plain.lines) == 5
    assert max(plain.lines[1], plain.lines[4]) < TAILS.lines
    assert min(balanced.lines[1], balanced.lines[4]) >= TAILS.lines
    monkeypatch.setattr(layout, "INCREMENTAL", False)
    assert render_pdf(html, tmp_path, [], tails=TAILS).data == balanced.data


FOOTED = STYLE.replace("@page { size: 105mm 148mm; margin: 12mm; }", """@page {
  size: 105mm 148mm; margin: 12mm; background: #eef;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); }
}
h2::after { content: " of " counter(pages); }""")


def test_the_first_layout_is_bare_and_the_document_is_whole(
        tmp_path: Path, remade: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first layout of a balanced document makes no margin boxes nor backgrounds
    (it is only read for where its regions end); the document still has them, and
    one with nothing to balance is not laid out a page more than a plain one."""
    first, full = capacity(tmp_path)
    made: list[int] = []
    real = layout.weasyprint_layout.make_margin_boxes

    def margins(context: Any, page: Any, state: Any) -> Any:
        made.append(context.current_page)
        return real(context, page, state)

    monkeypatch.setattr(layout.weasyprint_layout, "make_margin_boxes", margins)
    even = document(first + full, first + full).replace(STYLE, FOOTED)
    remade.clear()
    plain = render_pdf(even, tmp_path, [])
    plain_remade, plain_made = list(remade), list(made)
    remade.clear()
    made.clear()
    balanced = render_pdf(even, tmp_path, [], tails=TAILS)
    assert balanced.data == plain.data
    assert (remade, made) == (plain_remade, plain_made) == (remade, [1, 2, 3, 4])

    short = document(first + full, first + 2, 3).replace(STYLE, FOOTED)
    made.clear()
    balanced = render_pdf(short, tmp_path, [], tails=TAILS)
    assert made == list(range(1, len(balanced.lines) + 1))  # once, in the second layout
    monkeypatch.setattr(layout, "INCREMENTAL", False)
    assert render_pdf(short, tmp_path, [], tails=TAILS).data == balanced.data
