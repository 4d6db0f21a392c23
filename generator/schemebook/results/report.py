"""The report as the reader meets it: sections, rows and plain words, from the table.

Everything here reads the published ``shown`` values of
:class:`.tables.Table` and turns them into rows and sentences in the
scheme's language. Beside each figure it says what the figure shows and
what its test assumes; it never calls a result "significant", and below
:data:`CAUTION_BELOW` people it says that a result is a signal to explore,
not a proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..core.i18n import Translator
from .analysis import ROLES, Analysis
from .charts import Chart, data_url, score_chart, wave_colours
from .key import Key
from .tables import Figure, Table

CAUTION_BELOW = 30
"""Below this many paired answers, a change is described as a signal, not a proof."""


@dataclass(frozen=True)
class Row:
    """One row of a table of the report: its label and its cells as shown."""

    label: str
    cells: tuple[str, ...]
    words: str = ""


@dataclass(frozen=True)
class Block:
    """A titled table with its column headings, rows and a sentence on how to read it."""

    section: str
    """What the block shows: participation, attrition, score, change, item."""
    title: str
    headings: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""


class RoleReport(NamedTuple):
    """Everything the report says about one role, made whole in one go."""

    role: str
    label: str
    blocks: tuple[Block, ...]
    charts: tuple[Chart, ...]
    texts: tuple[tuple[str, list[str]], ...]
    """Each free-text question with its answers, in the instrument's order."""


@dataclass
class ReportView:
    """The whole report: its introduction, each role's part, and what was withheld."""

    intro: list[str]
    roles: list[RoleReport]
    withheld: int


def _shown(table: Table, *where: str) -> str:
    figure = table.find(*where)
    return figure.shown if figure is not None else "–"


def _figure(table: Table, *where: str) -> Figure | None:
    return table.find(*where)


class _Words:
    """The report's sentences in the scheme's language."""

    def __init__(self, tr: Translator, key: Key, titles: dict[str, str]) -> None:
        self.tr, self.key, self.titles = tr, key, titles
        self._ = tr.gettext

    def lower(self, wave: str) -> str:
        """A survey's title inside a sentence."""
        title = self.titles[wave]
        return title[:1].lower() + title[1:]

    def intro(self, min_group: int, needed: int | None) -> list[str]:
        _ = self._
        return [
            _("Counts are rounded to the nearest 5, and counts under 5 are shown as "
              "\u201cfewer than 5\u201d, as UK official statistics about people do. A "
              "median, a change or an alpha that rests on fewer than %(n)s people is "
              "withheld, and the report says why.", n=min_group),
            _("No answer of any one person and no participant code appears in this "
              "report. Missing answers are counted, never filled in."),
            _("A person's score on a measure is the average of their answers to its "
              "items, from 1 (the lowest point of the scale) to the highest, with "
              "reverse-worded items turned round. Someone who skipped an item of the "
              "measure gets no score on it.") if needed is None else
            _("A person's score on a measure is the average of their answers to its "
              "items, with reverse-worded items turned round; it needs at least "
              "%(n)s answered items.", n=needed),
        ]

    def change(self, table: Table, role: str, measure: str, pair: str) -> str:
        _ = self._
        p = _figure(table, "change" if pair != "then-now" else "retrospective",
                    role, measure, pair, "p")
        section = "change" if pair != "then-now" else "retrospective"
        if p is None or p.withheld:
            why = p.withheld if p is not None else _("no pairs of answers")
            return _("The change is withheld: %(why)s.", why=why)
        exact = _figure(table, section, role, measure, pair, "exact")
        how = _("exact") if exact is not None and exact.value else _("normal approximation")
        words = _("%(n)s people answered both; the median change was %(change)s points; "
                  "p = %(p)s (%(how)s); effect size %(r)s.",
                  n=_shown(table, section, role, measure, pair, "pairs"),
                  change=_shown(table, section, role, measure, pair, "median change"),
                  p=p.shown, how=how, r=_shown(table, section, role, measure, pair, "effect"))
        if p.rests_on < CAUTION_BELOW:
            words += " " + _("With this few people, the result is a signal to explore in the "
                             "closing conversations, not a proof.")
        return words

    def how_to_read_change(self) -> str:
        _ = self._
        return _("The Wilcoxon signed-rank test compares each person with themselves and "
                 "does not assume the points of the scale are evenly spaced; people whose "
                 "score did not change are left out of it, and p is exact when no two "
                 "changes tie, otherwise from the normal approximation. The effect size, "
                 "the matched-pairs rank-biserial correlation, runs from -1 to 1: 0 means "
                 "as many moved down as up, 1 that everyone who changed moved up. A small "
                 "p on a few people is not a finding to announce: read it with the number "
                 "of people beside it.")


def _participation(table: Table, role: str, waves: list[str], words: _Words) -> list[Block]:
    _ = words._
    answered = [Row(words.titles[w], (_shown(table, "participation", role, "", w, "n"),))
                for w in waves]
    rows = []
    for later in waves[1:]:
        first, then = words.lower("pre"), words.lower(later)
        rows.append(Row(_("Answered both, %(first)s and %(later)s", first=first, later=then),
                        (_shown(table, "attrition", role, "", f"pre-{later}", "answered both"),)))
        rows.append(Row(_("Answered %(first)s, not %(later)s", first=first, later=then),
                        (_shown(table, "attrition", role, "", f"pre-{later}",
                                "did not answer again"),)))
    blocks = [Block("participation", _("Who answered"), (_("Survey"), _("People")),
                    tuple(answered))]
    if rows:
        blocks.append(Block("attrition", _("Who answered again"), (_("Surveys"), _("People")),
                            tuple(rows)))
    return blocks


def _scores(table: Table, analysis: Analysis, role: str, words: _Words) -> Block:
    _ = words._
    rows = []
    for measure in (m for m in analysis.measures if m.role == role):
        for wave in analysis.waves:
            if _figure(table, "score", role, measure.name, wave, "scored") is None:
                continue
            low = _figure(table, "score", role, measure.name, wave, "lower")
            lower = _shown(table, "score", role, measure.name, wave, "lower")
            upper = _shown(table, "score", role, measure.name, wave, "upper")
            spread = lower if lower == upper or (low and low.withheld) else f"{lower} – {upper}"
            alpha = _figure(table, "alpha", role, measure.name, wave, "alpha")
            rows.append(Row(f"{measure.name} · {words.titles[wave]}", (
                _shown(table, "score", role, measure.name, wave, "scored"),
                _shown(table, "score", role, measure.name, wave, "not scored"),
                _shown(table, "score", role, measure.name, wave, "median"), spread,
                alpha.shown if alpha else "–")))
    return Block("score", _("Scores on each measure"),
                 (_("Measure and survey"), _("Scored"), _("Not scored"), _("Median"),
                  _("Middle half"), _("Cronbach's alpha")), tuple(rows),
                 _("The median is the middle score: half scored at least this much. The "
                   "middle half is the range from the lower to the upper quartile. Alpha "
                   "says how consistently the items of a measure move together; 0.7 or "
                   "more is usually taken as enough to add them up."))


def _changes(table: Table, analysis: Analysis, role: str, words: _Words) -> Block:
    _ = words._
    rows = []
    pairs = [("change", f"pre-{w}") for w in analysis.waves[1:]] + [
        ("retrospective", "then-now")]
    for measure in (m for m in analysis.measures if m.role == role):
        for section, pair in pairs:
            if _figure(table, section, role, measure.name, pair, "pairs") is None:
                continue
            first, _sep, later = pair.partition("-")
            label = (_("%(measure)s: before the scheme (asked afterwards) to now",
                       measure=measure.name) if pair == "then-now" else
                     _("%(measure)s: %(first)s to %(later)s", measure=measure.name,
                       first=words.titles[first], later=words.titles[later]))
            rows.append(Row(label, (
                _shown(table, section, role, measure.name, pair, "pairs"),
                _shown(table, section, role, measure.name, pair, "median change"),
                _shown(table, section, role, measure.name, pair, "effect"),
                _shown(table, section, role, measure.name, pair, "p")),
                words.change(table, role, measure.name, pair)))
    return Block("change", _("Change between surveys"),
                 (_("Measure"), _("People"), _("Median change"), _("Effect size"), _("p")),
                 tuple(rows), words.how_to_read_change() if rows else "")


def _items(table: Table, analysis: Analysis, key: Key, role: str, words: _Words) -> list[Block]:
    _ = words._
    blocks = []
    for ident, item in sorted(key.items.items()):
        if item.then or item.written or item.item.audience not in (role, "both"):
            continue
        labels = item.item.scale.labels
        rows = [Row(words.titles[w], tuple(_shown(table, "item", role, ident, w, label)
                                           for label in (*labels, "no answer")))
                for w in analysis.waves if w in item.stages
                and _figure(table, "item", role, ident, w, "no answer") is not None]
        if rows:
            blocks.append(Block("item", item.item.text, (_("Survey"), *labels, _("No answer")),
                                tuple(rows)))
    return blocks


def build_view(analysis: Analysis, key: Key, tr: Translator, titles: dict[str, str],
               role_labels: dict[str, str], brand: tuple[str, str],
               needed: int | None) -> ReportView:
    """The report for the template: every section of every role with answers."""
    table = analysis.table
    words = _Words(tr, key, titles)
    colours = wave_colours(*brand)
    roles = []
    for role in ROLES:
        if not any(f.role == role and f.section == "participation" and f.value
                   for f in table.figures):
            continue
        blocks = (*_participation(table, role, analysis.waves, words),
                  _scores(table, analysis, role, words),
                  _changes(table, analysis, role, words),
                  *_items(table, analysis, key, role, words))
        measures = [m.name for m in analysis.measures if m.role == role]
        title = tr.gettext("Median score of %(people)s on each measure, by survey",
                           people=role_labels[role].lower())
        svg = score_chart(table, role, measures, analysis.waves, titles, colours, title,
                          tr.gettext("Score (1 = lowest point of the scale)"))
        chart = Chart(title, tr.gettext(
            "A bar per survey shows the median score; its whisker spans the middle half. "
            "Where a bar is missing, the survey did not ask about that measure, or the "
            "median rests on too few people and is withheld. The table of scores above "
            "holds the same figures."), data_url(svg))
        texts = tuple((key.items[i].item.text, answers)
                      for (r, _w, i), answers in sorted(analysis.texts.items()) if r == role)
        part = RoleReport(role, role_labels[role], blocks, (chart,), texts)
        roles.append(part)
    return ReportView(words.intro(table.min_group, needed), roles,
                      len(table.needed_suppression()))
