"""PDF rendering in reusable worker processes, with the cache in front.

WeasyPrint costs about a second to import and is single-threaded, so PDFs
go to a small :class:`Pool` of worker processes that fork, already warm,
from a forkserver that imported WeasyPrint once per process. A command
opens one pool and keeps it for all its PDFs (``schemebook serve`` for the
whole session, ``personalise`` for hundreds of packs). The main process
never imports WeasyPrint, so a build whose PDFs all come from the cache
starts no worker at all.
"""

from __future__ import annotations

import atexit
import importlib
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    CancelledError,
    Future,
    ProcessPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from ..core.options import Options
from .types import PdfResult, PdfStore, RenderFailed, RenderRequest

T = TypeVar("T")

TASKS_PER_WORKER = 40
"""Documents a worker renders before fresh workers (forked warm from the
forkserver in a moment) take over. WeasyPrint's native memory (Pango and
fontconfig) grows by about a third of a megabyte per document and is never
given back, so this keeps every worker near 200 MB however long the roster.
(ProcessPoolExecutor's own max_tasks_per_child hangs on Python 3.11.)"""

RENDERER = "schemebook.pdf.weasyprint"
"""The module workers render with; named, not imported, so this process never loads it."""


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: the server imports WeasyPrint once, workers fork
    from it already warm, and no thread of ours is ever forked. Else spawn."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["schemebook.pdf.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _warm() -> None:
    """Worker initializer: the renderer imported (a no-op after preload), and a watchdog.

    A worker blocks on its queue, whose write end it holds itself, so it would
    outlive a main process that is killed or ends on SIGTERM without cleaning
    up. The watchdog ends the worker as soon as the main process is gone.
    """
    importlib.import_module(RENDERER)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        sentinel = parent.sentinel

        def watch() -> None:
            multiprocessing.connection.wait([sentinel])
            os._exit(1)

        threading.Thread(target=watch, name="schemebook-watchdog", daemon=True).start()


def _render(request: RenderRequest) -> PdfResult:
    """Runs in a worker: the renderer module was imported there by :func:`_warm`."""
    result: PdfResult = importlib.import_module(RENDERER).render_request(request)
    return result


def worker_pid(_: int = 0) -> int:
    """The id of the worker that ran this; tests use it to see workers reused."""
    return os.getpid()


_OPEN: weakref.WeakSet[Pool] = weakref.WeakSet()


class Pool:
    """``workers`` processes, started on first use and renewed after their share."""

    def __init__(self, workers: int, tasks_per_worker: int = TASKS_PER_WORKER) -> None:
        self.workers = max(1, min(workers, 32))
        self.tasks_per_worker = tasks_per_worker
        self._executor: ProcessPoolExecutor | None = None
        self._retiring: list[ProcessPoolExecutor] = []
        """Worn executors finishing the documents they were given."""
        self._served = 0
        self._lock = threading.Lock()
        _OPEN.add(self)

    def executor(self) -> ProcessPoolExecutor:
        """The running executor, started if need be."""
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(self.workers, mp_context=_context(),
                                                     initializer=_warm)
                self._served = 0
            return self._executor

    def start_early(self) -> None:
        """Start the workers in the background, so their start overlaps other work."""
        def spin_up() -> None:
            try:
                executor = self.executor()
                for future in [executor.submit(worker_pid) for _ in range(self.workers)]:
                    future.result()
            except (RuntimeError, BrokenExecutor, CancelledError):
                # The command closed the pool first (a bad scheme.yml stops a build
                # at once) or its workers broke: there is nothing left to warm.
                return

        threading.Thread(target=spin_up, name="schemebook-workers", daemon=True).start()

    def submit(self, request: RenderRequest) -> Future[PdfResult]:
        """Send one document to a worker."""
        executor = self.executor()  # first: starting a pool resets its count
        self._served += 1
        return executor.submit(_render, request)

    def call(self, function: Callable[..., T], *args: Any) -> Future[T]:
        """Run a plain function in a worker (heavy work after rendering)."""
        return self.executor().submit(function, *args)

    def worn(self) -> bool:
        """True once these workers have rendered their share of documents."""
        return self._served >= self.tasks_per_worker * self.workers

    def renew(self) -> None:
        """Fresh workers for the next documents; the worn ones finish what they were
        given, then stop. Waiting for them first left a worker idle while the other
        finished its last document, at every renewal."""
        with self._lock:
            executor, self._executor, self._served = self._executor, None, 0
            self._retiring = [e for e in self._retiring if _running(e)]
            if executor is not None:
                self._retiring.append(executor)
        if executor is not None:
            executor.shutdown(wait=False)

    def forget(self) -> None:
        """Drop broken workers without waiting for them; the next use starts fresh ones."""
        with self._lock:
            executor, self._executor, self._served = self._executor, None, 0
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers."""
        with self._lock:
            executors = [e for e in (self._executor, *self._retiring) if e is not None]
            self._executor, self._retiring = None, []
        for executor in executors:
            executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _running(executor: ProcessPoolExecutor) -> bool:
    """Whether a retiring executor still has worker processes."""
    return any(p.is_alive() for p in (getattr(executor, "_processes", None) or {}).values())


@atexit.register
def _close_all() -> None:
    for pool in list(_OPEN):
        pool.close()


@dataclass
class Renderer:
    """PDF rendering for one command: its pool, its cache and its options."""

    pool: Pool
    cache: PdfStore | None
    options: Options

    def render_all(self, requests: Iterable[RenderRequest], total: int | None = None,
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
        batch = _Batch(self, on_result, streamed=not isinstance(requests, Sequence))
        shown = total if batch.streamed and total is not None else (
            len(requests) if isinstance(requests, Sequence) else 0)
        self.options.progress.start(shown)
        try:
            batch.run(requests)
        finally:
            batch.cancel()
            self.options.progress.finish()
        return batch.ordered()

    def call_all(self, calls: Sequence[tuple[Callable[..., T], tuple[Any, ...]]]) -> list[T]:
        """Run plain functions in the workers, in parallel; their results in order."""
        futures = [self.pool.call(function, *args) for function, args in calls]
        return [future.result(timeout=1800) for future in futures]


class _Batch:
    """One call of :meth:`Renderer.render_all`: what is in flight and what came back."""

    def __init__(self, renderer: Renderer, on_result: Callable[[int, PdfResult], PdfResult]
                 | None, streamed: bool) -> None:
        self.renderer, self.pool, self.on_result = renderer, renderer.pool, on_result
        self.streamed = streamed
        options = renderer.options
        self.cache = renderer.cache if options.use_cache else None
        self.items: list[RenderRequest] = []
        self.results: dict[int, PdfResult | RenderFailed] = {}
        self.futures: dict[Future[PdfResult], int] = {}
        self.retried = False

    def run(self, requests: Iterable[RenderRequest]) -> None:
        todo = []
        for i, request in enumerate(requests):
            self.items.append(request)
            if self.renderer.options.on_request is not None:
                self.renderer.options.on_request(request)
            hit = self.cache.get(request) if self.cache is not None else None
            if self.renderer.options.defer_pdfs is not None:
                hit = self.renderer.options.defer_pdfs(request, hit)
            if hit is not None:
                self.renderer.options.progress.advance(request.name, hit)
                self._keep(i, hit)
            elif self.streamed:
                while len(self.futures) >= 3 * self.pool.workers:
                    self.collect(block=True)
                if self.pool.worn():
                    self.pool.renew()
                self.futures[self.pool.submit(request)] = i
                self.collect(block=False)
            else:
                todo.append(i)
        if todo and self.pool.worn():
            self.pool.renew()
        for i in sorted(todo, key=lambda i: -len(self.items[i].html)):
            self.futures[self.pool.submit(self.items[i])] = i
        while self.futures:
            self.collect(block=True)

    def _keep(self, i: int, result: PdfResult) -> None:
        self.results[i] = self.on_result(i, result) if self.on_result else result
        if self.streamed:  # hundreds of HTML documents need not stay in memory
            self.items[i] = replace(self.items[i], html="")

    def collect(self, block: bool) -> None:
        if not self.futures:
            return
        done, _ = wait(self.futures, timeout=600 if block else 0, return_when=FIRST_COMPLETED)
        if block and not done:
            raise RenderFailed("a PDF took more than 10 minutes to render")
        for future in done:
            i = self.futures.pop(future)
            try:
                result = future.result()
            except RenderFailed as exc:
                self.results[i] = exc
                continue
            except BrokenProcessPool:
                self._retry(i)
                return
            self._arrived(i, result)

    def _arrived(self, i: int, result: PdfResult) -> None:
        options = self.renderer.options
        if options.on_rendered is not None:
            options.on_rendered(self.items[i].name)
        if self.cache is not None:
            self.cache.put(self.items[i], result)
        options.progress.advance(self.items[i].name, result)
        self._keep(i, result)

    def _retry(self, i: int) -> None:
        """A worker died (WeasyPrint has been seen to crash, rarely; or out of memory):
        every unfinished document goes once more to fresh workers."""
        again = {i, *self.futures.values()}
        self.futures.clear()
        self.pool.forget()
        if self.retried:
            for j in again:
                self.results[j] = RenderFailed("the PDF worker stopped twice while rendering "
                                               "this (out of memory?)")
            return
        self.retried = True
        for j in sorted(again):
            self.futures[self.pool.submit(self.items[j])] = j

    def cancel(self) -> None:
        for future in self.futures:
            future.cancel()  # after an error: drop what has not started

    def ordered(self) -> list[PdfResult | RenderFailed]:
        return [self.results[i] for i in range(len(self.items))]
