"""The ``schemebook`` command: a thin click layer over the library.

User mistakes (SchemebookError) are printed one per line as
``PATH:LINE:COL: message`` and exit with status 2; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import Problem, SchemebookError

F = TypeVar("F", bound=Callable[..., Any])


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def user_errors(func: F) -> F:
    """Turn a SchemebookError into located lines on stderr and exit code 2."""
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SchemebookError as exc:
            _print_problems(exc.problems)
            n = len(exc.problems)
            click.echo(f"schemebook: {n} problem{'s' if n != 1 else ''}; nothing was written",
                       err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


SCHEME = click.option("--scheme", "scheme_path", type=click.Path(path_type=Path),
                      default=Path("scheme.yml"), show_default=True,
                      help="The scheme file to read.")

WORKERS = click.option("--workers", "-j", type=click.IntRange(1, 32), default=None,
                       help="Processes rendering PDFs (default: SCHEMEBOOK_WORKERS, else 2).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="schemebook")
def main() -> None:
    """Build a reverse mentoring handbook site and packs from scheme.yml."""


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@user_errors
def validate(path: Path | None) -> None:
    """Check a scheme file and print every problem found."""
    from .validate import load_scheme

    loaded = load_scheme(path or Path("scheme.yml"))
    _print_problems(loaded.warnings)
    click.echo(f"{loaded.document.path}: valid ({len(loaded.warnings)} warnings)")


@main.command()
@SCHEME
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: site/ beside the scheme).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.option("--archive", is_flag=True,
              help="Build this cohort's site into site/archive/COHORT/; later builds keep it.")
@WORKERS
@user_errors
def build(scheme_path: Path, out: Path | None, quiet: bool, archive: bool,
          workers: int | None) -> None:
    """Build the website into site/."""
    from .fingerprint import reuse

    if not archive and (reused := reuse(scheme_path, out)):  # nothing changed: no imports
        _print_problems(reused.warnings)
        if not quiet:
            click.echo(f"{len(reused.pages)} pages in {reused.out} are up to date")
        return
    from .build import build as run_build
    from .progress import for_terminal
    from .workers import configured

    with configured(workers or 0, for_terminal(quiet)):
        result = run_build(scheme_path, out, archive=archive)
    _print_problems(result.warnings)
    if not quiet:
        click.echo(f"built {len(result.pages)} pages into {result.out}")


@main.command()
@SCHEME
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: site/downloads/ beside the scheme).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@WORKERS
@user_errors
def packs(scheme_path: Path, out: Path | None, quiet: bool, workers: int | None) -> None:
    """Build only the printable packs, the log and the support card (PDF).

    A scheme with several languages gets each further language's in
    site/CODE/downloads/ (with --out: OUT/CODE/).
    """
    from .packs import build_packs
    from .progress import for_terminal
    from .workers import configured

    with configured(workers or 0, for_terminal(quiet)):
        result = build_packs(scheme_path, out)
    _print_problems(result.warnings)
    if not quiet:
        for code, item in result.built:
            pages = "page" if item.pdf.pages == 1 else "pages"
            folder = f"{code}/" if code else ""
            click.echo(f"{folder}{item.job.filename}: {item.pdf.pages} {pages}, "
                       f"{len(item.pdf.data) // 1024} KB, {item.pdf.seconds:.1f} s")
        click.echo(f"built {len(result.built)} PDFs into {result.out}")


@main.command()
@click.argument("roster", type=click.Path(path_type=Path))
@SCHEME
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Private output folder (default: private/ beside the scheme). "
                   "Never inside the site: the files hold people's names.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.option("--no-cache", is_flag=True, help="Render every PDF again.")
@WORKERS
@user_errors
def personalise(roster: Path, scheme_path: Path, out: Path | None, quiet: bool,
                no_cache: bool, workers: int | None) -> None:
    """Personalised packs and certificates for every pair in ROSTER (CSV).

    Columns: pair_id, mentor, mentee, and optionally mentor_email,
    mentee_email, first_meeting (YYYY-MM-DD), and mentor_language and
    mentee_language (or language, for both): one of the scheme's languages,
    empty for its main one.
    """
    from .personal import personalise as run_personalise
    from .progress import for_terminal
    from .workers import configured

    with configured(workers or 0, for_terminal(quiet), use_cache=not no_cache):
        result = run_personalise(scheme_path, roster, out)
    _print_problems(result.warnings)
    if not quiet:
        click.echo(f"wrote {len(result.files)} files into {result.out} "
                   f"({result.rendered} PDFs rendered, the rest unchanged)")


@main.command()
def schema() -> None:
    """Print the JSON Schema of scheme.yml (for editor completion)."""
    from .models import Scheme

    document = Scheme.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@main.command()
@SCHEME
@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@WORKERS
@user_errors
def serve(scheme_path: Path, port: int, host: str, workers: int | None) -> None:
    """Serve the site with live reload while you edit."""
    from .serve import serve as run_serve
    from .workers import configured

    with configured(workers or 0):
        run_serve(scheme_path, host=host, port=port)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--example", type=click.Choice(["university", "law-firm", "welsh"]),
              default="university", show_default=True, help="Which example to start from.")
@click.option("--no-build", is_flag=True, help="Do not build the new project.")
@user_errors
def init(directory: Path, example: str, no_build: bool) -> None:
    """Create a new scheme project in DIRECTORY and build it."""
    from .project import init_project

    created = init_project(directory, example)
    click.echo(f"created {created}")
    if not no_build:
        from .build import build as run_build

        result = run_build(created / "scheme.yml")
        _print_problems(result.warnings)
        click.echo(f"built {len(result.pages)} pages into {result.out}")


@main.command("new-cohort")
@SCHEME
@click.option("--start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="First meeting of the new cohort, YYYY-MM-DD; every date moves alike.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write it (default: scheme-COHORT.yml beside the scheme).")
@click.option("--cohort", default=None, help="Name of the new cohort (default: years + 1).")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@user_errors
def new_cohort(scheme_path: Path, start: Any, out: Path | None, cohort: str | None,
               force: bool) -> None:
    """Write next cohort's scheme.yml with every date shifted, comments kept."""
    from .cohort import new_cohort as run

    result = run(scheme_path, start.date(), out, cohort, force)
    _print_problems(result.notes)
    click.echo(f"wrote {result.out}: cohort '{result.cohort}', {result.shifted} dates moved "
               f"by {result.days} days")


@main.command()
@SCHEME
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder for the .txt files (default: private/messages/ beside the scheme).")
@user_errors
def messages(scheme_path: Path, out: Path | None) -> None:
    """Write the messages to participants as plain-text files, ready to copy into email.

    A scheme with several languages gets each further language's in OUT/CODE/.
    """
    from .messages import write_messages

    written = write_messages(scheme_path, out)
    for path in written:
        click.echo(str(path))
    click.echo(f"wrote {len(written)} messages")
