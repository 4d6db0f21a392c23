"""A small checker for the Welsh rules a Welsh teacher would mark first.

It reads any Welsh text (a catalogue entry, a default, a built page, the
text of a PDF) and reports, with the words around it, every place where:

- ``article``: the article has the wrong form: ``y`` before a consonant,
  ``yr`` before a vowel or h, ``'r`` after a word that ends in a vowel
  ("y aelod" for "yr aelod", "i y" for "i'r"), and ``'r``/``'n`` never after
  a consonant ("gan'r" for "gan y");
- ``double-article``: a noun that has its own article takes another one,
  "Mae'r aelodau'r bwrdd" for "Mae aelodau'r bwrdd";
- ``soft-mutation``: a word after a soft-mutation trigger (``TRIGGERS``: i,
  o, am, ar, at, gan, dan, dros, drwy, heb, hyd, wrth, ei "his", dau/dwy)
  keeps its radical form, "gan Bwrdd Iechyd" for "gan Fwrdd Iechyd". The
  table is ``SOFT``: p>b, t>d, c>g, b>f, d>dd, g>(drop), ll>l, m>f, rh>r;
- ``value``: a word that changes the word after it, or whose own form
  depends on it (``BEFORE_VALUE``: the triggers, the articles, the aspirate
  and nasal triggers, ein/eu), stands right before a value the template
  inserts: a placeholder such as ``%(name)s`` or a Jinja expression. No rule
  can mutate a name the scheme supplies, so the wording must not need it to
  ("gan %(org)s" prints "gan Bwrdd Iechyd"; "y %(mentee)s" prints "y aelod");
- ``capital``: a role name the scheme writes with a capital keeps it inside
  a sentence ("Pecyn Mentor rheng flaen"); built text only, given the names.

A b, d or g after a trigger may already be a mutated p, t or c ("i gael" is
"cael"; "i gweld" is "gweld" left alone): the word counts as radical when its
own soft mutation is a word and the p, t or c form is not, as ``is_word``
(the aspell-cy dictionary and the allow-list: tests/support/spelling.py)
says. After "ei", only p, t and c can tell: "ei" meaning "her" leaves b, d,
g, ll, m and rh as they are ("ei defnyddio", of "y wefan"), so those are not
reported; the "his" forms ("ei ddefnyddio") are accepted as mutated.

Not checked: "neu", "pa", "dyma" and "un" before feminine nouns mutate
too, but "neu" before a clause does not ("neu pan"), and gender is not in
the text; they are in ``BEFORE_VALUE`` only. The few phrases a teacher
accepts that the rules would report are ``EXCEPTIONS``, each with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

VOWELS = set("aeiouwyâêîôûŵŷáéíóúẃýäëïöüẅÿàèìòùẁỳ")

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "ll": "l", "m": "f",
        "rh": "r"}
"""The soft mutation: radical > mutated."""

TRIGGERS = {"i", "o", "am", "ar", "at", "gan", "dan", "tan", "dros", "drwy", "heb", "hyd",
            "wrth", "ei", "'i", "dau", "dwy", "ddau", "ddwy"}
"""Words after which the next word takes the soft mutation ("'i" is "ei"
after a vowel: "a'i gadw"; "ddau" and "ddwy" are "dau" and "dwy" after "y";
"tan", until, mutates as "dan" does)."""

ASPIRATE = {"a", "â", "gyda", "efo", "tua", "na", "ac"}
"""c, p, t become ch, ph, th after these ("a chydlynydd"); "a", "â", "na"
become "ac", "ag", "nac" before a vowel."""
H_BEFORE_VOWEL = {"ein", "eu", "'u", "'w", "'n"}
"""An h comes before a vowel after these ("ein hathrawon"; "'n" is "ein"
after "o" and also "yn", which mutates)."""
NASAL = {"yn", "fy"}
""""yn" before a place and "fy" nasalise ("ym Mangor", "fy nghynllun")."""
OTHER_SOFT = {"dyma", "dyna", "neu", "pa", "mor", "rhy", "dy", "un"}
"""Soft-mutation triggers too, but only checked before values: "neu" does
not mutate a clause after it, and "un" mutates feminine nouns only."""
ARTICLES = {"y", "yr", "'r"}
BEFORE_VALUE = TRIGGERS | ASPIRATE | NASAL | OTHER_SOFT | H_BEFORE_VOWEL | ARTICLES
"""Words that change the next word, or whose own form depends on it: none
may stand right before a value the template inserts."""

SAFE_VALUES = {
    # Numbers and counts: digits never mutate.
    "num": "a number", "n": "a number", "number": "a number", "minutes": "a number",
    "h": "a number", "hours": "a number",
    "days": "a number", "months": "a number", "cap": "a number", "events": "a number",
    "page": "a number", "pages": "a number", "week": "a week number",
    "m": "a range of hours, digits first", "e": "a range of hours, digits first",
    "length": "minutes, digits first",
    # Dates: Babel writes them day first ("12 Hydref 2026").
    "date": "a date, day first", "when": "a date, day first", "first": "a date, day first",
    "last": "a date, day first",
    # A date, or a built-in phrase ("y cyfarfod cyntaf"), never a name: the
    # check of the built pages reads these in place.
    "start": "a date or a built-in phrase", "end": "a date or a built-in phrase",
    # Addresses and keys of scheme.yml: not Welsh words.
    "url": "a web address", "email": "an email address", "folder": "a folder path",
    "key": "a key of scheme.yml", "value": "a value of scheme.yml as typed",
    "values": "values of scheme.yml as typed", "type": "a type name of scheme.yml",
    "reference": "an ethics reference code",
}
"""Placeholders whose values begin with a digit or are not Welsh words: a
mutating word may stand before them. Every other placeholder holds text
(a name, a role, a phrase) and is checked, unless ``numbers_in`` finds it
is a number in the entry's English: "low" and "high" are hours in "%(low)s
to %(high)s hours" but the ends of a scale ("Strongly agree") elsewhere."""

_COUNTED = re.compile(r"%\((\w+)\)s(?:\s+(?:to|and|or)\s+%\((\w+)\)s)?\s+"
                      r"(?:hours?|minutes?|points?|days?|weeks?|months?|years?|h)\b")


def numbers_in(english: str) -> set[str]:
    """The placeholders an English entry follows with a unit ("%(low)s to
    %(high)s hours"): numbers there, whatever their name."""
    return {name for match in _COUNTED.finditer(english) for name in match.groups() if name}


PARTICLE_VERBS = re.compile(
    r"^(bydd|byddai|byddwch|byddant|byddwn|gall|gallai|gallwch|gallant|gellir|gallwn|"
    r"dylai|dylech|dylid|caiff|cânt|ceir|cewch|mae|oedd|ydy|ydych|ydyn|ydym|dewch|"
    r"gofynnir|hoffai|hoffech|daw|dylem|\w+odd|\w+wyd)\w*$")
"""Verbs after the particle "y" ("Efallai y bydd"): that "y" is no article
and stays "y" after a vowel."""

VOCALIC_W = {"wythnos", "wythnosau", "wyth", "wythfed", "wyneb", "wynebau", "wy", "wyau",
             "ŵyr", "wyres", "wyrion"}
"""Words whose first "w" is a vowel, so take "yr" ("yr wythnos"). Any other
initial "w" is a consonant, mostly from a mutated g ("y wefan")."""

EXCEPTIONS: dict[str, str] = {
    "am byth": "a fixed phrase, 'for ever': never mutated",
    "gan mwyaf": "a fixed phrase, 'mostly': never mutated",
    "i mi": "personal pronouns do not mutate after prepositions",
    "i ti": "personal pronouns do not mutate after prepositions",
    "y tu": "'y tu allan', 'y tu ôl': the phrase keeps 'y' after a vowel",
    "i mewn": "a fixed phrase, 'in, into': never mutated",
    "hyd penodol": "'hyd' the noun (length) and its adjective, not the preposition",
    "hyd cam": "'hyd' the noun (length) before its genitive, not the preposition",
    "hyd digwyddiad": "'hyd' the noun (length) before its genitive, not the preposition",
}
"""Phrases the rules would flag that a Welsh teacher accepts, with why."""

PROPER = re.compile(r"^[A-Z0-9]{2,}\W*$|^(Dr|Mr|Mrs|Ms|Mx)$")
"""Acronyms and titles of address, which are not mutated in writing."""

_TOKEN = re.compile(
    r"(?P<value>%\([A-Za-z_]\w*\)[sd]|%[sd]|\{\{.*?\}\})"
    r"|(?P<skip>https?://\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)*|`[^`]*`"
    r"|\b[\w-]+(?:\[\d*\])?(?:[._/][\w-]+(?:\[\d*\])?)+|\b\w*_\w*|\b[^\W\d]*\d\w*)"
    r"|(?P<word>[^\W\d_]+(?:[-’'][^\W\d_]+)*)"
    r"|(?P<para>[ \t]*\n[ \t]*\n\s*)"
    r"|(?P<space>(?:[ \t\r*]|\n(?![ \t]*\n))+)"
    r"|(?P<stop>.)", re.DOTALL)
_CLITIC = re.compile(r"^(.*[^\W\d_])['’](r|n|i|u|w|m|ch|th|s)$", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "clitic" (the 'r of "i'r"), "value", "stop"
    text: str
    start: int
    joined: bool  # nothing but spaces since the token before

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass(frozen=True)
class Finding:
    rule: str
    excerpt: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}: ...{self.excerpt}..."


def tokens(text: str) -> list[Token]:
    """Words, values and stops; a clitic ("'r", "'n") is a token of its own."""
    found: list[Token] = []
    end = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "stop"
        if kind == "space":
            continue
        if kind == "para":  # a blank line ends a paragraph, a heading, a cell
            kind = "stop"
        joined = bool(found) and text[end:match.start()].strip() == ""
        part = match.group()
        if kind == "word" and (clitic := _CLITIC.match(part)):
            found.append(Token("word", clitic.group(1), match.start(), joined))
            found.append(Token("clitic", "'" + clitic.group(2), match.start(2) - 1, True))
        else:
            found.append(Token("stop" if kind == "skip" else kind, part, match.start(), joined))
        end = match.end()
    return found


def _starts_with_vowel(word: str) -> bool:
    low = word.lower()
    if low.startswith("h"):
        return True
    if low[:1] in ("w", "ŵ"):
        return low in VOCALIC_W
    return low[:1] in VOWELS


def _ends_with_vowel(word: str) -> bool:
    return word.lower()[-1:] in VOWELS


def radical_prefix(word: str) -> str:
    """The radical consonant a word begins with, if the soft mutation changes it."""
    low = word.lower()
    for two in ("ll", "rh"):
        if low.startswith(two):
            return two
    if low.startswith(("ph", "th", "ch", "dd")):
        return ""
    return low[:1] if low[:1] in SOFT else ""


def check(text: str, is_word: Callable[[str], bool] = lambda _w: False,
          labels: Iterable[str] = (), english: str = "") -> list[Finding]:
    """Every finding of the rules above in ``text``. ``is_word`` says whether a
    lower-case word is Welsh (to tell "i gael", from "cael", from "i gweld").
    ``labels`` are the scheme's role names, for the ``capital`` rule;
    ``english`` is the entry's original, for ``numbers_in``."""
    found = capitals(text, labels)
    safe = SAFE_VALUES.keys() | numbers_in(english)
    toks = tokens(text)
    for i, token in enumerate(toks):
        before = toks[i - 1] if i and token.joined else None
        after = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].joined else None
        beyond = toks[i + 2] if after is not None and i + 2 < len(toks) \
            and toks[i + 2].joined else None
        for rule, message in _rules(before, token, after, beyond, is_word, safe):
            start = max(0, (before or token).start - 25)
            last = beyond or after or token
            excerpt = " ".join(text[start:last.start + len(last.text) + 25].split())
            found.append(Finding(rule, excerpt, message))
    return found


def capitals(text: str, labels: Iterable[str]) -> list[Finding]:
    """``capital``: a role name the scheme writes with a capital ("Mentor rheng
    flaen") keeps it inside a sentence, a title or a list: "Pecyn Mentor rheng
    flaen" for "Pecyn mentor rheng flaen". A name in capitals (an acronym) is
    left; a new line is taken as a new heading, item or cell."""
    found = []
    for label in labels:
        first = label.split(" ", 1)[0]
        if not first[:1].isupper() or first[1:2].isupper():
            continue
        pattern = rf"(?:^|(?<=\s))([^\W\d_]+),?[ \t]+({re.escape(label)})(?![^\W\d_])"
        for match in re.finditer(pattern, text, re.MULTILINE):
            if match.group(1)[-1].islower():
                start = max(0, match.start() - 25)
                excerpt = " ".join(text[start:match.end() + 25].split())
                found.append(Finding("capital", excerpt, f"'{label}' inside a sentence: "
                                     f"'{label[:1].lower() + label[1:]}'"))
    return found


def _rules(before: Token | None, token: Token, after: Token | None, beyond: Token | None,
           is_word: Callable[[str], bool], safe: set[str]) -> Iterable[tuple[str, str]]:
    if token.kind not in ("word", "clitic"):
        return
    word = token.lower
    if after is not None and after.kind == "value":
        name = re.sub(r"^%\(|\)[sd]$", "", after.text)
        if word in BEFORE_VALUE and name not in safe:
            yield "value", f"'{token.text}' right before {after.text}, which cannot mutate"
    yield from _article(before, token, after, beyond)
    if word in TRIGGERS and after is not None and after.kind == "word":
        yield from _mutation(token, after, is_word)


def _article(before: Token | None, token: Token, after: Token | None, beyond: Token | None) \
        -> Iterable[tuple[str, str]]:
    word = token.lower
    if token.kind == "clitic" and word in ("'r", "'n") and before is not None \
            and not _ends_with_vowel(before.text):
        yield "article", f"{word} after '{before.text}', which ends in a consonant"
    if word not in ARTICLES:
        return
    nxt = after.text if after is not None and after.kind == "word" else ""
    if PARTICLE_VERBS.match(nxt.lower()) or f"{word} {nxt.lower()}" in EXCEPTIONS:
        return  # the particle before a verb ("y mae"), or a fixed phrase
    if word != "'r" and before is not None and before.kind == "word" \
            and _ends_with_vowel(before.text) and token.text[:1].islower():
        yield "article", f"'{token.text}' after '{before.text}', which ends in a vowel: use 'r"
    if not nxt:
        return
    if word == "y" and _starts_with_vowel(nxt):
        yield "article", f"'y' before '{nxt}', which begins with a vowel or h: use 'yr'"
    if word == "yr" and not _starts_with_vowel(nxt):
        yield "article", f"'yr' before '{nxt}', which begins with a consonant: use 'y'"
    if beyond is not None and beyond.kind == "clitic" and beyond.lower == "'r":
        yield "double-article", f"'{nxt}' has its own article ('{nxt}'r): drop '{token.text}'"


def _mutation(token: Token, after: Token, is_word: Callable[[str], bool]) \
        -> Iterable[tuple[str, str]]:
    nxt = after.text
    radical = radical_prefix(nxt)
    if not radical or PROPER.match(nxt) or f"{token.lower} {nxt.lower()}" in EXCEPTIONS:
        return
    if token.lower in ("ei", "'i") and radical in ("b", "d", "g", "m", "ll", "rh"):
        return  # "ei" meaning "her" leaves these as they are: only p, t and c tell
    if radical in ("b", "d", "g"):
        # "i gael" is "cael" mutated, "i gweld" is "gweld" unmutated: a b, d or g
        # word is radical when its own mutation is a word and its unmutation is not.
        unmutated = {"b": "p", "d": "t", "g": "c"}[radical] + nxt[1:].lower()
        if is_word(unmutated) or not is_word(SOFT[radical] + nxt[1:].lower()):
            return
    mutated = SOFT[radical] + nxt[len(radical):]
    if nxt[:1].isupper():
        mutated = mutated[:1].upper() + mutated[1:]
    yield "soft-mutation", f"'{token.text} {nxt}': soft mutation wanted ('{mutated}')"
