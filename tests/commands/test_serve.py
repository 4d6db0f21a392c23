"""serve.py: a real server in a subprocess picks up edits over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO
from support.serving import fetch, serving, wait_for


@pytest.mark.slow
def test_serve_shows_edits_and_errors(make_project: Callable[..., Path]) -> None:
    scheme = make_project()
    with serving(scheme) as url:
        assert wait_for(lambda: "Tiny Scheme" in fetch(url + "index.html"))
        scheme.write_text(scheme.read_text().replace("Tiny Scheme", "Renamed Scheme"))
        assert wait_for(lambda: "Renamed Scheme" in fetch(url + "index.html"))
        # An invalid edit keeps the last good page and shows the error on it.
        scheme.write_text(scheme.read_text() + "meetings:\n  count: lots\n")
        assert wait_for(lambda: "schemebook-error" in fetch(url + "index.html"))
        page = fetch(url + "index.html")
        assert "Renamed Scheme" in page and "meetings.count" in page
        scheme.write_text(scheme.read_text().replace("  count: lots\n", "  count: 3\n"))
        assert wait_for(lambda: "schemebook-error" not in fetch(url + "index.html"))


def test_a_busy_port_is_a_clear_error_or_the_next_free_one(
        make_project: Callable[..., Path]) -> None:
    """A port asked for and taken: exit 2, one located line naming a free port, no
    traceback and nothing built. With no --port, the next free one is taken."""
    from schemebook.commands.serve import choose_port

    scheme = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = subprocess.run([sys.executable, "-m", "schemebook", "serve", "--scheme",
                               str(scheme), "--port", str(port)], cwd=REPO, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        first = done.stderr.splitlines()[0]
        assert first.startswith(f"127.0.0.1:{port}:1:1: error: port {port} is in use")
        assert "(try --port " in first
        assert not (scheme.parent / "site").exists()
        assert choose_port("127.0.0.1", port + 1 if port < 65535 else 1) != port


def test_open_and_port_are_in_the_help() -> None:
    done = subprocess.run([sys.executable, "-m", "schemebook", "serve", "--help"], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=True)
    text = " ".join(done.stdout.split())
    assert "--open" in text and "the next free one" in text
