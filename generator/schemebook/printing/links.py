"""Links on paper: the address beside the words, and a QR code where typing fails.

On screen "Join your meeting on Microsoft Teams" is a link; printed, it is
just words. Every web and email link in the packs' Markdown gets its address
after it, shortened when it is too long to copy by hand, and a meeting link
(Teams, Zoom, Meet...) or a shortened address gets a QR code beside it, so
a printed pack still leads where the screen does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from markupsafe import Markup

from ..core.text import html_words

MEETING_HOSTS = ("teams.microsoft.com", "teams.live.com", "zoom.us", "zoom.com",
                 "meet.google.com", "whereby.com", "webex.com", "gotomeeting.com",
                 "meet.jit.si", "bluejeans.com", "chime.aws")
"""Hosts of online meeting links: these always get a QR code on paper."""

SHORT = 48
"""Longest address printed in full; longer ones are shortened and get a QR code."""

_LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<rest>[^>]*)>(?P<text>.*?)</a>',
                   re.DOTALL)

QrMaker = Callable[[str], str]
"""Makes a QR code for an address, as a data: URL."""


def is_meeting_link(url: str) -> bool:
    """A link to an online meeting room (Microsoft Teams, Zoom, Google Meet...)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in MEETING_HOSTS)


def written_address(url: str) -> str:
    """The address as people write it: no 'https://', 'www.', 'mailto:' or final '/'."""
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip(), flags=re.IGNORECASE)
    return text.removeprefix("mailto:").rstrip("/")


def short_address(url: str, limit: int = SHORT) -> str:
    """The written address, cut to ``limit`` characters at most with '…' in the middle."""
    text = written_address(url)
    if len(text) <= limit:
        return text
    host, _, path = text.partition("/")
    if len(host) >= limit - 8:
        return text[:limit - 1] + "…"
    return f"{host}/{path[:limit - len(host) - 2]}…"


def needs_qr(url: str) -> bool:
    """Meeting links, and web addresses too long to print whole."""
    return url.lower().startswith(("http://", "https://")) and (
        is_meeting_link(url) or len(written_address(url)) > SHORT)


def qr_image(url: str, label: str, qr: QrMaker) -> Markup:
    """A small QR code for ``url``, described for screen readers by ``label``."""
    return Markup('<img class="link-qr" src="{}" alt="{}">').format(qr(url), label)


def link_on_paper(url: str, qr: QrMaker, label: str = "") -> Markup:
    """A bare address as print shows it: shortened when long, a QR code when needed;
    text that is not an address (a room) as it is."""
    if not url.lower().startswith(("http://", "https://", "mailto:")):
        return Markup("{}").format(url)  # a room or a place, not an address
    shown = Markup('<a href="{}" class="print-url">{}</a>').format(url, short_address(url))
    if needs_qr(url):
        shown += qr_image(url, label or written_address(url), qr)
    return shown


def print_links(rendered: str, qr: QrMaker, qr_label: Callable[[str], str]) -> Markup:
    """Rendered Markdown with each link's address after its words (once), and a QR
    code after each meeting link or shortened address. ``qr_label`` words the QR
    code's alternative text from the link's words."""
    def replace(match: re.Match[str]) -> str:
        url = html.unescape(match["href"])
        if not url.lower().startswith(("http://", "https://", "mailto:")):
            return match[0]  # a page of the handbook, a phone number: left as they are
        words = html_words(match["text"]).strip()
        out = match[0]
        if written_address(words) != written_address(url):
            out += str(Markup(' <span class="print-url">({})</span>').format(
                short_address(url)))
        if needs_qr(url):
            out += str(qr_image(url, qr_label(words or written_address(url)), qr))
        return out

    return Markup(_LINK.sub(replace, str(rendered)))

