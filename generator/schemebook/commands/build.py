"""``schemebook build``: read, build the context once, render everything, then write.

Every page and pack of every language is validated and rendered in memory
before a single file is written, and the output folder is replaced in one
step only when everything succeeded, so a failed build never costs the site
built before.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from ..context.template import Edition, build_edition
from ..core.disk import (
    MARKER,
    link_or_copy,
    mark,
    output_lock,
    refuse_unsafe_output,
    replace_folder,
    staging_prefix,
    writing,
)
from ..core.errors import Location, OutputError, Problem, Report, StrictError
from ..core.options import Options
from ..core.text import slug
from ..files.calendars import SequenceLock, lock_path, save_lock
from ..files.site_files import file_downloads, site_files
from ..incremental import fingerprint
from ..incremental.caches import (
    SiteCache,
    TemplateBytecode,
    caches_folder,
    damaged_warnings,
    pdf_cache,
    project_key,
)
from ..pdf.workers import Pool, Renderer
from ..plan.load import load_scheme, load_translations
from ..printing.environment import print_environment
from ..printing.packs import downloads, render_packs
from ..printing.paperwork import render_paperwork
from ..scheme.validate import Loaded, scheme_codes
from ..site import mkdocs, zensical
from ..site.config import SITE_DIR, write_project
from ..site.notfound import fix_not_found
from ..site.postprocess import repair_site
from ..site.prepare import prepare_site
from ..site.spec import SiteSpec, language_links

ARCHIVE = "archive"
"""Folder of the site that holds earlier cohorts' sites, one folder per cohort."""

ENGINES: dict[str, ModuleType] = {"mkdocs": mkdocs, "zensical": zensical}
"""Each site engine's module, by the name ``site.engine`` and ``--engine`` give."""


def engine_name(options: Options, main: Edition) -> str:
    """The engine to build with: ``--engine``, else the scheme's ``site.engine``."""
    return options.engine or main.scheme.site.engine


@dataclass
class BuildResult:
    """What a build produced, for the CLI to report."""

    out: Path
    pages: list[str]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Site:
    """One language's site, ready to write: '' for the main language, else its code."""

    code: str
    spec: SiteSpec
    user: dict[str, Any]


def load_editions(scheme_path: Path, options: Options, report: Report) -> list[Edition]:
    """The scheme in every language it is built in, each with its context built once."""
    main = load_scheme(scheme_path, today=options.today)
    report.warnings.extend(main.warnings)
    bytecode = template_cache(caches_folder(main.root, options))
    loaded: list[tuple[str, Loaded]] = [("", main), *load_translations(
        scheme_path, main, report, options.today)]
    return [build_edition(each, code, bytecode) for code, each in loaded]


def template_cache(caches: Path) -> TemplateBytecode:
    """Compiled templates kept in the caches' jinja/ (a rebuild skips compiling)."""
    folder = caches / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return TemplateBytecode(str(folder))


def render_edition(edition: Edition, renderer: Renderer | None, lock: SequenceLock,
                   report: Report) -> _Site:
    """Every PDF, file and page of one language's site, in memory."""
    built = []
    if renderer is not None:
        env = print_environment(edition, report)
        if not report.errors:  # a print style sheet refused: no PDF of this build is kept
            built = render_packs(edition, env, renderer, report)
            built += render_paperwork(edition, env, renderer, report)
    extra = site_files(edition, lock).files
    published = {**extra, **{f"downloads/{b.job.filename}": b.pdf.data
                             for b in built if b.job.public}}
    listed = downloads(built, edition.tr) + file_downloads(edition, extra)
    spec, user = prepare_site(edition, listed, published, report)
    return _Site(edition.code, spec, user)


def build(scheme_path: Path, out: Path | None = None, options: Options | None = None,
          archive: bool = False, pool: Pool | None = None) -> BuildResult:
    """Build the website and its PDF packs into ``out`` (default: site/ beside the scheme).

    ``archive=True`` builds into ``archive/COHORT/`` inside the site folder, where
    every later build keeps it (see :func:`carry_archive`). ``pool``: PDF workers
    to use (``serve`` keeps one); by default the build starts and stops its own.
    """
    options = options or Options()
    if not archive and (reused := fingerprint.reuse(scheme_path, out, options.today,
                                                    options.packs, options.engine)):
        return BuildResult(reused.out, reused.pages, reused.warnings)
    report = Report()
    editions = load_editions(scheme_path, options, report)
    if options.strict:  # the scheme's own warnings are known now: render nothing for them
        _raise_strict(report.warnings)
    root = editions[0].root
    ENGINES[engine_name(options, editions[0])].check(Location(str(scheme_path)))
    own = pool is None
    pool = pool or Pool(options.worker_count())
    try:
        sites, lock = _render_all(editions, pool, options, report)
    finally:
        if own:
            pool.close()
    report.raise_if_errors()
    target = (out or root / "site").resolve()
    if archive:
        target = _archive_target(editions[0].loaded, target, sites)
    refuse_unsafe_output(target, root)
    pages = [f"{s.code}/{p}" if s.code else p for s in sites for p in sorted(s.spec.pages)]
    with output_lock(target):  # one build at a time writes an output; leftovers go
        report.warnings.extend(_write(sites, target, editions[0], report, options))
        save_lock(root, lock)
        if not archive:  # last: every input, calendar.lock included, is as the next build sees it
            fingerprint.record(root, target, options.today, options.packs, pages,
                               report.warnings, editions[0].loaded.inputs, options.engine)
    return BuildResult(target, pages, report.warnings)


def _render_all(editions: list[Edition], pool: Pool, options: Options,
                report: Report) -> tuple[list[_Site], SequenceLock]:
    """Every language's site in memory, and the calendars' record to save once written."""
    root = editions[0].root
    pdfs = pdf_cache(root, options)
    renderer = Renderer(pool, pdfs, options) if options.packs else None
    if renderer is not None and (not options.use_cache or pdfs.empty()):
        pool.start_early()  # every PDF will render: start the workers while HTML is made
    lock = SequenceLock.read(lock_path(root))
    sites = [render_edition(edition, renderer, lock, report) for edition in editions]
    _check_language_folders(sites, report)
    _link_languages(editions, sites)
    if renderer is not None:
        pdfs.prune()
        report.warnings.extend(damaged_warnings(pdfs.folder, pdfs.damaged))
    report.raise_if_errors()
    return sites, lock


def _check_language_folders(sites: list[_Site], report: Report) -> None:
    """A further language's site goes to SITE/CODE/: no page or file of the main one there."""
    main = sites[0].spec
    for site in sites[1:]:
        clash = sorted(p for p in [*main.pages, *main.files] if p.split("/")[0] == site.code)
        if clash:
            report.error(Location(f"content/{clash[0]}"),
                         f"content/{site.code}/ would be replaced by the '{site.code}' site",
                         "rename the folder: site/CODE/ holds each further language")


def _link_languages(editions: list[Edition], sites: list[_Site]) -> None:
    """Every site links to the same page in the others; one language gets no switcher."""
    codes = scheme_codes(editions[0].scheme)
    if len(codes) < 2:  # a switcher with one language is a control that does nothing
        return
    for home, site in zip(codes, sites, strict=True):
        site.spec.alternates = language_links(codes, home)


def _archive_target(loaded: Loaded, site_out: Path, sites: list[_Site]) -> Path:
    """Where ``--archive`` puts this cohort's site, its addresses moved there too."""
    target = archive_folder(loaded, site_out)
    main = sites[0].spec
    main.site_url = main.site_url and f"{main.site_url.rstrip('/')}/{ARCHIVE}/{target.name}/"
    for site in sites[1:]:
        site.spec.site_url = main.site_url and f"{main.site_url}{site.code}/"
    return target


def _write(sites: list[_Site], out: Path, main: Edition, report: Report,
           options: Options) -> list[Problem]:
    """Build every language's site in a staging folder beside ``out``, then swap it in;
    the site engine's warnings. With ``strict``, any warning stops it before the swap."""
    warnings: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix=staging_prefix(out), dir=out.parent) as staging:
        staging_path = Path(staging)
        new_site = staging_path / "site"
        with writing(out):  # a full disk while staging is a message about the output
            for site in sites:
                where = new_site / site.code if site.code else new_site
                name = f"project-{site.code}" if site.code else "project"
                config = write_project(staging_path / name, site.spec, site.user)
                warnings.extend(build_site_cached(caches_folder(main.root, options), config,
                                                  where, main,
                                                  engine_name(options, main),
                                                  site.spec.site_url, options.keep_sites))
        if options.strict:
            _raise_strict([*report.warnings, *warnings])
        mark(new_site)
        carry_archive(out, new_site)
        replace_folder(new_site, out)
    return warnings


def _raise_strict(warnings: list[Problem]) -> None:
    """With --strict, warnings end the build as errors, before anything is written."""
    if warnings:
        raise StrictError([replace(w, severity="error") for w in warnings])


def build_site_cached(caches: Path, config: Path, new_site: Path, main: Edition,
                      engine: str = "mkdocs", site_url: str = "",
                      keep: bool = True) -> list[Problem]:
    """Run the site engine and repair its HTML, or reuse the site it built last time
    from the very same project folder; its warnings either way. The 404 page is made
    to work at any address before the site is kept (``keep``: in the site cache)."""
    key = project_key(config.parent, engine)
    sites = SiteCache(caches)
    if (cached := sites.get(key, new_site, str(config))) is not None:
        return cached
    warnings: list[Problem] = ENGINES[engine].build_site(config, main.stamp, main.bytecode)
    (config.parent / SITE_DIR).rename(new_site)
    repair_site(new_site)
    fix_not_found(new_site, site_url)
    if keep:
        sites.put(key, new_site, warnings, str(config))
    return damaged_warnings(sites.folder, ["site"] if sites.damaged else []) + warnings


def archive_folder(loaded: Loaded, site_out: Path) -> Path:
    """Where ``--archive`` puts this cohort's site: SITE/archive/COHORT/."""
    cohort = loaded.scheme.cohort
    if not cohort.strip():
        raise OutputError([Problem(loaded.document.locate(("cohort",)),
                                   "--archive needs the cohort's name",
                                   "add cohort: '2026-27' to scheme.yml")])
    refuse_unsafe_output(site_out, loaded.root)
    if not site_out.exists():
        mark(site_out)
    (site_out / ARCHIVE).mkdir(exist_ok=True)
    return site_out / ARCHIVE / (slug(cohort) or "x")


def carry_archive(out: Path, new: Path) -> None:
    """Keep the earlier cohorts' sites under out/archive/ in the new site.

    Hard links (a copy where they cannot be made), never a move: if the swap
    that follows fails, the old site and its archive are still whole.
    """
    old = out / ARCHIVE
    if not old.is_dir():
        return
    target = new / ARCHIVE
    if target.exists():
        raise OutputError([Problem(Location(str(target)),
                                   f"the new site has its own {ARCHIVE}/ folder, where earlier "
                                   "cohorts' sites are kept", "rename that folder in content/")])
    shutil.copytree(old, target, symlinks=True, copy_function=link_or_copy)


__all__ = ["MARKER", "BuildResult", "build"]
