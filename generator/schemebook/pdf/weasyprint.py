"""HTML in, PDF bytes out: with :mod:`.balance` and :mod:`.layout`, the only modules
that know WeasyPrint.

:func:`render_pdf` is a pure function of its arguments (strings, paths,
flags) and returns plain data, so it can run in a worker process that
imports WeasyPrint once and is reused. Nothing is written to disk here.

Every URL the HTML or its stylesheets name goes through
:class:`ConfinedFetcher`: files under the allowed folders and ``data:`` URLs
are served, anything else (the network, ``file://`` elsewhere) is refused.
A refused or broken resource becomes a warning and the render goes on.

Text in scripts that are shaped (Arabic, Devanagari and the other Indic
scripts, Hebrew, Thai...) is drawn as glyphs in visual order, ligatures and
reordered vowel signs, which text extraction cannot read back: 'अनन्या शर्मा'
came out of pdftotext as 'अनन्या श ार्मा'. Each such run carries its source
text as /ActualText, in its marked-content sequence (which poppler, and so
pdftotext, reads) and on its element of the tagged structure (which screen
readers read); WeasyPrint 70 writes neither, so :class:`_TextStream` adds them
as it draws.
Print HTML names files by location-independent ``schemebook://`` URLs
(:func:`schemebook.core.paths.print_url`), so the same project rendered in
another folder gives the very same PDF bytes.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import mimetypes
import os
import shutil
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, uses_netloc, uses_relative
from urllib.request import url2pathname

import pydyf  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont, woff2  # type: ignore[import-untyped]
from weasyprint import HTML, URLFetcher
from weasyprint import pdf as weasyprint_pdf
from weasyprint.formatting_structure.boxes import LineBox, MarginBox, TextBox
from weasyprint.pdf.stream import Stream
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from ..core.confine import AssetRefused, confine, read_limited
from ..core.fonts import made_file
from ..core.logs import collect_warnings
from ..core.paths import PRINT_BASE, PRINT_SCHEME, print_path
from .assemble import join_pages
from .layout import balanced
from .types import JoinSpec, PdfResult, RenderFailed, RenderRequest, Tails

mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("font/woff", ".woff")
mimetypes.add_type("image/svg+xml", ".svg")
for _registry in (uses_relative, uses_netloc):  # relative URLs in a style sheet resolve
    if PRINT_SCHEME not in _registry:
        _registry.append(PRINT_SCHEME)


class URLRefused(ValueError):
    """A URL the fetcher will not open; WeasyPrint turns it into a warning."""


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``data:`` URLs and files inside ``allowed_roots``; refuses the rest."""

    def __init__(self, allowed_roots: Sequence[Path], project: Path | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols=("file", "data", PRINT_SCHEME),
                         allow_redirects=False, fail_on_errors=False)
        self.roots = tuple(Path(root).resolve() for root in allowed_roots)
        self.project = (project or self.roots[0]).resolve()
        self.fetched: list[str] = []
        """URLs of the files served, in order: the cache hashes them with the HTML."""

    def local_path(self, url: str) -> Path:
        """The file a ``schemebook:`` or ``file:`` URL names, if it lies inside an
        allowed folder (links followed: :func:`schemebook.core.confine.confine`)."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == PRINT_SCHEME:
            named = print_path(url, self.project)
            if named is None:
                raise URLRefused(f"{url}: not a file of the project or of schemebook")
        elif scheme == "file" and parts.netloc in ("", "localhost"):
            named = Path(url2pathname(unquote(parts.path)))
        elif scheme == "file":
            raise URLRefused(f"{url}: files on other hosts are not used")
        else:
            raise URLRefused(f"{url}: only files inside the project and data: URLs are used")
        made = named.resolve()
        if made_file(made) is not None and any(made.is_relative_to(root) for root in self.roots):
            return made  # made in memory (fonts.css): there is no file to confine
        for root in self.roots:
            try:
                return confine(root, named, url)
            except AssetRefused:
                continue
        raise URLRefused(f"{url}: outside the project folder or not a file, not used")

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.local_path(url)
        if url not in self.fetched:
            self.fetched.append(url)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = made_file(path)
        if body is None:
            body = read_limited(path)
        if body[:4] in (b"wOF2", b"wOFF"):
            body = _decompressed_font(str(path), body)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})


_FONTS: dict[tuple[str, bytes], bytes] = {}


def warm_fonts(folder: Path) -> None:
    """Decompress the fonts in ``folder`` now (in the forkserver, before workers fork)."""
    for path in sorted(folder.resolve().glob("*.woff*")):
        _decompressed_font(str(path), path.read_bytes())


def _decompressed_font(path: str, data: bytes) -> bytes:
    """A WOFF/WOFF2 font as plain OpenType, decompressed once per process.

    WeasyPrint decompresses every @font-face font for every document, in pure
    Python: about half a second per document for the bundled fonts. Workers
    render many documents, so they keep the result (keyed by the font's hash;
    the cache key still uses the file's own bytes).
    """
    key = (path, hashlib.sha256(data).digest())
    if key not in _FONTS:
        out = BytesIO()
        try:
            if data[:4] == b"wOF2":
                woff2.decompress(BytesIO(data), out)
            else:
                font = TTFont(BytesIO(data))
                font.flavor = font.flavorData = None
                font.save(out)
        except Exception:  # a broken font: let WeasyPrint report it as before
            return data
        if len(_FONTS) > 64:
            _FONTS.clear()
        _FONTS[key] = out.getvalue()
    return _FONTS[key]


def _rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def poppler_order(text: str) -> str:
    """``text`` with each run of right-to-left words reversed, character by character.

    Extractors built on poppler (pdftotext, Evince, Okular) take the characters
    of a marked-content sequence's /ActualText as laid out left to right, and
    reverse right-to-left words to read them: given in this order, they give
    back ``text``. A run is right-to-left letters with the marks, spaces and
    Arabic digits between them.
    """
    out, i = [], 0
    while i < len(text):
        if not _rtl(text[i]):
            out.append(text[i])
            i += 1
            continue
        end = i
        while end < len(text) and (_rtl(text[end]) or unicodedata.bidirectional(text[end])
                                   in ("NSM", "WS", "AN")):
            end += 1
        while not (_rtl(text[end - 1]) or unicodedata.bidirectional(text[end - 1]) == "NSM"):
            end -= 1
        out.append(text[i:end][::-1])
        i = end
    return "".join(out)


def _shaped(text: str) -> bool:
    """True when extraction would not give ``text`` back from its glyphs: it holds a
    right-to-left letter or a mark of a script other than Latin (a Devanagari vowel
    sign, an Arabic vowel)."""
    for char in text:
        if unicodedata.bidirectional(char) in ("R", "AL"):
            return True
        if (unicodedata.category(char)[0] == "M"
                and not unicodedata.name(char, "").startswith("COMBINING")):
            return True
    return False


class _TextStream(Stream):  # type: ignore[misc]
    """A page's content stream whose shaped text runs carry their source text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actual_text: dict[int, str] = {}
        """Source text of the marked-content sequences given /ActualText, by MCID."""

    @contextmanager
    def marked(self, box: Any, tag: str) -> Iterator[None]:
        with super().marked(box, tag):
            if self._tags is not None and isinstance(box, TextBox) and _shaped(box.text):
                properties = self.stream[-2]  # just written: /Span <<...>> BDC
                properties["ActualText"] = pydyf.String(poppler_order(box.text))
                self.actual_text[properties["MCID"]] = box.text
            yield


weasyprint_pdf.Stream = _TextStream  # the class WeasyPrint draws each page into


def _reference(obj: Any) -> Any:
    """A pydyf object's 'N 0 R'."""
    return obj.reference


def _structure_actual_text(document: Any, pdf: Any) -> None:
    """Finisher: give each tagged element of a shaped run its /ActualText too."""
    streams = {_reference(obj): obj for obj in pdf.objects if isinstance(obj, _TextStream)}
    by_page: dict[Any, dict[int, str]] = {}
    for page in pdf.objects:
        if isinstance(page, dict) and page.get("Type") == "/Page":
            stream = streams.get(page.get("Contents"))
            if stream is not None and stream.actual_text:
                by_page[_reference(page)] = stream.actual_text
    for obj in pdf.objects:
        if not (isinstance(obj, dict) and obj.get("Type") == "/StructElem"):
            continue
        texts = by_page.get(obj.get("Pg"))
        kids = obj.get("K")
        if texts and kids and len(kids) == 1 and kids[0] in texts:
            obj["ActualText"] = pydyf.String(texts[kids[0]])


def _finish(forms: bool) -> Any:
    def finisher(document: Any, pdf: Any) -> None:
        _structure_actual_text(document, pdf)
        if forms:
            _tidy_widgets(document, pdf)

    return finisher


def _tidy_widgets(document: Any, pdf: Any) -> None:
    """Finisher: give every form widget an ordered rectangle (x1 < x2, y1 < y2).

    WeasyPrint 70 writes the top edge first; viewers cope, but strict
    validators and some form tools expect lower-left then upper-right.
    """
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/Widget" and "Rect" in obj:
            x1, y1, x2, y2 = (float(v) for v in obj["Rect"])
            obj["Rect"][:] = [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]


def _discard(fonts: Any) -> None:
    """Delete the folder of font files WeasyPrint wrote for one document.

    WeasyPrint removes it only when the font configuration is garbage
    collected, and the document's reference cycles keep it alive until a
    full collection: a worker rendering hundreds of documents piled up
    hundreds of folders (and their memory).
    """
    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        fonts._folder = None


def render_pdf(
    html: str,
    base_dir: Path,
    allowed_roots: Sequence[Path],
    *,
    forms: bool = False,
    tagged: bool = False,
    created: dt.date | None = None,
    marks: bool = False,
    tails: Tails | None = None,
) -> PdfResult:
    """Render ``html`` (relative URLs name files of the project ``base_dir``) to PDF bytes.

    ``forms`` turns ``<input>``/``<textarea>`` into fillable AcroForm fields.
    ``tagged`` asks WeasyPrint for a tagged PDF. ``created`` fixes the
    creation date and the file identifier so that rebuilding gives the same
    bytes. Title, author, subject and language come from the HTML (``<title>``,
    ``<meta name=author|description>``, ``<html lang>``). ``marks``: report the
    ``data-sb`` blocks each page shows (:mod:`schemebook.printing.blocks`).
    ``tails``: lay the document out again with the page breaks that keep each region
    from ending on a page of a few lines (:mod:`.balance`).
    """
    started = time.perf_counter()
    fetcher = ConfinedFetcher([base_dir, *allowed_roots], project=base_dir)
    options: dict[str, Any] = {"pdf_forms": forms, "pdf_tags": tagged}
    with collect_warnings("weasyprint") as collector:
        try:
            fonts = FontConfiguration()
            source = HTML(string=html, base_url=PRINT_BASE, url_fetcher=fetcher)
            document = (source.render(font_config=fonts, **options) if tails is None
                        else balanced(source, fonts, options, tails))
            if created is not None:
                stamp = created.isoformat()
                document.metadata.created = document.metadata.modified = stamp
            identifier = hashlib.md5(html.encode(), usedforsecurity=False).hexdigest().encode()
            data = document.write_pdf(finisher=_finish(forms),
                                      pdf_identifier=identifier, **options)
        except (RecursionError, MemoryError) as exc:
            raise RenderFailed(f"the document is too large or too deeply nested ({exc})") from None
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OSError,
                AssertionError, ZeroDivisionError) as exc:
            raise RenderFailed(f"WeasyPrint failed: {type(exc).__name__}: {exc}") from None
    pages = len(document.pages)
    blocks = tuple(_marked_blocks(page._page_box) for page in document.pages) if marks else ()
    lines = tuple(_lines(page._page_box) for page in document.pages)
    del document
    _discard(fonts)
    return PdfResult(
        data=bytes(data),
        pages=pages,
        warnings=tuple(dict.fromkeys(collector.messages)),  # a second layout repeats them
        seconds=time.perf_counter() - started,
        fetched=tuple(fetcher.fetched),
        blocks=blocks,
        lines=lines,
    )


def _lines(page_box: Any) -> int:
    """The lines of text one page shows (margin boxes aside)."""
    count, todo = 0, [c for c in page_box.children if not isinstance(c, MarginBox)]
    while todo:
        box = todo.pop()
        if isinstance(box, LineBox):
            count += any(isinstance(b, TextBox) and b.text.strip() for b in box.descendants())
            continue
        todo.extend(getattr(box, "children", ()))
    return count


def _marked_blocks(page_box: Any) -> tuple[int, ...]:
    """The ``data-sb`` numbers of the blocks laid out on one page (margin boxes aside)."""
    found: set[int] = set()
    todo = [child for child in page_box.children if not isinstance(child, MarginBox)]
    while todo:
        box = todo.pop()
        element = getattr(box, "element", None)
        mark = element.get("data-sb") if element is not None else None
        if mark is not None and box.element_tag != "html":
            found.add(int(mark))
            continue
        todo.extend(getattr(box, "children", ()))
    return tuple(sorted(found))


def render_request(request: RenderRequest) -> PdfResult:
    """Render one request in a worker process, and say which worker it was.

    A request with a join is a person's own pages: checked against the plan and
    joined with the shared layout here, in the worker, or else rendered whole.
    """
    result = render_pdf(request.html, request.base_dir, request.allowed_roots,
                        forms=request.forms, tagged=request.tagged, created=request.created,
                        marks=request.marks or request.join is not None, tails=request.tails)
    if request.join is not None:
        result = _joined(request, request.join, result)
    # A rendered document is a web of reference cycles: free it now, or a worker
    # that renders hundreds of packs grows until the collector gets round to it.
    gc.collect()
    return replace(result, worker=os.getpid())


def _joined(request: RenderRequest, join: JoinSpec, own: PdfResult) -> PdfResult:
    """The person's pack: their pages joined with the shared ones, when their layout
    matches the plan page by page; else the whole pack rendered as one document."""
    data = join_pages(join.shared, own.data, join.pages) if own.blocks == join.expected else None
    if data is not None:
        return replace(own, data=data, blocks=(), joined=True)
    whole = render_pdf(join.fallback, request.base_dir, request.allowed_roots,
                       forms=request.forms, tagged=request.tagged, created=request.created,
                       tails=request.tails)
    return replace(whole, seconds=whole.seconds + own.seconds)


__all__ = ["ConfinedFetcher", "URLRefused", "render_pdf", "render_request"]
