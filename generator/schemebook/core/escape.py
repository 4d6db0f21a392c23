"""One escaping rule per place text from scheme.yml lands.

Text from scheme.yml reaches HTML text and attributes, Markdown, URLs, CSS
and spreadsheets. Each has one function here, and every output uses it:

* **HTML text and attributes**: :func:`html` (markupsafe: ``& < > " '``).
* **Markdown** (pages): :func:`markdown_text` keeps raw HTML, attribute
  lists (``{: onclick=... }``) and snippet lines (``--8<--``) as visible text.
* **URLs**: :func:`url_problem` allows http, https, mailto, tel and relative
  links; :func:`markdown_link_problems` checks the links written in Markdown.
* **CSS**: :func:`css_string` writes a quoted string nothing can end;
  :func:`font_family_problem` accepts only what a font family name may be.
* **Spreadsheets**: :func:`spreadsheet_cell` neutralises formulas (OWASP);
  :func:`csv_bytes` writes a whole CSV file that way.
* **JavaScript**: nothing from scheme.yml is ever written into a script.

:func:`control_problem` finds the characters refused in every input: NUL
and the bidirectional embedding, override and isolate controls, which can
make text read differently from what it is ("Trojan source").
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from collections.abc import Iterable, Sequence

from markupsafe import escape

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def html(text: str) -> str:
    """``text`` for HTML text or a quoted attribute value: ``& < > " '`` escaped."""
    return str(escape(text))


def markdown_text(text: str, allow_html: bool = False) -> str:
    """Scheme text placed into a Markdown page: it reads as written.

    Raw HTML shows as text (``<script>`` is visible and inert), and so do
    attribute lists (``{: onclick=... }``, ``{#id}``) and snippet lines
    (``--8<-- "file"``), which would otherwise add attributes or read files.
    With ``allow_html`` (``site.raw_html: true``) it is passed on untouched.
    """
    if allow_html:
        return text
    return _TAG_START.sub("&lt;", text).replace("{", "&#123;").replace("--8<--", "--8&lt;--")


SAFE_SCHEMES = ("http", "https", "mailto", "tel")
"""URL schemes a link from scheme.yml may use; a link without a scheme is relative."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def url_problem(url: str) -> str:
    """'' when ``url`` is safe to link to, else why not (for a located message).

    Browsers ignore spaces and control characters inside a scheme and decode
    entities in attributes, so the check looks at the URL as a browser would.
    """
    seen = _INVISIBLE.sub("", html_lib.unescape(url))
    if any(char in seen for char in "\"'<>`"):
        return f"'{url}' has a quote or angle bracket, which a link cannot hold"
    match = _SCHEME.match(seen)
    if match is None or match.group(1).lower() in SAFE_SCHEMES:
        return ""
    return (f"'{url}' is a {match.group(1)}: link; only http, https, mailto, tel and "
            "relative links are allowed")


_INLINE_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s()]*(?:\([^\s()]*\)[^\s()]*)*))")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")


def markdown_link_problems(text: str) -> list[str]:
    """Why each link written in Markdown in ``text`` is refused (see :func:`url_problem`)."""
    seen = text  # Markdown reads its syntax before entities; url_problem decodes each link
    found: dict[str, None] = {}
    for match in _INLINE_LINK.finditer(seen):
        found[match.group(1) or match.group(2)] = None
        seen = seen[:match.start()] + " " * (match.end() - match.start()) + seen[match.end():]
    for pattern in (_REFERENCE, _AUTOLINK):
        found.update({m.group(1): None for m in pattern.finditer(seen)})
    return [why for url in found if url and (why := url_problem(url))]


_FAMILY = re.compile(r"^[^\W_][\w .'-]{0,79}$")


def font_family_problem(name: str) -> str:
    """'' when ``name`` can be a font family name in CSS, else why not."""
    if _FAMILY.match(name) and not name.endswith(" "):
        return ""
    return (f"'{name}' is not a font family name: use letters, digits, spaces, "
            "hyphens and apostrophes (at most 80), or a font file such as fonts/brand.woff2")


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string; anything unusual hex-escaped."""
    out = []
    for char in text:
        if char.isalnum() or char in " -_.,'()&":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)(?:[eE][+-]?\d+)?%?$")
_PHONE = re.compile(r"^\+[\d ().-]{6,24}$")


def script_json(value: object) -> str:
    """``value`` as JSON inside an HTML ``<script>``: '<', '>' and '&' written as
    escapes, so no text in it can close the script or open a comment."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def spreadsheet_cell(value: object) -> str:
    """One CSV cell that a spreadsheet opens as text or a number, never a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, as OWASP advises against CSV injection. Numbers (``-3``,
    ``2.5``, ``-12%``) and phone numbers (``+44 29 2018 0000``: digits,
    spaces and ``( ) . -`` only) stay as they are: they cannot call a function.
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not (_NUMBER.match(text) or _PHONE.match(text)):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as a CSV file a spreadsheet opens safely: every cell through
    :func:`spreadsheet_cell`, UTF-8 with a byte-order mark (Excel then reads
    accents right) and CRLF line ends, as RFC 4180 asks. Every CSV schemebook
    writes (surveys, mail merge, pairings, reports) goes through here."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


CONTROLS = frozenset({"\x00", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))})
"""Refused in every input: NUL and the bidirectional embedding, override and
isolate controls (U+202A-U+202E, U+2066-U+2069). The marks ordinary Arabic and
Hebrew text needs (U+200E, U+200F, U+061C) are allowed."""

_CONTROL = re.compile("[" + "".join(sorted(CONTROLS)) + "]")


def control_problem(text: str) -> tuple[int, int, str] | None:
    """Line, column and message for the first refused control character, or None."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    char = match.group()
    name = "a NUL character" if char == "\x00" else (
        f"the invisible direction control U+{ord(char):04X}")
    return line, column, (f"{name} is not allowed: it can make text read differently "
                          "from what it is")
