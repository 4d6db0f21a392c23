"""schemebook as a user gets it: the wheel, in a fresh virtual environment.

One wheel and one environment for the whole session. The wheel is built from
this checkout; the environment is made in a temporary folder and the wheel
installed into it by the very install step of the GitHub workflow that init
writes, with requirements.txt pointing at the wheel's URL (the documented way
to install from one's own copy) and pip held to requirements/constraints.txt,
so it fetches no version CI has not tested. Every command then runs from a
folder outside the repository, with nothing of the checkout on the path.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from schemebook import __version__
from schemebook.commands.init import EXAMPLES, github_workflow, gitlab_ci
from support.assets import asset_problems

pytestmark = [pytest.mark.install, pytest.mark.slow, pytest.mark.pdf]

CONSTRAINTS = Path(os.environ.get("SCHEMEBOOK_CONSTRAINTS",
                                  REPO / "requirements" / "constraints.txt"))
"""The versions pip may install: the tested newest, or the lowest (scripts/test-lowest)."""


@dataclass(frozen=True)
class Installed:
    """The built distribution and the environment the wheel went into."""

    wheel: Path
    sdist: Path
    venv: Path
    work: Path
    """An empty folder outside the repository to run commands in."""

    def env(self) -> dict[str, str]:
        """The environment of a user of that venv: its bin first, no checkout on the path."""
        env = {k: v for k, v in os.environ.items()
               if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["PIP_CONSTRAINT"] = str(CONSTRAINTS)
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        return env

    def run(self, *args: str, cwd: Path | None = None, timeout: int = 900,
            check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(list(args), cwd=cwd or self.work, env=self.env(), text=True,
                              capture_output=True, timeout=timeout, check=False)
        if check and done.returncode != 0:
            pytest.fail(f"{shlex.join(args)} exited {done.returncode}:\n"
                        f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return done

    def schemebook(self, *args: str, cwd: Path | None = None,
                   check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run(str(self.venv / "bin" / "schemebook"), *args, cwd=cwd, check=check)


def workflow_steps(name: str) -> list[str]:
    """The shell lines of the GitHub workflow's step ``name`` (Debian's packages are
    on this machine already: the apt-get lines are left out)."""
    steps = yaml.safe_load(github_workflow())["jobs"]["build"]["steps"]
    script = next(step["run"] for step in steps if step.get("name") == name)
    return [line for line in script.splitlines() if line and "apt-get" not in line]


def gitlab_lines() -> list[str]:
    return [line for line in yaml.safe_load(gitlab_ci())["pages"]["script"]
            if "apt-get" not in line]


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel and sdist once; install the wheel as the workflow does."""
    root = tmp_path_factory.mktemp("install")
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist),
                    str(REPO)], check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("schemebook-*.whl"))
    sdist = next(dist.glob("schemebook-*.tar.gz"))
    venv, work = root / "venv", root / "work"
    work.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    made = Installed(wheel, sdist, venv, work)
    ci = root / "ci"
    ci.mkdir()
    (ci / "requirements.txt").write_text(f"schemebook @ {wheel.as_uri()}\n", encoding="utf-8")
    for line in workflow_steps("Install schemebook"):
        made.run("bash", "-c", line, cwd=ci)
    return made


def test_the_wheel_carries_the_built_in_project(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for needed in ("schemebook/builtin/scheme.yml", "schemebook/builtin/scheme.schema.json",
                   "schemebook/builtin/content/index.md",
                   "schemebook/builtin/templates/theme/main.html",
                   "schemebook/builtin/templates/print/pack.html",
                   "schemebook/builtin/examples/welsh/scheme.yml",
                   "schemebook/builtin/examples/law-firm/assets/logo.svg",
                   "schemebook/builtin/assets/logo.svg", "schemebook/locales/cy.po",
                   "schemebook/assets/fonts/fonts.json", "schemebook/scheme/defaults/cy.yml",
                   "schemebook/scheme/sectors.yml", "schemebook/plan/instruments.yml",
                   "schemebook/plan/reflection.yml", "schemebook/py.typed"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "generator/", "schemebook/tests"))]
    assert "schemebook/assets/emoji/noto-emoji-400-normal.woff2" in names
    # Small: the code, the built-in project and fonts; Noto Emoji (0.48 MB) is the
    # largest file, cut down at build time to the emoji a scheme uses.
    assert installed.wheel.stat().st_size < 1_500_000
    with tarfile.open(installed.sdist) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    for needed in ("hatch_build.py", "content/index.md", "templates/theme/main.html",
                   "examples/welsh/scheme.yml", "requirements/constraints.txt", "CHANGELOG.md",
                   "tests/test_install.py", "generator/schemebook/__init__.py"):
        assert needed in members, needed


def test_twine_accepts_both_files(installed: Installed) -> None:
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict",
                           str(installed.wheel), str(installed.sdist)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_nothing_of_the_checkout_is_used(installed: Installed) -> None:
    done = installed.run(str(installed.venv / "bin" / "python"), "-c",
                         "import schemebook, sys; from schemebook.core.paths import builtin; "
                         "print(schemebook.__file__); print(builtin()); print(sys.path)")
    package, builtin, path = done.stdout.splitlines()
    assert Path(package).is_relative_to(installed.venv), package
    assert Path(builtin) == Path(package).parent / "builtin"
    assert str(REPO) not in path
    assert installed.schemebook("--version").stdout.strip().endswith(__version__)
    assert installed.run(str(installed.venv / "bin" / "python"), "-m", "schemebook",
                         "--version").stdout.strip().endswith(__version__)


@pytest.fixture(scope="session")
def projects(installed: Installed) -> dict[str, Path]:
    """Every example, initialised by the installed command (built by the next test)."""
    made = {}
    for example in EXAMPLES:
        folder = installed.work / example
        installed.schemebook("init", "--example", example, "--no-build", str(folder))
        made[example] = folder
    return made


def test_init_validate_build_and_packs_every_example(installed: Installed,
                                                    projects: dict[str, Path]) -> None:
    for example, project in projects.items():
        assert (project / "requirements.txt").read_text(encoding="utf-8").rstrip().endswith(
            f"schemebook=={__version__}")
        valid = installed.schemebook("validate", cwd=project)
        assert "valid" in valid.stdout, valid.stdout
        built = installed.schemebook("build", "-q", cwd=project)
        assert built.stdout == "", built.stdout
        site = project / "site"
        pages = list(site.rglob("*.html"))
        assert len(pages) >= 25, (example, len(pages))
        assert len(list((site / "downloads").glob("*.pdf"))) >= 6, example
        problems = asset_problems(site)
        assert not problems, "\n".join(problems)
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "assets/brand.css" in home and "md-nav" in home, example
    assert (projects["welsh"] / "site" / "en" / "index.html").is_file()
    packs = installed.schemebook("packs", "--out", "packs", cwd=projects["law-firm"])
    assert "built" in packs.stdout
    made = {p.name for p in (projects["law-firm"] / "packs").glob("*.pdf")}
    assert {"mentor-pack.pdf", "mentee-pack.pdf", "coordinator-pack.pdf",
            "support-card.pdf"} <= made, made


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serving(installed: Installed, projects: dict[str, Path]) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen([str(installed.venv / "bin" / "schemebook"), "serve", "-q",
                               "--port", str(port)], cwd=projects["university"],
                              env=installed.env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_serve_answers(serving: str) -> None:
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(serving + "mentors.html", timeout=10) as answer:
                page = answer.read().decode("utf-8")
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    assert "<title>" in page and "mentor" in page.lower()


def test_the_workflows_build_steps_publish_the_site(installed: Installed,
                                                    projects: dict[str, Path]) -> None:
    """The GitHub Build step and the GitLab script, as written, in an init'd project."""
    project = projects["law-firm"]
    (project / "requirements.txt").write_text(f"schemebook @ {installed.wheel.as_uri()}\n",
                                              encoding="utf-8")
    for line in workflow_steps("Build"):
        installed.run("bash", "-c", line, cwd=project)
    assert (project / "site" / "index.html").is_file()
    for line in gitlab_lines():
        installed.run("bash", "-c", line, cwd=project)
    assert (project / "public" / "index.html").is_file()
    assert not asset_problems(project / "public")
    ours = installed.run("bash", "-c", "cat .github/workflows/publish.yml", cwd=project).stdout
    assert ours == github_workflow()  # the installed init wrote what we checked
