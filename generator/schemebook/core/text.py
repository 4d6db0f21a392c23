"""Small text helpers every stage shares: slugs, file sizes and the words of HTML.

One slug for every identifier schemebook makes (calendar UIDs, folder and
file names, form field names), so two outputs never disagree about the name
of the same thing. Calendar UIDs and ``calendar.lock`` are keyed on it: for
ASCII text it must keep giving exactly the words it gave before, or every
subscriber's calendar would get each event twice. Headings' anchors follow
Python-Markdown's own rule for ASCII (links people have kept must not
break), with the same handling of other scripts (:func:`anchor`).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

from .i18n import Translator


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _unaccented(text: str) -> str:
    """``text`` decomposed (NFKD), without the accents of Latin letters ('Café' ->
    'Cafe'). The marks of other scripts are kept: a Devanagari vowel sign or
    virama is part of the letter ('शर्मा' stays whole), not an accent."""
    out: list[str] = []
    latin = False
    for char in unicodedata.normalize("NFKD", text):
        if _is_mark(char):
            if not latin:
                out.append(char)
            continue
        latin = char.isascii() or unicodedata.name(char, "").startswith("LATIN")
        out.append(char)
    return "".join(out)


def _fold(char: str) -> str:
    """One character of a slug: a lower-case letter, digit or mark, or '' for a separator."""
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    if unicodedata.category(char)[0] in "LNM":
        return char.casefold()
    return ""


_LATIN_ASCII = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ħ": "h", "Ħ": "H",
    "þ": "th", "Þ": "TH", "ı": "i", "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T"})
"""Latin letters that Unicode does not decompose into a base letter and an accent,
spelt as the languages that use them spell them in ASCII ('Đặng' -> 'dang',
'Łucja' -> 'lucja'), so an ASCII slug does not lose them."""


def slug(text: str, sep: str = "-", *, ascii_only: bool = False) -> str:
    """Lower-case words of ``text`` joined by ``sep``: 'Joint launch!' -> 'joint-launch'.

    Accents are dropped ('Café' -> 'cafe'). Letters of scripts without an
    ASCII spelling stay as they are, with their marks ('الانتماء', 'अनन्या'),
    unless ``ascii_only``, which drops them (Latin letters such as 'Đ' or 'ł'
    are then spelt in ASCII, 'd' and 'l'). '' when no letter or digit is left.
    """
    if ascii_only:  # as schemebook always did
        decomposed = unicodedata.normalize("NFKD", text).translate(_LATIN_ASCII)
        kept = "".join(c for c in decomposed
                       if not unicodedata.combining(c) and c.isascii())
    else:
        kept = _unaccented(text)
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


def anchor(value: str, separator: str = "-") -> str:
    """A heading's anchor: Python-Markdown's own slug for ASCII headings, exactly
    ('Mentor's role' -> 'mentors-role'), and the same rule in every script, so a
    heading in Arabic, Chinese or Hindi gets its words ('الانتماء') instead of
    '_1'. Markdown's toc extension calls it as ``slugify(value, separator)``."""
    kept = "".join(c for c in _unaccented(value)
                   if c.isalnum() or c == "_" or c == "-" or c.isspace() or _is_mark(c))
    joined = re.sub(rf"[{re.escape(separator)}\s]+", separator, kept.strip().lower())
    return unicodedata.normalize("NFC", joined)


ANCHOR = f"{__name__}.{anchor.__name__}"
"""The dotted name the generated mkdocs.yml gives the toc extension as its slugify."""


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


_TAG = re.compile(r"<[^>]+>")


def html_words(fragment: str) -> str:
    """The words an HTML fragment shows (tags dropped, entities decoded): what a
    heading or a link says, to compare or to print elsewhere."""
    return html.unescape(_TAG.sub("", fragment))
