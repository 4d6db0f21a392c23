"""The MkDocs run keeps, per process, what no edit changed: each page's Markdown
conversion and the installed theme's file listing (``serve`` rebuilds after every
edit). The site built must be the one a fresh process builds, warnings included."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from pathlib import Path

import markdown
import pytest

from schemebook.site import mkdocs

STAMP = dt.date(2026, 12, 3)
PAGES = {
    "index.md": "# Home\n\nSee [the guide](guide.md) and [a missing page](gone.md).\n",
    "guide.md": "# Guide\n\n## Before you meet\n\nRead [the home page](index.md#home).\n",
    "faq.md": "# Questions\n\nAsk the coordinator.\n",
}


@pytest.fixture(autouse=True)
def _fresh_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs, "_CONVERTED", OrderedDict())


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
