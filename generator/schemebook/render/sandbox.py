"""The sandbox every project template runs in, with a budget of steps.

Jinja's sandbox keeps templates away from Python's internals; this adds
limits on how much work one render may do, counted inside the sandbox so
that they hold in any thread or process (a signal-based timeout works in
the main thread only, and ``serve`` and the workers render elsewhere):

* every loop round, call, attribute or item lookup and operator is a step,
  and one render may take :data:`TEMPLATE_STEPS` of them;
* ``*``, ``+``, ``**``, ``%``, ``~`` and the filters and string methods
  that take a size refuse to build a value beyond :data:`MAX_VALUE`;
* running out ends in :class:`TooMuchWork`, which :func:`schemebook.render.
  render_template` turns into a located error naming the template.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

TEMPLATE_STEPS = 2_000_000
"""Steps one render of a page or printable may take (loop rounds, calls, lookups).
The busiest built-in page, the scheme file reference, takes about 120,000."""

MAX_VALUE = 10_000_000
"""Longest text or list a template may build (characters or items)."""

MAX_ARGUMENT = 100_000
"""Largest number a template may pass as a size (``center``, ``ljust``, ``*``)."""

SIZE_FILTERS = frozenset({"center", "indent", "truncate", "wordwrap", "batch", "slice"})

STEPS: contextvars.ContextVar[list[int]] = contextvars.ContextVar("schemebook_steps")


class TooMuchWork(jinja2.TemplateRuntimeError):
    """A template ran out of steps or tried to build an enormous value."""


def _tick(steps: int = 1) -> None:
    """Spend ``steps`` of the current render's budget."""
    budget = STEPS.get(None)
    if budget is not None:
        budget[0] -= steps
        if budget[0] < 0:
            raise TooMuchWork(f"the template took more than {TEMPLATE_STEPS:,} steps "
                              "(a loop inside a loop, or a macro that calls itself?)")


def sized(value: Any) -> Any:
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_VALUE:
        raise TooMuchWork(f"the template built a value of {len(value):,} characters or "
                          f"items; the limit is {MAX_VALUE:,}")
    return value


def counted(iterable: Any) -> Iterator[Any]:
    """A for loop's items, each one step."""
    for item in iterable:
        _tick()
        yield item


def _check_sizes(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_ARGUMENT:
            raise TooMuchWork(f"{arg:,} is too large a size for a template "
                              f"(at most {MAX_ARGUMENT:,})")


def _budgeted_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        _tick()
        if name in SIZE_FILTERS:
            _check_sizes([*args[1:], *kwargs.values()])
        if name == "format" and args and _wide(args[0]):
            raise TooMuchWork("the format asks for too wide a field")
        return sized(function(*args, **kwargs))

    return run


class _CountLoops(NodeTransformer):
    """Every for loop counts its rounds, every ``~`` checks the length it builds."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "schemebook_counted", [], [], None, None,
                                 lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, "schemebook_sized", [], [], None, None, lineno=node.lineno)


_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d{6,})|\{[^}]*:[^}]*?(\d{6,})")


def _wide(text: Any) -> bool:
    """True for a format string that asks for a field wider than MAX_ARGUMENT."""
    return isinstance(text, str) and _FORMAT_WIDTH.search(text) is not None


class Environment(SandboxedEnvironment):
    """The sandbox, knowing the folders its templates come from (for error locations),
    and counting every step of a render against its budget."""

    roots: tuple[Path, ...] = ()
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        counted: nodes.Template = _CountLoops().visit(tree)
        return counted

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)  # str.format
        if isinstance(owner, str | list | tuple):
            _check_sizes([*args, *kwargs.values()])  # "x".ljust(10**9)
        if isinstance(owner, str) and _wide(owner):
            raise TooMuchWork("the format asks for too wide a field")  # "{:>999999}".format
        return sized(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``+``, ``**`` and ``%`` that would build something enormous."""
    sequence = (str, list, tuple)
    if operator == "*":
        items, times = (left, right) if isinstance(left, sequence) else (right, left)
        size = len(items) * times if isinstance(items, sequence) and isinstance(
            times, int) else 0
    elif operator == "+" and isinstance(left, sequence) and isinstance(right, sequence):
        size = len(left) + len(right)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        size = right * abs(left).bit_length() // 8  # bytes of the result
    else:
        size = MAX_VALUE + 1 if operator == "%" and _wide(left) else 0
    if size > MAX_VALUE:
        raise TooMuchWork(f"the template would build a value of more than {MAX_VALUE:,} "
                          "characters, items or bytes")


def budgeted_filters(env: jinja2.Environment) -> None:
    """Make every filter of ``env`` count a step and check sizes, and add the two
    filters :class:`Environment` puts around loops and ``~``."""
    env.filters.update({name: _budgeted_filter(name, function)
                        for name, function in env.filters.items()})
    env.filters["schemebook_counted"] = counted
    env.filters["schemebook_sized"] = sized


def sandboxed_copy(env: jinja2.Environment) -> Environment:
    """``env`` (a site engine's theme environment, which is not sandboxed) as our
    sandbox: same loader, filters, tests, globals and extensions, and the budget.
    Theme templates are project files too: they must not reach Python either."""
    safe = Environment(loader=env.loader, auto_reload=env.auto_reload,
                       autoescape=env.autoescape, undefined=env.undefined,
                       extensions=[type(e) for e in env.extensions.values()],
                       bytecode_cache=env.bytecode_cache, trim_blocks=env.trim_blocks,
                       lstrip_blocks=env.lstrip_blocks, finalize=env.finalize)
    for name in ("newstyle_gettext",):
        if hasattr(env, name):
            setattr(safe, name, getattr(env, name))
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    safe.globals.update(env.globals)
    safe.policies.update(env.policies)
    budgeted_filters(safe)
    return safe
