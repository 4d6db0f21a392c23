"""Repairs on the built HTML that no theme override can reach, for every engine.

Material (and Zensical, built from the same templates) writes a little markup
that the Nu Html Checker or axe rejects, in templates that only a full copy
could change. A copy pins one theme release and breaks on the next, so
instead every built page is read once and exactly the offending start tags
are rewritten; the rest of the file is left byte for byte. Each repair is a
rule about HTML, not about one theme's file, and does nothing where the
markup is already right:

- ``autocomplete`` on a checkbox, radio or button input is dropped: HTML
  allows it on text-like inputs only (Material's drawer and search toggles);
- a ``<label for=X>`` whose X is no id on the page loses ``for``: a label
  for a missing control is invalid (Material's table-of-contents title on a
  section's index page, which has no ``__toc`` toggle);
- an unnamed ``role="dialog"`` is named after the search field inside it
  (axe's aria-dialog-name; Material's search dialog);
- a link whose ``title`` is its ``aria-label`` escaped twice gets the label
  as its title (Zensical's logo link escapes the already escaped site name,
  so "Ward &amp; Board" showed as a tooltip);
- a form control hidden from assistive technology (``aria-hidden="true"``)
  leaves the tab order (``tabindex="-1"``): axe's aria-hidden-focus; Zensical
  writes its one colour-palette radio so even when there is nothing to switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

from ..core.memo import Memo

NO_AUTOCOMPLETE = frozenset({"checkbox", "radio", "button", "submit", "reset", "image",
                             "file", "hidden"})
"""Input types on which HTML forbids the autocomplete attribute (in the ways we meet)."""


@dataclass
class _Tag:
    start: int
    text: str
    name: str
    attrs: dict[str, str | None]


@dataclass
class _Dialog:
    tag: _Tag
    depth: int
    label: str = ""


class _Scan(HTMLParser):
    """One pass over a page: every start tag with its offset, every id, unnamed dialogs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[_Tag] = []
        self.ids: set[str] = set()
        self.dialogs: list[_Dialog] = []
        self._lines: list[int] = []
        self._open: list[_Dialog] = []

    def scan(self, html: str) -> None:
        # HTMLParser counts lines by "\n" alone (not by str.splitlines' many breaks).
        self._lines = [0, *(match.end() for match in re.finditer("\n", html))]
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        found = _Tag(self._offset(), self.get_starttag_text() or "", tag, values)
        self.tags.append(found)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for dialog in self._open:
            if not dialog.label and tag == "input" and values.get("type") in {"text", "search"}:
                dialog.label = str(values.get("aria-label") or values.get("placeholder") or "")
        if values.get("role") == "dialog" and not ({"aria-label", "aria-labelledby"} & set(values)):
            self._open.append(_Dialog(found, 1))
        elif self._open and tag not in VOID:
            for dialog in self._open:
                dialog.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for dialog in list(self._open):
            dialog.depth -= 1
            if dialog.depth == 0:
                self._open.remove(dialog)
                self.dialogs.append(dialog)


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


def _without(text: str, attribute: str) -> str:
    """The start tag ``text`` without ``attribute`` (quoted, unquoted or bare)."""
    pattern = rf"""\s+{attribute}(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?(?=[\s/>])"""
    return re.sub(pattern, "", text, count=1, flags=re.I)


def _with(text: str, attribute: str, value: str) -> str:
    """The start tag ``text`` with ``attribute="value"`` added before its end."""
    end = -2 if text.endswith("/>") else -1
    return f'{text[:end]} {attribute}="{escape(value)}"{text[end:]}'


def repair_html(html: str) -> str:
    """``html`` with the repairs in this module's docstring made; else unchanged."""
    for start, old, new in _SEEN.of(html, _edits):
        if html.startswith(old, start):
            html = html[:start] + new + html[start + len(old):]
    return html


SEEN_PAGES = 1024
"""Pages whose edits are remembered. Under ``serve`` MkDocs writes every page again
after each edit, nearly all of them as before: scanning only the ones that changed
saves 0.15 to 0.3 s of a 1.7 s rebuild (measured on the example). Edits are a few short strings, so this stays small."""
_SEEN: Memo[tuple[tuple[int, str, str], ...]] = Memo(SEEN_PAGES)


def _edits(html: str) -> tuple[tuple[int, str, str], ...]:
    """The start tags to rewrite in ``html``: (offset, old text, new text), last first."""
    scan = _Scan()
    scan.scan(html)
    changes: dict[int, tuple[str, str]] = {}
    for tag in scan.tags:
        text = tag.text
        if (tag.name == "input" and "autocomplete" in tag.attrs
                and str(tag.attrs.get("type") or "").lower() in NO_AUTOCOMPLETE):
            text = _without(text, "autocomplete")
        if tag.name == "label" and tag.attrs.get("for") not in (None, *scan.ids):
            text = _without(text, "for")
        if (tag.name in ("input", "select", "textarea", "button")
                and tag.attrs.get("aria-hidden") == "true" and "tabindex" not in tag.attrs):
            text = _with(text, "tabindex", "-1")
        label, title = tag.attrs.get("aria-label"), tag.attrs.get("title")
        if tag.name == "a" and label and title and title != label and unescape(title) == label:
            text = _with(_without(text, "title"), "title", label)
        if text != tag.text:
            changes[tag.start] = (tag.text, text)
    for dialog in scan.dialogs:
        if dialog.label:
            old, new = changes.get(dialog.tag.start, (dialog.tag.text, dialog.tag.text))
            changes[dialog.tag.start] = (old, _with(new, "aria-label", dialog.label))
    return tuple((start, *changes[start]) for start in sorted(changes, reverse=True))


def repair_site(site: Path) -> int:
    """Repair every HTML page under ``site`` in place; the number of pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        repaired = repair_html(html)
        if repaired != html:
            page.write_text(repaired, encoding="utf-8")
            changed += 1
    return changed
