"""The message catalogues: current, complete, and safe to format.

These tests read the .po files as a translator leaves them; they build
nothing. tests/test_welsh.py builds the example in Welsh.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO

EXTRACT = REPO / "scripts" / "extract_messages.py"


def test_template_is_current() -> None:
    """A new or changed English string must reach schemebook.pot (and so the
    translators) in the same commit: run scripts/extract_messages.py --update."""
    done = subprocess.run([sys.executable, str(EXTRACT), "--check"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_template_has_no_dates_or_line_numbers() -> None:
    """Line numbers and dates would make the template churn on every edit."""
    text = (LOCALES / "schemebook.pot").read_text(encoding="utf-8")
    assert "POT-Creation-Date" not in text
    assert not re.search(r"^#: .*:\d+", text, re.MULTILINE)


LOCALES = REPO / "generator" / "schemebook" / "locales"
DEFAULTS = REPO / "generator" / "schemebook" / "scheme" / "defaults"
PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?[sd%]")

SAME_AS_ENGLISH = {
    "cy": {
        # Welsh uses the same words.
        "Agenda",
        "Sector",
        # The statistician's letter for a p-value, in every language.
        "p",
    },
}
"""Entries a language may leave as in English: names and words that really are
the same. Anything else equal to its English original is an untranslated
string that would slip through every other check."""


def _catalogue(language: str) -> Any:
    with (LOCALES / f"{language}.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _template() -> Any:
    with (LOCALES / "schemebook.pot").open("rb") as handle:
        return read_po(handle)


def _languages() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.po"))


def _forms(message: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(ids), tuple(strings)


def test_welsh_is_shipped() -> None:
    assert "cy" in _languages()


@pytest.mark.parametrize("language", _languages())
def test_catalogue_has_exactly_the_template_strings(language: str) -> None:
    """Every string of the template is in the catalogue and nothing else is:
    a string the code no longer uses would be dead weight for translators."""
    wanted = {m.id for m in _template() if m.id}
    have = {m.id for m in _catalogue(language) if m.id}
    assert not wanted - have, f"missing from {language}.po: {sorted(wanted - have)[:10]}"
    assert not have - wanted, f"unused in {language}.po: {sorted(have - wanted)[:10]}"


@pytest.mark.parametrize("language", _languages())
def test_every_entry_translated(language: str) -> None:
    catalog = _catalogue(language)
    empty = [m.id for m in catalog if m.id and not all(_forms(m)[1])]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not empty, f"untranslated in {language}.po: {empty[:10]}"
    assert not fuzzy, f"fuzzy (ignored at run time) in {language}.po: {fuzzy[:10]}"
    if isinstance(catalog.num_plurals, int):
        short = [m.id for m in catalog if isinstance(m.id, tuple)
                 and len(_forms(m)[1]) != catalog.num_plurals]
        assert not short, f"wrong number of plural forms: {short[:5]}"


@pytest.mark.parametrize("language", _languages())
def test_placeholders_match(language: str) -> None:
    """A translation must keep every %(name)s of its original and add none:
    a missing one loses information, an extra one crashes the build."""
    wrong = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids, strings = _forms(message)
        allowed = set(PLACEHOLDER.findall(" ".join(ids)))
        needed = set(PLACEHOLDER.findall(ids[0]))
        for i, text in enumerate(strings):
            found = set(PLACEHOLDER.findall(text))
            # In a plural entry the count may be left out (Welsh: "Un cofnod"),
            # but only in the form for one; every other field must stay.
            must = needed if len(ids) > 1 and i == 1 else allowed
            must = must - ({"%(num)s", "%(num)d"} if len(ids) > 1 else set())
            if found - allowed or must - found:
                wrong.append((ids[0], text))
    assert not wrong, "\n".join(f"{a!r} -> {b!r}" for a, b in wrong[:10])


@pytest.mark.parametrize("language", _languages())
def test_no_entry_left_in_english(language: str) -> None:
    allowed = SAME_AS_ENGLISH.get(language, set())
    same = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids, strings = _forms(message)
        for text in strings:
            words = PLACEHOLDER.sub("", text)
            if text in ids and re.search(r"[^\W\d_]", words) and text not in allowed:
                same.append(text)
    assert not same, f"equal to the English in {language}.po: {same[:10]}"


@pytest.mark.parametrize("language", _languages())
def test_catalogue_formats_at_run_time(language: str) -> None:
    """Through the real translator, every entry formats with made-up values."""
    from schemebook.core.i18n import Translator

    tr = Translator.for_language(language)
    for message in _catalogue(language):
        if not message.id:
            continue
        ids, _strings = _forms(message)
        names = {m.group(1) for m in re.finditer(r"%\((\w+)\)", " ".join(ids))}
        values: dict[str, object] = {name: 7 for name in names}
        if len(ids) > 1:
            for n in (0, 1, 2, 3, 6, 11):
                values.pop("num", None)
                assert tr.ngettext(ids[0], ids[1], n, **values)
        else:
            assert tr.gettext(ids[0], **values) if values else tr.gettext(ids[0])


def test_welsh_is_marked_as_a_draft_for_review() -> None:
    """Until a Welsh speaker has reviewed them, the catalogue and the Welsh
    defaults say so at the top, where a reviewer will look first."""
    po = (LOCALES / "cy.po").read_text(encoding="utf-8")
    defaults = (DEFAULTS / "cy.yml").read_text(encoding="utf-8")
    for text in (po, defaults):
        head = text[:1500].lower()
        assert "draft for review by a welsh speaker" in head


def test_welsh_defaults_have_the_english_keys() -> None:
    """cy.yml replaces en.yml whole for a Welsh scheme, so a key missing from it
    would be missing from every Welsh handbook."""
    english = yaml.safe_load((DEFAULTS / "en.yml").read_text(encoding="utf-8"))
    welsh = yaml.safe_load((DEFAULTS / "cy.yml").read_text(encoding="utf-8"))

    def keys(node: Any, path: str = "") -> set[str]:
        if isinstance(node, dict):
            return set().union(*(keys(v, f"{path}.{k}") | {f"{path}.{k}"}
                                 for k, v in node.items())) if node else set()
        if isinstance(node, list):
            return set().union(*(keys(v, f"{path}[{i}]") for i, v in enumerate(node))) \
                if node else set()
        return set()

    missing = keys(english) - keys(welsh)
    assert not missing, sorted(missing)
    # Values the program reads stay as they are in English.
    for read in ("id", "audience", "format", "topic", "minutes", "start", "end"):
        assert _values(english, read) == _values(welsh, read), read


def _values(node: Any, key: str) -> list[Any]:
    """Every scalar under ``key`` anywhere in ``node``, in document order."""
    found: list[Any] = []
    if isinstance(node, dict):
        if key in node and not isinstance(node[key], dict | list):
            found.append(node[key])
        for value in node.values():
            found.extend(_values(value, key))
    elif isinstance(node, list):
        for value in node:
            found.extend(_values(value, key))
    return found
