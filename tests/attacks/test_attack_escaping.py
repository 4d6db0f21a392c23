"""Attacks on escaping: text from scheme.yml is escaped for where it lands.

HTML text and attributes (markupsafe), Markdown (raw HTML, attribute lists
and snippet lines inert), URLs (http, https, mailto, tel and relative only:
anything else a located error), CSS (font names checked, written as CSS
strings), spreadsheets (formulas neutralised), and the control characters
refused in every input. The attacks come from scheme.yml with
``raw_html: false``, the default.
"""

from __future__ import annotations

import csv
import io
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from schemebook.commands.build import build
from schemebook.core.errors import SchemebookError
from schemebook.core.escape import csv_bytes, spreadsheet_cell
from schemebook.people.roster import read_roster
from schemebook.render import markdown_to_html
from support.attacks import PAGES_ONLY, cli, problems, project, write


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and its text, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def text(html: str) -> str:
    parser = Tags()
    parser.feed(html)
    return " ".join(" ".join(parser.text).split())


def built(tmp_path: Path, files: dict[str, str | bytes] | None = None, **scheme: Any) -> Path:
    folder = project(tmp_path, files, **scheme)
    return build(folder / "scheme.yml", options=PAGES_ONLY).out


def refused(tmp_path: Path, **scheme: Any) -> list[str]:
    """What ``schemebook validate`` prints for the scheme (exit code 2 checked)."""
    folder = project(tmp_path, **scheme)
    run = cli("validate", cwd=folder)
    assert run.code == 2, run
    assert run.lines[-1].startswith("schemebook: ")
    return run.lines[:-1]


def no_event_handlers(site: Path) -> None:
    for page in site.rglob("*.html"):
        for tag, attrs in tags(page.read_text(encoding="utf-8")):
            assert not [a for a in attrs if a.startswith("on")], (page, tag, attrs)
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").lower().startswith(("javascript:", "data:")), (
                    page, tag, attrs)


@pytest.mark.parametrize(("summary", "message"), [
    ("[Apply](javascript:alert(1))", "'javascript:alert(1)' is a javascript: link"),
    ("[Apply]( <JavaScript:alert(1)> )", "'JavaScript:alert(1)' is a JavaScript: link"),
    ("[Apply](&#106;avascript:alert(1))", "'&#106;avascript:alert(1)' is a javascript: link"),
    ("[Apply](java&#x09;script:alert(1))", "'java&#x09;script:alert(1)' is a javascript: "
     "link"),
    ("![x](data:text/html;base64,PHNjcmlwdD4=)", "'data:text/html;base64,PHNjcmlwdD4=' is a "
     "data: link"),
    ("See [the form][1].\n\n[1]: vbscript:msgbox(1)", "'vbscript:msgbox(1)' is a vbscript: "
     "link"),
])
def test_a_markdown_link_to_a_script_is_a_located_error(tmp_path: Path, summary: str,
                                                       message: str) -> None:
    lines = refused(tmp_path, summary=summary)
    assert lines == [f"scheme.yml:10:10: error: summary: the Markdown link {message}; only "
                     "http, https, mailto, tel and relative links are allowed (link to a web "
                     "page (https://...), an email (mailto:) or a page)"]


def test_an_attribute_list_adds_no_event_handler(tmp_path: Path) -> None:
    site = built(tmp_path, themes=[{"title": "Belonging {: onclick=\"alert(1)\" }",
                                    "icebreakers": ["Where do you feel at home? {: #x "
                                                    "onmouseover=alert(1) }"]}])
    no_event_handlers(site)
    shown = text((site / "themes.html").read_text(encoding="utf-8"))
    assert 'Belonging {: onclick="alert(1)" }' in shown
    assert "Where do you feel at home? {: #x onmouseover=alert(1) }" in shown


def test_a_quote_in_the_logo_alt_text_stays_inside_the_attribute(tmp_path: Path) -> None:
    alt = 'Logo" onerror="alert(1)'
    site = built(tmp_path, files={"assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg' "
                                  "width='10' height='10'/>"},
                 brand={"logo": "assets/logo.svg", "logo_alt": alt})
    images = [attrs for tag, attrs in tags((site / "index.html").read_text("utf-8"))
              if tag == "img"]
    assert {"src": "assets/logo.svg", "alt": alt} in images
    no_event_handlers(site)


def test_the_site_name_is_escaped_once_in_text_and_attributes(tmp_path: Path) -> None:
    name = 'St Mary\'s "Voices" & <Friends>'
    site = built(tmp_path, name=name)
    page = (site / "index.html").read_text(encoding="utf-8")
    logo = [attrs for tag, attrs in tags(page) if attrs.get("data-md-component") == "logo"]
    assert logo and all(a["title"] == name and a["aria-label"] == name for a in logo)
    assert "&amp;amp;" not in page and "&amp;#39;" not in page
    assert "<Friends>" not in page


@pytest.mark.parametrize(("scheme", "line"), [
    ({"contact": {"name": "Ada", "email": 'ada@x.org" onmouseover="alert(1)'}},
     "scheme.yml:6:10: error: contact.email: 'ada@x.org\" onmouseover=\"alert(1)' is not an "
     "email address (name@example.org, without spaces, quotes or brackets)"),
    ({"site": {"footer_links": [{"title": "Help", "url": 'https://x.org/" onclick="alert(1)'}]}},
     "scheme.yml:13:10: error: site.footer_links[1].url: 'https://x.org/\" onclick=\"alert(1)' "
     "is not a link schemebook can use: write a web address (https://...), mailto:, tel: or "
     "a page of the handbook such as privacy.md"),
    ({"site_url": "javascript:alert(1)"},
     "scheme.yml:10:11: error: site_url: 'javascript:alert(1)' is a javascript: link; only "
     "http, https, mailto, tel and relative links are allowed"),
    ({"messages": {"apply_url": "data:text/html,<script>alert(1)</script>"}},
     "scheme.yml:11:14: error: messages.apply_url: 'data:text/html,<script>alert(1)</script>' "
     "has a quote or angle bracket, which a link cannot hold"),
])
def test_urls_and_emails_from_the_scheme(tmp_path: Path, scheme: dict[str, Any],
                                         line: str) -> None:
    assert refused(tmp_path, **scheme) == [line]


def test_css_from_brand_font_is_refused(tmp_path: Path) -> None:
    font = 'x"; } body { background: red } :root { --a: "'
    assert refused(tmp_path, brand={"font": font}) == [
        f"scheme.yml:11:9: error: brand.font: '{font}' is not a font family name: use "
        "letters, digits, spaces, hyphens and apostrophes (at most 80), or a font file such as "
        "fonts/brand.woff2"]


def test_a_font_name_is_written_as_a_css_string(tmp_path: Path) -> None:
    site = built(tmp_path, brand={"font": "Gill Sans"})
    css = (site / "assets" / "brand.css").read_text(encoding="utf-8")
    assert '--md-text-font: "Gill Sans", "Noto Sans";' in css


def test_raw_html_and_snippet_lines_in_scheme_text_are_inert(tmp_path: Path) -> None:
    site = built(tmp_path, files={"mkdocs.yml": "markdown_extensions:\n  - pymdownx.snippets\n",
                                  "private/names.txt": "Gwenllian ap Rhys\n"},
                 summary='<script>alert(1)</script>\n\n--8<-- "private/names.txt"\n')
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page and "Gwenllian" not in page
    assert "--8&lt;-- " in page


def test_menu_links_and_style_sheets_in_mkdocs_yml(tmp_path: Path) -> None:
    folder = project(tmp_path, files={
        "mkdocs.yml": 'nav:\n  - Staff: "javascript:alert(1)"\nextra_css:\n'
                      '  - \'x.css" onload="alert(1)\'\n'})
    assert problems(folder) == [
        "mkdocs.yml:2:5: error: nav: 'javascript:alert(1)' is a javascript: link; only http, "
        "https, mailto, tel and relative links are allowed",
        "mkdocs.yml:4:5: error: extra_css: 'x.css\" onload=\"alert(1)' is not a plain path to a "
        ".css file in the project (use letters, digits, '-', '_', '.' and '/', e.g. "
        "assets/extra.css)"]
    assert not (folder / "site").exists()


def test_a_published_file_name_with_a_quote(tmp_path: Path) -> None:
    folder = project(tmp_path, files={'content/a" onclick="x.png': b"png"})
    with pytest.raises(SchemebookError) as info:
        build(folder / "scheme.yml", options=PAGES_ONLY)
    assert [str(p) for p in info.value.problems] == [
        "content/a\" onclick=\"x.png:1:1: error: 'a\" onclick=\"x.png': a published file's "
        "name may not hold quotes, angle brackets or control characters (rename the file)"]


def test_survey_items_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    items = [{"id": "one", "text": '=HYPERLINK("https://evil.example","Click")'},
             {"id": "two", "text": "@SUM(A1:A9)"}, {"id": "three", "text": "+1 and more"},
             {"id": "four", "text": "-2 points is fine"}]
    site = built(tmp_path, evaluation={"items": items})
    rows = list(csv.reader(io.StringIO((site / "downloads" / "surveys.csv").read_bytes()
                                       .decode("utf-8-sig"))))
    texts = {row[2]: row[3] for row in rows[1:]}
    assert texts == {"one": '\'=HYPERLINK("https://evil.example","Click")',
                     "two": "'@SUM(A1:A9)", "three": "'+1 and more",
                     "four": "'-2 points is fine"}


def test_numbers_and_phone_numbers_stay_numbers() -> None:
    assert [spreadsheet_cell(v) for v in
            ["-3", "-12.5", "+44 29 2018 0000", "2,5", "-", "=1+1", "\tx", "\rx", "ok"]] == [
        "-3", "-12.5", "+44 29 2018 0000", "2,5", "'-", "'=1+1", "'\tx", "'\rx", "ok"]
    assert csv_bytes([["a", "=b"], [-3, None]]) == "\ufeffa,'=b\r\n-3,\r\n".encode()


@pytest.mark.parametrize(("raw", "line"), [
    (b"name: Tiny\x00 Scheme\n", "scheme.yml:1:11: error: a NUL character is not allowed: it "
     "can make text read differently from what it is (delete it; retype the text around it)"),
    ("name: Tiny \u202eemehcS\n".encode(), "scheme.yml:1:12: error: the invisible direction "
     "control U+202E is not allowed: it can make text read differently from what it is "
     "(delete it; retype the text around it)"),
    ("name: x\n# note \u2066hidden\u2069\n".encode(), "scheme.yml:2:8: error: the invisible "
     "direction control U+2066 is not allowed: it can make text read differently from what "
     "it is (delete it; retype the text around it)"),
])
def test_control_characters_in_the_scheme_file(tmp_path: Path, raw: bytes, line: str) -> None:
    (tmp_path / "scheme.yml").write_bytes(raw)
    run = cli("validate", cwd=tmp_path)
    assert (run.code, run.lines[0]) == (2, line)


def test_a_control_written_as_a_yaml_escape(tmp_path: Path) -> None:
    folder = project(tmp_path)
    text = (folder / "scheme.yml").read_text(encoding="utf-8")
    (folder / "scheme.yml").write_text(text + 'summary: "safe \\u202e txet"\n', encoding="utf-8")
    run = cli("validate", cwd=folder)
    assert run.lines[0] == ("scheme.yml:10:10: error: summary: the invisible direction control "
                            "U+202E is not allowed: it can make text read differently from "
                            "what it is")


def test_marks_arabic_and_hebrew_need_are_allowed(tmp_path: Path) -> None:
    folder = project(tmp_path, summary="\u0645\u0631\u062d\u0628\u0627\u200f and "
                                       "\u05e9\u05dc\u05d5\u05dd\u200e \u061c.")
    assert cli("validate", cwd=folder).code == 0


def test_control_characters_in_a_page_and_a_roster(tmp_path: Path) -> None:
    folder = project(tmp_path, files={"content/x.md": "# X\n\nok \u202e reversed\n",
                                      "roster.csv": "pair_id,mentor,mentee\nP01,Ann\u202e,Bo\n"})
    here = os.getcwd()
    os.chdir(folder)
    try:
        with pytest.raises(SchemebookError) as page:
            build(folder / "scheme.yml", options=PAGES_ONLY)
        with pytest.raises(SchemebookError) as roster:
            read_roster(Path("roster.csv"), ["en"])
    finally:
        os.chdir(here)
    direction = ("the invisible direction control U+202E is not allowed: it can make text "
                 "read differently from what it is")
    assert [str(p) for p in page.value.problems] == [f"content/x.md:3:4: error: {direction}"]
    assert [str(p) for p in roster.value.problems] == [
        f"roster.csv:2:8: error: {direction} (retype the cell without it)"]
    write(folder / "x", "")


def test_print_markdown_drops_a_script_link_whatever_passes_it() -> None:
    """Scheme text is checked when it is read; a project template that passes other text
    through the markdown filter still gets no script link (no URI action in the PDF)."""
    html = str(markdown_to_html("[a](javascript:alert(1)) [b](https://example.org/) "
                                "![c](data:image/svg+xml,x)"))
    assert tags(html) == [("p", {}), ("a", {}), ("a", {"href": "https://example.org/"}),
                          ("img", {"alt": "c"})]
