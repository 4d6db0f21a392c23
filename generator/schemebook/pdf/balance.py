"""Regions (a pack's sections) that would end on a page of a few lines, balanced.

Each section of a pack starts on a new page, so one that runs a little over
a page left its last two or three lines alone on a page of their own: the
mentor pack's Contacts ended on a page holding one entry and the handbook's
address. :func:`short_tails` finds every region whose last page would hold
less than a given height, and for each one the block on the page before
where a page break leaves both pages at least that full: the region's end
moves over with the lines before it, like a widow taken over by the lines
above it. A heading is the best place to break (its section goes over
whole); the break goes before a heading rather than between it and what
follows, and never into a box that must not split, a table cell, a flex
or multi-column box. :func:`schemebook.pdf.layout.lay_out_again` lays the
document out again with those breaks (``break-before: page`` on each block).

Only :mod:`.weasyprint` calls this; like it and :mod:`.layout`, it reads
WeasyPrint's boxes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HEADING_BONUS = 5
"""A break before a heading is preferred to one that moves up to this many lines fewer."""


@dataclass(frozen=True)
class Break:
    """A block to start a new page with, and the lines it moves over."""

    element: Any
    moved: float
    box: Any = None
    """The block's box in the first layout."""
    page: int = 0
    """The index of the page the block starts on."""


def _flow(box: Any) -> Iterator[tuple[Any, Any]]:
    """Each block-level box in ``box``'s normal flow that starts an element of its own,
    with the box before it among its siblings (None for a first child, before which
    a break is one before its parent); not inside boxes that should not be split
    (kept whole, table cells, flex, columns, images)."""
    previous: Any = None
    for child in getattr(box, "children", ()):
        if not isinstance(child, boxes.BlockLevelBox | boxes.TableRowGroupBox
                          | boxes.TableRowBox) or not child.is_in_normal_flow():
            continue
        own = child.element is not None and child.element is not box.element \
            and child.element_tag == child.element.tag \
            and not isinstance(child, boxes.TableRowGroupBox)  # its first row is the place
        if own:
            yield child, previous
        previous = child
        style = child.style
        if (isinstance(child, boxes.FlexContainerBox | boxes.GridContainerBox
                       | boxes.TableCellBox | boxes.ReplacedBox)
                or style["break_inside"] in ("avoid", "avoid-page")
                or style["column_count"] != "auto" or style["column_width"] != "auto"):
            continue
        yield from _flow(child)


def _bottom(box: Any) -> float:
    """The lowest border edge of ``box``'s content (no trailing margin)."""
    return float(max((c.border_box_y() + c.border_height()
                      for c in getattr(box, "children", ()) if isinstance(c, boxes.Box)),
                     default=box.content_box_y()))


def _regions(pages: Sequence[Any], region: str) -> dict[Any, list[tuple[int, Any]]]:
    """Each region element (class ``region``) and its boxes, page by page."""
    found: dict[Any, list[tuple[int, Any]]] = {}
    for number, page in enumerate(pages):
        todo = [c for c in page.children if not isinstance(c, boxes.MarginBox)]
        while todo:
            box = todo.pop()
            element = box.element
            if (isinstance(box, boxes.BlockBox) and element is not None
                    and region in (element.get("class") or "").split()
                    and box.element_tag == element.tag):
                found.setdefault(element, []).append((number, box))
                continue
            todo.extend(c for c in getattr(box, "children", ()) if isinstance(c, boxes.Box))
    return found


def _candidates(box: Any, top: float, bottom: float, line: float
                ) -> Iterator[tuple[float, Any]]:
    """(lines moved, box) of each block of ``box`` a break could go before: one
    that starts on this page below its top line, is not a first child, and does not
    follow a heading (which would stay behind) or ask not to be parted from it."""
    for child, previous in _flow(box):
        if previous is None or "top" in child.remove_decoration_sides:
            continue
        if previous.element_tag in _HEADINGS or previous.style["break_after"] in (
                "avoid", "avoid-page") or child.style["break_before"] in ("avoid", "avoid-page"):
            continue
        y = child.border_box_y()
        if y > top + line:
            yield (bottom - y) / line, child


def short_tails(pages: Sequence[Any], region: str, lines: float, line: float) -> list[Break]:
    """The breaks that keep the last page of each ``region`` (a class) from holding
    less than ``lines`` lines of ``line`` CSS pixels, where the page before can give
    them up and keep as many (``pages``: each page's box, as laid out)."""
    found = []
    for fragments in _regions(pages, region).values():
        if len(fragments) < 2 or fragments[-2][0] != fragments[-1][0] - 1:
            continue
        (_, before), (page, last) = fragments[-2], fragments[-1]
        page_box = pages[page]
        held = (_bottom(last) - page_box.content_box_y()) / line
        if held >= lines:
            continue
        top, bottom = page_box.content_box_y(), _bottom(before)
        best: tuple[float, Break] | None = None
        for moved, box in _candidates(before, top, bottom, line):
            kept = (bottom - top) / line - moved
            if held + moved < lines or kept < lines:
                continue
            score = moved - (HEADING_BONUS if box.element.tag in _HEADINGS else 0)
            if best is None or score < best[0]:
                best = (score, Break(box.element, moved, box, page - 1))
        if best is not None:
            found.append(best[1])
    return found

