"""A content-hashed cache, so a rebuild redoes only what an edit touched.

The PDF cache is keyed on the exact HTML handed to WeasyPrint, the render
options and the versions of WeasyPrint and schemebook's renderer; each entry
also records the hash of every file WeasyPrint fetched while rendering it
(stylesheets, fonts, images), and is used only while all of them still have
those bytes. The site cache is keyed on the generated MkDocs project folder
(mkdocs.yml, docs/, overrides/) and the MkDocs and Material versions; a hit
reuses the site MkDocs built from that same folder last time.

Both live in ``.schemebook-cache/`` beside scheme.yml (``init`` git-ignores
it). Entries are written by rename, so a crash never leaves a half entry;
deleting the folder at any time is safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2
import jinja2.bccache

from ..core.disk import PRIVATE, write_atomic
from ..core.paths import CACHE_FOLDER, PACKAGE
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
    """The renderer's own code: a change to it must not reuse old PDFs."""
    renderer = PACKAGE / "pdf" / "weasyprint.py"
    return hashlib.sha256(renderer.read_bytes()).hexdigest()


class FileHashes:
    """sha256 of files, remembered while their size and mtime stay the same."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], str] = {}

    def __call__(self, path: str) -> str | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in self._known:
            try:
                self._known[key] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                return None
        return self._known[key]


class PdfCache:
    """Rendered PDFs by the hash of their HTML, options and fetched files."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "pdf"
        self.hashes = FileHashes()

    def empty(self) -> bool:
        """True when no PDF has been cached yet: every PDF of a build will render."""
        return not self.folder.is_dir() or not any(self.folder.iterdir())

    def key(self, request: RenderRequest) -> str:
        head = json.dumps([versions("weasyprint", "pydyf"), _renderer_source(),
                           str(request.base_dir), request.forms, request.tagged,
                           request.created.isoformat() if request.created else None])
        return hashlib.sha256(head.encode() + b"\0" + request.html.encode()).hexdigest()

    def get(self, request: RenderRequest) -> PdfResult | None:
        key = self.key(request)
        meta_path, pdf_path = self.folder / f"{key}.json", self.folder / f"{key}.pdf"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if any(self.hashes(path) != digest for path, digest in meta["fetched"].items()):
                return None
            data = pdf_path.read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        os.utime(meta_path)  # recently used: pruned last
        return PdfResult(data, int(meta["pages"]), tuple(meta["warnings"]), 0.0,
                         tuple(meta["fetched"]), 0, cached=True)

    def put(self, request: RenderRequest, result: PdfResult) -> None:
        fetched = {path: self.hashes(path) for path in result.fetched}
        if any(digest is None for digest in fetched.values()):
            return  # a file vanished while rendering: do not trust this entry
        self.folder.mkdir(parents=True, exist_ok=True)
        key = self.key(request)
        write_atomic(self.folder / f"{key}.pdf", result.data, PRIVATE)
        meta = {"name": request.name, "pages": result.pages,
                "warnings": list(result.warnings), "fetched": fetched}
        write_atomic(self.folder / f"{key}.json", json.dumps(meta, indent=1).encode(), PRIVATE)

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
    """Sites MkDocs built, by the hash of the project folder they came from."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "site"

    def get(self, key: str, into: Path) -> list[str] | None:
        """Copy the cached site into ``into``; its MkDocs warnings, or None on a miss."""
        entry = self.folder / key
        try:
            warnings = json.loads((entry / "warnings.json").read_text(encoding="utf-8"))
            shutil.copytree(entry / "site", into)
        except (OSError, ValueError):
            shutil.rmtree(into, ignore_errors=True)
            return None
        os.utime(entry)
        return [str(w) for w in warnings]

    def put(self, key: str, site: Path, warnings: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if (self.folder / key).exists():
            return
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=self.folder))
        try:
            shutil.copytree(site, staging / "site")
            (staging / "warnings.json").write_text(json.dumps(warnings), encoding="utf-8")
            staging.rename(self.folder / key)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            return
        entries = sorted((p for p in self.folder.iterdir() if not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP_SITES]:
            shutil.rmtree(old, ignore_errors=True)


def cache_root(project: Path) -> Path:
    """``.schemebook-cache/`` beside scheme.yml."""
    return project / CACHE_FOLDER


class TemplateBytecode(jinja2.FileSystemBytecodeCache):
    """Compiled Jinja templates kept between builds (compiling costs more than rendering).

    Jinja checks each entry against the template's source. Our key also holds
    the environment's escaping, so one file compiled for the site (Markdown)
    and for print (HTML) could never share code.
    """

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        kind = (f"{type(environment).__name__}:{environment.autoescape}:"
                f"{environment.finalize is not None}:{filename}")
        return super().get_bucket(environment, f"{kind}:{name}", filename, source)
