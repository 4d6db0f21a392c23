"""Files the build may read: one rule for all of them.

The site is public and several people edit a project, so no file from
outside the project may reach it. Every file a build reads from a project
(scheme.yml's assets, pages, includes, theme and print files, snippets,
fonts, images, style sheets, calendar.lock) goes through :func:`confine`:
links are resolved, and the real file must be a regular file inside the
project folder (or inside schemebook's own files, for the built-in ones).
A path typed by a person goes through :func:`resolve_asset` first, which
also refuses absolute paths and ``..``. :func:`read_limited` reads with a
size limit, so ``/dev/zero`` or a huge file cannot hang the build.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"}
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf"}

MAX_TEXT_BYTES = 1024 * 1024
"""Largest page, template, style sheet or other text file read (1 MiB)."""
MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest image, font or other file published or embedded (50 MiB)."""


class AssetRefused(ValueError):
    """A path that is absolute, escapes the project, is missing, too large or not a file."""


class TooLarge(AssetRefused):
    """A file over its size limit; ``size`` is what it holds, as far as is known."""

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size


def confine(root: Path, path: Path, shown: str = "") -> Path:
    """The real file behind ``path``, which must be a regular file inside ``root``.

    The one rule for every file a build reads: links are followed to their
    target, and a target outside ``root`` (an ``/etc`` file, a folder elsewhere)
    is refused, as are folders, devices and pipes.
    """
    shown = shown or str(path)
    base = root.resolve()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links
        raise AssetRefused(f"'{shown}' does not exist in the project folder") from None
    if not target.is_relative_to(base):
        raise AssetRefused(f"'{shown}' is a link that leads outside the project folder")
    mode = target.stat().st_mode
    if not stat.S_ISREG(mode):
        raise AssetRefused(f"'{shown}' is not a regular file")
    return target


def resolve_asset(root: Path, relative: str, suffixes: set[str] | None = None) -> Path:
    """The real file behind ``relative`` (as typed in scheme.yml or mkdocs.yml),
    confined to ``root``; AssetRefused saying why not."""
    if not relative or relative.strip() != relative:
        raise AssetRefused("the path is empty or has spaces around it")
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        raise AssetRefused(f"'{relative}' is an absolute path; give a path inside the project")
    if ".." in pure.parts:
        raise AssetRefused(f"'{relative}' leaves the project folder ('..' is not allowed)")
    target = confine(root, root / pure, relative)
    if suffixes is not None and target.suffix.lower() not in suffixes:
        raise AssetRefused(
            f"'{relative}' is not one of the accepted types ({', '.join(sorted(suffixes))})"
        )
    return target


def read_limited(path: Path, limit: int = MAX_FILE_BYTES, shown: str = "") -> bytes:
    """The bytes of the regular file ``path``, refused beyond ``limit`` bytes.

    The file is opened first and checked after, so a pipe, a device or a file
    that grows while it is read is never read past the limit.
    """
    shown = shown or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a pipe must not block the open
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise AssetRefused(f"'{shown}' is not a regular file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"'{shown}' is over {limit:,} bytes, the limit for this file",
                       max(status.st_size, len(data)))
    return data


def confined_files(root: Path, folder: Path,
                   shown: str = "") -> Iterator[tuple[str, Path | AssetRefused]]:
    """Every file under ``folder`` by its path relative to it (links to folders
    followed once), with its real path, or why :func:`confine` refused it;
    messages name each file as ``shown`` followed by that path."""
    seen: set[Path] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        real = current.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(folder).as_posix()
            if entry.is_dir():  # follows a link: where it leads is checked below
                if path.resolve().is_relative_to(root.resolve()):
                    stack.append(path)
                else:
                    yield rel, AssetRefused(f"'{shown}{rel}' is a link to a folder outside "
                                            "the project folder")
                continue
            try:
                yield rel, confine(root, path, shown + rel)
            except AssetRefused as exc:
                yield rel, exc
