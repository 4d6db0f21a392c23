"""One translation function and one date formatter for every built-in string.

Built-in text is written in English in the code and templates and looked up
in a gettext catalogue (``locales/LANG.po``) for other languages, so a
translator edits a .po file and never touches code. Dates and numbers go
through Babel so that each language gets its own forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"


def available_languages() -> list[str]:
    """Languages with a catalogue, English always among them."""
    found = {p.stem for p in LOCALES.glob("*.po")}
    return sorted(found | {DEFAULT_LANGUAGE})


@cache
def _catalogue(language: str) -> dict[str, str]:
    path = LOCALES / f"{language.split('-')[0]}.po"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


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

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Pick the singular or plural form for ``n`` (``%(num)d`` is filled in)."""
        chosen = singular if n == 1 else plural
        return self.gettext(chosen, num=n, **values)

    def raw_gettext(self, message: str) -> str:
        """Translation without formatting: Jinja's i18n extension formats itself."""
        return self._messages.get(message, message)

    def raw_ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.raw_gettext(singular if n == 1 else plural)

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

    def _locale(self) -> Locale:
        # Plain 'en' means British English: the schemes we serve are mostly UK ones.
        name = "en_GB" if self.language == "en" else self.language.replace("-", "_")
        return Locale.parse(name)

    def functions(self) -> dict[str, Callable[..., str]]:
        """Helpers templates use besides ``_``/``gettext``/``ngettext``/``{% trans %}``."""
        return {"format_date": self.date, "format_number": self.number}
