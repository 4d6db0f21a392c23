"""The built-in reflective models and their stage prompts.

Stage names follow the published models (Gibbs 1988, Driscoll 1994,
Kolb 1984, Rolfe et al. 2001); the prompts are schemebook's own wording,
aimed at a reverse mentoring meeting.
"""

from __future__ import annotations

from .i18n import Translator
from .models import Reflection, Stage

BUILTIN_MODELS: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {
    "gibbs": ("Gibbs' reflective cycle", [
        ("Description", ["What did we talk about?", "What happened in the meeting?"]),
        ("Feelings", ["How did I feel before, during and after?",
                      "What surprised or unsettled me?"]),
        ("Evaluation", ["What went well in our conversation?", "What was harder?"]),
        ("Analysis", ["Why did it go that way?",
                      "What does it tell me about barriers or about power?"]),
        ("Conclusion", ["What have I learned?", "What could I have done differently?"]),
        ("Action plan", ["What will I do before our next meeting?",
                         "What will I change in my practice?"]),
    ]),
    "driscoll": ("Driscoll's What? model", [
        ("What?", ["What happened in our meeting?", "What did each of us bring to it?"]),
        ("So what?", ["What did it mean to me?", "What did I learn about the other's world?"]),
        ("Now what?", ["What will I do with what I learned?",
                       "What needs to change, and who can change it?"]),
    ]),
    "kolb": ("Kolb's learning cycle", [
        ("Concrete experience", ["What did we do and say?"]),
        ("Reflective observation", ["Looking back, what stands out?",
                                    "How did it look from my partner's side?"]),
        ("Abstract conceptualisation", ["What general lesson can I draw?",
                                        "How does it connect to what I knew?"]),
        ("Active experimentation", ["What will I try next time, and where?"]),
    ]),
    "rolfe": ("Rolfe's reflective framework", [
        ("What?", ["What was the situation?", "What was my part in it?"]),
        ("So what?", ["What does this tell me about myself, my partner and our work?",
                      "What else do I need to know?"]),
        ("Now what?", ["What do I need to do now?",
                       "What might follow from that?"]),
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
