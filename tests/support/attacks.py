"""Helpers for the attack corpus in tests/attacks/: a project, the command, what is on disk.

Every attack runs the real code on a small project in a temporary folder
and checks the exact outcome: the lines printed, the exit code, and which
files were and were not written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from schemebook.cli import main
from schemebook.commands.build import build
from schemebook.core.errors import SchemebookError
from schemebook.core.options import Options

PAGES_ONLY = Options(packs=False)
"""Most attacks need the pages only: the build is quicker without PDFs."""

SCHEME: dict[str, Any] = {
    "name": "Tiny Scheme",
    "organisation": "Example College",
    "build_date": "2026-09-01",
    "contact": {"name": "Ada Example", "email": "ada@college.example"},
    "focus": {"aims": ["Help senior staff understand barriers students meet"]},
}

SECRET = "TOP-SECRET-0451"
"""Text of the file outside the project that no attack may publish."""


def project(tmp_path: Path, files: dict[str, str | bytes] | None = None,
            **scheme: Any) -> Path:
    """A project folder with scheme.yml (SCHEME with ``scheme`` on top) and ``files``;
    beside it, ``outside/secret.*`` files that hold :data:`SECRET`."""
    folder = tmp_path / "project"
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump({**SCHEME, **scheme}, sort_keys=False, allow_unicode=True)
    (folder / "scheme.yml").write_text(text, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    for name in ("secret.md", "secret.txt", "secret.css", "secret.html"):
        (outside / name).write_text(f"{SECRET}\n", encoding="utf-8")
    for rel, content in (files or {}).items():
        write(folder / rel, content)
    return folder


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def link(path: Path, target: Path) -> None:
    """A symbolic link at ``path`` to ``target``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


@dataclass(frozen=True)
class Run:
    """What one run of the command gave."""

    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``schemebook ARGS`` in this process from ``cwd``; any exception that escapes
    the command (a traceback) fails the test."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=True, env=env)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"a traceback escaped: {result.exception!r}") from result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def problems(folder: Path, options: Options = PAGES_ONLY) -> list[str]:
    """What a build of ``folder`` reports, paths as the user sees them from inside it;
    [] when it builds."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        build(folder / "scheme.yml", options=options)
    except SchemebookError as exc:
        return [str(p) for p in exc.problems]
    finally:
        os.chdir(here)
    return []


def tree(folder: Path) -> set[str]:
    """Every file and link under ``folder``, by relative path."""
    if not folder.exists():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() or p.is_symlink()}


def published_text(site: Path) -> str:
    """All the text of a built site, to look for what must not be there."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*")
                     if p.is_file())
