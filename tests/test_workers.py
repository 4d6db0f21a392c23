"""workers.py and progress.py: real WeasyPrint in real, reused worker processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from generator import workers
from generator.cache import PdfCache
from generator.workers import PdfResult, RenderRequest, render_all

HTML = "<!doctype html><html><body><h1>{}</h1><p>Short page.</p></body></html>"


def requests(folder: Path, n: int, label: str = "page") -> list[RenderRequest]:
    return [RenderRequest(f"{label}-{i}.pdf", HTML.format(f"{label} {i}"), folder, (folder,))
            for i in range(n)]


def test_workers_are_separate_processes_reused_across_batches(tmp_path: Path) -> None:
    # Earlier tests may have used most of the pool's share of documents
    # (TASKS_PER_WORKER), and a worn pool is rightly replaced: start afresh.
    workers.shutdown()
    with workers.configured(workers=2):
        first = render_all(requests(tmp_path, 4, "first"))
        started = set(workers.pool(2)._processes)  # type: ignore[attr-defined]
        second = render_all(requests(tmp_path, 4, "second"))
        still = set(workers.pool(2)._processes)  # type: ignore[attr-defined]
    results = [r for r in first + second if isinstance(r, PdfResult)]
    assert len(results) == 8 and all(r.data.startswith(b"%PDF") for r in results)
    assert os.getpid() not in started and 1 <= len(started) <= 2
    assert still == started  # no new process: the same workers took the second batch
    assert {r.worker for r in results} <= started


def test_workers_are_replaced_after_their_share_of_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # WeasyPrint's native memory only grows, so a worker hands over to a fresh
    # one after TASKS_PER_WORKER documents; a streamed roster must not hang there.
    workers.shutdown()
    monkeypatch.setattr(workers, "TASKS_PER_WORKER", 2)
    with workers.configured(workers=1):
        first = render_all(requests(tmp_path, 2, "first"))
        second = render_all(iter(requests(tmp_path, 3, "second")), total=3)
    results = [r for r in first + second if isinstance(r, PdfResult)]
    assert len(results) == 5
    before = {r.worker for r in results[:2]}
    after = {r.worker for r in results[2:4]}
    assert len(before) == 1 and len(after) == 1 and before != after
    assert results[4].worker not in before | after  # the third of the batch: fresh again
    workers.shutdown()


def test_worker_count_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.ENV_WORKERS, "3")
    assert workers.worker_count() == 3
    monkeypatch.delenv(workers.ENV_WORKERS)
    assert workers.worker_count() == workers.DEFAULT_WORKERS
    with workers.configured(workers=1):
        assert workers.worker_count() == 1


def test_cache_hit_until_a_fetched_file_changes(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("h1 { color: #123456; }")
    request = RenderRequest("styled.pdf", HTML.replace("<body>", '<head><link rel="stylesheet" '
                            f'href="{css.as_uri()}"></head><body>').format("Styled"),
                            tmp_path, (tmp_path,))
    cache = PdfCache(tmp_path / ".cache")
    before = len(workers.RENDERED)
    first = render_all([request], cache=cache)[0]
    assert isinstance(first, PdfResult) and not first.cached
    assert str(css) in first.fetched
    again = render_all([request], cache=cache)[0]
    assert isinstance(again, PdfResult) and again.cached and again.data == first.data
    os.utime(css, ns=(1, 1))  # touched, same bytes: still a hit
    touched = render_all([request], cache=cache)[0]
    assert isinstance(touched, PdfResult) and touched.cached
    css.write_text("h1 { color: #654321; }")  # new bytes: rendered again
    changed = render_all([request], cache=cache)[0]
    assert isinstance(changed, PdfResult) and not changed.cached
    assert workers.RENDERED[before:] == ["styled.pdf", "styled.pdf"]


def test_progress_is_plain_lines_when_not_a_terminal(make_project: Callable[..., Path]) -> None:
    scheme = make_project(packs={"mentor": {"build": False}, "mentee": {"build": False},
                                 "coordinator": {"build": False}})
    done = run_cli("packs", "--scheme", str(scheme), "--workers", "1")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("PDF ")]
    assert lines, done.stderr
    assert lines[0].startswith("PDF 1/")
    assert "reflective-log.pdf" in done.stderr
    assert "\r" not in done.stderr  # no bar redrawing in a log
    quiet = run_cli("packs", "--scheme", str(scheme), "--quiet")
    assert quiet.returncode == 0 and "PDF " not in quiet.stderr and not quiet.stdout


ORPHAN = """
import os, signal
from generator import workers
if __name__ == "__main__":
    executor = workers.pool(2)
    print(executor.submit(workers.worker_pid).result(), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def running(pid: int) -> bool:
    """True while ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def test_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN)
    done = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 30  # hang guard, not a timing assertion
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(pid), f"worker {pid} outlived its killed main process"
