"""Attacks on limits: no input makes the build hang, exhaust memory or end in a traceback.

Template rendering has a budget of steps counted inside the sandbox
(schemebook.render.sandbox.TEMPLATE_STEPS), so it holds in any thread, as
in serve's rebuilds; enormous values, endless recursion, memory and
overflow errors are located errors naming the template. YAML depth, image
pixels and file sizes are checked before the work, with bounded reads.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PIL import Image
from schemebook.core.errors import Report, SchemebookError
from schemebook.render import TEMPLATE_STEPS, make_environment, render_template
from support.attacks import cli, problems, project

STEPS = (f"the template took more than {TEMPLATE_STEPS:,} steps (a loop inside a loop, or a "
         "macro that calls itself?) (simplify the template)")
HUGE = ("the template would build a value of more than 10,000,000 characters, items or bytes "
        "(simplify the template)")


def page_problems(tmp_path: Path, page: str) -> list[str]:
    return problems(project(tmp_path, files={"content/x.md": page}))


@pytest.mark.parametrize(("page", "line"), [
    ("# X\n\n{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}"
     "{% endfor %}\n", f"content/x.md:3:1: error: {STEPS}"),
    ("# X\n\n{% include 'x.md' %}\n", "content/x.md:1:1: error: the template calls or "
     "includes itself without end (check its include, extends and macro calls)"),
    ("# X\n{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}\n", "content/x.md:1:1: "
     "error: the template calls or includes itself without end (check its include, extends "
     "and macro calls)"),
    ("# X\n\n{{ 'a' * 2**62 }}\n", f"content/x.md:3:1: error: {HUGE}"),
    ("# X\n\n{{ 7 ** 123456789 }}\n", f"content/x.md:3:1: error: {HUGE}"),
    ("# X\n{% set ns = namespace(s='ab') %}\n{% for i in range(64) %}"
     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}\n", "content/x.md:3:1: error: the template built "
     "a value of 16,777,216 characters or items; the limit is 10,000,000 (simplify the "
     "template)"),
    ("# X\n\n{{ 'x'|center(10**10) }}\n", "content/x.md:3:1: error: 10,000,000,000 is too large "
     "a size for a template (at most 100,000) (simplify the template)"),
    ("# X\n\n{{ 'x'.ljust(10**10) }}\n", "content/x.md:3:1: error: 10,000,000,000 is too large "
     "a size for a template (at most 100,000) (simplify the template)"),
    ("# X\n\n{{ '{:>9999999999}'.format('x') }}\n", "content/x.md:3:1: error: the format asks "
     "for too wide a field (simplify the template)"),
    ("# X\n\n{{ '%9999999999s' % 'x' }}\n", f"content/x.md:3:1: error: {HUGE}"),
])
def test_template_work_is_limited(tmp_path: Path, page: str, line: str) -> None:
    assert page_problems(tmp_path, page) == [line]


def test_the_budget_holds_outside_the_main_thread(tmp_path: Path) -> None:
    """serve rebuilds in another thread, where a signal-based timeout cannot work."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "loop.md").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    env = make_environment(tmp_path, "content", html=False)
    found: list[str] = []

    def render() -> None:
        try:
            render_template(env, "loop.md", {})
        except SchemebookError as exc:
            found.extend(p.message for p in exc.problems)

    thread = threading.Thread(target=render)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert found == [STEPS.removesuffix(" (simplify the template)")]


def test_a_print_template_has_the_same_budget(tmp_path: Path) -> None:
    (tmp_path / "templates" / "print").mkdir(parents=True)
    (tmp_path / "templates" / "print" / "card.html").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    env = make_environment(tmp_path, "templates/print", html=True)
    with pytest.raises(SchemebookError) as info:
        render_template(env, "card.html", {})
    assert [p.message for p in info.value.problems] == [STEPS.removesuffix(
        " (simplify the template)")]


def test_yaml_nested_500_deep(tmp_path: Path) -> None:
    (tmp_path / "scheme.yml").write_text("name: x\nthemes: " + "[" * 500 + "]" * 500 + "\n")
    run = cli("validate", cwd=tmp_path)
    assert (run.code, run.lines) == (2, [
        "scheme.yml:2:48: error: lists and sections are nested more than 40 deep (flatten the "
        "structure)", "schemebook: 1 problem; nothing was written"])


def test_a_scheme_file_over_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    with open(tmp_path / "scheme.yml", "wb") as out:
        out.truncate(3 * 1024**3)  # 3 GB of holes: reading it all would take minutes
    run = cli("validate", cwd=tmp_path)
    assert run.lines[0] == ("scheme.yml:1:1: error: file is 3,221,225,472 bytes; the limit is "
                            "1,048,576 bytes (move long text into pages under content/)")


def test_a_page_over_the_limit(tmp_path: Path) -> None:
    assert page_problems(tmp_path, "# X\n" + "x" * (1024 * 1024)) == [
        "content/x.md:1:1: error: 'content/x.md' is over 1,048,576 bytes, the limit for this "
        "file"]


def test_a_logo_of_20000_by_10000_pixels(tmp_path: Path) -> None:
    folder = project(tmp_path, brand={"logo": "logo.png", "logo_alt": "Logo"})
    Image.new("1", (20000, 10000)).save(folder / "logo.png")
    run = cli("validate", cwd=folder)
    size = round((folder / "logo.png").stat().st_size / 1024)
    assert (run.code, run.lines[0]) == (2, (
        f"scheme.yml:11:9: error: brand.logo: the image is too large to use ({size} KB, "
        "200,000,000 pixels; at most 20 MB and 40 million pixels) (save a smaller copy, e.g. "
        "600 pixels across)"))


def test_a_large_logo_is_a_warning_with_its_size(tmp_path: Path) -> None:
    folder = project(tmp_path, brand={"logo": "logo.png", "logo_alt": "Logo"})
    Image.new("RGB", (5000, 100), "navy").save(folder / "logo.png")
    run = cli("validate", cwd=folder)
    size = max(1, round((folder / "logo.png").stat().st_size / 1024))
    assert run.code == 0
    assert run.lines[0] == (
        f"scheme.yml:11:9: warning: brand.logo: the image is large ({size} KB, 5000 x 100 "
        "pixels): every page and PDF carries it; a few hundred KB and 1000 pixels across are "
        "plenty (save a smaller copy, e.g. 600 pixels across)")


def test_limits_leave_room_for_the_examples() -> None:
    """The budget is far above what the largest built-in page takes (about 120,000)."""
    assert TEMPLATE_STEPS >= 1_000_000
    assert Report().errors == []


@pytest.mark.parametrize(("theme", "message"), [
    ('{% extends "base.html" %}{% block content %}{{ "".__class__.__mro__ }}{% endblock %}',
     "templates/theme/main.html:1:1: error: the page could not be built: access to attribute "
     "'__class__' of 'str' object is unsafe."),
    ('{% extends "base.html" %}{% block content %}{% for i in range(100000) %}'
     '{% for j in range(100000) %}{% endfor %}{% endfor %}{% endblock %}',
     f"templates/theme/main.html:1:1: error: the page could not be built: "
     f"{STEPS.removesuffix(' (simplify the template)')}"),
])
def test_theme_templates_run_in_the_sandbox_with_a_budget(tmp_path: Path, theme: str,
                                                          message: str) -> None:
    """The site engine's own Jinja is not sandboxed; schemebook's theme environment is."""
    folder = project(tmp_path, files={"templates/theme/main.html": theme})
    assert problems(folder) == [message]
    assert not (folder / "site").exists()
