"""Settings for the messages a coordinator sends to participants."""

from __future__ import annotations

from .base import Model, Url
from .timing import DateOrRelative


class MessageSettings(Model):
    """What the message templates need besides dates and contacts."""

    sender: str = ""
    """Who signs the messages; default: the scheme's contact."""

    apply_url: Url = ""
    """Where people apply to take part, e.g. an online form."""

    apply_by: DateOrRelative | None = None
    """Closing date for applications; default: the end of the recruitment phase."""
