"""The scheme file reference, generated from the models' docstrings.

One row per key, in schema order, so the page can never drift from what
the validator accepts.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..core.i18n import Translator
from .models import Scheme
from .validate import model_in


@dataclass(frozen=True)
class ReferenceRow:
    """One documented key."""

    key: str
    """Dotted key path, with [] for list items: ``themes[].title``."""
    type: str
    required: bool
    default: str
    description: str
    depth: int
    is_list: bool = False
    """True for a list of items (each item's keys follow it)."""


@dataclass(frozen=True)
class ReferenceSection:
    """A top-level key that has keys of its own, with those keys in schema order."""

    top: ReferenceRow
    rows: tuple[ReferenceRow, ...]


def _type_name(annotation: Any, tr: Translator) -> str:
    _ = tr.gettext
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0], tr)
    if origin is list:
        return _("list of %(type)s", type=_type_name(args[0], tr)) if args else _("list")
    if origin is dict:
        return _("mapping")
    if origin is typing.Literal:
        return _("one of %(values)s", values=", ".join(str(a) for a in args))
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a, tr) for a in args if a is not type(None)]
        joined = _(" or ").join(names)
        return _("%(type)s (optional)", type=joined) if type(None) in args else joined
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _("section")
        plain = {"str": _("text"), "int": _("whole number"), "float": _("number"),
                 "bool": _("true/false"), "date": _("date (YYYY-MM-DD)")}
        return plain.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def describe(docstring: str, tr: Translator) -> str:
    """A key's docstring in ``tr``'s language (scripts/extract_messages.py collects them)."""
    return tr.gettext(docstring) if docstring else ""


def _default(info: Any) -> str:
    if info.is_required():
        return ""
    value = info.default
    if value is PydanticUndefined:
        value = info.default_factory() if info.default_factory else None
    if isinstance(value, BaseModel) or value in (None, "", [], {}):
        return ""
    return str(value)


def reference_rows(model: type[BaseModel] = Scheme, prefix: str = "",
                   depth: int = 0, tr: Translator | None = None) -> list[ReferenceRow]:
    """Every key of ``model`` and its sections, depth first; type names in ``tr``'s language."""
    tr = tr or Translator()
    rows = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        is_list = typing.get_origin(info.annotation) is list
        rows.append(ReferenceRow(key, _type_name(info.annotation, tr), info.is_required(),
                                 _default(info), describe(info.description or "", tr), depth,
                                 is_list))
        inner = model_in(info.annotation)
        if inner is not None:
            rows.extend(reference_rows(inner, f"{key}{'[]' if is_list else ''}.", depth + 1,
                                       tr))
    return rows


def reference_sections(rows: list[ReferenceRow]
                       ) -> tuple[list[ReferenceRow], list[ReferenceSection]]:
    """The top-level keys without keys of their own, then the sections, as the page
    lists them. Grouped here, once: the page did it in Jinja by scanning every row for
    every top-level key, half a second of each serve rebuild in the sandbox."""
    plain: list[ReferenceRow] = []
    sections: list[ReferenceSection] = []
    for index, row in enumerate(rows):
        if row.depth:
            continue
        end = next((i for i in range(index + 1, len(rows)) if not rows[i].depth), len(rows))
        if end > index + 1:
            sections.append(ReferenceSection(row, tuple(rows[index + 1:end])))
        else:
            plain.append(row)
    return plain, sections
