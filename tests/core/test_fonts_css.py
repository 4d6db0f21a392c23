"""fonts.css is made from fonts.json: one rule per bundled file, served under its old name."""

from __future__ import annotations

import json

from schemebook.core.fonts import FONTS_CSS, fonts_css, made_file
from schemebook.core.paths import FONTS


def test_every_face_names_a_bundled_file_and_gets_one_rule() -> None:
    faces = json.loads((FONTS / "fonts.json").read_text(encoding="utf-8"))["faces"]
    css = fonts_css().decode()
    assert css.count("@font-face {") == len(faces)
    for face in faces:
        assert (FONTS / face["file"]).is_file()
        assert f'src: url("{face["file"]}") format("woff2");' in css


def test_only_fonts_css_is_made() -> None:
    assert not FONTS_CSS.exists()
    assert made_file(FONTS_CSS) == fonts_css()
    assert made_file(FONTS / "fonts.json") is None
