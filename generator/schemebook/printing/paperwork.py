"""Printable survey forms and evaluation paperwork, through the PDF engineer's API.

Three PDFs, beside the packs in downloads/: the surveys for mentors and for
mentees (fillable radio buttons and answer boxes, blank when printed) and
the paperwork (closing interview guide with note boxes, and for research
schemes the information sheet and a fillable consent form; the privacy
notice for every scheme). Templates are ``templates/print/surveys.html``
and ``paperwork.html``, the project's own folder first, in the same
sandboxed, autoescaping environment as the packs; their own styles are
``templates/print/forms.css``, added by ``_forms_layout.html``.
"""

from __future__ import annotations

from ..context.template import Edition
from ..core.errors import Report, TemplateError
from ..pdf.workers import Renderer
from ..render import Environment, render_template
from .packs import BuiltPdf, PrintJob, collect_built, pdf_request
from .style import keep_words_whole

FILES = {
    "surveys-mentors": "surveys-mentors.pdf",
    "surveys-mentees": "surveys-mentees.pdf",
    "paperwork": "paperwork.pdf",
}
"""File name of each printable under downloads/."""


def _wanted(edition: Edition) -> list[tuple[str, str, str, str, dict[str, object]]]:
    """Key, template, title, description and settings of each form document."""
    context, _ = edition.context, edition.tr.gettext
    wanted: list[tuple[str, str, str, str, dict[str, object]]] = []
    for audience in ("mentors", "mentees"):
        people = context[audience]
        if any(s.for_audience(audience) for s in context["instruments"].surveys):
            wanted.append((
                f"surveys-{audience}", "surveys.html",
                _("Surveys for %(people)s", people=people.lower()),
                _("The survey forms for %(people)s, to print or fill in on screen.",
                  people=people.lower()),
                {"audience": audience, "people": people}))
    wanted.append((
        "paperwork", "paperwork.html",
        _("Evaluation paperwork"),
        _("Information sheet, consent form, closing interview guide and privacy notice.")
        if edition.scheme.evaluation.research else
        _("Closing interview guide and privacy notice."),
        {}))
    return wanted


def paperwork_documents(edition: Edition, env: Environment) -> list[PrintJob]:
    """The survey forms and the paperwork, rendered to HTML in memory, in the packs'
    environment so they share its layout, style and fonts."""
    jobs, problems = [], []
    for key, template, title, description, extra in _wanted(edition):
        pack = {"key": key, "title": title, **extra}
        try:
            html = render_template(env, template, {"pack": pack})
        except TemplateError as exc:
            problems.extend(exc.problems)
            continue
        html = keep_words_whole(html, edition.scheme.brand.font)
        jobs.append(PrintJob(key, FILES[key], title, description, html, forms=True,
                             public=True, template=template))
    if problems:
        raise TemplateError(problems)
    return jobs


def render_paperwork(edition: Edition, env: Environment, renderer: Renderer,
                     report: Report) -> list[BuiltPdf]:
    """Every survey form and paperwork PDF as bytes, in the PDF workers; nothing written."""
    jobs = paperwork_documents(edition, env)
    results = renderer.render_all([pdf_request(edition, job) for job in jobs])
    return collect_built(edition, jobs, results, report)
