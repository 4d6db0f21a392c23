"""Small text helpers every stage shares: slugs and file sizes.

One slug for every identifier schemebook makes (calendar UIDs, anchors,
folder and file names, form field names), so two outputs never disagree
about the name of the same thing. Calendar UIDs and ``calendar.lock`` are
keyed on it: for ASCII text it must keep giving exactly the words it gave
before, or every subscriber's calendar would get each event twice.
"""

from __future__ import annotations

import hashlib
import unicodedata

from .i18n import Translator


def _fold(char: str) -> str:
    """One character of a slug: a lower-case letter or digit, or '' for a separator."""
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    if unicodedata.category(char)[0] in "LN":
        return char.casefold()
    return ""


def slug(text: str, sep: str = "-", *, ascii_only: bool = False) -> str:
    """Lower-case words of ``text`` joined by ``sep``: 'Joint launch!' -> 'joint-launch'.

    Accents are dropped ('Café' -> 'cafe'). Letters of scripts without an
    ASCII spelling stay as they are ('الانتماء'), unless ``ascii_only``, which
    drops them. '' when no letter or digit is left.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    if ascii_only:
        kept = "".join(c for c in kept if c.isascii())  # as schemebook always did
    words: list[str] = []
    current = ""
    for char in kept:
        folded = _fold(char)
        if folded:
            current += folded
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return unicodedata.normalize("NFC", sep.join(words))


def ascii_key(text: str) -> str:
    """An ASCII identifier for ``text`` that never changes: its ASCII slug; for text
    in a script with no ASCII spelling, 'x' and eight hex digits of its hash; 'x'
    for text with no letter or digit at all."""
    if found := slug(text, ascii_only=True):
        return found
    if any(unicodedata.category(c)[0] in "LN" for c in text):
        digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode()).hexdigest()
        return "x" + digest[:8]
    return "x"


def human_size(size: int, tr: Translator) -> str:
    """'312 KB' or '1.2 MB' in the language's number format."""
    if size < 1024 * 1024:
        return f"{tr.number(max(1, round(size / 1024)))} KB"
    return f"{tr.number(round(size / 1024 / 1024, 1))} MB"


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence or title: 'Senior mentee' ->
    'senior mentee', so that "Pecyn %(role)s" prints "Pecyn uwch fentorai", not
    "Pecyn Uwch fentorai". A first word in capitals (an acronym: 'LGBTQ+
    mentors') keeps them."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter, as a title or sentence begins."""
    return text[:1].upper() + text[1:]
