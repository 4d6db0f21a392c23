"""One translation function and one date formatter for every built-in string.

Built-in text is written in English in the code and templates and looked up
in a gettext catalogue (``locales/LANG.po``) for other languages, so a
translator edits a .po file and never touches code. Dates and numbers go
through Babel so that each language gets its own forms.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .paths import LOCALES

DEFAULT_LANGUAGE = "en"


def available_languages() -> list[str]:
    """Languages with a catalogue, English always among them."""
    found = {p.stem for p in LOCALES.glob("*.po")}
    return sorted(found | {DEFAULT_LANGUAGE})


def N_(message: str) -> str:
    """Mark a string for extraction only; it is translated where it is shown."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for extraction; ``ngettext`` picks the form."""
    return singular, plural


@cache
def _read(language: str) -> Catalog | None:
    path = LOCALES / f"{language.split('-')[0]}.po"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language.replace("-", "_"))


@cache
def _catalogue(language: str) -> dict[str, str]:
    catalog = _read(language)
    return {} if catalog is None else {
        message.id: message.string
        for message in catalog
        if isinstance(message.id, str) and message.id and isinstance(message.string, str)
        and message.string and not message.fuzzy
    }


@cache
def _plurals(language: str) -> tuple[dict[str, tuple[str, ...]], Callable[[int], int]]:
    """Plural entries by singular msgid, and the catalogue's rule picking a form."""
    catalog = _read(language)
    if catalog is None:
        return {}, lambda n: 0 if n == 1 else 1
    forms = {
        message.id[0]: tuple(message.string)
        for message in catalog
        if isinstance(message.id, tuple) and isinstance(message.string, tuple | list)
        and all(message.string) and not message.fuzzy
    }
    return forms, gettext.c2py(catalog.plural_expr)


@dataclass(frozen=True)
class Translator:
    """Language-bound helpers handed to every template."""

    language: str = DEFAULT_LANGUAGE
    _messages: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def for_language(cls, language: str) -> Translator:
        return cls(language, _catalogue(language))

    def gettext(self, message: str, **values: object) -> str:
        """Translate ``message`` and fill ``%(name)s`` fields from ``values``."""
        text = self._messages.get(message, message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: float, **values: object) -> str:
        """Pick the form for ``n`` by the language's plural rule (``%(num)d`` is filled in)."""
        return self.raw_ngettext(singular, plural, n) % {"num": n, **values}

    def raw_gettext(self, message: str) -> str:
        """Translation without formatting: Jinja's i18n extension formats itself."""
        return self._messages.get(message, message)

    def raw_ngettext(self, singular: str, plural: str, n: float) -> str:
        """The form for ``n``; a fraction (1.5 hours) takes the form for many."""
        forms, rule = _plurals(self.language) if self._messages else ({}, None)
        count = int(n) if float(n).is_integer() else 100
        if singular in forms and rule is not None:
            index = rule(count)
            if index < len(forms[singular]):
                return forms[singular][index]
        return singular if count == 1 else plural

    def date(self, value: dt.date | None, style: str = "long") -> str:
        """Format a date in this language ('long': 5 October 2026)."""
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        return _babel_date(value, format=style, locale=self._locale())

    def number(self, value: float) -> str:
        """Format a number with this language's separators."""
        return format_decimal(value, locale=self._locale())

    def babel_locale(self) -> Locale:
        """Babel's locale of this language (day and language names, for instance)."""
        return self._locale()

    def _locale(self) -> Locale:
        # Plain 'en' means British English: the schemes we serve are mostly UK ones.
        name = "en_GB" if self.language == "en" else self.language.replace("-", "_")
        return Locale.parse(name)

    def functions(self) -> dict[str, Callable[..., str]]:
        """Helpers templates use besides ``_``/``gettext``/``ngettext``/``{% trans %}``."""
        return {"format_date": self.date, "format_number": self.number}
