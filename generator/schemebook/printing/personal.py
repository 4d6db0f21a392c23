"""Personalised packs and certificates: the HTML of each participant's PDFs.

Each participant gets their role's pack with both partners' names on the
cover, in the running head and on every log, and their pair's own meeting
dates (the scheme's cadence and closures from the pair's first meeting).
Names are page text, never form-field values: WeasyPrint embeds a field's
font whole and a small Latin field font would not cover every script. In a
scheme with several languages each person's pack and certificate is in the
language the roster gives them. Writing the files is
:mod:`schemebook.commands.personalise`'s job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..context.template import Edition
from ..core.errors import Problem, TemplateError
from ..core.text import slug
from ..pdf.types import RenderRequest
from ..people.roster import Pair
from ..plan.schedule import PlannedMeeting, meeting_plan, pauses, plan_rows
from ..render import Environment, render_template
from ..scheme.models import Scheme
from .logs import log_sheets
from .packs import PrintJob, pdf_request, print_job

ROLES = ("mentor", "mentee")


@dataclass(frozen=True)
class PersonalDoc:
    """One participant's PDF to render: where it goes and what it is."""

    folder: str
    """'packs' or 'certificates'."""
    filename: str
    role: str
    pair: Pair
    request: RenderRequest


def pair_plan(scheme: Scheme, pair: Pair) -> list[PlannedMeeting]:
    """The pair's meetings: the scheme's cadence and closures from their first meeting."""
    if pair.first_meeting is None:
        return meeting_plan(scheme)
    meetings = scheme.meetings.model_copy(update={"start": pair.first_meeting})
    return meeting_plan(scheme.model_copy(update={"meetings": meetings}))


def file_stem(pair: Pair, role: str, name: str) -> str:
    """'P07-mentor-gwenllian-ap-rhys'; names in other scripts keep only the pair and role."""
    named = slug(name, ascii_only=True)[:40].strip("-")
    return f"{pair.pair_id}-{role}" + (f"-{named}" if named else "")


def _participant(edition: Edition, pair: Pair, role: str) -> dict[str, str]:
    other = "mentee" if role == "mentor" else "mentor"
    context = edition.context
    return {"name": getattr(pair, role), "role": role, "role_label": context[role],
            "partner": getattr(pair, other), "partner_label": context[other],
            "mentor": pair.mentor, "mentee": pair.mentee, "pair": pair.pair_id}


def personal_globals(edition: Edition, env: Environment, pair: Pair, role: str) -> None:
    """Set what the print templates know of one person: their plan, names and logs."""
    plan = pair_plan(edition.scheme, pair)  # theme titles are in the person's language
    breaks = pauses(edition.scheme.meetings, plan)
    env.globals.update(plan=plan, pauses=breaks, plan_rows=plan_rows(plan, breaks),
                       participant=_participant(edition, pair, role),
                       logs=log_sheets(plan, edition.context["stages"], edition.tr,
                                       partner_box=False))


def _person(edition: Edition, env: Environment, pair: Pair, role: str) -> list[PersonalDoc]:
    """The pack (when the scheme builds that role's pack) and the certificate of one person."""
    personal_globals(edition, env, pair, role)
    stem = file_stem(pair, role, getattr(pair, role))
    docs = []
    job = print_job(env, edition, role)
    if job is not None:
        docs.append(PersonalDoc("packs", f"{stem}.pdf", role, pair,
                                pdf_request(edition, job, f"{stem}.pdf")))
    html = render_template(env, "certificate.html", {"pack": {"key": "certificate"}})
    certificate = PrintJob("certificate", "certificate.pdf", "", "", html, forms=False,
                           public=False, template="certificate.html")
    name = f"{stem}-certificate.pdf"
    docs.append(PersonalDoc("certificates", name, role, pair,
                            pdf_request(edition, certificate, name)))
    return docs


def personal_documents(languages: Mapping[str, tuple[Edition, Environment]],
                       pairs: list[Pair]) -> Iterator[PersonalDoc]:
    """Every pack and certificate of ``pairs``, each in its person's language
    (``languages``: code -> edition and print environment; '' is the main one),
    made as the workers ask for them so rendering starts with the first pair."""
    try:
        for pair in pairs:
            problems: list[Problem] = []
            for role in ROLES:
                edition, env = languages[getattr(pair, f"{role}_language")]
                try:
                    yield from _person(edition, env, pair, role)
                except TemplateError as exc:
                    problems.extend(exc.problems)
            if problems:  # the same template error would repeat for every pair
                raise TemplateError(problems)
    finally:
        for edition, env in languages.values():
            reset_globals(edition, env)


def reset_globals(edition: Edition, env: Environment) -> None:
    """Back to the scheme's own plan, pauses, logs and no participant."""
    env.globals.update(plan=edition.context["plan"], pauses=edition.context["pauses"],
                       plan_rows=edition.context["plan_rows"], participant=None,
                       logs=log_sheets(edition.context["plan"], edition.context["stages"],
                                       edition.tr))
