"""The pairing report of ``schemebook match`` as one self-contained HTML page.

It renders in the print environment, so it has the handbook's colours,
fonts and print style, and a project can replace
``templates/print/pairing-report.html``. The style sheets are copied into
the page (their fonts linked by absolute address), so the report still
looks right when the coordinator opens it from a private folder, or prints
it from the browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..context.template import Edition
from ..core.fonts import made_file
from ..core.paths import print_path
from ..people.explain import Labels, pair_reasons, summary, unpaired_reason
from ..people.match import Outcome
from ..render import Environment, render_template

_URL = re.compile(r"url\(\s*([\"']?)([^\"')]+)\1\s*\)")


@dataclass(frozen=True)
class ReportInput:
    """What the report says besides the outcome: where its inputs came from."""

    source: str
    overrides: str = ""
    warnings: tuple[str, ...] = ()


def labels_of(edition: Edition) -> Labels:
    """The role names and theme titles the explanations use, in ``edition``'s language."""
    c = edition.context
    return Labels(c["mentor"], c["mentee"], c["mentors"], c["mentees"],
                  [t.title for t in edition.scheme.themes])


def pair_ids(count: int) -> list[str]:
    """'P01'... (three digits from 100 pairs), in the order of the pairs."""
    width = max(2, len(str(count)))
    return [f"P{n:0{width}d}" for n in range(1, count + 1)]


def report_values(edition: Edition, outcome: Outcome, given: ReportInput) -> dict[str, Any]:
    """Every value the report template and the report CSV show, in words."""
    tr, labels = edition.tr, labels_of(edition)
    names = {"mentor": labels.mentor, "mentee": labels.mentee}
    pairs = [{"id": ident, "mentor": p.mentor.name, "mentor_id": p.mentor.key,
              "mentee": p.mentee.name, "mentee_id": p.mentee.key, "score": p.score.points,
              "theme_points": p.score.theme_points, "time_points": p.score.time_points,
              "preference_points": p.score.preference_points, "fixed": p.fixed is not None,
              "reasons": pair_reasons(p, labels, tr)}
             for ident, p in zip(pair_ids(len(outcome.pairs)), outcome.pairs, strict=True)]
    unpaired = [{"name": u.person.name, "id": u.person.key, "role": names[u.person.role],
                 "side": u.person.role,
                 "reason": unpaired_reason(u, outcome, labels, tr)} for u in outcome.unpaired]
    return {"pairs": pairs, "unpaired": unpaired, "summary": summary(outcome, labels, tr),
            "paired": outcome.people_paired, "people": outcome.mentors + outcome.mentees,
            "total": outcome.total, "baseline": outcome.baseline_total,
            "source": given.source, "overrides": given.overrides,
            "warnings": list(given.warnings)}


def inline_css(sheets: list[str], project: Path) -> Markup:
    """The style sheets' text (print URLs of files of ``project`` or of schemebook,
    :func:`schemebook.core.paths.print_path`), their relative ``url()``s made absolute
    so that fonts still load from wherever the report is opened."""
    parts = []
    for address in sheets:
        path = print_path(address, project)
        if path is None:
            continue
        made = made_file(path)
        text = made.decode() if made is not None else path.read_text(encoding="utf-8")
        base = path.parent

        def absolute(match: re.Match[str], base: Path = base) -> str:
            target = match.group(2)
            if ":" in target or target.startswith("#"):
                return match.group(0)
            return f'url("{(base / target).resolve().as_uri()}")'

        parts.append(_URL.sub(absolute, text).replace("</", "<\\/"))
    return Markup("\n".join(parts))


def render_pairing_report(edition: Edition, env: Environment, values: dict[str, Any]) -> str:
    """The report's HTML, from :func:`report_values`."""
    sheets: list[str] = env.globals["stylesheets"]  # type: ignore[assignment]
    css = inline_css(sheets, edition.root)
    return render_template(env, "pairing-report.html",
                           {"report": values, "stylesheets": [], "inline_css": css,
                            "pack": {"key": "pairing-report", "title": ""}})
