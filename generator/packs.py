"""The printable packs: HTML from ``templates/print/``, then PDF, all in memory.

Each printable (three packs, the standalone log, the support card) is a Jinja
template rendered in a sandboxed, autoescaping environment over the
project's ``templates/print/`` and then the built-in one. A pack is a list of
sections, each its own template ``sections/NAME.html``; the contents page
is made from the headings the sections actually rendered, so an overridden
or added section is listed under its own title.

Nothing is written until every PDF rendered: :func:`render_packs` returns
bytes, and :func:`build_packs` (``schemebook packs``) writes them, every
language's, only then, each file by a rename so that none is ever half-written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .cache import PdfCache, cache_root
from .context import Download, build_context
from .errors import Location, Problem, Report, TemplateError
from .i18n import Translator
from .packfiles import PackFolders, write_packs
from .printstyle import FONTS, check_logo, keep_words_whole, print_style, qr_data_uri
from .render import BUILTIN, layered_dirs, make_environment, render_template
from .validate import Loaded, load_scheme, load_translations
from .workers import PdfResult, RenderFailed, RenderRequest, render_all

PRINT_DIR = "templates/print"

FILES = {
    "mentor": "mentor-pack.pdf",
    "mentee": "mentee-pack.pdf",
    "coordinator": "coordinator-pack.pdf",
    "log": "reflective-log.pdf",
    "card": "support-card.pdf",
}
"""File name of each printable under downloads/."""

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class LogField:
    """One fillable box of a reflective log."""

    name: str
    """Form field name, unique in the document, e.g. ``log2_feelings``."""
    label: str
    """Visible label; also the field's tooltip."""
    prompts: tuple[str, ...] = ()
    multiline: bool = False
    value: str = ""


@dataclass(frozen=True)
class LogSheet:
    """The log for one meeting."""

    number: int
    date: dt.date | None
    theme: str
    details: tuple[LogField, ...]
    stages: tuple[LogField, ...]
    actions: LogField


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


def slug(text: str) -> str:
    """ASCII field-name part: 'So what?' -> 'so_what', 'Teimladau' -> 'teimladau'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def log_sheets(context: dict[str, Any], tr: Translator) -> list[LogSheet]:
    """One log per planned meeting, with unique, meaningful field names."""
    _ = tr.gettext
    sheets = []
    for meeting in context["plan"]:
        used: set[str] = set()

        def unique(base: str, fallback: str, prefix: str = f"log{meeting.number}_",
                   used: set[str] = used) -> str:
            name = prefix + (base or fallback)
            candidate, n = name, 2
            while candidate in used:
                candidate, n = f"{name}_{n}", n + 1
            used.add(candidate)
            return candidate

        details = (
            LogField(unique("meeting", ""), _("Meeting number"), value=str(meeting.number)),
            LogField(unique("date", ""), _("Date")),
            LogField(unique("partner", ""), _("Partner's name")),
        )
        stages = tuple(
            LogField(unique(slug(stage.name), f"stage{i}"), stage.name, tuple(stage.prompts),
                     multiline=True)
            for i, stage in enumerate(context["stages"], start=1)
        )
        actions = LogField(unique("actions", ""), _("Action points"),
                           (_("What will I do, and by when?"),), multiline=True)
        sheets.append(LogSheet(meeting.number, meeting.date, meeting.theme,
                               details, stages, actions))
    return sheets


def _titles(tr: Translator, context: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Title and download description of each printable."""
    _ = tr.gettext
    count = len(context["plan"])
    return {
        "mentor": (_("%(role)s pack", role=context["mentor"]),
                   _("For %(people)s: the scheme, your role, themes, meetings, support "
                     "and a fillable log for each meeting.", people=context["mentors"].lower())),
        "mentee": (_("%(role)s pack", role=context["mentee"]),
                   _("For %(people)s: the scheme, your role, themes, meetings, support "
                     "and a fillable log for each meeting.", people=context["mentees"].lower())),
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


def _stylesheets(dirs: list[Path]) -> list[str]:
    """fonts.css, then the first print.css found, then any project extra.css."""
    sheets = [(FONTS / "fonts.css").as_uri()]
    for name in ("print.css", "extra.css"):
        for folder in dirs:
            if (folder / name).is_file():
                sheets.append((folder / name).resolve().as_uri())
                break
    return sheets


def _section_title(html: str, name: str) -> str:
    match = _H1.search(html)
    if not match:
        return name.replace("-", " ").replace("_", " ").capitalize()
    return " ".join(html_lib.unescape(_TAG.sub("", match.group(1))).split())


def pack_documents(loaded: Loaded, stamp: dt.date, report: Report,
                   compact_card: bool = False) -> list[PrintJob]:
    """Every printable the scheme asks for, rendered to HTML in memory."""
    env = print_environment(loaded, stamp, report, compact_card)
    jobs: list[PrintJob] = []
    problems: list[Problem] = []
    for key in FILES:
        try:
            job = print_job(env, loaded, key)
        except TemplateError as exc:
            problems.extend(exc.problems)
            continue
        if job is not None:
            jobs.append(job)
    if problems:
        raise TemplateError(problems)
    return jobs


def print_environment(loaded: Loaded, stamp: dt.date, report: Report,
                      compact_card: bool = False) -> Any:
    """The print templates' Jinja environment; its globals are the print context.

    Built once and reused for every printable (and every personalised pack),
    because compiling the templates costs more than rendering them.
    """
    scheme, root = loaded.scheme, loaded.root
    tr = Translator.for_language(scheme.language)
    context = build_context(loaded)
    dirs = layered_dirs(root, PRINT_DIR)
    style, style_problems = print_style(loaded)
    report.warnings.extend(style_problems)
    logo, logo_problems = check_logo(loaded)
    report.warnings.extend(logo_problems)
    site_url = scheme.site_url.strip()
    context.update(
        style=style, stylesheets=_stylesheets(dirs), logo=logo, stamp=stamp,
        qr=qr_data_uri(site_url, scheme.brand.primary),
        card_qr=qr_data_uri(site_url.rstrip("/") + "/support.html" if site_url else "",
                            scheme.brand.primary),
        card_url=site_url.rstrip("/") + "/support.html" if site_url else "",
        logs=log_sheets(context, tr), compact=compact_card,
        participant=None,  # set for each participant by personal.py
    )
    return make_environment(dirs, html=True, allow_html=scheme.site.raw_html,
                            globals_=context, translator=tr)


def print_job(env: Any, loaded: Loaded, key: str) -> PrintJob | None:
    """The printable ``key`` (a FILES key) as HTML, or None when the scheme leaves it out."""
    scheme = loaded.scheme
    context = env.globals
    tr = Translator.for_language(scheme.language)
    titles = _titles(tr, context)
    filename = FILES[key]
    chosen = getattr(scheme.packs, key)
    if not chosen.build:
        return None
    title, description = titles[key]
    role = scheme.roles.mentor if key == "mentor" else (
        scheme.roles.mentee if key == "mentee" else None)
    pack = {
        "key": key, "title": title, "role": role, "fillable": chosen.fillable,
        "audience": {"mentor": context["mentors"].lower(),
                     "mentee": context["mentees"].lower()}.get(key, tr.gettext("coordinators")),
        "faq_audiences": {"mentor": ("all", "mentors"), "mentee": ("all", "mentees")}.get(
            key, ("all", "mentors", "mentees", "coordinators")),
        "training_audiences": {"mentor": ("mentors", "both"),
                               "mentee": ("mentees", "both")}.get(
            key, ("mentors", "mentees", "both", "coordinators")),
        "with_logs": key in ("mentor", "mentee"),
    }
    template = f"{key}.html" if key in ("log", "card") else "pack.html"
    sections = []
    if template == "pack.html":
        sections = _render_sections(env, loaded, key, chosen.chosen(), pack)
    html = render_template(env, template, {"pack": pack, "sections": sections})
    html = keep_words_whole(html, scheme.brand.font)
    public = key != "coordinator" or scheme.site.coordinator_section
    return PrintJob(key, filename, title, description, html,
                    forms=chosen.fillable and key != "card", public=public,
                    template=template)


def _render_sections(env: Any, loaded: Loaded, key: str, names: list[str],
                     pack: dict[str, Any]) -> list[dict[str, Any]]:
    sections, problems = [], []
    for i, name in enumerate(names):
        template = f"sections/{name}.html"
        try:
            env.get_template(template)
        except jinja2.TemplateNotFound:
            where = loaded.document.locate(("packs", key, "sections", i))
            problems.append(Problem(where, f"packs.{key}: no template for section '{name}'",
                                    f"add {PRINT_DIR}/{template} to the project, or use one "
                                    "of the built-in sections"))
            continue
        except jinja2.TemplateSyntaxError:
            pass  # render_template reports it with its file and line
        html = render_template(env, template, {"pack": pack, "section_id": f"sec-{name}"})
        if html.strip():
            sections.append({"name": name, "id": f"sec-{name}", "html": Markup(html),
                             "title": _section_title(html, name)})
    if problems:
        raise TemplateError(problems)
    return sections


def render_packs(loaded: Loaded, report: Report, stamp: dt.date) -> list[BuiltPdf]:
    """Render every printable to PDF bytes in the workers; errors collected, nothing written.

    A PDF whose HTML and fetched files are unchanged comes from the cache.
    """
    jobs = pack_documents(loaded, stamp, report)
    pdf_cache = PdfCache(cache_root(loaded.root))
    requests = [pdf_request(loaded, job, stamp) for job in jobs]
    # The compact card is rendered alongside, not after: when the card runs
    # over a page it is needed, and waiting for it would leave a worker idle.
    compact = print_job(print_environment(loaded, stamp, Report(), True), loaded, "card")
    if compact is not None:
        requests.append(dataclasses.replace(pdf_request(loaded, compact, stamp),
                                            name=f"{compact.filename} (compact)"))
    results = render_all(requests, cache=pdf_cache)
    built: list[BuiltPdf] = []
    problems: list[Problem] = []
    for job, result in zip(jobs, results, strict=False):
        if job.key == "card" and isinstance(result, PdfResult) and result.pages > 1:
            result = results[-1]
            if isinstance(result, PdfResult) and result.pages > 1:
                report.warn(loaded.document.locate(("support",)),
                            f"the support card runs to {result.pages} pages even in "
                            "its compact two-column layout", "shorten support.escalation "
                            "or support.contacts, or set 'on_card: false' on services "
                            "nobody needs in a hurry")
        if isinstance(result, RenderFailed):
            problems.append(Problem(Location(f"{PRINT_DIR}/{job.template}"),
                                    f"{job.title}: {result}"))
            continue
        for message in result.warnings:
            report.warn(_locate_warning(loaded, message), f"{job.title}: {message}")
        built.append(BuiltPdf(job, result))
    pdf_cache.prune()
    if problems:
        raise TemplateError(problems)
    return built


def pdf_request(loaded: Loaded, job: PrintJob, stamp: dt.date) -> RenderRequest:
    """What a worker needs to render ``job``: its HTML and the folders it may read."""
    roots = (loaded.root, FONTS, *layered_dirs(loaded.root, PRINT_DIR), BUILTIN / "assets")
    return RenderRequest(job.filename, job.html, loaded.root, tuple(roots),
                         forms=job.forms, tagged=True, created=stamp)


def _locate_warning(loaded: Loaded, message: str) -> Location:
    brand = loaded.scheme.brand
    for key in ("logo", "font", "heading_font"):
        value = getattr(brand, key)
        if value and value in message:
            return loaded.document.locate(("brand", key))
    return Location(str(loaded.document.path))


def human_size(size: int, tr: Translator) -> str:
    """'312 KB' or '1.2 MB' in the scheme's number format."""
    if size < 1024 * 1024:
        return f"{tr.number(max(1, round(size / 1024)))} KB"
    return f"{tr.number(round(size / 1024 / 1024, 1))} MB"


def downloads(built: list[BuiltPdf], tr: Translator, public_only: bool = True) -> list[Download]:
    """Download entries for the site pages, in the order the packs were built."""
    return [
        Download(b.job.title, f"downloads/{b.job.filename}", b.job.description,
                 human_size(len(b.pdf.data), tr), b.pdf.pages)
        for b in built if b.job.public or not public_only
    ]


@dataclass
class PacksResult:
    """What ``schemebook packs`` wrote."""

    out: Path
    """The main language's folder."""
    built: list[tuple[str, BuiltPdf]]
    """Each PDF with its language: '' for the main one, else the folder's code."""
    warnings: list[Problem] = field(default_factory=list)


def build_packs(scheme_path: Path, out: Path | None = None) -> PacksResult:
    """Render every printable in every language of the scheme, then write them all
    (see :mod:`.packfiles` for where)."""
    from .build import build_date

    loaded = load_scheme(scheme_path)
    report = Report(warnings=list(loaded.warnings))
    languages = [("", loaded), *load_translations(scheme_path, loaded, report)]
    built = [(code, item) for code, each in languages
             for item in render_packs(each, report, build_date(each))]
    report.raise_if_errors(TemplateError)
    folders = PackFolders(loaded.root, out)
    write_packs(folders, built)
    return PacksResult(folders.public(""), built, report.warnings)
