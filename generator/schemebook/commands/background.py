"""``serve``'s PDFs in the background: pages reload first, PDFs follow.

During a rebuild under ``serve``, every PDF the edit changed is given a
stand-in (the last PDF of that name, marked pending) through
``Options.defer_pdfs``, so the pages build and reload at once, the downloads
page saying which PDFs are being updated. The changed PDFs then render in the
session's worker pool; when the last of them lands, the site is rebuilt once
more (every PDF now comes from the cache) with their new sizes and page
counts. A new edit supersedes the work of the last: PDFs it no longer wants
are cancelled if they have not started, and a PDF both want renders once.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ..core.options import Options
from ..incremental import fingerprint
from ..incremental.caches import pdf_cache
from ..pdf.types import PdfResult, RenderRequest
from ..pdf.workers import Pool


def say(message: str) -> None:
    """One line on the terminal, at once."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class _Round:
    """The PDFs one rebuild left to the background."""

    number: int
    wanted: dict[str, RenderRequest] = field(default_factory=dict)
    """Cache key -> request."""
    started: float = 0.0
    done: set[str] = field(default_factory=set)


class BackgroundPdfs:
    """Stand-ins during a rebuild, then the real PDFs rendered in ``pool``."""

    def __init__(self, pool: Pool, root: Path, options: Options) -> None:
        self.pool = pool
        self.root = root
        self.cache = pdf_cache(root, options)
        self.active = False
        """False for the first build, which renders everything before serving."""
        self.shown: dict[str, PdfResult] = {}
        """The PDF each name last had on the site, real or stand-in: the stand-in when
        an edit comes before the last edit's PDFs have landed."""
        self.previous: dict[str, RenderRequest] = {}
        """The last request under each name: the first build rendered it into the cache."""
        self.round = _Round(0)
        self.building = _Round(0)
        self.running: dict[str, Future[PdfResult]] = {}
        self.lock = threading.Lock()
        self.ask_rebuild: Callable[[], None] = lambda: None
        self.landed = False
        """True when the next rebuild is the one that shows PDFs that just landed."""
        self.failed: set[str] = set()
        """PDFs that failed in the background: the next build renders them itself and
        reports the error."""

    def defer(self, request: RenderRequest, cached: PdfResult | None) -> PdfResult | None:
        """``Options.defer_pdfs``: the cache's PDF, else the last one as a stand-in."""
        key = self.cache.key(request)
        before = self.previous.get(request.name)
        self.previous[request.name] = request
        last = self.shown.get(request.name) or (self.cache.get(before) if before else None)
        if cached is not None or not self.active or last is None or key in self.failed:
            if cached is not None:
                self.shown[request.name] = cached
            return cached  # None: nothing to stand in, so the build renders it now
        self.building.wanted[key] = request
        self.shown[request.name] = last
        return replace(last, pending=True)

    def begin(self) -> None:
        """A rebuild starts: what it defers is collected afresh."""
        self.building = _Round(self.round.number + 1)

    def after_build(self) -> list[str]:
        """The rebuild is done and its pages are up: render what it deferred.

        Returns the names of the PDFs now rendering. Work of earlier rounds that
        this one does not want is cancelled when it has not started yet."""
        with self.lock:
            current, self.round = self.building, self.building
            for key, future in list(self.running.items()):
                if key not in current.wanted and future.cancel():
                    del self.running[key]
            if not current.wanted:
                return []
            fingerprint.forget(self.root)  # the pages hold stand-ins: the next build is real
            current.started = time.perf_counter()
            if self.pool.worn() and not self.running:
                self.pool.renew()
            for key, request in current.wanted.items():
                if key not in self.running:
                    self.running[key] = self.pool.submit(request)
                self.running[key].add_done_callback(partial(self._landed, current, key, request))
        return sorted(r.name for r in current.wanted.values())

    def _landed(self, mine: _Round, key: str, request: RenderRequest,
                future: Future[PdfResult]) -> None:
        """A PDF came back (in the pool's thread): cache it; the last one rebuilds."""
        if future.cancelled():
            return
        try:
            result = future.result()
        except Exception as exc:
            say(f"  {request.name}: could not be rendered ({exc}); the full rebuild "
                "will report it")
            result = None
        with self.lock:
            self.running.pop(key, None)
            if result is None:
                self.failed.add(key)
            if result is not None:
                self.cache.put(request, result)
            if mine is not self.round:
                return  # superseded: a newer edit has its own round
            mine.done.add(key)
            if result is not None:
                say(f"  {request.name}: {result.pages} pages, {result.seconds:.1f} s")
            if len(mine.done) < len(mine.wanted):
                return
            say(f"PDFs re-rendered in {time.perf_counter() - mine.started:.1f} s; "
                "updating the downloads page")
            self.landed = True
        self.ask_rebuild()
