"""The key to reading survey exports: the scheme's own instruments, in every language.

An export names its columns by item id (as surveys.csv and the PDF forms
do), or by the question's text as the survey tool shows it, in any of the
scheme's languages; answers are scale labels in any language, or the
points 1..k. Everything a reader may meet is normalised once, here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.i18n import Translator
from ..plan.instruments import Instruments, ItemView

STAGES = ("pre", "post", "follow-up")

_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+(?:[._]\d+)*\s*[.):\-–]?\s+", re.IGNORECASE)


def normalise(text: str) -> str:
    """Text as compared: NFKC, case folded, spaces folded, question numbers and
    trailing marks ('*', ':', '?', '.') left out, typographic quotes made plain."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("\u2019", "'").replace("\u2018", "'")
    folded = _NUMBERING.sub("", folded)
    return " ".join(folded.split()).rstrip(" *:?.!")


@dataclass(frozen=True)
class Item:
    """One thing an export can hold a column for: an item, or its 'before' rating."""

    id: str
    item: ItemView
    then: bool = False
    """The retrospective 'before the scheme' rating of the item."""
    stages: frozenset[str] = frozenset()

    @property
    def written(self) -> bool:
        return self.item.scale.written


@dataclass
class Key:
    """Everything the reader needs from the scheme."""

    items: dict[str, Item] = field(default_factory=dict)
    texts: dict[str, set[str]] = field(default_factory=dict)
    """Normalised question text (every language) -> item ids."""
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    """Scale id -> normalised label (every language) -> point, 1 for the lowest."""
    points: dict[str, int] = field(default_factory=dict)
    """Scale id -> its number of points."""
    waves: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    """Normalised names of the participant-code column."""

    def closest_text(self) -> list[str]:
        return sorted(self.texts)


CODE_COLUMNS = ("code", "participant code", "participant number", "participant id",
                "participant_id", "participant_code", "respondent code", "respondent id")
WAVE_COLUMNS = ("wave", "survey", "stage")
ROLE_COLUMNS = ("role", "audience", "group")


def _add_item(key: Key, ident: str, view: ItemView, stage: str, text: str, then: bool) -> None:
    known = key.items.get(ident)
    stages = (known.stages if known else frozenset()) | {stage}
    key.items[ident] = Item(ident, view, then, frozenset(stages))
    key.texts.setdefault(normalise(text), set()).add(ident)


def _add_language(key: Key, found: Instruments, tr: Translator, words: dict[str, str]) -> None:
    _ = tr.gettext
    for survey in found.surveys:
        key.waves[normalise(survey.stage)] = survey.stage
        key.waves[normalise(survey.title)] = survey.stage
        for view in survey.items:
            _add_item(key, view.id, view, survey.stage, view.text, False)
            if view.then_id:
                _add_item(key, view.then_id, view, survey.stage,
                          _("Before the scheme: %(text)s", text=view.text), True)
            scale = view.scale
            key.points[scale.id] = len(scale.labels)
            labels = key.labels.setdefault(scale.id, {})
            for point, label in enumerate(scale.labels, start=1):
                labels[normalise(label)] = point
    for role in ("mentors", "mentees"):
        key.roles[normalise(role)] = role
        key.roles[normalise(role.removesuffix("s"))] = role
        key.roles[normalise(words[role])] = role
        key.roles[normalise(words[role.removesuffix("s")])] = role
    key.codes.add(normalise(_("Participant number")))


def build_key(languages: Sequence[tuple[Instruments, Translator, dict[str, str]]]) -> Key:
    """The key of a scheme: (instruments, translator, role words) of each language."""
    key = Key(codes={normalise(c) for c in CODE_COLUMNS})
    for stage in STAGES:
        key.waves[normalise(stage)] = stage
    key.waves[normalise("follow_up")] = key.waves[normalise("followup")] = "follow-up"
    for found, tr, words in languages:
        _add_language(key, found, tr, words)
    return key
