"""Jinja rendering of page and print templates, layered and sandboxed.

Templates are looked up in layers, like Pelican's themes: the project's own
``content/`` or ``templates/`` first, then the built-in ones shipped with
schemebook. A project template that replaces a built-in one can still reach
it with the ``builtin:`` prefix, to extend it or call its macros instead of
copying it: ``{% extends "builtin:print/pack.html" %}`` (names after the
prefix start below the built-in ``templates/``, or below ``content/`` for
pages: ``builtin:index.md``). Every environment is sandboxed (a project template cannot reach
Python internals) and undefined names are errors, so a typo in a template
is reported with its file and line instead of rendering as an empty string.

Text from scheme.yml is only ever inserted as a value, never evaluated as a
template, and raw HTML in it is neutralised on output unless the scheme
opts in. Every template file is read through the confinement rule
(:func:`schemebook.core.confine.confine`): a page or include that links out
of the project is refused. And every render has a budget of
:data:`TEMPLATE_STEPS` steps (loop rounds, calls, attribute lookups),
counted inside the sandbox so that it holds in any thread or process; a
template that runs out, recurses without end or builds an enormous value
ends in a located error naming it.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import jinja2
import markdown as md_lib
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from ..core.confine import MAX_TEXT_BYTES, AssetRefused, confine, read_limited
from ..core.errors import Location, Problem, TemplateError
from ..core.escape import control_problem, markdown_text, url_problem
from ..core.i18n import Translator
from ..core.paths import builtin
from .sandbox import (
    STEPS,
    TEMPLATE_STEPS,
    Environment,
    TooMuchWork,
    budgeted_filters,
    sized,
)

BUILTIN_PREFIX = "builtin"
"""``builtin:NAME`` names the built-in template NAME, even where the project has its own."""

def neutralise_html(text: str) -> str:
    """Scheme text for a Markdown page: raw HTML, attribute lists and snippet lines
    show as text (:func:`schemebook.core.escape.markdown_text`)."""
    return markdown_text(text)


def layered_dirs(project: Path | None, kind: str) -> list[Path]:
    """Project folder first (if it has one), then the built-in folder."""
    dirs = []
    if project is not None and (project / kind).is_dir():
        dirs.append(project / kind)
    shipped = builtin() / kind
    if shipped not in dirs:
        dirs.append(shipped)
    return dirs


class _SafeLinks(Treeprocessor):
    """Drops a link or image whose address is not http, https, mailto, tel or relative
    (scheme.yml's links are refused when it is read; this keeps print safe too)."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                if url_problem(element.get(name, "")):
                    del element.attrib[name]


def markdown_to_html(text: str, allow_html: bool = False) -> Markup:
    """Render scheme Markdown to HTML for print; raw HTML is escaped unless allowed."""
    return Markup(_converted(text, allow_html))


@lru_cache(maxsize=4096)
def _converted(text: str, allow_html: bool) -> str:
    """A pure function of its text, remembered: under ``serve`` every rebuild converts
    the same few hundred texts again, and making a converter costs more than using it."""
    converter = md_lib.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
    if not allow_html:
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_SafeLinks(converter), "schemebook_links", 1)
    return str(converter.convert(text))


def _markdown_finalize(allow_html: bool) -> Callable[[Any], Any]:
    def finalize(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Markup) or allow_html:
            return str(value)
        return neutralise_html(str(value))

    return finalize


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from ``searchpath``, each file confined to the project (or, for the
    built-in ones, to schemebook's own files), size-limited and free of control
    characters that hide what the text says."""

    def __init__(self, searchpath: list[Path], project: Path | None) -> None:
        super().__init__([str(p) for p in searchpath])
        self.project = project

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if os.path.lexists(path):
                break
        else:
            raise jinja2.TemplateNotFound(template)
        inside = self.project if self.project is not None and Path(folder).is_relative_to(
            self.project) else builtin()
        shown = _display(path)
        try:
            real = confine(inside, path, shown)
            text = read_limited(real, MAX_TEXT_BYTES, shown).decode("utf-8")
        except AssetRefused as exc:
            raise TemplateError([Problem(Location(shown), str(exc))]) from None
        except UnicodeDecodeError as exc:
            raise TemplateError([Problem(Location(shown), f"byte {exc.start} is not UTF-8",
                                         "save the file as UTF-8")]) from None
        if found := control_problem(text):
            raise TemplateError([Problem(Location(shown, found[0], found[1]), found[2])])
        mtime = real.stat().st_mtime
        return text, os.path.normpath(path), lambda: _unchanged(real, mtime)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def _loader(project: Path | None, kind: str) -> tuple[jinja2.BaseLoader, tuple[Path, ...]]:
    """Project then built-in folders of ``kind``, and the built-ins again under the prefix."""
    dirs = layered_dirs(project, kind)
    top = builtin() / kind.split("/")[0]
    absolute = project.absolute() if project is not None else None
    loader = jinja2.ChoiceLoader([
        _ConfinedLoader([d.absolute() for d in dirs], absolute),
        jinja2.PrefixLoader({BUILTIN_PREFIX: _ConfinedLoader([top.absolute()], None)},
                            delimiter=":"),
    ])
    return loader, (*dirs, top)


def make_environment(
    project: Path | None,
    kind: str,
    *,
    html: bool,
    allow_html: bool = False,
    globals_: dict[str, Any] | None = None,
    translator: Translator | None = None,
    bytecode_cache: jinja2.BytecodeCache | None = None,
) -> Environment:
    """A sandboxed, strict environment over the ``kind`` folders (``content``,
    ``templates/print``...) of ``project`` and of the built-ins, in that order.

    ``html=True`` autoescapes (print templates); otherwise output is Markdown
    and values are passed through :func:`neutralise_html`. ``bytecode_cache``
    keeps compiled templates between builds (``.schemebook-cache/jinja/``).
    """
    loader, roots = _loader(project, kind)
    env = Environment(
        bytecode_cache=bytecode_cache,
        loader=loader,
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=None if html else _markdown_finalize(allow_html),
        extensions=["jinja2.ext.i18n"],
    )
    tr = translator or Translator()
    env.install_gettext_callables(  # type: ignore[attr-defined]
        tr.raw_gettext, tr.raw_ngettext, newstyle=True
    )
    env.filters["markdown"] = lambda text: markdown_to_html(str(text or ""), allow_html)
    env.filters["md_inline"] = _inline_markdown
    env.filters["plural"] = lambda n, one, many: one if n == 1 else many
    env.filters["hours"] = lambda minutes: f"{minutes / 60:g}"
    env.filters["html_escape"] = escape
    budgeted_filters(env)
    env.globals.pop("lipsum", None)  # makes any amount of text in one step
    env.globals.update(globals_ or {})
    env.roots = roots
    return env


def _inline_markdown(text: str) -> str:
    """Fold a Markdown value onto one line, for table cells and list items."""
    return " ".join(str(text or "").split())


def render_template(env: Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template within its budget; turn any failure into a located
    TemplateError naming the template and line."""
    token = STEPS.set([TEMPLATE_STEPS])
    try:
        return _render(env, name, context)
    finally:
        STEPS.reset(token)


def _render(env: Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return sized(env.get_template(name).render(context))  # type: ignore[no-any-return]
    except TooMuchWork as exc:
        raise TemplateError([Problem(_where(exc, env, name), str(exc),
                                     "simplify the template")]) from None
    except RecursionError:
        raise TemplateError([Problem(Location(_display_name(env, name)),
                                     "the template calls or includes itself without "
                                     "end", "check its include, extends and macro calls")]
                            ) from None
    except (MemoryError, OverflowError) as exc:
        raise TemplateError([Problem(Location(_display_name(env, name)),
                                     "the template built a value too large to hold "
                                     f"({type(exc).__name__})", "simplify the template")]
                            ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = Location(exc.filename or name, exc.lineno or 1, 1)
        raise TemplateError([Problem(where, f"template syntax error: {exc.message}")]) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError([Problem(Location(name), f"template not found: {exc.name}",
                                     "check the name in include or extends")]) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError([Problem(_where(exc, env, name),
                                     f"not allowed in a template: {exc}")]) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError([Problem(_where(exc, env, name), f"undefined value: {exc.message}",
                                     "check the spelling of the name")]) from None
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, KeyError, IndexError,
            jinja2.TemplateRuntimeError) as exc:
        raise TemplateError([Problem(_where(exc, env, name),
                                     f"template failed: {type(exc).__name__}: {exc}")]) from None


def _where(exc: BaseException, env: Environment, name: str) -> Location:
    """Deepest template frame of ``exc``: Jinja puts template lines in tracebacks."""
    roots = [p.resolve() for p in env.roots]
    found = Location(name)
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if any(path.resolve().is_relative_to(r) for r in roots if path.is_absolute()):
            found = Location(_display(path), frame.lineno or 1, 1)
    return found


def _display_name(env: Environment, name: str) -> str:
    """Where template ``name`` is, as the user names it (its file, if found)."""
    for root in env.roots:
        if (root / name).exists():
            return _display(root / name)
    return name


def _display(path: Path) -> str:
    """``path`` as the user names it: relative to the current folder, links not followed."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def list_templates(dirs: Iterable[Path], suffix: str) -> list[str]:
    """Template names under ``dirs`` ending in ``suffix``, partials (``_*``) left out."""
    names: set[str] = set()
    for base in dirs:
        for path in base.rglob(f"*{suffix}"):
            rel = path.relative_to(base)
            if any(part.startswith(("_", ".")) for part in rel.parts):
                continue
            names.add(rel.as_posix())
    return sorted(names)


__all__ = ["BUILTIN_PREFIX", "TEMPLATE_STEPS", "Environment", "TooMuchWork", "layered_dirs",
           "list_templates", "make_environment", "markdown_to_html", "neutralise_html",
           "render_template"]
