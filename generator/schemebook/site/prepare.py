"""One edition's site, in memory: pages, navigation, files, brand and footer.

Everything a site engine needs is gathered here before anything is written,
so a mistake in any page, file or setting stops the build with the old site
untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..context.template import Download, Edition
from ..core.confine import IMAGE_SUFFIXES, AssetRefused, resolve_asset
from ..core.errors import Location, Report
from ..core.paths import FONTS, SCRIPTS, STYLES
from ..render import layered_dirs
from .brand import brand_css
from .config import read_user_config
from .pages import footer_links, navigation, page_titles, render_pages
from .spec import SiteSpec

CONTENT_FILE_SUFFIXES = IMAGE_SUFFIXES | {".pdf", ".txt", ".csv"}
"""Files beside the pages in content/ that are published with them."""

EXTRA_CSS = ["assets/fonts/fonts.css", "assets/schemebook.css", "assets/brand.css",
             "assets/lifecycle.css"]
"""schemebook's own style sheets, in the order every page links them."""


def content_files(root: Path, report: Report) -> dict[str, bytes]:
    """Images and other files kept beside the project's pages, confined to the project."""
    found: dict[str, bytes] = {}
    folder = root / "content"
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.suffix.lower() not in CONTENT_FILE_SUFFIXES or rel.startswith(("_", ".")):
            continue
        try:  # refuses links that lead out of the project folder
            found[rel] = resolve_asset(root, f"content/{rel}").read_bytes()
        except AssetRefused as exc:
            report.error(Location(f"content/{rel}"), str(exc))
    return found


def bundled_files() -> dict[str, bytes]:
    """schemebook's fonts, scripts and style sheets, by their path in the site."""
    files: dict[str, bytes] = {}
    for path in sorted(FONTS.iterdir()):
        if path.is_file() and path.suffix in {".woff2", ".woff", ".css", ".ttf"}:
            files[f"assets/fonts/{path.name}"] = path.read_bytes()
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
    files: dict[str, bytes] = {"assets/brand.css": brand_css(scheme).encode()}
    files.update(bundled_files())
    files.update(content_files(root, report))
    files.update(published)
    logo = favicon = ""
    if scheme.brand.logo:
        source = resolve_asset(root, scheme.brand.logo)
        logo = f"assets/logo{source.suffix.lower()}"
        files[logo] = source.read_bytes()
    if scheme.brand.favicon:
        source = resolve_asset(root, scheme.brand.favicon)
        favicon = f"assets/favicon{source.suffix.lower()}"
        files[favicon] = source.read_bytes()
    user = read_user_config(root / "mkdocs.yml", report)
    for css in user.get("extra_css", []):
        files[css] = resolve_asset(root, css, {".css"}).read_bytes()
    cohort = f" · {scheme.cohort}" if scheme.cohort else ""
    return SiteSpec(
        site_name=scheme.name,
        site_url=scheme.site_url,
        description=" ".join(scheme.summary.split())[:300],
        language=scheme.language,
        nav=navigation(pages, page_titles(tr, edition.context)),
        pages=pages,
        files=files,
        theme_dirs=layered_dirs(root, "templates/theme"),
        logo=logo,
        logo_alt=scheme.brand.logo_alt,
        favicon=favicon,
        extra_css=list(EXTRA_CSS),
        copyright=f"{scheme.organisation} · {scheme.name}{cohort}",
        footer_links=footer_links(edition.loaded, pages, tr),
        footer_label=tr.gettext("Footer links"),
    ), user
