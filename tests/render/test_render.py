"""render.py: sandboxing, escaping and located template errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from schemebook.core.errors import TemplateError
from schemebook.render import make_environment, markdown_to_html, neutralise_html, render_template


def env_with(tmp_path: Path, text: str, html: bool = False) -> Callable[[], str]:
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "page.md").write_text(text, encoding="utf-8")
    env = make_environment(tmp_path, "content", html=html,
                           globals_={"title": "<script>x</script>"})
    return lambda: render_template(env, "page.md", {})


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    render = env_with(tmp_path, "line one\n{{ ''.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError) as info:
        render()
    [problem] = info.value.problems
    assert problem.location.line == 2 and problem.location.path.endswith("page.md")
    assert "not allowed" in problem.message or "undefined" in problem.message


def test_undefined_name_is_located(tmp_path: Path) -> None:
    render = env_with(tmp_path, "# Title\n\n{{ scheme.nmae }}\n")
    with pytest.raises(TemplateError) as info:
        render()
    assert str(info.value.problems[0]).split(": error")[0].endswith("page.md:3:1")


def test_syntax_error_is_located(tmp_path: Path) -> None:
    render = env_with(tmp_path, "ok\n{% if %}\n")
    with pytest.raises(TemplateError, match=r"page.md:2:1: error: template syntax error"):
        render()


def test_scheme_values_cannot_inject_html_into_markdown(tmp_path: Path) -> None:
    assert env_with(tmp_path, "{{ title }}")() == "&lt;script>x&lt;/script>"


def test_scheme_values_are_escaped_in_html_templates(tmp_path: Path) -> None:
    out = env_with(tmp_path, "<p>{{ title }}</p>", html=True)()
    assert out == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_markdown_to_html_escapes_raw_html() -> None:
    html = markdown_to_html("Hello <b>there</b>\n\n<div>block</div>")
    assert "<b>" not in html and "&lt;b&gt;" in html and "&lt;div&gt;" in html
    assert "<b>there</b>" in markdown_to_html("Hello <b>there</b>", allow_html=True)


def test_template_syntax_in_values_is_text(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "page.md").write_text("{{ value }}", encoding="utf-8")
    env = make_environment(tmp_path, "content", html=False)
    out = render_template(env, "page.md", {"value": "{{ 7 * 7 }}"})
    # Braces become entities: the page reads {{ 7 * 7 }}, and no attribute list can start.
    assert out == "&#123;&#123; 7 * 7 }}"


def test_neutralise_leaves_comparisons_alone() -> None:
    assert neutralise_html("a < b and <em>x</em>") == "a < b and &lt;em>x&lt;/em>"


def test_a_project_template_extends_the_built_in_one_it_replaces(tmp_path: Path) -> None:
    """``builtin:`` reaches the shipped template even where the project has its own."""
    print_dir = tmp_path / "templates" / "print"
    print_dir.mkdir(parents=True)
    (print_dir / "_cover.html").write_text(
        'OURS[{% include "builtin:print/_cover.html" ignore missing %}]', encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "faq.md").write_text(
        '{% extends "builtin:faq.md" %}', encoding="utf-8")
    env = make_environment(tmp_path, "templates/print", html=True)
    _, filename, _ = env.loader.get_source(env, "builtin:print/_cover.html")
    assert "templates/print/_cover.html" in str(filename) and str(tmp_path) not in str(filename)
    assert env.loader.get_source(env, "_cover.html")[0].startswith("OURS[")
    pages = make_environment(tmp_path, "content", html=False)
    builtin_faq, _, _ = pages.loader.get_source(pages, "builtin:faq.md")
    assert builtin_faq != '{% extends "builtin:faq.md" %}' and "faq" in builtin_faq.lower()
