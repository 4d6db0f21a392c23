"""Collect what a library logs while it works, to report it as our own warnings.

MkDocs and WeasyPrint speak through ``logging``; we gather their warnings
during one call and hand them back as located problems instead of letting
them scroll past on the terminal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Collector(logging.Handler):
    """Keeps each distinct warning message, in the order they came."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def collect_warnings(logger_name: str) -> Iterator[Collector]:
    """Gather warnings of ``logger_name`` (and its children) while the block runs."""
    collector = Collector()
    logger = logging.getLogger(logger_name)
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
