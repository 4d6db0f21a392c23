"""The built sites from the keyboard, in Debian's headless Chromium.

On a phone's width the tab order is walked with the navigation drawer closed
(nothing in it, nor in the closed search, may take focus) and open (focus
moves in, every stop is on screen, Escape gives focus back to the menu
button); on a laptop's width the pages that hold every kind of surface are
walked. At every stop the focus ring is measured in the browser against the
colours painted next to it (tests/support/keyboard.py): it must contrast at
least 3:1 on the header, in the drawer, on the page, in admonitions, in
tables and in the footer, for each example's own brand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from support.audit import Server, blocking, run_axe
from support.keyboard import focused, lowest_contrast, ring_problems, tab, tab_to, walk

from schemebook.core.colour import contrast
from schemebook.scheme.models import Brand
from schemebook.site.brand import LIGHT_SURFACES, focus_colours, focus_contrasts

SITES = ["example_site", "law_firm_site", "welsh_site", "zensical_site"]

SURFACES = {"header", "drawer", "page", "admonition", "table", "footer"}
WIDE_PAGES = ("index.html", "mentees.html", "support.html")
"""Between them: links in the header, the navigation, the page, an admonition,
a table and the footer, in every example."""


def _open(page: Page, site: Path, rel: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((site / rel).as_uri())


def _names(page: Page) -> dict[str, str]:
    return {"menu": page.get_attribute("script[data-menu]", "data-menu") or "",
            "search": page.get_attribute("script[data-menu]", "data-search") or ""}


def _unseen(stops: list[dict[str, Any]]) -> list[str]:
    return [f"<{s['tag']}> {s['name']!r} ({s['surface']})" for s in stops
            if not s["visible"] or s["covered"]]


@pytest.mark.parametrize("site_fixture", SITES)
@pytest.mark.browser
def test_phone_tab_order_with_the_drawer_closed_and_open(
        request: pytest.FixtureRequest, browser: tuple[Page, Server], site_fixture: str) -> None:
    page, _ = browser
    site: Path = request.getfixturevalue(site_fixture)
    _open(page, site, "index.html", 375)
    names = _names(page)
    closed = walk(page)
    assert closed[0]["tag"] == "a" and closed[0]["name"] == page.inner_text(".md-skip").strip()
    # The menu first; search next, after the language switcher where there is one.
    header = [s["name"] for s in closed[1:4]]
    assert header[0] == names["menu"] and names["search"] in header[1:], header
    assert not [s for s in closed if s["inDrawer"] or s["inSearch"]], (
        "focus went into the closed drawer or search")
    assert not _unseen(closed), _unseen(closed)
    assert closed[-1]["surface"] == "footer"

    _open(page, site, "index.html", 375)
    menu = tab_to(page, names["menu"])
    assert page.get_attribute(".md-header label[for=__drawer]", "aria-expanded") == "false"
    first = tab(page, "Enter")
    assert first is not None and first["inDrawer"], "opening the drawer left focus outside it"
    assert page.get_attribute(".md-header label[for=__drawer]", "aria-expanded") == "true"
    opened = [first, *walk(page, inside=".md-sidebar--primary")]
    links = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
    assert len(opened) >= links.count() - 1  # the current page's own link is its contents button
    assert not _unseen(opened), _unseen(opened)
    assert not ring_problems([*closed, *opened]), ring_problems([*closed, *opened])
    # Leaving the drawer closes it; Escape closes it and gives focus back to the button.
    assert not page.evaluate("document.getElementById('__drawer').checked")
    _open(page, site, "index.html", 375)
    tab_to(page, names["menu"])
    tab(page, "Enter")
    back = tab(page, "Escape")
    assert back is not None and back["key"] == menu["key"]
    assert not page.evaluate("document.getElementById('__drawer').checked")


@pytest.mark.parametrize("site_fixture", SITES)
@pytest.mark.browser
def test_phone_search_opens_and_closes_from_the_keyboard(
        request: pytest.FixtureRequest, browser: tuple[Page, Server], site_fixture: str) -> None:
    page, _ = browser
    site: Path = request.getfixturevalue(site_fixture)
    _open(page, site, "index.html", 375)
    button = tab_to(page, _names(page)["search"])
    assert page.evaluate("document.querySelector('.md-search').inert")
    field = tab(page, "Enter")
    assert field is not None and field["tag"] == "input" and field["inSearch"]
    assert field["visible"] and not field["covered"]
    assert not page.evaluate("document.querySelector('.md-search').inert")
    back = tab(page, "Escape")
    assert back is not None and back["key"] == button["key"]
    assert page.evaluate("document.querySelector('.md-search').inert")
    # Closed as the engine closes it, the toggle agrees, and the button opens it again.
    assert not page.evaluate("document.getElementById('__search').checked")
    again = tab(page, "Enter")
    assert again is not None and again["tag"] == "input" and again["inSearch"]
    assert page.get_attribute(".md-header label[for=__search]", "aria-expanded") == "true"
    back = tab(page, "Escape")
    assert back is not None and back["key"] == button["key"]
    assert page.get_attribute(".md-header label[for=__search]", "aria-expanded") == "false"


def _language_menu(page: Page) -> dict[str, Any]:
    """Whether the header's language menu says it is open, is shown, and is inert."""
    found: dict[str, Any] = page.evaluate("""() => {
      const menu = document.querySelector(".md-header .md-select");
      const list = menu.querySelector(".md-select__inner");
      return {expanded: menu.querySelector("button").getAttribute("aria-expanded"),
              shown: getComputedStyle(list).opacity === "1", inert: list.inert};
    }""")
    return found


@pytest.mark.browser
def test_language_menu_from_the_keyboard_and_the_mouse(
        browser: tuple[Page, Server], welsh_site: Path) -> None:
    """The language switcher works as a disclosure: closed (focus on its button
    included) its list is hidden and out of the tab order; Enter opens it with focus
    on the first language, Tab moves on, Escape closes it and gives focus back, Tab
    past the last language closes it, and Enter on a language opens that language's
    page. A mouse opens it by hovering and picks a language with a click."""
    page, _ = browser
    _open(page, welsh_site, "index.html", 375)
    name = page.get_attribute(".md-header .md-select > button", "aria-label") or ""
    button = tab_to(page, name)
    closed = {"expanded": "false", "shown": False, "inert": True}
    assert _language_menu(page) == closed
    first = tab(page, "Enter")
    assert first is not None and (first["tag"], first["name"]) == ("a", "Cymraeg")
    assert _language_menu(page) == {"expanded": "true", "shown": True, "inert": False}
    second = tab(page)
    assert second is not None and second["name"] == "English"
    assert not _unseen([first, second]), _unseen([first, second])
    assert not ring_problems([button, first, second]), ring_problems([button, first, second])
    problems = blocking({"index.html, language menu open": run_axe(page)})
    assert not problems, "\n".join(problems)
    back = tab(page, "Escape")
    assert back is not None and back["key"] == button["key"]
    assert _language_menu(page) == closed
    tab(page, "Enter")
    tab(page)
    after = tab(page)
    assert after is not None and after["name"] == _names(page)["search"]
    assert _language_menu(page) == closed
    tab_to(page, name)
    tab(page, "Enter")
    tab(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/index.html")

    _open(page, welsh_site, "index.html", 1280)
    page.hover(".md-header .md-select > button")
    focused(page)  # the list fades in
    assert _language_menu(page) == {"expanded": "true", "shown": True, "inert": False}
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url("**/en/index.html")
    page.mouse.move(0, 0)  # away from the menu, for the tests that follow


@pytest.mark.parametrize("site_fixture", SITES)
@pytest.mark.browser
def test_focus_ring_contrasts_on_every_surface(
        request: pytest.FixtureRequest, browser: tuple[Page, Server], site_fixture: str) -> None:
    """Every Tab stop of the pages that hold every kind of surface, at a laptop's
    width, and of the open drawer on a phone: a ring 3:1 against what is next to it."""
    page, _ = browser
    site: Path = request.getfixturevalue(site_fixture)
    stops: list[dict[str, Any]] = []
    for rel in WIDE_PAGES:
        _open(page, site, rel, 1280)
        found = walk(page)
        assert found and found[0]["surface"] == "header", rel
        assert not _unseen(found), (rel, _unseen(found))
        stops += found
    _open(page, site, "index.html", 375)
    tab_to(page, _names(page)["menu"])
    stops += [s for s in [tab(page, "Enter"), *walk(page, inside=".md-sidebar--primary")] if s]
    lowest = lowest_contrast(stops)
    assert SURFACES <= set(lowest), f"surfaces never focused: {SURFACES - set(lowest)}"
    problems = ring_problems(stops)
    assert not problems, "\n".join(problems)


def test_ring_colours_come_from_the_brand() -> None:
    """The ring is a shade of the scheme's primary wherever the primary is not the
    background, and contrasts 3:1 with every surface of its kind, for any brand."""
    for primary in ("#125e63", "#ffd700", "#1c2a48", "#7a1f2b", "#777777", "#ffffff"):
        brand = Brand(primary=primary)
        colours, lowest = focus_colours(brand), focus_contrasts(brand)
        assert min(lowest.values()) >= 3.0, (primary, lowest)
        assert all(contrast(colours["page"], s) >= 3.0 for s in LIGHT_SURFACES)
        assert contrast(colours["primary"], primary) >= 4.5
    assert focus_colours(Brand(primary="#125e63"))["page"] == "#125e63"
    assert focus_colours(Brand(primary="#ffd700"))["page"] != "#ffd700"
