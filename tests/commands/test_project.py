"""project.py: ``schemebook init`` makes a project that builds at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import run_cli
from schemebook.commands.init import init_project
from schemebook.core.errors import OutputError


@pytest.mark.slow
def test_init_then_build(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "ours"))
    assert result.returncode == 0, result.stderr
    project = tmp_path / "ours"
    assert (project / "site" / "index.html").is_file()
    gitignore = (project / ".gitignore").read_text()
    assert "site/" in gitignore and "private/" in gitignore
    workflow = yaml.safe_load((project / ".github" / "workflows" / "publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any("schemebook build" in str(step.get("run", "")) for step in steps)
    gitlab = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    assert "schemebook build --out public" in gitlab["pages"]["script"]
    assert (project / "scheme.schema.json").is_file()
    first_line = (project / "scheme.yml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./scheme.schema.json"


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not empty"):
        init_project(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"
