"""axe-core over every page of the built sites, in Debian's headless Chromium.

The audit (tests/support/audit.py) runs every axe rule for WCAG 2.0-2.2 A and
AA, axe's best practices and its experimental rules, target-size included,
and excludes no element. A page passes when axe reports no ``serious`` or
``critical`` violation. The university example is audited at every page
width a reader's screen gives (320 CSS px, which is 1280 at 400% zoom; a
phone's 375; a tablet's 768; a laptop's 1280); the other examples, the site
the second engine builds and a page using every Markdown extension at a
phone's and a laptop's width. One browser serves every audit, and each site
is built once.

Pages open from disk (file://), as a reader of a downloaded site opens them.
The 404 page is the exception: a web server sends it for any missing address.
It is opened at a made-up origin whose every request the test answers from the
built folder, which is how a server shows it. All other network requests are
refused, so the audit never reaches the internet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, REPO
from playwright.sync_api import Page
from support.audit import AXE, ORIGIN, RULES, RUN, Server, audit_site, blocking

from schemebook.commands.build import build
from schemebook.core.options import Options

AUDITS = {
    "example_site": (320, 375, 768, 1280),
    "law_firm_site": (375, 1280),
    "welsh_site": (375, 1280),
    "zensical_site": (375, 1280),
    "health_site": (375, 1280),
    "every_extension_site": (320, 1280),
}
"""Each site the audit opens, and the widths (CSS px) it opens every page at."""

EXAMPLE_SITES = {"university": "example_site", "law-firm": "law_firm_site",
                 "welsh": "welsh_site", "health": "health_site"}
"""The fixture that builds each example ``schemebook init --example`` offers."""

EVERY_EXTENSION = """\
# Everything Markdown can do

Press ++ctrl+c++ to copy. This is ==marked==, ^^inserted^^ and ~~deleted~~ text.
The HTML standard is kept by the W3C.[^1]

*[HTML]: Hyper Text Markup Language

[^1]: A footnote with a [link](index.md).

- [x] Book a room
- [ ] Send the agenda
    - [ ] Nested item

```python
# A comment that must stay readable
def greet(name: str) -> str:
    \"\"\"Say hello.\"\"\"
    return f"Hello, {name}"  # a trailing comment
```

Inline `#!python print("hi")` code.

=== "Mentors"

    Text for mentors.

=== "Mentees"

    Text for mentees.

!!! note "A note"
    With a [link](index.md) inside.

??? tip "Folded"
    Hidden text.

## A wide table

| Column one | Column two | Column three | Column four | Column five | Column six |
| --- | --- | --- | --- | --- | --- |
| {long} | b | c | d | e | f |

| Second | table |
| --- | --- |
| under | the same heading |

Term
:   Definition with a [link](index.md) in it.
""".replace("{long}", "averyveryverylongwordthatmakesthetablescroll" * 3)


@pytest.fixture(scope="session")
def every_extension_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project with every allowed Markdown extension on, and a page using them all."""
    project = tmp_path_factory.mktemp("extensions") / "project"
    (project / "content").mkdir(parents=True)
    (project / "scheme.yml").write_text(yaml.safe_dump(MINIMAL), encoding="utf-8")
    extensions = ["abbr", "footnotes", "smarty", "pymdownx.highlight", "pymdownx.inlinehilite",
                  "pymdownx.keys", "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde",
                  "pymdownx.betterem", "pymdownx.smartsymbols", "pymdownx.tabbed",
                  "pymdownx.tasklist"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump({"markdown_extensions": extensions}),
                                        encoding="utf-8")
    (project / "content" / "extras.md").write_text(EVERY_EXTENSION, encoding="utf-8")
    return build(project / "scheme.yml", options=Options(packs=False)).out


@pytest.mark.parametrize("site_fixture", sorted(AUDITS))
@pytest.mark.browser
@pytest.mark.slow
def test_every_page_passes_axe(request: pytest.FixtureRequest,
                               browser: tuple[Page, Server], site_fixture: str) -> None:
    """No serious or critical violation on any page at any of the site's widths, and
    at 320 CSS px no page scrolls sideways (WCAG 1.4.10, reported as 'reflow')."""
    site: Path = request.getfixturevalue(site_fixture)
    widths = AUDITS[site_fixture]
    found = audit_site(*browser, site, widths, reflow=320)
    pages = {key.rsplit(" at ", 1)[0] for key in found}
    assert len(pages) >= 15 and {"404.html", "index.html"} <= pages, sorted(pages)
    assert len(found) == len(pages) * len(widths)
    problems = blocking(found)
    assert not problems, (f"{len(problems)} serious or critical axe violations in "
                          f"{site_fixture} ({len(pages)} pages at {widths}):\n"
                          + "\n".join(problems))


def test_the_audit_covers_every_example_at_its_widths() -> None:
    """Issue 17's audit: every page of the university example at 320, 375, 768 and
    1280 CSS px; every other example, and the second engine's site, at 375 and 1280."""
    from schemebook.commands.init import EXAMPLES

    assert set(EXAMPLE_SITES) == set(EXAMPLES)
    assert AUDITS["example_site"] == (320, 375, 768, 1280)
    for site in [*EXAMPLE_SITES.values(), "zensical_site"]:
        assert {375, 1280} <= set(AUDITS[site]), site


@pytest.mark.browser
def test_the_audit_runs_target_size_and_every_level_a_and_aa_rule(
        browser: tuple[Page, Server], example_site: Path) -> None:
    """axe ships target-size switched off: the audit must switch it on, and must
    leave out only AAA and deprecated rules."""
    page, _ = browser
    page.goto((example_site / "index.html").as_uri())
    page.evaluate(AXE)
    rules = set(page.evaluate(RULES))
    every = page.evaluate("axe.getRules().map(r => ({id: r.ruleId, tags: r.tags}))")
    left_out = {r["id"] for r in every if r["id"] not in rules}
    assert "target-size" in rules and "color-contrast" in rules
    assert all(any(t.endswith("aaa") or t == "deprecated" for t in r["tags"])
               for r in every if r["id"] in left_out), left_out
    # And it reports what it runs: a footer link 10 CSS px high fails target-size.
    page.set_viewport_size({"width": 375, "height": 900})
    page.add_style_tag(content=".schemebook-footer-links a { min-height: 0 !important;"
                               " display: inline !important; font-size: 8px; }")
    found = page.evaluate(RUN, sorted(rules))["violations"]
    assert "target-size" in {v["id"] for v in found}
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize(("prefix", "missing"), [
    ("/", "no-such-page.html"), ("/", "coordinator/gone.html"),
    ("/previews/branch-7/", "no-such-page.html"),
    ("/previews/branch-7/", "coordinator/old/page.html"),
    ("/reverse-mentoring/", "no-such-page.html"), ("/reverse-mentoring/", "old/deep/page.html"),
])
@pytest.mark.browser
def test_404_page_works_under_any_path(browser: tuple[Page, Server], law_firm_site: Path,
                                       prefix: str, missing: str) -> None:
    """The law firm's site, whose site_url ends in /reverse-mentoring/, served from
    the root, from another sub-path and from its own: for a missing page the 404
    page is styled, its links lead to the site's pages, and nothing it loads comes
    from outside the address the site is served at."""
    page, server = browser
    page.set_viewport_size({"width": 1280, "height": 900})
    server.serve(law_firm_site, prefix)
    # The browser is shared: leave the last test's page first, or its favicon,
    # fetched late, is counted as this page's request (CI saw that once).
    page.goto("about:blank")
    requests: list[str] = []

    def record(request: Any) -> None:
        requests.append(request.url)

    page.on("request", record)
    try:
        response = page.goto(server.url(missing))
        assert response is not None and response.status == 404
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                               ".backgroundColor")
        assert header == "rgb(28, 42, 72)"  # the firm's primary, #1c2a48: brand.css loaded
        assert page.evaluate("document.baseURI") == server.url("")
        page.locator(".md-nav--primary a.md-nav__link", has_text="Support").first.click()
        page.wait_for_load_state()
        assert page.url == server.url("support.html")
        assert page.locator("article h1").first.inner_text().startswith("Support")
    finally:
        page.remove_listener("request", record)
    outside = [u for u in requests if not u.startswith(ORIGIN + prefix)]
    assert not outside, f"requests outside {prefix}: {outside}"


@pytest.mark.browser
def test_repairs_are_in_place(browser: tuple[Page, Server], every_extension_site: Path) -> None:
    """What our theme repairs really is repaired, not merely out of axe's sight."""
    page, _ = browser
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto((every_extension_site / "extras.html").as_uri())
    wrap = page.locator(".md-typeset__scrollwrap").first
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "the table does not scroll"
    assert wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("aria-labelledby") == "a-wide-table"
    second = page.locator(".md-typeset__scrollwrap").nth(1)
    assert second.get_attribute("tabindex") == "0"
    assert second.get_attribute("role") is None  # no second region with the same name
    boxes = page.locator(".task-list-item input[type=checkbox]")
    assert boxes.first.get_attribute("aria-label") == "Book a room"
    assert boxes.nth(1).get_attribute("aria-label") == "Send the agenda"
    assert boxes.nth(2).get_attribute("aria-label") == "Nested item"
    link = page.locator("article p a").first
    assert link.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    page.set_viewport_size({"width": 320, "height": 900})
    page.reload()
    code = page.locator(".md-typeset pre > code").first
    assert code.evaluate("el => el.scrollWidth > el.clientWidth")
    assert code.get_attribute("tabindex") == "0"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => !document.querySelector('.md-typeset pre > code')"
                           ".hasAttribute('tabindex')")


@pytest.mark.browser
def test_open_search_dialog_passes_axe(browser: tuple[Page, Server], example_site: Path) -> None:
    """The search dialog, hidden until opened, has a name and labelled controls."""
    page, server = browser
    page.set_viewport_size({"width": 1280, "height": 900})
    # Over http, as published (from disk, search runs in an iframe instead of a worker).
    page.goto(server.serve(example_site).replace("no-such-page.html", "index.html"))
    page.locator(".md-search__input").click()
    ready = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                          ".translations['search.result.placeholder']")
    page.wait_for_function("text => document.querySelector('.md-search-result__meta')"
                           ".textContent.trim() === text", arg=ready)
    page.locator(".md-search__input").press_sequentially("support")
    assert page.locator(".md-search[role=dialog]").is_visible()
    page.locator(".md-search-result__item").first.wait_for()
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    problems = blocking({"index.html, search open": result["violations"]})
    assert not problems, "\n".join(problems)


class Markup(HTMLParser):
    """Collects ids, label targets and inputs with autocomplete on one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.label_for: list[str] = []
        self.bad_autocomplete: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "label" and values.get("for"):
            self.label_for.append(str(values["for"]))
        if (tag == "input" and "autocomplete" in values
                and values.get("type") in {"checkbox", "radio", "button", "submit", "reset"}):
            self.bad_autocomplete.append(str(values.get("id") or values.get("name")))


@pytest.mark.parametrize("site_fixture", ["example_site", "law_firm_site", "health_site"])
def test_markup_the_nu_checker_rejected_is_gone(request: pytest.FixtureRequest,
                                                site_fixture: str) -> None:
    """Material's label for a missing __toc toggle and autocomplete on checkboxes,
    both rejected by the Nu Html Checker, appear on no page."""
    site: Path = request.getfixturevalue(site_fixture)
    problems = []
    for file in sorted(site.rglob("*.html")):
        parser = Markup()
        parser.feed(file.read_text(encoding="utf-8"))
        rel = file.relative_to(site).as_posix()
        problems += [f"{rel}: <label for={t}> has no control" for t in parser.label_for
                     if t not in parser.ids]
        problems += [f"{rel}: autocomplete on checkbox {i}" for i in parser.bad_autocomplete]
    assert not problems, "\n".join(problems)


# --- The accessibility statement and the footer links -----------------------


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    assert match, page
    return match.group(1)


def footer_links(page: Path) -> list[tuple[str, str]]:
    html = page.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="schemebook-footer-links".*?</nav>', html, re.S)
    assert nav, f"no footer links on {page}"
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', nav.group(0))


def test_statement_has_the_parts_a_uk_statement_has(example_site: Path) -> None:
    from conftest import EXAMPLE

    from schemebook.plan.load import load_scheme

    scheme = load_scheme(EXAMPLE).scheme
    text = article(example_site / "accessibility.html")
    headings = re.findall(r"<h[23][^>]*>([^<]*)</h[23]>", text)
    assert headings == [
        "How accessible this website is", "What to do if you cannot use part of this website",
        "Reporting accessibility problems", "Enforcement procedure",
        "Technical information about this website's accessibility", "Compliance status",
        "Known issues", "How we tested this website", "Preparation of this statement"]
    assert scheme.contact.email in text
    assert "Equality Advisory and Support Service" in text
    assert "WCAG) version 2.2, level AA" in text
    assert "axe-core" in text and "Chromium" in text
    assert "prepared on 15 September 2026" in text  # the scheme's build_date
    # trim_blocks must not run paragraphs together: every sentence block is its own <p>.
    assert text.count("<p>") >= 15
    assert not re.search(r"[a-z]\.[A-Z]", re.sub(r"<[^>]+>", "\n", text))


def test_statement_follows_the_scheme(make_project: Callable[..., Path]) -> None:
    scheme = make_project(accessibility={
        "public_sector": True,
        "compliance": "partial",
        "contact": {"name": "Web Team", "email": "web@college.example"},
        "response_days": 10,
        "known_issues": ["Some older *videos* have no captions. We will add them by May."],
        "last_tested": "2026-03-02",
        "prepared": "2025-09-01",
        "reviewed": "2026-03-03",
        "test_method": "We tested the site with axe-core and by hand with NVDA.",
    })
    text = article(build(scheme, options=Options(packs=False)).out / "accessibility.html")
    assert "web@college.example" in text and "Web Team" in text
    assert "within 10 working days" in text
    assert "<em>videos</em> have no captions" in text
    assert "because of the known issues listed below" in text
    assert "Accessibility Regulations" in text and "Equality and Human Rights Commission" in text
    assert "by hand with NVDA" in text and "schemebook makes" not in text
    assert "last tested this website on 2 March 2026" in text
    assert "prepared on 1 September 2025" in text and "last reviewed on 3 March 2026" in text


def test_statement_enforcement_can_be_replaced(make_project: Callable[..., Path]) -> None:
    scheme = make_project(accessibility={"compliance": "full",
                                         "enforcement": "Complain to the State Ombudsman."})
    text = article(build(scheme, options=Options(packs=False)).out / "accessibility.html")
    assert "Complain to the State Ombudsman." in text
    assert "Equality Advisory" not in text and "Accessibility Regulations" not in text
    assert "fully meets the Web Content Accessibility Guidelines" in text


def test_default_footer_links(make_project: Callable[..., Path]) -> None:
    out = build(make_project(), options=Options(packs=False)).out
    expected = [("accessibility.html", "Accessibility statement"),
                ("privacy.html", "Privacy notice"),  # only if there is a privacy page
                ("mailto:ada@college.example", "Contact")]
    if not (out / "privacy.html").exists():
        expected.pop(1)
    assert footer_links(out / "index.html") == expected
    assert footer_links(out / "coordinator" / "index.html")[0] == (
        "../accessibility.html", "Accessibility statement")
    assert "accessibility.html" in (out / "index.html").read_text().split("md-footer")[0]


def test_footer_links_from_the_scheme(make_project: Callable[..., Path]) -> None:
    scheme = make_project(
        site={"footer_links": [
            {"title": "Wellbeing", "url": "https://college.example/wellbeing"},
            {"title": "Contact", "url": "tel:+44 1632 960000"},
            {"title": "Parking", "url": "parking.md#bikes"}]},
        files={"content/privacy.md": "# Privacy notice\n\nWe keep little.\n",
               "content/parking.md": "# Parking\n\n## Bikes\n\nRacks.\n"})
    out = build(scheme, options=Options(packs=False)).out
    assert footer_links(out / "coordinator" / "index.html") == [
        ("../accessibility.html", "Accessibility statement"),
        ("../privacy.html", "Privacy notice"),
        ("tel:+44 1632 960000", "Contact"),
        ("https://college.example/wellbeing", "Wellbeing"),
        ("../parking.html#bikes", "Parking")]


def test_privacy_notice_address(make_project: Callable[..., Path]) -> None:
    scheme = make_project(site={"privacy_notice": "https://college.example/privacy"})
    links = footer_links(build(scheme, options=Options(packs=False)).out / "index.html")
    assert ("https://college.example/privacy", "Privacy notice") in links


@pytest.mark.parametrize(("site", "message"), [
    ({"footer_links": [{"title": "X", "url": "javascript:alert(1)"}]},
     "is not a link schemebook can use"),
    ({"footer_links": [{"title": "X", "url": "../secret.md"}]},
     "is not a link schemebook can use"),
    ({"footer_links": [{"title": "X", "url": "missing.md"}]},
     "no page 'missing.md' in this handbook"),
    ({"privacy_notice": "data-protection.md"},
     "no page 'data-protection.md' in this handbook"),
])
def test_bad_footer_links_are_located_errors(make_project: Callable[..., Path],
                                             site: dict[str, Any], message: str) -> None:
    from schemebook.core.errors import SchemebookError

    scheme = make_project(site=site)
    with pytest.raises(SchemebookError, match=re.escape(message)) as caught:
        build(scheme, options=Options(packs=False))
    assert all(p.location.line > 1 for p in caught.value.problems)
