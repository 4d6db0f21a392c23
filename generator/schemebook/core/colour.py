"""WCAG colour arithmetic: contrast ratios, readable text, passing shades."""

from __future__ import annotations

from dataclasses import dataclass

WHITE, BLACK = "#ffffff", "#000000"


def _channels(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2.2 defines it (0 black, 1 white)."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or black, whichever reads better on ``background``."""
    return WHITE if contrast(background, WHITE) >= contrast(background, BLACK) else BLACK


def mix(colour: str, other: str, amount: float) -> str:
    """Blend ``amount`` (0-1) of ``other`` into ``colour``."""
    a, b = _channels(colour), _channels(other)
    mixed = (round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def passing_shade(colour: str, background: str, ratio: float) -> str:
    """The nearest darker or lighter shade of ``colour`` reaching ``ratio`` on ``background``."""
    if contrast(colour, background) >= ratio:
        return colour
    target = BLACK if luminance(background) > 0.18 else WHITE
    for step in range(1, 101):
        shade = mix(colour, target, step / 100)
        if contrast(shade, background) >= ratio:
            return shade
    return target


TEXT_RATIO = 4.5
"""WCAG 2.2 AA contrast for text: links, headings and the accent, on white."""


@dataclass(frozen=True)
class Palette:
    """The brand's colours as every output shows them, decided once.

    The site and the packs both take their colours from here, so a colour
    darkened for contrast is darkened in both, never in one only.
    """

    primary: str
    """As given: backgrounds of the header and covers."""
    on_primary: str
    """White or black, for text on the primary colour."""
    primary_text: str
    """The primary colour as text on white (headings, links): darkened to 4.5:1 if need be."""
    accent: str
    """The accent as shown everywhere (link hovers, focus rings, the cover stripe and
    warning borders): darkened to 4.5:1 on white if need be."""
    on_accent: str


def palette(primary: str, accent: str) -> Palette:
    """The colours shown for a brand's primary and accent."""
    shown_accent = passing_shade(accent, WHITE, TEXT_RATIO)
    return Palette(primary, text_on(primary), passing_shade(primary, WHITE, TEXT_RATIO),
                   shown_accent, text_on(shown_accent))
