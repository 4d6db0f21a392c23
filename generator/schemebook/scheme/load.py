"""Read scheme.yml safely and remember where every value came from.

PyYAML's loaders forget positions, keep the last of two duplicate keys and
expand aliases without limit. We compose the node tree with the safe loader
and build plain Python data ourselves, so that we can report duplicate keys,
refuse custom tags, stop alias bombs and hand line and column numbers to the
validator. Before any of that the file is read with a size limit (a pipe or
a device is refused unread), its text checked for the control characters
refused everywhere (:func:`schemebook.core.escape.control_problem`), and its
nesting counted from PyYAML's events, which need no recursion, so a file
nested hundreds deep is a located error rather than a RecursionError.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.confine import AssetRefused, TooLarge, read_limited
from ..core.errors import InputError, Location, Problem, Report
from ..core.escape import control_problem

MAX_BYTES = 1024 * 1024
"""Largest scheme file we read; a real scheme is a few dozen kilobytes."""

MAX_ALIASES = 100
"""Most alias uses (``*name``) in one file."""

MAX_NODES = 50_000
"""Most values after aliases are expanded: stops 'billion laughs' files."""

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings; a real scheme goes six or seven deep."""

KeyPath = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
}


def dotted(path: KeyPath) -> str:
    """Key path as a coordinator reads it: ``themes[2].title``."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the top level"


def leaves(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every value that is not a mapping or a list, with its key path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, (*path, i))
    else:
        yield path, node


@dataclass
class Document:
    """Plain data from a YAML file plus the position of each key and value."""

    path: Path
    data: Any
    values: dict[KeyPath, Location] = field(default_factory=dict)
    keys: dict[KeyPath, Location] = field(default_factory=dict)

    def locate(self, path: KeyPath, value: bool = False) -> Location:
        """Best position for a key path: the key (or, with ``value``, its value), else a parent."""
        probe = tuple(path)
        if value and probe in self.values:
            return self.values[probe]
        while probe:
            if probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Location(str(self.path)))

    def find(self, text: str) -> Location | None:
        """Where the first text value holding ``text`` starts, in the file's order."""
        for path, where in sorted(self.values.items(), key=lambda item: (item[1].line,
                                                                          item[1].column)):
            value: Any = self.data
            for part in path:
                if isinstance(value, dict):
                    value = value.get(part)
                elif isinstance(value, list) and isinstance(part, int):
                    value = value[part]
                else:
                    value = None
            if isinstance(value, str) and text in value:
                return where
        return None


def read_text(path: Path, display: str | None = None) -> str:
    """Read a UTF-8 text file within the size limit, with located errors."""
    shown = display or str(path)
    try:
        raw = read_limited(path, MAX_BYTES, shown)
    except FileNotFoundError:
        raise InputError([_problem(shown, 1, 1, "file not found")]) from None
    except OSError as exc:
        raise InputError([_problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    except TooLarge as exc:
        raise InputError([_problem(
            shown, 1, 1,
            f"file is {exc.size:,} bytes; the limit is {MAX_BYTES:,} bytes",
            "move long text into pages under content/",
        )]) from None
    except AssetRefused as exc:
        raise InputError([_problem(shown, 1, 1, str(exc),
                                   "give the path of a scheme file")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([_problem(
            shown, line, column,
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (in Word or Notepad: Save As, Encoding UTF-8)",
        )]) from None
    text = text.removeprefix("\ufeff")
    if found := control_problem(text):
        raise InputError([_problem(shown, *found, "delete it; retype the text around it")])
    return text


def load_yaml(path: Path, display: str | None = None, allow_empty: bool = False) -> Document:
    """Load one YAML mapping from ``path``; raise InputError on any problem."""
    shown = display or str(path)
    text = read_text(path, shown)
    return parse_yaml(text, shown, path, allow_empty)


def parse_yaml(
    text: str, shown: str, path: Path | None = None, allow_empty: bool = False
) -> Document:
    """Parse YAML text (already decoded) into a located Document."""
    doc = Document(path=path or Path(shown), data=None)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        if allow_empty:
            doc.data = {}
            return doc
        raise InputError([_problem(shown, 1, 1, "the file is empty",
                                   "start from the example: schemebook init DIR")])
    try:
        _check_depth(text, shown)
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(shown, exc, text)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        raise InputError([_problem(shown, 1, 1, str(exc))]) from None
    if root is None:
        raise InputError([_problem(shown, 1, 1, "the file is empty")])
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        raise InputError([_problem(
            shown, mark.line + 1, mark.column + 1,
            "the top level must be a mapping of keys (name: ..., organisation: ...), "
            f"not a {_kind(root)}",
        )])
    report = Report()
    builder = _Builder(shown, doc, report)
    doc.data = builder.build(root, ())
    report.raise_if_errors(InputError)
    return doc


FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser, when PyYAML was built with it: many times faster than the
pure-Python one, which every load (and so every serve rebuild) pays for. A document
libyaml refuses is parsed again by the pure-Python loader, whose error messages the
problems quote (and which decides: libyaml and PyYAML disagree on a few edge cases)."""


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree, with line and column marks on every node."""
    if FAST_LOADER is not None:
        fast = FAST_LOADER(text)
        try:
            return fast.get_single_node()  # type: ignore[no-any-return]
        except yaml.YAMLError:
            pass  # the pure-Python loader below says what is wrong, and where
        finally:
            fast.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _check_depth(text: str, shown: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, counted on PyYAML's events (no recursion)."""
    if FAST_LOADER is not None:
        try:
            _count_depth(yaml.parse(text, Loader=FAST_LOADER), shown)
            return
        except yaml.YAMLError:
            pass  # libyaml disagrees: count again on the loader whose errors we report
    _count_depth(yaml.parse(text, Loader=yaml.SafeLoader), shown)


def _count_depth(events: Any, shown: str) -> None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise InputError([_problem(shown, line, column,
                                           f"lists and sections are nested more than "
                                           f"{MAX_DEPTH} deep", "flatten the structure")])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    return "single value"


def _problem(path: str, line: int, column: int, message: str, hint: str = "") -> Problem:
    return Problem(Location(path, line, column), message, hint)


def _yaml_problem(shown: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = exc.problem or "invalid YAML"
    hint = ""
    if "\t" in problem or "'\\t'" in problem or _tab_at(text, line):
        problem = "a tab character is used for indentation"
        hint = "YAML needs spaces: replace each tab with two spaces"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be put in quotes"
    elif "could not find expected ':'" in problem:
        hint = "each line needs 'key: value'; check the line above for a missing colon"
    elif "found undefined alias" in problem:
        hint = "an alias *name needs an anchor &name above it"
    return _problem(shown, line, column, problem, hint)


def _tab_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    near = lines[max(0, line - 2): line]
    return any(raw[: len(raw) - len(raw.lstrip())].count("\t") for raw in near)


class _Builder:
    """Turn composed nodes into dicts, lists and scalars with positions."""

    def __init__(self, shown: str, doc: Document, report: Report):
        self.shown = shown
        self.doc = doc
        self.report = report
        self.nodes = 0
        self.aliases = 0
        self.seen_anchored: set[int] = set()
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.stopped = False

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if self.stopped:
            return None
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._stop(node, f"the file expands to more than {MAX_NODES:,} values",
                       "remove repeated aliases (*name)")
            return None
        if id(node) in self.seen_anchored:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                self._stop(node, f"more than {MAX_ALIASES} aliases (*name) are used",
                           "write the values out instead of repeating aliases")
                return None
        self.seen_anchored.add(id(node))
        self.doc.values.setdefault(path, self.loc(node))
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.report.error(self.loc(node), f"the tag {tag} is not allowed",
                              "remove the '!' tag; scheme files hold plain values only")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _stop(self, node: yaml.Node, message: str, hint: str) -> None:
        """Report a limit reached at ``node`` and read no further: past a limit the
        file is an attack or a mistake, and every later value would only add to it."""
        self.report.error(self.loc(node), message, hint)
        self.stopped = True

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            # An impossible date such as 2026-02-30: keep the text so that
            # validation reports it at its key, along with every other problem.
            return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, path)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            result.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.report.error(self.loc(key_node), "a key must be a plain word",
                                  "keys like 'name' or 'themes', not lists or mappings")
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str | int):
                key = str(key)
            here = self.loc(key_node)
            if key in first_seen:
                before = first_seen[key]
                self.report.error(
                    here,
                    f"duplicate key '{key}' (first given at line {before.line}); "
                    "YAML would silently keep only the last one",
                    "merge the two entries or delete one",
                )
                continue
            first_seen[key] = here
            self.doc.keys[(*path, key)] = here
            result[key] = self.build(value_node, (*path, key))
        return result
