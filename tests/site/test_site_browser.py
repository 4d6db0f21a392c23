"""The built example in a real headless Chromium, opened from disk."""

from __future__ import annotations

import pytest

from pathlib import Path

from conftest import REPO
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
