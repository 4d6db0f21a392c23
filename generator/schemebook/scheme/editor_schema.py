"""The JSON Schema editors check scheme.yml against: the models' own, told the truth.

pydantic describes the models as validation sees them *after*
:func:`.localise.localise` has picked one language. An editor sees the file
before that, where any text, number or choice may instead be given once per
language (``title: {cy: ..., en: ...}``). Every such value in the models'
schema therefore also accepts a mapping from language codes to that value,
so a file that ``schemebook validate`` accepts is never red in the editor.
The description stays on the outside, where editors show it on hover.
"""

from __future__ import annotations

import copy
from typing import Any

from .models import Scheme

LANGUAGE_CODE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""A language code as ``language`` takes it: 'cy', 'en', 'pt-BR'. Which codes a
scheme knows depends on its own ``languages``, so the schema admits any."""

PLAIN_TEXT = {"type": "string"}
TEXT_PER_LANGUAGE = "TextPerLanguage"

SCALARS = frozenset({"string", "number", "integer", "boolean"})
ANNOTATIONS = ("title", "description", "default", "examples", "deprecated")
"""Keys that describe a value rather than constrain it: kept on the outside."""
NESTED = ("anyOf", "oneOf", "allOf", "prefixItems")
"""Keys holding a list of schemas."""
CHILD = ("items", "additionalProperties", "not", "if", "then", "else")
"""Keys holding one schema."""


def _is_scalar(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    if kind is not None:
        return kinds <= SCALARS | {"null"} and bool(kinds & SCALARS)
    return "enum" in schema or "const" in schema


def _per_language(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema``, or one such value per language code."""
    outside = {k: schema[k] for k in ANNOTATIONS if k in schema}
    inside = {k: v for k, v in schema.items() if k not in ANNOTATIONS}
    if inside == PLAIN_TEXT:  # most values: one shared definition keeps the file small
        return {**outside, "anyOf": [inside, {"$ref": f"#/$defs/{TEXT_PER_LANGUAGE}"}]}
    return {**outside, "anyOf": [inside, _languages(inside)]}


def _languages(inside: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "minProperties": 1, "propertyNames": {"pattern": LANGUAGE_CODE},
            "additionalProperties": inside}


def _walk(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    if _is_scalar(schema):
        return _per_language(schema)
    result = dict(schema)
    for key in NESTED:
        if isinstance(result.get(key), list):
            result[key] = [_walk(s) for s in result[key]]
    for key in CHILD:
        if isinstance(result.get(key), dict):
            result[key] = _walk(result[key])
    for key in ("properties", "$defs", "patternProperties"):
        if isinstance(result.get(key), dict):
            result[key] = {name: _walk(s) for name, s in result[key].items()}
    return result


def per_language(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` in which every text, number, flag or choice may also be
    written once per language."""
    return dict(_walk(copy.deepcopy(schema)))


def editor_schema() -> dict[str, Any]:
    """The JSON Schema of scheme.yml as written (yaml-language-server, check-jsonschema)."""
    document = per_language(Scheme.model_json_schema())
    document.setdefault("$defs", {})[TEXT_PER_LANGUAGE] = {
        "description": "One text per language code, e.g. {cy: ..., en: ...}.",
        **_languages(PLAIN_TEXT)}
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return document
