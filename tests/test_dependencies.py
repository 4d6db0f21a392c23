"""Every package the code imports is declared in pyproject.toml, and every declared
one is used.

schemebook's own modules may import only the standard library, themselves and
the core dependencies (a user installs nothing else); the tests may also use
the test extra. Import names are mapped to the distributions that provide them
by the installed metadata (``PIL`` is Pillow, ``yaml`` is PyYAML).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PACKAGE = REPO / "generator" / "schemebook"
TESTS = REPO / "tests"
LOCAL = {"schemebook", "conftest", "support", "test_packs", "hatchling", "coordinator",
         "commands"}
"""Our own modules (``coordinator`` is the benchmark's, beside it in tests/bench/;
``commands`` is tests/commands/, whose helpers other tests import), and
the build hook's backend (hatch_build.py, not shipped)."""

USED_BY_NAME = {"tzdata", "mkdocs-material", "pymdown-extensions"}
"""Core dependencies used without an import: zoneinfo reads tzdata, MkDocs loads the
Material theme and the pymdownx Markdown extensions by the names mkdocs.yml gives."""

RUN_BY_NAME = {"zensical", "check-jsonschema", "twine", "build", "hatchling", "ruff", "mypy",
               "import-linter", "coverage", "uv", "types-pyyaml", "types-markdown",
               "scipy-stubs", "types-openpyxl", "pytest-xdist",
               "textstat", "axe-playwright-python"}
"""Declared packages run as commands or found without an import statement."""


@cache
def declared() -> dict[str, set[str]]:
    """The distributions of each extra (and '' for the core), extras followed."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"": project["dependencies"], **project["optional-dependencies"]}

    def names(group: str) -> set[str]:
        found = set()
        for text in groups[group]:
            requirement = Requirement(text)
            if canonicalize_name(requirement.name) == "schemebook":
                for extra in requirement.extras:
                    found |= names(extra)
            else:
                found.add(canonicalize_name(requirement.name))
        return found

    return {group: names(group) for group in groups}


def imported(folder: Path) -> dict[str, str]:
    """Top-level modules imported under ``folder`` (not the standard library), with a
    file that imports each."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, str(path.relative_to(REPO)))
    return found


def distributions(modules: dict[str, str]) -> dict[str, str]:
    mapping = packages_distributions()
    result = {}
    for module, where in modules.items():
        dists = mapping.get(module)
        assert dists, f"{where} imports {module}, which no installed distribution provides"
        for dist in dists:
            result[canonicalize_name(dist)] = where
    return result


def optional() -> set[str]:
    """What the user-facing extras (not the test extra) bring."""
    return set().union(*(names for group, names in declared().items()
                         if group not in ("", "test")))


def test_the_package_imports_only_declared_dependencies() -> None:
    """Core dependencies, or those of an extra, which only the command that needs
    them imports (checked in tests/test_package.py)."""
    used = distributions(imported(PACKAGE))
    missing = {d: w for d, w in used.items() if d not in declared()[""] | optional()}
    assert not missing, f"imported but neither a dependency nor in an extra: {missing}"
    assert {"pillow", "fonttools", "markupsafe", "pyyaml", "packaging"} <= set(used)


def test_the_tests_import_only_declared_packages() -> None:
    allowed = declared()[""] | declared()["test"]
    used = distributions(imported(TESTS))
    missing = {d: w for d, w in used.items() if d not in allowed}
    assert not missing, f"imported by the tests but not declared: {missing}"


def test_every_core_dependency_is_imported() -> None:
    used = set(distributions(imported(PACKAGE)))
    unused = declared()[""] - used - USED_BY_NAME
    assert not unused, f"declared but never imported by schemebook: {unused}"


def test_every_test_dependency_is_used() -> None:
    used = set(distributions(imported(TESTS))) | set(distributions(imported(PACKAGE)))
    unused = declared()["test"] - used - RUN_BY_NAME
    assert not unused, f"in the test extra but neither imported nor run: {unused}"
