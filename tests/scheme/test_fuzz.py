"""Property tests: random damage to the example never lets a traceback escape.

Load, validation and in-memory page rendering either succeed or raise a
SchemebookError with located problems; nothing else. MkDocs and WeasyPrint
are not run per example (they are tested elsewhere).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, session_templates
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemebook.context.template import build_edition
from schemebook.core.errors import SchemebookError
from schemebook.plan.load import load_scheme
from schemebook.site.pages import render_pages

BASE: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's writer where PyYAML has it: the pure-Python one took a fifth of the test."""
EXAMPLES = int(os.environ.get("SCHEMEBOOK_FUZZ_EXAMPLES", "500"))
ODD_TEXT = st.text(
    alphabet=st.sampled_from([
        *"aZ 0:#-{}[]<>&'\"\t\n\\*!%|",
        "\u200b", "\u202e", "\ufeff", "é", "ŵ", "ł", "ệ", "م", "中", "😀", "\x00", "\u2028",
    ]),
    max_size=30,
)
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    ODD_TEXT, st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    st.lists(ODD_TEXT, max_size=3), st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=2),
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


ALL_PATHS = paths(BASE)


def mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "rename" and isinstance(last, str):
        parent[f"{last}{value if isinstance(value, str) else 'x'}"] = parent.pop(last)
    return data


@st.composite
def damaged_yaml(draw: st.DrawFn) -> str:
    import copy

    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        current = paths(data)
        if not current:
            break
        path = draw(st.sampled_from(current))
        action = draw(st.sampled_from(["delete", "replace", "rename"]))
        data = mutate(data, path, action, draw(VALUES))
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    lines = text.splitlines()
    if lines and draw(st.booleans()):  # duplicate a line: duplicate keys, odd nesting
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
    if draw(st.booleans()):  # raw odd characters anywhere, as pasted from Word
        i = draw(st.integers(0, len(lines)))
        lines.insert(i, draw(ODD_TEXT))
    return "\n".join(lines) + "\n"


WORK = Path(tempfile.mkdtemp(prefix="schemebook-fuzz-"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged_yaml())
@pytest.mark.slow
def test_damage_never_escapes_as_a_traceback(text: str) -> None:
    scheme_path = WORK / "scheme.yml"
    scheme_path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load_scheme(scheme_path, today=dt.date(2026, 11, 1))
    except SchemebookError as exc:
        assert exc.problems, "an error must carry at least one problem"
        for problem in exc.problems:
            assert str(problem).startswith(f"{scheme_path}:")
        return
    # A scheme that validates must render every page without any error.
    pages = render_pages(build_edition(loaded, bytecode=session_templates()), [])
    assert "index.md" in pages


def test_the_undamaged_example_renders() -> None:
    loaded = load_scheme(EXAMPLE)
    pages = render_pages(build_edition(loaded, bytecode=session_templates()), [])
    assert len(pages) >= 15
