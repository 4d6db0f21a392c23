"""Charts of the published figures: Matplotlib to SVG, text kept as text.

A chart draws only what the table publishes (withheld figures leave a gap
that the chart's description names), so it can reveal nothing the table
does not. Waves differ in colour and in hatching, so no one needs to tell
colours apart; the colours come from the brand, darkened where needed to
reach 3:1 on white (WCAG 2.2, non-text contrast). Rebuilds are identical:
a fixed hash salt and no date in the file.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import matplotlib
from matplotlib.figure import Figure

from ..core.colour import WHITE, passing_shade
from .tables import Table

FONT_STACK = b"font-family: 'Atkinson Hyperlegible Next', 'Noto Sans', sans-serif"
"""The handbook's fonts, as the SVG's text asks for them."""

HATCHES = ("", "//", "..")
"""One pattern per wave, beside its colour."""



@dataclass(frozen=True)
class Chart:
    """One chart: its title, a description in words, and the SVG as a data: URL."""

    title: str
    description: str
    svg: str
    """data:image/svg+xml;base64,..."""


def wave_colours(primary: str, accent: str) -> tuple[str, str, str]:
    """Three colours for up to three waves, each 3:1 or more on white."""
    return (passing_shade(primary, WHITE, 3.0), passing_shade(accent, WHITE, 3.0), "#595959")


def score_chart(table: Table, role: str, measures: list[str], waves: list[str],
                labels: dict[str, str], colours: tuple[str, str, str], title: str,
                axis: str) -> bytes:
    """Median score per measure and wave, with the quartiles as whiskers, as SVG bytes."""
    # Applied around this drawing only: text stays text (searchable, read by screen
    # readers), and a fixed salt keeps the SVG's ids the same on every rebuild.
    # The layout is measured with DejaVu Sans, which comes with Matplotlib; the text
    # is then set in the handbook's font, which is narrower, so nothing overflows.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "schemebook",
                                "font.family": "DejaVu Sans", "font.size": 11}):
        svg = _draw(table, role, measures, waves, labels, colours, title, axis)
    return svg.replace(b"font-family: 'DejaVu Sans'", FONT_STACK)


def _draw(table: Table, role: str, measures: list[str], waves: list[str],
          labels: dict[str, str], colours: tuple[str, str, str], title: str,
          axis: str) -> bytes:
    figure = Figure(figsize=(7.2, 1.4 + 0.75 * max(1, len(measures))))
    axes = figure.subplots()
    height = 0.8 / max(1, len(waves))
    for w, wave in enumerate(waves):
        for m, measure in enumerate(measures):
            median = table.find("score", role, measure, wave, "median")
            lower = table.find("score", role, measure, wave, "lower")
            upper = table.find("score", role, measure, wave, "upper")
            if median is None or median.published is None:
                continue
            y = m + (w - (len(waves) - 1) / 2) * height
            low = lower.published if lower and lower.published is not None else median.published
            high = upper.published if upper and upper.published is not None else median.published
            axes.barh(y, median.published, height * 0.9, color=colours[w % 3],
                      hatch=HATCHES[w % 3], edgecolor="#000000", linewidth=0.6,
                      label=labels[wave] if m == 0 else None)
            axes.errorbar(median.published, y, xerr=[[median.published - low],
                                                     [high - median.published]],
                          fmt="none", ecolor="#000000", capsize=3, linewidth=1)
    axes.set_yticks(range(len(measures)), [labels.get(m, m) for m in measures])
    axes.invert_yaxis()
    axes.set_xlim(0, 5.5)
    axes.set_xlabel(axis)
    axes.set_title(title, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(waves),
                    frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": "schemebook"})
    return out.getvalue()


def data_url(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
