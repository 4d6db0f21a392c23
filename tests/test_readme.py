"""Every path the README names exists: in the checkout, or in what the commands make.

The README names paths in backticks and in Markdown links: files of this
repository, of the package (``commands/``), of a new project
(``.github/workflows/publish.yml``), of a built site (``site/coordinator/
reference.html``, ``downloads/surveys.csv``) and of what ``schemebook
messages`` and ``personalise`` write (``private/messages/en/``,
``certificates/``). Each must exist in one of those places after the
commands have run for real; a word in capitals (``COHORT``) or ``*`` stands
for any name. The bilingual example is built twice, the first time as an
archived cohort, so that its further language and its archive are there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from schemebook.commands.build import build
from schemebook.commands.init import init_project
from schemebook.commands.mail_merge import mail_merge
from schemebook.commands.match import match_applications
from schemebook.commands.messages import write_messages
from schemebook.commands.personalise import personalise
from schemebook.commands.report import report
from schemebook.core.options import Options
from schemebook.core.paths import PACKAGE

README = REPO / "README.md"
_NAMED = re.compile(r"`([^`\s]+)[^`]*`|\]\(([^)\s#]+)")


def named_paths(text: str) -> set[str]:
    """Paths the README names: backticked words and link targets with a slash, not URLs."""
    found = {a or b for a, b in _NAMED.findall(text)}
    return {p for p in found if "/" in p and "://" not in p and not p.startswith(("-", "/"))
            and re.fullmatch(r"[\w.*-]+(/[\w.*-]+)*/?", p)}


def exists(root: Path, path: str) -> bool:
    pattern = "/".join("*" if re.fullmatch(r"[A-Z_]+", part) else part
                       for part in path.rstrip("/").split("/"))
    return any(root.glob(pattern))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual example as a new project: built as an archived cohort and again,
    with its messages written and one pair's packs personalised."""
    folder = init_project(tmp_path_factory.mktemp("readme") / "project", "welsh")
    scheme = folder / "scheme.yml"
    build(scheme, options=Options(packs=False), archive=True)
    build(scheme, options=Options(packs=False))
    write_messages(scheme)
    roster = folder / "roster.csv"
    roster.write_text("pair_id,mentor,mentee\nP01,Zed Zorb,Zoe Zorb\n", encoding="utf-8")
    personalise(scheme, roster)
    return folder


@pytest.fixture(scope="module")
def pairing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The university example as a new project, taken from applications to pairs
    (with an override in private/overrides.csv, as the README says), drafts for
    the mail merge, and the evaluation report of the example responses."""
    folder = init_project(tmp_path_factory.mktemp("readme") / "uni", "university")
    scheme = folder / "scheme.yml"
    (folder / "private").mkdir()
    (folder / "private" / "overrides.csv").write_text(
        "action,mentor,mentee,note\nforbid,A01,B01,checked by the second reader\n",
        encoding="utf-8")
    match_applications(scheme, REPO / "examples" / "applications.csv")
    mail_merge(scheme, folder / "private" / "pairing" / "roster.csv")
    report(scheme, [str(p) for p in sorted((REPO / "examples" / "responses").iterdir())])
    return folder


def test_the_readme_names_paths() -> None:
    named = named_paths(README.read_text(encoding="utf-8"))
    assert {"site/coordinator/reference.html", "downloads/surveys.csv",
            "docs/translating.md", "tests/scheme/bad/"} <= named
    assert "tests/bad/" not in named


@pytest.mark.slow
@pytest.mark.pdf
def test_every_path_the_readme_names_exists(project: Path, pairing: Path) -> None:
    roots = [REPO, PACKAGE, project, project / "site", project / "private", pairing]
    missing = [path for path in sorted(named_paths(README.read_text(encoding="utf-8")))
               if not any(exists(root, path) for root in roots)]
    assert not missing, missing
