"""The settings of one run, in one object passed down (WeasyPrint's way).

The CLI turns its flags into an :class:`Options`; every command and stage
below reads what it needs from it. Nothing is kept in module globals and
nothing is read from the environment below the CLI, so two builds in one
process (``serve``, the tests) never see each other's settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, get_args

DEFAULT_WORKERS = 2
"""PDF worker processes when nobody says otherwise: this tool's machines have two cores."""

Engine = Literal["mkdocs", "zensical"]
"""A site engine's name, as ``site.engine`` in scheme.yml and ``--engine`` give it."""

ENGINES: tuple[str, ...] = get_args(Engine)
"""Site engines schemebook can build with; the first is the default."""


class Rendered(Protocol):
    """What a progress display learns about a finished PDF."""

    @property
    def pages(self) -> int: ...

    @property
    def seconds(self) -> float: ...

    @property
    def cached(self) -> bool: ...


class Progress(Protocol):
    """Told about PDF work as it happens (a progress bar, plain lines, or nothing)."""

    def start(self, total: int) -> None: ...

    def advance(self, name: str, result: Rendered) -> None: ...

    def finish(self) -> None: ...


class Silent:
    """The progress display for --quiet and for library callers."""

    def start(self, total: int) -> None:
        """Nothing to show."""

    def advance(self, name: str, result: Rendered) -> None:
        """Nothing to show."""

    def finish(self) -> None:
        """Nothing to show."""


@dataclass(frozen=True)
class Options:
    """How one command runs. Every field has the default a library caller wants."""

    workers: int = DEFAULT_WORKERS
    """Processes rendering PDFs (1 to 32)."""

    progress: Progress = field(default_factory=Silent)
    """Where PDF progress goes: a bar, plain lines, or nowhere."""

    use_cache: bool = True
    """Take unchanged PDFs from ``.schemebook-cache/``; False renders every PDF again."""

    cache_dir: Path | None = None
    """Where the caches of rendered PDFs, built sites and compiled templates live; None
    is ``.schemebook-cache/`` beside scheme.yml. No entry names its project, so several
    projects, a CI runner's cache or a test session may share one folder. The record of
    the last build stays beside scheme.yml, and personalised PDFs never go here: they
    hold names, and stay in the private output folder."""

    keep_sites: bool = True
    """Keep each built site in the site cache, for a later build of the same project;
    ``serve`` keeps only its first, as each rebuild's site is seen once (copying it to
    the cache was a twentieth of an edit's way to the browser)."""

    packs: bool = True
    """Build the printable packs; False builds the pages only (a quick preview)."""

    today: dt.date | None = None
    """The day the support review and similar checks count from; None is today."""

    engine: str | None = None
    """The site engine: 'mkdocs' (MkDocs and Material) or 'zensical'; None takes the
    scheme's ``site.engine``."""

    strict: bool = False
    """Treat every warning as an error (for CI)."""

    shared_pages: bool = True
    """``personalise``: lay out each role's shared pages once and each person's own
    pages only; False lays out every pack whole (the benchmark's baseline)."""

    defer_pdfs: Callable[[Any, Any], Any] | None = None
    """``serve``: called as ``defer_pdfs(request, cached)`` for every PDF, with the
    cache's PDF or None; returns the PDF to use now. A stand-in it returns for a PDF
    not in the cache (the last one, marked pending) is rendered later, in the
    background, so the pages reload first."""

    on_rendered: Callable[[str], None] | None = None
    """Called with the name of each PDF actually rendered (not taken from the cache):
    ``serve`` logs them, the tests and the benchmark count them."""

    on_request: Callable[[Any], None] | None = None
    """Called with every PDF render request, cached or not: the benchmark hands the
    same HTML to plain WeasyPrint processes to measure the floor."""

    def worker_count(self) -> int:
        """``workers`` kept within 1 to 32."""
        return max(1, min(self.workers, 32))
