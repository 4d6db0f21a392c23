"""Golden files of the print stage: the HTML handed to WeasyPrint, for a fixed scheme.

File URLs name the machine's folders, so the project's, the package's and the
built-ins' are written as PROJECT, PACKAGE and BUILTIN before comparing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import GOLDEN_SCHEME, pack_jobs
from schemebook.core.paths import PACKAGE, builtin
from schemebook.plan.load import load_scheme
from schemebook.printing.style import css_string
from support.golden import check_golden


def portable(html: str, project: Path) -> str:
    for path, name in ((project.resolve(), "PROJECT"), (PACKAGE.resolve(), "PACKAGE"),
                       (builtin().resolve(), "BUILTIN")):
        html = html.replace(path.as_uri(), f"file:///{name}")
        # The print CSS writes URLs as escaped CSS strings.
        html = html.replace(css_string(path.as_uri())[1:-1], css_string(f"file:///{name}")[1:-1])
    return html


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = tmp_path_factory.mktemp("golden")
    (project / "scheme.yml").write_text(yaml.safe_dump(GOLDEN_SCHEME, sort_keys=False),
                                        encoding="utf-8")
    found = {job.key: job.html for job in pack_jobs(load_scheme(project / "scheme.yml"))}
    return project, found


@pytest.mark.parametrize("key", ["card", "log"])
def test_print_html_matches_its_golden_file(jobs: tuple[Path, dict[str, str]], key: str) -> None:
    project, found = jobs
    check_golden(f"print/{key}.html", portable(found[key], project))
