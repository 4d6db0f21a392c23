"""Shared fixtures: small scheme projects in temp folders, the built example.

An autouse fixture fails any test that raises a warning we did not expect,
so deprecations and resource leaks surface the day they appear.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "scheme.yml"
LAW_FIRM = REPO / "examples" / "law-firm" / "scheme.yml"
HEALTH = REPO / "examples" / "health" / "scheme.yml"

MINIMAL: dict[str, Any] = {
    "name": "Tiny Scheme",
    "organisation": "Example College",
    "contact": {"name": "Ada Example", "email": "ada@college.example"},
    "focus": {"aims": ["Help senior staff understand barriers students meet"]},
}

MENTOR_PACK_ONLY: dict[str, Any] = {"mentee": {"build": False},
                                     "coordinator": {"build": False}}
"""``packs:`` for a test about how PDFs are built, not what they say: of the packs,
only the mentor's (the log, card, surveys and paperwork stay)."""

NO_PACKS: dict[str, Any] = {key: {"build": False}
                            for key in ("mentor", "mentee", "coordinator", "log", "card")}
"""``packs:`` for a test of something else than the packs: none of them (the surveys
and paperwork are still printed)."""

EXPECTED_WARNINGS: tuple[str, ...] = ()
"""Substrings of warnings some library raises that we accept (none so far)."""


LONGEST_FIRST: tuple[str, ...] = (
    "tests/core/test_welsh.py",
    "tests/attacks/test_attack_failures.py",
    "tests/site/test_example_site.py",
    "tests/commands/test_build.py",
    "tests/commands/test_personal_shared.py",
    "tests/printing/test_print_design.py",
    "tests/commands/test_background.py",
    "tests/incremental/test_cache.py",
    "tests/site/test_built_facts.py",
    "tests/commands/test_report.py",
    "tests/pdf/test_extracted_text.py",
    "tests/attacks/test_attack_disk.py",
    "tests/commands/test_sectors.py",
)
"""The files that took longest (seconds of test time in a ``--durations=0`` run on
two cores, 2 December 2026), in that order. The xdist workers take whole files
(``--dist loadfile``); started first, these no longer leave one worker finishing a
long file while the other is idle. A stale list only costs time."""


def pytest_configure(config: pytest.Config) -> None:
    """Hand files to the workers in the order of LONGEST_FIRST, then as collected
    (xdist would otherwise put the files with the most tests first)."""
    if hasattr(config.option, "loadscopereorder"):  # pytest-xdist 3.8 and later
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(autouse=True)
def _no_unexpected_warnings() -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    unexpected = [
        w for w in caught
        if not any(text in str(w.message) for text in EXPECTED_WARNINGS)
    ]
    if unexpected:
        lines = [f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}"
                 for w in unexpected]
        pytest.fail("unexpected warnings:\n" + "\n".join(lines))


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run, shared by the xdist workers: a PDF (or a
    site) whose HTML and files another test already rendered (or whose generated site
    project another test already built with the real engine) is not made again. Its
    entries name no project, and a build still checks each entry's seal and files."""
    folder = tmp_path_factory.getbasetemp().parent / "shared-caches"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def _shared_caches(session_cache: Path) -> Iterator[None]:
    """Every Options made during the run, and every CLI it runs, use the session's
    caches: those of module and session fixtures (the shared example builds) too, so
    a PDF one of them rendered is not rendered again by another."""
    from schemebook.core.options import Options

    made = Options.__init__

    def with_shared_cache(self: Options, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cache_dir", session_cache)
        made(self, *args, **kwargs)

    from schemebook.commands.build import template_cache

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Options, "__init__", with_shared_cache)
        patch.setenv("SCHEMEBOOK_CACHE_DIR", str(session_cache))
        _SESSION["options_init"] = made
        _SESSION["templates"] = template_cache(session_cache)
        yield
        _SESSION.clear()


_SESSION: dict[str, Any] = {}
"""While _shared_caches runs: Options.__init__ as schemebook defines it
("options_init"), and the session's compiled templates ("templates")."""


def session_templates() -> Any:
    """The session's cache of compiled Jinja templates (None outside a test run):
    editions the tests build with it compile each template once per run, not once
    per test, as a build reuses them from its cache folder."""
    return _SESSION.get("templates")


@pytest.fixture(autouse=True)
def _own_caches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test marked ``own_cache`` (it tests the caches) keeps them in its project."""
    if request.node.get_closest_marker("own_cache"):
        from schemebook.core.options import Options

        monkeypatch.setattr(Options, "__init__", _SESSION["options_init"])
        monkeypatch.delenv("SCHEMEBOOK_CACHE_DIR", raising=False)


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a scheme project; returns the scheme.yml path.

    ``make_project(text="...")`` writes the text as is; otherwise the minimal
    scheme merged with keyword overrides. ``files={"content/x.md": "..."}``
    adds files to the project.
    """
    def make(text: str | None = None, files: dict[str, str | bytes] | None = None,
             **overrides: Any) -> Path:
        project = tmp_path / "project"
        project.mkdir(exist_ok=True)
        scheme = project / "scheme.yml"
        if text is None:
            text = yaml.safe_dump(deep_merge(MINIMAL, overrides), sort_keys=False,
                                  allow_unicode=True)
        scheme.write_text(text, encoding="utf-8")
        for rel, content in (files or {}).items():
            target = project / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return scheme

    return make


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``schemebook`` command in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "schemebook", *args],
        cwd=cwd or REPO, capture_output=True, text=True, timeout=600,
    )


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str,
                 make: Callable[[Path], Path]) -> Path:
    """What ``make`` builds in an empty folder, made once per test run.

    Under pytest-xdist (scripts/test runs two workers) each worker has its own
    session, so a plain session fixture would build every example once per
    worker. The first worker to ask builds it in the run's shared temp folder,
    under a file lock; the others wait for it and read the same folder. Tests
    only read these builds; a test that changes one makes its own copy."""
    from filelock import FileLock

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    root = tmp_path_factory.getbasetemp().parent / "shared-builds"
    root.mkdir(exist_ok=True)
    done = root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            folder = root / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


def _example(folder: Path) -> Path:
    from schemebook.commands.build import build

    return build(EXAMPLE, folder / "site").out


def _initialised(example: str) -> Callable[[Path], Path]:
    """Make: ``init --example`` in a new folder, then build it (packs included)."""
    def make(folder: Path) -> Path:
        from schemebook.commands.build import build
        from schemebook.commands.init import init_project

        return build(init_project(folder / "project", example) / "scheme.yml").out
    return make


def _welsh_project(folder: Path) -> Path:
    from schemebook.commands.init import init_project

    return init_project(folder / "project", "welsh")


def _zensical(folder: Path) -> Path:
    from schemebook.commands.build import build
    from schemebook.core.options import Options

    return build(EXAMPLE, folder / "site", options=Options(packs=False, engine="zensical")).out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The university example, built once per test run into a temp folder."""
    return shared_build(tmp_path_factory, "example", _example)


@pytest.fixture(scope="session")
def law_firm_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The law-firm example, initialised as a new project and built."""
    return shared_build(tmp_path_factory, "law-firm", _initialised("law-firm"))


@pytest.fixture(scope="session")
def welsh_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual example as a new project would have it."""
    return shared_build(tmp_path_factory, "welsh-project", _welsh_project)


@pytest.fixture(scope="session")
def welsh_site(tmp_path_factory: pytest.TempPathFactory, welsh_project: Path) -> Path:
    """The bilingual example's site, Welsh at site/ and English at site/en/, no packs."""
    def make(_: Path) -> Path:
        from schemebook.commands.build import build
        from schemebook.core.options import Options

        result = build(welsh_project / "scheme.yml", options=Options(packs=False))
        assert not [w for w in result.warnings if "has no 'cy' text" in w.message]
        return result.out
    return shared_build(tmp_path_factory, "welsh-site", make)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The university example's site as the second engine, Zensical, builds it."""
    return shared_build(tmp_path_factory, "zensical", _zensical)


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[Any, Any]]:
    """One headless Chromium page for a test module, its network answered by a
    Server (tests/support/audit.py) and nothing else: the module's audits share it.
    Per module, not per run: playwright's sync API allows one session at a time, and
    other modules start their own browser."""
    import re

    from support.audit import Server
    from support.browser import chromium_page

    server = Server()
    with chromium_page(viewport={"width": 1280, "height": 900}) as page:
        page.route(re.compile(r"^https?://"), server.answer)
        yield page, server


@pytest.fixture(scope="session")
def health_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The health and care example, initialised as a new project and built."""
    return shared_build(tmp_path_factory, "health", _initialised("health"))


def copy_example(tmp_path: Path) -> Path:
    """A writable copy of the university example project."""
    project = tmp_path / "uni"
    project.mkdir()
    shutil.copy2(EXAMPLE, project / "scheme.yml")
    if (REPO / "assets").is_dir():
        shutil.copytree(REPO / "assets", project / "assets")
    return project / "scheme.yml"


@pytest.fixture(scope="session")
def renderer(session_cache: Path) -> Iterator[Any]:
    """One pool of real PDF workers for the tests that render PDFs directly, with the
    session's PDF cache."""
    from schemebook.core.options import Options
    from schemebook.incremental.caches import PdfCache
    from schemebook.pdf.workers import Pool, Renderer

    with Pool(2) as pool:
        yield Renderer(pool, PdfCache(session_cache / "pdf"),
                       Options(cache_dir=session_cache))


def edition(path: Path, language: str | None = None) -> Any:
    """The checked scheme at ``path`` with its context built, as a build makes it."""
    from schemebook.context.template import build_edition
    from schemebook.plan.load import load_scheme

    return build_edition(load_scheme(path, language=language), bytecode=session_templates())


def print_env(built: Any) -> Any:
    """The print environment of an edition."""
    from schemebook.core.errors import Report
    from schemebook.printing.environment import print_environment

    return print_environment(built, Report())


def pack_jobs(loaded: Any) -> list[Any]:
    """Every printable of a checked scheme as HTML, as the build makes them."""
    from schemebook.context.template import build_edition
    from schemebook.printing.packs import pack_documents

    built = build_edition(loaded, bytecode=session_templates())
    return pack_documents(built, print_env(built))


GOLDEN_SCHEME: dict[str, Any] = {
    "name": "Golden Scheme",
    "organisation": "Example College",
    "cohort": "2026-27",
    "build_date": "2026-09-15",
    "contact": {"name": "Ada Example", "email": "ada@college.example", "phone": "01632 960 001"},
    "focus": {"aims": ["Help senior staff understand barriers students meet"],
              "groups": ["Mature students"], "barriers": ["Timetables built around school hours"]},
    "themes": [{"title": "Belonging", "icebreakers": ["Where do you feel at home here?"]},
               {"title": "Failure", "icebreakers": ["When did a setback teach you most?"]}],
    "meetings": {"count": 2, "interval": "fortnightly", "start": "2026-11-02"},
    "support": {"escalation": [{"who": "Your partner", "when": "First"},
                               {"who": "The coordinator", "how": "ada@college.example"}],
                "emergency": "Call 999.", "last_reviewed": "2026-08-01",
                "services": [{"name": "Wellbeing Service", "contact": "01632 960 002"}]},
    "training": {"sessions": [{"title": "Joint launch", "audience": "both", "minutes": 60,
                               "date": "2026-10-28", "time": "18:00", "place": "Room 1"}]},
    "timeline": [{"title": "Celebration", "kind": "celebration", "start": "2027-01-27",
                  "time": "18:30", "place": "Great Hall"}],
}
"""A small, fully dated scheme whose outputs are kept as reviewed golden files."""
