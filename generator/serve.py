"""``schemebook serve``: rebuild on every edit and reload the browser.

The site is built into a temporary folder. Each rebuild goes through the
cache, in this one long-lived process with its worker pool, so an edit
re-renders only the PDFs whose HTML it changed and runs MkDocs only when a
page changed. When an edit is invalid the last
good pages stay up and every page shows the error at the top until it is
fixed, so a coordinator sees the message where they are looking.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from . import site, workers
from .build import build
from .errors import SchemebookError


class _State:
    """The last error, shown in the browser; empty when the last build worked."""

    def __init__(self) -> None:
        self.error = ""


def serve(scheme_path: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build once (errors abort), then serve with live reload until interrupted."""
    project = scheme_path.resolve().parent
    state = _State()
    with tempfile.TemporaryDirectory(prefix="schemebook-serve-") as tmp:
        out = Path(tmp) / "site"
        build(scheme_path, out)

        def rebuild() -> None:
            before = len(workers.RENDERED)
            try:
                result = build(scheme_path, out)
            except SchemebookError as exc:
                state.error = "\n".join(str(p) for p in exc.problems)
                print(state.error, file=sys.stderr, flush=True)
                return
            state.error = ""
            for warning in result.warnings:
                print(warning, file=sys.stderr, flush=True)
            # Only what the edit touched is redone: PDFs and the site come from the cache.
            redone = workers.RENDERED[before:]
            print(f"rebuilt {len(result.pages)} pages"
                  + (f"; re-rendered {', '.join(redone)}" if redone else ""),
                  file=sys.stderr, flush=True)

        watch = [scheme_path.resolve(), project / "content", project / "templates",
                 project / "assets", project / "mkdocs.yml"]
        print(f"serving on http://{host}:{port}/", file=sys.stderr, flush=True)
        site.serve(out, watch, rebuild, lambda: state.error, host=host, port=port)
