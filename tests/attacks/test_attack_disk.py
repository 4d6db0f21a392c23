"""Attacks on what is kept on disk: nothing there is trusted.

The caches in .schemebook-cache/ record the sha256 of every entry and are
sealed with a key kept outside the project (schemebook.core.seal): a damaged
entry is made again with a warning, one that this user's schemebook did
not write (a committed or copied cache) is ignored, so compiled template
code planted there never runs. calendar.lock that cannot be read is a
located error that says how to repair it, never a silent reset.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from conftest import MENTOR_PACK_ONLY
from pypdf import PdfReader
from schemebook.commands.build import build
from schemebook.core.options import Options
from schemebook.core.paths import CACHE_FOLDER
from support.attacks import PAGES_ONLY, cli, problems, project

REPAIR = ("(restore it from git (git checkout calendar.lock); only if there is no good copy, "
          "delete it: the numbers start again at 0 and calendars that already hold the events "
          "will not take moved dates)")


def in_folder(folder: Path, options: Options = PAGES_ONLY) -> list[str]:
    """Build from inside ``folder``; the warnings, as printed."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        return [str(w) for w in build(folder / "scheme.yml", options=options).warnings]
    finally:
        os.chdir(here)


class Planted:
    """A pickle that leaves a file behind if anything ever loads it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "planted code ran"))


@pytest.mark.pdf
@pytest.mark.slow
@pytest.mark.own_cache
def test_a_truncated_cached_pdf_is_rendered_again(tmp_path: Path) -> None:
    folder = project(tmp_path, packs=MENTOR_PACK_ONLY)
    in_folder(folder, Options())
    cached = sorted((folder / CACHE_FOLDER / "pdf").glob("*.pdf"))
    names = {json.loads(p.with_suffix(".json").read_text())["name"]: p for p in cached}
    damaged = names["mentor-pack.pdf"]
    damaged.write_bytes(damaged.read_bytes()[:2000])
    (folder / "content").mkdir()
    (folder / "content" / "x.md").write_text("# X\n")  # an edit, so the build runs
    warnings = in_folder(folder, Options())
    assert ".schemebook-cache/pdf:1:1: warning: the cached mentor-pack.pdf was damaged (it " \
           "no longer matches the hash recorded when it was written); it was made again" in \
           [w.replace(str(folder) + "/", "") for w in warnings]
    published = folder / "site" / "downloads" / "mentor-pack.pdf"
    assert len(PdfReader(published).pages) > 5
    assert damaged.read_bytes() == published.read_bytes()  # the entry was written again


@pytest.mark.own_cache
def test_a_damaged_cached_site_is_built_again(tmp_path: Path) -> None:
    folder = project(tmp_path, files={"content/x.md": "# X\n\nFirst.\n"})
    in_folder(folder)
    page = next((folder / CACHE_FOLDER / "site").glob("*/site/x.html"))
    good = page.read_bytes()
    page.write_bytes(b"<p>defaced</p>")
    (folder / "content" / "x.md").write_text("# X\n\nSecond.\n")
    in_folder(folder)  # another site: the damaged entry is not needed yet
    (folder / "content" / "x.md").write_text("# X\n\nFirst.\n")
    warnings = in_folder(folder)
    assert [w.replace(str(folder) + "/", "") for w in warnings
            if "was damaged" in w] == [
        ".schemebook-cache/site:1:1: warning: the cached site was damaged (it no longer matches "
        "the hash recorded when it was written); it was made again"]
    assert (folder / "site" / "x.html").read_bytes() == good


@pytest.mark.own_cache
def test_planted_template_code_in_the_cache_never_runs(tmp_path: Path) -> None:
    folder = project(tmp_path, files={"content/x.md": "# X\n\nFirst.\n"})
    in_folder(folder)
    marker = tmp_path / "planted"
    entries = list((folder / CACHE_FOLDER / "jinja").glob("*"))
    assert entries
    for entry in entries:  # what a commit could put there: Jinja's header and a pickle
        entry.write_bytes(b"j2" + pickle.dumps(Planted(marker)))
    (folder / "content" / "x.md").write_text("# X\n\nSecond.\n")
    in_folder(folder)
    assert not marker.exists()
    assert "Second." in (folder / "site" / "x.html").read_text(encoding="utf-8")


def test_a_build_record_written_by_someone_else_is_ignored(tmp_path: Path) -> None:
    folder = project(tmp_path)
    in_folder(folder)
    record = folder / CACHE_FOLDER / "last-build.json"
    data = json.loads(record.read_text())
    data["seal"] = "0" * 64
    record.write_text(json.dumps(data))
    (folder / "site" / "index.html").write_text("defaced")
    in_folder(folder)
    assert "defaced" not in (folder / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "calendar.lock:1:2: error: calendar.lock cannot be read: not valid JSON: "
     "Expecting property name enclosed in double quotes"),
    (b'{"events": []}', "calendar.lock:1:1: error: calendar.lock cannot be read: it does not "
     "hold the events schemebook records"),
    (b'{"events": {"x": {"sequence": "two"}}}', "calendar.lock:1:1: error: calendar.lock "
     "cannot be read: it does not hold the events schemebook records"),
    (b'{"events": {}}\xff', "calendar.lock:1:1: error: calendar.lock cannot be read: byte 14 "
     "is not UTF-8"),
    (b"[" * 100_000, "calendar.lock:1:1: error: calendar.lock cannot be read: nested too "
     "deeply"),
])
def test_calendar_lock_that_cannot_be_read(tmp_path: Path, content: bytes,
                                           message: str) -> None:
    folder = project(tmp_path)
    (folder / "calendar.lock").write_bytes(content)
    assert problems(folder) == [f"{message} {REPAIR}"]
    assert (folder / "calendar.lock").read_bytes() == content  # never reset
    assert not (folder / "site").exists()


def test_calendar_lock_error_through_the_command(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "calendar.lock").write_text("garbage")
    run = cli("build", cwd=folder)
    assert (run.code, run.lines) == (2, [
        f"calendar.lock:1:1: error: calendar.lock cannot be read: not valid JSON: Expecting "
        f"value {REPAIR}", "schemebook: 1 problem; nothing was written"])
