"""The shape of the package: layers, small modules and functions, no cycles, a light start.

The layers themselves are import-linter's contract in pyproject.toml, which
scripts/test runs; these tests hold what import-linter does not check.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from conftest import REPO

PACKAGE = REPO / "generator" / "schemebook"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LAZY_LOADERS = {"cli/__init__.py", "pdf/workers.py", "__init__.py"}
"""Modules allowed to import by name at run time (importlib): the CLI loads a command
only when it runs, the workers load WeasyPrint only in the workers, and the package
loads its public API on first use."""

HEAVY = ("jinja2", "pydantic", "weasyprint", "mkdocs", "babel", "icalendar", "markdown",
         "scipy", "matplotlib", "openpyxl")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_is_small_and_imports_at_the_top(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        assert node.end_lineno is not None
        assert node.end_lineno - node.lineno + 1 <= MAX_FUNCTION_LINES, node.name
        deferred = [n.lineno for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
        assert not deferred, f"{node.name} imports inside the function (lines {deferred})"
    uses_importlib = "importlib.import_module" in source
    assert not uses_importlib or path.relative_to(PACKAGE).as_posix() in LAZY_LOADERS


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), the import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("schemebook", include_external_packages=False)
    assert _cycles(graph) == []


def test_importing_the_package_and_the_cli_loads_nothing_heavy() -> None:
    probe = ("import sys, schemebook, schemebook.cli; "
             f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_python_dash_m_schemebook_is_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "schemebook", "--version"],
                          capture_output=True, text=True, timeout=60, check=True)
    from schemebook import __version__

    assert done.stdout.strip() == f"schemebook, version {__version__}"
