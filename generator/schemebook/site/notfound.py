"""The 404 page, styled and with working links wherever the site is served from.

A web server sends 404.html for any missing address, at any depth, so the
site engine writes its links root-absolute from the path of ``site_url``
('/reverse-mentoring/assets/...'). Served from any other path (a preview, a
project's Pages address, a copy on an intranet), the page lost its styles
and its links. Here the built page's links become relative to the site's
root, and a script at the top of its head finds that root from the address
the page is shown at and sets ``<base>`` to it, before any style sheet
loads; a second one gives the theme's scripts the same root. Without
scripts, links resolve from the missing page's folder, which is the root
for a missing page at the top. Works on the
engine's output, so every engine gets it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..core.escape import script_json

NAME = "404.html"

_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)',
                     re.DOTALL)

_FIND_ROOT = """<script>(function () {
  /* schemebook: the site's root, from the address this page is shown at
     (site/notfound.py). */
  var top = %(top)s, home = %(home)s, path = location.pathname, parts = path.split("/");
  var root = null;
  for (var i = 1; i < parts.length - 1 && root === null; i++) {
    if (top.indexOf(parts[i]) >= 0) { root = parts.slice(0, i).join("/") + "/"; }
  }
  if (root === null && home !== "/" && path.indexOf(home) === 0) { root = home; }
  if (root === null) { root = path.slice(0, path.lastIndexOf("/") + 1); }
  var base = document.createElement("base");
  base.href = root;
  document.head.appendChild(base);
})();</script>"""

_THEME_ROOT = """<script>(function () {
  var config = document.getElementById("__config"), values = JSON.parse(config.textContent);
  values.base = document.baseURI;
  config.textContent = JSON.stringify(values);
})();</script>"""


def relocatable(html: str, site_url: str, top: list[str]) -> str:
    """The 404 page ``html``, its links relative to the site's root, which a script
    finds at run time. ``top``: the names of the site's top-level files and folders."""
    home = urlsplit(site_url).path or "/"
    if not home.endswith("/"):
        home += "/"

    def relative(match: re.Match[str]) -> str:
        url = match.group(2)
        if url.startswith(home) and not url.startswith("//"):
            url = url[len(home):] or "./"
        return f'{match.group(1)}{url}"'

    html = _LINK.sub(relative, html)
    script = _FIND_ROOT % {"top": script_json(sorted(top)), "home": script_json(home)}
    charset = _CHARSET.search(html)
    at = charset.end() if charset else html.index("<head>") + len("<head>")
    html = html[:at] + script + html[at:]
    config = _CONFIG.search(html)
    if config:
        values = json.loads(config.group(2))
        values["base"] = "."
        if isinstance(values.get("search"), str) and values["search"].startswith(home):
            values["search"] = values["search"][len(home):]
        html = (html[:config.start()] + config.group(1) + script_json(values) + config.group(3)
                + _THEME_ROOT + html[config.end():])
    return html


def fix_not_found(site: Path, site_url: str) -> None:
    """Make the engine's ``site``/404.html, in the staging folder, work from any address."""
    page = site / NAME
    if not page.is_file():
        return
    top = [p.name for p in site.iterdir() if p.name != NAME]
    page.write_text(relocatable(page.read_text(encoding="utf-8"), site_url, top),
                    encoding="utf-8")
