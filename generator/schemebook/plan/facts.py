"""The scheme's own facts, for the built-in text that needs them.

The built-in defaults (``scheme/defaults/LANG.yml``) are written once for
every scheme, so they cannot say "the mentor" or "over four meetings": a
scheme may call its roles Guide and Sponsor, meet seven times and reflect
with Kolb's cycle. They write ``{mentor}``, ``{meetings}`` or ``{stages}``
instead, and :func:`scheme_facts` gives the values, in the scheme's
language, that ``read_scheme`` fills in. Only the defaults are filled: a
brace the coordinator types in scheme.yml stays their text.
"""

from __future__ import annotations

from ..core.i18n import N_, Translator
from ..scheme.models import Scheme
from .reflection import model_title, stages
from .words import cadence_words, length_words

REFLECTION_TASKS = {
    "written": N_("Write a short reflective log after each meeting."),
    "spoken": N_("Take a few minutes after each meeting to talk through what you "
                 "learned; nothing needs writing down."),
    "optional": N_("If you find it useful, write a short reflective log after each meeting."),
    "none": "",
}
"""What each way of reflecting asks of a person, as one item of their role's list."""

LOG_GAIN = N_("You keep reflective logs you can use as evidence of skills in later "
               "applications.")
"""What mentors gain from keeping logs; said only when they keep them."""

REFLECTION_LINES = {
    "written": N_("After each meeting, you write a short reflective log."),
    "spoken": N_("After each meeting, you take a few minutes to talk through what you "
                 "learned: aloud on your own, with someone you trust, or as a voice note. "
                 "Nothing needs writing down."),
    "optional": N_("After each meeting, you may write a short reflective log if you find "
                   "it useful. It is your choice."),
    "none": N_("There is no log to keep after each meeting."),
}
"""How each way of reflecting is explained to the person who reflects that way."""


def reflection_lines(scheme: Scheme, tr: Translator) -> dict[str, str]:
    """For 'mentors' and 'mentees': how they reflect after each meeting, in a sentence."""
    return {role: tr.gettext(REFLECTION_LINES[scheme.reflection.way(role)])
            for role in ("mentors", "mentees")}


def lower_label(label: str) -> str:
    """A role label in the middle of a sentence: 'Student mentor' -> 'student mentor',
    with acronyms kept ('NHS sponsor')."""
    return " ".join(w[:1].lower() + w[1:] if w[1:] == w[1:].lower() else w
                    for w in label.split(" "))


def upper_first(text: str) -> str:
    """``text`` at the start of a sentence."""
    return text[:1].upper() + text[1:]


def role_words(scheme: Scheme) -> dict[str, str]:
    """What the scheme calls its two roles, singular and plural, as labels."""
    mentor, mentee = scheme.roles.mentor, scheme.roles.mentee
    return {"mentor": mentor.label, "mentors": mentor.plural or mentor.label + "s",
            "mentee": mentee.label, "mentees": mentee.plural or mentee.label + "s"}


def scheme_facts(scheme: Scheme, tr: Translator) -> dict[str, str]:
    """Every value a built-in default may name, by its placeholder's name.

    Roles come lower-case for the middle of a sentence (``{mentors}``) and
    capitalised for its start (``{Mentors}``). Stage names are joined with
    commas only, so no language's "and" changes the word after it.
    """
    facts: dict[str, str] = {}
    for key, label in role_words(scheme).items():
        facts[key] = lower_label(label)
        facts[upper_first(key)] = upper_first(label)
    names = [stage.name for stage in stages(scheme.reflection, tr)]
    reflection = scheme.reflection
    facts.update({
        "limits": scheme.support.limits.strip(),
        "meetings": str(scheme.meetings.count),
        "cadence": cadence_words(scheme.meetings.cadence, tr),
        "meeting_length": length_words(scheme.meetings, tr),
        "log_minutes": str(reflection.log_minutes),
        "model": (tr.gettext("the scheme's own reflective model")
                  if reflection.model == "custom" else model_title(reflection, tr)),
        "stages": ", ".join(names),
        "stage_count": str(len(names)),
        "first_stages": ", ".join(names[:max(1, min(3, len(names) - 1))]),
        "last_stage": names[-1] if names else "",
        "mentor_log_gain": tr.gettext(LOG_GAIN) if reflection.mentors in (
            "written", "optional") else "",
        "mentor_reflection": tr.gettext(t) if (t := REFLECTION_TASKS[reflection.mentors]) else "",
        "mentee_reflection": tr.gettext(t) if (t := REFLECTION_TASKS[reflection.mentees]) else "",
    })
    return facts
