"""Imported once by the worker processes' forkserver, before any worker forks.

Workers then start with WeasyPrint imported and the bundled fonts already
decompressed (about a second and a half of work each would otherwise repeat).
Nothing here starts a thread or touches Pango, so forking stays safe.
"""

import gc

from ..core.paths import FONTS
from .weasyprint import warm_fonts

warm_fonts(FONTS)
gc.freeze()  # what the workers inherit is never garbage: keep it out of every collection
