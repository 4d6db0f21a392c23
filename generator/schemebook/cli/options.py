"""What every command of the CLI shares: its options, and how problems are printed.

A SchemebookError becomes located lines on stderr and exit code 2; so does an
OSError (the machine, not schemebook), as one line naming the path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..core.disk import os_problem
from ..core.errors import Problem, SchemebookError
from ..core.options import DEFAULT_WORKERS

F = TypeVar("F", bound=Callable[..., Any])


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def user_errors(func: F) -> F:
    """Turn a SchemebookError into located lines on stderr and exit code 2."""
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SchemebookError as exc:
            print_problems(exc.problems)
            n = len(exc.problems)
            click.echo(f"schemebook: {n} problem{'s' if n != 1 else ''}; nothing was written",
                       err=True)
            sys.exit(2)
        except OSError as exc:  # the machine, not schemebook: one line naming the path
            click.echo(str(os_problem(exc, exc.filename or "schemebook", "failed")), err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def strict_exit(warnings: list[Problem], strict: bool) -> None:
    """With --strict, warnings end the command like errors (they were printed above)."""
    if strict and warnings:
        n = len(warnings)
        click.echo(f"schemebook: {n} warning{'s' if n != 1 else ''} with --strict; "
                   "nothing was written", err=True)
        sys.exit(2)


def verbosity(quiet: bool, verbose: bool) -> int:
    return -1 if quiet else (1 if verbose else 0)


SCHEME = click.option("--scheme", "scheme_path", type=click.Path(path_type=Path),
                      default=Path("scheme.yml"), show_default=True,
                      help="The scheme file to read.")
WORKERS = click.option("--workers", "-j", type=click.IntRange(1, 32), default=DEFAULT_WORKERS,
                       envvar="SCHEMEBOOK_WORKERS", show_default=True,
                       help="Processes rendering PDFs (or SCHEMEBOOK_WORKERS).")
CACHE_DIR = click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
                         envvar="SCHEMEBOOK_CACHE_DIR",
                         help="Keep the PDF, site and template caches in this folder (or "
                              "SCHEMEBOOK_CACHE_DIR), e.g. one that several projects or CI "
                              "runs share; default: .schemebook-cache/ beside the scheme.")
QUIET = click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
VERBOSE = click.option("--verbose", "-v", is_flag=True,
                       help="Say more: one line per PDF, even on a terminal.")
def out_option(help_text: str) -> Callable[[F], F]:
    """--out: where a command writes; None leaves the command its default place."""
    return click.option("--out", type=click.Path(path_type=Path), default=None, help=help_text)


def private_out(*folders: str) -> Callable[[F], F]:
    """--out for a command that writes people's names into ``OUT/FOLDER/`` (each of
    ``folders``): one wording, so every such command says the same about privacy."""
    named = [f"{folder}/" for folder in folders]
    where = (f"{', '.join(named[:-1])} and {named[-1]} folders" if len(named) > 1
             else f"{named[0]} folder")
    return out_option(f"Private output folder (default: private/ beside the scheme); the "
                      f"files go into its {where}. Never inside the site: the files hold "
                      "people's names.")


STRICT = click.option("--strict", is_flag=True,
                      help="Treat warnings as errors: exit 2 and write nothing (for CI).")
