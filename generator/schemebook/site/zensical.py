"""The only module that knows Zensical: it builds the generated project.

Zensical, the successor the Material team wrote to MkDocs and Material, reads
the same mkdocs.yml, Markdown and theme overrides that :mod:`.config` writes
for MkDocs. This module gives it a copy of that file, ``zensical.yml``, with
the one setting only Zensical reads (its classic look, Material's own, which
our brand CSS and overrides are written for), and runs it in a process of its
own: its Rust runtime prints its diagnostics rather than logging them, and
keeps state between builds that a long ``serve`` must not inherit.

What Zensical would fetch from outside is switched off in the project
already: fonts are bundled (``font: false``) and the iframe-worker polyfill
that lets search run from disk is our own copy, so Zensical adds no CDN
address for it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2

from ..core.errors import Location, Problem, TemplateError
from .config import LINE_SHIFTS, dump_project_yaml, load_project_yaml

CONFIG = "zensical.yml"
"""Zensical's copy of mkdocs.yml, beside it in the generated project."""

INSTALL_HINT = "install it with: pip install 'schemebook[zensical]'"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WHERE = re.compile(r"\[\s*([^\]]+?):(\d+):(\d+)\s*\]")
_DIAGNOSTIC = re.compile(r"^(Warning|Error): (.+)$")


def check(where: Location) -> None:
    """Stop before any work when Zensical is not installed (it is the ``zensical`` extra)."""
    if importlib.util.find_spec("zensical") is None:
        raise TemplateError([Problem(where, "the Zensical site engine is not installed",
                                     INSTALL_HINT)])


def zensical_config(config: dict[str, Any]) -> dict[str, Any]:
    """The mkdocs.yml settings as Zensical is to read them: Material's classic look."""
    return {**config, "theme": {**config["theme"], "variant": "classic"}}


def build_site(config_path: Path, stamp: dt.date,
               template_cache: jinja2.BytecodeCache | None = None) -> list[Problem]:
    """Run Zensical on the generated project (into its site/); its warnings as problems.

    ``stamp`` and ``template_cache`` are MkDocs' concerns: Zensical writes no
    dates into its sitemap and compiles its templates itself.
    """
    where = Location(str(config_path))
    check(where)
    config = load_project_yaml(config_path)
    own = config_path.with_name(CONFIG)
    own.write_text(dump_project_yaml(zensical_config(config)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f", str(own)],
                          cwd=config_path.parent, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    shifts = json.loads((config_path.parent / LINE_SHIFTS).read_text(encoding="utf-8"))
    problems = diagnostics(done.stdout + "\n" + done.stderr, where, shifts)
    if done.returncode != 0:
        errors = [p for p in problems if p.severity == "error"] or [
            Problem(where, "Zensical could not build the site: "
                    + (done.stderr.strip().splitlines() or ["no message"])[-1])]
        raise TemplateError(errors)
    return problems


def diagnostics(output: str, where: Location,
                shifts: dict[str, int] | None = None) -> list[Problem]:
    """Zensical's warnings and errors, each with the page and line it names (the line
    as written, before :mod:`.config` put a title block on top: ``shifts``)."""
    found: list[Problem] = []
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines()]
    for i, line in enumerate(lines):
        match = _DIAGNOSTIC.match(line)
        if not match:
            continue
        kind, message = match.groups()
        place = next((m for m in map(_WHERE.search, lines[i + 1:i + 3]) if m), None)
        if place:
            page, number = place.group(1), int(place.group(2))
            message += f" (page {page}, line {number - (shifts or {}).get(page, 0)})"
        found.append(Problem(where, f"Zensical: {message}",
                             severity="error" if kind == "Error" else "warning"))
    return found
