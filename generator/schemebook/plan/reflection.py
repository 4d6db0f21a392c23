"""The built-in reflective models and their stage prompts.

Stage names follow the published models (Gibbs 1988, Driscoll 1994,
Kolb 1984, Rolfe et al. 2001); the prompts are schemebook's own wording,
aimed at a reverse mentoring meeting.
"""

from __future__ import annotations

from ..core.i18n import N_, Translator
from ..scheme.models import Reflection, Stage

BUILTIN_MODELS: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {
    "gibbs": (N_("Gibbs' reflective cycle"), [
        (N_("Description"), [N_("What did we talk about?"),
                             N_("What happened in the meeting?")]),
        (N_("Feelings"), [N_("How did I feel before, during and after?"),
                          N_("What surprised or unsettled me?")]),
        (N_("Evaluation"), [N_("What went well in our conversation?"),
                            N_("What was harder?")]),
        (N_("Analysis"), [N_("Why did it go that way?"),
                          N_("What does it tell me about barriers or about power?")]),
        (N_("Conclusion"), [N_("What have I learned?"),
                            N_("What could I have done differently?")]),
        (N_("Action plan"), [N_("What will I do before our next meeting?"),
                             N_("What will I change in my practice?")]),
    ]),
    "driscoll": (N_("Driscoll's What? model"), [
        (N_("What?"), [N_("What happened in our meeting?"),
                       N_("What did each of us bring to it?")]),
        (N_("So what?"), [N_("What did it mean to me?"),
                          N_("What did I learn about the other's world?")]),
        (N_("Now what?"), [N_("What will I do with what I learned?"),
                           N_("What needs to change, and who can change it?")]),
    ]),
    "kolb": (N_("Kolb's learning cycle"), [
        (N_("Concrete experience"), [N_("What did we do and say?")]),
        (N_("Reflective observation"), [N_("Looking back, what stands out?"),
                                        N_("How did it look from my partner's side?")]),
        (N_("Abstract conceptualisation"), [N_("What general lesson can I draw?"),
                                            N_("How does it connect to what I knew?")]),
        (N_("Active experimentation"), [N_("What will I try next time, and where?")]),
    ]),
    "rolfe": (N_("Rolfe's reflective framework"), [
        (N_("What?"), [N_("What was the situation?"), N_("What was my part in it?")]),
        (N_("So what?"), [N_("What does this tell me about myself, my partner and our work?"),
                          N_("What else do I need to know?")]),
        (N_("Now what?"), [N_("What do I need to do now?"),
                           N_("What might follow from that?")]),
    ]),
}


def model_title(reflection: Reflection, tr: Translator) -> str:
    """Human name of the scheme's reflective model, translated."""
    if reflection.model == "custom":
        return tr.gettext("Our reflective model")
    return tr.gettext(BUILTIN_MODELS[reflection.model][0])


def stages(reflection: Reflection, tr: Translator) -> list[Stage]:
    """The stages a log asks for: the scheme's own, else the built-in model's."""
    if reflection.stages:
        return list(reflection.stages)
    _, built_in = BUILTIN_MODELS[reflection.model]
    return [
        Stage(name=tr.gettext(name), prompts=[tr.gettext(p) for p in prompts])
        for name, prompts in built_in
    ]
