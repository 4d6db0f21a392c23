"""Each role's shared pages, laid out once per language, and each person's own pages.

For a personalised run, every role and language that the roster needs gets
one *shared layout*: the pack with the first such person's sections (so it
breaks into pages as theirs do) under a cover, contents and running heads
that name nobody. Every person's pack is then the shared layout with only
their own pages laid out again (:mod:`.blocks` says which); the worker joins
the two, or renders the whole pack when the pages do not line up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..context.template import Edition
from ..pdf.types import JoinSpec, PdfResult, RenderRequest
from ..people.roster import Pair
from ..render import Environment
from .blocks import Split, plan, shared_html, split
from .packs import pdf_request, print_job
from .personal import ROLES, personal_globals, reset_globals


@dataclass(frozen=True)
class SharedLayout:
    """One role's pack in one language, laid out once for everyone."""

    code: str
    role: str
    doc: Split
    request: RenderRequest


@dataclass(frozen=True)
class Rendered:
    """A shared layout rendered and written where the workers read it."""

    layout: SharedLayout
    path: Path
    digest: str
    on_pages: list[set[int]]


def shared_layouts(languages: Mapping[str, tuple[Edition, Environment]],
                   pairs: list[Pair]) -> list[SharedLayout]:
    """A shared layout for each role and language some person on the roster has."""
    layouts: list[SharedLayout] = []
    seen: set[tuple[str, str]] = set()
    for pair in pairs:
        for role in ROLES:
            code = getattr(pair, f"{role}_language")
            edition, env = languages[code]
            key = (edition.code, role)
            if key in seen:
                continue
            seen.add(key)
            try:
                personal_globals(edition, env, pair, role)
                job = print_job(env, edition, role, layout={"participant": None})
            finally:
                reset_globals(edition, env)
            if job is None:
                continue
            # Split the HTML as the worker gets it (print fixes applied), so that it
            # lines up with each person's request block by block.
            name = f"shared {role} pack ({edition.code or 'main'})"
            request = pdf_request(edition, job, name)
            doc = split(request.html)
            if doc is None:
                continue
            request = replace(request, html=shared_html(doc), marks=True)
            layouts.append(SharedLayout(edition.code, role, doc, request))
    return layouts


def keep_layout(layout: SharedLayout, result: PdfResult, folder: Path) -> Rendered:
    """Write a rendered shared layout for the workers; what persons' plans need of it."""
    path = folder / f"{layout.role}-{layout.code or 'main'}.pdf"
    path.write_bytes(result.data)
    digest = hashlib.sha256(result.data).hexdigest()
    return Rendered(layout, path, digest, [set(shown) for shown in result.blocks])


def personal_request(request: RenderRequest, shared: Rendered | None) -> RenderRequest:
    """The person's own pages and how to join them, or their whole pack when their
    pack cannot be matched with the shared layout block by block."""
    doc = split(request.html) if shared is not None else None
    found = plan(shared.layout.doc, doc, shared.on_pages) if shared and doc else None
    if shared is None or found is None:
        return request
    join = JoinSpec(str(shared.path), shared.digest, found.pages, found.expected, request.html)
    return replace(request, html=found.html, join=join)
