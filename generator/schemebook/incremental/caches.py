"""A content-hashed cache, so a rebuild redoes only what an edit touched.

The PDF cache is keyed on the exact HTML handed to WeasyPrint, the render
options and the versions of WeasyPrint and schemebook's renderer; each entry
also records the hash of every file WeasyPrint fetched while rendering it
(stylesheets, fonts, images), and is used only while all of them still have
those bytes. The site cache is keyed on the generated MkDocs project folder
(mkdocs.yml, docs/, overrides/) and the MkDocs and Material versions; a hit
reuses the site MkDocs built from that same folder last time.

Both live in ``.schemebook-cache/`` beside scheme.yml (``init`` git-ignores
it), or in ``Options.cache_dir``. Entries are
written by rename, so a crash never leaves a half entry; deleting the folder
at any time is safe. Nothing on disk is trusted: every
entry records the hash of what it holds and is sealed with a key kept
outside the project (:mod:`schemebook.core.seal`), so a damaged entry is
rendered again with a warning and one written by anybody else is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
import jinja2.bccache

from ..core.disk import PRIVATE, link_or_copy, write_atomic
from ..core.errors import Location, OutputError, Problem
from ..core.fonts import made_file
from ..core.options import Options
from ..core.paths import CACHE_FOLDER, PACKAGE, print_path
from ..core.seal import seal, sealed
from ..pdf.types import PdfResult, RenderRequest

KEEP_SITES = 3
"""Built sites kept: enough to flip between two versions of a page cheaply."""
KEEP_PDFS = 600


@cache
def versions(*packages: str) -> str:
    """Installed versions of ``packages`` and of schemebook, as one string."""
    found = []
    for name in ("schemebook", *packages):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return ";".join(found)


@cache
def _renderer_source() -> str:
    """The renderer's own code (and the joiner's): a change must not reuse old PDFs."""
    digest = hashlib.sha256()
    for name in ("weasyprint.py", "assemble.py", "balance.py", "layout.py"):
        digest.update((PACKAGE / "pdf" / name).read_bytes())
    return digest.hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class FileHashes:
    """sha256 of files, remembered while their size and mtime stay the same (of a file
    made in memory, such as fonts.css, the hash of what is made)."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], str] = {}

    def __call__(self, path: str) -> str | None:
        if (made := made_file(Path(path))) is not None:
            return _sha(made)
        try:
            stat = os.stat(path)
        except OSError:
            return None
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in self._known:
            try:
                self._known[key] = _sha(Path(path).read_bytes())
            except OSError:
                return None
        return self._known[key]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fetched_file(url: str, project: Path) -> str:
    """The file behind a URL the renderer fetched (``schemebook://`` or ``file:``)."""
    named = print_path(url, project)
    if named is None:
        named = Path(url2pathname(unquote(urlsplit(url).path)))
    return str(named)


def _canonical(meta: dict[str, Any]) -> bytes:
    return json.dumps({k: v for k, v in meta.items() if k != "seal"}, sort_keys=True).encode()


class PdfCache:
    """Rendered PDFs by the hash of their HTML, options and fetched files.

    Each entry records the sha256 of its PDF and is sealed
    (:mod:`schemebook.core.seal`). An entry this user did not write is not
    used; one whose PDF no longer has the recorded hash (a truncated or
    damaged file) is dropped, named in :attr:`damaged` and rendered again.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hashes = FileHashes()
        self.damaged: list[str] = []
        """Names of the PDFs found damaged in this run, for the build's warnings."""

    def empty(self) -> bool:
        """True when no PDF has been cached yet: every PDF of a build will render."""
        return not self.folder.is_dir() or not any(self.folder.iterdir())

    def key(self, request: RenderRequest) -> str:
        """The entry of ``request``: its HTML names no folder, so neither does the key."""
        join = request.join
        head = json.dumps([versions("weasyprint", "pydyf", "pikepdf"), _renderer_source(),
                           request.forms, request.tagged,
                           request.created.isoformat() if request.created else None,
                           request.marks, join and [join.shared_digest, join.pages,
                                                    join.expected, _digest(join.fallback)],
                           request.tails and dataclasses.astuple(request.tails)])
        return hashlib.sha256(head.encode() + b"\0" + request.html.encode()).hexdigest()

    def get(self, request: RenderRequest) -> PdfResult | None:
        key = self.key(request)
        meta_path, pdf_path = self.folder / f"{key}.json", self.folder / f"{key}.pdf"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not sealed(meta.get("seal"), _canonical(meta)):
                return None
            if any(self.hashes(_fetched_file(url, request.base_dir)) != digest
                   for url, digest in meta["fetched"].items()):
                return None
            data = pdf_path.read_bytes()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if _sha(data) != meta.get("sha256"):
            self.damaged.append(request.name)
            meta_path.unlink(missing_ok=True)
            pdf_path.unlink(missing_ok=True)
            return None
        os.utime(meta_path)  # recently used: pruned last
        return PdfResult(data, int(meta["pages"]), tuple(meta["warnings"]), 0.0,
                         tuple(meta["fetched"]), 0, cached=True,
                         blocks=tuple(tuple(b) for b in meta.get("blocks", ())),
                         joined=bool(meta.get("joined")),
                         lines=tuple(int(n) for n in meta.get("lines", ())))

    def put(self, request: RenderRequest, result: PdfResult) -> None:
        fetched = {url: self.hashes(_fetched_file(url, request.base_dir))
                   for url in result.fetched}
        if any(digest is None for digest in fetched.values()):
            return  # a file vanished while rendering: do not trust this entry
        key = self.key(request)
        meta: dict[str, Any] = {"name": request.name, "pages": result.pages,
                                "blocks": result.blocks, "joined": result.joined,
                                "lines": result.lines,
                                "warnings": list(result.warnings), "fetched": fetched,
                                "sha256": _sha(result.data)}
        meta["seal"] = seal(_canonical(meta))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{key}.pdf", result.data, PRIVATE)
            write_atomic(self.folder / f"{key}.json", json.dumps(meta, indent=1).encode(),
                         PRIVATE)
        except (OSError, OutputError):
            return  # a cache that cannot be written only costs time

    def prune(self, keep: int = KEEP_PDFS) -> None:
        """Drop the least recently used entries beyond ``keep``."""
        if not self.folder.is_dir():
            return
        metas = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for meta in metas[:-keep] if len(metas) > keep else []:
            meta.unlink(missing_ok=True)
            meta.with_suffix(".pdf").unlink(missing_ok=True)


ENGINE_PACKAGES = {"mkdocs": ("mkdocs", "mkdocs-material"), "zensical": ("zensical",)}
"""The packages whose versions shape what each site engine builds."""


def project_key(project: Path, engine: str = "mkdocs") -> str:
    """Hash of a generated site project folder (its site_dir is always inside it), with
    the engine, its versions and the code that repairs its HTML (site/postprocess.py)."""
    digest = hashlib.sha256(f"{engine};{versions(*ENGINE_PACKAGES[engine])}".encode())
    digest.update((PACKAGE / "site" / "postprocess.py").read_bytes())
    for path in sorted(p for p in project.rglob("*") if p.is_file()):
        rel = path.relative_to(project).as_posix()
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class SiteCache:
    """Sites MkDocs built, by the hash of the project folder they came from.

    An entry lists the sha256 of every file and is sealed; a file that no
    longer has its hash makes the entry damaged (:attr:`damaged`): it is
    dropped and the site is built again.
    """

    def __init__(self, root: Path) -> None:
        self.folder = root / "site"
        self.damaged = False

    def get(self, key: str, into: Path, config: str) -> list[Problem] | None:
        """Copy the cached site into ``into``; its engine's warnings, or None on a miss.
        A warning about the generated project names this build's (``config``)."""
        entry = self.folder / key
        try:
            meta = json.loads((entry / "entry.json").read_text(encoding="utf-8"))
            if not sealed(meta.get("seal"), _canonical(meta)):
                return None
            if not all(isinstance(w, dict) for w in meta["warnings"]):
                shutil.rmtree(entry, ignore_errors=True)  # kept before warnings had places
                return None
            if not self._copy(entry / "site", into, meta["files"]):
                self.damaged = True
                shutil.rmtree(into, ignore_errors=True)
                shutil.rmtree(entry, ignore_errors=True)
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            shutil.rmtree(into, ignore_errors=True)
            return None
        os.utime(entry)
        return [Problem(Location(w["at"][0] or config, *w["at"][1:]), str(w["message"]),
                        severity="warning") for w in meta["warnings"]]

    @staticmethod
    def _copy(source: Path, into: Path, files: dict[str, str]) -> bool:
        """Copy the listed files, each checked against its hash; False on any mismatch."""
        present = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}
        if present != set(files):
            return False
        for rel, digest in files.items():
            data = (source / rel).read_bytes()
            if _sha(data) != digest:
                return False
            target = into / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return True

    def put(self, key: str, site: Path, warnings: list[Problem], config: str) -> None:
        """Keep the site the engine built and its warnings, each where the user fixes
        it; one about the generated project (``config``, a folder of this build only)
        is kept without that folder."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if (self.folder / key).exists():
                return
            staging = Path(tempfile.mkdtemp(prefix=".new-", dir=self.folder))
        except OSError:
            return
        try:
            shutil.copytree(site, staging / "site", copy_function=link_or_copy)
            files = {p.relative_to(staging / "site").as_posix(): _sha(p.read_bytes())
                     for p in sorted((staging / "site").rglob("*")) if p.is_file()}
            kept = [{"at": ["" if w.location.path == config else w.location.path,
                            w.location.line, w.location.column],
                     "message": w.message} for w in warnings]
            meta: dict[str, Any] = {"warnings": kept, "files": files}
            meta["seal"] = seal(_canonical(meta))
            (staging / "entry.json").write_text(json.dumps(meta), encoding="utf-8")
            staging.rename(self.folder / key)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            return
        entries = sorted((p for p in self.folder.iterdir() if not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP_SITES]:
            shutil.rmtree(old, ignore_errors=True)


def damaged_warnings(folder: Path, names: list[str]) -> list[Problem]:
    """A warning for each cached output found damaged: it was made again."""
    return [Problem(Location(str(folder)), f"the cached {name} was damaged (it no longer "
                    "matches the hash recorded when it was written); it was made again",
                    severity="warning") for name in sorted(set(names))]


def cache_root(project: Path) -> Path:
    """``.schemebook-cache/`` beside scheme.yml."""
    return project / CACHE_FOLDER


def caches_folder(project: Path, options: Options) -> Path:
    """Where the PDF, site and template caches of ``project`` live: ``options.cache_dir``,
    else ``.schemebook-cache/`` beside scheme.yml."""
    return options.cache_dir or cache_root(project)


def pdf_cache(project: Path, options: Options) -> PdfCache:
    """The cache of the published PDFs of ``project``."""
    return PdfCache(caches_folder(project, options) / "pdf")


class TemplateBytecode(jinja2.FileSystemBytecodeCache):
    """Compiled Jinja templates kept between builds (compiling costs more than rendering).

    Jinja checks each entry against the template's source. Our key also holds
    the environment's escaping, so one file compiled for the site (Markdown)
    and for print (HTML) could never share code. Compiled code runs outside
    the sandbox, so each entry is sealed (:mod:`schemebook.core.seal`): one
    this user's schemebook did not write is never loaded.
    """

    VERSION = "sealed-steps-1"
    """Part of every key: entries compiled before the step budget are not reused."""

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        kind = (f"{self.VERSION}:{type(environment).__name__}:{environment.autoescape}:"
                f"{environment.finalize is not None}:{filename}")
        return super().get_bucket(environment, f"{kind}:{name}", filename, source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            data = Path(self._get_cache_filename(bucket)).read_bytes()
        except OSError:
            return
        body, _, mark = data.rpartition(_SEAL)
        if body and sealed(mark.decode("ascii", "replace"), body, bucket.key.encode()):
            bucket.bytecode_from_string(body)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        body = bucket.bytecode_to_string()
        mark = seal(body, bucket.key.encode()).encode()
        with contextlib.suppress(OSError, OutputError):
            write_atomic(Path(self._get_cache_filename(bucket)), body + _SEAL + mark, PRIVATE)


_SEAL = b"\n#schemebook-seal:"
