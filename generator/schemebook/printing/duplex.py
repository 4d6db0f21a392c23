"""Print files from many PDFs, each starting on a front page (duplex-safe).

A blank page the size of the pack's last page follows every part with an
odd number of pages, so that on a double-sided printer no pack starts on the
back of the one before. Each part gets a bookmark and page labels (``P07 ·
Gwenllian ap Rhys 1``, ``2`` ...), so a viewer finds a person's pack at once;
form fields and links are dropped (paper has none), and so is the structure
tree, which the single packs keep. Joined with pikepdf (qpdf underneath),
which reads the parts' streams from disk only as it writes: a long roster is
split into volumes of :data:`VOLUME_PACKS` parts, so that joining 500 packs
never holds more than one volume's objects in memory.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

VOLUME_PACKS = 20
"""Parts in one print file: about 600 pages of A4. qpdf holds every object of every
open part, the tagged structure tree included: some 7 MB for each 28-page pack, so
50 parts took a worker to 390 MB, and 25 from 205 MB to 360 MB from run to run."""


def volumes(parts: list[tuple[str, str, int]], target: Path
            ) -> list[tuple[list[tuple[str, str, int]], Path]]:
    """``parts`` cut into volumes, each with its file: ``target`` itself when one is
    enough, else ``NAME-1.pdf``, ``NAME-2.pdf`` ..."""
    chunks = [parts[i:i + VOLUME_PACKS] for i in range(0, len(parts), VOLUME_PACKS)]
    if len(chunks) <= 1:
        return [(parts, target)]
    return [(chunk, target.with_name(f"{target.stem}-{n}{target.suffix}"))
            for n, chunk in enumerate(chunks, start=1)]


def merge_duplex(parts: list[tuple[str, str, int]], title: str, target: str,
                 duplex: bool = True) -> None:
    """Write ``parts`` (label, PDF file, page count) in order as one file at ``target``.

    Files in and out, not bytes: a volume of packs need not pass through memory.
    """
    if not parts:
        return
    out = Pdf.new()
    sources = []
    labels: list[object] = []
    with out.open_outline() as outline:
        for label, path, _ in parts:
            source = Pdf.open(path)
            sources.append(source)
            start = len(out.pages)
            for page in source.pages:
                for key in ("/Annots", "/StructParents"):
                    if key in page.obj:
                        del page.obj[key]
            out.pages.extend(source.pages)
            outline.root.append(pikepdf.OutlineItem(label, start))
            labels += [start, Dictionary(S=Name.D, P=pikepdf.String(f"{label} "))]
            if duplex and len(source.pages) % 2:
                box = source.pages[-1].mediabox
                out.add_blank_page(page_size=(float(box[2]) - float(box[0]),
                                              float(box[3]) - float(box[1])))
        first = sources[0].Root
    out.Root.PageLabels = Dictionary(Nums=Array(labels))
    if "/Lang" in first:
        out.Root.Lang = first.Lang
    out.docinfo["/Title"] = title
    out.docinfo["/Creator"] = "schemebook"
    out.save(target, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for source in sources:
        source.close()
