"""``schemebook report``: survey exports in, a private report out (HTML, PDF, CSV).

Every file is read and every figure computed before anything is written;
a bad cell anywhere stops the run with every problem located. The report
goes to private/report/ beside scheme.yml (owner-only files, refused inside
anything the site publishes). ``--publish`` also writes an aggregate page
into content/, but only when none of its figures needed suppression.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..context.template import Edition
from ..core.disk import mark, replace_folder, write_atomic, write_private
from ..core.errors import Location, OutputError, Problem, Report, TemplateError
from ..core.fonts import FONTS_CSS, fonts_css
from ..core.options import Options
from ..core.paths import FONTS
from ..pdf.types import PdfResult, RenderRequest
from ..pdf.workers import Pool, Renderer
from ..plan.facts import role_words
from ..plan.instruments import survey_titles
from ..printing.environment import PRINT_DIR, print_environment
from ..render import layered_dirs, render_template
from ..results.analysis import Analysis, analyse
from ..results.key import Key, build_key
from ..results.publish import FIRST_LINE, PAGE, page_markdown, summary_problems
from ..results.report import ReportView, build_view
from ..results.responses import read_responses
from ..results.tables import table_csv
from .build import load_editions
from .private import private_folder

OWNED = ".schemebook-report"
"""Marker of the report folder: schemebook replaces only a folder that carries it."""


@dataclass
class ReportResult:
    """What ``schemebook report`` wrote."""

    out: Path
    files: list[Path]
    published: Path | None
    warnings: list[Problem] = field(default_factory=list)


def parse_files(arguments: list[str]) -> list[tuple[Path, str | None]]:
    """``FILE`` or ``WAVE=FILE`` for each argument."""
    found: list[tuple[Path, str | None]] = []
    for argument in arguments:
        wave, sep, path = argument.partition("=")
        found.append((Path(path), wave) if sep and not Path(argument).exists()
                     else (Path(argument), None))
    return found


def _key(editions: list[Edition]) -> Key:
    return build_key([(e.context["instruments"], e.tr, role_words(e.scheme)) for e in editions])


def _view(edition: Edition, analysis: Analysis, key: Key) -> ReportView:
    scheme, tr = edition.scheme, edition.tr
    words = role_words(scheme)
    return build_view(analysis, key, tr, survey_titles(tr),
                      {"mentors": words["mentors"], "mentees": words["mentees"]},
                      (scheme.brand.primary, scheme.brand.accent),
                      scheme.evaluation.score_min_items)


def _html(edition: Edition, view: ReportView, report: Report) -> tuple[str, str, str]:
    """The title, the HTML page and the HTML the PDF is made from."""
    env = print_environment(edition, report)
    title = edition.tr.gettext("Evaluation report")
    pack = {"key": "report", "title": title}
    screen = render_template(env, "report.html", {
        "pack": pack, "view": view, "screen": True,
        "stylesheets": ["assets/fonts/fonts.css"]})
    printed = render_template(env, "report.html", {"pack": pack, "view": view, "screen": False})
    return title, screen, printed


def _pdf(edition: Edition, html: str, options: Options) -> bytes:
    root = edition.root
    request = RenderRequest("report.pdf", html, root,
                            (root, FONTS, *layered_dirs(root, PRINT_DIR)), tagged=True,
                            created=edition.stamp)
    with Pool(1) as pool:
        [result] = Renderer(pool, None, options).render_all([request])
    if not isinstance(result, PdfResult):
        raise TemplateError([Problem(Location(f"{PRINT_DIR}/report.html"),
                                     f"the report PDF failed: {result}")])
    return result.data


def report(scheme_path: Path, arguments: list[str], out: Path | None = None,
           publish: bool = False, options: Options | None = None) -> ReportResult:
    """Read every export, compute every figure, then write the report."""
    options = options or Options()
    problems = Report()
    editions = load_editions(scheme_path, options, problems)
    main = editions[0]
    key = _key(editions)
    if not arguments:
        raise OutputError([Problem(Location(str(scheme_path)), "no survey export given",
                                   "schemebook report pre.csv post.xlsx ...")])
    responses = read_responses(parse_files(arguments), key)
    evaluation = main.scheme.evaluation
    analysis = analyse(responses, key, evaluation.min_group, evaluation.score_min_items,
                       evaluation.design == "retrospective", evaluation.report_free_text,
                       main.tr)
    view = _view(main, analysis, key)
    title, screen, printed = _html(main, view, problems)
    files = {"report.html": screen.encode("utf-8"), "report.pdf": _pdf(main, printed, options),
             "figures.csv": table_csv(analysis.table)}
    root = main.root.resolve()
    target = private_folder(out or root / "private" / "report", root, "the evaluation report")
    if target.is_dir() and any(target.iterdir()) and not (target / OWNED).exists():
        raise OutputError([Problem(Location(str(target)),
                                   "this folder has files schemebook did not create",
                                   "move them, or choose another --out")])
    written = _write(target, files)
    page = _publish(main, analysis, view, title, problems) if publish else None
    return ReportResult(target, written, page, problems.warnings)


def _write(target: Path, files: dict[str, bytes]) -> list[Path]:
    """The report folder, staged beside the old one and swapped in whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".report-", dir=target.parent) as staging:
        stage = Path(staging) / "report"
        mark(stage, OWNED, "Written by schemebook report. Private: do not publish.\n")
        for name, data in files.items():
            write_private(stage / name, data)
        fonts = stage / "assets" / "fonts"
        fonts.mkdir(parents=True)
        for font in FONTS.iterdir():
            if font.suffix in (".woff2", ".txt"):
                shutil.copyfile(font, fonts / font.name)
        (fonts / FONTS_CSS.name).write_bytes(fonts_css())
        replace_folder(stage, target)
    return sorted(target / name for name in files)


def _publish(edition: Edition, analysis: Analysis, view: ReportView, title: str,
             report: Report) -> Path | None:
    """content/evaluation-results.md, when nothing on it needed suppression."""
    suppressed = summary_problems(analysis.table)
    target = edition.root / "content" / PAGE
    where = Location(str(target))
    if suppressed:
        report.warn(where, f"not published: {len(suppressed)} figures of the summary rest on "
                    "too few people", "the private report shows them as withheld")
        return None
    if target.exists() and not target.read_text(encoding="utf-8").startswith(FIRST_LINE):
        raise OutputError([Problem(where, "content/ already has a page of this name that "
                                   "schemebook did not write", "rename or move it")])
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, page_markdown(view, title, edition.tr).encode("utf-8"))
    return target
