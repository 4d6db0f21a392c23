"""What a built page loads: every stylesheet, script, font and image it references.

Shared by the checks of both engines and of the installed wheel: a page must
load nothing from outside the site (no font or script host), and every file
it names, directly or through a stylesheet's ``url()`` and ``@import``, must
exist in the site folder.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOADED_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                "modulepreload", "manifest", "mask-icon"}
"""``<link rel>`` values whose target the browser fetches as part of the page."""

CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels & LOADED_LINKS:
            self.found.append(values.get("href", ""))
        elif tag in {"script", "img", "iframe", "audio", "video", "source", "embed"}:
            self.found.append(values.get("src", ""))
        if tag in {"img", "source"} and values.get("srcset"):
            self.found += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]
        if values.get("style"):
            self.found += _css_references(values["style"])


def _css_references(css: str) -> list[str]:
    return [next(g for g in match.groups() if g is not None)
            for pattern in (CSS_URL, CSS_IMPORT) for match in pattern.finditer(css)]


def _resolve(site: Path, base: Path, reference: str) -> Path | str | None:
    """The file ``reference`` names, relative to ``base``; a str for an outside address,
    None for what loads nothing (empty, ``data:``, a fragment)."""
    if not reference or reference.startswith(("data:", "#", "about:", "blob:")):
        return None
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return reference
    path = unquote(parts.path)
    if path.startswith("/"):  # the 404 page's links start at the site's address
        return _from_root(site, path)
    return (base.parent / path).resolve()


def _from_root(site: Path, path: str) -> Path:
    """A root-relative path in ``site``, its address's leading folders (the site_url's
    path, such as /reverse-mentoring/) taken off."""
    segments = path.strip("/").split("/")
    for skip in range(len(segments)):
        candidate = site.joinpath(*segments[skip:])
        if candidate.is_file():
            return candidate.resolve()
    return site.joinpath(*segments).resolve()


def asset_problems(site: Path) -> list[str]:
    """One line per missing or outside asset on any page of ``site``, stylesheets followed."""
    site = site.resolve()
    problems: list[str] = []
    stylesheets: dict[Path, str] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site).as_posix()
        for reference in parser.found:
            problems += _check(site, page, rel, reference, stylesheets)
    done: set[Path] = set()
    while pending := [css for css in stylesheets if css not in done]:
        for css in pending:
            done.add(css)
            for reference in _css_references(css.read_text(encoding="utf-8")):
                problems += _check(site, css, css.relative_to(site).as_posix(), reference,
                                   stylesheets)
    return sorted(set(problems))


def _check(site: Path, base: Path, rel: str, reference: str,
           stylesheets: dict[Path, str]) -> list[str]:
    target = _resolve(site, base, reference)
    if target is None:
        return []
    if isinstance(target, str):
        return [f"{rel}: loads {target} from outside the site"]
    if not target.is_relative_to(site):
        return [f"{rel}: {reference} leads out of the site"]
    if not target.is_file():
        return [f"{rel}: {reference} does not exist"]
    if target.suffix == ".css":
        stylesheets.setdefault(target, rel)
    return []


def referenced(site: Path) -> int:
    """How many asset references the pages of ``site`` make (a check that checks something)."""
    total = 0
    for page in site.rglob("*.html"):
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        total += len([r for r in parser.found if r])
    return total
