"""project.py: ``schemebook init`` makes a project that builds at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, edition, pack_jobs, run_cli
from schemebook.commands.init import init_project
from schemebook.core.errors import OutputError
from schemebook.core.paths import CACHE_FOLDER
from schemebook.plan.load import load_scheme


@pytest.mark.slow
def test_init_then_build(tmp_path: Path, session_cache: Path) -> None:
    """init builds the new project as build would, with the caches --cache-dir names
    (the run's shared ones here, so its PDFs come from there)."""
    result = run_cli("init", str(tmp_path / "ours"), "--cache-dir", str(session_cache))
    assert result.returncode == 0, result.stderr
    project = tmp_path / "ours"
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "downloads" / "mentor-pack.pdf").is_file()
    assert sorted(p.name for p in (project / CACHE_FOLDER).iterdir()) == ["last-build.json"]
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


def test_a_new_university_project_prints_as_the_example_does(tmp_path: Path) -> None:
    """The repository's example is the built-in project, so its print style sheet is
    both its own file and the built-in one: it is named as the built-in one, as in a
    project ``init`` made, and the two give the same print HTML (so the same PDFs,
    and one cache entry each)."""
    ours = pack_jobs(load_scheme(init_project(tmp_path / "ours") / "scheme.yml"))
    example = pack_jobs(edition(EXAMPLE).loaded)
    assert [job.key for job in ours] == [job.key for job in example]
    for mine, theirs in zip(ours, example, strict=True):
        assert mine.html == theirs.html, mine.key
    assert "schemebook://builtin/templates/print/print.css" in ours[0].html


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not empty"):
        init_project(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"
