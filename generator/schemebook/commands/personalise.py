"""``schemebook personalise``: every participant's pack, certificate and calendar, and print files.

The files hold people's names, so they go to a private folder (``private/``
beside scheme.yml, which ``init`` keeps out of git) and never anywhere the
site is published from: :func:`schemebook.core.privacy.refuse_private_output`
guards the folder, and its PDF cache stays inside it. As in the
main build, every PDF is rendered before the folders are replaced, and they
are replaced only when everything succeeded. A role's print file keeps
roster order, all languages together, as an induction hands packs out pair
by pair. Each person's calendar (``calendars/``) holds their pair's meetings
and their role's events; the pair meetings' SEQUENCE numbers are kept in
``calendars.lock`` beside the folders (:mod:`schemebook.files.pair_calendars`).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context.template import Edition
from ..core.disk import (
    PRIVATE,
    TEMP_SUFFIX,
    mark,
    output_lock,
    replace_folder,
    write_atomic,
    write_private,
)
from ..core.errors import Location, OutputError, Problem, Report, TemplateError
from ..core.options import Options
from ..core.privacy import PRIVATE_MARKER, PRIVATE_TEXT, mark_private, refuse_private_output
from ..core.text import in_sentence, sentence_start, slug
from ..files.calendars import SequenceLock, lock_path
from ..files.pair_calendars import PAIR_LOCK, PAIR_LOCK_NOTE, person_calendar
from ..incremental.caches import PdfCache
from ..pdf.types import PdfResult, RenderFailed, RenderRequest
from ..pdf.workers import Pool, Renderer
from ..people.roster import Pair, read_roster
from ..printing.duplex import merge_duplex, volumes
from ..printing.environment import print_environment
from ..printing.personal import ROLES, PersonalDoc, file_stem, pair_plan, personal_documents
from ..printing.shared import Rendered, keep_layout, personal_request, shared_layouts
from ..render import Environment
from ..scheme.validate import scheme_codes
from .build import load_editions

FOLDERS = ("packs", "certificates", "print", "calendars")
"""Sub-folders of the output that a run replaces; nothing else there is touched."""
OWNED = (PRIVATE_MARKER, ".schemebook-personal")
"""Markers of the folders we write (the second from earlier versions); we only
ever replace folders carrying one."""


@dataclass
class PersonalResult:
    """What ``schemebook personalise`` wrote."""

    out: Path
    files: list[Path]
    rendered: int
    """PDFs rendered this run; the others came from the cache."""
    joined: int = 0
    """Packs joined from their role's shared pages and the person's own."""
    warnings: list[Problem] = field(default_factory=list)


def check_private_output(out: Path, root: Path) -> Path:
    """Refuse folders where names could be published, cached or overwrite the project
    (:func:`schemebook.core.privacy.refuse_private_output`), or sub-folders someone
    else filled."""
    out = refuse_private_output(out, root, what="personalised packs")
    for name in FOLDERS:
        sub = out / name
        if sub.is_dir() and any(sub.iterdir()) and not any((sub / m).exists() for m in OWNED):
            raise OutputError([Problem(Location(str(sub)),
                                       "this folder has files schemebook did not create",
                                       "move them, or choose another --out")])
    return out


def _languages(editions: list[Edition], report: Report) -> dict[str, tuple[Edition, Environment]]:
    """Each language's edition and print environment, by the codes a roster may give
    ('' and the main language's own code both name the main one)."""
    found: dict[str, tuple[Edition, Environment]] = {}
    codes = scheme_codes(editions[0].scheme)
    for code, edition in zip(codes, editions, strict=True):
        found[code] = (edition, print_environment(edition, report))
    found[""] = found[codes[0]]
    return found


def personalise(scheme_path: Path, roster_path: Path, out: Path | None = None,
                options: Options | None = None) -> PersonalResult:
    """Render every participant's pack and certificate, then write them all."""
    options = options or Options()
    report = Report()
    editions = load_editions(scheme_path, options, report)
    main = editions[0]
    pairs = read_roster(roster_path, scheme_codes(main.scheme))
    root = main.root.resolve()
    out = check_private_output(out or root / "private", root)
    languages = _languages(editions, report)
    mark_private(out)
    per_pair = sum(1 for role in ROLES if getattr(main.scheme.packs, role).build) + len(ROLES)
    with output_lock(out, inside=True), Pool(options.worker_count()) as pool, \
            tempfile.TemporaryDirectory(prefix=".personal-", suffix=TEMP_SUFFIX,
                                        dir=out) as staging:
        cache = PdfCache(out / ".cache" / "pdf")
        if not options.use_cache or cache.empty():
            pool.start_early()
        renderer = Renderer(pool, cache, options)
        stage = _stage(Path(staging))
        shared = _shared(languages, pairs, renderer, Path(staging)) if options.shared_pages else {}
        docs: list[PersonalDoc] = []
        requests = _requests(personal_documents(languages, pairs), docs, languages, shared)
        results = renderer.render_all(requests, total=len(pairs) * per_pair,
                                      on_result=_keeper(docs, stage))
        rendered = _rendered(docs, results)
        for message in sorted({m for _, r in rendered for m in r.warnings}):
            report.warn(Location(str(main.loaded.document.path)), f"personalised packs: {message}")
        _print_files(main, renderer, rendered, stage)
        pair_lock = _calendars(languages, pairs, stage, out)
        written = _swap(stage, out)
        write_atomic(out / PAIR_LOCK, pair_lock.text(PAIR_LOCK_NOTE).encode("utf-8"), mode=PRIVATE)
    return PersonalResult(out, written, sum(1 for _, r in rendered if not r.cached),
                          sum(1 for _, r in rendered if r.joined), report.warnings)


def _shared(languages: dict[str, tuple[Edition, Environment]], pairs: list[Any],
            renderer: Renderer, staging: Path) -> dict[tuple[str, str], Rendered]:
    """Each role's shared pages in each language the roster needs, rendered first and
    written where the workers read them. One that fails leaves its packs whole."""
    layouts = shared_layouts(languages, pairs)
    folder = staging / ".shared"
    folder.mkdir()
    results = renderer.render_all([layout.request for layout in layouts])
    return {(layout.code, layout.role): keep_layout(layout, result, folder)
            for layout, result in zip(layouts, results, strict=True)
            if isinstance(result, PdfResult) and result.blocks}


def _requests(documents: Iterator[PersonalDoc], docs: list[PersonalDoc],
              languages: dict[str, tuple[Edition, Environment]],
              shared: dict[tuple[str, str], Rendered]) -> Iterator[RenderRequest]:
    """HTML made as the workers ask for it: rendering starts with the first pair. A
    pack with shared pages asks only for the person's own pages to be laid out."""
    for doc in documents:
        if doc.folder == "packs" and shared:
            code = languages[getattr(doc.pair, f"{doc.role}_language")][0].code
            doc = dataclasses.replace(doc, request=personal_request(
                doc.request, shared.get((code, doc.role))))
        docs.append(doc)
        yield doc.request


def _keeper(docs: list[PersonalDoc], stage: Path) -> Any:
    def keep(i: int, result: PdfResult) -> PdfResult:
        """Each PDF goes to the staging folder as it arrives; neither it nor its
        HTML stays in memory."""
        doc = docs[i]
        write_private(stage / doc.folder / doc.filename, result.data)
        docs[i] = dataclasses.replace(doc, request=dataclasses.replace(doc.request, html="",
                                                                         join=None))
        return dataclasses.replace(result, data=b"")

    return keep


def _rendered(docs: list[PersonalDoc], results: list[PdfResult | RenderFailed]
              ) -> list[tuple[PersonalDoc, PdfResult]]:
    problems = [Problem(Location(f"templates/print/{d.folder}"), f"{d.filename}: {r}")
                for d, r in zip(docs, results, strict=True) if isinstance(r, RenderFailed)]
    if problems:
        raise TemplateError(problems)
    return [(d, r) for d, r in zip(docs, results, strict=True) if isinstance(r, PdfResult)]


def _print_files(main: Edition, renderer: Renderer,
                 rendered: list[tuple[PersonalDoc, PdfResult]], stage: Path) -> None:
    """The duplex print file of each role and all certificates in one, joined in workers."""
    tr, scheme = main.tr, main.scheme
    calls: list[tuple[Any, ...]] = []
    for role in ROLES:
        packs = [(f"{d.pair.pair_id} · {getattr(d.pair, role)}",
                  str(stage / d.folder / d.filename), r.pages)
                 for d, r in rendered if d.folder == "packs" and d.role == role]
        if packs:
            label = getattr(scheme.roles, role).label
            title = sentence_start(tr.gettext("%(role)s packs, %(scheme)s",
                                              role=in_sentence(label), scheme=scheme.name))
            for part, target in volumes(packs, stage / "print" / f"{slug(label)}-packs-duplex.pdf"):
                calls.append((part, title, str(target), True))
    certificates = [(f"{d.pair.pair_id} · {getattr(d.pair, d.role)}",
                     str(stage / d.folder / d.filename), r.pages)
                    for d, r in rendered if d.folder == "certificates"]
    title = tr.gettext("Certificates, %(scheme)s", scheme=scheme.name)
    for part, target in volumes(certificates, stage / "print" / "certificates.pdf"):
        calls.append((part, title, str(target), False))
    renderer.call_all([(merge_duplex, args) for args in calls])
    for args in calls:
        os.chmod(args[2], PRIVATE)


def _calendars(languages: dict[str, tuple[Edition, Environment]], pairs: list[Pair],
               stage: Path, out: Path) -> SequenceLock:
    """Each person's .ics into the staging folder; the pair record to keep."""
    main = languages[""][0]
    published = SequenceLock.read(lock_path(main.root))  # read, never written here
    record = SequenceLock.read(out / PAIR_LOCK)
    for pair in pairs:
        for role in ROLES:
            edition, _ = languages[getattr(pair, f"{role}_language")]
            data = person_calendar(edition.scheme, edition.context["events"], pair, role,
                                   pair_plan(edition.scheme, pair), edition.stamp,
                                   (published, record), edition.tr, edition.code)
            stem = file_stem(pair, role, getattr(pair, role))
            write_private(stage / "calendars" / f"{stem}.ics", data)
    return record


def _stage(stage: Path) -> Path:
    """Our folders, each with its marker, inside the staging folder."""
    for name in FOLDERS:
        mark(stage / name, PRIVATE_MARKER, PRIVATE_TEXT)
    return stage


def _swap(stage: Path, out: Path) -> list[Path]:
    """Put each staged folder in place of the old one by renames; the written files."""
    written = sorted(out / p.relative_to(stage) for name in FOLDERS
                     for p in (stage / name).rglob("*") if p.suffix in (".pdf", ".ics"))
    for name in FOLDERS:
        replace_folder(stage / name, out / name)
    return written


__all__ = ["PersonalResult", "check_private_output", "personalise"]
