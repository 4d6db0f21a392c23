"""Each pairing in plain words, so the coordinator and a second checker can judge it.

A pair is explained by what its partners share (themes, free time, format,
language), who asked for whom and whether the coordinator fixed it; an
unpaired person by the hard rule that left them out, with how many people
of the other role each rule ruled out, or, when partners were possible,
why the best pairing of the whole cohort still did not include them.
Everything is in the scheme's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.i18n import NN_, Translator
from .answers import FORMATS, PARTS, slot_days
from .match import Outcome, Paired, Unpaired
from .rules import RULES

RULE_COUNTS = {
    "conflict": NN_("%(num)d is a named conflict", "%(num)d are named conflicts"),
    "authority": NN_("%(num)d teaches, assesses, supervises or employs them, or is taught "
                     "or managed by them", "%(num)d teach, assess, supervise or employ them, "
                     "or are taught or managed by them"),
    "line": NN_("%(num)d is in their line of report", "%(num)d are in their line of report"),
    "forbidden": NN_("%(num)d is ruled out in your overrides",
                     "%(num)d are ruled out in your overrides"),
    "unit": NN_("%(num)d is in the same unit", "%(num)d are in the same unit"),
    "language": NN_("%(num)d shares no language with them",
                    "%(num)d share no language with them"),
    "format": NN_("%(num)d cannot meet in the same way (online or in person)",
                  "%(num)d cannot meet in the same way (online or in person)"),
    "time": NN_("%(num)d has no free time in common with them",
                "%(num)d have no free time in common with them"),
}
"""How many people of the other role each hard rule ruled out."""


@dataclass(frozen=True)
class Labels:
    """The scheme's names for its roles, and its theme titles, in one language."""

    mentor: str
    mentee: str
    mentors: str
    mentees: str
    themes: list[str]


def listing(items: list[str], tr: Translator) -> str:
    """'a', 'a and b', 'a, b and c' in the scheme's language."""
    if len(items) < 2:
        return "".join(items)
    return tr.gettext("%(a)s and %(b)s", a=", ".join(items[:-1]), b=items[-1])


def slots_words(mask: int, tr: Translator) -> str:
    """'Monday morning, Thursday evening' for a slot mask."""
    days = tr.babel_locale().days["format"]["wide"]
    return listing([tr.gettext("%(day)s %(part)s", day=days[d], part=tr.gettext(PARTS[p]))
                    for d, p in slot_days(mask)], tr)


def language_names(codes: list[str], tr: Translator) -> str:
    names = tr.babel_locale().languages
    return listing([names.get(code, code) for code in codes], tr)


def pair_reasons(pair: Paired, labels: Labels, tr: Translator) -> list[str]:
    """Why this pair: one short sentence for each thing that counts."""
    _ = tr.gettext
    mentor, mentee, score = pair.mentor, pair.mentee, pair.score
    lines = []
    if pair.fixed is not None:
        lines.append(_("Fixed by the coordinator: %(note)s", note=pair.fixed.note)
                     if pair.fixed.note else _("Fixed by the coordinator."))
    if score.themes:
        titles = [f"“{labels.themes[t]}”" for t in sorted(score.themes)]
        lines.append(tr.ngettext("Both chose the theme %(themes)s.",
                                 "Both chose the themes %(themes)s.", len(titles),
                                 themes=listing(titles, tr)))
    else:
        lines.append(_("They chose no theme in common."))
    lines.append(_time(pair, tr))
    common = [f for f in FORMATS if f in mentor.formats & mentee.formats]
    lines.append(_("Both can meet online or in person.") if len(common) == 2 else
                 _("They meet online.") if common == ["online"] else _("They meet in person."))
    shared = [c for c in mentor.languages if c in mentee.languages]
    lines.append(_("They can meet in %(languages)s.", languages=language_names(shared, tr)))
    if mentor.unit and mentee.unit:
        lines.append(_("Units: %(mentor_unit)s and %(mentee_unit)s.",
                       mentor_unit=mentor.unit, mentee_unit=mentee.unit))
    if len(score.asked) == 2:
        lines.append(_("They asked to be paired with each other."))
    elif score.asked:
        who, other = (mentor, mentee) if score.asked[0] == "mentor" else (mentee, mentor)
        lines.append(_("%(name)s asked to be paired with %(partner)s.", name=who.name,
                       partner=other.name))
    return lines


def _time(pair: Paired, tr: Translator) -> str:
    _ = tr.gettext
    if pair.score.slots:
        return _("Both are free on %(slots)s.", slots=slots_words(pair.score.slots, tr))
    missing = [p.name for p in (pair.mentor, pair.mentee) if not p.slots]
    if missing:
        return _("%(names)s gave no free times: agree a time before the first meeting.",
                 names=listing(missing, tr))
    return _("They have no free time in common: agree a time before the first meeting.")


def unpaired_reason(left: Unpaired, outcome: Outcome, labels: Labels, tr: Translator) -> str:
    """The rule, or the numbers, that left this person without a partner."""
    _ = tr.gettext
    mentor = left.person.role == "mentor"
    other, others = ((labels.mentee, labels.mentees) if mentor
                     else (labels.mentor, labels.mentors))
    if not left.others:
        return _("Nobody applied as a %(role)s.", role=other.lower())
    if not left.possible:
        counts = [tr.ngettext(*RULE_COUNTS[rule], left.blocked[rule])
                  for rule in sorted(left.blocked, key=lambda r: (-left.blocked[r],
                                                                  RULES.index(r)))]
        return _("No %(role)s can be paired with them under the hard rules: %(why)s.",
                 role=other.lower(), why=listing(counts, tr))
    text = (_("The one %(role)s who could be paired with them is paired with someone else",
              role=other.lower()) if left.possible == 1 else
            _("%(num)d %(roles)s could be paired with them and all are paired with others",
              num=left.possible, roles=others.lower()))
    if outcome.priority == "best-score":
        return text + _(": pairing them would lower the total score.")
    return text + _(": any way of pairing them leaves someone else without a partner.")


def summary(outcome: Outcome, labels: Labels, tr: Translator) -> str:
    """The totals in one paragraph, against first come, first served."""
    everyone = outcome.mentors + outcome.mentees
    return " ".join([
        tr.ngettext("%(num)d pair", "%(num)d pairs", len(outcome.pairs)) + ", " +
        tr.gettext("%(paired)d of %(people)d people paired.", paired=outcome.people_paired,
                   people=everyone),
        tr.gettext("Total score %(score)d. First come, first served (each %(mentee)s in the "
                   "order they applied taking the best %(mentor)s still free) would give "
                   "%(greedy)d, in %(greedy_pairs)d pairs.", score=outcome.total,
                   greedy=outcome.baseline_total, greedy_pairs=outcome.baseline_pairs,
                   mentee=labels.mentee.lower(), mentor=labels.mentor.lower()),
    ])
