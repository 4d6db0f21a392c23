"""The corpus of bad scheme files in tests/bad/, each with its expected messages.

Each ``NAME.yml`` has a reviewed ``NAME.expected`` holding the exact problem
lines schemebook must print. To add a case, write the .yml, run
``python tests/test_bad_inputs.py NAME.yml`` to print what schemebook says,
check it reads well, and save it as the .expected file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from schemebook.core.errors import SchemebookError
from schemebook.plan.load import load_scheme

BAD = Path(__file__).resolve().parent / "bad"
CASES = sorted(p.name for p in BAD.glob("*.yml"))
TODAY = dt.date(2026, 11, 1)


def messages(name: str) -> list[str]:
    """What schemebook reports for tests/bad/NAME, paths relative to tests/bad."""
    here = os.getcwd()
    os.chdir(BAD)
    try:
        load_scheme(Path(name), today=TODAY)
    except SchemebookError as exc:
        return [str(p) for p in exc.problems]
    finally:
        os.chdir(here)
    return ["NO ERROR"]


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gives_expected_messages(name: str) -> None:
    expected = (BAD / name).with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert messages(name) == expected


@pytest.mark.parametrize("name", ["05-tab-indent.yml", "15-python-tag.yml",
                                  "16-billion-laughs.yml", "37-not-utf8.yml"])
def test_cli_exit_code_and_no_traceback(name: str) -> None:
    result = run_cli("build", "--scheme", name, "--out", "/nonexistent/never", cwd=BAD)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{name}:")
    assert not Path("/nonexistent/never").exists()


if __name__ == "__main__":  # print messages for new cases, to review
    for case in sys.argv[1:]:
        print("\n".join(messages(case)))
