"""Personalised packs joined from shared pages: they must look and read as the
whole per-person packs did, with a valid structure tree, and print files in volumes.

One roster is rendered twice per module, the new way and the whole-pack way
(``Options(shared_pages=False)``, which the benchmark also compares against).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
import yaml
from commands.test_personal import ROSTER, SCHEME, text_of
from conftest import deep_merge
from PIL import Image, ImageChops
from pypdf import PdfReader
from schemebook.commands.personalise import PersonalResult, personalise
from schemebook.core.options import Options
from schemebook.printing import duplex

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

PACK = "P02-mentor-nguyen-thi-minh-anh.pdf"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[PersonalResult, PersonalResult]:
    folder = tmp_path_factory.mktemp("shared")
    # A phone number: print marks it to stay on one line, in the shared layout too.
    scheme = deep_merge(SCHEME, {"contact": {"phone": "01632 960 481"}})
    (folder / "scheme.yml").write_text(yaml.safe_dump(scheme, allow_unicode=True),
                                       encoding="utf-8")
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    joined = personalise(folder / "scheme.yml", folder / "roster.csv", folder / "joined")
    whole = personalise(folder / "scheme.yml", folder / "roster.csv", folder / "whole",
                        Options(shared_pages=False))
    return joined, whole


def own_pages(joined: Path, name: str) -> list[int]:
    """Pages (1-based) whose running head names the person: the person's own pages."""
    pages = len(PdfReader(joined).pages)
    return [n for n in range(1, pages + 1) if name in text_of(joined, n).splitlines()[0]
            or n == 1]


def test_packs_are_joined_and_read_as_the_whole_packs(runs: tuple[PersonalResult, ...]) -> None:
    joined, whole = runs
    assert joined.joined == 4 and whole.joined == 0
    for pack in sorted((whole.out / "packs").glob("*.pdf")):
        mine, before = joined.out / "packs" / pack.name, pack
        assert len(PdfReader(mine).pages) == len(PdfReader(before).pages)
        for n in range(1, len(PdfReader(before).pages) + 1):
            new, old = ([" ".join(line.split()) for line in text_of(pdf, n).splitlines()]
                        for pdf in (mine, before))
            # Only the running head may differ: shared pages do not repeat the name.
            assert new[1:] == old[1:], (pack.name, n)
            assert new[0] == old[0] or old[0].startswith(new[0] + " · "), (pack.name, n)


def test_the_persons_own_pages_look_as_before(runs: tuple[PersonalResult, ...],
                                              tmp_path: Path) -> None:
    joined, whole = runs
    pages = own_pages(joined.out / "packs" / PACK, "Nguyễn")
    assert 1 in pages and len(pages) >= 3, pages  # cover, dated plan, logs
    for n in pages:
        new, old = (png(pdf / "packs" / PACK, n, tmp_path / tag)
                    for pdf, tag in ((joined.out, "new"), (whole.out, "old")))
        assert new.size == old.size
        diff = ImageChops.difference(new.convert("RGB"), old.convert("RGB")).convert("L")
        changed = diff.point(lambda v: 255 if v > 40 else 0).histogram()[255]
        assert changed <= new.size[0] * new.size[1] * 0.001, (n, changed)


def png(pdf: Path, page: int, stem: Path) -> Image.Image:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True, timeout=60)
    return Image.open(f"{stem}.png")


def struct_text(pdf: Path) -> list[str]:
    """poppler's reading of the structure tree, element by element with its text;
    ids made from object numbers left out."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], check=True,
                         capture_output=True, text=True, timeout=600).stdout
    return [re.sub(r"\d+-\d+-\d+", "ID", line) for line in out.splitlines()
            if not re.match(r"\s*Object \d+ \d+$", line)]


def test_the_structure_tree_is_whole_and_valid(runs: tuple[PersonalResult, ...]) -> None:
    joined, whole = runs
    mine, before = joined.out / "packs" / PACK, whole.out / "packs" / PACK
    assert struct_text(mine) == struct_text(before)
    with pikepdf.open(mine) as new, pikepdf.open(before) as old:
        joined_pages, whole_pages = tagged_pages(new), tagged_pages(old)
    assert len(joined_pages) == len(whole_pages)
    for (ids, claimed, entry, stray), (_, whole_claimed, _, whole_stray) in zip(
            joined_pages, whole_pages, strict=True):
        # Every element of the whole rendering is there and claims the same content;
        # the joined page may carry fewer of WeasyPrint's unclaimed leftovers (its
        # contents page drops a few marked-content ids that no element names).
        assert claimed == whole_claimed
        assert ids == entry and stray <= whole_stray


def tagged_pages(pdf: pikepdf.Pdf) -> list[tuple[int, int, int, int]]:
    """Check the tagging of ``pdf``; per page, how many marked-content ids its content
    has, how many of them elements claim, how long its parent-tree entry is, and how
    many elements that entry names are not in the tree on that page (WeasyPrint 70
    leaves a few on a contents page: a joined pack must match it, not do better).

    Checked: the parent tree's keys run from 0 without a gap and match the pages'
    and annotations' keys; every element's page is a page of this file and its
    parent the element that lists it; every id an element claims is in the page's
    content.
    """
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
    root = pdf.Root.StructTreeRoot
    nums = list(root.ParentTree.Nums)
    keys = [int(k) for k in nums[::2]]
    assert keys == list(range(len(keys)))
    assert int(root.get("/ParentTreeNextKey", len(keys))) == len(keys)
    tree = dict(zip(keys, nums[1::2], strict=True))
    claimed: dict[int, set[int]] = {}
    on_page: dict[tuple[int, int], int | None] = {}

    def walk(element: pikepdf.Dictionary, page: int | None) -> None:
        if element.get("/Pg") is not None:
            assert element.Pg.objgen in pages
            page = pages[element.Pg.objgen]
        on_page[element.objgen] = page
        kids = element.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                assert page is not None
                claimed.setdefault(page, set()).add(kid)
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                assert kid.P.objgen == element.objgen
                walk(kid, page)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                assert kid.Pg.objgen in pages and int(kid.Obj.StructParent) in tree

    walk(root.K[0], None)
    found = []
    for i, page in enumerate(pdf.pages):
        listed = tree[int(page.obj.StructParents)]
        elsewhere = sum(1 for e in listed if e is not None and on_page.get(e.objgen) != i)
        content = {int(m) for m in re.findall(rb"/MCID (\d+)", page.obj.Contents.read_bytes())}
        assert claimed.get(i, set()) <= content
        found.append((len(content), len(claimed.get(i, ())), len(listed), elsewhere))
    return found


def test_bookmarks_language_and_fields_survive(runs: tuple[PersonalResult, ...]) -> None:
    joined, whole = runs
    mine, before = PdfReader(joined.out / "packs" / PACK), PdfReader(whole.out / "packs" / PACK)

    def marks(reader: PdfReader) -> list[tuple[str, int]]:
        flat: list[tuple[str, int]] = []

        def walk(items: list[object]) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    flat.append((item.title, reader.get_destination_page_number(item)))

        walk(reader.outline)
        return flat

    assert marks(mine) == marks(before) and marks(mine)
    assert mine.trailer["/Root"]["/Lang"] == before.trailer["/Root"]["/Lang"] == "en"
    fields, old = mine.get_fields() or {}, before.get_fields() or {}
    assert sorted(fields) == sorted(old) and any(name.startswith("log1_") for name in fields)
    widgets = {str(a.get_object()["/T"]): n for n, page in enumerate(mine.pages)
               for a in page.get("/Annots", []) if "/T" in a.get_object()}
    assert sorted(widgets) == sorted(fields)
    assert sorted(mine.named_destinations) == sorted(before.named_destinations)


def test_print_files_have_no_fields_and_come_in_volumes(
        runs: tuple[PersonalResult, ...], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, make_project: Callable[..., Path]) -> None:
    joined, _ = runs
    merged = PdfReader(joined.out / "print" / "student-mentor-packs-duplex.pdf")
    assert not merged.get_fields()
    assert not any("/Annots" in page for page in merged.pages)
    assert [item.title for item in merged.outline] == ["P01 · Gwenllian ap Rhys",
                                                       "P02 · Nguyễn Thị Minh Anh"]
    assert merged.page_labels[0].startswith("P01 · Gwenllian ap Rhys")
    monkeypatch.setattr(duplex, "VOLUME_PACKS", 1)
    scheme = make_project(**deep_merge(SCHEME, {"meetings": {"count": 1}}))
    (scheme.parent / "roster.csv").write_text(ROSTER, encoding="utf-8")
    result = personalise(scheme, scheme.parent / "roster.csv")
    names = sorted(p.name for p in (result.out / "print").glob("*.pdf"))
    assert "student-mentor-packs-duplex-2.pdf" in names and "certificates-4.pdf" in names
    second = PdfReader(result.out / "print" / "student-mentor-packs-duplex-2.pdf")
    assert "Nguyễn Thị Minh Anh" in " ".join(text_of(
        result.out / "print" / "student-mentor-packs-duplex-2.pdf", 1).split())
    assert [item.title for item in second.outline] == ["P02 · Nguyễn Thị Minh Anh"]


def test_a_pack_that_will_not_line_up_is_laid_out_whole(make_project: Callable[..., Path]
                                                       ) -> None:
    """A section whose length depends on the name breaks into pages differently for
    each person: those packs are rendered whole, and still right."""
    grows = ('<section class="section" id="sec-names"><h1>Names</h1>'
             '{% for _ in range(participant.name|length * 3 if participant else 30) %}'
             '<p>{{ participant.name if participant else "" }}</p>{% endfor %}</section>\n')
    scheme = make_project(**deep_merge(SCHEME, {"packs": {"mentor": {
        "sections": ["welcome", "names", "contacts"]}}}),
        files={"templates/print/sections/names.html": grows})
    (scheme.parent / "roster.csv").write_text(ROSTER, encoding="utf-8")
    result = personalise(scheme, scheme.parent / "roster.csv")
    assert result.joined < 4
    pack = result.out / "packs" / PACK
    assert "Prepared for Nguyễn Thị Minh Anh" in " ".join(text_of(pack, 1).split())
