"""A document laid out, then laid out again from the pages a few new page breaks touch.

Balancing a pack (:mod:`.balance`) needs a second layout with a page break
before a block or two, found in the first. Laying the whole document out
again, styles first, was half of the time of every balanced pack: the mentor
pack's breaks land on its 26th page of 28, yet all 28 were laid out twice.
WeasyPrint can already lay a document out page by page from where it changed
(that is how it settles ``counter(pages)``): each page starts from a state
kept in the layout context, and a page whose starting state is unchanged is
kept as it was. :func:`lay_out_again` uses that: it keeps the first layout's
styles, boxes and pages, gives each break's box ``break-before: page`` in its
computed style, marks the page it sits on as changed, and lets WeasyPrint's
own layout remake that page and the following ones until a page starts as it
did before (each pack section starts on a page of its own, so most of the
document is kept). The first layout is bare: it makes no margin boxes and no
backgrounds, since it is only read for where each region ends; the second
makes them for every page, by WeasyPrint, as in any layout (6 % less CPU over
the examples' packs). A document with nothing to balance is finished from its
first layout without laying a page out again.

This reaches into WeasyPrint's layout (its ``make_all_pages`` and page maker),
so it is used only with the versions it was checked against
(:data:`INCREMENTAL`): there it gives the very bytes of a whole second layout
(tests/pdf/test_layout.py compares them); with any other version the document
is laid out whole again, as before. Only :mod:`.weasyprint` calls this.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import weasyprint
from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint import layout as weasyprint_layout
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document, Page
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.text.fonts import FontConfiguration

from .balance import Break, short_tails
from .types import Tails

INCREMENTAL = weasyprint.__version__ in ("70.0",)
"""WeasyPrint versions whose layout internals :func:`lay_out_again` was checked against."""

_PATCHED = threading.Lock()
"""WeasyPrint's layout module is patched while one document is laid out: one at a time."""


@dataclass
class Laid:
    """A document laid out, and what laying it out again from a page needs."""

    document: Document | None
    """The finished document (None after a bare layout)."""
    source: HTML
    fonts: FontConfiguration
    options: dict[str, Any]
    context: Any = None
    root: Any = None
    pages: list[tuple[Any, Any, Any]] = field(default_factory=list)
    """Each page box as the page maker made it, before the margin boxes were added:
    (page box, its children, its root box's children)."""

    def page_boxes(self) -> list[Any]:
        """Each page's box, as :func:`.balance.short_tails` reads them."""
        if self.document is not None:
            return [page._page_box for page in self.document.pages]
        return [page for page, _, _ in self.pages]


def balanced(source: HTML, fonts: FontConfiguration, options: dict[str, Any],
             tails: Tails) -> Document:
    """``source`` laid out with no region ending on a page of a few lines (``tails``)."""
    laid = lay_out(source, fonts, options)
    breaks = short_tails(laid.page_boxes(), tails.region, tails.lines,
                         tails.line_pt * 96 / 72)
    if laid.document is not None and not breaks:
        return laid.document
    return lay_out_again(laid, breaks)


def lay_out(source: HTML, fonts: FontConfiguration, options: dict[str, Any]) -> Laid:
    """``source`` laid out as ``HTML.render`` would, keeping its layout context. With
    :data:`INCREMENTAL`, a bare layout (no margin boxes, backgrounds or document): only
    its pages' boxes are read, and :func:`lay_out_again` finishes it."""
    options = {**DEFAULT_OPTIONS, **options}
    if not INCREMENTAL:
        return Laid(source.render(font_config=fonts, **options), source, fonts, options)
    context = Document._build_layout_context(source, fonts, CounterStyle(), {}, options)
    root = build_formatting_structure(
        source.etree_element, context.style_for, context.get_image_from_uri,
        source.base_url, context.target_collector, context.counter_style, context.footnotes)
    laid = Laid(None, source, fonts, options, context, root)
    with _PATCHED, _recording(laid, again=False), _bare():
        for _ in weasyprint_layout.layout_document(laid.source, laid.root, laid.context):
            pass
    return laid


def lay_out_again(laid: Laid, breaks: list[Break]) -> Document:
    """The document of ``laid`` with a page break before each of ``breaks``' blocks."""
    if not INCREMENTAL:
        for item in breaks:
            style = item.element.get("style") or ""
            item.element.set("style", f"{style}; break-before: page" if style
                             else "break-before: page")
        return laid.source.render(font_config=laid.fonts, **laid.options)
    if not breaks:  # the pages stay as they are, and so does their number
        for state in laid.context.page_maker:
            state[-1]["pages_wanted"] = False
    for item in breaks:
        for box in _boxes_like(laid.root, item.box):
            box.style = box.style.copy()  # computed styles are shared by like elements
            box.style["break_before"] = "page"
        laid.context.page_maker[item.page][-1]["content_changed"] = True
    for page, children, root_children in laid.pages:  # as before the margin boxes
        page.children = children
        children[0].children = root_children
    laid.context.string_set = defaultdict(lambda: defaultdict(list))
    return _paginate(laid)


def _boxes_like(root: Any, laid_out: Any) -> Iterator[Any]:
    """The boxes of the formatting structure ``root`` that ``laid_out`` is a copy of."""
    for box in root.descendants():
        if (box.element is laid_out.element and type(box) is type(laid_out)
                and box.element_tag == laid_out.element_tag):
            yield box


def _paginate(laid: Laid) -> Document:
    """The document of ``laid``'s boxes, from its bare layout: the changed pages
    remade, and every page's margin boxes and backgrounds."""
    with _PATCHED, _recording(laid, again=True):
        boxes = list(weasyprint_layout.layout_document(laid.source, laid.root, laid.context))
    document = Document([Page(box) for box in boxes],
                        DocumentMetadata(**get_html_metadata(laid.source)),
                        laid.source.url_fetcher, laid.fonts, {}, laid.options["output_intent"])
    document._html = laid.source
    return document


@contextmanager
def _swapped(**replacements: Any) -> Iterator[None]:
    """WeasyPrint's layout module with these functions replaced, put back afterwards."""
    before = {name: getattr(weasyprint_layout, name) for name in replacements}
    for name, function in replacements.items():
        setattr(weasyprint_layout, name, function)
    try:
        yield
    finally:
        for name, function in before.items():
            setattr(weasyprint_layout, name, function)


def _bare() -> AbstractContextManager[None]:
    """WeasyPrint's layout without margin boxes and backgrounds: the first layout of a
    balanced document is only read for where its regions end, and then laid out again."""
    return _swapped(make_margin_boxes=lambda context, page, state: (),
                    layout_backgrounds=lambda page, get_image_from_uri: None)


def _recording(laid: Laid, again: bool) -> AbstractContextManager[None]:
    """WeasyPrint's page maker, keeping each pass's pages in ``laid.pages``; ``again``:
    starting from those pages and the page maker's states instead of from nothing."""
    make_all_pages: Callable[..., Iterator[Any]] = weasyprint_layout.make_all_pages
    kept = [page for page, _, _ in laid.pages] if again else []

    def recorded(context: Any, root: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
        made = list(make_all_pages(context, root, html, pages or kept))
        laid.pages = [(page, page.children, page.children[0].children) for page in made]
        return iter(made)

    if again:
        return _swapped(make_all_pages=recorded,
                        initialize_page_maker=lambda context, root: None)
    return _swapped(make_all_pages=recorded)
