"""The bundled emoji font, cut down to the emoji a site or a PDF holds.

An emoji in an ice-breaker printed as an empty box: Debian's colour emoji
font is an 11 MB bitmap font that WeasyPrint 70 does not draw, and no
other font has the glyphs. schemebook bundles the monochrome Noto Emoji
(``assets/emoji/``, from npm ``@fontsource/noto-emoji``, SIL Open Font
License 1.1; ``scripts/build_fonts.py`` merges its slices into one file).
Each site and each PDF gets a copy with only the emoji it uses, named last in
the font stacks, so the text fonts keep every character they have.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from .paths import ASSETS, FONTS

EMOJI_FONT = ASSETS / "emoji" / "noto-emoji-400-normal.woff2"
FAMILY = "Noto Emoji"
_TEXT_FONT = FONTS / "atkinson-hyperlegible-next-400-normal.woff2"
_JOINERS = frozenset({0x200D, 0xFE0F, 0x20E3})
"""Zero-width joiner, emoji presentation selector, keycap: parts of emoji sequences."""


@cache
def _emoji_only() -> frozenset[int]:
    """Code points the emoji font has and the bundled text font lacks (ASCII aside)."""
    with TTFont(EMOJI_FONT, lazy=True) as emoji, TTFont(_TEXT_FONT, lazy=True) as text:
        covered = set(text.getBestCmap())
        return frozenset(c for c in emoji.getBestCmap() if c > 0x7F and c not in covered)


def emoji_in(text: str) -> frozenset[str]:
    """The characters of ``text`` that only the emoji font draws; empty for most text."""
    found = frozenset(c for c in set(text) if ord(c) in _emoji_only())
    return found if found - {chr(c) for c in _JOINERS} else frozenset()


@cache
def emoji_font(chars: frozenset[str], flavor: str | None = None) -> bytes:
    """The emoji font with only ``chars`` (and the sequences they start), as TrueType
    bytes, or WOFF2 with ``flavor='woff2'``."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.flavor = flavor
    font = TTFont(EMOJI_FONT)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars} | _JOINERS)
    subsetter.subset(font)
    out = BytesIO()
    font.flavor = flavor
    font.save(out)
    return out.getvalue()


def unicode_range(chars: frozenset[str]) -> str:
    """A CSS unicode-range naming exactly ``chars`` and the joiners."""
    points = sorted({ord(c) for c in chars} | _JOINERS)
    return ",".join(f"U+{p:04X}" for p in points)
