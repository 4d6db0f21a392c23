"""Role names inside sentences and titles (core.text)."""

from __future__ import annotations

import pytest


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
    from schemebook.core.text import in_sentence

    assert in_sentence(label) == inside


def test_a_pack_title_starts_with_a_capital_and_keeps_the_role_in_lower_case() -> None:
    from schemebook.core.i18n import Translator
    from schemebook.core.text import in_sentence, sentence_start

    for code, title in (("en", "Mentor rheng flaen pack"), ("cy", "Pecyn mentor rheng flaen")):
        tr = Translator.for_language(code)
        made = sentence_start(tr.gettext("%(role)s pack", role=in_sentence("Mentor rheng flaen")))
        assert made == title
