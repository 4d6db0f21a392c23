"""The top of the scheme schema: identity, brand, roles, focus and settings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator

from ...core.escape import url_problem
from ...core.i18n import available_languages
from ...core.options import Engine
from ..sectors import Sector
from .base import AssetPath, Colour, Markdown, Model, Person, ShortText, Url
from .care import (
    Agreement,
    ContingencyPlan,
    Pairing,
    Phase,
    Question,
    Support,
)
from .evaluation import Evaluation
from .messages import MessageSettings
from .packs import Packs
from .programme import Meetings, Reflection, Theme, Training
from .timing import TimeZoneName


class Brand(Model):
    """How the site and packs look: the institution's own identity."""

    logo: AssetPath | None = None
    """Logo image (SVG or PNG) inside the project folder."""

    logo_alt: str = ""
    """Text read out instead of the logo, e.g. 'Northmoor University logo'."""

    favicon: AssetPath | None = None
    """Small icon shown in browser tabs."""

    primary: Colour = "#1f4e79"
    """Main colour: header, headings, covers."""

    accent: Colour = "#b3541e"
    """Colour for links and highlights."""

    font: str = "Atkinson Hyperlegible Next"
    """Body font: a bundled family or a font file under fonts/ in the project."""

    heading_font: str = ""
    """Font for headings; empty means the body font."""

    paper: Literal["A4", "Letter"] = "A4"
    """Paper size of the printable packs."""


class Role(Model):
    """One side of the partnership as the scheme names it."""

    label: ShortText
    """What people in this role are called, e.g. 'Trainee mentor'."""

    plural: str = ""
    """Plural of the label; 'label' + 's' when empty."""

    who: Markdown = ""
    """Who takes this role and why they are wanted."""

    gains: list[str] = Field(default_factory=list)
    """What people in this role get out of the scheme."""

    expectations: list[str] = Field(default_factory=list)
    """What is asked of people in this role."""


class Roles(Model):
    """The two roles. In reverse mentoring the mentor has less formal power."""

    mentor: Role = Role(label="Mentor")
    """The person with less formal power who leads the conversations."""

    mentee: Role = Role(label="Mentee")
    """The senior person who comes to listen and learn."""


class Focus(Model):
    """Why the scheme exists and whom it is for."""

    aims: list[str] = Field(min_length=1)
    """What the scheme sets out to achieve. At least one."""

    groups: list[str] = Field(default_factory=list)
    """The groups mentors are drawn from."""

    barriers: list[str] = Field(default_factory=list)
    """The barriers the scheme helps senior people understand."""

    rationale: Markdown = ""
    """Why this scheme, here, now: what focus groups or research showed."""


_LINK = re.compile(r"^(?:https?://\S+|mailto:\S+@\S+|tel:[0-9+() -]+"
                   r"|(?!/)(?!.*\.\.)[\w./-]+\.md(?:#[\w-]+)?)$")


class FooterLink(Model):
    """One link in the footer of every page."""

    title: ShortText
    """Text of the link, e.g. 'Privacy notice'."""

    url: ShortText
    """Where it leads: a web address (https://...), an email (mailto:...), a phone
    number (tel:...) or a page of this handbook by its file name, e.g. 'privacy.md'."""

    @field_validator("url")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if not _LINK.match(value) or url_problem(value):
            raise ValueError(
                f"'{value}' is not a link schemebook can use: write a web address "
                "(https://...), mailto:, tel: or a page of the handbook such as privacy.md"
            )
        return value


class SiteSettings(Model):
    """Settings for the website build."""

    coordinator_section: bool = True
    """Publish the coordinator section on the site; false keeps it print-only."""

    raw_html: bool = False
    """Let text in scheme.yml contain raw HTML. Leave false unless you must."""

    engine: Engine = "mkdocs"
    """The program that builds the website: 'mkdocs' (MkDocs with Material) or
    'zensical' (its makers' successor). `schemebook build --engine` overrides it."""

    time_cap_hours: float = Field(20, gt=0, le=500)
    """Warn when the hours asked of one participant exceed this."""

    privacy_notice: str = ""
    """Where the privacy notice that covers the scheme is: a web address or a page
    of this handbook such as 'privacy.md'. Empty: a privacy.md page, if the project
    has one. Linked from the footer of every page."""

    footer_links: list[FooterLink] = Field(default_factory=list)
    """Links in the footer of every page, after the standard ones: the accessibility
    statement, the privacy notice (when there is one) and an email link to the
    contact. A link with the same title as a standard one takes its place."""

    @field_validator("privacy_notice")
    @classmethod
    def _privacy_link(cls, value: str) -> str:
        return FooterLink._known_kind(value) if value else value


class Accessibility(Model):
    """The accessibility statement page: who to contact and how accessible the site is."""

    public_sector: bool = False
    """True for a UK public sector body (most universities, councils, hospitals and
    health boards): the statement then cites the 2018 accessibility regulations
    that apply to it."""

    compliance: Literal["full", "partial", "none"] = "partial"
    """How far the site meets WCAG 2.2 AA: 'full' only after a full manual audit
    found no failures; 'partial' while some problems are known or untested."""

    contact: Person | None = None
    """Who to ask for another format or to report a problem; empty: the scheme's contact."""

    response_days: int = Field(5, ge=1, le=60)
    """Working days within which you reply to a request or a report."""

    known_issues: list[Markdown] = Field(default_factory=list)
    """Parts that are not accessible yet: what, why, and when it will be fixed."""

    last_tested: dt.date | None = None
    """When the site was last tested for accessibility."""

    test_method: Markdown = ""
    """How it was tested: tools, manual checks, who by. Empty: the automated check
    with axe-core in Chromium that schemebook runs on its own pages."""

    prepared: dt.date | None = None
    """When the statement was first prepared; empty: the build date."""

    reviewed: dt.date | None = None
    """When the statement was last reviewed."""

    enforcement: Markdown = ""
    """Replaces the paragraph on where to complain if a reply does not satisfy, e.g.
    for a scheme outside Great Britain. Empty: the Equality Advisory and Support Service."""


class Scheme(Model):
    """A reverse mentoring scheme, described once for the site and the packs."""

    name: ShortText
    """Name of the scheme, e.g. 'Voices Upward'."""

    organisation: ShortText
    """The institution that runs it."""

    sector: Sector | None = None
    """Where the scheme runs, so that the built-in text speaks its language:
    'higher-education' (universities and colleges), 'workplace' (firms, companies
    and public bodies), 'health-care' (hospitals, health boards and care providers)
    or 'voluntary' (community groups and services run with volunteers, where
    mentors may have used its services themselves). It changes only built-in
    text: training activities, questions and answers, pairing, contingency,
    support, and a few sentences of pages and messages. Empty: built-in text
    for any sector, which names roles and never a sector's people or places."""

    cohort: str = ""
    """Which round this is, e.g. '2026-27'."""

    summary: Markdown = ""
    """One paragraph for the home page."""

    site_url: Url = ""
    """Where the site is published, e.g. https://example.ac.uk/mentoring/."""

    language: str = "en"
    """Language of the site and packs (en or cy)."""

    languages: list[str] = Field(default_factory=list)
    """Build the handbook in several languages, main one first, e.g. [en, cy]: the
    main one goes to site/, each other one to site/CODE/ (site/cy/), every page
    links to its other languages, and each language gets its own packs. Any text
    may then give one value per language, e.g. title: {en: Belonging, cy: Perthyn};
    text without a language falls back to English with a warning."""

    @field_validator("languages")
    @classmethod
    def _shipped_languages(cls, value: list[str]) -> list[str]:
        shipped = available_languages()
        for code in value:
            if code not in shipped:
                raise ValueError(f"no built-in text in '{code}' (schemebook has: "
                                 f"{', '.join(shipped)}); see docs/translating.md")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    timezone: TimeZoneName = "Europe/London"
    """Time zone of every date and time in this file, e.g. Europe/London or America/New_York."""

    build_date: dt.date | None = None
    """Date stamped on outputs; fixes rebuilds to be identical. A year from 2000 to
    2099: the site's compressed sitemap cannot carry a date before 1970 or after 2106."""

    @field_validator("build_date")
    @classmethod
    def _stampable(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not 2000 <= value.year <= 2099:
            raise ValueError(f"'{value.isoformat()}' cannot be stamped on outputs: give a date "
                             "from 2000 to 2099, usually today's")
        return value

    contact: Person
    """The coordinator people should contact about the scheme."""

    brand: Brand = Brand()
    """Logo, colours, fonts and paper size."""

    roles: Roles = Roles()
    """What the two roles are called and who fills them."""

    focus: Focus
    """Aims, groups and barriers."""

    agenda: Literal["themed", "open"] = "themed"
    """'themed' suggests a theme per meeting; 'open' leaves topics to each pair."""

    themes: list[Theme] = Field(default_factory=list)
    """Themes for meetings, each with ice-breakers."""

    meetings: Meetings = Meetings()
    """Cadence, length and places of meetings."""

    reflection: Reflection = Reflection()
    """The reflective model and the closing conversation."""

    support: Support = Support()
    """Confidentiality and the support and escalation protocol."""

    expenses: Markdown = ""
    """What the scheme pays back for taking part (travel, childcare or care costs, a
    meal at training) and how to claim it. Empty: the handbook says nothing about
    expenses. Shown on the role pages, in the packs, the FAQ and the invitations."""

    training: Training = Training()
    """Training before the first meeting."""

    pairing: Pairing = Pairing()
    """How pairs are matched."""

    agreement: Agreement = Agreement()
    """Partnership agreement and ground rules."""

    contingency: list[ContingencyPlan] = Field(default_factory=list)
    """Plans for when things go wrong."""

    timeline: list[Phase] = Field(default_factory=list)
    """Phases of the scheme's year with checklists."""

    evaluation: Evaluation = Evaluation()
    """How the scheme is evaluated: surveys, interview guide, consent and privacy."""

    messages: MessageSettings = MessageSettings()
    """What the messages to participants need: who signs them, where to apply."""

    faq: list[Question] = Field(default_factory=list)
    """Frequently asked questions."""

    site: SiteSettings = SiteSettings()
    """Website settings."""

    accessibility: Accessibility = Accessibility()
    """The accessibility statement: contact, compliance, known issues, testing."""

    packs: Packs = Packs()
    """Printable packs: which are built and which sections each holds."""
