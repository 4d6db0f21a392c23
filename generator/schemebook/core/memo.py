"""Results of pure functions of a text, kept by the text's digest, in one process.

``serve`` rebuilds the whole project after every edit, and nearly every page and
print document comes out as before: a step that is a pure function of its text
(a page's repairs, a print document's finishing) is done again only for texts it
has not seen. Each memo is bounded; the oldest entries go first.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def digest(*parts: str | bytes) -> bytes:
    """A short digest of ``parts`` (joined so that ("ab", "c") and ("a", "bc") differ)."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.digest()


class Memo(Generic[T]):
    """At most ``size`` results, by key; the least recently used goes first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: OrderedDict[bytes, T] = OrderedDict()

    def get(self, key: bytes) -> T | None:
        found = self.kept.get(key)
        if found is not None:
            self.kept.move_to_end(key)
        return found

    def put(self, key: bytes, value: T) -> T:
        self.kept[key] = value
        self.kept.move_to_end(key)
        while len(self.kept) > self.size:
            self.kept.popitem(last=False)
        return value

    def of(self, text: str, make: Callable[[str], T]) -> T:
        """``make(text)``, made once for each text while it stays in the memo."""
        key = digest(text)
        found = self.get(key)
        return found if found is not None else self.put(key, make(text))
