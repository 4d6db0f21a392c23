"""The only module that knows MkDocs and Material.

We generate a plain MkDocs project (mkdocs.yml, docs/, overrides/) and build
it, with no third-party plugins or hooks, so that a move to another builder
that reads mkdocs.yml touches this module alone.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem, Report, TemplateError
from .logs import collect_warnings

ALLOWED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "toc", "sane_lists", "smarty", "pymdownx.betterem", "pymdownx.caret",
    "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys",
    "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.tasklist", "pymdownx.tilde", "pymdownx.snippets",
})
"""Markdown extensions a project may switch on in its mkdocs.yml."""

BASE_EXTENSIONS: list[Any] = [
    "admonition", "attr_list", "def_list", "md_in_html", "tables", "sane_lists",
    {"toc": {"permalink": False}}, "pymdownx.details", "pymdownx.superfences",
]

USER_KEYS = {"extra_css", "markdown_extensions", "nav", "copyright"}
"""Top-level mkdocs.yml keys a project may set; everything else is derived."""

DERIVED_FROM = {
    "site_name": "name", "site_url": "site_url", "theme": "brand and language",
    "site_description": "summary", "plugins": "schemebook's build",
    "docs_dir": "schemebook's build", "site_dir": "--out",
    "use_directory_urls": "schemebook's build (pages must open from disk)",
    "extra": "contact and site.footer_links",
}


@dataclass
class SiteSpec:
    """Everything needed to write the MkDocs project: no MkDocs types leak out."""

    site_name: str
    site_url: str
    description: str
    language: str
    nav: list[Any]
    pages: dict[str, str]
    """Markdown by path under docs/."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Other files by path under docs/ (CSS, images, PDFs)."""
    theme_dirs: list[Path] = field(default_factory=list)
    """Theme override folders, project first; copied into overrides/."""
    logo: str = ""
    logo_alt: str = ""
    favicon: str = ""
    extra_css: list[str] = field(default_factory=list)
    copyright: str = ""
    footer_links: list[dict[str, str]] = field(default_factory=list)
    footer_label: str = "Footer links"
    """Accessible name of the footer's list of links, in the site's language."""
    alternates: list[dict[str, str]] = field(default_factory=list)
    """The language switcher: name, lang and link (relative to the site root) of
    each language the handbook is built in; empty for a one-language site."""


def read_user_config(path: Path, report: Report) -> dict[str, Any]:
    """The project's mkdocs.yml, keeping only the keys a project may tune."""
    from .load import load_yaml

    if not path.is_file():
        return {}
    document = load_yaml(path, allow_empty=True)
    kept: dict[str, Any] = {}
    for key, value in document.data.items():
        where = document.locate((key,))
        if key in USER_KEYS:
            kept[key] = value
        elif key in DERIVED_FROM:
            report.warn(where, f"mkdocs.yml key '{key}' conflicts with scheme.yml "
                        f"({DERIVED_FROM[key]}); the scheme's value wins")
        else:
            report.warn(where, f"mkdocs.yml key '{key}' is not one schemebook passes on",
                        "allowed: " + ", ".join(sorted(USER_KEYS)))
    extensions = []
    for i, entry in enumerate(kept.get("markdown_extensions") or []):
        name = next(iter(entry)) if isinstance(entry, dict) and entry else entry
        if not isinstance(name, str) or name not in ALLOWED_EXTENSIONS:
            report.error(document.locate(("markdown_extensions", i)),
                         f"Markdown extension {name!r} is not on the allow-list",
                         "allowed: " + ", ".join(sorted(ALLOWED_EXTENSIONS)))
            continue
        if name == "pymdownx.snippets":
            # Snippets read files: confine them to the project folder.
            entry = {name: {"base_path": [str(path.parent.resolve())],
                            "restrict_base_path": True, "check_paths": True}}
        extensions.append(entry)
    kept["markdown_extensions"] = extensions
    return kept


def inert(text: str) -> str:
    """Scheme text that the theme prints unescaped: make tags show as text.

    MkDocs renders theme templates without autoescaping, so a site name or
    menu title with ``<script>`` would run. Only the angle brackets are
    replaced, which keeps ``&`` readable where the theme does escape.
    """
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _inert_nav(entries: list[Any]) -> list[Any]:
    result: list[Any] = []
    for entry in entries:
        if isinstance(entry, dict):
            result.append({inert(str(k)): _inert_nav(v) if isinstance(v, list) else v
                           for k, v in entry.items()})
        else:
            result.append(entry)
    return result


def _nav_titles(entries: list[Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, list):
                    found.update(_nav_titles(value))
                elif isinstance(value, str):
                    found[value] = str(title)
    return found


def with_title(markdown: str, title: str | None) -> str:
    """Give a page an explicit, inert title in front matter.

    MkDocs otherwise takes the title from the first heading, unescapes it
    and prints it raw in ``<title>`` and the menu.
    """
    if markdown.startswith("---\n"):
        return markdown  # the page sets its own front matter
    if title is None:
        heading = next((line[2:].strip() for line in markdown.splitlines()
                        if line.startswith("# ")), "")
        title = heading.replace("&lt;", "<")
    if not title:
        return markdown
    front = yaml.safe_dump({"title": inert(title)}, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{markdown}"


def page_url(url: str) -> str:
    """A link to a page by its Markdown path ('privacy.md#x') as the built site has it."""
    path, hash_, anchor = url.partition("#")
    if "://" in path or ":" in path.split("/")[0] or not path.endswith(".md"):
        return url
    return path[:-3] + ".html" + hash_ + anchor


LUNR_LANGUAGES = frozenset({
    "ar", "da", "de", "du", "en", "es", "fi", "fr", "hi", "hu", "hy", "it", "ja", "kn", "ko",
    "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh",
})
"""Languages the search index (lunr.js, as shipped with MkDocs) can stem."""


def search_options(language: str) -> dict[str, Any]:
    """Search settings for the site's language.

    A language lunr cannot stem (Welsh among them) is indexed with the English
    tokenizer but without English stemming and stop words, which would cut
    Welsh words down wrongly ('mentoriaid' is no English plural) and drop
    Welsh words that look like English ones ('i', 'a', 'at'): whole words
    and prefixes still match.
    """
    code = language.split("-")[0]
    if code in LUNR_LANGUAGES:
        return {"lang": code}
    return {"lang": "en", "pipeline": ["trimmer"]}


def mkdocs_config(spec: SiteSpec, user: dict[str, Any], site_dir: Path) -> dict[str, Any]:
    """The mkdocs.yml for the generated project; derived keys always win."""
    names = {e if isinstance(e, str) else next(iter(e)) for e in BASE_EXTENSIONS}
    extensions = list(BASE_EXTENSIONS) + [
        e for e in user.get("markdown_extensions", [])
        if (e if isinstance(e, str) else next(iter(e))) not in names
    ]
    theme: dict[str, Any] = {
        "name": "material",
        "custom_dir": "overrides",
        "language": spec.language.split("-")[0],
        "font": False,
        "palette": {"primary": "custom", "accent": "custom"},
        "features": ["navigation.top", "navigation.indexes", "search.highlight",
                     "content.tooltips"],
    }
    if spec.logo:
        theme["logo"] = spec.logo
    if spec.favicon:
        theme["favicon"] = spec.favicon
    config: dict[str, Any] = {
        "site_name": inert(spec.site_name),
        "site_description": inert(spec.description),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "theme": theme,
        "plugins": [{"search": search_options(spec.language)}, "offline"],
        "markdown_extensions": extensions,
        "extra_css": spec.extra_css + list(user.get("extra_css", [])),
        "nav": _inert_nav(spec.nav + list(user.get("nav", []))),
        "copyright": inert(user.get("copyright") or spec.copyright),
        "extra": {"generator": False,
                  "schemebook_links": [{**link, "title": inert(str(link.get("title", ""))),
                                        "url": page_url(str(link.get("url", "")))}
                                       for link in spec.footer_links],
                  # Our own copy, so the offline plugin does not add its CDN address.
                  "polyfills": ["assets/schemebook/iframe-worker-shim.js"],
                  "schemebook_logo_alt": inert(spec.logo_alt or spec.site_name),
                  "schemebook_footer_label": inert(spec.footer_label)},
    }
    if spec.alternates:  # Material's language switcher; our alternate.html adds the page
        config["extra"]["alternate"] = [{**alt, "name": inert(alt["name"])}
                                        for alt in spec.alternates]
    if spec.site_url:
        config["site_url"] = spec.site_url
    return config


def write_project(folder: Path, spec: SiteSpec, user: dict[str, Any], site_dir: Path) -> Path:
    """Write mkdocs.yml, docs/ and overrides/ into ``folder``; return mkdocs.yml."""
    docs = folder / "docs"
    titles = _nav_titles(spec.nav)
    for rel, text in spec.pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_title(text, titles.get(rel)), encoding="utf-8")
    for rel, data in spec.files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    overrides = folder / "overrides"
    overrides.mkdir(parents=True, exist_ok=True)
    for theme_dir in reversed(spec.theme_dirs):  # built-in first, project on top
        if theme_dir.is_dir():
            shutil.copytree(theme_dir, overrides, dirs_exist_ok=True)
    config_path = folder / "mkdocs.yml"
    config = mkdocs_config(spec, user, site_dir)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
    return config_path


def build_site(config_path: Path, template_cache: Any = None) -> list[Problem]:
    """Run MkDocs on the generated project; its warnings come back as problems.

    ``template_cache`` (a Jinja bytecode cache) keeps the theme's compiled
    templates between builds: compiling Material's templates is a good part of
    a rebuild after a one-page edit.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    class TemplateCache(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_env(self, env: Any, config: Any, files: Any) -> Any:
            env.bytecode_cache = template_cache
            return env

    with collect_warnings("mkdocs") as collector:
        config = load_config(str(config_path))
        if template_cache is not None:
            config.plugins["schemebook-template-cache"] = TemplateCache()
        try:
            build(config)
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
        from html import escape

        from mkdocs.livereload import LiveReloadServer

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
          error: Callable[[], str], host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``root`` with live reload; ``rebuild`` runs on every change in ``watch``."""
    server = _ErrorAwareServer.create(rebuild, root, host, port, error)
    for path in watch:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
