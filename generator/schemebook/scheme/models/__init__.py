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
from .evaluation import (
    Evaluation,
    InterviewQuestion,
    Privacy,
    ReferencedScale,
    Scale,
    Survey,
    SurveyItem,
    Surveys,
)
from .messages import MessageSettings
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
from .scheme import Brand, Focus, Role, Roles, Scheme, SiteSettings

__all__ = [
    "Activity",
    "Agreement",
    "Brand",
    "ContingencyPlan",
    "EscalationStep",
    "Evaluation",
    "Focus",
    "InterviewQuestion",
    "Meetings",
    "MessageSettings",
    "Pack",
    "Packs",
    "Pairing",
    "Person",
    "Phase",
    "Privacy",
    "Question",
    "ReferencedScale",
    "Reflection",
    "Role",
    "Roles",
    "Scale",
    "Scenario",
    "Scheme",
    "Service",
    "SiteSettings",
    "SkipDate",
    "Stage",
    "Support",
    "Survey",
    "SurveyItem",
    "Surveys",
    "Theme",
    "Training",
    "TrainingSession",
    "TrainingTopic",
]
