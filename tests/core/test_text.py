"""core.text: slugs and anchors in every script (ASCII output exactly as before),
and role names inside sentences and titles."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.toc import slugify
from schemebook.commands.build import build
from schemebook.core.i18n import Translator
from schemebook.core.options import Options
from schemebook.core.text import anchor, ascii_key, in_sentence, sentence_start, slug


@given(st.text(alphabet=string.printable, max_size=40), st.sampled_from(["-", "_"]))
def test_anchor_is_markdowns_own_for_ascii(text: str, separator: str) -> None:
    """Anchors people have linked to must not move: for ASCII, Python-Markdown's slug."""
    assert anchor(text, separator) == slugify(text, separator)


def test_anchor_and_slug_keep_every_script_whole() -> None:
    assert anchor("الانتماء والهوية") == "الانتماء-والهوية"
    assert anchor("归属与社区") == "归属与社区"
    # Devanagari vowel signs and the virama are part of the letters, not accents.
    assert anchor("अनन्या शर्मा") == slug("अनन्या शर्मा") == "अनन्या-शर्मा"
    assert anchor("Nguyễn Thị Lan") == slug("Nguyễn Thị Lan") == "nguyen-thi-lan"
    assert anchor("Perthyn a chymuned: ŵyr") == "perthyn-a-chymuned-wyr"


def test_ascii_slugs_and_calendar_keys_are_unchanged() -> None:
    """Calendar UIDs and calendar.lock are keyed on these: the words they always gave."""
    assert slug("Joint launch!") == "joint-launch"
    assert slug("Mentor's role", "_") == "mentor_s_role"
    assert slug("Café 2026-27") == "cafe-2026-27"
    assert ascii_key("Training for student mentors") == "training-for-student-mentors"
    assert ascii_key("अनन्या शर्मा") == ascii_key("अनन्या शर्मा") != ascii_key("अनन्या")
    assert re.fullmatch(r"x[0-9a-f]{8}", ascii_key("归属与社区"))


def test_ascii_slugs_spell_latin_letters_that_do_not_decompose() -> None:
    """Personal file names are ASCII: 'Đặng' lost its first letter ('ang') and 'Łucja'
    hers ('ucja'); they are spelt as their languages spell them without accents."""
    assert slug("Đặng Thu Hà", ascii_only=True) == "dang-thu-ha"
    assert slug("Łucja Øvergård-Strauß", ascii_only=True) == "lucja-overgard-strauss"
    assert slug("Æsa Þórsdóttir", ascii_only=True) == "aesa-thorsdottir"
    assert slug("Gwenllian ap Rhys", ascii_only=True) == "gwenllian-ap-rhys"
    assert slug("अनन्या शर्मा", ascii_only=True) == ""


def test_headings_in_other_scripts_get_anchors_of_their_own_words(
        make_project: Callable[..., Path]) -> None:
    """Markdown's own slug gave '_1', '_2' for headings with no ASCII letter."""
    page = ("# Themes\n\n## الانتماء\n\nText.\n\n## 归属与社区\n\nText.\n\n"
            "## अनन्या शर्मा\n\nText.\n\n## Getting started\n\nText.\n")
    out = build(make_project(files={"content/scripts.md": page}),
                options=Options(packs=False)).out
    html = (out / "scripts.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert ids == ["الانتماء", "归属与社区", "अनन्या-शर्मा", "getting-started"]
    assert 'href="#अनन्या-शर्मा"' in html  # the page's contents link to them


def test_archive_folder_of_a_cohort_in_another_script(
        make_project: Callable[..., Path]) -> None:
    scheme = make_project(cohort="पहला समूह 2026")
    out = build(scheme, options=Options(packs=False)).out
    build(scheme, options=Options(packs=False), archive=True)
    assert (out / "archive" / "पहला-समूह-2026" / "index.html").is_file()


@pytest.mark.parametrize(("label", "inside"), [
    ("Mentor rheng flaen", "mentor rheng flaen"),
    ("Uwch fentorai", "uwch fentorai"),
    ("Student mentor", "student mentor"),
    ("LGBTQ+ mentor", "LGBTQ+ mentor"),
    ("LHDTC+ mentoriaid", "LHDTC+ mentoriaid"),
    ("mentor", "mentor"),
    ("", ""),
])
def test_in_sentence_lowers_the_first_letter_but_not_an_acronym(label: str, inside: str) -> None:
    assert in_sentence(label) == inside


def test_a_pack_title_starts_with_a_capital_and_keeps_the_role_in_lower_case() -> None:
    for code, title in (("en", "Mentor rheng flaen pack"), ("cy", "Pecyn mentor rheng flaen")):
        tr = Translator.for_language(code)
        made = sentence_start(tr.gettext("%(role)s pack", role=in_sentence("Mentor rheng flaen")))
        assert made == title
