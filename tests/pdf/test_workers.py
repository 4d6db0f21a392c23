"""schemebook.pdf.workers and the CLI's progress: real WeasyPrint in real, reused workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from schemebook.core.options import Options
from schemebook.incremental.caches import PdfCache
from schemebook.pdf.types import PdfResult, RenderRequest
from schemebook.pdf.workers import Pool, Renderer

pytestmark = pytest.mark.pdf

HTML = "<!doctype html><html><body><h1>{}</h1><p>Short page.</p></body></html>"


def requests(folder: Path, n: int, label: str = "page") -> list[RenderRequest]:
    return [RenderRequest(f"{label}-{i}.pdf", HTML.format(f"{label} {i}"), folder, (folder,))
            for i in range(n)]


def processes(pool: Pool) -> set[int]:
    return set(pool.executor()._processes)  # type: ignore[attr-defined]


def test_workers_are_separate_processes_reused_across_batches(tmp_path: Path) -> None:
    with Pool(2) as pool:
        renderer = Renderer(pool, None, Options())
        first = renderer.render_all(requests(tmp_path, 4, "first"))
        started = processes(pool)
        second = renderer.render_all(requests(tmp_path, 4, "second"))
        still = processes(pool)
    results = [r for r in first + second if isinstance(r, PdfResult)]
    assert len(results) == 8 and all(r.data.startswith(b"%PDF") for r in results)
    assert os.getpid() not in started and 1 <= len(started) <= 2
    assert still == started  # no new process: the same workers took the second batch
    assert {r.worker for r in results} <= started


def test_workers_are_replaced_after_their_share_of_documents(tmp_path: Path) -> None:
    # WeasyPrint's native memory only grows, so a worker hands over to a fresh
    # one after its share of documents; a streamed roster must not hang there.
    with Pool(1, tasks_per_worker=2) as pool:
        renderer = Renderer(pool, None, Options())
        first = renderer.render_all(requests(tmp_path, 2, "first"))
        second = renderer.render_all(iter(requests(tmp_path, 3, "second")), total=3)
    results = [r for r in first + second if isinstance(r, PdfResult)]
    assert len(results) == 5
    before = {r.worker for r in results[:2]}
    after = {r.worker for r in results[2:4]}
    assert len(before) == 1 and len(after) == 1 and before != after
    assert results[4].worker not in before | after  # the third of the batch: fresh again


def test_fresh_workers_start_before_the_worn_ones_finish(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renewal does not wait for the worn worker's last document: with two workers,
    one stood idle while the other finished, at every renewal of a long roster."""
    pending: list[int] = []
    renew = Pool.renew

    def counted(self: Pool) -> None:
        executor = self._executor
        pending.append(len(executor._pending_work_items) if executor else 0)  # type: ignore[attr-defined]
        renew(self)

    monkeypatch.setattr(Pool, "renew", counted)
    long = "".join(f"<p>Paragraph {i} of a long document.</p>" for i in range(3000))
    items = [RenderRequest("long.pdf", HTML.format("long") + long, tmp_path, (tmp_path,)),
             *requests(tmp_path, 2, "short")]
    with Pool(1, tasks_per_worker=1) as pool:
        results = Renderer(pool, None, Options()).render_all(iter(items), total=3)
    assert all(isinstance(r, PdfResult) for r in results)
    workers = [r.worker for r in results if isinstance(r, PdfResult)]
    assert len(set(workers)) == 3, "each worn worker handed over to a fresh one"
    assert pending and pending[0] == 1, "the long document was still rendering"


def test_worker_count_stays_within_bounds() -> None:
    assert Options(workers=0).worker_count() == 1
    assert Options(workers=99).worker_count() == 32
    assert Pool(0).workers == 1 and Pool(3).workers == 3


def test_cache_hit_until_a_fetched_file_changes(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("h1 { color: #123456; }")
    request = RenderRequest("styled.pdf", HTML.replace("<body>", '<head><link rel="stylesheet" '
                            f'href="{css.as_uri()}"></head><body>').format("Styled"),
                            tmp_path, (tmp_path,))
    rendered: list[str] = []
    with Pool(1) as pool:
        renderer = Renderer(pool, PdfCache(tmp_path / ".cache" / "pdf"),
                            Options(on_rendered=rendered.append))
        first = renderer.render_all([request])[0]
        assert isinstance(first, PdfResult) and not first.cached
        assert css.as_uri() in first.fetched
        again = renderer.render_all([request])[0]
        assert isinstance(again, PdfResult) and again.cached and again.data == first.data
        os.utime(css, ns=(1, 1))  # touched, same bytes: still a hit
        touched = renderer.render_all([request])[0]
        assert isinstance(touched, PdfResult) and touched.cached
        css.write_text("h1 { color: #654321; }")  # new bytes: rendered again
        changed = renderer.render_all([request])[0]
        assert isinstance(changed, PdfResult) and not changed.cached
    assert rendered == ["styled.pdf", "styled.pdf"]


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
from schemebook.pdf.workers import Pool, worker_pid
if __name__ == "__main__":
    pool = Pool(2)
    print(pool.call(worker_pid).result(), flush=True)
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
