"""The brand in the site's CSS: the scheme's colours and fonts as Material's variables."""

from __future__ import annotations

from ..core.colour import contrast, mix, palette
from ..scheme.models import Scheme


def brand_css(scheme: Scheme) -> str:
    """CSS variables that put the scheme's colours and fonts into Material."""
    brand = scheme.brand
    colours = palette(brand.primary, brand.accent)  # the packs show the same colours
    primary, on_primary = colours.primary, colours.on_primary
    heading = brand.heading_font or brand.font
    return "\n".join([
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
        f"  --md-text-font: \"{brand.font}\", \"Noto Sans\";",
        f"  --md-code-font: \"{brand.font}\", monospace;",
        f"  --schemebook-heading-font: \"{heading}\", \"{brand.font}\", \"Noto Sans\";",
        "}",
        f"/* contrast of header text on primary: {contrast(primary, on_primary):.2f}:1 */",
        "",
    ])
