"""scheme.schema.json tells editors the truth: what validate accepts, it accepts.

Checked with two validators that are not ours: the ``jsonschema`` package,
and check-jsonschema as a user or an editor's CI would run it on the file.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import EXAMPLE, MINIMAL, REPO
from schemebook.commands.init import schema_document
from schemebook.commands.validate import validate
from schemebook.scheme.load import load_yaml

EXAMPLES = [EXAMPLE, REPO / "examples" / "law-firm" / "scheme.yml",
            REPO / "examples" / "welsh" / "scheme.yml"]
VALIDATOR = jsonschema.Draft202012Validator(schema_document())


def as_editor_sees(value: Any) -> Any:
    """YAML data as a JSON Schema validator reads it: dates and times are strings."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def errors(data: Any) -> list[tuple[str, str]]:
    return sorted(("/".join(map(str, e.absolute_path)), e.message)
                  for e in VALIDATOR.iter_errors(as_editor_sees(data)))


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema_document())


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_shipped_example_is_valid(scheme: Path) -> None:
    validate(scheme)  # schemebook accepts it ...
    assert errors(load_yaml(scheme).data) == []  # ... and so does the schema


def every_value_per_language(value: Any, key: str = "") -> Any:
    """Each text, number and flag of a scheme written as ``{en: x, cy: x}``."""
    if key in {"language", "languages"}:
        return value
    if isinstance(value, dict):
        return {k: every_value_per_language(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [every_value_per_language(v) for v in value]
    if isinstance(value, str | int | float):
        return {"en": value, "cy": value}
    return value


def test_per_language_values_anywhere_are_valid(tmp_path: Path) -> None:
    """The whole university example with every value given per language: validate
    accepts it, and so must the schema (the bilingual example gave 69 errors)."""
    data = every_value_per_language(load_yaml(EXAMPLE).data)
    assert data["name"] == {"en": "Voices Upward", "cy": "Voices Upward"}
    scheme = tmp_path / "scheme.yml"
    scheme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    shutil.copytree(EXAMPLE.parent / "assets", tmp_path / "assets")
    validate(scheme)
    assert errors(data) == []


BAD = [
    ({"nmae": "x"}, "", "Additional properties are not allowed ('nmae' was unexpected)"),
    ({"brand": {"primary": "blue"}}, "brand/primary", "is not valid under any of the given"),
    ({"name": {"Welsh": "Lleisiau"}}, "name", "is not valid under any of the given schemas"),
    ({"name": {"cy": ["a list"]}}, "name", "is not valid under any of the given schemas"),
    ({"meetings": {"count": "four"}}, "meetings/count", "is not valid under any of the given"),
]


@pytest.mark.parametrize(("change", "where", "message"), BAD)
def test_bad_values_are_errors_where_they_are(change: dict[str, Any], where: str,
                                              message: str) -> None:
    found = errors({**MINIMAL, **change})
    assert len(found) == 1 and found[0][0] == where and message in found[0][1], found


def test_a_missing_required_key() -> None:
    data = {k: v for k, v in MINIMAL.items() if k != "focus"}
    assert errors(data) == [("", "'focus' is a required property")]


def test_check_jsonschema_agrees_offline(tmp_path: Path) -> None:
    """check-jsonschema, as an editor's CI would run it, on the bilingual example."""
    schema = tmp_path / "scheme.schema.json"
    schema.write_text(json.dumps(schema_document()), encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump({**MINIMAL, "nmae": "x"}), encoding="utf-8")
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema)]
    good = subprocess.run([*command, str(EXAMPLES[2])], capture_output=True, text=True,
                          timeout=120, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    wrong = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=120,
                           check=False)
    assert wrong.returncode == 1 and "'nmae' was unexpected" in wrong.stdout, wrong.stdout
