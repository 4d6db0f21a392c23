"""Guards from 'What schemebook guarantees' not covered elsewhere."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from schemebook.commands.build import build
from schemebook.commands.packs import build_packs
from schemebook.core.errors import TemplateError
from schemebook.core.options import Options


@pytest.mark.parametrize("target", ["/etc/hostname", "../../../../etc/hostname"])
def test_snippets_cannot_include_files_outside_the_project(
        make_project: Callable[..., Path], target: str) -> None:
    scheme = make_project(files={
        "mkdocs.yml": "markdown_extensions:\n  - pymdownx.snippets\n",
        "content/leak.md": f'# Leak\n\n--8<-- "{target}"\n',
    })
    with pytest.raises(TemplateError) as info:
        build(scheme, options=Options(packs=False))
    [problem] = info.value.problems
    assert str(problem).startswith("content/leak.md:1:1: error: the page could not be built")
    assert not (scheme.parent / "site").exists()


def test_snippets_inside_the_project_still_work(make_project: Callable[..., Path]) -> None:
    scheme = make_project(files={
        "mkdocs.yml": "markdown_extensions:\n  - pymdownx.snippets\n",
        "snippets/rooms.md": "Room G.04 is step-free.\n",
        "content/rooms.md": '# Rooms\n\n--8<-- "snippets/rooms.md"\n',
    })
    out = build(scheme, options=Options(packs=False)).out
    assert "Room G.04 is step-free." in (out / "rooms.html").read_text()


def test_script_in_a_theme_title_is_text_in_the_pdf(make_project: Callable[..., Path]) -> None:
    title = "Belonging <script>alert(1)</script> {{ 7 * 7 }}"
    scheme = make_project(
        themes=[{"title": title, "icebreakers": ["Where do you feel at home?"]}],
        packs={"mentee": {"build": False}, "coordinator": {"build": False}},
    )
    result = build_packs(scheme, scheme.parent / "out")
    text = subprocess.run(["pdftotext", str(result.out / "mentor-pack.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Belonging <script>alert(1)</script> {{ 7 * 7 }}" in " ".join(text.split())
    assert "49" not in text.split()
