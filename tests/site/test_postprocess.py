"""The repairs on built HTML: exactly the offending start tags change, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from schemebook.site import postprocess
from schemebook.site.postprocess import repair_html, repair_site

PAGE = """<!doctype html>
<html><body>
<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">
<input type="text" name="q" autocomplete="off">
<div class="md-search" role="dialog">
  <label class="md-search__overlay" for="__drawer"></label>
  <form><input type="text" aria-label="Chwilio" placeholder="Chwilio"><br/></form>
</div>
<div role="dialog" aria-label="Named already"><input type="text" aria-label="x"></div>
<nav><label class="md-nav__title" for="__toc">Contents</label></nav>
<script>if (a < b) { document.write('<label for="nothing">') }</script>
</body></html>
"""


def test_each_repair_and_nothing_more() -> None:
    repaired = repair_html(PAGE)
    assert repaired == (PAGE
                        .replace('id="__drawer" autocomplete="off"', 'id="__drawer"')
                        .replace('role="dialog">', 'role="dialog" aria-label="Chwilio">', 1)
                        .replace(' for="__toc"', ""))
    assert repair_html(repaired) == repaired


def test_a_title_escaped_twice_takes_the_label() -> None:
    """Zensical's logo link: the site name "A & B <i>" escaped once more in title."""
    link = ('<a href="index.html" title="A &amp;amp; B &amp;lt;i&amp;gt;" class="md-logo" '
            'aria-label="A &amp; B &lt;i&gt;">')
    assert repair_html(link) == ('<a href="index.html" class="md-logo" '
                                 'aria-label="A &amp; B &lt;i&gt;" title="A &amp; B &lt;i&gt;">')
    same = '<a title="A &amp; B" aria-label="A &amp; B">'
    other = '<a title="Home page" aria-label="A &amp; B">'
    assert repair_html(same) == same and repair_html(other) == other


def test_a_hidden_control_leaves_the_tab_order() -> None:
    radio = '<input class="md-option" aria-hidden="true" type="radio" id="__palette_0">'
    assert repair_html(radio) == radio[:-1] + ' tabindex="-1">'
    shown = '<input type="radio" id="a">'
    assert repair_html(shown) == shown


def test_right_markup_is_left_alone() -> None:
    page = '<input type="search" autocomplete="off">\n<label for="a">A</label><input id="a">'
    assert repair_html(page) == page


def test_repair_site_rewrites_only_changed_pages(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>fine</p>", encoding="utf-8")
    assert repair_site(tmp_path) == 1
    assert 'aria-label="Chwilio">' in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_a_page_seen_before_is_repaired_without_a_second_scan(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` writes every page again after each edit; only new ones are scanned."""
    scans: list[str] = []
    real = postprocess._Scan.scan
    monkeypatch.setattr(postprocess._Scan, "scan",
                        lambda self, html: (scans.append(html), real(self, html))[1])
    page = PAGE.replace("Contents", "Contents, seen twice")
    first, second = repair_html(page), repair_html(page)
    assert first == second == repair_html(PAGE.replace("Contents", "Contents, seen twice"))
    assert scans == [page]
    assert "for=\"__toc\"" not in second and 'aria-label="Chwilio">' in second
    changed = page.replace("seen twice", "seen again")
    assert repair_html(changed) == first.replace("seen twice", "seen again")
    assert scans == [page, changed]
