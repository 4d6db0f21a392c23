"""The printable packs: HTML from ``templates/print/``, then PDF, all in memory.

Each printable (three packs, the standalone log, the support card) is a Jinja
template rendered in the print environment (:mod:`.environment`). A pack is
a list of sections, each its own template ``sections/NAME.html``; the
contents page is made from the headings the sections actually rendered, so
an overridden or added section is listed under its own title.

Nothing is written here: :func:`render_packs` returns PDF bytes, and the
commands write them only once everything rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from ..context.template import Download, Edition
from ..core.errors import Location, Problem, Report, TemplateError
from ..core.i18n import Translator
from ..core.memo import Memo
from ..core.paths import FONTS, builtin
from ..core.text import html_words, human_size, in_sentence, sentence_start
from ..pdf.types import PdfResult, RenderFailed, RenderRequest, Tails
from ..pdf.workers import Renderer
from ..render import Environment, layered_dirs, render_template
from .environment import PRINT_DIR
from .style import keep_codes_whole, keep_words_whole, spaces_into_inline, with_emoji_font
from .tables import fit_table_columns

PRINTABLES = {
    "mentor": ("mentor-pack.pdf", "pack.html"),
    "mentee": ("mentee-pack.pdf", "pack.html"),
    "coordinator": ("coordinator-pack.pdf", "pack.html"),
    "log": ("reflective-log.pdf", "log.html"),
    "card": ("support-card.pdf", "card.html"),
}
"""Each printable's file name under downloads/, and the template under templates/print/
that it starts from."""

TAILS = Tails("section", 8, 11 * 1.45)
"""No section of a pack ends on a page of fewer than eight lines of body text
(11 pt, line-height 1.45 in print.css): the workers balance it with the page before."""

_ENTRY = re.compile(r"<(h[2-6])\b([^>]*\bdata-contents\b[^>]*)>(.*?)</\1>",
                    re.DOTALL | re.IGNORECASE)
"""A heading a section lists under its own title on the contents page (each log's)."""
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


@dataclass(frozen=True)
class PrintJob:
    """A printable rendered to HTML, ready for WeasyPrint."""

    key: str
    filename: str
    title: str
    description: str
    html: str
    forms: bool
    public: bool
    template: str


@dataclass(frozen=True)
class BuiltPdf:
    """A printable rendered to PDF."""

    job: PrintJob
    pdf: PdfResult


def _titles(tr: Translator, context: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Title and download description of each printable."""
    _ = tr.gettext
    count = len(context["plan"])
    return {
        "mentor": (sentence_start(_("%(role)s pack", role=in_sentence(context["mentor"]))),
                   _pack_description(tr, context, "mentors")),
        "mentee": (sentence_start(_("%(role)s pack", role=in_sentence(context["mentee"]))),
                   _pack_description(tr, context, "mentees")),
        "coordinator": (_("Coordinator pack"),
                        _("The whole plan: timeline and checklists, pairing, support, "
                          "contingency, time asked, facilitator plans and evaluation.")),
        "log": (_("Reflective log"),
                tr.ngettext("One fillable log to fill in after the meeting.",
                            "%(num)d fillable logs, one to fill in after each meeting.",
                            count)),
        "card": (_("Support quick-reference card"),
                 _("One page: who to contact, in which order, and when.")),
    }


def _pack_description(tr: Translator, context: dict[str, Any], role: str) -> str:
    """What a participant's pack holds: blank logs only for a role that keeps them."""
    people = in_sentence(context[role])
    if role in context["writers"]:
        return tr.gettext("For %(people)s: the scheme, your role, themes, meetings, support "
                          "and a fillable log for each meeting.", people=people)
    return tr.gettext("For %(people)s: the scheme, your role, themes, meetings and support.",
                      people=people)


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL | re.IGNORECASE)


def _section_title(html: str, name: str) -> str:
    match = _H1.search(html)
    if not match:
        return name.replace("-", " ").replace("_", " ").capitalize()
    return _text(match.group(1))


def _entries(html: str) -> list[dict[str, str]]:
    """The headings marked ``data-contents`` (with an id) in a section, for the contents."""
    return [{"id": found.group(1), "title": _text(match.group(3))}
            for match in _ENTRY.finditer(html) if (found := _ID.search(match.group(2)))]


def _text(html: str) -> str:
    return " ".join(html_words(html).split())


def pack_documents(edition: Edition, env: Environment) -> list[PrintJob]:
    """Every printable the scheme asks for, rendered to HTML in memory."""
    jobs: list[PrintJob] = []
    problems: list[Problem] = []
    for key in PRINTABLES:
        try:
            job = print_job(env, edition, key)
        except TemplateError as exc:
            problems.extend(exc.problems)
            continue
        if job is not None:
            jobs.append(job)
    if problems:
        raise TemplateError(problems)
    return jobs


def _pack_settings(edition: Edition, key: str, fillable: bool) -> dict[str, Any]:
    """What a pack template learns about the pack it renders."""
    context, tr = edition.context, edition.tr
    roles = edition.scheme.roles
    audiences = ("all", "mentors", "mentees", "coordinators")
    return {
        "key": key, "title": _titles(tr, context)[key][0], "fillable": fillable,
        "role": roles.mentor if key == "mentor" else roles.mentee if key == "mentee" else None,
        "audience": {"mentor": context["mentors"].lower(),
                     "mentee": context["mentees"].lower()}.get(key, tr.gettext("coordinators")),
        "faq_audiences": {"mentor": ("all", "mentors"),
                          "mentee": ("all", "mentees")}.get(key, audiences),
        "training_audiences": {"mentor": ("mentors", "both"),
                               "mentee": ("mentees", "both")}.get(
            key, ("mentors", "mentees", "both", "coordinators")),
        "with_logs": f"{key}s" in context["writers"],
    }


def print_job(env: Environment, edition: Edition, key: str, compact: bool = False,
              layout: dict[str, Any] | None = None) -> PrintJob | None:
    """The printable ``key`` (a PRINTABLES key) as HTML, or None when the scheme leaves it out.

    ``compact``: the support card's two-column layout, for a card that runs over.
    ``layout``: globals set after the sections are rendered, for the cover, contents
    and running heads (a personalised pack's shared layout names nobody there).
    """
    scheme = edition.scheme
    chosen = getattr(scheme.packs, key)
    if not chosen.build or (key == "log" and not edition.context["writers"]):
        return None
    title, description = _titles(edition.tr, edition.context)[key]
    pack = _pack_settings(edition, key, chosen.fillable)
    filename, template = PRINTABLES[key]
    sections = []
    if template == "pack.html":
        sections = _render_sections(env, edition, key, chosen.chosen(), pack)
    env.globals.update(layout or {})
    html = render_template(env, template, {"pack": pack, "sections": sections,
                                           "compact": compact})
    html = keep_words_whole(html, scheme.brand.font)
    public = key != "coordinator" or scheme.site.coordinator_section
    return PrintJob(key, filename, title, description, html,
                    forms=chosen.fillable and key != "card", public=public,
                    template=template)


def _render_sections(env: Environment, edition: Edition, key: str, names: list[str],
                     pack: dict[str, Any]) -> list[dict[str, Any]]:
    sections, problems = [], []
    for i, name in enumerate(names):
        template = f"sections/{name}.html"
        try:
            env.get_template(template)
        except jinja2.TemplateNotFound:
            where = edition.loaded.document.locate(("packs", key, "sections", i))
            problems.append(Problem(where, f"packs.{key}: no template for section '{name}'",
                                    f"add {PRINT_DIR}/{template} to the project, or use one "
                                    "of the built-in sections"))
            continue
        except jinja2.TemplateSyntaxError:
            pass  # render_template reports it with its file and line
        html = render_template(env, template, {"pack": pack, "section_id": f"sec-{name}"})
        if html.strip():
            sections.append({"name": name, "id": f"sec-{name}", "html": Markup(html),
                             "title": _section_title(html, name), "entries": _entries(html)})
    if problems:
        raise TemplateError(problems)
    return sections


def finish_print_html(html: str) -> str:
    """A print document's HTML as WeasyPrint is given it: codes kept whole, table
    columns fitted, spaces kept inside inline boxes, emoji in their font."""
    return with_emoji_font(spaces_into_inline(fit_table_columns(keep_codes_whole(html))))


_FINISHED: Memo[str] = Memo(32)
"""Finished print HTML by the HTML it came from: under ``serve`` an edit to a web page
leaves every print document as it was, and finishing them was a sixth of a rebuild."""


def pdf_request(edition: Edition, job: PrintJob, name: str = "") -> RenderRequest:
    """What a worker needs to render ``job``: its HTML and the folders it may read."""
    root = edition.root
    roots = (root, FONTS, *layered_dirs(root, PRINT_DIR), builtin() / "assets")
    html = _FINISHED.of(job.html, finish_print_html)
    return RenderRequest(name or job.filename, html, root, tuple(roots),
                         forms=job.forms, tagged=True, created=edition.stamp,
                         tails=TAILS if job.template == "pack.html" else None)


def render_packs(edition: Edition, env: Environment, renderer: Renderer,
                 report: Report) -> list[BuiltPdf]:
    """Render every printable to PDF bytes in the workers; errors collected, nothing written.

    A PDF whose HTML and fetched files are unchanged comes from the cache.
    """
    jobs = pack_documents(edition, env)
    requests = [pdf_request(edition, job) for job in jobs]
    # The compact card is rendered alongside, not after: when the card runs
    # over a page it is needed, and waiting for it would leave a worker idle.
    compact = print_job(env, edition, "card", compact=True)
    if compact is not None:
        requests.append(pdf_request(edition, compact, f"{compact.filename} (compact)"))
    results = renderer.render_all(requests)
    if compact is not None:
        results = _choose_card(edition, jobs, results, report)
    return collect_built(edition, jobs, results, report)


def _choose_card(edition: Edition, jobs: list[PrintJob],
                 results: list[PdfResult | RenderFailed],
                 report: Report) -> list[PdfResult | RenderFailed]:
    """The full card while it fits on a page, else the compact one (with a warning
    when even that runs over)."""
    chosen, compact = list(results[:-1]), results[-1]
    for i, job in enumerate(jobs):
        full = chosen[i]
        if job.key != "card" or not isinstance(full, PdfResult) or full.pages <= 1:
            continue
        chosen[i] = compact
        if isinstance(compact, PdfResult) and compact.pages > 1:
            over = sum(compact.lines[1:])
            report.warn(edition.loaded.document.locate(("support",)),
                        f"the support card runs to {compact.pages} pages even in "
                        f"its compact two-column layout: {over} lines of it do not fit "
                        "on the first", "shorten support.escalation, support.contacts "
                        "or the first paragraphs and list of support.limits, or set "
                        "'on_card: false' on services nobody needs in a hurry")
    return chosen


def collect_built(edition: Edition, jobs: list[PrintJob],
                  results: list[PdfResult | RenderFailed], report: Report) -> list[BuiltPdf]:
    """Pair each job with its PDF; WeasyPrint's warnings located, failures raised together."""
    built: list[BuiltPdf] = []
    problems: list[Problem] = []
    for job, result in zip(jobs, results, strict=True):
        if isinstance(result, RenderFailed):
            problems.append(Problem(Location(f"{PRINT_DIR}/{job.template}"),
                                    f"{job.title}: {result}"))
            continue
        for message in result.warnings:
            report.warn(_locate_warning(edition, message), f"{job.title}: {message}")
        built.append(BuiltPdf(job, result))
    if problems:
        raise TemplateError(problems)
    return built


_MISSING_GLYPH = re.compile(r"\(U\+([0-9A-F]{4,6})\)")
"""WeasyPrint's '.notdef glyph rendered for ... "X" (U+XXXX)'."""


def _locate_warning(edition: Edition, message: str) -> Location:
    """Where in scheme.yml a WeasyPrint warning comes from: the brand setting it
    names, or the first text holding the character no font could draw."""
    brand = edition.scheme.brand
    document = edition.loaded.document
    for key in ("logo", "font", "heading_font"):
        value = getattr(brand, key)
        if value and value in message:
            return document.locate(("brand", key))
    if (glyph := _MISSING_GLYPH.search(message)) and (
            where := document.find(chr(int(glyph.group(1), 16)))):
        return where
    return Location(str(document.path))


def downloads(built: list[BuiltPdf], tr: Translator, public_only: bool = True) -> list[Download]:
    """Download entries for the site pages, in the order the packs were built."""
    return [
        Download(b.job.title, f"downloads/{b.job.filename}", b.job.description,
                 human_size(len(b.pdf.data), tr), b.pdf.pages, b.pdf.pending)
        for b in built if b.job.public or not public_only
    ]
