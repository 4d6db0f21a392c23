"""How PDF work is shown: a bar on a terminal, plain lines in logs, or nothing.

PDFs are the slow part of a build (seconds each), so a coordinator should
see that something is happening; CI logs and pipes get one line per PDF
instead of a bar's control characters.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

from ..core.options import Progress, Rendered, Silent


class Lines:
    """One line per finished PDF: for logs, pipes and CI."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = self.done = 0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def advance(self, name: str, result: Rendered) -> None:
        self.done += 1
        how = "from cache" if result.cached else f"{result.seconds:.1f} s"
        pages = "page" if result.pages == 1 else "pages"
        print(f"PDF {self.done}/{self.total} {name}: {result.pages} {pages}, {how}",
              file=self.stream, flush=True)

    def finish(self) -> None:
        pass


class Bar:
    """click's progress bar, on standard error."""

    def __init__(self, label: str = "Rendering PDFs") -> None:
        self.label = label
        self.bar: Any = None

    def start(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                     show_pos=True, item_show_func=lambda n: n)
        self.bar.__enter__()

    def advance(self, name: str, result: Rendered) -> None:
        if self.bar is not None:
            self.bar.update(1, current_item=name)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def for_terminal(verbosity: int, stream: TextIO | None = None) -> Progress:
    """Nothing with --quiet (verbosity < 0), a bar on a terminal, plain lines in a log
    or with --verbose (verbosity > 0)."""
    if verbosity < 0:
        return Silent()
    if verbosity == 0 and (stream or sys.stderr).isatty():
        return Bar()
    return Lines(stream)
