"""Join a person's own pages with their role's shared layout (pikepdf, in a worker).

Both PDFs come from the same pack with the same page count (see
:mod:`schemebook.printing.blocks`): the person's pages replace the shared
layout's pages in place, so every bookmark, named destination and link that
points at a page keeps pointing at it. WeasyPrint tags each page under its own
children of the Document element, so the structure tree is joined page by
page: the shared layout's elements for its pages, the person's for theirs,
with the parent tree, the pages' and annotations' keys, and the form fields
renumbered to match. Neither pikepdf nor pypdf joins structure trees itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from io import BytesIO
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

_MARKER = "/SbPage"
"""Stands in for a reference to page N while objects are copied between files."""


@cache
def _shared_bytes(path: str) -> bytes:
    """A worker joins hundreds of packs with the same shared layout: read it once."""
    with open(path, "rb") as file:
        return file.read()


def join_pages(shared: str, own: bytes, pages: Sequence[int]) -> bytes | None:
    """The shared PDF at ``shared`` with ``pages`` (0-based) taken from ``own``;
    None when the two files do not have the same shape."""
    base = Pdf.open(BytesIO(_shared_bytes(shared)))
    person = Pdf.open(BytesIO(own))
    if len(base.pages) != len(person.pages) or not _tagged(base) or not _tagged(person):
        return None
    mine = set(pages)
    index = _page_numbers(person)
    copied = _copy_pages(base, person, mine, index)
    _join_structure(base, person, mine, index, copied)
    _join_forms(base, person, mine, copied)
    _join_destinations(base, person, mine, index)
    out = BytesIO()
    base.save(out, deterministic_id=True,
              object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _page_numbers(pdf: Pdf) -> dict[Any, int]:
    """Each page's object id and its index."""
    return {page.objgen: i for i, page in enumerate(pdf.pages)}


def _tagged(pdf: Pdf) -> bool:
    root = pdf.Root.get("/StructTreeRoot")
    return root is not None and _document(pdf) is not None


def _document(pdf: Pdf) -> Any:
    kids = pdf.Root.StructTreeRoot.get("/K")
    if isinstance(kids, Array):
        kids = kids[0] if len(kids) == 1 else None
    return kids if isinstance(kids, Dictionary) and kids.get("/S") == Name.Document else None


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _mark(obj: Any, index: dict[Any, int], seen: set[Any]) -> Any:
    """``obj`` with every reference to one of ``index``'s pages replaced by a marker name,
    and references to the tree's root elements by null, so copying it into the other
    file drags no page (and no page tree, and no other page's elements) along."""
    if isinstance(obj, Dictionary | Array) and obj.is_indirect:
        if obj.objgen in index:
            return Name(f"{_MARKER}{index[obj.objgen]}")
        if obj.objgen in seen:
            return obj
        seen.add(obj.objgen)
    if isinstance(obj, Dictionary):
        if obj.get("/S") == Name.Document or obj.get("/Type") == Name.StructTreeRoot:
            return None
        for key in list(obj.keys()):
            value = _mark(obj[key], index, seen)
            if value is None:
                del obj[key]
            else:
                obj[key] = value
    elif isinstance(obj, Array):
        for i, item in enumerate(list(obj)):
            value = _mark(item, index, seen)
            obj[i] = pikepdf.Object.parse(b"null") if value is None else value
    return obj


def _unmark(obj: Any, pages: list[Any], seen: set[Any]) -> Any:
    """The copied ``obj`` with each marker name back as a reference to this file's page."""
    if isinstance(obj, Name) and str(obj).startswith(_MARKER):
        return pages[int(str(obj)[len(_MARKER):])].obj
    if isinstance(obj, Dictionary | Array) and obj.is_indirect:
        if obj.objgen in seen:
            return obj
        seen.add(obj.objgen)
    if isinstance(obj, Dictionary):
        for key in list(obj.keys()):
            obj[key] = _unmark(obj[key], pages, seen)
    elif isinstance(obj, Array):
        for i, item in enumerate(list(obj)):
            obj[i] = _unmark(item, pages, seen)
    return obj


def _copy_pages(base: Pdf, person: Pdf, mine: set[int], index: dict[Any, int]
                ) -> dict[int, Any]:
    """Give each of ``mine`` in ``base`` the person's content, resources and annotations;
    the copied structure kids, parent-tree values and annotations, by page.

    Everything is gathered first and copied in one go, so an object reachable from
    two pages is copied (and its page references restored) once."""
    document = _document(person)
    tree = _number_tree(person.Root.StructTreeRoot.ParentTree)
    null = pikepdf.Object.parse(b"null")
    order = sorted(mine)
    gathered = []
    for i in order:
        page = person.pages[i].obj
        annots = list(page.get("/Annots", Array()))
        kids = [k for k in _kids(document) if k.get("/Pg") is not None
                and index.get(k.Pg.objgen) == i]
        values = [tree.get(int(page.get("/StructParents", -1)))]
        values += [tree.get(int(a.get("/StructParent", -1))) for a in annots]
        gathered.append(Array([Array(kids), Array([null if v is None else v for v in values]),
                               Array(annots), page.Contents, page.Resources]))
    bundle = _mark(person.make_indirect(Array(gathered)), index, set())
    local = _unmark(base.copy_foreign(bundle), list(base.pages), set())
    copied: dict[int, Any] = {}
    for i, parts in zip(order, local, strict=True):
        copied[i] = parts
        target = base.pages[i].obj
        target.Contents, target.Resources = parts[3], parts[4]
        if len(parts[2]):
            target.Annots = parts[2]
        elif "/Annots" in target:
            del target.Annots
    return copied


def _number_tree(tree: Any) -> dict[int, Any]:
    """A number tree (the parent tree) as a dict, leaves and kids alike."""
    found: dict[int, Any] = {}
    nums = tree.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            found[int(nums[i])] = nums[i + 1]
    for kid in tree.get("/Kids", Array()):
        found.update(_number_tree(kid))
    return found


def _join_structure(base: Pdf, person: Pdf, mine: set[int], index: dict[Any, int],
                    copied: dict[int, Any]) -> None:
    """One Document element over every page's elements, and a parent tree to match."""
    root = base.Root.StructTreeRoot
    document = _document(base)
    tree = _number_tree(root.ParentTree)
    where = _page_numbers(base)
    by_page: dict[int, list[Any]] = {}
    for kid in _kids(document):
        page = kid.get("/Pg")
        by_page.setdefault(where.get(page.objgen, -1) if page is not None else -1, []).append(kid)
    kids: list[Any] = list(by_page.get(-1, []))
    nums: list[Any] = []
    for i, page in enumerate(base.pages):
        if i in mine:
            own_kids, values, annots = copied[i][0], copied[i][1], copied[i][2]
            for kid in own_kids:
                kid.P = document
            kids.extend(own_kids)
        else:
            kids.extend(by_page.get(i, []))
            annots = page.obj.get("/Annots", Array())
            values = [tree.get(int(page.obj.get("/StructParents", -1)))]
            values += [tree.get(int(a.get("/StructParent", -1))) for a in annots]
        for n, (holder, value) in enumerate(zip([page.obj, *annots], values, strict=True)):
            key = "/StructParent" if n else "/StructParents"
            if value is None:
                if key in holder:
                    del holder[key]
                continue
            holder[key] = len(nums) // 2
            nums += [len(nums) // 2, value]
    document.K = Array(kids)
    root.ParentTree = base.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = len(nums) // 2


def _fields(pdf: Pdf) -> Iterator[Any]:
    form = pdf.Root.get("/AcroForm")
    yield from (form.get("/Fields", Array()) if form is not None else ())


def _widget_pages(field: Any, pages: dict[Any, int]) -> set[int]:
    """The pages a field's widgets sit on."""
    widgets = [field, *field.get("/Kids", Array())]
    return {pages[w.P.objgen] for w in widgets if w.get("/P") is not None
            and w.P.objgen in pages}


def _field(widget: Any) -> Any:
    """The field a widget belongs to: the top of its /Parent chain (often itself)."""
    while widget.get("/Parent") is not None:
        widget = widget.Parent
    return widget


def _join_forms(base: Pdf, person: Pdf, mine: set[int], copied: dict[int, Any]) -> None:
    """The shared layout's fields on its pages, the person's on theirs."""
    where = _page_numbers(base)
    fields = [f for f in _fields(base) if not _widget_pages(f, where) & mine]
    known = {f.objgen for f in fields}
    for i in sorted(mine):
        for annot in copied[i][2]:
            field = _field(annot)
            if annot.get("/Subtype") == Name.Widget and field.objgen not in known:
                known.add(field.objgen)
                fields.append(field)
    if not fields:
        if "/AcroForm" in base.Root:
            del base.Root.AcroForm
        return
    if "/AcroForm" not in base.Root:
        form = person.Root.AcroForm
        base.Root.AcroForm = base.copy_foreign(
            person.make_indirect(Dictionary({k: v for k, v in form.items() if k != "/Fields"})))
    base.Root.AcroForm.Fields = Array(fields)


def _destinations(pdf: Pdf) -> dict[str, Any]:
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    return {} if dests is None else {k: v for k, v in pikepdf.NameTree(dests).items()}


def _join_destinations(base: Pdf, person: Pdf, mine: set[int],
                       index: dict[Any, int]) -> None:
    """Named destinations and bookmarks on the person's pages point where their
    layout put the target (the same page, maybe another height)."""
    where = _page_numbers(base)
    theirs = _destinations(person)
    tree = pikepdf.NameTree(base.Root.Names.Dests) if _destinations(base) else None
    for name, dest in _destinations(base).items():
        page = where.get(dest[0].objgen) if isinstance(dest, Array) and len(dest) else None
        other = theirs.get(name)
        if tree is not None and page in mine and isinstance(other, Array) and len(other) \
                and index.get(other[0].objgen) == page:
            tree[name] = Array([base.pages[page].obj, *list(other)[1:]])
    mine_marks = [(t, d) for t, d in _outline(person) if index.get(d[0].objgen) in mine]
    items = [(item, d) for item, d in _outline_items(base) if where.get(d[0].objgen) in mine]
    for (item, _), (title, dest) in zip(items, mine_marks, strict=False):
        item.Title = title
        item.Dest = Array([base.pages[index[dest[0].objgen]].obj, *list(dest)[1:]])


def _outline_items(pdf: Pdf) -> list[tuple[Any, Any]]:
    """Every bookmark and its destination array, in reading order."""
    found: list[tuple[Any, Any]] = []
    outlines = pdf.Root.get("/Outlines")
    todo = [outlines.First] if outlines is not None and "/First" in outlines else []
    while todo:
        item = todo.pop()
        dest = item.get("/Dest")
        if isinstance(dest, Array) and len(dest):
            found.append((item, dest))
        if "/Next" in item:
            todo.append(item.Next)
        if "/First" in item:
            todo.append(item.First)
    return found


def _outline(pdf: Pdf) -> list[tuple[Any, Any]]:
    return [(item.Title, dest) for item, dest in _outline_items(pdf)]
