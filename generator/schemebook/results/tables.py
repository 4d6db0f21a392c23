"""The one table every output of the report reads, with its privacy rules applied once.

Small schemes make small numbers, and a group of three can identify a
person. Following UK practice for statistics about people (HESA, Ofqual):
every count is rounded to the nearest 5 and a count from 1 to 4 is shown as
"fewer than 5" (so is a 0 among the answers to an item, where it would tell
that everyone else chose the other answers); a statistic (median, change,
alpha) resting on fewer people than ``evaluation.min_group`` is withheld
with the reason. The HTML page,
the PDF, the CSV and the charts all take their numbers from the published
``shown`` values here, never from the raw ones, so no output can reveal
more than another.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

from ..core.i18n import Translator

COUNT_THRESHOLD = 5
"""Counts under this are shown as 'fewer than 5'."""

Kind = Literal["count", "statistic"]


@dataclass(frozen=True)
class Figure:
    """One published number and what it rests on."""

    section: str
    """participation, attrition, score, alpha, change, retrospective, item"""
    role: str
    subject: str
    """The measure or item it is about ('' for participation)."""
    wave: str
    """The wave, or 'pre-post' style pair for a change."""
    name: str
    """What the number is: n, median, lower_quartile, effect, p, ..."""
    kind: Kind
    value: float | None
    """The raw value: never shown, kept for the tests."""
    rests_on: int
    """How many people the figure rests on."""
    shown: str = ""
    """What every output shows."""
    withheld: str = ""
    """Why the figure is not shown, '' when it is."""
    small: bool = False
    """A count shown only as 'fewer than 5'."""

    @property
    def published(self) -> float | None:
        """The number outputs may draw (a rounded count, a statistic), or None."""
        if self.withheld or self.value is None:
            return None
        if self.kind == "count":
            return float(round_count(int(self.value)))
        return self.value


def round_count(n: int) -> int:
    """To the nearest 5 (12 -> 10, 13 -> 15)."""
    return 5 * ((n + 2) // 5)


def _stat_text(value: float, name: str, tr: Translator) -> str:
    if name == "exact":
        return tr.gettext("exact") if value else tr.gettext("normal approximation")
    if name == "p":
        return "< 0.001" if value < 0.001 else f"{value:.3f}"
    if name == "median change":
        return f"{value:+.1f}" if value else "0.0"
    return f"{value:.2f}" if name in ("effect", "alpha") else f"{value:.1f}"


@dataclass
class Table:
    """Every figure of the report, published or withheld."""

    min_group: int
    tr: Translator = field(default_factory=Translator)
    figures: list[Figure] = field(default_factory=list)

    def count(self, section: str, role: str, subject: str, wave: str, name: str,
              n: int) -> Figure:
        """Add a count: rounded, or 'fewer than 5'."""
        if n == 0 and section != "item":
            figure = Figure(section, role, subject, wave, name, "count", 0, 0, "0")
        elif n < COUNT_THRESHOLD:
            figure = Figure(section, role, subject, wave, name, "count", n, n,
                            self.tr.gettext("fewer than %(n)s", n=COUNT_THRESHOLD), "", True)
        else:
            figure = Figure(section, role, subject, wave, name, "count", n, n,
                            str(round_count(n)))
        self.figures.append(figure)
        return figure

    def statistic(self, section: str, role: str, subject: str, wave: str, name: str,
                  value: float | None, rests_on: int) -> Figure:
        """Add a statistic, withheld when it rests on fewer than min_group people."""
        _ = self.tr.gettext
        if rests_on < self.min_group:
            why = _("rests on fewer than %(n)s people", n=self.min_group)
            figure = Figure(section, role, subject, wave, name, "statistic", value, rests_on,
                            _("withheld"), why)
        elif value is None:
            figure = Figure(section, role, subject, wave, name, "statistic", None, rests_on,
                            _("not defined"), _("not defined for these answers"))
        else:
            figure = Figure(section, role, subject, wave, name, "statistic", value, rests_on,
                            _stat_text(value, name, self.tr))
        self.figures.append(figure)
        return figure

    def find(self, section: str, role: str, subject: str, wave: str, name: str) -> Figure | None:
        for figure in self.figures:
            if (figure.section, figure.role, figure.subject, figure.wave, figure.name) == (
                    section, role, subject, wave, name):
                return figure
        return None

    def needed_suppression(self) -> list[Figure]:
        """Figures shown only as 'fewer than 5' or withheld."""
        return [f for f in self.figures if f.withheld or f.small]


CSV_COLUMNS = ("section", "role", "subject", "wave", "figure", "shown", "withheld_because")


def _safe(cell: str) -> str:
    """Text that a spreadsheet must not read as a formula (OWASP's advice); numbers,
    negative ones included, stay numbers."""
    try:
        float(cell)
    except ValueError:
        return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
    return cell


def table_csv(table: Table) -> bytes:
    """Every figure as shown (never the raw value), UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in table.figures:
        writer.writerow([_safe(str(c)) for c in
                         (f.section, f.role, f.subject, f.wave, f.name, f.shown, f.withheld)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
