"""Golden files of the page stage: the Markdown a few pages render to, for a fixed scheme."""

from __future__ import annotations

import pytest
import yaml
from conftest import GOLDEN_SCHEME, edition
from support.golden import check_golden

from schemebook.site.pages import render_pages

PAGES = ("index.md", "meetings.md", "support.md", "reflection.md", "coordinator/planning.md")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = tmp_path_factory.mktemp("golden")
    (project / "scheme.yml").write_text(yaml.safe_dump(GOLDEN_SCHEME, sort_keys=False),
                                        encoding="utf-8")
    return render_pages(edition(project / "scheme.yml"), [])


@pytest.mark.parametrize("name", PAGES)
def test_page_markdown_matches_its_golden_file(pages: dict[str, str], name: str) -> None:
    check_golden(f"pages/{name.replace('/', '--')}", pages[name])


