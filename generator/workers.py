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
import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from .cache import PdfCache

T = TypeVar("T")

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
_SERVED: dict[int, int] = {}
"""Documents each pool has rendered since its workers started."""

TASKS_PER_WORKER = 40
"""Documents a worker renders before fresh workers (forked warm from the
forkserver in a moment) take over. WeasyPrint's native memory (Pango and
fontconfig) grows by about a third of a megabyte per document and is never
given back, so this keeps every worker near 200 MB however long the roster.
(ProcessPoolExecutor's own max_tasks_per_child hangs on Python 3.11.)"""


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
            _SERVED[count] = 0
        return _POOLS[count]


def _submit(count: int, request: RenderRequest) -> Future[PdfResult]:
    """Send one document to the pool; start fresh workers when these have done their share.

    Callers drain their in-flight work before a pool is replaced, so only an
    idle pool is ever shut down.
    """
    executor = pool(count)  # first: starting a pool resets its count
    _SERVED[count] = _SERVED.get(count, 0) + 1
    return executor.submit(_render_in_worker, request)


def _worn(count: int) -> bool:
    return _SERVED.get(count, 0) >= TASKS_PER_WORKER * count


def _renew(count: int) -> None:
    """Replace an idle pool whose workers have rendered their share."""
    with _LOCK:
        executor = _POOLS.pop(count, None)
        _SERVED[count] = 0
    if executor is not None:
        executor.shutdown(wait=True)


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
    # A rendered document is a web of reference cycles: free it now, or a worker
    # that renders hundreds of packs grows until the collector gets round to it.
    gc.collect()
    return replace(result, worker=os.getpid())


def worker_pid(_: int = 0) -> int:
    """The id of the worker that ran this; tests use it to see workers reused."""
    return os.getpid()


def render_all(requests: Iterable[RenderRequest], workers: int = 0,
               cache: PdfCache | None = None, progress: Progress | None = None,
               total: int | None = None,
               on_result: Callable[[int, PdfResult], PdfResult] | None = None,
               ) -> list[PdfResult | RenderFailed]:
    """Render every request; results in the same order, a failure as its exception.

    Cached PDFs are taken first. A list goes to the pool largest first, so the
    longest render does not start last and leave a worker idle; an iterator
    (hundreds of personalised packs) is sent as it yields, a few requests
    ahead of the workers, so rendering starts at once and the HTML waiting
    in memory stays small. ``total`` is the count to show for an iterator.
    ``on_result(index, result)`` sees each PDF as it arrives and returns what
    to keep: a caller with hundreds of PDFs writes them out and keeps no bytes.
    """
    show = progress or SETTINGS.progress
    streamed = not isinstance(requests, Sequence)
    items: list[RenderRequest] = []
    results: dict[int, PdfResult | RenderFailed] = {}
    futures: dict[Future[PdfResult], int] = {}
    use_cache = cache is not None and SETTINGS.use_cache
    count = worker_count(workers)
    show.start(total if streamed and total is not None else
               len(requests) if isinstance(requests, Sequence) else 0)

    retried: list[int] = []

    def collect(block: bool) -> None:
        if not futures:
            return
        done, _ = wait(futures, timeout=600 if block else 0, return_when=FIRST_COMPLETED)
        if block and not done:
            raise RenderFailed("a PDF took more than 10 minutes to render")
        for future in done:
            i = futures.pop(future)
            try:
                result = future.result()
            except RenderFailed as exc:
                results[i] = exc
                continue
            except BrokenProcessPool:
                # A worker died (WeasyPrint has been seen to crash, rarely; or out of
                # memory). Every unfinished document goes once more to fresh workers.
                if retried:
                    raise
                retried.append(i)
                _forget(pool(count))
                _SERVED[count] = 0
                again = {i, *futures.values()}
                futures.clear()
                for j in sorted(again):
                    futures[_submit(count, items[j])] = j
                return
            RENDERED.append(items[i].name)
            if use_cache and cache is not None:
                cache.put(items[i], result)
            show.advance(items[i].name, result)
            results[i] = on_result(i, result) if on_result else result
            if streamed:  # hundreds of HTML documents need not stay in memory
                items[i] = replace(items[i], html="")

    try:
        todo = []
        for i, request in enumerate(requests):
            items.append(request)
            hit = cache.get(request) if use_cache and cache is not None else None
            if hit is not None:
                show.advance(request.name, hit)
                results[i] = on_result(i, hit) if on_result else hit
                if streamed:
                    items[i] = replace(request, html="")
            elif streamed:
                while len(futures) >= 3 * count or (futures and _worn(count)):
                    collect(block=True)
                if _worn(count):
                    _renew(count)
                futures[_submit(count, request)] = i
                collect(block=False)
            else:
                todo.append(i)
        if todo and _worn(count):
            _renew(count)
        for i in sorted(todo, key=lambda i: -len(items[i].html)):
            futures[_submit(count, items[i])] = i
        while futures:
            collect(block=True)
    finally:
        for future in futures:
            future.cancel()  # after an error: drop what has not started
        show.finish()
    if REQUESTS is not None:
        REQUESTS.extend(items)
    return [results[i] for i in range(len(items))]


def call_all(calls: Sequence[tuple[Callable[..., T], tuple[Any, ...]]],
             workers: int = 0) -> list[T]:
    """Run plain functions in the pool, in parallel, and return their results in order.

    For work after rendering that is heavy but independent, such as joining
    the print file of each role.
    """
    if not calls:
        return []
    executor = pool(workers)
    futures = [executor.submit(function, *args) for function, args in calls]
    return [future.result(timeout=1800) for future in futures]


def on_each(callback: Callable[[str, PdfResult], None]) -> Progress:
    """A progress display that calls ``callback`` for each finished PDF."""

    class _Each(Silent):
        def advance(self, name: str, result: PdfResult) -> None:
            callback(name, result)

    return _Each()
