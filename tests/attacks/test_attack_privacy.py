"""Attacks on privacy: files with people's names never land where the site is published.

One guard, schemebook.core.privacy.refuse_private_output, serves every file
that carries names (personalise now; the matching and report commands when
they come). It refuses any output inside content/, templates/, assets/,
the site or another built site, through links too, and inside a
.schemebook-cache folder; a folder schemebook did not make is never
overwritten; and nothing in a private folder is recorded by the caches.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from schemebook.commands.build import build
from schemebook.core.disk import MARKER
from schemebook.core.errors import OutputError
from schemebook.core.options import Options
from schemebook.core.paths import CACHE_FOLDER
from schemebook.core.privacy import PRIVATE_MARKER, mark_private, refuse_private_output
from support.attacks import cli, link, project, tree

ROSTER = "pair_id,mentor,mentee\nP01,Gwenllian ap Rhys,Professor Daniel Hartley\n"
HINT = "(use the default private/ beside scheme.yml, or another folder outside the site)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return project(tmp_path, files={"roster.csv": ROSTER})


@pytest.mark.parametrize("out", ["content/names", "templates/print/names", "assets/names",
                                 "site/downloads/names", "content"])
def test_personalise_into_a_published_folder(folder: Path, out: str) -> None:
    run = cli("personalise", "roster.csv", "--out", out, cwd=folder)
    place = (folder / out.split("/")[0]).resolve()
    assert (run.code, run.lines) == (2, [
        f"{(folder / out).resolve()}:1:1: error: refusing to write personalised packs inside "
        f"{place}: they hold people's names and would be published {HINT}",
        "schemebook: 1 problem; nothing was written"])
    assert not (folder / out).exists() or tree(folder / out) == set()


def test_personalise_into_another_built_site(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "public"
    other.mkdir()
    (other / MARKER).write_text("")
    run = cli("personalise", "roster.csv", "--out", str(other / "people"), cwd=folder)
    assert run.lines[0] == (f"{other / 'people'}:1:1: error: refusing to write personalised "
                            f"packs inside {other}: they hold people's names and would be "
                            f"published {HINT}")
    assert tree(other) == {MARKER}


def test_personalise_through_a_link_into_content(folder: Path) -> None:
    (folder / "content" / "names").mkdir(parents=True)
    link(folder / "private", folder / "content" / "names")
    run = cli("personalise", "roster.csv", cwd=folder)
    assert run.lines[0] == (f"{(folder / 'content' / 'names').resolve()}:1:1: error: refusing "
                            "to write personalised packs inside "
                            f"{(folder / 'content').resolve()}: they hold people's names and "
                            f"would be published {HINT}")
    assert tree(folder / "content") == set()


def test_personalise_into_a_cache_folder_a_ci_workflow_keeps(folder: Path) -> None:
    run = cli("personalise", "roster.csv", "--out", f"{CACHE_FOLDER}/people", cwd=folder)
    cache = (folder / CACHE_FOLDER).resolve()
    assert run.lines[0] == (f"{cache / 'people'}:1:1: error: refusing to write personalised "
                            f"packs inside {cache}: they hold people's names and a CI workflow "
                            f"may keep that folder {HINT}")
    assert not (cache / "people").exists()


def test_personalise_over_a_folder_someone_else_filled(folder: Path) -> None:
    theirs = folder / "private"
    (theirs / "packs").mkdir(parents=True)
    (theirs / "packs" / "notes.docx").write_bytes(b"mine")
    run = cli("personalise", "roster.csv", cwd=folder)
    assert run.lines[0] == (f"{theirs.resolve() / 'packs'}:1:1: error: this folder has files "
                            "schemebook did not create (move them, or choose another --out)")
    assert tree(theirs) == {"packs/notes.docx"}


def test_messages_into_content_and_over_someone_elses_folder(folder: Path) -> None:
    run = cli("messages", "--out", "content/messages", cwd=folder)
    assert run.lines[0] == (f"{(folder / 'content' / 'messages').resolve()}:1:1: error: "
                            f"refusing to write messages inside {(folder / 'content').resolve()}"
                            f": they hold people's names and would be published {HINT}")
    theirs = folder / "letters"
    theirs.mkdir()
    (theirs / "pairing.txt").write_text("my own letter\n")
    run = cli("messages", "--out", "letters", cwd=folder)
    assert (run.code, run.lines[0]) == (2, (
        f"{theirs.resolve()}:1:1: error: this folder has files schemebook did not create (move "
        f"them, or choose another --out; schemebook only writes into folders with "
        f"{PRIVATE_MARKER})"))
    assert (theirs / "pairing.txt").read_text() == "my own letter\n"
    assert tree(theirs) == {"pairing.txt"}


def test_messages_mark_their_folder_and_write_again(folder: Path) -> None:
    assert cli("messages", cwd=folder).code == 0
    written = folder / "private" / "messages"
    assert PRIVATE_MARKER in tree(written) and "03-pairing.txt" in tree(written)
    assert cli("messages", cwd=folder).code == 0


def test_packs_over_a_folder_someone_else_filled(folder: Path) -> None:
    theirs = folder / "handouts"
    theirs.mkdir()
    (theirs / "mentor-pack.pdf").write_bytes(b"my own pack")
    run = cli("packs", "--out", "handouts", cwd=folder)
    assert (run.code, run.lines[0]) == (2, (
        f"{theirs.resolve()}:1:1: error: this folder has files schemebook did not create (move "
        "them, or choose another --out; schemebook only writes into folders with "
        ".schemebook-packs)"))
    assert (theirs / "mentor-pack.pdf").read_bytes() == b"my own pack"


def test_the_guard_itself(folder: Path, tmp_path: Path) -> None:
    """The guard other commands call: it returns the real folder it allows."""
    assert refuse_private_output(folder / "private", folder, what="pairings") == \
        (folder / "private").resolve()
    extra = folder / "handouts"
    with pytest.raises(OutputError, match="refusing to write pairings inside"):
        refuse_private_output(extra / "x", folder, what="pairings", published=[extra])
    with pytest.raises(OutputError, match="refusing to write pairings here"):
        refuse_private_output(folder, folder, what="pairings")


def test_no_name_reaches_the_build_record(folder: Path) -> None:
    """The no-change record in .schemebook-cache lists the project's files: never the
    files of a folder marked as holding names (their file names hold names)."""
    people = folder / "people"
    mark_private(people)
    (people / "P01-mentor-gwenllian-ap-rhys.pdf").write_bytes(b"%PDF-")
    here = os.getcwd()
    os.chdir(folder)
    try:
        build(folder / "scheme.yml", options=Options(packs=False))
    finally:
        os.chdir(here)
    record = (folder / CACHE_FOLDER / "last-build.json").read_text(encoding="utf-8")
    assert "gwenllian" not in record and json.loads(record)["seal"]
    assert "scheme.yml" in record
