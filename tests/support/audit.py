"""axe-core in Debian's Chromium over built sites: shared by the audits of every example.

The axe script comes from the PyPI package axe-playwright-python (test extra
in pyproject.toml), which bundles axe.min.js; nothing is fetched from a CDN.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route

from .browser import chromium_page

BLOCKING = ("serious", "critical")
ORIGIN = "http://schemebook-audit.invalid"


def _axe_script() -> str:
    """axe.min.js from the axe-playwright-python package, found without importing it."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is missing: run scripts/setup")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "axe.min.js").read_text(encoding="utf-8")


AXE = _axe_script()


class Server:
    """Answers the browser's http(s) requests: a built site at ORIGIN, nothing else."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.prefix = "/"

    def serve(self, site: Path) -> str:
        """Serve ``site`` at the path its 404 page expects; return the 404 page's URL."""
        match = re.search(r'src="([^"]*)assets/javascripts/bundle',
                          (site / "404.html").read_text("utf-8"))
        assert match, "404 page has no Material bundle"
        self.root, self.prefix = site, match.group(1) or "/"
        return f"{ORIGIN}{self.prefix}no-such-page.html"

    def answer(self, route: Route) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0].split("#")[0]
        if (self.root is None or not route.request.url.startswith(ORIGIN + "/")
                or not path.startswith(self.prefix)):
            route.abort()  # the audit never reaches the internet
            return
        target = self.root / path[len(self.prefix):]
        if target.is_file() and target.resolve().is_relative_to(self.root.resolve()):
            route.fulfill(path=target)
        else:  # as a web server does: the 404 page for any missing address
            route.fulfill(status=404, path=self.root / "404.html",
                          content_type="text/html; charset=utf-8")


def run_axe(page: Page, url: str) -> list[dict[str, Any]]:
    """Open ``url`` and return axe's violations there, default rules, whole document."""
    page.goto(url)
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def audit_site(page: Page, server: Server, site: Path,
               width: int = 1280) -> dict[str, list[dict[str, Any]]]:
    """axe's violations on every HTML file of ``site``, by path, at ``width`` CSS pixels."""
    page.set_viewport_size({"width": width, "height": 900})
    found: dict[str, list[dict[str, Any]]] = {}
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel == "404.html":
            found[rel] = run_axe(page, server.serve(site))
            # Audited as served: styled, so Material's hidden toggles stay hidden.
            display = page.evaluate(
                "getComputedStyle(document.getElementById('__search')).display")
            assert display == "none", "the 404 page opened without its stylesheet"
        else:
            found[rel] = run_axe(page, file.as_uri())
    return found


def blocking(found: dict[str, list[dict[str, Any]]]) -> list[str]:
    """One line per serious or critical violation: rule, impact, page, first targets."""
    lines = []
    for page, violations in found.items():
        for v in violations:
            if v.get("impact") not in BLOCKING:
                continue
            targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
            more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
            lines.append(f"{v['id']} [{v['impact']}] on {page}: {v['help']}\n"
                         f"    at {targets}{more}")
    return lines


@contextmanager
def audit_browser() -> Iterator[tuple[Page, Server]]:
    """One Chromium page with every http(s) request answered by a :class:`Server`."""
    server = Server()
    with chromium_page(viewport={"width": 1280, "height": 900}) as page:
        page.route(re.compile(r"^https?://"), server.answer)
        yield page, server
