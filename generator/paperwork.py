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

import datetime as dt

from .cache import PdfCache, cache_root
from .errors import Location, Problem, Report, TemplateError
from .i18n import Translator
from .packs import PRINT_DIR, BuiltPdf, PrintJob, pdf_request, print_environment
from .printstyle import keep_words_whole
from .render import render_template
from .validate import Loaded
from .workers import RenderFailed, render_all

FILES = {
    "surveys-mentors": "surveys-mentors.pdf",
    "surveys-mentees": "surveys-mentees.pdf",
    "paperwork": "paperwork.pdf",
}
"""File name of each printable under downloads/."""


def paperwork_documents(loaded: Loaded, stamp: dt.date, report: Report) -> list[PrintJob]:
    """The survey forms and the paperwork, rendered to HTML in memory."""
    scheme = loaded.scheme
    tr = Translator.for_language(scheme.language)
    _ = tr.gettext
    # The packs' environment, so these forms share their layout, style and fonts;
    # its style warnings are the packs' own, already reported.
    env = print_environment(loaded, stamp, Report())
    context = env.globals
    instruments = context["instruments"]
    wanted: list[tuple[str, str, str, str, dict[str, object]]] = []
    for audience in ("mentors", "mentees"):
        people = context[audience]
        if any(s.for_audience(audience) for s in instruments.surveys):
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
        if scheme.evaluation.research else
        _("Closing interview guide and privacy notice."),
        {}))
    jobs, problems = [], []
    for key, template, title, description, extra in wanted:
        pack = {"key": key, "title": title, **extra}
        try:
            html = render_template(env, template, {"pack": pack})
        except TemplateError as exc:
            problems.extend(exc.problems)
            continue
        html = keep_words_whole(html, scheme.brand.font)
        jobs.append(PrintJob(key, FILES[key], title, description, html, forms=True,
                             public=True, template=template))
    if problems:
        raise TemplateError(problems)
    return jobs


def render_paperwork(loaded: Loaded, report: Report, stamp: dt.date) -> list[BuiltPdf]:
    """Every survey form and paperwork PDF as bytes, in the PDF workers; nothing written."""
    jobs = paperwork_documents(loaded, stamp, report)
    results = render_all([pdf_request(loaded, job, stamp) for job in jobs],
                         cache=PdfCache(cache_root(loaded.root)))
    built, problems = [], []
    for job, result in zip(jobs, results, strict=True):
        if isinstance(result, RenderFailed):
            problems.append(Problem(Location(f"{PRINT_DIR}/{job.template}"),
                                    f"{job.title}: {result}"))
            continue
        for message in result.warnings:
            report.warn(Location(str(loaded.document.path)), f"{job.title}: {message}")
        built.append(BuiltPdf(job, result))
    if problems:
        raise TemplateError(problems)
    return built
