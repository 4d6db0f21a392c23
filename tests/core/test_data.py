"""The built-in data tables: each one reads, and only its text goes to translators."""

from __future__ import annotations

import pytest
from schemebook.core.data import CODE_KEYS, TABLES, read_table, texts


@pytest.mark.parametrize("name", TABLES)
def test_every_table_is_a_mapping_of_text(name: str) -> None:
    table = read_table(name)
    assert table and all(isinstance(text, str) and text.strip() for text in texts(table))


def test_texts_leave_out_keys_and_what_the_program_reads() -> None:
    row = {"id": "valued", "text": "People value me.", "audience": "mentors",
           "scale": "agree5", "reverse": True, "measure": "value", "surveys": ["post"]}
    assert list(texts({"items": [row], "consent": ["I agree."]})) == [
        "People value me.", "I agree."]
    assert set(row) - {"text", "reverse"} == CODE_KEYS
