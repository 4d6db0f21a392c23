"""Turn a loaded scheme into a typed Scheme, or into located, helpful errors.

Pydantic knows what is wrong but not where: we map each error's key path back
to the line and column the loader recorded and name the closest valid key for
a misspelling. The checks that need the scheme's dates and figures (support
routes, the time asked) come after, in :mod:`schemebook.plan.checks`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pydantic
import yaml
from pydantic import BaseModel

from ..core.errors import Location, Problem, Report, ValidationError
from ..core.escape import control_problem, markdown_link_problems
from ..core.paths import DEFAULTS
from .load import Document, KeyPath, dotted, leaves, load_yaml
from .localise import localise, scheme_languages
from .models import Scheme
from .sectors import SECTORS, drop_ids, overlay


@dataclass
class Loaded:
    """A valid scheme with the document it came from and any warnings."""

    scheme: Scheme
    document: Document
    warnings: list[Problem] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    """Files the scheme points at (logo, favicon, fonts, style sheets), wherever they
    are: the no-change check watches them besides the project's folders."""

    @property
    def root(self) -> Path:
        """The project folder: where scheme.yml lives."""
        return self.document.path.resolve().parent


@cache
def _defaults(language: str, sector: str = "") -> dict[str, Any]:
    """The built-in values for ``language`` (English if it has none) and ``sector``:
    defaults/LANG.yml with defaults/sectors/SECTOR/LANG.yml on top, if there is one."""
    code = language.split("-")[0]
    if not (DEFAULTS / f"{code}.yml").exists():
        code = "en"
    data = _read_defaults(DEFAULTS / f"{code}.yml")
    if sector in SECTORS:
        extra = DEFAULTS / "sectors" / sector / f"{code}.yml"
        data = overlay(data, _read_defaults(extra)) if extra.exists() else data
    return drop_ids(data, KEEP_IDS)  # type: ignore[no-any-return]


def _read_defaults(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


KEEP_IDS = frozenset({"topics"})
"""Lists of the defaults whose items keep their ``id``: it is a key of the model there."""


def with_defaults(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Fill keys missing from ``data`` from ``defaults``, mapping by mapping.

    Lists are never merged: a scheme that lists its own themes gets only those.
    """
    merged = dict(data)
    for key, value in defaults.items():
        if key not in merged or merged[key] is None:
            merged[key] = value
        elif isinstance(value, dict) and isinstance(merged[key], dict):
            merged[key] = with_defaults(merged[key], value)
    return merged


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")

Facts = Callable[[Scheme], Mapping[str, str]]
"""The scheme's own facts by placeholder name ({mentor}, {meetings}), from the typed scheme."""


def fill_facts(value: Any, facts: Mapping[str, str]) -> Any:
    """The defaults with every ``{name}`` of ``facts`` filled in; a list item left
    empty (a task the scheme does not ask for) is dropped."""
    if isinstance(value, str):
        return _PLACEHOLDER.sub(lambda m: facts.get(m[1], m[0]), value)
    if isinstance(value, dict):
        return {key: fill_facts(item, facts) for key, item in value.items()}
    if isinstance(value, list):
        filled = [fill_facts(item, facts) for item in value]
        return [item for item in filled if item != ""]
    return value


def read_scheme(path: Path, language: str | None = None, facts: Facts | None = None) -> Loaded:
    """Load, fill defaults and check types; raise InputError or ValidationError.

    ``language`` picks one of the scheme's ``languages`` (default: the first):
    per-language values resolve to it and its built-in defaults fill the gaps.
    ``facts`` gives the scheme's own facts that the defaults name ({mentor},
    {meetings}); the scheme is typed once to work them out, then again with them.
    The warnings so far (texts missing in ``language``) are in the result.
    """
    document = load_yaml(path)
    language = language or scheme_languages(document.data)[0]
    data, localised = localise(document.data, language, document)
    if isinstance(data, dict) and isinstance(data.get("languages"), list):
        data["language"] = language
        url = document.data.get("site_url")
        if language != data["languages"][0] and isinstance(url, str) and url.strip():
            # A further language is published at SITE/CODE/: its packs, cards, QR
            # codes, calendars and messages link there, not to the main language.
            data["site_url"] = f"{url.strip().rstrip('/')}/{language}/"
    sector = data.get("sector") if isinstance(data, dict) else None
    defaults = _defaults(language, sector if isinstance(sector, str) else "")
    report = Report(warnings=localised)
    check_text(document, report)
    given, listed = document.data.get("language"), document.data.get("languages")
    if isinstance(given, str) and isinstance(listed, list) and listed and given != listed[0]:
        report.error(document.locate(("language",)),
                     f"language is '{given}' but languages starts with '{listed[0]}'",
                     "leave language out: the first of languages is the main language")
    scheme = _typed(with_defaults(data, defaults), document, report)
    if facts is not None:
        scheme = _typed(with_defaults(data, fill_facts(defaults, facts(scheme))), document, report)
    return Loaded(scheme, document, report.warnings)


def _typed(data: Any, document: Document, report: Report) -> Scheme:
    """The typed scheme, or every located problem (with those already in ``report``)."""
    try:
        scheme = Scheme.model_validate(data)
    except pydantic.ValidationError as exc:
        for problem in problems_from_pydantic(exc, document):
            report.errors.append(problem)
        report.raise_if_errors()
        raise  # pragma: no cover - unreachable: pydantic errors are never empty
    report.raise_if_errors()
    return scheme


def check_text(document: Document, report: Report) -> None:
    """Every text in the file, in every language: no refused control character (one
    written as an escape such as "\\u202e" included), and a link written in
    Markdown goes to http, https, mailto, tel or a relative address."""
    for path, node in leaves(document.data):
        if not isinstance(node, str):
            continue
        where = document.locate(path, value=True)
        if found := control_problem(node):
            report.error(where, f"{dotted(path)}: {found[2]}")
        for why in markdown_link_problems(node):
            report.error(where, f"{dotted(path)}: the Markdown link {why}",
                         "link to a web page (https://...), an email (mailto:) or a page")


def scheme_codes(scheme: Scheme) -> list[str]:
    """The languages the scheme is built in, main one first."""
    return list(scheme.languages) or [scheme.language]


def problems_from_pydantic(exc: pydantic.ValidationError, document: Document) -> list[Problem]:
    """One located problem per distinct key path, union alternatives merged."""
    grouped: dict[KeyPath, list[Any]] = {}
    for error in exc.errors(include_url=False):
        path = _data_path(error["loc"], document.data)
        grouped.setdefault(path, []).append(error)
    # A misspelt required key is reported once, as the misspelling.
    explained = {
        (*path[:-1], match)
        for path, errors in grouped.items()
        if errors[0]["type"] == "extra_forbidden"
        for match in difflib.get_close_matches(str(path[-1]), fields_at(path[:-1]), 1, 0.6)
    }
    return [
        _problem(path, errors, document)
        for path, errors in grouped.items()
        if not (errors[0]["type"] == "missing" and path in explained)
    ]


def _data_path(loc: tuple[Any, ...], data: Any) -> KeyPath:
    """Keep the parts of pydantic's loc that name real keys (drop union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not path_has_union_tag(part):
            path.append(part)  # a missing or unknown key
            break
    return tuple(path)


def path_has_union_tag(part: str) -> bool:
    """Pydantic names union branches like 'literal[...]', 'int' or 'function-after'."""
    return part in {"int", "str", "float", "bool", "date"} or "[" in part or "-" in part


def _problem(path: KeyPath, errors: list[Any], document: Document) -> Problem:
    first = errors[0]
    kind = first["type"]
    where = document.locate(path)
    if kind == "extra_forbidden":
        key = str(path[-1])
        parent = path[:-1]
        close = difflib.get_close_matches(key, fields_at(parent), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else (
            "valid keys here: " + ", ".join(fields_at(parent)))
        return Problem(where, f"unknown key '{key}' in {dotted(parent)}", hint)
    if kind == "missing":
        return Problem(where, f"{dotted(path)} is required but missing",
                       "add it; see the reference page for what it holds")
    messages = []
    for error in errors:
        message = friendly(error)
        if message not in messages:
            messages.append(message)
    where = document.locate(path, value=True)
    got = first.get("input")
    text = "; or ".join(messages)
    shown = "" if isinstance(got, dict | list) or f"'{got}'" in text else f" (got {got!r})"
    return Problem(where, f"{dotted(path)}: {text}{shown}")


_PLAIN = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
    "bool_parsing": "expected true or false",
    "string_type": "expected text",
    "list_type": "expected a list (one item per line, each starting with '- ')",
    "dict_type": "expected a section of keys, each on its own indented line",
    "model_type": "expected a section of keys, each on its own indented line",
    "model_attributes_type": "expected a section of keys, each on its own indented line",
    "date_from_datetime_parsing": "expected a real date written as YYYY-MM-DD",
    "date_parsing": "expected a real date written as YYYY-MM-DD",
    "date_type": "expected a date written as YYYY-MM-DD",
    "string_too_short": "must not be empty",
}


def friendly(error: Any) -> str:
    """Pydantic's message in words a coordinator knows."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} allowed"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = {"greater_than_equal": "at least", "less_than_equal": "at most",
                "greater_than": "more than", "less_than": "less than"}[kind]
        return f"must be {word} {limit}"
    return str(error["msg"]).removeprefix("Value error, ")


def fields_at(path: KeyPath) -> list[str]:
    """Valid key names of the model reached by ``path``; [] if not a model."""
    model: Any = Scheme
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(str(part))
        if info is None:
            return []
        model = model_in(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return sorted(model.model_fields)
    return []


def model_in(annotation: Any) -> Any:
    """The BaseModel inside list[...], X | None and the like, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None


__all__ = ["Loaded", "Location", "ValidationError", "read_scheme"]
