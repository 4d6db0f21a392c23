"""How big an image is, found before any work is done with it.

The logo goes into every page and every PDF, and WeasyPrint decodes it for
each PDF: a 20000 x 10000 pixel PNG would take gigabytes, and Pillow stops
such a file with an exception of its own. Only the header is read here.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000
"""Most pixels an image schemebook decodes may have (a 8000 x 5000 photo)."""
MAX_BYTES = 20 * 1024 * 1024
"""Largest logo or favicon file."""
LARGE_BYTES = 1024 * 1024
"""A logo or favicon larger than this is a warning: every page and PDF carries it."""
LARGE_SIDE = 4000
"""Nor need a logo be wider or taller than this many pixels."""


@dataclass(frozen=True)
class ImageSize:
    """A file's bytes and, for a raster image, its width and height (0 when unknown)."""

    bytes: int
    width: int = 0
    height: int = 0
    many: int = 0
    """Pixels, when Pillow refused to open the image at all (width and height unknown)."""

    @property
    def pixels(self) -> int:
        return self.many or self.width * self.height

    def __str__(self) -> str:
        size = f"{self.bytes / 1024 / 1024:.1f} MB" if self.bytes >= 1024 * 1024 else (
            f"{max(1, round(self.bytes / 1024))} KB")
        if self.many:
            return f"{size}, {self.many:,} pixels"
        return f"{size}, {self.width} x {self.height} pixels" if self.width else size


def image_size(path: Path) -> ImageSize:
    """The size of the image at ``path`` from its header only (SVG: bytes only)."""
    size = path.stat().st_size
    if path.suffix.lower() == ".svg":
        return ImageSize(size)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError as exc:  # its message gives the pixels
        found = re.search(r"\((\d+) pixels\)", str(exc))
        return ImageSize(size, many=int(found.group(1)) if found else MAX_PIXELS + 1)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ImageSize(size)  # not an image: the print check says so
    return ImageSize(size, width, height)


def size_problem(size: ImageSize) -> tuple[str, str]:
    """(error, warning) about ``size``: an error when too large to use, a warning when
    larger than a logo needs to be; '' for none."""
    if size.bytes > MAX_BYTES or size.pixels > MAX_PIXELS:
        return (f"the image is too large to use ({size}; at most {MAX_BYTES // 1024 // 1024} "
                f"MB and {MAX_PIXELS // 1_000_000} million pixels)", "")
    if size.bytes > LARGE_BYTES or max(size.width, size.height) > LARGE_SIDE:
        return "", (f"the image is large ({size}): every page and PDF carries it; a few "
                    "hundred KB and 1000 pixels across are plenty")
    return "", ""
