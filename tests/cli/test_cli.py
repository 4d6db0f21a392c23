"""cli.py: the real command in a fresh process, as a coordinator runs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NO_PACKS, run_cli


def test_invalid_scheme_exits_2_with_located_lines(make_project: Callable[..., Path]) -> None:
    scheme = make_project(text="name: A\norganisation: B\ncontact: {name: C}\n"
                               "focus: {aims: [x]}\nthemes:\n  - titel: Belonging\n")
    result = run_cli("build", "--scheme", str(scheme))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{scheme}:6:5: error: unknown key 'titel' in themes[1]")
    assert "did you mean 'title'?" in first
    assert not (scheme.parent / "site").exists()


def test_validate_prints_warnings_and_exits_0(make_project: Callable[..., Path]) -> None:
    scheme = make_project()
    result = run_cli("validate", str(scheme))
    assert result.returncode == 0, result.stderr
    assert "warning: support has no escalation steps" in result.stderr
    assert "valid" in result.stdout


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope.yml"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path / 'nope.yml'}:1:1: error: file not found")


def test_schema_is_json_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == ["name", "organisation", "contact", "focus"]
    assert "themes" in schema["properties"]
    assert schema["properties"]["name"]["description"].startswith("Name of the scheme")


def test_committed_schema_is_current() -> None:
    """The example's editor schema must match the models (regenerate with `schemebook schema`)."""
    from conftest import REPO
    from schemebook.commands.init import schema_json

    assert (REPO / "scheme.schema.json").read_text(encoding="utf-8") == schema_json()


@pytest.mark.slow
def test_build_then_rebuild_in_place(make_project: Callable[..., Path]) -> None:
    scheme = make_project(packs=NO_PACKS)
    first = run_cli("build", "--scheme", str(scheme), "--out", str(scheme.parent / "web"))
    assert first.returncode == 0, first.stderr
    assert "built" in first.stdout
    again = run_cli("build", "-q", "--scheme", str(scheme), "--out", str(scheme.parent / "web"))
    assert again.returncode == 0 and again.stdout == ""


def test_strict_turns_warnings_into_errors_and_writes_nothing(
        make_project: Callable[..., Path]) -> None:
    """A scheme with warnings (no support protocol at all) fails under --strict, for CI,
    before a PDF is rendered for a build that cannot be kept."""
    scheme = make_project()
    cache = scheme.parent / "cache"
    lenient = run_cli("validate", str(scheme))
    assert lenient.returncode == 0 and "warning" in lenient.stderr
    assert "valid, " in lenient.stdout and "warnings above" in lenient.stdout
    strict = run_cli("validate", "--strict", str(scheme))
    assert strict.returncode == 2 and "with --strict" in strict.stderr
    built = run_cli("build", "--strict", "--scheme", str(scheme), "--cache-dir", str(cache))
    assert built.returncode == 2, built.stderr
    assert "error: support has no escalation steps" in built.stderr
    assert "Traceback" not in built.stderr
    assert not (scheme.parent / "site").exists()
    assert not (cache / "pdf").exists()


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    from schemebook import __version__

    result = run_cli(flag)
    assert result.returncode == 0 and result.stdout == f"schemebook, version {__version__}\n"


def test_every_command_takes_quiet_and_verbose() -> None:
    from schemebook.cli import main

    for name, command in main.commands.items():
        flags = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose"} <= flags, name
    for name in ("validate", "build"):
        assert any("--strict" in p.opts for p in main.commands[name].params), name
