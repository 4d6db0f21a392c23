"""The only module that knows MkDocs and Material: it builds and serves the project.

:mod:`.config` writes a plain MkDocs project (mkdocs.yml, docs/, overrides/)
with no third-party plugins or hooks; this module runs MkDocs on it, adding
schemebook's own small plugin in-process.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import traceback
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from pymdownx.snippets import SnippetExtension, SnippetPreprocessor  # type: ignore[import-untyped]

from ..core.confine import MAX_TEXT_BYTES, AssetRefused, confine
from ..core.errors import Location, Problem, TemplateError
from ..core.logs import collect_warnings
from ..render.sandbox import STEPS, TEMPLATE_STEPS, sandboxed_copy
from .config import LINE_SHIFTS
from .mkdocs_memo import SNIPPETS, KeptPages, ListedOnce, MemoRender, builtin_theme


class _Schemebook(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Our part of the MkDocs run, added in-process (the generated project names no plugin).

    It keeps the theme's compiled templates in our cache, and dates every page
    with the build date, so the sitemap is the same on every rebuild without
    setting SOURCE_DATE_EPOCH in the environment. The site name and the page
    and menu titles in the generated project are HTML-escaped already
    (:func:`schemebook.site.config.inert`): they are marked so, so that
    Material's own ``| e`` does not escape them twice.
    """

    def __init__(self, template_cache: jinja2.BytecodeCache | None, stamp: dt.date) -> None:
        self.template_cache = template_cache
        self.stamp = stamp.isoformat()
        self.files_key: list[bytes] = []

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self.template_cache is not None:
            env.bytecode_cache = self.template_cache
        safe = sandboxed_copy(env)  # the project's theme templates run in the sandbox
        if builtin_theme(config):
            safe.template_class = KeptPages(config).template_class()
        return safe

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        STEPS.get([0])[0] = TEMPLATE_STEPS  # each page's templates get a full budget
        return context

    def on_pre_template(self, template: Any, template_name: str, config: Any) -> Any:
        STEPS.get([0])[0] = TEMPLATE_STEPS
        return template

    def on_config(self, config: Any) -> Any:
        config.theme.get_env = ListedOnce(config.theme)
        config["site_name"] = Markup(config["site_name"])
        config["nav"] = _escaped_titles(config["nav"])
        extensions = config["markdown_extensions"]
        if SNIPPETS in extensions:  # confined like every other file the build reads
            settings = config["mdx_configs"].pop(SNIPPETS, {})
            extensions[extensions.index(SNIPPETS)] = _ConfinedSnippets(**settings)
        return config

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = Markup(page.meta["title"])
        return markdown

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        page.update_date = self.stamp
        page.render = MemoRender(page, page.render, self.files_key)
        return page

    def on_files(self, files: Any, config: Any) -> Any:
        self.files_key.clear()  # the files of this build: digested at the first page
        return files



class _ConfinedSnippetReader(SnippetPreprocessor):  # type: ignore[misc]
    """pymdownx.snippets, with the project's confinement rule: a snippet that is a
    link leading out of the project, not a regular file or over the size limit of
    a page is refused."""

    def get_snippet_path(self, path: str) -> str | None:
        found: str | None = super().get_snippet_path(path)
        if found is not None:
            try:
                real = confine(Path(self.base_path[0]), Path(found), path)
            except AssetRefused as exc:
                raise ValueError(f"snippet {exc}") from None
            if real.stat().st_size > MAX_TEXT_BYTES:
                raise ValueError(f"snippet '{path}' is over {MAX_TEXT_BYTES:,} bytes, the limit")
        return found


class _ConfinedSnippets(SnippetExtension):  # type: ignore[misc]
    def extendMarkdown(self, md: Any) -> None:
        self.md = md
        md.registerExtension(self)
        md.preprocessors.register(_ConfinedSnippetReader(self.getConfigs(), md), "snippet", 32)


def _escaped_titles(entries: Any) -> Any:
    """The menu with every title marked as escaped text."""
    if not isinstance(entries, list):
        return entries
    return [{Markup(k) if isinstance(k, str) else k: _escaped_titles(v) for k, v in e.items()}
            if isinstance(e, dict) else e for e in entries]
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
        budget = STEPS.set([TEMPLATE_STEPS])
        try:
            mkdocs_build(config)
        except (RecursionError, MemoryError) as exc:
            raise TemplateError([Problem(_failed_page(collector.messages, config_path, exc),
                                         "the page could not be built: a theme template "
                                         "calls itself without end or builds too much")]
                                ) from None
        except Exception as exc:  # a Markdown extension or a theme template refusing
            raise TemplateError([Problem(_failed_page(collector.messages, config_path, exc),
                                         f"the page could not be built: {exc}")]) from None
        finally:
            STEPS.reset(budget)
    return [Problem(_warned_at(message, config_path), f"MkDocs: {message}", severity="warning")
            for message in collector.messages]


_DOC_FILE = re.compile(r"Doc file '([^']+)' contains .*?link (?:to )?'([^']*)'")


def _warned_at(message: str, config_path: Path) -> Location:
    """Where the user fixes what MkDocs warns about, not the generated project (gone
    when the build ends): for a page's link, the page in content/ and the link's
    line in the page as rendered, before :mod:`.config` put a title block on top
    (the line in content/ too, unless a template line above it made several);
    else the generated mkdocs.yml, which the message names."""
    match = _DOC_FILE.match(message)
    if match is None:
        return Location(str(config_path))
    page, target = match.groups()
    try:
        lines = (config_path.parent / "docs" / page).read_text(encoding="utf-8").splitlines()
        shifts = json.loads((config_path.parent / LINE_SHIFTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Location(f"content/{page}")
    line = next((n for n, text in enumerate(lines, 1) if target and target in text), 1)
    return Location(f"content/{page}", max(1, line - int(shifts.get(page, 0))))


def _failed_page(messages: list[str], config_path: Path, exc: BaseException) -> Location:
    """The theme template or content page MkDocs was at when it failed, as the user
    names it; else the project's mkdocs.yml."""
    overrides = (config_path.parent / "overrides").resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.is_absolute() and path.resolve().is_relative_to(overrides):
            rel = path.resolve().relative_to(overrides).as_posix()
            return Location(f"templates/theme/{rel}", frame.lineno or 1)
    for message in reversed(messages):
        match = re.match(r"Error reading page '([^']+)'", message)
        if match:
            return Location(f"content/{match.group(1)}")
    return Location("mkdocs.yml")


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

        server = Server(builder=build, host=host, port=port, root=str(root),
                        polling_interval=POLL_SECONDS)
        server.build_delay = BUILD_DELAY
        return server


POLL_SECONDS = 0.1
"""How often the watched files are looked at: MkDocs' half second was a third of an
edit's way to the browser."""
BUILD_DELAY = 0.05
"""How long no further change must come before a rebuild starts (MkDocs: 0.1 s). A
save is seen in one look at the files, so waiting longer only delays it; a change
seen at the next look just asks for one more rebuild."""


def serve(root: Path, watch: list[Path], rebuild: Callable[[], None],
          error: Callable[[], str], host: str = "127.0.0.1", port: int = 8000,
          on_ready: Callable[[Callable[[], None]], None] | None = None,
          open_browser: bool = False) -> None:
    """Serve ``root`` with live reload; ``rebuild`` runs on every change in ``watch``;
    ``open_browser`` opens it in the default browser once it is up.

    ``on_ready`` is given a function that asks for one more rebuild and reload from
    any thread (``serve`` calls it when PDFs rendered in the background land)."""
    server = _ErrorAwareServer.create(rebuild, root, host, port, error)
    if on_ready is not None:
        on_ready(lambda: _ask_rebuild(server))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve(open_in_browser=open_browser)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _ask_rebuild(server: Any) -> None:
    """What a changed file does in MkDocs' server: the build loop rebuilds, then reloads."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
