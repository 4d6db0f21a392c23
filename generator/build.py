"""Orchestration: read, build the context, render everything, then write.

Every page and pack is validated and rendered in memory before a single
file is written, and the output folder is replaced in one step only when
everything succeeded, so a failed build never costs the site built before.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import fingerprint, site, workers
from .confine import IMAGE_SUFFIXES, AssetRefused, resolve_asset
from .context import build_context
from .errors import Location, OutputError, Problem, Report
from .extras import extra_downloads, keep_sequence_record, site_files
from .i18n import Translator
from .lifecycle import slug
from .localise import language_links
from .pages import brand_css, footer_links, navigation, page_titles, render_pages
from .render import BUILTIN, layered_dirs
from .validate import Loaded, load_scheme, load_translations, scheme_codes

MARKER = ".schemebook-site"
"""File in every output folder we create; we only ever replace such folders."""

CONTENT_FILE_SUFFIXES = IMAGE_SUFFIXES | {".pdf", ".txt", ".csv"}
"""Files beside the pages in content/ that are published with them."""

FONTS = Path(__file__).parent / "assets" / "fonts"
STYLES = Path(__file__).parent / "assets" / "css"
SCRIPTS = Path(__file__).parent / "assets" / "js"


@dataclass
class BuildResult:
    """What a build produced, for the CLI to report."""

    out: Path
    pages: list[str]
    warnings: list[Problem] = field(default_factory=list)


def build_date(loaded: Loaded) -> dt.date:
    """The date stamped on outputs: scheme.yml, else SOURCE_DATE_EPOCH, else today."""
    if loaded.scheme.build_date:
        return loaded.scheme.build_date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@contextmanager
def source_date(day: dt.date) -> Iterator[None]:
    """Pin SOURCE_DATE_EPOCH (read by MkDocs for sitemaps) so rebuilds are identical."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def content_files(root: Path, report: Report) -> dict[str, bytes]:
    """Images and other files kept beside the project's pages, confined to the project."""
    found: dict[str, bytes] = {}
    folder = root / "content"
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.suffix.lower() not in CONTENT_FILE_SUFFIXES or rel.startswith(("_", ".")):
            continue
        try:  # refuses links that lead out of the project folder
            found[rel] = resolve_asset(root, f"content/{rel}").read_bytes()
        except AssetRefused as exc:
            report.error(Location(f"content/{rel}"), str(exc))
    return found


def prepare_site(loaded: Loaded, report: Report,
                 packs: bool = True) -> tuple[site.SiteSpec, dict[str, Any]]:
    """Render every page, pack and file of the site, in memory."""
    scheme, root = loaded.scheme, loaded.root
    tr = Translator.for_language(scheme.language)
    from .packs import downloads, render_packs  # imports WeasyPrint: only when building

    built = render_packs(loaded, report, build_date(loaded)) if packs else []
    if packs:
        from .paperwork import render_paperwork

        built += render_paperwork(loaded, report, build_date(loaded))
    extra = site_files(loaded, build_date(loaded))  # calendars, surveys.csv, messages
    context = build_context(loaded, downloads(built, tr) + extra_downloads(loaded, extra, tr))
    pages = render_pages(root, scheme, context)
    files: dict[str, bytes] = {"assets/brand.css": brand_css(scheme).encode()}
    for path in sorted(FONTS.iterdir()):
        if path.is_file() and path.suffix in {".woff2", ".woff", ".css", ".ttf"}:
            files[f"assets/fonts/{path.name}"] = path.read_bytes()
    for path in sorted(SCRIPTS.glob("*.js")):
        files[f"assets/schemebook/{path.name}"] = path.read_bytes()
    for path in sorted(STYLES.glob("*.css")):
        files[f"assets/{path.name}"] = path.read_bytes()
    files.update(content_files(root, report))
    files.update(extra)
    files.update({f"downloads/{b.job.filename}": b.pdf.data for b in built if b.job.public})
    logo = favicon = ""
    if scheme.brand.logo:
        source = resolve_asset(root, scheme.brand.logo)
        logo = f"assets/logo{source.suffix.lower()}"
        files[logo] = source.read_bytes()
    if scheme.brand.favicon:
        source = resolve_asset(root, scheme.brand.favicon)
        favicon = f"assets/favicon{source.suffix.lower()}"
        files[favicon] = source.read_bytes()
    user = site.read_user_config(root / "mkdocs.yml", report)
    for i, css in enumerate(user.get("extra_css", [])):
        files[css] = resolve_asset(root, css, {".css"}).read_bytes()
        user["extra_css"][i] = css
    cohort = f" · {scheme.cohort}" if scheme.cohort else ""
    return site.SiteSpec(
        site_name=scheme.name,
        site_url=scheme.site_url,
        description=" ".join(scheme.summary.split())[:300],
        language=scheme.language,
        nav=navigation(pages, page_titles(tr, context)),
        pages=pages,
        files=files,
        theme_dirs=layered_dirs(root, "templates/theme"),
        logo=logo,
        logo_alt=scheme.brand.logo_alt,
        favicon=favicon,
        extra_css=["assets/fonts/fonts.css", "assets/schemebook.css", "assets/brand.css",
                   "assets/lifecycle.css"],
        copyright=f"{scheme.organisation} · {scheme.name}{cohort}",
        footer_links=footer_links(loaded, pages, tr),
        footer_label=tr.gettext("Footer links"),
    ), user


def build(scheme_path: Path, out: Path | None = None, today: dt.date | None = None,
          packs: bool = True, archive: bool = False) -> BuildResult:
    """Build the website and its PDF packs (``packs=False``: pages only, for speed).

    ``archive=True`` builds into ``archive/COHORT/`` inside the site folder, where
    every later build keeps it (see :func:`carry_archive`).
    """
    if not archive and (reused := fingerprint.reuse(scheme_path, out, today, packs)):
        return BuildResult(reused.out, reused.pages, reused.warnings)
    loaded = load_scheme(scheme_path, today=today)
    if packs:  # a valid scheme will be built: workers may start while the HTML is made
        workers.start_early(loaded.root / fingerprint.FOLDER / "pdf")
    use_template_cache(loaded.root / fingerprint.FOLDER / "jinja")
    report = Report(warnings=list(loaded.warnings))
    spec, user = prepare_site(loaded, report, packs=packs)
    translations = prepare_translations(scheme_path, loaded, spec, report, today, packs)
    report.raise_if_errors()
    out = (out or loaded.root / "site").resolve()
    if archive:
        out = archive_folder(loaded, out)
        spec.site_url = spec.site_url and f"{spec.site_url.rstrip('/')}/{ARCHIVE}/{out.name}/"
        for code, other, _ in translations:
            other.site_url = spec.site_url and f"{spec.site_url}{code}/"
    check_output(out, loaded.root)
    with tempfile.TemporaryDirectory(prefix=".schemebook-", dir=out.parent) as staging:
        staging_path = Path(staging)
        project = staging_path / "project"
        new_site = staging_path / "site"
        config = site.write_project(project, spec, user, new_site)
        with source_date(build_date(loaded)):
            report.warnings.extend(build_site_cached(loaded.root, config, new_site))
            for code, other, other_user in translations:  # site/cy/ and so on
                other_config = site.write_project(staging_path / f"project-{code}", other,
                                                  other_user, new_site / code)
                report.warnings.extend(build_site_cached(loaded.root, other_config,
                                                         new_site / code))
        (new_site / MARKER).write_text("Built by schemebook. Safe to delete.\n", encoding="utf-8")
        carry_archive(out, new_site)
        replace_folder(new_site, out)
    keep_sequence_record(loaded, build_date(loaded))
    pages = sorted(spec.pages) + [f"{code}/{page}" for code, other, _ in translations
                                  for page in sorted(other.pages)]
    if not archive:  # last: every input, calendar.lock included, is now as the next build sees it
        fingerprint.record(loaded.root, out, today, packs, pages, report.warnings)
    return BuildResult(out, pages, report.warnings)


def prepare_translations(scheme_path: Path, loaded: Loaded, spec: site.SiteSpec,
                         report: Report, today: dt.date | None, packs: bool,
                         ) -> list[tuple[str, site.SiteSpec, dict[str, Any]]]:
    """The site of each further language in ``languages``, for SITE/CODE/, with packs.

    Every site, the main one included, gets links to the same page in the others;
    a site in one language gets no switcher.
    """
    codes = scheme_codes(loaded.scheme)
    found: list[tuple[str, site.SiteSpec, dict[str, Any]]] = []
    for code, other in load_translations(scheme_path, loaded, report, today):
        other_spec, other_user = prepare_site(other, report, packs=packs)
        clash = sorted(p for p in [*spec.pages, *spec.files] if p.split("/")[0] == code)
        if clash:
            report.error(Location(f"content/{clash[0]}"),
                         f"content/{code}/ would be replaced by the '{code}' site",
                         "rename the folder: site/CODE/ holds each further language")
        found.append((code, other_spec, other_user))
    if len(codes) < 2:  # a switcher with one language is a control that does nothing
        return []
    for home, target in zip(codes, [spec, *(s for _, s, _ in found)], strict=True):
        target.alternates = language_links(codes, home)
    return found


def use_template_cache(folder: Path) -> None:
    """Keep compiled templates in ``folder`` (a rebuild then skips compiling them)."""
    from . import render
    from .cache import TemplateBytecode

    folder.mkdir(parents=True, exist_ok=True)
    render.BYTECODE = TemplateBytecode(str(folder))


def build_site_cached(root: Path, config: Path, new_site: Path) -> list[Problem]:
    """Run MkDocs, or reuse the site it built last time from the very same project folder."""
    from .cache import SiteCache, TemplateBytecode, cache_root, project_key

    key = project_key(config.parent)
    sites = SiteCache(cache_root(root))
    where = Location(str(config))
    if (messages := sites.get(key, new_site)) is not None:
        return [Problem(where, m, severity="warning") for m in messages]
    warnings = site.build_site(config, TemplateBytecode(str(cache_root(root) / "jinja")))
    sites.put(key, new_site, [w.message for w in warnings])
    return warnings


def check_output(out: Path, project: Path) -> None:
    """Refuse to replace a folder schemebook did not create."""
    where = Location(str(out))
    forbidden = {Path.home().resolve(), project.resolve(), Path("/")}
    if out in forbidden or project.resolve().is_relative_to(out):
        raise OutputError([Problem(where, "refusing to write the site over this folder",
                                   "give --out a new folder such as site/")])
    if out.exists() and not out.is_dir():
        raise OutputError([Problem(where, "the output path is a file, not a folder")])
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError([Problem(
            where, "the output folder has files schemebook did not create",
            f"empty it or choose another --out; schemebook only replaces folders with {MARKER}",
        )])


def replace_folder(new: Path, out: Path) -> None:
    """Swap ``new`` into place of ``out`` with renames, so ``out`` is never half-written."""
    old = out.with_name(out.name + ".old-schemebook")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    new.rename(out)
    if old.exists():
        shutil.rmtree(old)


ARCHIVE = "archive"
"""Folder of the site that holds earlier cohorts' sites, one folder per cohort."""


def archive_folder(loaded: Loaded, site_out: Path) -> Path:
    """Where ``--archive`` puts this cohort's site: SITE/archive/COHORT/."""
    cohort = loaded.scheme.cohort
    if not cohort.strip():
        raise OutputError([Problem(loaded.document.locate(("cohort",)),
                                   "--archive needs the cohort's name",
                                   "add cohort: '2026-27' to scheme.yml")])
    check_output(site_out, loaded.root)
    if not site_out.exists():
        site_out.mkdir(parents=True)
        (site_out / MARKER).write_text("Built by schemebook. Safe to delete.\n", encoding="utf-8")
    (site_out / ARCHIVE).mkdir(exist_ok=True)
    return site_out / ARCHIVE / slug(cohort)


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
    shutil.copytree(old, target, symlinks=True, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


__all__ = ["BUILTIN", "BuildResult", "build"]
