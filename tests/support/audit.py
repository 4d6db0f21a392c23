"""axe-core in Debian's Chromium over built sites: shared by the audits of every example.

The axe script comes from the PyPI package axe-playwright-python (test extra
in pyproject.toml), which bundles axe.min.js; nothing is fetched from a CDN.

Every rule axe has runs, for WCAG 2.0, 2.1 and 2.2 at levels A and AA, its
best practices and its experimental rules, with ``target-size`` (WCAG 2.2,
2.5.8) switched on, which axe ships switched off. Left out are only the
rules for level AAA, which a UK public body is not asked to meet, and the
rules axe itself has deprecated in favour of others.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route

from .browser import chromium_page

BLOCKING = ("serious", "critical")
ORIGIN = "http://schemebook-audit.invalid"

RULES = """() => axe.getRules()
  .filter(rule => !rule.tags.some(tag => /aaa$/.test(tag) || tag === "deprecated"))
  .map(rule => rule.ruleId)"""
"""The ids of the rules the audit runs (see the module's docstring)."""

RUN = """rules => axe.run(document, {runOnly: {type: "rule", values: rules},
                                 resultTypes: ["violations"]})"""


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

    def serve(self, site: Path, prefix: str = "/") -> str:
        """Serve ``site`` at ``ORIGIN + prefix``; return the address of a missing page,
        which the server answers with the site's 404 page."""
        self.root, self.prefix = site, prefix
        return f"{ORIGIN}{prefix}no-such-page.html"

    def url(self, rel: str) -> str:
        """The address of ``rel`` in the site being served."""
        return f"{ORIGIN}{self.prefix}{rel}"

    def answer(self, route: Route) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0].split("#")[0]
        if (self.root is None or not route.request.url.startswith(ORIGIN + "/")
                or not path.startswith(self.prefix)):
            route.abort()  # the audit never reaches the internet
            return
        target = self.root / path[len(self.prefix):]
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.resolve().is_relative_to(self.root.resolve()):
            route.fulfill(path=target)
        else:  # as a web server does: the 404 page for any missing address
            route.fulfill(status=404, path=self.root / "404.html",
                          content_type="text/html; charset=utf-8")


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now, whole document, the audit's rules."""
    page.evaluate(AXE)
    result = page.evaluate(RUN, page.evaluate(RULES))
    return list(result["violations"])


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, relative to it, the 404 page last."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p for p in pages if p != "404.html"] + (["404.html"] if "404.html" in pages
                                                     else [])


def audit_site(page: Page, server: Server, site: Path, widths: Iterable[int] = (1280,),
               reflow: int = 0) -> dict[str, list[dict[str, Any]]]:
    """axe's violations on every page of ``site`` at each width, by 'PAGE at WIDTHpx'.

    Each page is opened afresh at each width, as a reader with that screen
    opens it. Pages open from disk (file://), as a reader of a downloaded site
    opens them; the 404 page, which a web server sends for any missing
    address, is opened through ``server``. At ``reflow`` CSS pixels a page
    that scrolls sideways (WCAG 1.4.10) is reported too, as a violation.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        for rel in site_pages(site):
            if rel == "404.html":
                page.goto(server.serve(site))
                # Audited as served: styled, so Material's hidden toggles stay hidden.
                display = page.evaluate(
                    "getComputedStyle(document.getElementById('__search')).display")
                assert display == "none", "the 404 page opened without its stylesheet"
            else:
                page.goto((site / rel).as_uri())
            violations = run_axe(page)
            if width == reflow and page.evaluate(
                    "document.documentElement.scrollWidth") > width:
                violations.append({"id": "reflow", "impact": "serious", "nodes": [],
                                   "help": f"the page scrolls sideways at {width} CSS px"})
            found[f"{rel} at {width}px"] = violations
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
