"""From responses to the report's figures: participation, scores, change, items.

Per role and measure: how many answered each wave, scale scores (reverse-
scored items turned) with their median and quartiles, Cronbach's alpha for
measures of three or more items, the paired change from before to after and
to the follow-up for the people who answered both, the retrospective
then-and-now change where the scheme asks it, attrition between waves, and
the answers to each item. Everything goes into one :class:`.tables.Table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.i18n import Translator
from .key import STAGES, Key
from .responses import Response
from .statistics import cronbach_alpha, paired_change, spread
from .tables import Table

ROLES = ("mentors", "mentees")
CHANGES = (("pre", "post"), ("pre", "follow-up"))


@dataclass(frozen=True)
class Measure:
    """Items of one role that together give a score."""

    role: str
    name: str
    items: tuple[str, ...]


@dataclass
class Analysis:
    """The table, and what the charts and the words beside them need."""

    table: Table
    measures: list[Measure]
    waves: list[str]
    texts: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    """(role, wave, item) -> written answers, when the scheme shows them."""


def measures_of(key: Key) -> list[Measure]:
    """Every measure with a scaled item, per role (items for both roles count for each)."""
    found: dict[tuple[str, str], list[str]] = {}
    for ident, item in sorted(key.items.items()):
        view = item.item
        if item.then or item.written or not view.measure:
            continue
        for role in ROLES:
            if view.audience in (role, "both"):
                found.setdefault((role, view.measure), []).append(ident)
    return [Measure(role, name, tuple(items)) for (role, name), items in sorted(found.items())]


def score(response: Response, key: Key, items: Sequence[str], needed: int | None,
          then: bool = False) -> float | None:
    """Mean of the points of ``items`` (reverse-scored ones turned), or None when the
    person answered fewer than ``needed`` of them (None: all)."""
    asked = [i for i in items if response.wave in key.items[i].stages]
    points = []
    for ident in asked:
        column = key.items[ident].item.then_id if then else ident
        if not column or column not in response.points:
            continue
        point = response.points[column]
        item = key.items[ident].item
        points.append(len(item.scale.labels) + 1 - point if item.reverse else point)
    required = len(asked) if needed is None else min(needed, len(asked))
    if not asked or len(points) < required:
        return None
    return sum(points) / len(points)


def _by(responses: list[Response], role: str, wave: str) -> list[Response]:
    return [r for r in responses if r.role == role and r.wave == wave]


def _participation(table: Table, responses: list[Response], waves: list[str]) -> None:
    for role in ROLES:
        for wave in waves:
            table.count("participation", role, "", wave, "n", len(_by(responses, role, wave)))
        pre = {r.code for r in _by(responses, role, "pre")}
        for later in waves[1:]:
            kept = pre & {r.code for r in _by(responses, role, later)}
            table.count("attrition", role, "", f"pre-{later}", "answered both", len(kept))
            table.count("attrition", role, "", f"pre-{later}", "did not answer again",
                        len(pre - kept))


def _scores(table: Table, analysis: Analysis, key: Key, responses: list[Response],
            needed: int | None) -> None:
    for measure in analysis.measures:
        for wave in analysis.waves:
            group = _by(responses, measure.role, wave)
            asked = [i for i in measure.items if wave in key.items[i].stages]
            if not asked or not group:
                continue
            scores = [s for r in group if (s := score(r, key, asked, needed)) is not None]
            table.count("score", measure.role, measure.name, wave, "scored", len(scores))
            table.count("score", measure.role, measure.name, wave, "not scored",
                        len(group) - len(scores))
            found = spread(scores) if scores else None
            for name in ("median", "lower", "upper"):
                table.statistic("score", measure.role, measure.name, wave, name,
                                getattr(found, name) if found else None, len(scores))
            if len(asked) >= 3:
                _alpha(table, measure, wave, group, asked, key)


def _alpha(table: Table, measure: Measure, wave: str, group: list[Response],
           asked: list[str], key: Key) -> None:
    rows = []
    for response in group:
        if all(i in response.points for i in asked):
            rows.append([float(len(key.items[i].item.scale.labels) + 1 - response.points[i]
                               if key.items[i].item.reverse else response.points[i])
                         for i in asked])
    table.statistic("alpha", measure.role, measure.name, wave, "alpha", cronbach_alpha(rows),
                    len(rows))


def _change(table: Table, section: str, role: str, name: str, wave: str,
            before: list[float], after: list[float]) -> None:
    change = paired_change(before, after) if before else None
    n = len(before)
    table.count(section, role, name, wave, "pairs", n)
    table.statistic(section, role, name, wave, "median change",
                    change.median_change if change else (0.0 if n else None), n)
    for figure in ("effect", "p"):
        table.statistic(section, role, name, wave, figure,
                        getattr(change, figure) if change else None, n)
    if change is not None:
        table.statistic(section, role, name, wave, "exact", 1.0 if change.exact else 0.0, n)


def _changes(table: Table, analysis: Analysis, key: Key, responses: list[Response],
             needed: int | None, retrospective: bool) -> None:
    for measure in analysis.measures:
        for first, later in CHANGES:
            if later not in analysis.waves:
                continue
            after = {r.code: r for r in _by(responses, measure.role, later)}
            pairs = [(b, a) for r in _by(responses, measure.role, first)
                     if r.code in after
                     and (b := score(r, key, measure.items, needed)) is not None
                     and (a := score(after[r.code], key, measure.items, needed)) is not None]
            if pairs:
                _change(table, "change", measure.role, measure.name, f"{first}-{later}",
                        [b for b, _ in pairs], [a for _, a in pairs])
        if retrospective:
            post = _by(responses, measure.role, "post")
            pairs = [(b, a) for r in post
                     if (b := score(r, key, measure.items, needed, then=True)) is not None
                     and (a := score(r, key, measure.items, needed)) is not None]
            if pairs:
                _change(table, "retrospective", measure.role, measure.name, "then-now",
                        [b for b, _ in pairs], [a for _, a in pairs])


def _items(table: Table, analysis: Analysis, key: Key, responses: list[Response],
           free_text: bool) -> None:
    for ident, item in sorted(key.items.items()):
        for role in ROLES:
            if item.item.audience not in (role, "both"):
                continue
            for wave in analysis.waves:
                group = _by(responses, role, wave)
                if wave not in item.stages or not group:
                    continue
                if item.written:
                    answers = [r.texts[ident] for r in group if ident in r.texts]
                    table.count("item", role, ident, wave, "answered", len(answers))
                    if free_text and answers:
                        analysis.texts[(role, wave, ident)] = sorted(answers)
                    continue
                for point, label in enumerate(item.item.scale.labels, start=1):
                    table.count("item", role, ident, wave, label,
                                sum(1 for r in group if r.points.get(ident) == point))
                table.count("item", role, ident, wave, "no answer",
                            sum(1 for r in group if ident not in r.points))


def analyse(responses: list[Response], key: Key, min_group: int, needed: int | None,
            retrospective: bool, free_text: bool, tr: Translator) -> Analysis:
    """Every figure of the report, privacy rules applied once; shown in ``tr``'s language."""
    waves = [w for w in STAGES if any(r.wave == w for r in responses)]
    analysis = Analysis(Table(min_group, tr), measures_of(key), waves)
    _participation(analysis.table, responses, waves)
    _scores(analysis.table, analysis, key, responses, needed)
    _changes(analysis.table, analysis, key, responses, needed, retrospective)
    _items(analysis.table, analysis, key, responses, free_text)
    return analysis
