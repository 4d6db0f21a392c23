"""``schemebook serve``: rebuild on every edit and reload the browser.

The site is built into a temporary folder. Each rebuild goes through the
cache, in this one long-lived process with its one pool of PDF workers, so
an edit re-renders only the PDFs whose HTML it changed and runs the site
engine only when a page changed. When an edit is invalid the last good
pages stay up and every page shows the error at the top until it is fixed,
so a coordinator sees the message where they are looking.
"""

from __future__ import annotations

import dataclasses
import socket
import sys
import tempfile
import traceback
from pathlib import Path

from ..core.disk import os_problem
from ..core.errors import Location, OutputError, Problem, SchemebookError
from ..core.options import Options
from ..pdf.workers import Pool
from ..site import mkdocs
from .build import build


def failure_banner(exc: Exception) -> str:
    """What the banner says when a rebuild failed for a reason that is not a mistake in
    the project: the last good site stays up."""
    if isinstance(exc, OSError):
        return str(os_problem(exc, exc.filename or "schemebook", "the rebuild failed"))
    return (f"the rebuild failed: {type(exc).__name__}: {exc} (the last good site is shown; "
            "this is a bug in schemebook, the details are in the terminal)")


class _State:
    """The last error, shown in the browser; empty when the last build worked."""

    def __init__(self) -> None:
        self.error = ""
        self.rendered: list[str] = []


DEFAULT_PORT = 8000
TRIES = 20
"""How many ports after the default ``serve`` tries when it is taken."""


def _free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(host: str, port: int | None) -> int:
    """``port`` if it is free; with none asked for, the first free one from 8000 on.

    A port asked for and taken is an error naming a free one, so two projects
    served at once never end in a traceback.
    """
    wanted = DEFAULT_PORT if port is None else port
    for candidate in range(wanted, wanted + (TRIES if port is None else 1)):
        if _free(host, candidate):
            return candidate
    free = next((p for p in range(wanted + 1, wanted + 1 + TRIES) if _free(host, p)), None)
    raise OutputError([Problem(Location(f"{host}:{wanted}"),
                               f"port {wanted} is in use (is schemebook serve running already?)",
                               f"try --port {free}" if free else "choose another --port")])


def serve(scheme_path: Path, host: str = "127.0.0.1", port: int | None = None,
          options: Options | None = None, open_browser: bool = False) -> None:
    """Build once (errors abort), then serve with live reload until interrupted;
    ``open_browser`` opens the home page once the server is up."""
    chosen = choose_port(host, port)
    if port is None and chosen != DEFAULT_PORT:
        print(f"port {DEFAULT_PORT} is in use; using {chosen}", file=sys.stderr, flush=True)
    port = chosen
    project = scheme_path.resolve().parent
    state = _State()
    options = dataclasses.replace(options or Options(), on_rendered=state.rendered.append)
    with Pool(options.worker_count()) as pool, \
            tempfile.TemporaryDirectory(prefix="schemebook-serve-") as tmp:
        out = Path(tmp) / "site"
        build(scheme_path, out, options, pool=pool)

        def rebuild() -> None:
            state.rendered.clear()
            try:
                result = build(scheme_path, out, options, pool=pool)
            except SchemebookError as exc:
                state.error = "\n".join(str(p) for p in exc.problems)
                print(state.error, file=sys.stderr, flush=True)
                return
            except Exception as exc:  # a bug or the machine: keep serving, and say so
                state.error = failure_banner(exc)
                traceback.print_exc()
                return
            state.error = ""
            for warning in result.warnings:
                print(warning, file=sys.stderr, flush=True)
            # Only what the edit touched is redone: PDFs and the site come from the cache.
            redone = state.rendered
            print(f"rebuilt {len(result.pages)} pages"
                  + (f"; re-rendered {', '.join(redone)}" if redone else ""),
                  file=sys.stderr, flush=True)

        watch = [scheme_path.resolve(), project / "content", project / "templates",
                 project / "assets", project / "mkdocs.yml"]
        print(f"serving on http://{host}:{port}/", file=sys.stderr, flush=True)
        mkdocs.serve(out, watch, rebuild, lambda: state.error, host=host, port=port,
                     open_browser=open_browser)
