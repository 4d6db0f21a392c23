"""incremental/caches.py's SiteCache: a site and its engine's warnings, each where
the user fixes it, given back whole; an entry from before warnings had places is
dropped and made again."""

from __future__ import annotations

import json
from pathlib import Path

from schemebook.core.errors import Location, Problem
from schemebook.core.seal import seal
from schemebook.incremental.caches import SiteCache


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "built"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    return site


def test_warnings_come_back_where_they_were_and_about_this_build(tmp_path: Path) -> None:
    cache = SiteCache(tmp_path / "caches")
    warnings = [Problem(Location("content/x.md", 6), "MkDocs: a link", severity="warning"),
                Problem(Location("/staging/one/mkdocs.yml"), "MkDocs: a key", severity="warning")]
    cache.put("k", _site(tmp_path), warnings, "/staging/one/mkdocs.yml")
    back = cache.get("k", tmp_path / "into", "/staging/two/mkdocs.yml")
    assert back is not None and (tmp_path / "into" / "index.html").is_file()
    assert [str(p) for p in back] == [
        "content/x.md:6:1: warning: MkDocs: a link",
        "/staging/two/mkdocs.yml:1:1: warning: MkDocs: a key"]  # this build's project, not gone one


def test_an_entry_with_unplaced_warnings_is_made_again(tmp_path: Path) -> None:
    cache = SiteCache(tmp_path / "caches")
    cache.put("k", _site(tmp_path), [], "/staging/mkdocs.yml")
    entry = tmp_path / "caches" / "site" / "k" / "entry.json"
    meta = json.loads(entry.read_text(encoding="utf-8"))
    meta["warnings"] = ["MkDocs: a link"]  # as kept before warnings had places
    meta.pop("seal")
    meta["seal"] = seal(json.dumps(meta, sort_keys=True).encode())
    entry.write_text(json.dumps(meta), encoding="utf-8")
    assert cache.get("k", tmp_path / "into", "/staging/mkdocs.yml") is None
    assert not entry.parent.exists()  # so the next build can keep its own
    cache.put("k", _site(tmp_path / "second"), [], "/staging/mkdocs.yml")
    assert cache.get("k", tmp_path / "again", "/staging/mkdocs.yml") == []
