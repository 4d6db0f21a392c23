"""What an application's answers mean: roles, themes, formats, free time, languages.

Form tools export what people ticked, in the words of the form, which may
be the scheme's own (its role labels, its theme titles, Welsh day names).
:class:`Vocabulary` knows every spelling the scheme makes likely, in each
of its languages, and turns a cell into values the matcher compares:
theme numbers, a set of weekly slots, formats, language codes. Anything it
cannot read is a located problem, never a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel import Locale

from ..core.i18n import N_, Translator
from ..core.text import slug
from ..scheme.models import Scheme

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = (N_("morning"), N_("afternoon"), N_("evening"))
SLOTS = len(DAYS) * len(PARTS)
"""A week is 21 slots: each day's morning, afternoon and evening; slot = day * 3 + part."""

WEEKDAYS_MASK = sum(1 << (d * 3 + p) for d in range(5) for p in range(3))
ALL_SLOTS = (1 << SLOTS) - 1

FORMATS = ("online", "in-person")
FORMAT_NAMES = {"online": N_("online"), "in-person": N_("in person"), "either": N_("either")}
"""A format's name as people read it (and may write it, in the scheme's language)."""

_FORMAT_WORDS = {
    "online": {"online"}, "in-person": {"in-person"},
    "either": {"either", "both", "any", "no preference", "online or in person",
               "in person or online", "either online or in person", "hybrid"},
}
_FORMAT_SPELLINGS = {"online": ("online", "on-line", "virtual", "remote", "video"),
                     "in-person": ("in person", "in-person", "face to face", "face-to-face",
                                   "on campus", "on site")}
_PART_WORDS = {"morning": ("morning", "mornings", "am", "a.m."),
               "afternoon": ("afternoon", "afternoons", "pm", "p.m.", "lunchtime"),
               "evening": ("evening", "evenings", "night", "after work")}
_ANY_TIME = ("any", "anytime", "any time", "flexible", "whenever")
_WEEKDAY_WORDS = ("weekday", "weekdays")
_WEEKEND_WORDS = ("weekend", "weekends")


def fold(text: str) -> str:
    """A word as compared: case and spacing folded, a trailing full stop dropped."""
    return " ".join(text.casefold().replace("’", "'").split()).rstrip(".")


@dataclass
class Vocabulary:
    """Every spelling of roles, themes, formats, days and languages the scheme accepts."""

    roles: dict[str, str] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    theme_titles: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    parts: dict[str, int] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    main_language: str = "en"
    pack_languages: tuple[str, ...] = ()
    """The scheme's own language codes: a person's pack can be in one of these."""
    role_examples: tuple[str, ...] = ("mentor", "mentee")
    phrases: list[str] = field(default_factory=list)
    """Day and part names of more than one word ('dydd llun'), longest first."""

    @classmethod
    def for_scheme(cls, editions: Sequence[tuple[Scheme, Translator]]) -> Vocabulary:
        """The words of every edition (one per language; the main one first)."""
        main = editions[0][0]
        vocab = cls(main_language=main.language,
                    pack_languages=tuple(s.language for s, _ in editions))
        for role in ("mentor", "mentee"):
            vocab.roles[role] = role
        for scheme, tr in editions:
            vocab._add_edition(scheme, tr)
        vocab.theme_titles = [t.title for t in main.themes]
        vocab.role_examples = (main.roles.mentor.label, main.roles.mentee.label)
        vocab.phrases = sorted((w for w in (*vocab.days, *vocab.parts) if " " in w), key=len,
                               reverse=True)
        return vocab

    def _add_edition(self, scheme: Scheme, tr: Translator) -> None:
        for role in ("mentor", "mentee"):
            label = getattr(scheme.roles, role)
            for word in (label.label, label.plural):
                if word:
                    self.roles.setdefault(fold(word), role)
        for number, theme in enumerate(scheme.themes, 1):
            for word in (theme.title, slug(theme.title), str(number)):
                self.themes.setdefault(fold(word), number - 1)
        for key, words in _FORMAT_WORDS.items():
            for word in (*words, *_FORMAT_SPELLINGS.get(key, ())):
                self.formats.setdefault(fold(word), key)
        for key, word in FORMAT_NAMES.items():
            self.formats.setdefault(fold(tr.gettext(word)), key)
        self._add_days(tr)
        locale = tr.babel_locale()
        for code, name in {**Locale("en").languages, **locale.languages}.items():
            self.languages.setdefault(fold(name), code)
            self.languages.setdefault(fold(code), code)

    def _add_days(self, tr: Translator) -> None:
        for locale in (Locale("en"), tr.babel_locale()):
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    for number, name in locale.days[context][width].items():
                        self.days.setdefault(fold(name), number)
                        self.days.setdefault(fold(name) + "s", number)
        for index, part in enumerate(PARTS):
            for word in (*_PART_WORDS[part], tr.gettext(part)):
                self.parts.setdefault(fold(word), index)

    def role(self, cell: str) -> str | None:
        """'mentor' or 'mentee', or None for a word the scheme does not use."""
        return self.roles.get(fold(cell))

    def theme(self, answer: str) -> int | None:
        """The theme's index by its title, its slug or its number."""
        found = self.themes.get(fold(answer))
        return found if found is not None else self.themes.get(slug(answer))

    def fmt(self, answer: str) -> frozenset[str] | None:
        """The formats an answer allows: one of FORMATS, or both for 'either'."""
        word = fold(answer)
        key = self.formats.get(word) or self.formats.get(word.replace("-", " "))
        if key is None:
            return None
        return frozenset(FORMATS) if key == "either" else frozenset({key})

    def language(self, answer: str) -> str:
        """A language code when the answer names a known language, else the answer folded."""
        word = fold(answer)
        return self.languages.get(word, self.languages.get(word.split("-")[0], word))

    def slots(self, answer: str) -> int | None:
        """The weekly slots an availability answer names, as a bit mask; None when it
        is not a day and part of the day ('Tuesday evening', 'Mon am', 'mornings')."""
        text = fold(answer)
        if text in _ANY_TIME:
            return ALL_SLOTS
        days: set[int] = set()
        parts: set[int] = set()
        for phrase in self.phrases:  # 'dydd llun', 'after work': several words
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
                text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
                if phrase in self.days:
                    days.add(self.days[phrase])
                else:
                    parts.add(self.parts[phrase])
        words = [w for w in re.split(r"[\s,/&+]+|\band\b|\ba\b", text) if w]
        for word in words:
            if word in self.days:
                days.add(self.days[word])
            elif word in self.parts:
                parts.add(self.parts[word])
            elif word in _WEEKDAY_WORDS:
                days.update(range(5))
            elif word in _WEEKEND_WORDS:
                days.update((5, 6))
            elif word not in ("all", "day", "days", "every", "the", "on", "in"):
                return None
        if not days and not parts:
            return None
        return sum(1 << (d * 3 + p) for d in (days or range(5)) for p in (parts or range(3)))


def slot_days(mask: int) -> list[tuple[int, int]]:
    """The (day, part) pairs of a slot mask, in week order."""
    return [(s // 3, s % 3) for s in range(SLOTS) if mask >> s & 1]
