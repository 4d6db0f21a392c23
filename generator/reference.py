"""The scheme file reference, generated from the models' docstrings.

One row per key, in schema order, so the page can never drift from what
the validator accepts.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .models import Scheme
from .validate import _model_in


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


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is list:
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        return "mapping"
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin in (typing.Union, __import__("types").UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(names) + (" (optional)" if type(None) in args else "")
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "section"
        return {"str": "text", "int": "whole number", "float": "number", "bool": "true/false",
                "date": "date (YYYY-MM-DD)"}.get(annotation.__name__, annotation.__name__)
    return str(annotation)


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
                   depth: int = 0) -> list[ReferenceRow]:
    """Every key of ``model`` and its sections, depth first."""
    rows = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        rows.append(ReferenceRow(key, _type_name(info.annotation), info.is_required(),
                                 _default(info), info.description or "", depth))
        inner = _model_in(info.annotation)
        if inner is not None:
            is_list = typing.get_origin(info.annotation) is list
            rows.extend(reference_rows(inner, f"{key}{'[]' if is_list else ''}.", depth + 1))
    return rows
