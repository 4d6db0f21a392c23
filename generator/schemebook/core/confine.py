"""Project files the build may read: confined to the project folder.

The site is public, so a scheme must not be able to publish a server's files:
every asset path is resolved, symlinks included, and must stay inside the
project root.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"}
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf"}


class AssetRefused(ValueError):
    """An asset path that is absolute, escapes the project, or is missing."""


def resolve_asset(root: Path, relative: str, suffixes: set[str] | None = None) -> Path:
    """The real file behind ``relative``, or AssetRefused saying why not."""
    if not relative or relative.strip() != relative:
        raise AssetRefused("the path is empty or has spaces around it")
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        raise AssetRefused(f"'{relative}' is an absolute path; give a path inside the project")
    if ".." in pure.parts:
        raise AssetRefused(f"'{relative}' leaves the project folder ('..' is not allowed)")
    base = root.resolve()
    target = (base / pure).resolve()
    if not target.is_relative_to(base):
        raise AssetRefused(f"'{relative}' is a link that leads outside the project folder")
    if not target.is_file():
        raise AssetRefused(f"'{relative}' does not exist in the project folder")
    if suffixes is not None and target.suffix.lower() not in suffixes:
        raise AssetRefused(
            f"'{relative}' is not one of the accepted types ({', '.join(sorted(suffixes))})"
        )
    return target
