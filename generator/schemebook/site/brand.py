"""The brand in the site's CSS: the scheme's colours and fonts as Material's variables.

Colours are checked hex codes and font names checked family names
(:mod:`schemebook.plan.checks`); each name is still written as an escaped CSS
string, so nothing from scheme.yml can end a rule or add one.
"""

from __future__ import annotations

from ..core.colour import WHITE, contrast, mix, palette, passing_shade, text_on
from ..core.emoji import FAMILY as EMOJI_FAMILY
from ..core.emoji import unicode_range
from ..core.escape import css_string
from ..scheme.models import Brand, Scheme

FOCUS_RATIO = 3.0
"""A focus ring contrasts at least this much with the surface around it (WCAG 1.4.11)."""

ADMONITIONS = ("#448aff", "#00b0ff", "#00b8d4", "#00bfa5", "#00c853", "#64dd17", "#ff9100",
               "#ff5252", "#ff1744", "#f50057", "#7c4dff", "#9e9e9e")
"""Material's admonition colours; a box's title (a details summary) sits on a 10% tint."""

LIGHT_SURFACES = ("#ffffff", "#f5f5f5", "#ededed", *(mix(c, WHITE, 0.9) for c in ADMONITIONS))
"""Where a focused element can sit on a light page: the page, code blocks, a focused
link in a header menu's list (Material's #00000012 over white), admonition titles
(Material's 10% tints, as they look over white). Tables are white."""

FOOTER_SURFACES = ("#212121", "#161616")
"""Material's footer (#000000de over the page) and its bottom strip (#00000052 over that)."""


def focus_colours(brand: Brand) -> dict[str, str]:
    """The focus ring's colour on each kind of surface, a shade of the brand's primary.

    On the page and in the footer, the primary is darkened or lightened until it
    contrasts 3:1 with every surface of that kind; on the header (the primary
    itself) the ring takes the header's text colour, which contrasts 4.5:1.
    """
    primary = brand.primary
    page = primary
    for surface in LIGHT_SURFACES:
        page = passing_shade(page, surface, FOCUS_RATIO)
    footer = primary
    for surface in FOOTER_SURFACES:
        footer = passing_shade(footer, surface, FOCUS_RATIO)
    return {"page": page, "primary": text_on(primary), "footer": footer}


def focus_contrasts(brand: Brand) -> dict[str, float]:
    """The lowest contrast of each ring with the surfaces it sits on."""
    colours = focus_colours(brand)
    return {
        "page": min(contrast(colours["page"], s) for s in LIGHT_SURFACES),
        "primary": contrast(colours["primary"], brand.primary),
        "footer": min(contrast(colours["footer"], s) for s in FOOTER_SURFACES),
    }


EMOJI_FILE = "assets/fonts/noto-emoji.woff2"
"""Where a site that holds emoji gets the emoji font, cut down to them."""


def brand_css(scheme: Scheme, emoji: frozenset[str] = frozenset()) -> str:
    """CSS variables that put the scheme's colours and fonts into Material; with
    ``emoji``, the bundled emoji font for them, last in the font stacks."""
    brand = scheme.brand
    colours = palette(brand.primary, brand.accent)  # the packs show the same colours
    primary, on_primary = colours.primary, colours.on_primary
    font, heading = css_string(brand.font), css_string(brand.heading_font or brand.font)
    focus, lowest = focus_colours(brand), focus_contrasts(brand)
    last = f', "{EMOJI_FAMILY}"' if emoji else ""
    face = [f'@font-face {{ font-family: "{EMOJI_FAMILY}"; font-display: swap; '
            f'src: url("{EMOJI_FILE.removeprefix("assets/")}") format("woff2"); '
            f"unicode-range: {unicode_range(emoji)}; }}"] if emoji else []
    return "\n".join([
        *face,
        ":root, [data-md-color-scheme=default] {",
        f"  --md-primary-fg-color: {primary};",
        f"  --md-primary-fg-color--light: {mix(primary, '#ffffff', 0.2)};",
        f"  --md-primary-fg-color--dark: {mix(primary, '#000000', 0.2)};",
        f"  --md-primary-bg-color: {on_primary};",
        f"  --md-primary-bg-color--light: {on_primary}b3;",
        f"  --md-accent-fg-color: {colours.accent};",
        f"  --md-accent-fg-color--transparent: {colours.accent}1a;",
        f"  --md-accent-bg-color: {colours.on_accent};",
        f"  --md-typeset-a-color: {colours.primary_text};",
        f"  --md-text-font: {font}, \"Noto Sans\"{last};",
        f"  --md-code-font: {font}, monospace{last};",
        f"  --schemebook-heading-font: {heading}, {font}, \"Noto Sans\"{last};",
        *(f"  --schemebook-focus-{surface}: {colour}; /* at least {lowest[surface]:.2f}:1 */"
          for surface, colour in focus.items()),
        "}",
        f"/* contrast of header text on primary: {contrast(primary, on_primary):.2f}:1 */",
        "",
    ])
