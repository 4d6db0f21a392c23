"""``schemebook serve``: rebuild on every edit and reload the browser.

The site is built into a temporary folder. Each rebuild goes through the
cache, in this one long-lived process with its one pool of PDF workers, so
an edit re-renders only the PDFs whose HTML it changed and runs the site
engine only when a page changed. The pages come first: PDFs the edit changed
render in the background (:mod:`.background`) and the downloads page follows
when they land; the terminal says what is rebuilt and how long each part took.
When an edit is invalid the last good pages stay up and every page shows the
error at the top until it is fixed, so a coordinator sees the message where they are looking.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from ..core.errors import SchemebookError
from ..core.options import Options
from ..pdf.workers import Pool
from ..site import mkdocs
from .background import BackgroundPdfs, say
from .build import build


class _State:
    """The last error, shown in the browser; empty when the last build worked."""

    def __init__(self) -> None:
        self.error = ""
        self.rendered: list[str] = []


def serve(scheme_path: Path, host: str = "127.0.0.1", port: int = 8000,
          options: Options | None = None) -> None:
    """Build once (errors abort), then serve with live reload until interrupted."""
    project = scheme_path.resolve().parent
    state = _State()
    options = options or Options()
    with Pool(options.worker_count()) as pool, \
            tempfile.TemporaryDirectory(prefix="schemebook-serve-") as tmp:
        out = Path(tmp) / "site"
        background = BackgroundPdfs(pool, project)
        options = dataclasses.replace(options, on_rendered=state.rendered.append,
                                      defer_pdfs=background.defer)
        build(scheme_path, out, options, pool=pool)
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
            state.error = ""
            for warning in result.warnings:
                print(warning, file=sys.stderr, flush=True)
            # Only what the edit touched is redone: PDFs and the site come from the cache.
            redone = state.rendered
            say(f"rebuilt {len(result.pages)} pages in {time.perf_counter() - started:.2f} s"
                + (f"; re-rendered {', '.join(redone)}" if redone else ""))
            later = background.after_build()
            if later:
                say(f"rendering {len(later)} PDFs in the background: {', '.join(later)}")

        watch = [scheme_path.resolve(), project / "content", project / "templates",
                 project / "assets", project / "mkdocs.yml"]
        print(f"serving on http://{host}:{port}/", file=sys.stderr, flush=True)
        mkdocs.serve(out, watch, rebuild, lambda: state.error, host=host, port=port,
                     on_ready=lambda ask: setattr(background, "ask_rebuild", ask))


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
