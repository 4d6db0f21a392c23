"""The bundled fonts' style sheet, ``fonts.css``, made from the table of their files.

Its ``@font-face`` rules differ only in family, style, weight, file and the
characters the file holds, so ``fonts.json`` beside the fonts (written with
them by scripts/build_fonts.py) lists just those, and the rules are made from
it: the very text the site, print and the evaluation report have always been
given, without six copies of one rule to keep alike. No fonts.css is stored;
whatever reads schemebook's own files asks :func:`made_file` first.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .paths import FONTS

FONTS_CSS = FONTS / "fonts.css"
"""Where the style sheet is found, by the site, print and the report, as if stored there."""

_HEADER = """\
/*
 * Bundled web fonts for schemebook, for the website and for WeasyPrint PDFs.
 * Written by scripts/build_fonts.py; see README.md in this folder for where
 * the fonts come from and their licence (SIL Open Font License 1.1).
 *
 * One file per weight and style (not per Unicode subset): WeasyPrint 70
 * mixes up glyphs when one face is split over several files.
 * unicode-range lists exactly the characters each file contains.
 *
 * Arabic and Chinese are not bundled: the system fonts from Debian's
 * fonts-noto-core and fonts-noto-cjk cover them (found through fontconfig).
 */
"""

_RULE = """
@font-face {{
  font-family: "{family}";
  font-style: {style};
  font-weight: {weight};
  font-display: swap;
  src: url("{file}") format("woff2");
  unicode-range: {unicode_range};
}}
"""


@cache
def fonts_css() -> bytes:
    """fonts.css: one rule per row of fonts.json, in its order."""
    table = json.loads((FONTS / "fonts.json").read_text(encoding="utf-8"))
    return (_HEADER + "".join(_RULE.format(**face) for face in table["faces"])).encode()


def made_file(path: Path) -> bytes | None:
    """The bytes of ``path`` when it names a file schemebook makes rather than stores
    (fonts.css), else None: then the file itself is read."""
    return fonts_css() if path.resolve() == FONTS_CSS.resolve() else None
