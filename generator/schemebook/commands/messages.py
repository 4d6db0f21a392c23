"""``schemebook messages``: the messages to participants as plain-text files."""

from __future__ import annotations

from pathlib import Path

from ..core.disk import folder_problems, write_atomic
from ..core.errors import OutputError, Report
from ..core.options import Options
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
    folder = (out or root / "private" / "messages").resolve()
    refused = [problem for target in {folder, *(folder / code for code, _ in rendered)}
               for problem in folder_problems(target, root, "refusing to write messages here",
                                              "give --out a folder such as private/messages/")]
    if refused:
        raise OutputError(refused)
    written = []
    for code, messages in rendered:
        (folder / code).mkdir(parents=True, exist_ok=True)
        for message in messages:
            target = folder / code / message.filename
            write_atomic(target, message.text().encode("utf-8"))
            written.append(target)
    return written
