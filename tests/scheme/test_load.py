"""load.py: YAML with positions, and every way a file can be unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest
from schemebook.core.errors import InputError
from schemebook.scheme.load import MAX_BYTES, load_yaml, parse_yaml


def only_problem(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "scheme.yml")
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


def test_positions_of_keys_and_values() -> None:
    doc = parse_yaml("name: A\nfocus:\n  aims:\n    - one\n    - two\n", "s.yml")
    assert doc.data == {"name": "A", "focus": {"aims": ["one", "two"]}}
    assert (doc.keys[("focus", "aims")].line, doc.keys[("focus", "aims")].column) == (3, 3)
    assert doc.values[("focus", "aims", 1)].line == 5
    # A key that is not in the file is located at its nearest parent.
    assert doc.locate(("focus", "aims", 7, "title")).line == 3


def test_duplicate_key_reports_both_lines() -> None:
    message = only_problem("themes:\n  - title: A\nname: X\nthemes:\n  - title: B\n")
    assert message.startswith("scheme.yml:4:1:")
    assert "duplicate key 'themes' (first given at line 1)" in message


def test_tabs_get_a_plain_message() -> None:
    message = only_problem("focus:\n\taims: [a]\n")
    assert "scheme.yml:2:1:" in message and "tab character" in message


def test_empty_file_and_comment_only_file() -> None:
    assert "the file is empty" in only_problem("")
    assert "the file is empty" in only_problem("# just a comment\n\n")


def test_top_level_list_is_refused() -> None:
    assert "top level must be a mapping" in only_problem("- name: A\n")


def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    flag = tmp_path / "ran"
    text = f"name: !!python/object/apply:os.system ['touch {flag}']\n"
    message = only_problem(text)
    assert "!!python/object/apply:os.system is not allowed" in message
    assert not flag.exists()


def test_billion_laughs_stops_before_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    message = only_problem("\n".join(lines) + "\n")
    assert "aliases" in message or "expands to more than" in message


def test_unquoted_colon_gets_a_hint() -> None:
    message = only_problem("name: Voices: Upward\n")
    assert "scheme.yml:1:13:" in message and "put in quotes" in message


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "scheme.yml"
    path.write_bytes(b"name: ok\norganisation: Caf\xe9 Society\n")
    with pytest.raises(InputError) as info:
        load_yaml(path)
    assert str(info.value.problems[0]).startswith(f"{path}:2:18:")
    assert "not valid UTF-8" in str(info.value)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "scheme.yml"
    path.write_text("name: x\n" + "# padding\n" * (MAX_BYTES // 10 + 1), encoding="utf-8")
    with pytest.raises(InputError, match="the limit is"):
        load_yaml(path)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "scheme.yml"
    path.write_bytes("\ufeffname: Word user\n".encode())
    assert load_yaml(path).data == {"name": "Word user"}


def test_merge_keys_still_work() -> None:
    doc = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", "s.yml")
    assert doc.data["other"] == {"x": 1, "y": 2}
