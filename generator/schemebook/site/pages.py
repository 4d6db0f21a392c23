"""Render the handbook's Markdown pages and their navigation, in memory.

Pages come from ``content/`` in layers (the project's own files override the
built-in ones by path, and new files become new pages). Nothing is written
here: the build writes only after every page rendered.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from ..context.template import Download, Edition
from ..core.errors import Problem, TemplateError, ValidationError
from ..core.i18n import Translator
from ..render import layered_dirs, list_templates, make_environment, render_template
from ..scheme.reference import reference_rows, reference_sections
from ..scheme.validate import Loaded

COORDINATOR_DIR = "coordinator/"

PAGES: dict[str, str] = {
    "home": "index.md",
    "mentors": "mentors.md",
    "mentees": "mentees.md",
    "themes": "themes.md",
    "meetings": "meetings.md",
    "reflection": "reflection.md",
    "log": "log.md",
    "support": "support.md",
    "training": "training.md",
    "timeline": "timeline.md",
    "evaluation": "evaluation.md",
    "surveys": "surveys.md",
    "paperwork": "paperwork.md",
    "faq": "faq.md",
    "privacy": "privacy.md",
    "downloads": "downloads.md",
    "accessibility": "accessibility.md",
    "coordinator": "coordinator/index.md",
    "planning": "coordinator/planning.md",
    "pairing": "coordinator/pairing.md",
    "contingency": "coordinator/contingency.md",
    "time": "coordinator/time.md",
    "facilitation": "coordinator/facilitation.md",
    "messages": "coordinator/messages.md",
    "reference": "coordinator/reference.md",
}
"""Built-in pages by key; the values are paths under ``content/``."""


def page_titles(tr: Translator, context: dict[str, Any]) -> dict[str, str]:
    """Navigation titles of the built-in pages, by key."""
    _ = tr.gettext
    return {
        "home": _("Home"),
        "mentors": _("For %(role)s", role=context["mentors"].lower()),
        "mentees": _("For %(role)s", role=context["mentees"].lower()),
        "themes": _("Themes and conversation starters"),
        "meetings": _("Meetings"),
        "reflection": _("Reflection"),
        "log": _("Reflective log"),
        "support": _("Support and escalation"),
        "training": _("Training"),
        "timeline": _("Timeline"),
        "evaluation": _("Evaluation"),
        "surveys": _("Surveys"),
        "paperwork": paperwork_title(tr, context["scheme"].evaluation.research),
        "faq": _("Questions and answers"),
        "privacy": _("Privacy notice"),
        "downloads": _("Downloads"),
        "accessibility": _("Accessibility statement"),
        "coordinator": _("Coordinator guide"),
        "planning": _("Planning"),
        "pairing": _("Pairing"),
        "contingency": _("Contingency"),
        "time": _("Time asked of each person"),
        "facilitation": _("Training facilitator plans"),
        "messages": _("Messages to participants"),
        "reference": _("Scheme file reference"),
    }


def paperwork_title(tr: Translator, research: bool) -> str:
    """The paperwork page's title: consent and the information sheet only for research."""
    if research:
        return tr.gettext("Interview, consent and information")
    return tr.gettext("Closing interview guide")


def footer_links(loaded: Loaded, pages: dict[str, str], tr: Translator) -> list[dict[str, str]]:
    """The footer's links: the accessibility statement, the privacy notice and the
    contact, then the scheme's own; one of those with a standard link's title
    takes its place. Page links stay as paths under docs/ ('privacy.md')."""
    scheme, _ = loaded.scheme, tr.gettext
    privacy = scheme.site.privacy_notice or ("privacy.md" if "privacy.md" in pages else "")
    standard = [
        (_("Accessibility statement"), PAGES["accessibility"] if PAGES["accessibility"] in pages
         else ""),
        (_("Privacy notice"), privacy),
        (_("Contact"), f"mailto:{scheme.contact.email}" if scheme.contact.email else ""),
    ]
    links = {title.casefold(): {"title": title, "url": url} for title, url in standard}
    for link in scheme.site.footer_links:
        links[link.title.casefold()] = {"title": link.title, "url": link.url}
    given: list[tuple[tuple[str | int, ...], str]] = [
        (("site", "footer_links", i, "url"), link.url)
        for i, link in enumerate(scheme.site.footer_links)]
    given.append((("site", "privacy_notice"), scheme.site.privacy_notice))
    problems = []
    for key, url in given:
        page = url.split("#")[0]
        if page.endswith(".md") and page not in pages:
            problems.append(Problem(loaded.document.locate(key, value=True),
                                    f"{'.'.join(map(str, key[:2]))}: no page '{page}' "
                                    "in this handbook",
                                    "add it under content/, or give a web address"))
    if problems:
        raise ValidationError(problems)
    return [link for link in links.values() if link["url"]]


def render_pages(edition: Edition, downloads: list[Download]) -> dict[str, str]:
    """Every page as Markdown, by path under docs/. Errors from all pages at once.

    ``downloads``: the files the downloads page lists, with their sizes.
    """
    scheme, env_translator = edition.scheme, edition.tr
    env = make_environment(edition.root, "content", html=False,
                           allow_html=scheme.site.raw_html,
                           globals_={**edition.context, "downloads": downloads},
                           translator=env_translator, bytecode_cache=edition.bytecode)
    names = list_templates(layered_dirs(edition.root, "content"), ".md")
    if not scheme.site.coordinator_section:
        names = [n for n in names if not n.startswith(COORDINATOR_DIR)]
    problems: list[Problem] = []
    pages: dict[str, str] = {}
    for name in names:
        page_context = {"link": _linker(name), "page_path": name}
        if name == PAGES["reference"]:
            rows = reference_rows(tr=env_translator)
            plain, sections = reference_sections(rows)
            page_context.update(reference=rows, reference_plain=plain,
                                reference_sections=sections)
        try:
            pages[name] = render_template(env, name, page_context)
        except TemplateError as exc:
            problems.extend(exc.problems)
    if problems:
        raise TemplateError(problems)
    return pages


def _linker(current: str) -> Any:
    base = posixpath.dirname(current)

    def link(key: str, anchor: str = "") -> str:
        target = PAGES.get(key, key)
        rel = posixpath.relpath(target, base or ".")
        return rel + (f"#{anchor}" if anchor else "")

    return link


def navigation(pages: dict[str, str], titles: dict[str, str]) -> list[Any]:
    """MkDocs nav: built-in pages in reading order, then project pages, then coordinators."""
    by_path = {path: key for key, path in PAGES.items()}
    nav: list[Any] = []
    coordinator: list[Any] = []
    for key, path in PAGES.items():
        if path not in pages:
            continue
        entry = {titles[key]: path}
        (coordinator if path.startswith(COORDINATOR_DIR) else nav).append(entry)
    for path in sorted(pages):
        if path in by_path:
            continue
        title = _first_heading(pages[path]) or Path(path).stem.replace("-", " ").capitalize()
        (coordinator if path.startswith(COORDINATOR_DIR) else nav).append({title: path})
    if coordinator:
        nav.append({titles["coordinator"]: coordinator})
    return nav


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""
