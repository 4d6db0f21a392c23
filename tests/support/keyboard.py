"""Walk a page with the Tab key in Chromium and measure the focus ring at each stop.

At every stop the browser reports where focus is (the kind of surface, whether
the element is on screen and not covered), the ring's colour, width and
offset, and, at the middle of each side, the colour the ring covers and the
colours just outside and just inside it, found with ``elementsFromPoint``: a
ring is measured against what a reader sees, not against the page's markup.
On each side the ring must contrast 3:1 with what it covers (so it shows as a
change) and with at least one of its two neighbours (so its edge shows). The contrast itself is
worked out in Python with schemebook's own WCAG arithmetic (core/colour.py). Focus in a
shadow root (Zensical's search dialog) is followed to the element that has it there;
the element keyboard.js marks ``data-schemebook-search`` holds a search drawn that way.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page
from schemebook.core.colour import contrast

RING_RATIO = 3.0
"""WCAG 2.2, 1.4.11: a focus indicator contrasts 3:1 with the colours next to it."""

FOCUSED = """async () => {
  // Wait for what moves or fades (a drawer sliding in, a menu opening); text
  // colour changes do not matter here.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.allSettled(document.getAnimations()
    .filter(a => !/(^|-)color$/.test(a.transitionProperty || "") ||
                 a.transitionProperty === "background-color")
    .map(a => a.finished));
  // Focus inside a shadow root (Zensical draws its search dialog in one) is
  // the element focused there, not the shadow root's host.
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
  if (!el || el === document.body || el === document.documentElement) { return null; }
  if (!el.dataset.walk) {
    window.__walked = (window.__walked || 0) + 1;
    el.dataset.walk = String(window.__walked);
  }
  const root = el.getRootNode();
  function closest(node, selector) {  // as Element.closest, out through shadow roots
    for (; node; node = node.getRootNode().host || null) {
      const found = node.closest(selector);
      if (found) { return found; }
    }
    return null;
  }
  const SEARCH = ".md-search, [data-schemebook-search]";
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const drawer = matchMedia("(max-width: 76.234375em)").matches;
  const surface = closest(el, ".md-skip, .md-header") ? "header"
    : closest(el, ".md-footer") ? "footer"
    : closest(el, ".md-sidebar--primary") ? (drawer ? "drawer" : "navigation")
    : closest(el, ".md-sidebar--secondary") ? "navigation"
    : closest(el, SEARCH) ? "search"
    : closest(el, ".admonition, details") ? "admonition"
    : closest(el, "table, .md-typeset__scrollwrap") ? "table"
    : closest(el, ".md-content") ? "page" : "other";
  function rgba(text) {
    const n = (text.match(/[\\d.]+/g) || []).map(Number);
    return [n[0] || 0, n[1] || 0, n[2] || 0, n.length > 3 ? n[3] : 1];
  }
  function painted(x, y, outside) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { return null; }
    const layers = [];
    for (const node of root.elementsFromPoint(x, y)) {
      if (outside && (node === el || el.contains(node))) { continue; }
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) { layers.push(colour); }
      if (colour[3] >= 1) { break; }
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) { out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]); }
    return out.map(Math.round);
  }
  const width = parseFloat(style.outlineWidth) || 0, offset = parseFloat(style.outlineOffset) || 0;
  const cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
  // At the middle of each side: what the ring covers, and what is just outside
  // and just inside it (distances from the element's border box, outwards).
  const at = d => [[box.left - d, cy], [box.right + d, cy],
                   [cx, box.top - d], [cx, box.bottom + d]];
  const probes = {covered: offset + width / 2, outer: offset + width + 1, inner: offset - 1};
  const sides = [0, 1, 2, 3].map(() => ({}));
  for (const [name, d] of Object.entries(probes)) {
    at(d).forEach(([x, y], i) => { sides[i][name] = painted(x, y, d > 0); });
  }
  const top = root.elementFromPoint(Math.min(Math.max(cx, 0), innerWidth - 1),
                                    Math.min(Math.max(cy, 0), innerHeight - 1));
  return {
    key: el.dataset.walk, tag: el.tagName.toLowerCase(), surface: surface,
    name: (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40),
    visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 &&
             box.left < innerWidth && box.top < innerHeight && style.visibility === "visible",
    covered: !top || !(top === el || el.contains(top) || top.contains(el)),
    inDrawer: !!closest(el, ".md-sidebar--primary"), inSearch: !!closest(el, SEARCH),
    ring: style.outlineStyle === "none" ? null : rgba(style.outlineColor).slice(0, 3),
    width: width, offset: offset, sides: sides,
  };
}"""


def hex_colour(rgb: list[int]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb[:3])


def focused(page: Page) -> dict[str, Any] | None:
    """Where focus is now, and its ring (see FOCUSED); None when nothing has focus."""
    result: dict[str, Any] | None = page.evaluate(FOCUSED)
    return result


def tab(page: Page, key: str = "Tab") -> dict[str, Any] | None:
    page.keyboard.press(key)
    return focused(page)


def walk(page: Page, limit: int = 250, inside: str = "") -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page or comes round again (or, with
    ``inside``, leaves the element that selector names); every stop on the way."""
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(limit):
        stop = tab(page)
        if stop is None or stop["key"] in seen:
            break
        if inside and not page.evaluate(
                "sel => !!document.activeElement.closest(sel)", inside):
            break
        seen.add(stop["key"])
        stops.append(stop)
    return stops


def tab_to(page: Page, name: str, limit: int = 60) -> dict[str, Any]:
    """Press Tab until the control named ``name`` has focus."""
    for _ in range(limit):
        stop = tab(page)
        if stop is not None and stop["name"] == name:
            return stop
    raise AssertionError(f"no control named {name!r} in the first {limit} Tab stops")


def _side_contrasts(stop: dict[str, Any]) -> list[tuple[float, float]]:
    """For each side on screen: the ring's contrast with what it covers, and the
    better of its contrasts with its two neighbours."""
    ring = hex_colour(stop["ring"])
    found = []
    for side in stop["sides"]:
        if not side.get("covered"):
            continue
        covered = contrast(ring, hex_colour(side["covered"]))
        edges = [contrast(ring, hex_colour(side[k])) for k in ("outer", "inner") if side.get(k)]
        found.append((covered, max(edges, default=covered)))
    return found


def ring_problems(stops: list[dict[str, Any]]) -> list[str]:
    """One line per stop whose ring is missing, thin, or under 3:1 on some side."""
    problems = []
    for stop in stops:
        where = f"{stop['surface']}: <{stop['tag']}> {stop['name']!r}"
        if stop["ring"] is None or stop["width"] < 2:
            problems.append(f"{where}: no focus ring at least 2 px wide")
            continue
        sides = _side_contrasts(stop)
        if not sides:
            problems.append(f"{where}: the ring is off screen")
        elif min(min(pair) for pair in sides) < RING_RATIO:
            colours = sorted({hex_colour(c) for side in stop["sides"] for c in side.values() if c})
            problems.append(f"{where}: ring {hex_colour(stop['ring'])} contrasts "
                            f"{min(min(p) for p in sides):.2f}:1 on some side, next to "
                            + ", ".join(colours))
    return problems


def lowest_contrast(stops: list[dict[str, Any]]) -> dict[str, float]:
    """The lowest ring contrast measured on each kind of surface."""
    lowest: dict[str, float] = {}
    for stop in stops:
        if stop["ring"] is None or not (sides := _side_contrasts(stop)):
            continue
        value = min(min(pair) for pair in sides)
        lowest[stop["surface"]] = min(value, lowest.get(stop["surface"], 21.0))
    return lowest
