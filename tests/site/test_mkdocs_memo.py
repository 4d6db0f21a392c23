"""The MkDocs run keeps, per process, what no edit changed: each page's Markdown
conversion and the installed theme's file listing (``serve`` rebuilds after every
edit). The site built must be the one a fresh process builds, warnings included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from schemebook.core.memo import Memo
from schemebook.site import mkdocs, mkdocs_memo

STAMP = dt.date(2026, 12, 3)
PAGES = {
    "index.md": "# Home\n\nSee [the guide](guide.md) and [a missing page](gone.md).\n",
    "guide.md": "# Guide\n\n## Before you meet\n\nRead [the home page](index.md#home).\n",
    "faq.md": "# Questions\n\nAsk the coordinator.\n",
}


@pytest.fixture(autouse=True)
def _fresh_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    forget()
    monkeypatch.setattr(mkdocs_memo, "_CONVERTED", mkdocs_memo._CONVERTED)
    monkeypatch.setattr(mkdocs_memo, "_FINISHED", mkdocs_memo._FINISHED)


def forget() -> None:
    """Empty memos, as in a fresh process."""
    mkdocs_memo._CONVERTED = Memo(64)
    mkdocs_memo._FINISHED = Memo(64)


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown texts converted, in order."""
    seen: list[str] = []
    real = markdown.Markdown.convert

    def convert(self: markdown.Markdown, source: str) -> str:
        seen.append(source)
        return real(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", convert)
    return seen


def project(folder: Path, pages: dict[str, str], extra: dict[str, str] | None = None) -> Path:
    """A plain MkDocs project with Material and a theme folder of its own."""
    (folder / "docs").mkdir(parents=True)
    (folder / "overrides").mkdir()
    for name, text in {**pages, **(extra or {})}.items():
        target = folder / name if name.startswith("overrides/") else folder / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Memo test\nuse_directory_urls: false\n"
                      "theme:\n  name: material\n  custom_dir: overrides\n"
                      "markdown_extensions:\n  - toc:\n      permalink: false\n",
                      encoding="utf-8")
    return config


def built(folder: Path) -> dict[str, bytes]:
    site = folder / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_rebuild_converts_only_the_edited_page_and_builds_the_same_site(
        tmp_path: Path, conversions: list[str]) -> None:
    first = mkdocs.build_site(project(tmp_path / "a", PAGES), STAMP)
    assert len(conversions) == 3
    again = mkdocs.build_site(project(tmp_path / "b", PAGES), STAMP)
    assert len(conversions) == 3, "nothing changed: no page is converted again"
    assert built(tmp_path / "a") == built(tmp_path / "b")
    assert [w.message for w in again] == [w.message for w in first]
    assert any("gone.md" in w.message for w in again), "a kept page still warns"

    edited = {**PAGES, "faq.md": "# Questions\n\nAsk the coordinator, or your pair.\n"}
    mkdocs.build_site(project(tmp_path / "c", edited), STAMP)
    assert conversions[3:] == [edited["faq.md"]]
    fresh, memo = built(tmp_path / "a"), built(tmp_path / "c")
    assert b"or your pair." in memo["faq.html"]
    assert {k for k in fresh if fresh[k] != memo.get(k)} <= {
        "faq.html", "search/search_index.json", "sitemap.xml.gz", "sitemap.xml"}


def test_a_new_or_missing_file_converts_every_page_again(
        tmp_path: Path, conversions: list[str]) -> None:
    """Links are resolved against the site's files: a page that appears (gone.md) turns
    the home page's warning into a link, though no page's text changed."""
    first = mkdocs.build_site(project(tmp_path / "a", PAGES), STAMP)
    added = {**PAGES, "gone.md": "# Back again\n"}
    second = mkdocs.build_site(project(tmp_path / "b", added), STAMP)
    assert len(conversions) == 3 + 4
    assert any("gone.md" in w.message for w in first)
    assert not any("gone.md" in w.message for w in second)
    assert b'href="gone.html"' in built(tmp_path / "b")["index.html"]


def test_the_projects_own_theme_files_are_listed_on_every_build(tmp_path: Path) -> None:
    """The installed theme is listed once per process; the project's theme folder is
    listed afresh, so a file added there between two builds is published."""
    mkdocs.build_site(project(tmp_path / "a", PAGES), STAMP)
    mkdocs.build_site(project(tmp_path / "b", PAGES, {"overrides/assets/extra.txt": "new"}),
                      STAMP)
    first, second = built(tmp_path / "a"), built(tmp_path / "b")
    assert set(second) - set(first) == {"assets/extra.txt"}
    assert "assets/javascripts/bundle." in " ".join(second), "Material's own files stay"
    assert not any(name.startswith(".icons") for name in second)


def test_a_changed_title_reaches_every_page_menu(tmp_path: Path) -> None:
    """Every page shows the menu: a page's new title is a new key for all of them,
    and the memo's site is byte for byte a fresh process's."""
    mkdocs.build_site(project(tmp_path / "a", PAGES), STAMP)
    kept = len(mkdocs_memo._FINISHED.kept)
    assert kept == 3
    retitled = {**PAGES, "faq.md": "# Frequently asked\n\nAsk the coordinator.\n"}
    mkdocs.build_site(project(tmp_path / "b", retitled), STAMP)
    assert len(mkdocs_memo._FINISHED.kept) == kept + 3, "every page rendered again"
    memo = built(tmp_path / "b")
    assert all(b"Frequently asked" in memo[name] for name in ("index.html", "guide.html"))
    forget()
    mkdocs.build_site(project(tmp_path / "c", retitled), STAMP)
    assert built(tmp_path / "c") == memo


def test_unchanged_pages_are_not_rendered_again_but_the_edited_one_is(tmp_path: Path) -> None:
    mkdocs.build_site(project(tmp_path / "a", PAGES), STAMP)
    edited = {**PAGES, "guide.md": PAGES["guide.md"] + "\nBring a notebook.\n"}
    mkdocs.build_site(project(tmp_path / "b", edited), STAMP)
    assert len(mkdocs_memo._FINISHED.kept) == 4, "one new page: the guide"
    forget()
    mkdocs.build_site(project(tmp_path / "c", edited), STAMP)
    assert built(tmp_path / "b") == built(tmp_path / "c")
    assert b"Bring a notebook." in built(tmp_path / "b")["guide.html"]


def test_a_projects_own_theme_template_turns_the_page_memo_off(tmp_path: Path) -> None:
    """A theme template of the project's may read anything (another page's text):
    its pages are always rendered."""
    own = {"overrides/main.html": '{% extends "base.html" %}\n'
           '{% block footer %}{{ pages | length }} pages{% endblock %}\n'}
    mkdocs.build_site(project(tmp_path / "a", PAGES, own), STAMP)
    assert len(mkdocs_memo._FINISHED.kept) == 0
    assert b"3 pages" in built(tmp_path / "a")["faq.html"]
