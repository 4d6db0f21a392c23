"""Welsh spelling, checked against Debian's aspell-cy dictionary.

aspell-cy is old and does not know many words in everyday use today
("gwefan", "ar-lein", "cydlynydd"), so words it does not know but are right
are listed, one per line with the reason, in ``welsh-words.txt`` beside this
file. A word is accepted when aspell knows it, when it is on that list, or
when it is a mutated form of a word on the list ("fentor" for "mentor"). A
hyphenated word is accepted when aspell knows it whole or knows each part.
Any other word fails the check: correct it, or, if it is right, add it to
the list with the reason (docs/translating.md).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from support.welsh import tokens

ALLOW_LIST = Path(__file__).with_name("welsh-words.txt")

_UNMUTATE = [
    # soft
    ("f", ("b", "m")), ("dd", ("d",)), ("l", ("ll",)), ("r", ("rh",)), ("b", ("p",)),
    ("d", ("t",)), ("g", ("c",)), ("", ("g",)),
    # nasal
    ("ngh", ("c",)), ("mh", ("p",)), ("nh", ("t",)), ("ng", ("g",)), ("m", ("b",)),
    ("n", ("d",)),
    # aspirate, and the h before a vowel after "ei" (her), "eu", "ein"
    ("ch", ("c",)), ("ph", ("p",)), ("th", ("t",)), ("h", ("",)),
]
"""Mutated beginnings and the radicals they may come from."""


def radicals(word: str) -> set[str]:
    """The word itself and every form it could be a mutation of."""
    found = {word}
    for mutated, sources in _UNMUTATE:
        if word.startswith(mutated) and (mutated or word[:1] in "aeiouwyâêîôûŵŷ"):
            found.update(source + word[len(mutated):] for source in sources)
    return found


def read_allow_list(path: Path = ALLOW_LIST) -> dict[str, str]:
    """The reviewed words and the reason for each: "word  reason" (two spaces or
    more, or a tab, between them); '#' starts a comment line."""
    entries: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"(\S+)(?:\s{2,}|\t)\s*(\S.*)", line.strip())
        if not match:
            raise ValueError(f"{path.name}:{number}: '{line.strip()}' has no reason")
        word, reason = match.groups()
        if word.lower() in entries:
            raise ValueError(f"{path.name}:{number}: '{word}' is listed twice")
        entries[word.lower()] = reason
    return entries


def aspell() -> str:
    found = shutil.which("aspell")
    if not found:
        raise RuntimeError("aspell is needed (scripts/setup installs aspell and aspell-cy)")
    return found


@functools.cache
def dictionary() -> frozenset[str]:
    """Every word of aspell-cy, lower case (it lists mutated forms too)."""
    done = subprocess.run([aspell(), "-l", "cy", "dump", "master"], capture_output=True,
                          text=True, check=True, timeout=60)
    return frozenset(line.strip().lower() for line in done.stdout.splitlines() if line.strip())


_MUTATIONS = {"p": ("b", "mh", "ph"), "t": ("d", "nh", "th"), "c": ("g", "ngh", "ch"),
              "b": ("f", "m"), "d": ("dd", "n"), "g": ("", "ng"), "ll": ("l",), "m": ("f",),
              "rh": ("r",)}


def mutations(word: str) -> set[str]:
    """The word and its soft, nasal and aspirate forms, and h- before a vowel."""
    forms = {word}
    for radical, changed in _MUTATIONS.items():
        if word.startswith(radical) and not word.startswith(("ph", "th", "ch", "dd")):
            forms.update(c + word[len(radical):] for c in changed)
    if word[:1] in "aeiouwyâêîôûŵŷ":
        forms.add("h" + word)
    return forms


@functools.cache
def allowed_forms() -> frozenset[str]:
    """Every form of every word on the allow-list."""
    return frozenset(form for word in read_allow_list() for form in mutations(word))


def is_word(word: str) -> bool:
    """Whether ``word`` (lower case) is exactly a word of aspell-cy or a form of
    one on the allow-list: how the grammar checker tells "i gael" from "i gweld"."""
    return word in dictionary() or word in allowed_forms()


def words(text: str) -> list[str]:
    """The words of ``text`` to spell-check: no values, addresses or code."""
    return [t.text.replace("’", "'") for t in tokens(text) if t.kind == "word"]


def aspell_unknown(candidates: Iterable[str]) -> set[str]:
    """The words aspell itself (``aspell list``) does not accept, in any case."""
    unique = sorted(set(candidates))
    if not unique:
        return set()
    done = subprocess.run([aspell(), "-l", "cy", "--encoding=utf-8", "list"],
                          input="\n".join(unique), capture_output=True, text=True,
                          check=True, timeout=60)
    return set(done.stdout.split())


def accepted(word: str, allowed: dict[str, str]) -> bool:
    """A word aspell does not accept is still right if it is a form of a word on
    the list ("fentor" of "mentor"), or a mutated form of a word aspell knows
    that aspell happens to lack ("mhob" of "pob"), or a hyphenated word whose
    every part is right ("ail-baru")."""
    low = word.lower()
    if any(form in dictionary() for form in radicals(low)):
        return True
    if any(low in mutations(entry) for entry in radicals(low) & allowed.keys()):
        return True
    parts = [part for part in low.split("-") if part]
    return len(parts) > 1 and all(accepted(part, allowed) for part in parts)


def misspelt(texts: Iterable[tuple[str, str]], allowed: dict[str, str] | None = None) \
        -> dict[str, int]:
    """Every word neither aspell-cy nor the allow-list accepts, with how often it
    occurs. Each text comes with its English original (or ""): a word that is
    also in the original is a name, a product or a key of scheme.yml
    ("Outlook", "false"), carried over on purpose, and is not spell-checked."""
    allowed = read_allow_list() if allowed is None else allowed
    counted: dict[str, int] = {}
    carried_by: dict[str, set[str]] = {}  # one original (the whole English) serves many
    for welsh, original in texts:
        if (carried := carried_by.get(original)) is None:
            carried = carried_by[original] = {w.lower() for w in words(original)}
        for word in words(welsh):
            if word.lower() not in carried:
                counted[word] = counted.get(word, 0) + 1
    unknown = aspell_unknown(counted)
    return {word: n for word, n in sorted(counted.items())
            if word in unknown and not accepted(word, allowed)}
