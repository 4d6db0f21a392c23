"""The plain data that crosses the process boundary: requests in, PDFs out.

Cheap to import (no WeasyPrint), so the main process can describe work,
read results and use the cache without ever loading the renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class RenderFailed(Exception):
    """WeasyPrint could not render the document at all."""


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF and what happened while rendering it."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    """WeasyPrint's messages: refused URLs, unreadable images or fonts, bad CSS."""
    seconds: float
    fetched: tuple[str, ...] = ()
    """Files WeasyPrint read (stylesheets, fonts, images): part of the cache key."""
    worker: int = 0
    """Process id of the worker that rendered it; 0 when it came from the cache."""
    cached: bool = False
    blocks: tuple[tuple[int, ...], ...] = ()
    """For a request with ``marks``: the marked blocks (``data-sb``) each page shows."""
    pending: bool = False
    """A stand-in (the last PDF of that name) while ``serve`` renders the new one."""
    joined: bool = False
    """True when the PDF was joined from a shared layout and the person's own pages."""
    lines: tuple[int, ...] = ()
    """Lines of text on each page (the running heads and feet aside)."""


@dataclass(frozen=True)
class JoinSpec:
    """How a worker joins a person's pages with their role's shared layout.

    See :mod:`schemebook.printing.blocks`: the worker checks that every page of
    the person's layout shows the blocks ``expected``, then takes ``pages`` from
    it and every other page from the shared PDF. When the check fails it renders
    ``fallback`` (the whole pack, as one document) instead.
    """

    shared: str
    """Path of the shared layout's PDF."""
    shared_digest: str
    """sha256 of that PDF: part of the cache key."""
    pages: tuple[int, ...]
    expected: tuple[tuple[int, ...], ...]
    fallback: str


@dataclass(frozen=True)
class Tails:
    """Regions whose last page must hold some lines (:mod:`schemebook.pdf.balance`)."""

    region: str
    """The class of the regions' elements, e.g. 'section'."""
    lines: float
    """The fewest lines the last page of a region may hold."""
    line_pt: float
    """The height of one line, in points."""


@dataclass(frozen=True)
class RenderRequest:
    """Everything :func:`schemebook.pdf.weasyprint.render_pdf` needs, as picklable values."""

    name: str
    """What the progress display and the record of renders call it."""
    html: str
    base_dir: Path
    allowed_roots: tuple[Path, ...]
    forms: bool = False
    tagged: bool = False
    created: dt.date | None = None
    marks: bool = False
    """Report which marked blocks each page shows (:attr:`PdfResult.blocks`)."""
    join: JoinSpec | None = None
    tails: Tails | None = None
    """Balance the regions that would end on a page of a few lines; None: as laid out."""


class PdfStore(Protocol):
    """A cache of rendered PDFs (:class:`schemebook.incremental.caches.PdfCache`)."""

    def get(self, request: RenderRequest) -> PdfResult | None: ...

    def put(self, request: RenderRequest, result: PdfResult) -> None: ...
