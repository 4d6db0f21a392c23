"""The built-in reflective models and their stage prompts.

Stage names follow the published models (Gibbs 1988, Driscoll 1994,
Kolb 1984, Rolfe et al. 2001); the prompts are schemebook's own wording,
aimed at a reverse mentoring meeting. Both are written in English in
``reflection.yml`` beside this module and translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.data import read_table
from ..core.i18n import Translator
from ..scheme.models import Reflection, Stage


def _builtin(model: str) -> Mapping[str, Any]:
    """A built-in model's title and stages, as reflection.yml gives them (in English)."""
    models: Mapping[str, Mapping[str, Any]] = read_table("plan/reflection.yml")
    return models[model]


def model_title(reflection: Reflection, tr: Translator) -> str:
    """Human name of the scheme's reflective model, translated."""
    if reflection.model == "custom":
        return tr.gettext("Our reflective model")
    return tr.gettext(_builtin(reflection.model)["title"])


def stages(reflection: Reflection, tr: Translator) -> list[Stage]:
    """The stages a log asks for: the scheme's own, else the built-in model's."""
    if reflection.stages:
        return list(reflection.stages)
    return [Stage(name=tr.gettext(stage["name"]),
                  prompts=[tr.gettext(prompt) for prompt in stage["prompts"]])
            for stage in _builtin(reflection.model)["stages"]]
