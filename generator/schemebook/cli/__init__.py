"""The ``schemebook`` command: a thin click layer over :mod:`schemebook.commands`.

User mistakes (SchemebookError) are printed one per line as
``PATH:LINE:COL: message`` and exit with status 2, and so is any error of
the machine (a full or read-only disk, a missing folder: an OSError), as one
line naming the path; anything else is a bug and keeps its traceback. Each
command's module is imported only when that command runs (:func:`_command`),
so ``--help``, ``--version`` and a rebuild with nothing to do never load
Jinja, pydantic or WeasyPrint.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import click

from .. import __version__
from ..core.options import ENGINES, Options
from ..incremental.fingerprint import reuse
from .options import (
    CACHE_DIR,
    QUIET,
    SCHEME,
    STRICT,
    VERBOSE,
    WORKERS,
    out_option,
    print_problems,
    private_out,
    strict_exit,
    user_errors,
    verbosity,
)
from .progress import for_terminal

F = TypeVar("F", bound=Callable[..., Any])


EXTRAS = {"scipy": "report", "matplotlib": "report", "openpyxl": "report", "numpy": "match"}
"""Libraries of the optional extras, and the extra that brings each (SciPy and
openpyxl come with 'match' too; a command names its own extra)."""
COMMAND_EXTRAS = {"match": "match", "mail_merge": "match", "report": "report"}


def _command(name: str) -> ModuleType:
    """``schemebook.commands.NAME``, imported now: the one place the CLI defers an import.

    A command whose optional extra is not installed says which one to install.
    """
    try:
        return importlib.import_module(f"schemebook.commands.{name}")
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in EXTRAS:
            raise
        extra = COMMAND_EXTRAS.get(name, EXTRAS[(exc.name or "").split(".")[0]])
        click.echo(f"schemebook {name.replace('_', '-')} needs the '{extra}' extra: "
                   f"pip install 'schemebook[{extra}]'", err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="schemebook")
def main() -> None:
    """Build a reverse mentoring handbook site and packs from scheme.yml."""


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@QUIET
@VERBOSE
@STRICT
@user_errors
def validate(path: Path | None, quiet: bool, verbose: bool, strict: bool) -> None:
    """Check a scheme file and print every problem found."""
    loaded = _command("validate").validate(path or Path("scheme.yml"))
    print_problems(loaded.warnings)
    strict_exit(loaded.warnings, strict)
    if not quiet:
        n = len(loaded.warnings)
        click.echo(f"{loaded.document.path}: valid"
                   + (f", {n} warning{'s' if n != 1 else ''} above" if n else ""))


@main.command()
@SCHEME
@out_option("Output folder (default: site/ beside the scheme).")
@click.option("--archive", is_flag=True,
              help="Build this cohort's site into site/archive/COHORT/; later builds keep it.")
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="The site engine (default: site.engine in scheme.yml, else mkdocs).")
@WORKERS
@CACHE_DIR
@QUIET
@VERBOSE
@STRICT
@user_errors
def build(scheme_path: Path, out: Path | None, archive: bool, engine: str | None,
          workers: int, cache_dir: Path | None, quiet: bool, verbose: bool,
          strict: bool) -> None:
    """Build the website into site/."""
    # Nothing changed: nothing to import or do.
    if not archive and (reused := reuse(scheme_path, out, engine=engine)):
        print_problems(reused.warnings)
        strict_exit(reused.warnings, strict)
        if not quiet:
            click.echo(f"{len(reused.pages)} pages in {reused.out} are up to date")
        return
    options = Options(workers=workers, progress=for_terminal(verbosity(quiet, verbose)),
                      engine=engine, strict=strict, cache_dir=cache_dir)
    result = _command("build").build(scheme_path, out, options, archive=archive)
    print_problems(result.warnings)
    if not quiet:
        click.echo(f"built {len(result.pages)} pages into {result.out}")


@main.command()
@SCHEME
@out_option("Output folder (default: site/downloads/ beside the scheme).")
@WORKERS
@CACHE_DIR
@QUIET
@VERBOSE
@user_errors
def packs(scheme_path: Path, out: Path | None, workers: int, cache_dir: Path | None,
          quiet: bool, verbose: bool) -> None:
    """Build only the printable packs, the log and the support card (PDF).

    A scheme with several languages gets each further language's in
    site/CODE/downloads/ (with --out: OUT/CODE/).
    """
    options = Options(workers=workers, progress=for_terminal(verbosity(quiet, verbose)),
                      cache_dir=cache_dir)
    result = _command("packs").build_packs(scheme_path, out, options)
    print_problems(result.warnings)
    if quiet:
        return
    for code, item in result.built:
        pages = "page" if item.pdf.pages == 1 else "pages"
        folder = f"{code}/" if code else ""
        click.echo(f"{folder}{item.job.filename}: {item.pdf.pages} {pages}, "
                   f"{len(item.pdf.data) // 1024} KB, {item.pdf.seconds:.1f} s")
    click.echo(f"built {len(result.built)} PDFs into {result.out}")


@main.command()
@click.argument("roster", type=click.Path(path_type=Path))
@SCHEME
@private_out("packs", "certificates", "print", "calendars")
@click.option("--no-cache", is_flag=True, help="Render every PDF again.")
@click.option("--whole-packs", is_flag=True, hidden=True,
              help="Lay out every pack whole, as before shared pages (for the benchmark).")
@WORKERS
@QUIET
@VERBOSE
@user_errors
def personalise(roster: Path, scheme_path: Path, out: Path | None, no_cache: bool,
                whole_packs: bool, workers: int, quiet: bool, verbose: bool) -> None:
    """Personalised packs, certificates and calendars for every pair in ROSTER (CSV).

    Columns: pair_id, mentor, mentee, and optionally mentor_email,
    mentee_email, first_meeting (YYYY-MM-DD), and mentor_language and
    mentee_language (or language, for both): one of the scheme's languages,
    empty for its main one.
    """
    options = Options(workers=workers, progress=for_terminal(verbosity(quiet, verbose)),
                      use_cache=not no_cache, shared_pages=not whole_packs)
    result = _command("personalise").personalise(scheme_path, roster, out, options)
    print_problems(result.warnings)
    if not quiet:
        click.echo(f"wrote {len(result.files)} files into {result.out} "
                   f"({result.rendered} PDFs rendered, the rest unchanged; "
                   f"{result.joined} packs joined from their role's shared pages)")


@main.command()
@click.argument("applications", type=click.Path(path_type=Path))
@SCHEME
@click.option("--overrides", type=click.Path(path_type=Path), default=None,
              help="Private CSV of pairs to fix or forbid (default: overrides.csv in the "
                   "output folder, if there is one).")
@click.option("--priority", type=click.Choice(["most-paired", "best-score"]), default=None,
              help="Override pairing.priority: most people paired, or best total score.")
@private_out("pairing")
@QUIET
@VERBOSE
@user_errors
def match(applications: Path, scheme_path: Path, overrides: Path | None, priority: str | None,
          out: Path | None, quiet: bool, verbose: bool) -> None:
    """Pair the applicants in APPLICATIONS (CSV or .xlsx) under the scheme's rules.

    Writes roster.csv (for personalise and mail-merge) and a pairing report
    (HTML and CSV) that explains every pair and every person left unpaired.
    """
    result = _command("match").match_applications(scheme_path, applications, out, overrides,
                                                  priority)
    print_problems(result.warnings)
    if quiet:
        return
    for line in result.summary():
        click.echo(line)
    if verbose:
        click.echo(f"solver: {result.outcome.solver_seconds:.3f} s", err=True)
    click.echo(f"wrote {', '.join(p.name for p in result.files)} into {result.folder}")


@main.command("mail-merge")
@click.argument("roster", type=click.Path(path_type=Path))
@SCHEME
@private_out("mail")
@QUIET
@VERBOSE
@user_errors
def mail_merge(roster: Path, scheme_path: Path, out: Path | None, quiet: bool,
               verbose: bool) -> None:
    """Draft emails (.eml) for every message to every person in ROSTER, and one
    mail-merge CSV per message.

    Run it after personalise to attach each person's pack and calendar to the
    pairing announcement.
    """
    result = _command("mail_merge").mail_merge(scheme_path, roster, out)
    print_problems(result.warnings)
    if not quiet:
        click.echo(f"wrote {result.drafts} drafts and {result.sheets} mail-merge sheets "
                   f"into {result.folder}")


@main.command()
@QUIET
@VERBOSE
def schema(quiet: bool, verbose: bool) -> None:
    """Print the JSON Schema of scheme.yml (for editor completion)."""
    click.echo(json.dumps(_command("init").schema_document(), indent=2, ensure_ascii=False))


@main.command()
@SCHEME
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port to serve on (default: 8000, or the next free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the site in your web browser once it is served.")
@WORKERS
@CACHE_DIR
@QUIET
@VERBOSE
@user_errors
def serve(scheme_path: Path, port: int | None, host: str, open_browser: bool, workers: int,
          cache_dir: Path | None, quiet: bool, verbose: bool) -> None:
    """Serve the site with live reload while you edit."""
    options = Options(workers=workers, progress=for_terminal(verbosity(quiet, verbose)),
                      cache_dir=cache_dir)
    _command("serve").serve(scheme_path, host=host, port=port, options=options,
                            open_browser=open_browser)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--example", type=click.Choice(["university", "law-firm", "welsh", "health"]),
              default=None, help="Which example to start from. [default: the sector's "
              "example, else university]")
@click.option("--sector", type=click.Choice(["higher-education", "workplace", "health-care",
                                             "voluntary"]), default=None,
              help="Where the scheme runs: sets sector in scheme.yml, so the built-in text "
              "speaks its language.")
@click.option("--no-build", is_flag=True, help="Do not build the new project.")
@click.option("--install-from", metavar="REQUIREMENT", default=None,
              help="Where the project's CI gets schemebook, as a pip requirement such as "
                   "'schemebook @ https://example.org/schemebook.whl' (default: this version "
                   "from PyPI). Kept in requirements.txt.")
@WORKERS
@CACHE_DIR
@QUIET
@VERBOSE
@user_errors
def init(directory: Path, example: str | None, sector: str | None, no_build: bool,
         install_from: str | None, workers: int, cache_dir: Path | None, quiet: bool,
         verbose: bool) -> None:
    """Create a new scheme project in DIRECTORY and build it."""
    created = _command("init").init_project(directory, example, sector, install_from)
    if not quiet:
        click.echo(f"created {created}")
    if no_build:
        return
    options = Options(workers=workers, progress=for_terminal(verbosity(quiet, verbose)),
                      cache_dir=cache_dir)
    result = _command("build").build(created / "scheme.yml", None, options)
    print_problems(result.warnings)
    if not quiet:
        click.echo(f"built {len(result.pages)} pages into {result.out}")


@main.command()
@click.argument("responses", nargs=-1, required=True)
@SCHEME
@out_option("Private output folder (default: private/report/ beside the scheme).")
@click.option("--publish", is_flag=True,
              help="Also write content/evaluation-results.md, an aggregate page for the "
                   "site, when none of its figures needed suppression.")
@QUIET
@VERBOSE
@user_errors
def report(responses: tuple[str, ...], scheme_path: Path, out: Path | None, publish: bool,
           quiet: bool, verbose: bool) -> None:
    """The evaluation report from survey exports (CSV or .xlsx), HTML, PDF and CSV.

    Give each export as FILE (its name says the wave: pre, post, follow-up; or it has
    a 'wave' column) or as WAVE=FILE.
    """
    result = _command("report").report(scheme_path, list(responses), out, publish)
    print_problems(result.warnings)
    if not quiet:
        click.echo(f"wrote {len(result.files)} files into {result.out}")
        if result.published is not None:
            click.echo(f"wrote {result.published}: it goes on the site at the next build")


@main.command("new-cohort")
@SCHEME
@click.option("--start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="First meeting of the new cohort, YYYY-MM-DD; every date moves alike.")
@out_option("Where to write it (default: scheme-COHORT.yml beside the scheme).")
@click.option("--cohort", default=None, help="Name of the new cohort (default: years + 1).")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@QUIET
@VERBOSE
@user_errors
def new_cohort(scheme_path: Path, start: Any, out: Path | None, cohort: str | None,
               force: bool, quiet: bool, verbose: bool) -> None:
    """Write next cohort's scheme.yml with every date shifted, comments kept."""
    result = _command("new_cohort").new_cohort(scheme_path, start.date(), out, cohort, force)
    print_problems(result.notes)
    if not quiet:
        click.echo(f"wrote {result.out}: cohort '{result.cohort}', {result.shifted} dates "
                   f"moved by {result.days} days")


@main.command()
@SCHEME
@out_option("Folder for the .txt files (default: private/messages/ beside the scheme).")
@QUIET
@VERBOSE
@user_errors
def messages(scheme_path: Path, out: Path | None, quiet: bool, verbose: bool) -> None:
    """Write the messages to participants as plain-text files, ready to copy into email.

    A scheme with several languages gets each further language's in OUT/CODE/.
    """
    written = _command("messages").write_messages(scheme_path, out)
    if quiet:
        return
    for path in written:
        click.echo(str(path))
    click.echo(f"wrote {len(written)} messages")
