"""The second engine: Zensical builds the same handbook as MkDocs and Material.

Same pages, navigation, brand, fonts, footer and language switcher; nothing
loaded from outside the site; search that works from disk; and the axe audit
passing on every page, as for the MkDocs build (tests/support/audit.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE
from playwright.sync_api import Page, expect
from schemebook.commands.build import build
from schemebook.commands.init import init_project
from schemebook.core.errors import Location, StrictError
from schemebook.core.options import Options
from schemebook.site.zensical import diagnostics
from support.assets import asset_problems, referenced
from support.audit import Server, audit_browser, audit_site, blocking
from support.browser import chromium_page

ZENSICAL = Options(engine="zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The university example built with Zensical (its PDFs come from the cache)."""
    return build(EXAMPLE, tmp_path_factory.mktemp("zensical") / "site", ZENSICAL).out


@pytest.fixture(scope="module")
def welsh_zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual example, Welsh first, built with Zensical as a scheme setting."""
    project = init_project(tmp_path_factory.mktemp("welsh") / "p", "welsh")
    scheme = project / "scheme.yml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace(
        "\nsite:\n", "\nsite:\n  engine: zensical\n", 1), encoding="utf-8")
    assert "engine: zensical" in scheme.read_text(encoding="utf-8")
    return build(scheme, options=Options(packs=False)).out


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


class _Links(HTMLParser):
    """The links inside elements of one class, as (address, text), "./" taken off."""

    def __init__(self, container: str) -> None:
        super().__init__()
        self.container, self.depth = container, 0
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth:
            self.depth += tag not in {"input", "img", "br", "meta", "link"}
        elif self.container in str(values.get("class") or "").split():
            self.depth = 1
        if self.depth and tag == "a":
            self._href, self._text = str(values.get("href") or "").removeprefix("./"), []

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def links_in(page: Path, container: str) -> list[tuple[str, str]]:
    parser = _Links(container)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def menu(page: Path) -> list[tuple[str, str]]:
    """The main menu's pages (not the headings of this page), in order."""
    return [(href, text) for href, text in links_in(page, "md-nav--primary")
            if "#" not in href and text]


def test_same_pages_menu_and_footer_as_mkdocs(zensical_site: Path, example_site: Path) -> None:
    assert pages(zensical_site) == pages(example_site)
    assert len(pages(zensical_site)) >= 25
    for page in ("index.html", "coordinator/index.html", "support.html"):
        ours, theirs = menu(zensical_site / page), menu(example_site / page)
        assert len(ours) >= 20 and ours == theirs, page
        footer = links_in(zensical_site / page, "schemebook-footer-links")
        assert footer == links_in(example_site / page, "schemebook-footer-links"), page
        assert ("mailto:voices.upward@northmoor.example", "Contact") in footer


def test_brand_and_fonts_on_every_page_and_nothing_from_outside(zensical_site: Path) -> None:
    for page in sorted(zensical_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for sheet in ("assets/fonts/fonts.css", "assets/brand.css", "assets/schemebook.css"):
            assert sheet in html, f"{page.name} does not link {sheet}"
        assert "stylesheets/classic/" in html, f"{page.name} is not in the classic look"
    assert referenced(zensical_site) > 100
    problems = asset_problems(zensical_site)
    assert not problems, "\n".join(problems)


def test_language_switcher_leads_to_the_same_page(welsh_zensical: Path) -> None:
    assert (welsh_zensical / "en" / "index.html").is_file()
    checked = 0
    for page in sorted(welsh_zensical.rglob("*.html")):
        links = re.findall(r'<a href="([^"]+)" hreflang="(cy|en)"',
                           page.read_text(encoding="utf-8"))
        if page.name == "404.html":
            continue
        assert {lang for _, lang in links} == {"cy", "en"}, page
        for href, _ in links:
            target = (page.parent / href).resolve()
            assert target.is_file() and target.name == page.name, (page, href)
            checked += 1
    assert checked >= 50


def test_a_broken_link_is_a_located_warning_and_strict_stops(
        make_project: Callable[..., Path]) -> None:
    scheme = make_project(files={"content/extra.md": "# Extra\n\nSee [the plan](no-such.md).\n"})
    result = build(scheme, options=Options(engine="zensical", packs=False))
    found = [w for w in result.warnings if w.message.startswith("Zensical:")]
    assert found and "page extra.md, line 3" in found[0].message, result.warnings
    with pytest.raises(StrictError):
        build(scheme, scheme.parent / "strict-site",
              Options(engine="zensical", packs=False, strict=True))
    assert not (scheme.parent / "strict-site").exists()


def test_diagnostics_read_zensical_output() -> None:
    output = ("Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n"
              "   \x1b[38;5;246m╭─[\x1b[0m guide/x.md:12:4 \x1b[38;5;246m]\x1b[0m\n"
              "Error: site_dir must be within project root\n1 issue found\n")
    where = Location("mkdocs.yml")
    found = diagnostics(output, where, {"guide/x.md": 4})
    assert [(p.severity, p.message) for p in found] == [
        ("warning", "Zensical: page does not exist (page guide/x.md, line 8)"),
        ("error", "Zensical: site_dir must be within project root"),
    ]


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[Page, Server]]:
    with audit_browser() as found:
        yield found


@pytest.mark.browser
@pytest.mark.slow
def test_every_zensical_page_passes_axe(browser: tuple[Page, Server],
                                        zensical_site: Path) -> None:
    found = audit_site(*browser, zensical_site)
    assert len(found) >= 25
    problems = blocking(found)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_search_works_from_disk(browser: tuple[Page, Server], zensical_site: Path) -> None:
    """Zensical's search dialog (in a shadow root) finds pages from file:// too.

    The open dialog is Zensical's own (zensical-ui, built into its bundle); axe
    finds two serious faults in it that no override of ours reaches: its
    breadcrumbs are grey at 45% opacity (contrast 3.3:1) and its results list
    scrolls without being focusable. The pages themselves pass (above).
    """
    page, _ = browser
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if r.url.startswith("http") else None)
    page.goto((zensical_site / "index.html").as_uri())
    page.locator(".md-search__button").click()
    page.keyboard.type("escalation")
    results = page.locator("[role=listbox] [role=option]")
    # The list follows the query as it is typed: wait for the whole word's results
    # (the first ones can still be those of "e" or "esc").
    expect(results.first).to_contain_text("escalation", ignore_case=True)
    assert results.count() >= 3
    assert outside == [], "the page asked for addresses outside the site"
