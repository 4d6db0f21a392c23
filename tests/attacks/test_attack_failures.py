"""Attacks on failure handling: no traceback for the user's input or the user's machine.

A full, read-only or missing disk is one line naming the path; dates the
outputs cannot carry are located errors at validation; two builds of one
output are serialised by a lock; what a killed build left is removed by the
next; serve shows any rebuild failure in its banner and keeps the last good
site; the no-change check sees every file the build reads.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import MENTOR_PACK_ONLY
from schemebook.commands.build import build
from schemebook.core import disk
from schemebook.core.disk import MARKER, output_lock
from schemebook.core.errors import OutputError
from support.attacks import PAGES_ONLY, cli, project, tree
from support.serving import fetch, free_port, wait_for

SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><title>{}</title></svg>"


@pytest.mark.parametrize("date", ["1950-01-01", "2150-06-30"])
def test_a_build_date_the_outputs_cannot_carry(tmp_path: Path, date: str) -> None:
    folder = project(tmp_path, build_date=date)
    run = cli("build", cwd=folder)
    assert (run.code, run.lines) == (2, [
        f"scheme.yml:3:13: error: build_date: '{date}' cannot be stamped on outputs: give a date "
        "from 2000 to 2099, usually today's", "schemebook: 1 problem; nothing was written"])
    assert not (folder / "site").exists()


def test_source_date_epoch_that_is_not_a_number(tmp_path: Path) -> None:
    folder = project(tmp_path)
    run = cli("build", cwd=folder, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert (run.code, run.lines[0]) == (2, (
        "SOURCE_DATE_EPOCH:1:1: error: the environment variable is 'yesterday', not a number "
        "of seconds since 1970 (unset it, or give e.g. $(git log -1 --format=%ct))"))


def test_out_whose_parent_does_not_exist_is_made(tmp_path: Path) -> None:
    folder = project(tmp_path)
    out = tmp_path / "new" / "deeper" / "site"
    assert build(folder / "scheme.yml", out, PAGES_ONLY).out == out
    assert {MARKER, "index.html"} <= tree(out)


def test_out_that_cannot_be_made(tmp_path: Path) -> None:
    folder = project(tmp_path)
    run = cli("messages", "--out", "/proc/schemebook-nowhere/messages", cwd=folder)
    assert (run.code, run.lines) == (2, [
        "/proc/schemebook-nowhere/messages:1:1: error: cannot write: No such file or directory "
        "(a folder on the way does not exist)", "schemebook: 1 problem; nothing was written"])


@pytest.mark.parametrize(("code", "hint"), [
    (errno.ENOSPC, "the disk is full: free some space and run it again"),
    (errno.EROFS, "the disk is read-only: choose another folder"),
])
def test_a_full_or_read_only_disk_under_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 code: int, hint: str) -> None:
    folder = project(tmp_path)

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(disk.os, "replace", fail)
    run = cli("messages", cwd=folder)
    target = (folder / "private" / "messages" / "01-invitation-mentors.txt").resolve()
    assert (run.code, run.lines) == (2, [
        f"{target}:1:1: error: cannot write: {os.strerror(code)} ({hint})",
        "schemebook: 1 problem; nothing was written"])
    assert [p.name for p in target.parent.iterdir()] == [".schemebook-private"]


def test_a_full_disk_while_the_site_is_swapped_in(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path)
    build(folder / "scheme.yml", options=PAGES_ONLY)
    before = tree(folder / "site")
    (folder / "content").mkdir()
    (folder / "content" / "x.md").write_text("# X\n")

    def fail(self: Path, target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "rename", fail)
    with pytest.raises(OutputError) as info:
        build(folder / "scheme.yml", options=PAGES_ONLY)
    assert [str(p) for p in info.value.problems] == [
        f"{(folder / 'site').resolve()}:1:1: error: cannot write: No space left on device (the "
        "disk is full: free some space and run it again)"]
    assert tree(folder / "site") == before


def test_an_oserror_anywhere_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO), "/dev/sdz1")

    monkeypatch.setattr("schemebook.commands.build.load_editions", fail)
    run = cli("build", cwd=folder)
    assert (run.code, run.lines) == (2, ["/dev/sdz1:1:1: error: failed: Input/output error"])


def test_two_commands_writing_one_output_wait_for_each_other(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with output_lock(out), pytest.raises(OutputError) as info, output_lock(out, wait=0.3):
        pass
    assert [str(p) for p in info.value.problems] == [
        f"{out}:1:1: error: another schemebook command is writing here (wait for it to finish, "
        "or write into another --out)"]
    released: list[float] = []

    def hold() -> None:
        with output_lock(out):
            time.sleep(0.5)
            released.append(time.monotonic())

    thread = threading.Thread(target=hold)
    thread.start()
    time.sleep(0.1)
    with output_lock(out):
        assert released  # the second waited for the first to finish
    thread.join()


@pytest.mark.slow
def test_two_builds_of_one_output_at_once(tmp_path: Path) -> None:
    # One pack is enough to race the PDF staging: the others only made each build longer.
    folder = project(tmp_path, files={"content/x.md": "# X\n"}, packs=MENTOR_PACK_ONLY)
    command = [sys.executable, "-m", "schemebook", "build", "--quiet", "--workers", "1"]
    runs = [subprocess.Popen(command, cwd=folder, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(run.returncode, run.communicate(timeout=600)[1]) for run in runs]
    results = [(run.returncode, err) for run, (_, err) in zip(runs, results, strict=True)]
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in err for _, err in results)
    assert {MARKER, "index.html", "x.html", "downloads/mentor-pack.pdf"} <= tree(folder / "site")
    assert not [p for p in folder.iterdir() if p.name.startswith((".schemebook-site-",
                                                                  "site.old"))]


def test_what_a_killed_build_left_is_removed(tmp_path: Path) -> None:
    folder = project(tmp_path)
    staging = folder / ".schemebook-site-k1ll3d"
    (staging / "project" / "docs").mkdir(parents=True)
    (staging / "project" / "mkdocs.yml").write_text("site_name: half\n")
    (folder / "site.old-schemebook").mkdir()
    build(folder / "scheme.yml", options=PAGES_ONLY)
    assert not staging.exists() and not (folder / "site.old-schemebook").exists()
    assert (folder / "site" / "index.html").is_file()


@pytest.mark.parametrize("place", ["build/logo.svg", ".brand/logo.svg", "public/logo.svg",
                                   "site-assets/logo.svg"])
def test_the_no_change_check_sees_a_logo_wherever_it_is(tmp_path: Path, place: str) -> None:
    folder = project(tmp_path, files={place: SVG.format("first")},
                     brand={"logo": place, "logo_alt": "Logo"})
    site = build(folder / "scheme.yml", options=PAGES_ONLY).out
    (folder / place).write_text(SVG.format("second"), encoding="utf-8")
    build(folder / "scheme.yml", options=PAGES_ONLY)
    assert "second" in (site / "assets" / "logo.svg").read_text(encoding="utf-8")


SERVE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from schemebook.commands import serve as module
    from schemebook.core.options import Options

    real, calls = module.build, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("simulated fault in a rebuild")
        return real(*args, **kwargs)

    if __name__ == "__main__":
        module.build = flaky
        module.serve(Path(sys.argv[1]), port=int(sys.argv[2]), options=Options(packs=False))
""")


@pytest.mark.slow
def test_serve_shows_a_rebuild_failure_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    folder = project(tmp_path)
    script = tmp_path / "serve_flaky.py"
    script.write_text(SERVE)
    port = free_port()
    server = subprocess.Popen([sys.executable, str(script), str(folder / "scheme.yml"),
                               str(port)], cwd=folder, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/index.html"
    try:
        assert wait_for(lambda: "Tiny Scheme" in fetch(url), 120)
        (folder / "scheme.yml").write_text((folder / "scheme.yml").read_text() + "cohort: x\n")
        assert wait_for(lambda: "schemebook-error" in fetch(url), 120)
        page = fetch(url)
        assert "the rebuild failed: RuntimeError: simulated fault in a rebuild" in page
        assert "Tiny Scheme" in page  # the last good site is still served
    finally:
        server.terminate()
        server.wait(timeout=30)
    shutil.rmtree(folder / "site", ignore_errors=True)


@pytest.mark.pdf
@pytest.mark.slow
@pytest.mark.parametrize(("command", "target"), [
    (("personalise", "roster.csv"), "private/packs"),
    (("packs",), "site/downloads/mentor-pack.pdf"),
])
def test_a_full_disk_under_personalise_and_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 command: tuple[str, ...], target: str) -> None:
    folder = project(tmp_path, files={"roster.csv": "pair_id,mentor,mentee\nP01,Ann,Bo\n"})

    def fail(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(disk.os, "replace", fail)
    monkeypatch.setattr(Path, "rename", fail)
    run = cli(*command, "--quiet", cwd=folder)
    assert (run.code, run.lines) == (2, [
        f"{(folder / target).resolve()}:1:1: error: cannot write: No space left on device (the "
        "disk is full: free some space and run it again)",
        "schemebook: 1 problem; nothing was written"])
