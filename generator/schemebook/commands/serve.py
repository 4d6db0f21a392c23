"""``schemebook serve``: rebuild on every edit and reload the browser.

The site is built into a temporary folder (in memory where there is room).
Each rebuild goes through the cache, in this one long-lived process with its
one pool of PDF workers, so
an edit re-renders only the PDFs whose HTML it changed and runs the site
engine only when a page changed. The pages come first: PDFs the edit changed
render in the background (:mod:`.background`) and the downloads page follows
when they land; the terminal says what is rebuilt and how long each part took.
When an edit is invalid the last good pages stay up and every page shows the
error at the top until it is fixed, so a coordinator sees the message where they are looking.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import shutil
import socket
import sys
import tempfile
import time
import traceback
from pathlib import Path

from ..core.disk import memory_temp, os_problem
from ..core.errors import Location, OutputError, Problem, SchemebookError
from ..core.options import Options
from ..pdf.workers import Pool
from ..site import mkdocs
from .background import BackgroundPdfs, say
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


REPORT = Path("private") / "report"
"""Where ``schemebook report`` writes the evaluation report by default."""
SERVED_REPORT = "_report"
"""Where ``serve`` shows that report, inside its own temporary folder."""


def local_only(host: str) -> bool:
    """Whether ``host`` serves this machine alone (a loopback address)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def show_report(project: Path, out: Path, host: str) -> Path | None:
    """Copy the private evaluation report into the folder ``serve`` serves, so the
    coordinator reads it beside the handbook; the folder where it is found or None.

    Only when serving this machine alone: the report is private, so it is never
    offered on the network (``--host 0.0.0.0``), and never written into a built site.
    """
    source = project / REPORT
    if not (source / "report.html").is_file() or not local_only(host):
        return None
    target = out / SERVED_REPORT
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=_not_shown)
    return target


def _not_shown(folder: str, names: list[str]) -> set[str]:
    """Markers, and links (which could lead out of the project), are not copied."""
    return {n for n in names if n.startswith(".schemebook-") or Path(folder, n).is_symlink()}


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
    options = options or Options()
    with Pool(options.worker_count()) as pool, \
            tempfile.TemporaryDirectory(prefix="schemebook-serve-", dir=memory_temp()) as tmp:
        out = Path(tmp) / "site"
        background = BackgroundPdfs(pool, project, options)
        options = dataclasses.replace(options, on_rendered=state.rendered.append,
                                      defer_pdfs=background.defer)
        build(scheme_path, out, options, pool=pool)
        options = dataclasses.replace(options, keep_sites=False)
        report = show_report(project, out, host)
        background.active = True
        changes = _Changes(project, scheme_path)

        def rebuild() -> None:
            state.rendered.clear()
            started = time.perf_counter()
            landed, background.landed = background.landed, False
            say("PDFs landed: rebuilding the downloads page" if landed else
                f"{changes.since() or 'a change'}: rebuilding the pages")
            background.begin()
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
            show_report(project, out, host)
            for warning in result.warnings:
                print(warning, file=sys.stderr, flush=True)
            # Only what the edit touched is redone: PDFs and the site come from the cache.
            redone = state.rendered
            say(f"rebuilt {len(result.pages)} pages in {time.perf_counter() - started:.2f} s"
                + (f"; re-rendered {', '.join(redone)}" if redone else ""))
            later = background.after_build()
            if later:
                say(f"rendering {len(later)} PDFs in the background: {', '.join(later)}")

        print(f"serving on http://{host}:{port}/", file=sys.stderr, flush=True)
        if report is not None:
            print(f"the evaluation report (private, on this machine only): "
                  f"http://{host}:{port}/{SERVED_REPORT}/report.html", file=sys.stderr, flush=True)
        mkdocs.serve(out, _watched(scheme_path), rebuild, lambda: state.error, host=host, port=port,
                     on_ready=lambda ask: setattr(background, "ask_rebuild", ask),
                     open_browser=open_browser)


def _watched(scheme_path: Path) -> list[Path]:
    """The files and folders whose changes rebuild the site."""
    project = scheme_path.resolve().parent
    return [scheme_path.resolve(), project / "content", project / "templates",
            project / "assets", project / "mkdocs.yml", project / REPORT]


class _Changes:
    """Which input files changed since the last look, to name them on the terminal."""

    def __init__(self, project: Path, scheme_path: Path) -> None:
        self.project = project
        self.scheme = scheme_path.resolve()
        self.seen = self._look()

    def _look(self) -> dict[Path, int]:
        found = {self.scheme: self.scheme.stat().st_mtime_ns} if self.scheme.exists() else {}
        for folder in ("content", "templates", "assets"):
            for path in (self.project / folder).rglob("*"):
                if path.is_file():
                    found[path] = path.stat().st_mtime_ns
        return found

    def since(self) -> str:
        now = self._look()
        changed = sorted(p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p))
        self.seen = now
        names = [str(p.relative_to(self.project)) for p in changed]
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
