"""The aggregate page ``report --publish`` may add to the site, and when it may.

Only the summary goes on a public page: who answered, the median scores and
the changes. It is published only when none of its figures needed
suppression, so the page never shows "fewer than 5" or a withheld figure,
and never anything the private report does not already round.
"""

from __future__ import annotations

from ..core.i18n import Translator
from .report import ReportView
from .tables import Figure, Table

PAGE = "evaluation-results.md"
"""The page's path under content/."""

FIRST_LINE = "<!-- Written by schemebook report --publish: aggregate figures only. -->"
"""Marks the page as schemebook's, so a later run may replace it and nothing else."""

SUMMARY = ("participation", "score", "change", "retrospective")
"""Sections of the table the public page shows (never attrition or single items)."""


def summary_problems(table: Table) -> list[Figure]:
    """Figures of the summary that needed suppression: any of them keeps the page off."""
    return [f for f in table.needed_suppression()
            if f.section in SUMMARY and f.name not in ("lower", "upper", "exact")]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def page_markdown(view: ReportView, title: str, tr: Translator) -> str:
    """The public page: the summary blocks of each role as Markdown tables."""
    lines = [FIRST_LINE, "", f"# {_cell(title)}", ""]
    lines += [_cell(p) for p in view.intro[:2]] + [""]
    for part in view.roles:
        lines += [f"## {_cell(part.label)}", ""]
        for block in (b for b in part.blocks if b.section in SUMMARY):
            lines += [f"### {_cell(block.title)}", "",
                      "| " + " | ".join(_cell(h) for h in block.headings) + " |",
                      "|" + " --- |" * len(block.headings)]
            lines += ["| " + " | ".join(_cell(c) for c in (row.label, *row.cells)) + " |"
                      for row in block.rows]
            lines.append("")
            lines += [f"**{_cell(row.label)}.** {_cell(row.words)}\n" for row in block.rows
                      if row.words]
    lines.append(tr.gettext("Figures are rounded; the full report stays with the "
                            "coordinator."))
    return "\n".join(lines) + "\n"
