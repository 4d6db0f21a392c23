"""build.py and site.py: a real MkDocs build of small schemes in temp folders."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import MENTOR_PACK_ONLY
from schemebook.commands.build import build
from schemebook.core.disk import MARKER
from schemebook.core.errors import OutputError, StrictError, TemplateError, ValidationError
from schemebook.core.options import Options

EMPTY_HEADING = re.compile(r"<h([1-6])[^>]*>\s*(<a [^>]*></a>\s*)?</h\1>")
EMPTY_LIST = re.compile(r"<(ul|ol)[^>]*>\s*</\1>")


def html_pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*.html")
        if "assets" not in p.parts and p.name != "404.html"
    }


def main_text(html: str) -> str:
    """The article of a Material page, without navigation and scripts."""
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    assert match, "page has no article"
    return match.group(1)


def test_minimal_scheme_builds_clean_pages(make_project: Callable[..., Path]) -> None:
    scheme = make_project()
    result = build(scheme, options=Options(packs=False))
    pages = html_pages(result.out)
    assert "index.html" in pages and len(pages) >= 10, sorted(pages)
    for name, html in pages.items():
        article = main_text(html)
        assert "None" not in article, name
        assert "{{" not in article and "{%" not in article, name
        assert not EMPTY_HEADING.search(article), (name, EMPTY_HEADING.search(article))
        assert not EMPTY_LIST.search(article), name
    assert "Tiny Scheme" in pages["index.html"]
    assert (result.out / MARKER).is_file()


def test_brand_colour_and_fonts_reach_the_site(make_project: Callable[..., Path]) -> None:
    scheme = make_project(brand={"primary": "#6a1b4d", "accent": "#0b6e4f"})
    out = build(scheme, options=Options(packs=False)).out
    css = (out / "assets" / "brand.css").read_text()
    assert "--md-primary-fg-color: #6a1b4d;" in css
    assert "--md-primary-bg-color: #ffffff;" in css
    index = (out / "index.html").read_text()
    assert "assets/brand.css" in index and "assets/fonts/fonts.css" in index
    assert (out / "assets" / "fonts" / "atkinson-hyperlegible-next-400-normal.woff2").is_file()
    # Nothing is fetched from another host: no Google Fonts, no CDN.
    for page in html_pages(out).values():
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


def test_project_content_overrides_and_adds_pages(make_project: Callable[..., Path]) -> None:
    scheme = make_project(files={
        "content/faq.md": "# Our own FAQ\n\nAsk {{ scheme.contact.name }}.\n",
        "content/parking.md": "# Parking\n\nPark behind the library.\n",
    })
    out = build(scheme, options=Options(packs=False)).out
    assert "Ask Ada Example." in (out / "faq.html").read_text()
    parking = (out / "parking.html").read_text()
    assert "Park behind the library." in parking
    assert 'href="parking.html"' in (out / "index.html").read_text()


def test_theme_override_from_project(make_project: Callable[..., Path]) -> None:
    scheme = make_project(files={
        "templates/theme/partials/copyright.html": "<p>Custom footer for {{ config.site_name }}</p>"
    })
    out = build(scheme, options=Options(packs=False)).out
    assert "Custom footer for Tiny Scheme" in (out / "index.html").read_text()


def test_coordinator_section_can_stay_private(make_project: Callable[..., Path]) -> None:
    scheme = make_project(site={"coordinator_section": False})
    out = build(scheme, options=Options(packs=False)).out
    assert not (out / "coordinator").exists()
    assert "coordinator/" not in (out / "index.html").read_text()


def test_failed_build_keeps_previous_site(make_project: Callable[..., Path]) -> None:
    scheme = make_project()
    out = build(scheme, options=Options(packs=False)).out
    before = (out / "index.html").read_bytes()
    scheme.write_text(scheme.read_text() + "meetings:\n  count: lots\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        build(scheme, options=Options(packs=False))
    assert (out / "index.html").read_bytes() == before
    leftovers = [p.name for p in scheme.parent.iterdir()  # the cache is kept on purpose
                 if p.name.startswith(".schemebook-") and p.name != ".schemebook-cache"]
    assert leftovers == []


def test_broken_page_template_keeps_previous_site(make_project: Callable[..., Path]) -> None:
    scheme = make_project()
    out = build(scheme, options=Options(packs=False)).out
    before = (out / "index.html").read_bytes()
    (scheme.parent / "content").mkdir()
    (scheme.parent / "content" / "extra.md").write_text("# X\n\n{{ scheme.nope }}\n")
    with pytest.raises(TemplateError, match=r"extra.md:3:1: error: undefined value"):
        build(scheme, options=Options(packs=False))
    assert (out / "index.html").read_bytes() == before


def test_refuses_to_clear_folders_it_did_not_create(make_project: Callable[..., Path],
                                                    tmp_path: Path) -> None:
    scheme = make_project()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    with pytest.raises(OutputError, match="files schemebook did not create"):
        build(scheme, precious, options=Options(packs=False))
    assert (precious / "thesis.docx").read_text() == "years of work"
    with pytest.raises(OutputError, match="refusing"):
        build(scheme, scheme.parent, options=Options(packs=False))
    with pytest.raises(OutputError, match="refusing"):
        build(scheme, Path.home(), options=Options(packs=False))


def test_user_mkdocs_settings_merge_with_warnings(make_project: Callable[..., Path]) -> None:
    scheme = make_project(files={
        "mkdocs.yml": "site_name: Other name\nextra_css:\n  - assets/extra.css\n"
                      "markdown_extensions:\n  - footnotes\n"
                      "nav:\n  - Intranet: https://intranet.example/\n",
        "assets/extra.css": "body { outline: 0; }\n",
    })
    result = build(scheme, options=Options(packs=False))
    text = "\n".join(str(w) for w in result.warnings)
    assert "mkdocs.yml:1:1: warning: mkdocs.yml key 'site_name' conflicts with scheme.yml" in text
    index = (result.out / "index.html").read_text()
    assert "<title>Tiny Scheme</title>" in index or "Tiny Scheme</title>" in index
    assert "assets/extra.css" in index and "https://intranet.example/" in index


def test_markdown_extension_outside_allow_list(make_project: Callable[..., Path]) -> None:
    scheme = make_project(files={"mkdocs.yml": "markdown_extensions:\n  - mdx_include\n"})
    with pytest.raises(ValidationError, match=r"mkdocs.yml:2:5: error: Markdown extension"):
        build(scheme, options=Options(packs=False))


def test_script_in_scheme_text_shows_as_text(make_project: Callable[..., Path]) -> None:
    scheme = make_project(focus={"aims": ["Listen <script>alert('x')</script> well"]})
    html = (build(scheme, options=Options(packs=False)).out / "index.html").read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_logo_favicon_and_alt_text(make_project: Callable[..., Path]) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           '<rect width="10" height="10"/></svg>')
    scheme = make_project(
        brand={"logo": "assets/logo.svg", "logo_alt": "Example College logo",
               "favicon": "assets/icon.svg"},
        files={"assets/logo.svg": svg, "assets/icon.svg": svg},
    )
    out = build(scheme, options=Options(packs=False)).out
    index = (out / "index.html").read_text()
    assert '<img src="assets/logo.svg" alt="Example College logo">' in index
    assert 'rel="icon" href="assets/favicon.svg"' in index
    assert (out / "assets" / "logo.svg").read_text() == svg


def test_rebuilds_are_byte_identical(make_project: Callable[..., Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    scheme = make_project(build_date="2026-09-15", site_url="https://mentoring.college.example/")
    first = build(scheme, scheme.parent / "a", options=Options(packs=False)).out
    # A different clock must not matter: the scheme's build_date wins.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    second = build(scheme, scheme.parent / "b", options=Options(packs=False)).out
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    assert "<lastmod>2026-09-15</lastmod>" in (first / "sitemap.xml").read_text()


def test_content_images_are_published_but_links_out_are_refused(
        make_project: Callable[..., Path], tmp_path: Path) -> None:
    scheme = make_project(files={
        "content/photos/room.png": b"\x89PNG\r\n\x1a\nfake",
        "content/welcome.md": "# Welcome\n\n![The meeting room](photos/room.png)\n",
    })
    out = build(scheme, options=Options(packs=False)).out
    assert (out / "photos" / "room.png").read_bytes().startswith(b"\x89PNG")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG server file")
    (scheme.parent / "content" / "photos" / "leak.png").symlink_to(secret)
    with pytest.raises(ValidationError, match="leads outside the project folder"):
        build(scheme, options=Options(packs=False))
    assert not (out / "photos" / "leak.png").exists()


def test_markup_in_names_never_reaches_the_theme_as_html(
        make_project: Callable[..., Path]) -> None:
    scheme = make_project(
        name="Voices <script>alert(1)</script>",
        organisation="Example <img src=x onerror=alert(2)> College",
        roles={"mentor": {"label": "Mentor <b>bold</b>"}},
    )
    out = build(scheme, options=Options(packs=False)).out
    for page in html_pages(out).values():
        assert "<script>alert(1)" not in page
        assert "<img src=x" not in page
        assert "<b>bold</b>" not in page
    assert "Voices &lt;script&gt;alert(1)&lt;/script&gt;" in (out / "index.html").read_text()


def test_no_request_to_outside_hosts(make_project: Callable[..., Path]) -> None:
    out = build(make_project(), options=Options(packs=False)).out
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")
    for name, page in html_pages(out).items():
        found = pattern.findall(page)
        assert not found, (name, found)
    assert (out / "assets" / "schemebook" / "iframe-worker-shim.js").is_file()


@pytest.mark.slow
def test_context_and_calendars_are_made_once_per_language(
        make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The context every output reads and the calendars are built once per language,
    however many pages, packs and files use them."""
    import schemebook.commands.build as command
    import schemebook.files.site_files as site_files

    calls: dict[str, list[str]] = {"context": [], "calendars": []}
    made, calendars = command.build_edition, site_files.build_calendars

    def counted_edition(loaded: Any, code: str = "", bytecode: Any = None) -> Any:
        calls["context"].append(loaded.scheme.language)
        return made(loaded, code, bytecode)

    def counted_calendars(scheme: Any, *args: Any, **kwargs: Any) -> Any:
        calls["calendars"].append(scheme.language)
        return calendars(scheme, *args, **kwargs)

    monkeypatch.setattr(command, "build_edition", counted_edition)
    monkeypatch.setattr(site_files, "build_calendars", counted_calendars)
    scheme = make_project(languages=["en", "cy"], packs=MENTOR_PACK_ONLY,
                          meetings={"count": 3, "start": "2026-10-12"})
    result = build(scheme)
    assert calls == {"context": ["en", "cy"], "calendars": ["en", "cy"]}
    assert {"downloads/mentor-pack.pdf", "downloads/reflective-log.pdf",
            "cy/downloads/mentor-pack.pdf"} <= {p.relative_to(result.out).as_posix()
                                                for p in result.out.rglob("*.pdf")}


def test_strict_stops_on_a_warning_only_the_site_engine_finds(
        make_project: Callable[..., Path], tmp_path: Path) -> None:
    """A scheme with no warnings of its own, a page with a link to no page: MkDocs
    warns while building, and --strict ends the build there, before the swap."""
    scheme = make_project(
        themes=[{"title": t, "icebreakers": ["Why?"]} for t in ("One", "Two", "Three")],
        meetings={"count": 3}, build_date="2026-09-01",
        support={"contacts": [{"name": "Ada Example", "email": "ada@college.example"}],
                 "escalation": [{"who": "The coordinator"}], "emergency": "Call 999.",
                 "last_reviewed": "2026-09-01"},
        files={"content/x.md": "---\ntitle: X\n---\n# X\n\nSee [the missing page](nope.md).\n"})
    warnings = [str(w) for w in build(scheme, tmp_path / "lenient", Options(packs=False)).warnings]
    # Named where the user fixes it (line 6 of their page), not in the generated project.
    assert warnings == ["content/x.md:6:1: warning: MkDocs: Doc file 'x.md' contains a link "
                        "'nope.md', but the target is not found among documentation files."]
    rebuilt = build(scheme, tmp_path / "again", Options(packs=False))  # from the site cache
    assert [str(w) for w in rebuilt.warnings] == warnings
    with pytest.raises(StrictError) as caught:
        build(scheme, tmp_path / "site", Options(strict=True, packs=False))
    assert "contains a link 'nope.md'" in str(caught.value)
    assert not (tmp_path / "site").exists()
