"""What a site is made of, independent of the engine that builds it.

:func:`prepare_site` gathers one edition's pages, navigation, files, brand
and footer into a :class:`SiteSpec`; :mod:`.config` writes it out as the
project every engine builds. No engine's types leak out of here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale


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
    theme_files: dict[str, bytes] = field(default_factory=dict)
    """Theme override files by path under overrides/: the project's over the
    built-in ones, each read through the confinement rule."""
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


def language_links(codes: list[str], current: str) -> list[dict[str, str]]:
    """The language switcher of the site in ``current``: each language's name in
    that language, and its folder relative to this site's root (main one first)."""
    def folder(code: str) -> str:
        return "" if code == codes[0] else f"{code}/"

    up = "" if current == codes[0] else "../"
    return [{"name": _capitalised(Locale.parse(code.replace("-", "_")).get_display_name(code)
                                  or code),
             "lang": code, "link": "" if code == current else up + folder(code)}
            for code in codes]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
