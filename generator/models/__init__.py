"""Typed schema of scheme.yml (pydantic v2); see ``Scheme`` for the top."""

from .base import Person
from .care import (
    Agreement,
    ContingencyPlan,
    EscalationStep,
    Pairing,
    Phase,
    Question,
    Scenario,
    Service,
    Support,
)
from .packs import Pack, Packs
from .programme import (
    Activity,
    Meetings,
    Reflection,
    SkipDate,
    Stage,
    Theme,
    Training,
    TrainingSession,
    TrainingTopic,
)
from .scheme import Brand, Evaluation, Focus, Role, Roles, Scheme, SiteSettings

__all__ = [
    "Activity",
    "Agreement",
    "Brand",
    "ContingencyPlan",
    "EscalationStep",
    "Evaluation",
    "Focus",
    "Meetings",
    "Pack",
    "Packs",
    "Pairing",
    "Person",
    "Phase",
    "Question",
    "Reflection",
    "Role",
    "Roles",
    "Scenario",
    "Scheme",
    "Service",
    "SiteSettings",
    "SkipDate",
    "Stage",
    "Support",
    "Theme",
    "Training",
    "TrainingSession",
    "TrainingTopic",
]
