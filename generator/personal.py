"""Personalised packs, duplex-safe print files and certificates from a roster.

Each participant gets their role's pack with both partners' names on the
cover, in the running head and on every log, and their pair's own meeting
dates (the scheme's cadence and closures from the pair's first meeting).
Names are page text, never form-field values: WeasyPrint embeds a field's
font whole and a small Latin field font would not cover every script. In a
scheme with several languages each person's pack and certificate is in the
language the roster gives them; a role's print file keeps roster order, all
languages together, as an induction hands packs out pair by pair.

The files hold people's names, so they go to a private folder (``private/``
beside scheme.yml, which ``init`` keeps out of git) and never into the
published site: an output folder inside a built site is refused. As in the
main build, every PDF is rendered in memory first; the folders are replaced
only when everything succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import PdfCache
from .errors import Location, OutputError, Problem, Report, TemplateError
from .i18n import Translator
from .packs import LogSheet, log_sheets, pdf_request, print_environment, print_job, slug
from .printfile import merge_duplex
from .render import render_template
from .roster import Pair, read_roster
from .schedule import PlannedMeeting, meeting_plan
from .validate import Loaded, load_language, load_scheme, scheme_codes
from .workers import PdfResult, RenderFailed, RenderRequest, call_all, render_all, start_early

ROLES = ("mentor", "mentee")
FOLDERS = ("packs", "certificates", "print")
"""Sub-folders of the output that a run replaces; nothing else there is touched."""
OWNED = ".schemebook-personal"
"""Marker in each folder we write; we only ever replace folders carrying it."""


@dataclass
class PersonalResult:
    """What ``schemebook personalise`` wrote."""

    out: Path
    files: list[Path]
    rendered: int
    """PDFs rendered this run; the others came from the cache."""
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Doc:
    folder: str
    filename: str
    role: str
    pair: Pair
    request: RenderRequest


def pair_plan(loaded: Loaded, pair: Pair) -> list[PlannedMeeting]:
    """The pair's meetings: the scheme's cadence and closures from their first meeting."""
    scheme = loaded.scheme
    if pair.first_meeting is None:
        return meeting_plan(scheme)
    meetings = scheme.meetings.model_copy(update={"start": pair.first_meeting})
    return meeting_plan(scheme.model_copy(update={"meetings": meetings}))


def _personal_logs(plan: list[PlannedMeeting], stages: Any, tr: Translator) -> list[LogSheet]:
    """Logs for the pair's dates; the partner's name is printed above, so no box for it."""
    sheets = log_sheets({"plan": plan, "stages": stages}, tr)
    return [dataclasses.replace(s, details=tuple(d for d in s.details
                                                 if not d.name.endswith("_partner")))
            for s in sheets]


def file_stem(pair: Pair, role: str, name: str) -> str:
    """'P07-mentor-gwenllian-ap-rhys'; names in other scripts keep only the pair and role."""
    named = slug(name).replace("_", "-")[:40].strip("-")
    return f"{pair.pair_id}-{role}" + (f"-{named}" if named else "")


def check_private_output(out: Path, root: Path) -> Path:
    """Refuse folders where names could be published or overwrite the project."""
    out = out.resolve()
    where = Location(str(out))
    from .build import MARKER

    site = (root / "site").resolve()
    published = [p for p in (out, *out.parents) if (p / MARKER).is_file()]
    if out.is_relative_to(site) or published:
        raise OutputError([Problem(
            where, "refusing to write personalised packs inside the website folder "
            f"({published[0] if published else site}): they hold people's names and "
            "would be published", "use the default private/ beside scheme.yml, or "
            "another folder outside the site")])
    if out in {root.resolve(), Path.home().resolve(), Path("/")}:
        raise OutputError([Problem(where, "refusing to write personalised packs here",
                                   "give --out a folder such as private/")])
    if out.exists() and not out.is_dir():
        raise OutputError([Problem(where, "the output path is a file, not a folder")])
    for name in FOLDERS:
        sub = out / name
        if sub.is_dir() and any(sub.iterdir()) and not (sub / OWNED).exists():
            raise OutputError([Problem(Location(str(sub)),
                                       "this folder has files schemebook did not create",
                                       "move them, or choose another --out")])
    return out


def personalise(scheme_path: Path, roster_path: Path, out: Path | None = None,
                today: dt.date | None = None) -> PersonalResult:
    """Render every participant's pack and certificate, then write them all."""
    from .build import build_date, use_template_cache
    from .fingerprint import FOLDER

    loaded = load_scheme(scheme_path, today=today)
    pairs = read_roster(roster_path, scheme_codes(loaded.scheme))
    root = loaded.root.resolve()
    out = check_private_output(out or root / "private", root)
    start_early(out / ".cache" / "pdf")  # workers start while the HTML is made
    use_template_cache(root / FOLDER / "jinja")  # templates only: no names in there
    report = Report(warnings=list(loaded.warnings))
    stamp = build_date(loaded)
    languages = _Languages(scheme_path, loaded, stamp, report, today)
    docs: list[_Doc] = []

    def requests() -> Iterator[RenderRequest]:
        """HTML made as the workers ask for it: rendering starts with the first pair."""
        for doc in _documents(languages, pairs, stamp):
            docs.append(doc)
            yield doc.request

    packs_built = sum(1 for role in ROLES if getattr(loaded.scheme.packs, role).build)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".personal-", dir=out) as staging:
        stage = _stage(Path(staging))

        def keep(i: int, result: PdfResult) -> PdfResult:
            """Each PDF goes to the staging folder as it arrives; neither it nor its
            HTML stays in memory."""
            doc = docs[i]
            _write_private(stage / doc.folder / doc.filename, result.data)
            docs[i] = dataclasses.replace(doc, request=dataclasses.replace(doc.request, html=""))
            return dataclasses.replace(result, data=b"")

        results = render_all(requests(), cache=PdfCache(out / ".cache"), on_result=keep,
                             total=len(pairs) * (packs_built + len(ROLES)))
        problems = [Problem(Location(f"templates/print/{d.folder}"), f"{d.filename}: {r}")
                    for d, r in zip(docs, results, strict=True) if isinstance(r, RenderFailed)]
        if problems:
            raise TemplateError(problems)
        rendered = [(d, r) for d, r in zip(docs, results, strict=True)
                    if isinstance(r, PdfResult)]
        for message in sorted({m for _, r in rendered for m in r.warnings}):
            report.warn(Location(str(loaded.document.path)), f"personalised packs: {message}")
        _print_files(loaded, rendered, stage)
        written = _swap(stage, out)
    return PersonalResult(out, written, sum(1 for _, r in rendered if not r.cached),
                          report.warnings)


def _print_files(loaded: Loaded, rendered: list[tuple[_Doc, PdfResult]], stage: Path) -> None:
    """The duplex print file of each role and all certificates in one, joined in workers."""
    tr = Translator.for_language(loaded.scheme.language)
    calls: list[tuple[Any, ...]] = []
    for role in ROLES:
        packs = [(f"{d.pair.pair_id} · {getattr(d.pair, role)}",
                  str(stage / d.folder / d.filename), r.pages)
                 for d, r in rendered if d.folder == "packs" and d.role == role]
        if packs:
            label = getattr(loaded.scheme.roles, role).label
            target = stage / "print" / f"{slug(label).replace('_', '-')}-packs-duplex.pdf"
            calls.append((packs, tr.gettext("%(role)s packs, %(scheme)s", role=label,
                                            scheme=loaded.scheme.name), str(target), True))
    certificates = [(f"{d.pair.pair_id} · {getattr(d.pair, d.role)}",
                     str(stage / d.folder / d.filename), r.pages)
                    for d, r in rendered if d.folder == "certificates"]
    if certificates:
        calls.append((certificates, tr.gettext("Certificates, %(scheme)s",
                                               scheme=loaded.scheme.name),
                       str(stage / "print" / "certificates.pdf"), False))
    call_all([(merge_duplex, args) for args in calls])
    for args in calls:
        os.chmod(args[2], 0o600)


class _Languages:
    """The scheme and print environment of each language the roster asks for, made
    on first use: compiling the templates costs more than rendering them."""

    def __init__(self, scheme_path: Path, main: Loaded, stamp: dt.date, report: Report,
                 today: dt.date | None) -> None:
        self.scheme_path, self.main, self.stamp = scheme_path, main, stamp
        self.report, self.today = report, today
        self.made: dict[str, tuple[Loaded, Any]] = {}

    def __getitem__(self, code: str) -> tuple[Loaded, Any]:
        """Scheme and environment in ``code`` ('' for the main language)."""
        code = code or self.main.scheme.language
        if code not in self.made:
            loaded = self.main if code == self.main.scheme.language else load_language(
                self.scheme_path, code, self.report, self.today)
            found = Report()  # the logo's and font's warnings, the same in every language
            env = print_environment(loaded, self.stamp, found)
            self.report.warnings.extend(w for w in found.warnings
                                        if w not in self.report.warnings)
            self.made[code] = (loaded, env)
        return self.made[code]


def _documents(languages: _Languages, pairs: list[Pair], stamp: dt.date) -> Iterator[_Doc]:
    """Every pack and certificate as HTML, each in its person's language."""
    try:
        for pair in pairs:
            problems: list[Problem] = []
            for role in ROLES:
                loaded, env = languages[getattr(pair, f"{role}_language")]
                tr = Translator.for_language(loaded.scheme.language)
                plan = pair_plan(loaded, pair)  # theme titles are in the person's language
                env.globals.update(plan=plan,
                                   logs=_personal_logs(plan, env.globals["stages"], tr))
                other = "mentee" if role == "mentor" else "mentor"
                name = getattr(pair, role)
                env.globals["participant"] = {
                    "name": name, "role": role, "role_label": env.globals[role],
                    "partner": getattr(pair, other), "partner_label": env.globals[other],
                    "mentor": pair.mentor, "mentee": pair.mentee, "pair": pair.pair_id,
                }
                stem = file_stem(pair, role, name)
                try:
                    job = print_job(env, loaded, role)
                    if job is not None:
                        request = dataclasses.replace(pdf_request(loaded, job, stamp),
                                                      name=f"{stem}.pdf")
                        yield _Doc("packs", f"{stem}.pdf", role, pair, request)
                    html = render_template(env, "certificate.html",
                                           {"pack": {"key": "certificate"}})
                except TemplateError as exc:
                    problems.extend(exc.problems)
                    continue
                certificate = dataclasses.replace(request_for_html(loaded, html, stamp),
                                                  name=f"{stem}-certificate.pdf")
                yield _Doc("certificates", f"{stem}-certificate.pdf", role, pair, certificate)
            if problems:  # the same template error would repeat for every pair
                raise TemplateError(problems)
    finally:
        for _, env in languages.made.values():
            env.globals["participant"] = None


def request_for_html(loaded: Loaded, html: str, stamp: dt.date) -> RenderRequest:
    """A render request for print HTML that is not one of the packs."""
    from .packs import PrintJob

    job = PrintJob("certificate", "certificate.pdf", "", "", html, forms=False, public=False,
                   template="certificate.html")
    return pdf_request(loaded, job, stamp)


def _stage(stage: Path) -> Path:
    """Our folders, each with its marker, inside the staging folder."""
    for name in FOLDERS:
        (stage / name).mkdir()
        (stage / name / OWNED).write_text("Written by schemebook personalise. "
                                          "Holds people's names: do not publish.\n",
                                          encoding="utf-8")
    return stage


def _write_private(target: Path, data: bytes) -> None:
    with open(target, "wb", opener=_private_opener) as stream:
        stream.write(data)


def _swap(stage: Path, out: Path) -> list[Path]:
    """Put each staged folder in place of the old one by renames; the written files."""
    written = sorted(out / p.relative_to(stage) for p in stage.rglob("*.pdf"))
    for name in FOLDERS:
        old = out / f".{name}.old"
        if old.exists():
            shutil.rmtree(old)
        if (out / name).exists():
            (out / name).rename(old)
        (stage / name).rename(out / name)
        shutil.rmtree(old, ignore_errors=True)
    return written


def _private_opener(path: str, flags: int) -> int:
    """Files readable by their owner only: they hold names and emails."""
    return os.open(path, flags, 0o600)


__all__ = ["PersonalResult", "check_private_output", "pair_plan",
           "personalise", "read_roster"]
