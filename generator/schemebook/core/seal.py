"""Seals on cache entries: only what this user's schemebook wrote is ever reused.

``.schemebook-cache/`` sits in the project, where anyone who can commit
to the project can put files (a ``.gitignore`` stops nobody who means it).
A compiled template there would run as Python, outside Jinja's sandbox,
and a cached PDF or page would be published as it is. So every entry is
sealed with an HMAC whose key lives outside the project, in the user's
own cache folder (``~/.cache/schemebook/cache-key``, readable by its owner
only): an entry that was not sealed with this key is simply not used.
Where no key can be kept, a key for this process only is used, so caches
then help within one run (``serve``) and are rebuilt after.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

KEY_BYTES = 32


def key_file() -> Path:
    """Where this user's cache key is kept: outside every project."""
    return Path.home() / ".cache" / "schemebook" / "cache-key"


@cache
def _key() -> bytes:
    path = key_file()
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}")
        with open(temp, "wb", opener=lambda p, flags: os.open(p, flags, 0o600)) as out:
            out.write(key)
        os.replace(temp, path)
        written = path.read_bytes()  # another process may have won the race: use its key
    except OSError:
        return key  # a read-only home: this process's key, caches help within this run only
    return written if len(written) == KEY_BYTES else key


def seal(*parts: bytes) -> str:
    """The seal of ``parts`` (hex), made with this user's key."""
    mac = hmac.new(_key(), digestmod=hashlib.sha256)
    for part in parts:
        mac.update(hashlib.sha256(part).digest())
    return mac.hexdigest()


def sealed(seal_text: object, *parts: bytes) -> bool:
    """True when ``seal_text`` is this user's seal of ``parts``."""
    return isinstance(seal_text, str) and hmac.compare_digest(seal_text, seal(*parts))
