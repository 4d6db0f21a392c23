"""The build cache: an edit re-renders exactly the outputs it touches.

Real builds (WeasyPrint in workers, MkDocs) of one small project; what was
rendered is what the build reports through ``Options.on_rendered``, and which
PDFs mention the edited text from pdftotext, so the test holds whatever printables the build makes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MENTOR_PACK_ONLY, run_cli
from schemebook.commands.build import build
from schemebook.core.options import Options
from schemebook.core.paths import CACHE_FOLDER
from schemebook.incremental.caches import project_key

pytestmark = pytest.mark.own_cache  # these tests count what the project's cache renders

THEMES = [{"title": "Belonging", "icebreakers": ["Where do you feel at home?"]},
          {"title": "Failure", "icebreakers": ["When have you failed?"]}]


RENDERED: list[str] = []
RECORDING = Options(on_rendered=RENDERED.append)


def rendered_during(action: Callable[[], object]) -> list[str]:
    before = len(RENDERED)
    action()
    return RENDERED[before:]


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing; run scripts/setup (poppler-utils)")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=60)
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_edits_rerender_only_what_they_touch(make_project: Callable[..., Path]) -> None:
    scheme = make_project(
        build_date="2026-09-01", themes=THEMES, packs={"coordinator": {"build": False}},
        files={"content/parking.md": "# Parking\n\nPark behind the library.\n"})
    first = rendered_during(lambda: build(scheme, options=RECORDING))
    site = scheme.parent / "site"
    pdfs = sorted(p.name for p in (site / "downloads").glob("*.pdf"))
    assert set(pdfs) <= set(first), (pdfs, first)

    # No change at all: nothing rendered, the site left as it was.
    stamp = (site / "index.html").stat().st_mtime_ns
    assert rendered_during(lambda: build(scheme, options=RECORDING)) == []
    assert (site / "index.html").stat().st_mtime_ns == stamp
    os.utime(scheme)  # touched but not changed: still nothing to do
    assert rendered_during(lambda: build(scheme, options=RECORDING)) == []

    # A page of the site only: no PDF is rendered, the page changes.
    page = scheme.parent / "content" / "parking.md"
    page.write_text("# Parking\n\nPark behind the sports hall.\n", encoding="utf-8")
    assert rendered_during(lambda: build(scheme, options=RECORDING)) == []
    assert "sports hall" in (site / "parking.html").read_text(encoding="utf-8")

    # One theme's ice-breakers: exactly the PDFs that print ice-breakers.
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text.replace("When have you failed?", "What did a setback teach you?"),
                      encoding="utf-8")
    again = rendered_during(lambda: build(scheme, options=RECORDING))
    showing = {p.name for p in (site / "downloads").glob("*.pdf")
               if "What did a setback teach you?" in pdf_text(p)}
    assert showing, "no PDF prints the ice-breakers"
    assert {"mentor-pack.pdf", "mentee-pack.pdf"} <= showing
    assert set(again) == showing, (again, showing)


def test_the_site_key_follows_the_pages_and_the_engine(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        (folder / "docs").mkdir(parents=True)
        (folder / "docs" / "index.md").write_text("# Home\n")
        (folder / "mkdocs.yml").write_text("site_name: X\nsite_dir: site\n")
    assert project_key(one) == project_key(two)
    assert project_key(one, "zensical") != project_key(two, "mkdocs")
    (two / "docs" / "index.md").write_text("# Home, changed\n")
    assert project_key(one) != project_key(two)


@pytest.mark.slow
@pytest.mark.pdf
def test_a_shared_cache_folder_serves_a_second_project(
        make_project: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """--cache-dir (SCHEMEBOOK_CACHE_DIR) keeps the caches outside the project: a second
    project with the same scheme renders no PDF and runs no MkDocs, and gets the same
    bytes; neither project gets a cache of its own, only its build record."""
    import schemebook.site.mkdocs

    scheme = make_project(build_date="2026-09-01", themes=THEMES, packs=MENTOR_PACK_ONLY)
    shared = tmp_path / "shared"
    first = run_cli("build", "--scheme", str(scheme), "--cache-dir", str(shared), "-v")
    assert first.returncode == 0, first.stderr
    assert list((shared / "pdf").glob("*.pdf")), "the build kept no PDF in the shared folder"
    assert len(list((shared / "site").iterdir())) == 1

    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(scheme, other / "scheme.yml")
    again: list[str] = []
    engine_runs: list[Path] = []
    real = schemebook.site.mkdocs.build_site
    monkeypatch.setattr(schemebook.site.mkdocs, "build_site",
                        lambda config, *args: engine_runs.append(config) or real(config, *args))
    build(other / "scheme.yml", options=Options(cache_dir=shared, on_rendered=again.append))
    assert again == [] and engine_runs == []
    one, two = ({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                 if p.is_file()} for site in (scheme.parent / "site", other / "site"))
    assert one == two
    for project in (scheme.parent, other):
        assert sorted(p.name for p in (project / CACHE_FOLDER).iterdir()) == ["last-build.json"]


@pytest.mark.slow
@pytest.mark.pdf
def test_personalised_pdfs_never_go_to_the_shared_cache(make_project: Callable[..., Path],
                                                         tmp_path: Path) -> None:
    """Personal packs hold names: they stay in the private folder's own cache, and
    nothing with a name reaches the shared folder."""
    from schemebook.commands.personalise import personalise

    scheme = make_project(build_date="2026-09-01", themes=THEMES)
    roster = scheme.parent / "roster.csv"
    roster.write_text("pair_id,mentor,mentee\nP1,Rhian Example,Tomos Example\n",
                      encoding="utf-8")
    shared = tmp_path / "shared"
    result = personalise(scheme, roster, options=Options(cache_dir=shared))
    assert result.files
    assert not list(shared.rglob("*.pdf"))  # compiled templates may be there, no names
    assert not [f for f in shared.rglob("*") if f.is_file() and b"Rhian" in f.read_bytes()]
    assert list((result.out / ".cache").rglob("*.pdf"))


def test_serve_rebuilds_leave_no_site_in_the_cache(make_project: Callable[..., Path]) -> None:
    """``keep_sites=False`` (serve after its first build): MkDocs runs, the site is
    written, and the site cache is left as it was."""
    scheme = make_project()
    sites = scheme.parent / CACHE_FOLDER / "site"
    build(scheme, options=Options(packs=False))
    kept = sorted(p.name for p in sites.iterdir() if not p.name.startswith("."))
    assert len(kept) == 1
    page = scheme.parent / "content" / "extra.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text("# Extra\n\nA page of our own.\n", encoding="utf-8")
    out = build(scheme, options=Options(packs=False, keep_sites=False)).out
    assert "A page of our own." in (out / "extra.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in sites.iterdir() if not p.name.startswith(".")) == kept
