"""``schemebook init``: a new scheme project, ready to edit and publish.

A project holds its own scheme.yml, assets, optional content/ and templates/
overrides, a .gitignore that keeps private packs out of git, and CI files
that build and publish site/ on GitHub Pages or GitLab Pages, so that a
coordinator can edit in the browser and never open a terminal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.errors import Location, OutputError, Problem
from ..core.paths import example
from ..scheme.editor_schema import editor_schema

EXAMPLES = ("university", "law-firm", "welsh")
"""The examples ``init --example`` starts from; see :func:`schemebook.core.paths.example`."""

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


def github_workflow() -> str:
    """GitHub Actions workflow that builds the site and publishes it on Pages."""
    return f"""\
# Builds the handbook and publishes it on GitHub Pages whenever scheme.yml,
# content/ or templates/ change on the main branch. Turn Pages on under
# Settings > Pages > Source: GitHub Actions.
name: Publish handbook
on:
  push:
    branches: [main]
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
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install schemebook and the libraries WeasyPrint needs
        run: |
          sudo apt-get update
          sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 \\
            libharfbuzz-subset0 fonts-noto-core
          pip install "schemebook=={__version__}"
      - name: Build
        run: schemebook build --out site
      - uses: actions/upload-pages-artifact@v3
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
        uses: actions/deploy-pages@v4
"""


def gitlab_ci() -> str:
    """GitLab CI file that builds the site into public/ for GitLab Pages."""
    return f"""\
# Builds the handbook and publishes it on GitLab Pages from the default branch.
pages:
  image: python:3.11-bookworm
  script:
    - apt-get update
    - apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
      fonts-noto-core
    - pip install "schemebook=={__version__}"
    - schemebook build --out public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""


def schema_document() -> dict[str, Any]:
    """The JSON Schema of scheme.yml, for editors (yaml-language-server)."""
    return editor_schema()


def schema_json() -> str:
    """:func:`schema_document` as the text of scheme.schema.json."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"


def init_project(directory: Path, name: str = "university") -> Path:
    """Create a project in ``directory`` (new or empty) from an example."""
    directory = directory.resolve()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise OutputError([Problem(Location(str(directory)),
                                   "the folder already exists and is not empty",
                                   "choose a new folder name")])
    source = example(name)
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "scheme.yml", directory / "scheme.yml")
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
    return directory
