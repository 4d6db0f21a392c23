"""One edition's site, in memory: pages, navigation, files, brand and footer.

Everything a site engine needs is gathered here before anything is written,
so a mistake in any page, file or setting stops the build with the old site
untouched.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..context.template import Download, Edition
from ..core.confine import (
    IMAGE_SUFFIXES,
    MAX_FILE_BYTES,
    AssetRefused,
    confined_files,
    read_limited,
    resolve_asset,
)
from ..core.emoji import emoji_font, emoji_in
from ..core.errors import Location, Report
from ..core.fonts import FONTS_CSS, fonts_css
from ..core.paths import FONTS, SCRIPTS, STYLES
from ..render import layered_dirs
from .brand import EMOJI_FILE, brand_css
from .config import read_user_config, theme_files
from .pages import footer_links, navigation, page_titles, render_pages
from .spec import SiteSpec

CONTENT_FILE_SUFFIXES = IMAGE_SUFFIXES | {".pdf", ".txt", ".csv"}
"""Files beside the pages in content/ that are published with them."""

EXTRA_CSS = ["assets/fonts/fonts.css", "assets/schemebook.css", "assets/brand.css",
             "assets/lifecycle.css"]
"""schemebook's own style sheets, in the order every page links them."""


_UNSAFE_NAME = re.compile("[\"'<>`\\x00-\\x1f\\x7f]")
"""What a published file's or folder's name may not hold: quotes, angle brackets
and control characters, which could end the attribute its address is printed in."""


def content_files(root: Path, report: Report) -> dict[str, bytes]:
    """Images and other files kept beside the project's pages, confined to the project
    (links leading out refused), each within the size limit and with a plain name."""
    found: dict[str, bytes] = {}
    folder = root / "content"
    if not folder.is_dir():
        return found
    for rel, path in sorted(confined_files(root, folder, "content/"), key=lambda item: item[0]):
        where = Location(f"content/{rel}")
        if rel.startswith(("_", ".")):
            continue
        if isinstance(path, AssetRefused):  # a link out of the project, even if unused
            report.error(where, str(path))
            continue
        if Path(rel).suffix.lower() not in CONTENT_FILE_SUFFIXES | {".md"}:
            continue
        if _UNSAFE_NAME.search(rel):
            report.error(where, f"{rel!r}: a published file's name may not hold quotes, "
                         "angle brackets or control characters", "rename the file")
            continue
        if rel.endswith(".md"):
            continue  # a page: the template loader reads it
        try:
            found[rel] = read_limited(path, MAX_FILE_BYTES, f"content/{rel}")
        except AssetRefused as exc:
            report.error(where, str(exc))
    return found


def bundled_files() -> dict[str, bytes]:
    """schemebook's fonts, scripts and style sheets, by their path in the site."""
    fonts = {path.name: path.read_bytes() for path in FONTS.iterdir()
             if path.is_file() and path.suffix in {".woff2", ".woff", ".ttf"}}
    fonts[FONTS_CSS.name] = fonts_css()
    files = {f"assets/fonts/{name}": fonts[name] for name in sorted(fonts)}
    for path in sorted(SCRIPTS.glob("*.js")):
        files[f"assets/schemebook/{path.name}"] = path.read_bytes()
    for path in sorted(STYLES.glob("*.css")):
        files[f"assets/{path.name}"] = path.read_bytes()
    return files


def prepare_site(edition: Edition, downloads: list[Download], published: dict[str, bytes],
                 report: Report) -> tuple[SiteSpec, dict[str, Any]]:
    """Render every page of ``edition`` and gather its files (``published``: the
    PDFs, calendars and other downloads by site path), all in memory."""
    scheme, root, tr = edition.scheme, edition.root, edition.tr
    pages = render_pages(edition, downloads)
    emoji = emoji_in("".join([scheme.name, scheme.organisation, *pages.values()]))
    files: dict[str, bytes] = {"assets/brand.css": brand_css(scheme, emoji).encode()}
    if emoji:
        files[EMOJI_FILE] = emoji_font(emoji, "woff2")
    files.update(bundled_files())
    files.update(content_files(root, report))
    files.update(published)
    logo = favicon = ""
    if scheme.brand.logo:
        source = resolve_asset(root, scheme.brand.logo)
        logo = f"assets/logo{source.suffix.lower()}"
        files[logo] = read_limited(source, MAX_FILE_BYTES, scheme.brand.logo)
    if scheme.brand.favicon:
        source = resolve_asset(root, scheme.brand.favicon)
        favicon = f"assets/favicon{source.suffix.lower()}"
        files[favicon] = read_limited(source, MAX_FILE_BYTES, scheme.brand.favicon)
    user = read_user_config(root / "mkdocs.yml", report)
    report.raise_if_errors()
    for i, css in enumerate(user.get("extra_css", [])):
        try:
            path = resolve_asset(root, css, {".css"})
            files[css] = read_limited(path, MAX_FILE_BYTES, css)
            edition.loaded.inputs.append(path)
        except AssetRefused as exc:
            report.error(Location("mkdocs.yml"), f"extra_css[{i + 1}]: {exc}")
    cohort = f" · {scheme.cohort}" if scheme.cohort else ""
    return SiteSpec(
        site_name=scheme.name,
        site_url=scheme.site_url,
        description=" ".join(scheme.summary.split())[:300],
        language=scheme.language,
        nav=navigation(pages, page_titles(tr, edition.context)),
        pages=pages,
        files=files,
        theme_files=theme_files(layered_dirs(root, "templates/theme"), root, report),
        logo=logo,
        logo_alt=scheme.brand.logo_alt,
        favicon=favicon,
        extra_css=list(EXTRA_CSS),
        copyright=f"{scheme.organisation} · {scheme.name}{cohort}",
        footer_links=footer_links(edition.loaded, pages, tr),
        footer_label=tr.gettext("Footer links"),
    ), user
