"""Pure steps kept by their text's digest; the memory folder serve builds in."""

from __future__ import annotations

import os
from pathlib import Path

from schemebook.core.disk import memory_temp
from schemebook.core.memo import Memo, digest


def test_a_text_is_made_once_and_the_oldest_goes_first() -> None:
    made: list[str] = []
    memo: Memo[str] = Memo(2)

    def shout(text: str) -> str:
        made.append(text)
        return text.upper()

    assert [memo.of(t, shout) for t in ("a", "b", "a", "c", "a", "b")] == \
        ["A", "B", "A", "C", "A", "B"]
    # "a" was used again before "c" came, so "b" was the one to go
    assert made == ["a", "b", "c", "b"]


def test_digest_keeps_the_parts_apart() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest(b"ab", "c")
    assert digest("\udc80") != digest("?"), "a lone surrogate is hashed, not replaced"


def test_a_memory_folder_is_used_only_with_room(tmp_path: Path) -> None:
    roomy = str(tmp_path)
    assert memory_temp((str(tmp_path / "missing"), roomy), room=0) == roomy
    assert memory_temp((roomy,), room=1 << 62) is None, "not enough room: the default"
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() != 0:  # root may write anywhere
        assert memory_temp((str(locked),), room=0) is None
