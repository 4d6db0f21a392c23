"""The print templates' Jinja environment, made once per edition.

Its globals are the edition's context plus what print needs besides: the
brand's CSS, the style sheets, the logo, QR codes and the blank logs. The
packs, the forms, the certificates and every personalised pack render in
this one environment, because compiling the templates costs more than
rendering them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..context.template import Edition
from ..core.confine import AssetRefused, confine
from ..core.errors import Location, Report
from ..core.fonts import FONTS_CSS
from ..core.paths import builtin, print_url
from ..render import Environment, layered_dirs, make_environment, markdown_to_html
from .links import link_on_paper, print_links
from .logs import log_sheets
from .style import check_logo, print_style, qr_data_uri

PRINT_DIR = "templates/print"


def stylesheets(dirs: list[Path], root: Path, report: Report) -> list[str]:
    """fonts.css, then the first print.css found, then any project extra.css, as
    location-independent URLs; a style sheet that leads out of the project is an error."""
    sheets = [print_url(FONTS_CSS, root)]
    for name in ("print.css", "extra.css"):
        for folder in dirs:
            path = folder / name
            if not (path.exists() or path.is_symlink()):
                continue
            shipped = folder == builtin() / PRINT_DIR
            inside = builtin() if shipped or not path.absolute().is_relative_to(
                root.absolute()) else root
            try:
                sheets.append(print_url(confine(inside, path, f"{PRINT_DIR}/{name}"), root,
                                        shipped=shipped))
            except AssetRefused as exc:
                report.error(Location(f"{PRINT_DIR}/{name}"), str(exc))
            break
    return sheets


def print_environment(edition: Edition, report: Report) -> Environment:
    """The environment every printable of ``edition`` renders in; the brand's font
    and logo warnings go to ``report``."""
    scheme, loaded, context = edition.scheme, edition.loaded, edition.context
    style, style_problems = print_style(loaded)
    logo, logo_problems = check_logo(loaded)
    report.warnings.extend(p for p in [*style_problems, *logo_problems]
                           if p not in report.warnings)
    site_url = scheme.site_url.strip()
    card_url = site_url.rstrip("/") + "/support.html" if site_url else ""
    values = {
        **context,
        "style": style,
        "stylesheets": stylesheets(layered_dirs(edition.root, PRINT_DIR), edition.root, report),
        "logo": logo, "stamp": edition.stamp,
        "qr": qr_data_uri(site_url, scheme.brand.primary),
        "card_qr": qr_data_uri(card_url, scheme.brand.primary), "card_url": card_url,
        "logs": log_sheets(context["plan"], context["stages"], edition.tr),
        "compact": False,
        "participant": None,  # set for each participant by personal.py
    }
    env = make_environment(edition.root, PRINT_DIR, html=True,
                           allow_html=scheme.site.raw_html, globals_=values,
                           translator=edition.tr, bytecode_cache=edition.bytecode)
    _links_on_paper(env, edition)
    return env


def _links_on_paper(env: Environment, edition: Edition) -> None:
    """Print shows each link's address, and a QR code for meeting links and long ones."""
    colour, tr, allow = edition.scheme.brand.primary, edition.tr, edition.scheme.site.raw_html

    def qr(url: str) -> str:
        return qr_data_uri(url, colour)

    def label(words: str) -> str:
        return tr.gettext("QR code for the link: %(words)s", words=words)

    env.filters["markdown"] = lambda text: print_links(
        markdown_to_html(str(text or ""), allow), qr, label)
    env.filters["print_url"] = lambda url: link_on_paper(str(url or ""), qr, label(str(url)))
    env.filters["up_to_first_list"] = up_to_first_list


_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def up_to_first_list(markdown: str) -> str:
    """``markdown`` up to the end of its first list (all of it when it has none): the
    support card prints the limits of confidentiality, not the whole procedure that
    follows them, which the support page and the packs give."""
    lines = markdown.splitlines()
    started = False
    for i, line in enumerate(lines):
        if _ITEM.match(line):
            started = True
        elif started and line.strip() and not line.startswith((" ", "\t")):
            return "\n".join(lines[:i]).rstrip() + "\n"
    return markdown
