"""Table columns sized by their content, for print.

WeasyPrint gives a table column at least its longest word and shares out the
rest by how long each column's text could be, so a column of short entries
next to one of long descriptions was squeezed to a word: the services
table's 'Open' column set 'Monday to Friday, 9:00 to 17:00' on three or
four lines. Here a cell's short entry (up to :data:`SHORT` characters) is
kept to two lines: it may break at one space only, the one that halves it
best, so its column is at least half the entry wide. Phone numbers and
addresses keep their own rules (:func:`.style.keep_codes_whole`): a number is
never broken, an address breaks after '@' and '/' and before a dot.

A table whose short entries, so held, could not all fit across the page
(:data:`ROOM`) is left as it is: a column wider than the page would be cut.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from dataclasses import dataclass

SHORT = 40
"""Characters of text up to which an entry of a cell is kept to two lines."""
ROOM = 86
"""About how many characters fit across a table on the page: 11 pt text of the
bundled font takes 1.7 to 2 mm a character (bold the wider) and A4 has 174 mm,
Letter 180 mm, of which each column's padding takes about two characters. A
brand font much wider than the bundled one may need less."""
PADDING = 2
"""The cell padding of one column, in characters."""

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.DOTALL | re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL | re.IGNORECASE)
_CELL = re.compile(r"(<t([dh])\b([^>]*)>)(.*?)(</t\2>)", re.DOTALL | re.IGNORECASE)
_BREAK = re.compile(r"(<br\s*/?>)", re.IGNORECASE)
_TOKENS = re.compile(r"(<[^>]*>)")
_SPAN = re.compile(r"""<span\b[^>]*\bclass=["'](nobreak|address)["']""", re.IGNORECASE)
_ZWSP = "&#8203;"
"""An address's break point, as :func:`.style.keep_codes_whole` writes it."""
_PIECES = re.compile(r"[\s\u200b]+|(?<=\w-)(?=\w)")
"""Where a line may break: spaces, an address's break points, after a hyphen."""
_SKIP = re.compile(r"""\bclass=["'][^"']*\brating\b|\bcolspan\b""", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    """One entry of a cell (cells are split at <br>): its HTML, and where it may break."""

    html: str
    split: tuple[int, int, int] | None
    """The token, and the start and end in it of the one space (or an address's break
    point) it breaks at; None: the entry is left as it is."""
    width: int
    """Characters the column needs for it: the longer half, or its longest word."""


def _length(text: str) -> int:
    """Characters as printed: entities count one, zero-width spaces none."""
    return len(" ".join(html_lib.unescape(text).replace("\u200b", "").split()))


def _plain(text: str) -> bool:
    """True when no letter of ``text`` is right-to-left or shaped with marks (Arabic,
    Hebrew, Devanagari...): cut into runs of their own, such words lose their order
    and the text read back from the PDF (see :mod:`schemebook.pdf.weasyprint`)."""
    return not any(unicodedata.bidirectional(c) in ("R", "AL", "AN")
                   or unicodedata.category(c).startswith("M") for c in text)


def _kinds(tokens: list[str]) -> list[str]:
    """Each token's kind: 'tag', 'text', or inside a span of 'nobreak' (a phone number,
    kept whole) or 'address'. Those spans hold text only."""
    kinds, inside = [], ""
    for token in tokens:
        if token.startswith("<"):
            if match := _SPAN.match(token):
                inside = match.group(1).lower()
            elif inside and token.lower().startswith("</span"):
                inside = ""
            kinds.append("tag")
        else:
            kinds.append(inside or "text")
    return kinds


def _breaks(token: str, kind: str) -> list[tuple[int, int]]:
    """Where a token may break: at its spaces (text) or its break points (an address)."""
    if kind == "text":
        return [(j, j + 1) for j, char in enumerate(token) if char == " "]
    if kind == "address":
        return [(m.start(), m.end()) for m in re.finditer(_ZWSP, token)]
    return []


def _entry(html: str) -> _Entry:
    """Where the entry ``html`` should break to make two lines as even as possible."""
    tokens = _TOKENS.split(html)
    text = "".join(t for t in tokens if not t.startswith("<"))
    longest = max((_length(w) for w in _PIECES.split(html_lib.unescape(text)) if w.strip()),
                  default=0)
    if _length(text) > SHORT or not _plain(html_lib.unescape(text)):
        return _Entry(html, None, longest)
    best: tuple[int, int, int, int] | None = None  # (longer half, token, start, end)
    done = 0
    for i, (token, kind) in enumerate(zip(tokens, _kinds(tokens), strict=True)):
        for start, end in _breaks(token, kind):
            left, right = _length(text[:done + start]), _length(text[done + end:])
            if left and right and (best is None or max(left, right) < best[0]):
                best = (max(left, right), i, start, end)
        done += 0 if kind == "tag" else len(token)
    if best is None:
        return _Entry(html, None, longest)
    return _Entry(html, best[1:], best[0])


def _held(entry: _Entry) -> str:
    """The entry with every run of text unbreakable but at its one chosen break."""
    if entry.split is None:
        return entry.html
    tokens = _TOKENS.split(entry.html)
    out = []
    for i, (token, kind) in enumerate(zip(tokens, _kinds(tokens), strict=True)):
        if kind in ("tag", "nobreak"):
            out.append(token)
        elif i == entry.split[0]:
            _, start, end = entry.split
            out.append(_whole(token[:start]) + token[start:end] + _whole(token[end:]))
        else:
            out.append(_whole(token))
    return "".join(out)


def _whole(text: str) -> str:
    return f'<span class="nobreak">{text}</span>' if text.strip() else text


def _fit_table(body: str) -> str:
    """One table's rows with their short entries held to two lines, when they fit."""
    rows = [[(match, [_entry(part) for part in _BREAK.split(match.group(4))
                      if not _BREAK.fullmatch(part)])
             for match in _CELL.finditer(row.group(1))] for row in _ROW.finditer(body)]
    needs: dict[int, int] = {}
    for row in rows:
        for column, (_, entries) in enumerate(row):
            needs[column] = max([needs.get(column, 0), *(e.width for e in entries)])
    if not rows or sum(needs.values()) + PADDING * len(needs) > ROOM:
        return body

    def cell(match: re.Match[str]) -> str:
        parts = [part if _BREAK.fullmatch(part) else _held(_entry(part))
                 for part in _BREAK.split(match.group(4))]
        return match.group(1) + "".join(parts) + match.group(5)

    return _CELL.sub(cell, body)


def fit_table_columns(html: str) -> str:
    """``html`` with the short entries of its tables' cells kept to two lines each,
    in every table that can take it (not the survey's rating tables, nor tables
    with cells spanning columns)."""
    def table(match: re.Match[str]) -> str:
        if _SKIP.search(match.group(1)) or _SKIP.search(match.group(2)):
            return match.group(0)
        head = match.group(0)[:match.start(2) - match.start(0)]
        return head + _fit_table(match.group(2)) + "</table>"

    return _TABLE.sub(table, html)
