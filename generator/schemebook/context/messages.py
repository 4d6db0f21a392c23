"""The messages a coordinator sends, filled in from scheme.yml.

Each message is a plain-text template under ``templates/messages/`` (the
project's own folder first), rendered in the same sandbox as the pages. The
first line is ``Subject: ...``. Dates, contacts and links come from the
scheme; the only gaps left are the mail-merge fields in :data:`MERGE_FIELDS`,
which a mail-merge tool or the coordinator fills for each person. A build
refuses a message that still holds any other placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from ..core.errors import Location, Problem, TemplateError
from ..core.i18n import Translator
from ..plan.events import CALENDAR_FILES, page_address, public_url
from ..plan.schedule import phase_of_kind, resolve_date
from ..render import make_environment, render_template
from ..scheme.models import Scheme
from ..scheme.validate import Loaded

MESSAGES_DIR = "templates/messages"

MERGE_FIELDS = ("[[first_name]]", "[[partner_name]]", "[[partner_email]]")
"""Fields left for a mail merge; documented on the messages page."""


def merge_fields(tr: Translator) -> dict[str, str]:
    """Each merge field and what it holds, in the scheme's language."""
    _ = tr.gettext
    return {
        "[[first_name]]": _("the first name of the person the message goes to"),
        "[[partner_name]]": _("the full name of their partner (pairing announcement)"),
        "[[partner_email]]": _("their partner's email address (pairing announcement)"),
    }

MESSAGES = (
    ("invitation-mentors", "mentors"),
    ("invitation-mentees", "mentees"),
    ("pairing", "both"),
    ("first-meeting", "both"),
    ("log-reminder", "both"),
    ("survey-pre", "both"),
    ("survey-post", "both"),
    ("survey-follow-up", "both"),
    ("thank-you", "both"),
    ("celebration", "both"),
)
"""Every message in the order a coordinator sends them, with who receives it."""

@dataclass(frozen=True)
class Message:
    """One filled-in message."""

    key: str
    audience: str
    subject: str
    body: str
    subject_label: str = "Subject"
    """The word before the subject line of the file, in the scheme's language."""

    @property
    def filename(self) -> str:
        number = [k for k, _ in MESSAGES].index(self.key) + 1 if self.key in dict(
            MESSAGES) else 99
        return f"{number:02d}-{self.key}.txt"

    def text(self) -> str:
        """The file as written: a subject line, a blank line, the body."""
        return f"{self.subject_label}: {self.subject}\n\n{self.body}\n"


_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|%\(\w+\)s|\[\[[^\]]*\]\]|\bNone\b|\bTBC\b")
"""Jinja and gettext syntax, merge fields, and the words an empty value prints."""


def unfilled(text: str) -> list[str]:
    """Anything in ``text`` that looks like a placeholder and is not a merge field."""
    return [m.group(0) for m in _LEFTOVER.finditer(text) if m.group(0) not in MERGE_FIELDS]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _without(text: str, pieces: list[str]) -> str:
    for piece in pieces:
        text = text.replace(piece, "")
    return text


def message_context(scheme: Scheme, base: dict[str, Any]) -> dict[str, Any]:
    """The values message templates see: the handbook's own context and a few more."""
    plan, phases = base["plan"], base["phases"]
    recruitment = phase_of_kind(phases, "recruitment")
    apply_by = resolve_date(scheme.messages.apply_by, plan) or (
        recruitment.end if recruitment else None)
    pages = {key: page_address(scheme, f"{key}.md") for key in (
        "index", "mentors", "mentees", "themes", "meetings", "log", "support", "training",
        "surveys", "privacy", "paperwork")}
    calendars = {audience: public_url(scheme, path) for audience, path in CALENDAR_FILES.items()}
    return {
        **base,
        "contact": scheme.contact,
        "sender": scheme.messages.sender or scheme.contact.name,
        "apply_url": scheme.messages.apply_url,
        "apply_by": apply_by,
        "first_meeting": plan[0].date if plan else None,
        "last_meeting": plan[-1].date if plan else None,
        "sessions": list(scheme.training.sessions),
        "surveys": {w.stage: w for w in base["windows"]},
        "celebration": phase_of_kind(phases, "celebration"),
        "closing": phase_of_kind(phases, "closing"),
        "pages": pages,
        "calendars": calendars,
    }


def render_messages(loaded: Loaded, tr: Translator, base: dict[str, Any],
                    bytecode: jinja2.BytecodeCache | None = None) -> list[Message]:
    """Every message that applies to this scheme; located errors for any left unfilled.

    ``base`` is the handbook's template context (plan, phases, survey windows, roles).
    """
    scheme = loaded.scheme
    context = message_context(scheme, base)
    env = make_environment(loaded.root, MESSAGES_DIR, html=False, allow_html=True,
                           globals_=context, translator=tr, bytecode_cache=bytecode)
    messages: list[Message] = []
    problems: list[Problem] = []
    # Braces a coordinator typed into scheme.yml are their text, not a gap.
    scheme_texts = sorted({t for t in _strings(scheme.model_dump()) if unfilled(t)},
                          key=len, reverse=True)
    for key, audience in MESSAGES:
        if key.startswith("survey-") and key[len("survey-"):] not in context["surveys"]:
            continue
        if key == "celebration" and not scheme.reflection.celebration_minutes:
            continue
        if key == "log-reminder":
            writers = base["writers"]  # only those who keep a log are reminded of it
            if not writers:
                continue
            audience = "both" if len(writers) == 2 else writers[0]
        name = f"{key}.txt"
        try:
            text = render_template(env, name, {})
        except TemplateError as exc:
            problems.extend(exc.problems)
            continue
        subject, _, body = text.strip().partition("\n")
        subject = subject.removeprefix("Subject:").strip()
        body = re.sub(r"\n{3,}", "\n\n", body.strip())
        # Translators: the label of an email's subject line, as in "Subject: ..."
        message = Message(key, audience, subject, body, tr.gettext("Subject"))
        left = unfilled(_without(message.text(), scheme_texts))
        if left:
            problems.append(Problem(Location(f"{MESSAGES_DIR}/{name}"),
                                    f"message '{key}' still holds {', '.join(sorted(set(left)))}",
                                    "fill it from the scheme or use a documented merge field"))
        messages.append(message)
    if problems:
        raise TemplateError(problems)
    return messages
