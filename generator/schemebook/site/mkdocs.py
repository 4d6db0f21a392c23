"""The only module that knows MkDocs and Material: it builds and serves the project.

:mod:`.config` writes a plain MkDocs project (mkdocs.yml, docs/, overrides/)
with no third-party plugins or hooks; this module runs MkDocs on it, adding
schemebook's own small plugin in-process.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from ..core.errors import Location, Problem, TemplateError
from ..core.logs import collect_warnings


class _Schemebook(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Our part of the MkDocs run, added in-process (the generated project names no plugin).

    It keeps the theme's compiled templates in our cache, and dates every page
    with the build date, so the sitemap is the same on every rebuild without
    setting SOURCE_DATE_EPOCH in the environment.
    """

    def __init__(self, template_cache: jinja2.BytecodeCache | None, stamp: dt.date) -> None:
        self.template_cache = template_cache
        self.stamp = stamp.isoformat()

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self.template_cache is not None:
            env.bytecode_cache = self.template_cache
        return env

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        page.update_date = self.stamp
        return page


def check(where: Location) -> None:
    """MkDocs and Material are core dependencies: always there."""


def build_site(config_path: Path, stamp: dt.date,
               template_cache: jinja2.BytecodeCache | None = None) -> list[Problem]:
    """Run MkDocs on the generated project; its warnings come back as problems.

    ``template_cache`` keeps the theme's compiled templates between builds:
    compiling Material's templates is a good part of a rebuild after a
    one-page edit. ``stamp`` dates the pages in the sitemap.
    """
    with collect_warnings("mkdocs") as collector:
        config = load_config(str(config_path))
        config.plugins["schemebook"] = _Schemebook(template_cache, stamp)
        try:
            mkdocs_build(config)
        except Exception as exc:  # a Markdown extension refusing a page's input
            raise TemplateError([Problem(_failed_page(collector.messages, config_path),
                                         f"the page could not be built: {exc}")]) from None
    where = Location(str(config_path))
    return [Problem(where, f"MkDocs: {message}", severity="warning")
            for message in collector.messages]


def _failed_page(messages: list[str], config_path: Path) -> Location:
    """The content page MkDocs was reading when it failed, as the user names it."""
    for message in reversed(messages):
        match = re.match(r"Error reading page '([^']+)'", message)
        if match:
            return Location(f"content/{match.group(1)}")
    return Location(str(config_path))


class _ErrorAwareServer:
    """Factory for MkDocs' live-reload server that can show a build error banner."""

    @staticmethod
    def create(build: Callable[[], None], root: Path, host: str, port: int,
               error: Callable[[], str]) -> Any:
        class Server(LiveReloadServer):
            def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
                content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
                message = error()
                if not message:
                    return content
                banner = (
                    '<div role="alert" id="schemebook-error" style="position:fixed;top:0;'
                    "left:0;right:0;z-index:1000;background:#7a0000;color:#fff;padding:1em;"
                    'font:14px/1.4 monospace;white-space:pre-wrap">'
                    + escape(message) + "</div>"
                ).encode()
                return content.replace(b"</body>", banner + b"</body>", 1)

        return Server(builder=build, host=host, port=port, root=str(root))


def serve(root: Path, watch: list[Path], rebuild: Callable[[], None],
          error: Callable[[], str], host: str = "127.0.0.1", port: int = 8000,
          open_browser: bool = False) -> None:
    """Serve ``root`` with live reload; ``rebuild`` runs on every change in ``watch``;
    ``open_browser`` opens it in the default browser once it is up."""
    server = _ErrorAwareServer.create(rebuild, root, host, port, error)
    for path in watch:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve(open_in_browser=open_browser)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
