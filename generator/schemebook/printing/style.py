"""The brand-dependent part of the print CSS, the logo check and the QR codes.

The print templates link the bundled ``fonts.css`` and ``print.css``; this
module adds what depends on the scheme: paper size, colours, font stacks,
the project's own font files and the font of the form fields. Values are
written as escaped CSS strings, so no text from scheme.yml can end the
style element or add rules.
"""

from __future__ import annotations

import base64
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

import segno
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from markupsafe import Markup
from PIL import Image, UnidentifiedImageError

from ..core.colour import mix, palette, text_on
from ..core.confine import FONT_SUFFIXES, MAX_FILE_BYTES, AssetRefused, read_limited, resolve_asset
from ..core.emoji import FAMILY as EMOJI_FAMILY
from ..core.emoji import emoji_font, emoji_in
from ..core.errors import Problem
from ..core.escape import css_string
from ..core.paths import FONTS, print_url
from ..scheme.validate import Loaded

FIELD_FONT = FONTS / "atkinson-hyperlegible-next-400-normal.woff2"
"""Font of the fillable fields. WeasyPrint 70 embeds a field's font whole, so
this is a small Latin font (about 40 KB in the PDF) rather than the fallback
stack: a CJK font would add megabytes to every log."""

FALLBACK = ("Atkinson Hyperlegible Next", "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew",
            "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans CJK SC", EMOJI_FAMILY)
"""After the brand font: the bundled fonts, then Debian's Noto fonts for other scripts,
then the bundled emoji font (added to a document only when it holds an emoji)."""

PAPER = {"A4": ("A4", "297mm", "250mm"), "Letter": ("letter", "279.4mm", "232mm")}
"""CSS page size, page height, and the height of a one-page log, for each paper."""


def _is_font_file(value: str) -> bool:
    return "/" in value or value.lower().endswith(tuple(FONT_SUFFIXES))


def _font_readable(path: Path) -> str:
    """'' when fontTools can read the font, else why not."""
    if path.stat().st_size > MAX_FILE_BYTES:
        return f"over {MAX_FILE_BYTES // 1024 // 1024} MB"
    try:
        with TTFont(path, lazy=True) as font:
            font["cmap"].getBestCmap()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return ""


def print_style(loaded: Loaded) -> tuple[Markup, list[Problem]]:
    """CSS for the scheme's paper, colours and fonts, and warnings about its fonts."""
    scheme, doc = loaded.scheme, loaded.document
    brand = scheme.brand
    problems: list[Problem] = []
    faces = [f"@font-face {{ font-family: \"Schemebook Field\"; "
             f"src: url({css_string(print_url(FIELD_FONT, loaded.root))}); }}"]
    families: dict[str, str] = {}
    for key in ("font", "heading_font"):
        value = getattr(brand, key)
        if not value:
            continue
        if not _is_font_file(value):
            families[key] = value
            continue
        where = doc.locate(("brand", key))
        try:
            path = resolve_asset(loaded.root, value, FONT_SUFFIXES)
        except AssetRefused as exc:
            problems.append(Problem(where, f"brand.{key}: {exc}", severity="warning"))
            continue
        if why := _font_readable(path):
            problems.append(Problem(where, f"brand.{key}: '{value}' cannot be read as a font "
                                    f"({why}); the packs use the bundled font instead",
                                    "replace it with a .woff2, .woff, .ttf or .otf file",
                                    severity="warning"))
            continue
        family = f"Scheme {key.replace('_', ' ')}"
        faces.append(f"@font-face {{ font-family: {css_string(family)}; "
                     f"src: url({css_string(print_url(path, loaded.root))}); }}")
        families[key] = family
    body = [families["font"]] if "font" in families else []
    body_stack = ", ".join(css_string(f) for f in [*body, *FALLBACK]) + ", sans-serif"
    heading = [families["heading_font"]] if "heading_font" in families else []
    heading_stack = ", ".join(css_string(f) for f in [*heading, *body, *FALLBACK])
    colours = palette(brand.primary, brand.accent)  # the site shows the same colours
    rules = [
        *faces,
        f"@page {{ size: {PAPER[brand.paper][0]}; }}",
        f".cover {{ height: {PAPER[brand.paper][1]}; }}",
        f".log.few {{ height: {PAPER[brand.paper][2]}; }}",
        # Letter is 18 mm shorter than A4: a line less in each box keeps a Gibbs
        # log on two pages.
        *([".log { --stage-lines: 5; --action-lines: 4; }"] if brand.paper == "Letter" else []),
        ":root {",
        f"  --primary: {colours.primary}; --on-primary: {colours.on_primary};",
        f"  --primary-text: {colours.primary_text};",
        f"  --accent: {colours.accent}; --accent-text: {colours.accent};",
        f"  --tint: {mix(colours.primary, '#ffffff', 0.9)}; "
        f"--rule: {mix(colours.primary, '#ffffff', 0.6)};",
        "}",
        f"body {{ font-family: {body_stack}; }}",
        f"h1, h2, h3, h4, .cover-title {{ font-family: {heading_stack}, sans-serif; }}",
        ':lang(vi), .whole-word { font-family: "Noto Sans", sans-serif; }',
        'input, textarea { font-family: "Schemebook Field"; }',
    ]
    return Markup("\n".join(rules)), problems


def with_emoji_font(html: str) -> str:
    """``html`` with the emoji font it needs, cut down to its emoji, as a data: URL;
    ``html`` itself when it holds no emoji."""
    chars = emoji_in(html)
    if not chars:
        return html
    data = base64.b64encode(emoji_font(chars)).decode("ascii")
    rule = (f"<style>@font-face {{ font-family: {css_string(EMOJI_FAMILY)}; "
            f"src: url(data:font/ttf;base64,{data}); }}</style>")
    head, marker, rest = html.partition("</head>")
    return head + rule + marker + rest if marker else rule + html


def check_logo(loaded: Loaded) -> tuple[str, list[Problem]]:
    """The logo's file URL, or '' with a warning when it is not a usable image."""
    value = loaded.scheme.brand.logo
    if not value:
        return "", []
    where = loaded.document.locate(("brand", "logo"))
    try:
        path = resolve_asset(loaded.root, value)
    except AssetRefused as exc:
        return "", [Problem(where, f"brand.logo: {exc}", severity="warning")]
    if why := _image_problem(path):
        return "", [Problem(where, f"brand.logo: '{value}' is not a usable image ({why}); "
                            "the packs show the organisation's name instead",
                            "use an SVG, PNG or JPEG file", severity="warning")]
    return print_url(path, loaded.root), []


def _image_problem(path: Path) -> str:
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except AssetRefused as exc:
        return str(exc)
    if path.suffix.lower() == ".svg":
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            return f"not valid SVG: {exc}"
        return "" if root.tag.rsplit("}", 1)[-1] == "svg" else "not an SVG document"
    try:
        with Image.open(BytesIO(data)) as image:
            image.load()  # a full decode: WeasyPrint fails on truncated files
    except UnidentifiedImageError:
        return "not a recognised image format"
    except Image.DecompressionBombError as exc:
        return f"too many pixels: {exc}"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"cannot be decoded: {exc}"
    return ""


def qr_data_uri(url: str, colour: str) -> str:
    """An SVG QR code for ``url`` as a data: URL, '' when there is no URL."""
    if not url:
        return ""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(scale=4, border=2, dark=colour if _dark_enough(colour)
                                 else "#000000"))


def _dark_enough(colour: str) -> bool:
    """Scanners need dark modules on white: keep the brand colour only if it is dark."""
    return text_on(colour) == "#ffffff"


BUNDLED_BODY = "Atkinson Hyperlegible Next"
_TOKENS = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(/?)(textarea|style|script|title)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@cache
def _bundled_coverage() -> frozenset[int]:
    with TTFont(FONTS / "atkinson-hyperlegible-next-400-normal.woff2", lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _bundled_letters() -> frozenset[str]:
    return frozenset(map(chr, _bundled_coverage()))


def _needs_fallback(char: str, covered: frozenset[int]) -> bool:
    if ord(char) in covered:
        return False
    return unicodedata.name(char, "").startswith("LATIN") or bool(unicodedata.combining(char))


def _map_text(html: str, change: Callable[[str], str]) -> str:
    """``html`` with ``change`` applied to each run of its body's text: not to tags,
    nor inside textarea, style, script or title."""
    head, marker, body = html.partition("<body")
    if not marker:
        return html
    parts = _TOKENS.split(body)
    raw = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if match := _RAW.match(part):
                raw = match.group(1) == ""
            continue
        if not raw and i:
            parts[i] = change(part)
    return head + marker + "".join(parts)


def keep_words_whole(html: str, body_font: str) -> str:
    """Draw a Latin word the body font cannot fully set (Vietnamese) in one font.

    Atkinson Hyperlegible Next lacks most Vietnamese letters; left alone,
    'Thị' is drawn in two fonts, looks patchy and comes out of the PDF as
    'Th ị'. Such words are wrapped in ``<span class="whole-word">``, set in
    Noto Sans. Other scripts fall back whole and need nothing.
    """
    if body_font != BUNDLED_BODY:
        return html
    covered = _bundled_coverage()
    letters = _bundled_letters()

    def change(text: str) -> str:
        if not any(_needs_fallback(c, covered) for c in set(text) - letters):
            return text  # the set difference spares a look at each letter (print HTML is long)
        return _WORD.sub(lambda m: f'<span class="whole-word">{m.group(0)}</span>'
                         if any(_needs_fallback(c, covered) for c in m.group(0))
                         else m.group(0), text)

    return _map_text(html, change)


_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|\b(?:[\w-]+\.)+[a-z]{2,}/(?:[^\s<]*[^\s<.,;:!?)])?")
"""A web address (also as printed, without 'https://': 'example.org/help') or an
email address."""
_CODE = re.compile(r"(?<![\w+])(?:\+?\(?\d[\d ()\-]{4,}\d|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})(?!\w)")
"""A phone number ('01632 960 600', '+1 212 555 0143') or a UK postcode ('SW1A 1AA')."""


def _codes(text: str) -> str:
    return _CODE.sub(lambda m: f'<span class="nobreak">{m.group(0)}</span>', text)


_AFTER_SLASH = re.compile(r"(?<=[@/])(?=[^/])")
_BEFORE_DOT = re.compile(r"(?<=\w)(?=\.\w)")


def _breakable(address: str) -> str:
    """``address`` with a zero-width space where it may break: after '@' and after
    a '/' (not inside '//'), and before a dot of its host name (not of its path:
    'support / .html' reads badly)."""
    start = address.find("//") + 2 if "//" in address else 0
    slash = address.find("/", start)
    host, path = (address, "") if slash < 0 else (address[:slash], address[slash:])
    return _AFTER_SLASH.sub("&#8203;", _BEFORE_DOT.sub("&#8203;", host) + path)


def keep_codes_whole(html: str) -> str:
    """Keep phone numbers and postcodes on one line ('01632 / 960 600' broke across
    lines), and let long web and email addresses break after '@' and '/' and
    before a dot (a zero-width space, which text extraction leaves out), so that
    neither squeezes a table's other columns nor breaks inside a word."""
    def change(text: str) -> str:
        out, start = [], 0
        for match in _ADDRESS.finditer(text):
            address = _breakable(match.group(0))
            out += [_codes(text[start:match.start()]),
                    f'<span class="address">{address}</span>']
            start = match.end()
        return "".join([*out, _codes(text[start:])])

    return _map_text(html, change)


_SPACE_BEFORE = re.compile(
    r"""(?<=\S) (<(?:strong|em|b|i|a|span)\b(?![^>]*\bclass=["']nobreak["'])[^>]*>)""",
    re.IGNORECASE)


def spaces_into_inline(html: str) -> str:
    """``html`` with the space before each inline element moved inside it.

    WeasyPrint 70 mishandles a line that may break just before an inline
    element: 'call the Staff Support Line on **0113 496 0999**' left
    'immediate' alone on the line above, and a table row pushed to the next
    page kept 'The' alone on its first line before a span. Inside the element
    the space is the same break opportunity, and the line breaks where it
    should. (Not into a span kept whole: the space before it is where the
    line may break.)"""
    head, marker, body = html.partition("<body")
    return head + marker + _SPACE_BEFORE.sub(lambda m: m.group(1) + " ", body) if marker else html
