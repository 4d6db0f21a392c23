"""Drive Debian's Chromium from tests through the playwright package.

Playwright's own browser builds are never downloaded (`playwright install` is
not run anywhere): the tests launch the system /usr/bin/chromium that
scripts/setup installs from Debian's packages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page, sync_playwright

CHROMIUM = os.environ.get("SCHEMEBOOK_CHROMIUM", "/usr/bin/chromium")

# Headless, and quiet on the network: this machine has no internet, and
# Chromium's background services would otherwise keep trying to reach it.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium_page(**context_options: object) -> Iterator[Page]:
    """Start Chromium, yield a fresh Page, and shut everything down afterwards.

    Keyword arguments go to ``Browser.new_context`` (viewport, locale, ...).
    """
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} not found; run scripts/setup to install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(**context_options)  # type: ignore[arg-type]
            try:
                yield context.new_page()
            finally:
                context.close()
        finally:
            browser.close()
