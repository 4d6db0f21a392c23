"""The built example in a real headless Chromium, opened from disk."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from playwright.sync_api import Page
from support.browser import chromium_page

SCREENSHOTS = REPO / ".schemebook-cache" / "screenshots"


@pytest.mark.browser
def test_home_page_in_chromium(example_site: Path) -> None:
    from conftest import EXAMPLE
    from schemebook.plan.load import load_scheme

    scheme = load_scheme(EXAMPLE).scheme
    with chromium_page(viewport={"width": 1280, "height": 900}) as page:
        page.goto((example_site / "index.html").as_uri())
        assert scheme.name in page.title()
        header = page.locator("header.md-header")
        colour = header.evaluate("el => getComputedStyle(el).backgroundColor")
        r, g, b = (int(scheme.brand.primary[i:i + 2], 16) for i in (1, 3, 5))
        assert colour == f"rgb({r}, {g}, {b})"
        nav = page.locator("nav.md-nav--primary").inner_text()
        for title in ("Meetings", "Support and escalation", "Training", "Downloads"):
            assert title in nav
        # The bundled font really loads from disk, with no outside request.
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible Next\"')")
        # Navigation works from file://: follow the link to the support page.
        page.locator("nav.md-nav--primary a", has_text="Support and escalation").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("support.html")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.goto((example_site / "index.html").as_uri())
        page.screenshot(path=str(SCREENSHOTS / "home.png"))


TABLES = """async () => {
await Promise.allSettled(document.getAnimations().map(a => a.finished));
return [...document.querySelectorAll(".md-typeset__scrollwrap")].map(wrap => {
  const frame = wrap.parentElement;
  const after = getComputedStyle(frame, "::after"), before = getComputedStyle(frame, "::before");
  return {scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          head: wrap.querySelector("tr").textContent.trim().replace(/\\s+/g, " ").slice(0, 40),
          right: frame.classList.contains("schemebook-scrollcue") && after.opacity === "1"
                 && parseFloat(after.width) > 0,
          left: before.opacity === "1"};
});
}"""


def _pages_with_tables(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "<table" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("site_fixture",
                         ["example_site", "law_firm_site", "welsh_site", "health_site"])
@pytest.mark.browser
def test_site_tables_fit_their_column_or_show_that_they_scroll(
        request: pytest.FixtureRequest, browser: tuple[Page, Any], site_fixture: str) -> None:
    """At a tablet's and a laptop's width every table fits its column (the contacts
    table ran past it at 1280 px and hid 'When'); on a phone, down to 320 px (1280 at
    400% zoom), a table too wide scrolls, with a shadow on the side where more of it
    is, which moves as it scrolls and goes when the reader reaches the end."""
    page, _ = browser
    site: Path = request.getfixturevalue(site_fixture)
    pages = _pages_with_tables(site)
    assert len(pages) >= 8
    too_wide, no_cue = [], []
    for width in (1280, 768, 375, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for file in pages:
            page.goto(file.as_uri())
            for table in page.evaluate(TABLES):
                where = f"{file.relative_to(site)} at {width}px: {table['head']}"
                if width > 700 and table["scrolls"]:
                    too_wide.append(where)
                if table["scrolls"] != table["right"] or table["left"]:
                    no_cue.append(where)
    assert not too_wide, "tables wider than their column:\n" + "\n".join(too_wide)
    assert not no_cue, "tables whose scroll shadow is wrong:\n" + "\n".join(no_cue)
    page.goto((site / "support.html").as_uri())
    wrap = page.locator(".md-typeset__scrollwrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the contacts table fits at 375"
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; w.dispatchEvent(new Event('scroll')); }")
    end = page.evaluate(TABLES)[0]
    assert end["left"] and not end["right"]
    assert page.locator(".schemebook-whole", has_text=re.compile(r"^\+?\d+( \d+)+$")).count()
