"""What a scheme's sector changes: the built-in words, and nothing else.

Reverse mentoring works the same way in a university, a law firm, a hospital
or a charity; what people do all day, and so the words a handbook must use,
differ. A scheme names its sector (``sector: health-care``) and the built-in
text follows it in two places:

- the built-in defaults: the shared ``defaults/LANG.yml`` with the sector's
  small overlay ``defaults/sectors/SECTOR/LANG.yml`` on top (:func:`overlay`);
- the few sentences of pages, packs and messages that differ by sector
  (``sectors.yml`` beside this module, read into :data:`WORDS`), shown as
  ``words.NAME`` and translated like every other string.

Without a sector both are neutral: they name roles ("the coordinator", "your
partner"), never a sector's people, places or services, and assume no job,
email, computer or fixed address.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..core.data import read_table
from ..core.i18n import N_, Translator

Sector = Literal["higher-education", "workplace", "health-care", "voluntary"]
"""The sectors schemebook has built-in text for."""

SECTORS: dict[str, str] = {
    "higher-education": N_("Higher education"),
    "workplace": N_("Workplace and professional firms"),
    "health-care": N_("Health and care"),
    "voluntary": N_("Voluntary and community sector"),
}
"""Each sector's name as the coordinator guide shows it."""


@dataclass(frozen=True)
class Words:
    """The sentences of the built-in pages, packs and messages that differ by sector
    (a missing or misspelt one in sectors.yml fails on import)."""

    not_over_you: str
    """Mentors' page: whom the partner was chosen not to be."""
    no_effect: str
    """Mentors' page: what taking part or leaving cannot touch."""
    logs_use: str
    """Mentors' and reflection pages: where logs can serve as evidence."""
    partner_examples: str
    """Coordinator guide: who the scheme can work with."""
    pairing_power: str
    """Pairing page: the power a partner must not hold over a mentor."""
    conflict_later: str
    """Pairing page: when a conflict of interest may come to light."""
    pairing_checked: str
    """Pairing message: what the coordinator checked."""
    partner_intro: str = N_("Thank you for joining. Your partner is [[partner_name]] "
                            "([[partner_email]]).")
    """Pairing message: who the partner is (with the mail-merge fields)."""
    messages_note: str = ""
    """Messages page and pack: how to reach people without email, if that matters."""


WORDS: dict[str, Words] = {sector: Words(**sentences)
                           for sector, sentences in read_table("scheme/sectors.yml").items()}
"""The sentences per sector (from sectors.yml beside this module); the key '' holds
the neutral ones."""


def sector_words(sector: str | None, tr: Translator) -> dict[str, str]:
    """The sentences for ``sector`` (neutral when None) in ``tr``'s language, by name,
    with ``sector`` itself: the sector's name, or '' when there is none."""
    chosen = WORDS.get(sector or "", WORDS[""])
    words = {name: tr.gettext(text) if text else "" for name, text in asdict(chosen).items()}
    words["sector"] = tr.gettext(SECTORS[sector]) if sector in SECTORS else ""
    return words


def overlay(base: Any, extra: Any) -> Any:
    """``base`` with a sector overlay's ``extra`` on top.

    Mappings merge key by key. A list whose items carry an ``id`` merges item by
    item: an item of ``extra`` changes the keys it gives of the base item with the
    same ``id``, and an item with a new ``id`` is added at the end. Any other
    value of ``extra``, a plain list included, replaces the base value whole.
    """
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = overlay(base[key], value) if key in base else value
        return merged
    if _identified(base) and _identified(extra):
        by_id = {item["id"]: item for item in extra}
        merged_list = [overlay(item, by_id.pop(item["id"])) if item["id"] in by_id else item
                       for item in base]
        return merged_list + list(by_id.values())
    return extra


def _identified(value: Any) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(item, dict) and "id" in item for item in value))


def drop_ids(data: Any, keep: frozenset[str]) -> Any:
    """``data`` without the ``id`` of list items, except in lists at a key in ``keep``:
    the defaults name their items for overlays, and most models have no ``id``."""
    if isinstance(data, dict):
        return {key: [_without_id(item) for item in value]
                if isinstance(value, list) and key not in keep
                else drop_ids(value, keep) for key, value in data.items()}
    return data


def _without_id(item: Any) -> Any:
    if isinstance(item, dict):
        return {key: value for key, value in item.items() if key != "id"}
    return item
