"""Which pages of a personalised pack are the person's own, and the HTML for them.

A role's pack is laid out once per language (the *shared* layout); for each
person only the pages that differ are laid out again. The unit of comparison
is a *block*: an element at the top of ``<body>``, or a child of a
``<section>`` there (sections are the packs' chapters). A block whose HTML
differs from the shared layout's is personal; every page that shows a
personal block is a personal page, and so is every page that shows a block
also shown on a personal page (so no block is ever cut between two layouts).
The person's document keeps the blocks of the personal pages and stands in
for each shared page with an empty filler page, so every kept block lands on
the page it has in the shared layout, with the same page number and count.

Blocks are marked with ``data-sb`` attributes, which change nothing on the
page; WeasyPrint reports which marked blocks each page shows (see
:func:`schemebook.pdf.weasyprint.render_pdf`), and the worker checks the
person's layout against the plan before joining (:mod:`schemebook.pdf.assemble`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
EXPAND = frozenset({"section"})
"""Top-level elements whose children are blocks of their own."""
MARK = "data-sb"
FILLER_STYLE = (
    "<style>@page sb-filler { @top-left { content: none } @top-right { content: none } "
    "@bottom-left { content: none } @bottom-right { content: none } } "
    ".sb-filler { page: sb-filler; break-before: page; height: 0; margin: 0; padding: 0 }"
    "</style>")
"""Filler pages stand in for shared pages: blank, without running heads (cheap to lay out)."""
_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Block:
    """One block: its HTML, or a section's opening and closing tags around blocks."""

    html: str
    kind: str = "block"
    """'block', 'open' (a section's start tag) or 'close' (its end tag)."""


@dataclass(frozen=True)
class Split:
    """A document as the HTML before the first block, the blocks, and the rest."""

    head: str
    parts: tuple[Block, ...]
    tail: str

    @property
    def blocks(self) -> list[str]:
        return [p.html for p in self.parts if p.kind == "block"]


class _Splitter(HTMLParser):
    """Finds where each block starts and ends, by source offset."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0]
        for line in html.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self.depth = -1  # depth below <body>; -1 before it
        self.cuts: list[tuple[int, str]] = []
        """(offset, kind): 'body' after <body>, 'start'/'end' of a block, 'open'/'close'
        around an expanded section, 'text' where loose text stands at block level."""
        self.expanded: list[int] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        end = self._at() + len(self.get_starttag_text() or "")
        if tag == "body":
            self.depth = 0
            self.cuts.append((end, "body"))
            return
        if self.depth < 0 or (tag in VOID and self.depth not in self._levels()):
            return
        if self.depth in self._levels():
            if self.depth == 0 and tag in EXPAND:
                self.cuts.append((self._at(), "open-start"))
                self.cuts.append((end, "open-end"))
                self.expanded.append(1)
                self.depth += 1
                return
            self.cuts.append((self._at(), "start"))
            if tag in VOID:
                self.cuts.append((end, "end"))
                return
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth in self._levels():
            start = self._at()
            self.cuts += [(start, "start"), (start + len(self.get_starttag_text() or ""), "end")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "body":
            self.cuts.append((self._at(), "tail"))
            self.depth = -1
            return
        if self.depth <= 0 or tag in VOID:
            return
        end = self._at() + len(f"</{tag}>")
        if self.expanded and self.depth == 1 and tag in EXPAND:
            self.expanded.pop()
            self.depth = 0
            self.cuts += [(self._at(), "close-start"), (end, "close-end")]
            return
        self.depth -= 1
        if self.depth in self._levels():
            self.cuts.append((end, "end"))

    def handle_data(self, data: str) -> None:
        if self.depth in self._levels() and data.strip():
            self.cuts.append((self._at(), "text"))

    def _levels(self) -> tuple[int, ...]:
        return (1,) if self.expanded else (0,)


def split(html: str) -> Split | None:
    """The blocks of ``html``; None when its body cannot be cut into blocks safely
    (loose text between blocks, unbalanced tags)."""
    parser = _Splitter(html)
    parser.feed(html)
    parser.close()
    cuts = parser.cuts
    kinds = [kind for _, kind in cuts]
    if "text" in kinds or kinds[:1] != ["body"] or kinds[-1:] != ["tail"]:
        return None
    parts: list[Block] = []
    start = 0
    for (offset, kind), (next_offset, _) in itertools.pairwise(cuts):
        if kind == "start":
            start = offset
        elif kind == "end":
            parts.append(Block(html[start:offset]))
        elif kind == "open-start":
            parts.append(Block(html[offset:next_offset], "open"))
        elif kind == "close-start":
            parts.append(Block(html[offset:next_offset], "close"))
    if len([k for k in kinds if k == "start"]) != len([k for k in kinds if k == "end"]):
        return None
    return Split(html[:cuts[0][0]], tuple(parts), html[cuts[-1][0]:])


def marked(block: str, number: int) -> str:
    """``block`` with ``data-sb="number"`` in its start tag."""
    match = re.match(r"<[A-Za-z][\w-]*", block)
    if match is None:
        return block
    return f'{block[:match.end()]} {MARK}="{number}"{block[match.end():]}'


def shared_html(doc: Split) -> str:
    """The shared layout's HTML: every block marked with its number."""
    out, number = [doc.head], 0
    for part in doc.parts:
        if part.kind == "block":
            out.append(marked(part.html, number))
            number += 1
        else:
            out.append(part.html)
    return "".join(out) + doc.tail


@dataclass(frozen=True)
class Plan:
    """A person's document: its HTML, its own pages, and what the worker must find."""

    html: str
    pages: tuple[int, ...]
    """The person's own pages (0-based); every other page comes from the shared layout."""
    expected: tuple[tuple[int, ...], ...]
    """Marked blocks each page must show: those of the shared layout on the person's
    pages, none on fillers."""


def _closure(on_pages: list[set[int]], personal: set[int]) -> set[int]:
    """Pages showing a personal block, widened until no kept block crosses into a
    shared page."""
    pages = {p for p, shown in enumerate(on_pages) if shown & personal}
    while True:
        kept = {b for p in pages for b in on_pages[p]}
        wider = pages | {p for p, shown in enumerate(on_pages) if shown & kept}
        if wider == pages:
            return pages
        pages = wider


def plan(shared: Split, person: Split, on_pages: list[set[int]]) -> Plan | None:
    """The person's document against the shared layout (``on_pages``: the marked
    blocks each page of it shows); None when the two cannot be matched block by block."""
    mine, theirs = person.blocks, shared.blocks
    if len(mine) != len(theirs) or [p.kind for p in person.parts] != [
            p.kind for p in shared.parts]:
        return None
    personal = {i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b}
    own = _closure(on_pages, personal)
    pages_of: dict[int, list[int]] = {}
    for p, shown in enumerate(on_pages):
        for b in shown:
            pages_of.setdefault(b, []).append(p)
    out, cursor, number = [person.head.replace("</head>", FILLER_STYLE + "</head>", 1)], -1, 0
    for part in person.parts:
        if part.kind != "block":
            out.append(part.html)
            continue
        spans = pages_of.get(number, [])
        if not spans or spans[0] in own:
            out.append(_fillers(spans[0] - cursor - 1 if spans else 0))
            out.append(marked(part.html, number))
            cursor = max(cursor, *spans) if spans else cursor
        else:  # a shared block: a filler for each page it starts on, and its id
            out.append(_fillers(spans[0] - cursor))
            cursor = max(cursor, spans[0])
            out.append(_anchor(part.html))
        number += 1
    out.append(_fillers(len(on_pages) - cursor - 1))
    expected = tuple(tuple(sorted(shown)) if p in own else () for p, shown in enumerate(on_pages))
    return Plan("".join(out) + person.tail, tuple(sorted(own)), expected)


def _fillers(count: int) -> str:
    """``count`` blank pages standing in for shared ones."""
    return '<div class="sb-filler"></div>' * max(0, count)


def _anchor(block: str) -> str:
    """What stays of a shared block: its id, so links and page references still find it."""
    match = _ID.search(block[:block.find(">") + 1])
    return f'<span class="sb-anchor" id="{match.group(1)}"></span>' if match else ""
