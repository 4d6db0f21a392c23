"""Built-in tables of English text, kept as data files in the package.

The sentences that differ by sector, the survey instruments and the
reflective models are tables, not logic: each lives in a YAML file beside
the module that reads it into its own types (shipped in the wheel like the
defaults), where a row reads as text rather than as code. The text stays
English there and is translated where it is shown, as ``N_()`` strings are;
scripts/extract_messages.py takes it into schemebook.pot with :func:`texts`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import yaml

from .paths import PACKAGE

TABLES = ("scheme/sectors.yml", "plan/instruments.yml", "plan/reflection.yml")
"""Every data file of built-in text, by its path in the package."""

CODE_KEYS = frozenset({"id", "audience", "scale", "measure", "surveys"})
"""Keys of those tables whose values the program reads (ids, who answers, which
scale): never shown as they are, so never translated."""


@cache
def read_table(name: str) -> Mapping[str, Any]:
    """The mapping that the data file ``name`` (one of TABLES) holds, read once per
    process and shared: callers read it into their own rows and never change it."""
    data = yaml.safe_load((PACKAGE / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise TypeError(f"{name} must hold a mapping")
    return data


def texts(data: Any) -> Iterator[str]:
    """Every text of a table for translators: each string in it, but the keys and
    the values of CODE_KEYS."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in CODE_KEYS:
                yield from texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from texts(value)
