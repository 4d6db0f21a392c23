"""Every stylesheet, script, font and image a built page names is in the site, and
nothing loads from outside it: no file of ours names one theme release's assets."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.assets import asset_problems, referenced


@pytest.mark.parametrize("site_fixture", ["example_site", "law_firm_site"])
def test_every_asset_a_page_loads_is_in_the_site(request: pytest.FixtureRequest,
                                                 site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert referenced(site) > 100  # the pages, 404 included, link styles, scripts and images
    problems = asset_problems(site)
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_missing_and_an_outside_asset(tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text(
        "@import 'b.css'; body { background: url(../img/gone.png) }", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="css/a.css"><link rel="canonical" href="https://x.example/">'
        '<script src="https://cdn.example/x.js"></script><img src="data:image/png;base64,AA">',
        encoding="utf-8")
    assert asset_problems(tmp_path) == [
        "css/a.css: ../img/gone.png does not exist",
        "css/a.css: b.css does not exist",
        "index.html: loads https://cdn.example/x.js from outside the site",
    ]
