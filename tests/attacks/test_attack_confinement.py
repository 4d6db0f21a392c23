"""Attacks on confinement: every kind of file the build reads stays inside the project.

One rule (schemebook.core.confine.confine) serves pages, folders, includes,
theme and print files, snippets, fonts, images, the logo, the favicon, extra
CSS, message templates, mkdocs.yml and calendar.lock: links are followed and
a target outside the project is refused, with its line where there is one.
Nothing from outside is published, and a refused build writes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from schemebook.core.options import Options
from schemebook.core.paths import print_url
from schemebook.pdf.weasyprint import ConfinedFetcher, URLRefused
from support.attacks import SECRET, cli, link, problems, project, tree


def test_a_page_that_links_to_a_file_elsewhere(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "content" / "leak.md", tmp_path / "outside" / "secret.md")
    assert problems(folder) == [
        "content/leak.md:1:1: error: 'content/leak.md' is a link that leads outside the "
        "project folder"]
    assert not (folder / "site").exists()


def test_a_folder_that_links_elsewhere_and_an_include(tmp_path: Path) -> None:
    folder = project(tmp_path, files={
        "content/notes.md": '# Notes\n\n{% include "shared/secret.md" %}\n'})
    link(folder / "content" / "shared", tmp_path / "outside")
    assert problems(folder) == [
        "content/shared/secret.md:1:1: error: 'content/shared/secret.md' is a link that "
        "leads outside the project folder"]
    assert not (folder / "site").exists()


def test_a_folder_link_with_only_images_in_it(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path / "outside" / "photo.png").write_bytes(b"\x89PNG not really")
    link(folder / "content" / "img", tmp_path / "outside")
    assert problems(folder) == [
        "content/img:1:1: error: 'content/img' is a link to a folder outside the project "
        "folder"]


def test_a_theme_asset_that_links_to_a_system_file(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "templates" / "theme" / "assets" / "passwd", tmp_path / "outside" /
         "secret.txt")
    assert problems(folder) == [
        "templates/theme/assets/passwd:1:1: error: 'templates/theme/assets/passwd' is a "
        "link that leads outside the project folder"]
    assert not (folder / "site").exists()


def test_a_theme_template_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "templates" / "theme" / "main.html", tmp_path / "outside" / "secret.html")
    assert problems(folder) == [
        "templates/theme/main.html:1:1: error: 'templates/theme/main.html' is a link that "
        "leads outside the project folder"]


def test_a_content_image_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path / "outside" / "photo.png").write_bytes(b"\x89PNG")
    link(folder / "content" / "photo.png", tmp_path / "outside" / "photo.png")
    assert problems(folder) == [
        "content/photo.png:1:1: error: 'content/photo.png' is a link that leads outside the "
        "project folder"]


def test_a_message_template_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "templates" / "messages" / "pairing.txt", tmp_path / "outside" /
         "secret.txt")
    assert problems(folder) == [
        "templates/messages/pairing.txt:1:1: error: 'templates/messages/pairing.txt' is a "
        "link that leads outside the project folder"]


def test_a_print_style_sheet_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "templates" / "print" / "print.css", tmp_path / "outside" / "secret.css")
    rendered: list[str] = []
    assert problems(folder, Options(on_rendered=rendered.append)) == [
        "templates/print/print.css:1:1: error: 'templates/print/print.css' is a link that "
        "leads outside the project folder"]
    assert not (folder / "site").exists()
    assert rendered == []  # the build stopped at the style sheet, before rendering for nothing


@pytest.mark.parametrize(("key", "value", "message"), [
    ("logo", "/etc/hostname", "brand.logo: '/etc/hostname' is an absolute path; give a path "
     "inside the project"),
    ("favicon", "../outside/x.png", "brand.favicon: '../outside/x.png' leaves the project "
     "folder ('..' is not allowed)"),
    ("font", "fonts/../../outside/x.woff2", "brand.font: 'fonts/../../outside/x.woff2' "
     "leaves the project folder ('..' is not allowed)"),
    ("logo", "assets/logo.svg", "brand.logo: 'assets/logo.svg' is a link that leads outside "
     "the project folder"),
    ("favicon", "assets/logo.svg", "brand.favicon: 'assets/logo.svg' is a link that leads "
     "outside the project folder"),
    ("font", "assets/brand.woff2", "brand.font: 'assets/brand.woff2' is a link that leads "
     "outside the project folder"),
])
def test_brand_files_outside_the_project(tmp_path: Path, key: str, value: str,
                                         message: str) -> None:
    folder = project(tmp_path, brand={key: value, "logo_alt": "Logo"})
    (tmp_path / "outside" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    link(folder / "assets" / "logo.svg", tmp_path / "outside" / "logo.svg")
    link(folder / "assets" / "brand.woff2", tmp_path / "outside" / "secret.txt")
    run = cli("validate", cwd=folder)
    assert run.code == 2
    assert run.lines[0] == f"scheme.yml:11:3: error: {message}"


def test_extra_css_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path, files={"mkdocs.yml": "extra_css:\n  - extra.css\n"})
    link(folder / "extra.css", tmp_path / "outside" / "secret.css")
    assert problems(folder) == [
        "mkdocs.yml:1:1: error: extra_css[1]: 'extra.css' is a link that leads outside the "
        "project folder"]


def test_mkdocs_yml_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "mkdocs.yml", tmp_path / "outside" / "secret.txt")
    assert problems(folder) == [
        "mkdocs.yml:1:1: error: 'mkdocs.yml' is a link that leads outside the project folder"]


def test_a_snippet_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path, files={
        "mkdocs.yml": "markdown_extensions:\n  - pymdownx.snippets\n",
        "content/rooms.md": '# Rooms\n\n--8<-- "snippets/rooms.md"\n'})
    link(folder / "snippets" / "rooms.md", tmp_path / "outside" / "secret.md")
    assert problems(folder) == [
        "content/rooms.md:1:1: error: the page could not be built: snippet 'snippets/rooms.md' "
        "is a link that leads outside the project folder"]
    assert not (folder / "site").exists()


def test_calendar_lock_that_links_out(tmp_path: Path) -> None:
    folder = project(tmp_path)
    link(folder / "calendar.lock", tmp_path / "outside" / "secret.txt")
    assert problems(folder)[0] == (
        "calendar.lock:1:1: error: calendar.lock cannot be read: 'calendar.lock' is a link "
        "that leads outside the project folder (restore it from git (git checkout "
        "calendar.lock); only if there is no good copy, delete it: the numbers start again at "
        "0 and calendars that already hold the events will not take moved dates)")


def test_a_page_that_is_a_pipe_does_not_hang_the_build(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "content").mkdir()
    os.mkfifo(folder / "content" / "pipe.md")
    assert problems(folder) == [
        "content/pipe.md:1:1: error: 'content/pipe.md' is not a regular file"]


def test_the_scheme_is_a_device(tmp_path: Path) -> None:
    run = cli("validate", "/dev/zero", cwd=tmp_path)
    assert (run.code, run.lines) == (2, [
        "/dev/zero:1:1: error: '/dev/zero' is not a regular file (give the path of a scheme "
        "file)", "schemebook: 1 problem; nothing was written"])


def test_print_fetcher_refuses_files_outside(tmp_path: Path) -> None:
    folder = project(tmp_path)
    fetcher = ConfinedFetcher([folder], project=folder)
    for url in ("file:///etc/hostname", "schemebook://project/../outside/secret.txt",
                "schemebook://project/%2e%2e/outside/secret.txt", "https://example.org/x.png"):
        with pytest.raises(URLRefused):
            fetcher.local_path(url)
    (folder / "assets").mkdir()
    (folder / "assets" / "ok.png").write_bytes(b"png")
    url = print_url(folder / "assets" / "ok.png", folder)
    assert url == "schemebook://project/assets/ok.png"
    assert fetcher.local_path(url) == (folder / "assets" / "ok.png").resolve()


def test_nothing_from_outside_is_published_by_a_good_build(tmp_path: Path) -> None:
    """The same folders without links build, and the secret is nowhere in the site."""
    folder = project(tmp_path, files={"content/notes.md": "# Notes\n\nHello.\n",
                                      "templates/theme/assets/x.txt": "x\n"})
    assert problems(folder) == []
    site = folder / "site"
    assert {"notes.html", "assets/x.txt"} <= tree(site)
    assert all(SECRET not in p.read_text("utf-8", "replace") for p in site.rglob("*.*")
               if p.is_file())
