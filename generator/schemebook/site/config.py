"""The generated site project every engine builds: mkdocs.yml, docs/, overrides/.

MkDocs with Material reads this project, and so does Zensical, the Material
team's successor; :mod:`.mkdocs` and :mod:`.zensical` only run them. The
project's own ``mkdocs.yml`` may tune a few keys (extra CSS, Markdown
extensions from an allow-list, menu links); everything else is derived from
scheme.yml. Text from scheme.yml that the theme prints goes through
:func:`inert` first: HTML-escaped once, for text and attributes alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..core.confine import (
    MAX_FILE_BYTES,
    MAX_TEXT_BYTES,
    AssetRefused,
    confine,
    confined_files,
    read_limited,
)
from ..core.errors import Location, Report
from ..core.escape import control_problem, html, url_problem
from ..core.text import ANCHOR
from ..scheme.load import load_yaml
from .spec import SiteSpec

ALLOWED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "toc", "sane_lists", "smarty", "pymdownx.betterem", "pymdownx.caret",
    "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys",
    "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.tasklist", "pymdownx.tilde", "pymdownx.snippets",
})
"""Markdown extensions a project may switch on in its mkdocs.yml."""

class PythonName(str):
    """A Python object named in mkdocs.yml, written ``!!python/name:...``; MkDocs and
    Zensical both read the tag."""


class _Dumper(yaml.SafeDumper):
    """YAML for mkdocs.yml: safe, plus :class:`PythonName`."""


class _Loader(yaml.SafeLoader):
    """Reads back what :class:`_Dumper` wrote, :class:`PythonName` included (and no
    other tag: the file is ours, but nothing in it is ever run by reading it)."""


_Dumper.add_representer(PythonName, lambda dumper, name: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{name}", ""))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                              lambda loader, suffix, node: PythonName(suffix))


def dump_project_yaml(config: dict[str, Any]) -> str:
    """The text of a generated mkdocs.yml."""
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def load_project_yaml(path: Path) -> dict[str, Any]:
    """A generated mkdocs.yml read back (an engine that writes its own copy of it)."""
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return data


BASE_EXTENSIONS: list[Any] = [
    "admonition", "attr_list", "def_list", "md_in_html", "tables", "sane_lists",
    # Anchors from core.text.anchor: Markdown's own for ASCII headings, and words
    # rather than '_1', '_2' for headings in Arabic, Chinese or Hindi.
    {"toc": {"permalink": False, "slugify": PythonName(ANCHOR)}},
    "pymdownx.details", "pymdownx.superfences",
]

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".txt", ".md", ".xml", ".svg", ".json"})
"""Theme files read as text: checked for the control characters refused everywhere."""

SITE_DIR = "site"
"""Where every engine builds, inside the generated project: Zensical refuses a
site_dir outside the project folder, MkDocs takes either."""

LINE_SHIFTS = "line-shifts.json"
"""Beside mkdocs.yml: for each page given a title block, how many lines it added, so
an engine's message about docs/PAGE line N can name the line the author wrote."""

USER_KEYS = {"extra_css", "markdown_extensions", "nav", "copyright"}
"""Top-level mkdocs.yml keys a project may set; everything else is derived."""

DERIVED_FROM = {
    "site_name": "name", "site_url": "site_url", "theme": "brand and language",
    "site_description": "summary", "plugins": "schemebook's build",
    "docs_dir": "schemebook's build", "site_dir": "--out",
    "use_directory_urls": "schemebook's build (pages must open from disk)",
    "extra": "contact and site.footer_links",
}


def read_user_config(path: Path, report: Report) -> dict[str, Any]:
    """The project's mkdocs.yml, keeping only the keys a project may tune."""
    if not (path.exists() or path.is_symlink()):
        return {}
    try:
        confine(path.parent, path, "mkdocs.yml")
    except AssetRefused as exc:
        report.error(Location("mkdocs.yml"), str(exc))
        return {}
    document = load_yaml(path, "mkdocs.yml", allow_empty=True)
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
    _check_user_links(kept, document, report)
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
    """Scheme text for the theme, which prints it in text and in attributes.

    MkDocs renders theme templates without autoescaping, so a site name with
    ``<script>`` would run and a quote in an alt text would add an attribute:
    every value is HTML-escaped once (:func:`schemebook.core.escape.html`).
    Where Material escapes again (``| e``), :mod:`.mkdocs` marks these values
    as already escaped.
    """
    return html(text)


_SAFE_PATH = re.compile(r"^[\w][\w./-]*\.css$")


def _check_user_links(kept: dict[str, Any], document: Any, report: Report) -> None:
    """mkdocs.yml's menu links and style sheets land in HTML attributes: a menu link
    must be http, https, mailto, tel or relative, a style sheet a plain path."""
    for i, css in enumerate(kept.get("extra_css") or []):
        if not isinstance(css, str) or not _SAFE_PATH.match(css) or ".." in css.split("/"):
            report.error(document.locate(("extra_css", i)), f"extra_css: {css!r} is not a "
                         "plain path to a .css file in the project",
                         "use letters, digits, '-', '_', '.' and '/', e.g. assets/extra.css")

    def links(entries: Any, path: tuple[str | int, ...]) -> None:
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            for title, value in (entry.items() if isinstance(entry, dict) else []):
                if isinstance(value, list):
                    links(value, (*path, i, title))
                elif isinstance(value, str) and (why := url_problem(value)):
                    report.error(document.locate((*path, i, title)), f"nav: {why}")

    links(kept.get("nav"), ("nav",))


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
        title = heading.replace("&lt;", "<").replace("&#123;", "{")
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


def mkdocs_config(spec: SiteSpec, user: dict[str, Any]) -> dict[str, Any]:
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
        "site_dir": SITE_DIR,
        "use_directory_urls": False,
        "theme": theme,
        "plugins": [{"search": search_options(spec.language)}, "offline"],
        "markdown_extensions": extensions,
        "extra_css": spec.extra_css + list(user.get("extra_css", [])),
        "nav": _inert_nav(spec.nav + list(user.get("nav", []))),
        "copyright": inert(user.get("copyright") or spec.copyright),
        "extra": {"generator": False,
                  "schemebook_links": [{**link, "title": inert(str(link.get("title", ""))),
                                        "url": inert(page_url(str(link.get("url", ""))))}
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


def theme_files(dirs: list[Path], root: Path, report: Report) -> dict[str, bytes]:
    """The theme override files (``dirs``: project first, then built-in), each read
    through the confinement rule: a file or folder linking out of the project is an
    error, as it would be published with the theme's assets."""
    files: dict[str, bytes] = {}
    for folder in reversed(dirs):  # built-in first, project on top
        inside = root if folder.absolute().is_relative_to(root.absolute()) else folder
        for rel, found in confined_files(inside, folder, "templates/theme/"):
            where = f"templates/theme/{rel}"
            try:
                if isinstance(found, AssetRefused):
                    raise found
                limit = MAX_TEXT_BYTES if found.suffix in TEXT_SUFFIXES else MAX_FILE_BYTES
                files[rel] = read_limited(found, limit, where)
            except AssetRefused as exc:
                report.error(Location(where), str(exc))
                continue
            if found.suffix in TEXT_SUFFIXES and (bad := control_problem(
                    files[rel].decode("utf-8", "replace"))):
                report.error(Location(where, bad[0], bad[1]), bad[2])
    return files


def write_project(folder: Path, spec: SiteSpec, user: dict[str, Any]) -> Path:
    """Write mkdocs.yml, docs/ and overrides/ into ``folder``; return mkdocs.yml.

    The engine builds into ``folder/site`` (:data:`SITE_DIR`); the caller moves it.
    """
    docs = folder / "docs"
    titles = _nav_titles(spec.nav)
    shifted: dict[str, int] = {}
    for rel, text in spec.pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        page = with_title(text, titles.get(rel))
        if page != text:
            shifted[rel] = page.count("\n") - text.count("\n")
        target.write_text(page, encoding="utf-8")
    (folder / LINE_SHIFTS).write_text(json.dumps(shifted, sort_keys=True), encoding="utf-8")
    for rel, data in spec.files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    overrides = folder / "overrides"
    overrides.mkdir(parents=True, exist_ok=True)
    for rel, data in spec.theme_files.items():
        target = overrides / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    config_path = folder / "mkdocs.yml"
    config = mkdocs_config(spec, user)
    config_path.write_text(dump_project_yaml(config), encoding="utf-8")
    return config_path


