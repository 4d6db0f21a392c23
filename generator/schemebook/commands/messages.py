"""``schemebook messages``: the messages to participants as plain-text files.

They are written for a mail merge, so they are treated as files with names:
the folder passes :func:`schemebook.core.privacy.refuse_private_output` and
is marked; a folder someone else filled is refused, not overwritten.
"""

from __future__ import annotations

from pathlib import Path

from ..core.disk import output_lock, write_atomic
from ..core.errors import Report
from ..core.options import Options
from ..core.privacy import mark_private, refuse_private_output
from .build import load_editions


def write_messages(scheme_path: Path, out: Path | None = None) -> list[Path]:
    """``schemebook messages``: the filled-in messages as .txt files in ``out``, and
    each further language's in ``out/CODE/``, all rendered before any is written.

    The default is private/messages/, which ``schemebook init`` keeps out of
    git, so a scheme whose coordinator pages are not published still has the files.
    """
    editions = load_editions(scheme_path, Options(), Report())
    rendered = [(e.code, e.context["participant_messages"]) for e in editions]
    root = editions[0].root
    folder = refuse_private_output(out or root / "private" / "messages", root,
                                   what="messages")
    written = []
    with output_lock(folder, inside=True):
        for code, messages in rendered:
            mark_private(folder / code)
            for message in messages:
                target = folder / code / message.filename
                write_atomic(target, message.text().encode("utf-8"))
                written.append(target)
    return written
