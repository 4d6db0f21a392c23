"""What a rebuild in the same process need not do again: with :mod:`.mkdocs`, the
only module that knows MkDocs (this one knows what MkDocs keeps on pages).

``serve`` runs MkDocs after every edit, and most pages come out as before. Kept
per process, each bounded, and each keyed by everything its result depends on:

- the Markdown conversion of each page (:class:`MemoRender`);
- the listing of the installed theme's files (:class:`ListedOnce`);
- each page's finished HTML (:class:`KeptPages`), only while the theme's templates
  are Material's and schemebook's own, which read nothing of a page but the page
  itself and the menu: a project's own theme templates turn it off.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import mkdocs
from material import __version__ as MATERIAL  # type: ignore[import-untyped]

from ..core.memo import Memo, digest
from ..core.paths import builtin

SNIPPETS = "pymdownx.snippets"

_LISTED: dict[str, list[str]] = {}


class ListedOnce:
    """``theme.get_env`` whose loader lists the installed theme's folders once per
    process: MkDocs lists all of Material's 14,500 files (icons included) to find its
    static files on every build, a tenth of a second. The project's own theme folder
    is listed afresh each time. Names under a dot folder (the icons) are left out:
    MkDocs' filter of static files drops them anyway."""

    def __init__(self, theme: Any) -> None:
        self.theme, self.made = theme, type(theme).get_env.__get__(theme)

    def __call__(self) -> Any:
        env = self.made()
        env.loader.list_templates = self.list_templates
        return env

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.theme.dirs:
            if folder == self.theme.custom_dir:
                names.update(jinja2.FileSystemLoader(folder).list_templates())
                continue
            if folder not in _LISTED:
                _LISTED[folder] = [n for n in jinja2.FileSystemLoader(folder).list_templates()
                                   if not any(part.startswith(".") for part in n.split("/"))]
            names.update(_LISTED[folder])
        return sorted(names)


MEMO_PAGES = 512
"""Pages whose Markdown conversion the process keeps (a few MB): serve converts only
the pages an edit changed, which was a third of MkDocs' time on a one-page edit."""


@dataclass(frozen=True)
class _Converted:
    """What ``Page.render`` leaves on a page, and what it logged meanwhile."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the linked page's source path."""
    records: tuple[logging.LogRecord, ...]


_CONVERTED: Memo[_Converted] = Memo(MEMO_PAGES)


class MemoRender:
    """``page.render`` that converts a page's Markdown once per process for the same
    inputs: its text, where it and every other file of the site live (links are
    resolved against them) and the Markdown settings. Settings that read other files
    (snippets) or cannot be told apart between builds are never kept."""

    def __init__(self, page: Any, render: Callable[[Any, Any], None],
                 files_key: list[bytes]) -> None:
        self.page, self.original, self.files_key = page, render, files_key

    def __call__(self, config: Any, files: Any) -> None:
        key = self._key(config, files)
        hit = _CONVERTED.get(key) if key is not None else None
        if hit is not None:
            self._apply(hit, files)
            return
        with _logged() as records:
            self.original(config, files)
        if key is not None:
            page = self.page
            links = None if page.links_to_anchors is None else {
                f.src_uri: dict(v) for f, v in page.links_to_anchors.items()}
            _CONVERTED.put(key, _Converted(page.content, copy.deepcopy(page.toc),
                                           page._title_from_render, page.present_anchor_ids,
                                           links, tuple(records)))

    def _key(self, config: Any, files: Any) -> bytes | None:
        extensions = config["markdown_extensions"]
        if any(not isinstance(e, str) or e == SNIPPETS for e in extensions):
            return None  # snippets read files the key does not cover
        if not self.files_key:
            self.files_key.append(digest(*(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion}"
                                           for f in files)))
        file = self.page.file
        settings = repr((extensions, _named(config["mdx_configs"]),
                         config["use_directory_urls"], config["validation"],
                         file.src_uri, file.dest_uri, file.url))
        if " at 0x" in settings:  # an object made for this build: not the same next time
            return None
        return digest(self.page.markdown, settings, self.files_key[0])

    def _apply(self, hit: _Converted, files: Any) -> None:
        page = self.page
        page.content, page.toc = hit.content, copy.deepcopy(hit.toc)
        page._title_from_render = hit.title
        page.present_anchor_ids = hit.anchors
        if hit.links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(v)
                                     for uri, v in hit.links.items()}
        for record in hit.records:  # the same warnings as converting it again
            logging.getLogger(record.name).handle(record)


def _named(value: Any) -> Any:
    """``value`` with every function (a slugify named in mkdocs.yml) by its dotted name,
    which stays the same from one build to the next where its repr need not."""
    if isinstance(value, dict):
        return {k: _named(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_named(v) for v in value]
    if callable(value) and hasattr(value, "__qualname__") and "<" not in value.__qualname__:
        return f"{value.__module__}.{value.__qualname__}"
    return value


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: dict[int, logging.LogRecord] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.records.setdefault(id(record), record)


@contextmanager
def _logged() -> Iterator[list[logging.LogRecord]]:
    """The records logged while the block runs (MkDocs' logger does not propagate
    to the root when its command line set it up, so both are listened to)."""
    handler, found = _Records(), list[logging.LogRecord]()
    loggers = (logging.getLogger(), logging.getLogger("mkdocs"))
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield found
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
        found.extend(handler.records.values())




_FINISHED: Memo[str] = Memo(MEMO_PAGES)


class KeptPages:
    """One build's key to the pages it renders: what every page shares (the project's
    mkdocs.yml, the theme and its versions, the menu) digested at its first page,
    then each page's own fields."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self.shared: bytes | None = None

    def template_class(self) -> type[jinja2.Template]:
        """The class of the build's templates: a page's HTML is rendered once."""
        return type("KeptPage", (_KeptPage,), {"pages": self})

    def key(self, name: str, context: dict[str, Any]) -> bytes | None:
        page = context.get("page")
        if page is None or context.get("nav") is None:
            return None
        if self.shared is None:
            self.shared = self._shared(context)
        toc = _toc(page.toc)
        meta = repr(sorted((str(k), repr(v)) for k, v in page.meta.items()))
        return digest(self.shared, name, page.content or "", toc, meta, str(page.title),
                      str(page.url), str(page.canonical_url), str(page.abs_url),
                      str(page.edit_url), str(getattr(page, "update_date", "")),
                      str(page.is_homepage))

    def _shared(self, context: dict[str, Any]) -> bytes:
        theme = Path(self.config.theme.custom_dir)
        overrides = [(p.relative_to(theme).as_posix(), p.read_bytes())
                     for p in sorted(theme.rglob("*")) if p.is_file()]
        return digest(Path(self.config.config_file_path).read_bytes(), mkdocs.__version__,
                      MATERIAL, *(f"{rel}\0" for rel, _ in overrides),
                      *(data for _, data in overrides), _nav(context["nav"].items))


def builtin_theme(config: Any) -> bool:
    """Whether the project's theme folder holds schemebook's own theme files only."""
    if config.theme.custom_dir is None:
        return False
    ours, theirs = builtin() / "templates" / "theme", Path(config.theme.custom_dir)
    found = {p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file()}
    return all((ours / rel).is_file() and (ours / rel).read_bytes() == (theirs / rel).read_bytes()
               for rel in found)


class _KeptPage(jinja2.Template):
    """A template whose ``render`` for a page gives the HTML it gave for the same key.
    Only MkDocs calls ``render``; Jinja's own includes and extends do not."""

    pages: KeptPages

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], dict) else None
        key = self.pages.key(str(self.name), context) if context is not None else None
        if key is None:
            return super().render(*args, **kwargs)
        found = _FINISHED.get(key)
        return found if found is not None else _FINISHED.put(key, super().render(*args, **kwargs))


def _nav(items: Any) -> str:
    """The menu as text: every entry's kind, title and address, nested."""
    return "".join(f"({type(item).__name__}\0{item.title}\0{getattr(item, 'url', '')}"
                   f"{_nav(item.children or ())})" for item in items)


def _toc(items: Any) -> str:
    return "".join(f"({item.title}\0{item.id}\0{item.level}{_toc(item.children)})"
                   for item in items)
