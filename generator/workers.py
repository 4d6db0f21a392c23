"""PDF rendering in reusable worker processes, with the cache in front.

WeasyPrint costs about a second to import and is single-threaded, so the
build hands every PDF to a small pool of worker processes that import it
once (in the forkserver, before the workers fork) and stay alive for the
life of the calling process: ``schemebook serve`` and a personalise run of
hundreds of packs pay the import once, not per PDF. The main process never
imports WeasyPrint, so a build whose PDFs all come from the cache starts no
worker at all.

This module also holds the plain data that crosses the process boundary
(:class:`RenderRequest` in, :class:`PdfResult` out), so importing it is cheap.
"""

from __future__ import annotations

import atexit
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .cache import PdfCache

DEFAULT_WORKERS = 2
"""Worker processes when neither ``--workers`` nor SCHEMEBOOK_WORKERS says otherwise."""

ENV_WORKERS = "SCHEMEBOOK_WORKERS"


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


@dataclass(frozen=True)
class RenderRequest:
    """Everything :func:`generator.pdf.render_pdf` needs, as picklable values."""

    name: str
    """What the progress display and the record of renders call it."""
    html: str
    base_dir: Path
    allowed_roots: tuple[Path, ...]
    forms: bool = False
    tagged: bool = False
    created: dt.date | None = None


class Progress(Protocol):
    """Told about PDF work as it happens (a progress bar, plain lines, or nothing)."""

    def start(self, total: int) -> None: ...

    def advance(self, name: str, result: PdfResult) -> None: ...

    def finish(self) -> None: ...


class Silent:
    """The progress display for --quiet and for library callers."""

    def start(self, total: int) -> None:
        pass

    def advance(self, name: str, result: PdfResult) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class Settings:
    """How PDFs are rendered in this process: set by the CLI, read by the build."""

    workers: int = 0
    """0 means: SCHEMEBOOK_WORKERS, else DEFAULT_WORKERS."""
    progress: Progress = field(default_factory=Silent)
    use_cache: bool = True


SETTINGS = Settings()

RENDERED: list[str] = []
"""Names of the PDFs actually rendered (not taken from the cache), in order of
completion; tests and the benchmark read it to see what an edit re-rendered."""

REQUESTS: list[RenderRequest] | None = None
"""Set to a list to collect every request made (cached or not): the benchmark
hands the same HTML to plain WeasyPrint processes to measure the floor."""


@contextmanager
def configured(workers: int = 0, progress: Progress | None = None,
               use_cache: bool | None = None) -> Iterator[Settings]:
    """Use these settings for the builds inside the ``with`` block."""
    global SETTINGS
    before = SETTINGS
    SETTINGS = Settings(workers or before.workers, progress or before.progress,
                        before.use_cache if use_cache is None else use_cache)
    try:
        yield SETTINGS
    finally:
        SETTINGS = before


def worker_count(requested: int = 0) -> int:
    """``requested``, else the configured count, else SCHEMEBOOK_WORKERS, else 2."""
    count = requested or SETTINGS.workers
    if not count:
        env = os.environ.get(ENV_WORKERS, "").strip()
        count = int(env) if env.isdigit() else DEFAULT_WORKERS
    return max(1, min(count, 32))


_POOLS: dict[int, ProcessPoolExecutor] = {}


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: the server imports WeasyPrint once, workers fork
    from it already warm, and no thread of ours is ever forked. Else spawn."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["generator._preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _warm() -> None:
    """Worker initializer: WeasyPrint imported (a no-op after preload), and a watchdog.

    A worker blocks on its queue, whose write end it holds itself, so it would
    outlive a main process that is killed or ends on SIGTERM without cleaning
    up. The watchdog ends the worker as soon as the main process is gone.
    """
    import generator.pdf  # noqa: F401

    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        sentinel = parent.sentinel

        def watch() -> None:
            multiprocessing.connection.wait([sentinel])
            os._exit(1)

        threading.Thread(target=watch, name="schemebook-watchdog", daemon=True).start()


_LOCK = threading.Lock()


def pool(workers: int = 0) -> ProcessPoolExecutor:
    """The pool with ``workers`` processes, started once and reused."""
    count = worker_count(workers)
    with _LOCK:
        if count not in _POOLS:
            _POOLS[count] = ProcessPoolExecutor(count, mp_context=_context(), initializer=_warm)
        return _POOLS[count]


def start_early(cache: Path, workers: int = 0) -> None:
    """Start the workers in the background when this build will surely render PDFs.

    With an empty PDF cache every PDF renders, so the workers' start (about a
    second to import WeasyPrint) can overlap with reading the scheme and
    rendering the HTML. With a warm cache an edit may render nothing, and
    starting workers would only cost time.
    """
    count = worker_count(workers)
    if count in _POOLS or (SETTINGS.use_cache and cache.is_dir() and any(cache.iterdir())):
        return

    def spin_up() -> None:
        executor = pool(count)
        for future in [executor.submit(worker_pid) for _ in range(count)]:
            future.result()

    threading.Thread(target=spin_up, name="schemebook-workers", daemon=True).start()


def shutdown() -> None:
    """Stop every worker this process started."""
    while _POOLS:
        _, executor = _POOLS.popitem()
        executor.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


def _forget(executor: ProcessPoolExecutor) -> None:
    for count, known in list(_POOLS.items()):
        if known is executor:
            del _POOLS[count]
    executor.shutdown(wait=False, cancel_futures=True)


def _render_in_worker(request: RenderRequest) -> PdfResult:
    from .pdf import render_pdf

    result = render_pdf(request.html, request.base_dir, request.allowed_roots,
                        forms=request.forms, tagged=request.tagged, created=request.created)
    return replace(result, worker=os.getpid())


def worker_pid(_: int = 0) -> int:
    """The id of the worker that ran this; tests use it to see workers reused."""
    return os.getpid()


def render_all(requests: Sequence[RenderRequest], workers: int = 0,
               cache: PdfCache | None = None,
               progress: Progress | None = None) -> list[PdfResult | RenderFailed]:
    """Render every request; results in the same order, a failure as its exception.

    Cached PDFs are taken first; the rest go to the pool largest first, so
    the longest render does not start last and leave a worker idle.
    """
    show = progress or SETTINGS.progress
    if REQUESTS is not None:
        REQUESTS.extend(requests)
    results: list[PdfResult | RenderFailed | None] = [None] * len(requests)
    use_cache = cache is not None and SETTINGS.use_cache
    show.start(len(requests))
    try:
        todo = []
        for i, request in enumerate(requests):
            hit = cache.get(request) if use_cache and cache is not None else None
            if hit is not None:
                results[i] = hit
                show.advance(request.name, hit)
            else:
                todo.append(i)
        if todo:
            executor = pool(workers)
            futures: dict[Future[PdfResult], int] = {
                executor.submit(_render_in_worker, requests[i]): i
                for i in sorted(todo, key=lambda i: -len(requests[i].html))
            }
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=600, return_when=FIRST_COMPLETED)
                if not done:
                    raise RenderFailed("a PDF took more than 10 minutes to render")
                for future in done:
                    i = futures[future]
                    try:
                        result = future.result()
                    except RenderFailed as exc:
                        results[i] = exc
                        continue
                    except BrokenProcessPool:
                        _forget(executor)  # a worker died (out of memory?): start afresh next time
                        raise
                    RENDERED.append(requests[i].name)
                    if use_cache and cache is not None:
                        cache.put(requests[i], result)
                    results[i] = result
                    show.advance(requests[i].name, result)
    finally:
        show.finish()
    return [r for r in results if r is not None]


def on_each(callback: Callable[[str, PdfResult], None]) -> Progress:
    """A progress display that calls ``callback`` for each finished PDF."""

    class _Each(Silent):
        def advance(self, name: str, result: PdfResult) -> None:
            callback(name, result)

    return _Each()
