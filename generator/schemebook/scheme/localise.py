"""Scheme values written in more than one language, resolved to one of them.

Any text in scheme.yml may be a plain string or one string per language::

    title:
      en: Belonging and community
      cy: Perthyn a chymuned

:func:`localise` runs on the loaded data before validation, for the language
being built: each such mapping becomes the string for that language, in the
same place, so every later message still points at the right line. A
mapping is a per-language value when it is not empty and all its keys are
language codes schemebook knows (those with a catalogue, plus any listed in
``languages``); no key of the scheme file is a language code, so a section
is never mistaken for one.

A value without the language being built falls back to English (else to the
first language given), with a warning at the key, so a half-translated
scheme still builds and says what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.errors import Problem
from ..core.i18n import DEFAULT_LANGUAGE, available_languages
from .load import Document, KeyPath, dotted

Plain = Any


def scheme_languages(data: Plain) -> list[str]:
    """The languages a scheme is built in, main one first.

    ``languages: [en, cy]`` gives both; otherwise ``language`` alone (English
    when it is missing). Values of the wrong type are left for validation.
    """
    if isinstance(data, dict):
        listed = data.get("languages")
        if isinstance(listed, list) and listed and all(isinstance(c, str) for c in listed):
            return list(dict.fromkeys(listed))
        single = data.get("language")
        if isinstance(single, str) and single:
            return [single]
    return [DEFAULT_LANGUAGE]


def known_languages(data: Plain) -> set[str]:
    """Codes that mark a per-language value: shipped catalogues and the scheme's own."""
    codes = set(available_languages())
    if isinstance(data, dict):
        codes.update(c for c in [data.get("language"), *(data.get("languages") or [])]
                     if isinstance(c, str))
    return codes


def is_localised(node: Plain, codes: Iterable[str]) -> bool:
    """True for ``{en: ..., cy: ...}``: keys all language codes, values all text."""
    known = set(codes)
    return (isinstance(node, dict) and bool(node)
            and all(isinstance(k, str) and k in known for k in node)
            and all(isinstance(v, str | int | float) or v is None for v in node.values()))


def localise(data: Plain, language: str, document: Document | None = None,
             codes: Iterable[str] | None = None) -> tuple[Plain, list[Problem]]:
    """``data`` with every per-language value replaced by its ``language`` text.

    Pure: ``data`` is not changed. Returns the new data and a warning for each
    value that had no text in ``language``.
    """
    known = set(codes) if codes is not None else known_languages(data)
    warnings: list[Problem] = []

    def pick(node: dict[str, Any], path: KeyPath) -> Any:
        if language in node:
            return node[language]
        fallback = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in node else next(iter(node))
        if document is not None:
            warnings.append(Problem(
                document.locate(path), f"{dotted(path)} has no '{language}' text; "
                f"the '{language}' build uses the '{fallback}' text",
                f"add {language}: ... under {dotted(path)}", severity="warning"))
        return node[fallback]

    def walk(node: Any, path: KeyPath) -> Any:
        if is_localised(node, known):
            return pick(node, path)
        if isinstance(node, dict):
            return {key: walk(value, (*path, key)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value, (*path, i)) for i, value in enumerate(node)]
        return node

    return walk(data, ()), warnings
