"""``schemebook init``: a new scheme project, ready to edit and publish.

A project holds its own scheme.yml, assets, optional content/ and templates/
overrides, a .gitignore that keeps private packs out of git, and CI files
that build and publish site/ on GitHub Pages or GitLab Pages, so that a
coordinator can edit in the browser and never open a terminal.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from .. import __version__
from ..core.errors import Location, OutputError, Problem
from ..core.paths import STARTER, example
from ..scheme.editor_schema import editor_schema

EXAMPLES = ("university", "law-firm", "welsh", "health")
"""The examples ``init --example`` starts from; see :func:`schemebook.core.paths.example`."""

SECTOR_EXAMPLES = {"higher-education": "university", "workplace": "law-firm",
                   "health-care": "health", "voluntary": STARTER}
"""What ``init --sector`` starts from without ``--example``: the sector's example, or the
starter (a name, an organisation, a contact and an aim) where it has none."""

_SECTOR_LINE = re.compile(r"^sector:[^\n]*$", re.MULTILINE)

GITIGNORE = """\
# Built output: CI builds and publishes it.
site/
public/
# Personalised packs hold participants' names: never commit or publish them.
private/
.schemebook-cache/
"""

CONTENT_README = """\
# Your own pages

A Markdown file here replaces the built-in page with the same path
(for example `support.md`), and a new file becomes a new page.
Pages are Jinja templates: `{{ scheme.name }}` inserts a value from
scheme.yml. Run `schemebook build` to see the result.
"""

TEMPLATES_README = """\
# Your own templates

`theme/` overrides the website's theme files and `print/` the printable
packs, file by file, in the same way as content/ overrides pages.
"""

MKDOCS_YML = """\
# Site settings you may tune. Everything else comes from scheme.yml:
# a key here that scheme.yml also sets is ignored with a warning.
#
# extra_css:            # your own style sheets, paths inside this folder
#   - assets/extra.css
# markdown_extensions:  # from schemebook's allow-list, e.g.
#   - footnotes
# nav:                  # extra links added to the end of the menu
#   - Staff intranet: https://intranet.example/
"""


INSTALL_FILE = "requirements.txt"
"""The one place a project's CI says where schemebook comes from: both CI files install
it with ``pip install -r requirements.txt`` and key their pip cache on it."""

WATCHED = ["scheme.yml", "calendar.lock", "mkdocs.yml", INSTALL_FILE, "content/**",
           "templates/**", "assets/**"]
"""What the site is built from: a push that changes one of these publishes it again."""

ACTIONS = {
    "checkout": "actions/checkout@v5.0.0",
    "setup-python": "actions/setup-python@v5.6.0",
    "cache": "actions/cache@v4.2.3",
    "upload-pages-artifact": "actions/upload-pages-artifact@v3.0.1",
    "deploy-pages": "actions/deploy-pages@v4.0.5",
}
"""The GitHub actions the workflow uses, each at a full release (never a moving tag)."""

DEBIAN_LIBRARIES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core"
"""What WeasyPrint needs from the system to render the packs."""


def install_requirements(source: str | None = None) -> str:
    """The text of requirements.txt: this very schemebook version, or ``source``."""
    return f"""\
# Where this project's CI (.github/workflows/publish.yml, .gitlab-ci.yml) gets
# schemebook. One line, in pip's requirements format:
#   schemebook=={__version__}                       from the package index (PyPI)
#   schemebook @ https://example.org/schemebook-{__version__}-py3-none-any.whl
#   schemebook @ git+https://example.org/schemebook.git@v{__version__}
# The second and third are for institutions that host their own copy.
{source or f"schemebook=={__version__}"}
"""


def check_requirement(text: str) -> None:
    """``--install-from`` must be a pip requirement for schemebook itself."""
    try:
        name = Requirement(text).name
    except InvalidRequirement as exc:
        name, reason = "", str(exc)
    else:
        reason = f"it names {name}, not schemebook"
    if canonicalize_name(name) != "schemebook":
        raise OutputError([Problem(Location("--install-from"),
                                   f"'{text}' is not a pip requirement for schemebook: {reason}",
                                   "e.g. 'schemebook @ https://example.org/schemebook.whl'")])


def _watched(indent: str) -> str:
    return "".join(f"{indent}- {path!r}\n".replace("'", '"') for path in WATCHED)


def github_workflow() -> str:
    """GitHub Actions workflow that builds the site and publishes it on Pages."""
    return f"""\
# Builds the handbook and publishes it on GitHub Pages whenever a push to the
# main branch changes what the site is built from: scheme.yml, calendar.lock,
# mkdocs.yml, requirements.txt (where schemebook comes from), content/,
# templates/ or assets/. Turn Pages on under Settings > Pages > Source:
# GitHub Actions. Written by schemebook {__version__}.
name: Publish handbook
on:
  push:
    branches: [main]
    paths:
{_watched("      ")}      - ".github/workflows/publish.yml"
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: {ACTIONS["checkout"]}
      - uses: {ACTIONS["setup-python"]}
        with:
          python-version: "3.11"
          cache: pip
          cache-dependency-path: {INSTALL_FILE}
      - name: Keep rendered PDFs between runs
        uses: {ACTIONS["cache"]}
        with:
          path: .schemebook-cache
          key: schemebook-${{{{ hashFiles('{INSTALL_FILE}') }}}}-${{{{ github.sha }}}}
          restore-keys: schemebook-${{{{ hashFiles('{INSTALL_FILE}') }}}}-
      - name: Install schemebook
        run: |
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends {DEBIAN_LIBRARIES}
          python -m pip install -r {INSTALL_FILE}
      - name: Build
        run: schemebook build --out site
      - uses: {ACTIONS["upload-pages-artifact"]}
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: {ACTIONS["deploy-pages"]}
"""


def gitlab_ci() -> str:
    """GitLab CI file that builds the site into public/ for GitLab Pages."""
    return f"""\
# Builds the handbook and publishes it on GitLab Pages whenever a push to the
# default branch changes what the site is built from: scheme.yml,
# calendar.lock, mkdocs.yml, requirements.txt (where schemebook comes from),
# content/, templates/ or assets/; or when run by hand (Build > Pipelines >
# Run pipeline). Written by schemebook {__version__}.
pages:
  image: python:3.11-bookworm
  variables:
    PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
  cache:
    key:
      files:
        - {INSTALL_FILE}
    paths:
      - .cache/pip
      - .schemebook-cache
  script:
    - apt-get update
    - apt-get install -y --no-install-recommends {DEBIAN_LIBRARIES}
    - python -m pip install -r {INSTALL_FILE}
    - schemebook build --out public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_PIPELINE_SOURCE == "web"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      changes:
{_watched("        ")}        - ".gitlab-ci.yml"
"""


def schema_document() -> dict[str, Any]:
    """The JSON Schema of scheme.yml, for editors (yaml-language-server)."""
    return editor_schema()


def schema_json() -> str:
    """:func:`schema_document` as the text of scheme.schema.json."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"


def with_sector(text: str, sector: str) -> str:
    """scheme.yml's ``text`` with its top-level ``sector`` set, comments and layout kept."""
    if _SECTOR_LINE.search(text):
        return _SECTOR_LINE.sub(f"sector: {sector}", text, count=1)
    return text.rstrip("\n") + f"\n\n# Where the scheme runs: see the reference page.\n" \
        f"sector: {sector}\n"


def init_project(directory: Path, name: str | None = None, sector: str | None = None,
                 install_from: str | None = None) -> Path:
    """Create a project in ``directory`` (new or empty) from an example: ``name``, else
    ``sector``'s own (:data:`SECTOR_EXAMPLES`), else the university's. ``sector`` is set
    in the new scheme.yml. Its CI installs this schemebook version, or ``install_from``
    (a pip requirement)."""
    directory = directory.resolve()
    if install_from is not None:
        check_requirement(install_from)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise OutputError([Problem(Location(str(directory)),
                                   "the folder already exists and is not empty",
                                   "choose a new folder name")])
    name = name or SECTOR_EXAMPLES.get(sector or "", "university")
    source = example(name)
    directory.mkdir(parents=True, exist_ok=True)
    text = (source / "scheme.yml").read_text(encoding="utf-8")
    (directory / "scheme.yml").write_text(with_sector(text, sector) if sector else text,
                                          encoding="utf-8")
    # The university example's content/ and templates/ are the built-in ones:
    # a new project starts with empty override folders instead.
    folders = ("assets",) if name == "university" else ("assets", "content", "templates")
    for folder in folders:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, directory / folder)
    (directory / "content").mkdir(exist_ok=True)
    (directory / "templates").mkdir(exist_ok=True)
    (directory / "content" / "README.txt").write_text(CONTENT_README, encoding="utf-8")
    (directory / "templates" / "README.txt").write_text(TEMPLATES_README, encoding="utf-8")
    (directory / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (directory / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (directory / "scheme.schema.json").write_text(schema_json(), encoding="utf-8")
    workflows = directory / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "publish.yml").write_text(github_workflow(), encoding="utf-8")
    (directory / ".gitlab-ci.yml").write_text(gitlab_ci(), encoding="utf-8")
    (directory / INSTALL_FILE).write_text(install_requirements(install_from), encoding="utf-8")
    return directory
