"""The English participant pages read at a Flesch-Kincaid grade of 9 or below.

Grades come from textstat (test extra in pyproject.toml) over the visible
prose of each built page of the university example. What is measured:

- only the page's article: the header, navigation, table of contents and
  footer are left out;
- code (``pre``, ``code``, ``kbd``), tables, forms, scripts, styles, icons
  and hidden elements are left out: they are data and controls, not prose;
- every block (paragraph, list item, heading, definition, table caption,
  summary) counts as a sentence of its own, ending with a full stop when it
  has none, so that a list of short items is not read as one long sentence;
- email addresses and web addresses are left out: they are not words, and
  readers do not read them aloud syllable by syllable.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from schemebook.site.pages import PAGES

MAX_GRADE = 9.0

PARTICIPANT_PAGES = ["home", "mentors", "mentees", "themes", "meetings", "reflection",
                     "support", "training", "faq", "accessibility"]

SKIPPED = {"pre", "code", "kbd", "table", "form", "script", "style", "svg", "nav",
           "button", "select", "textarea", "template"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "caption",
          "summary", "blockquote", "div", "section", "details", "ul", "ol", "dl", "br",
          "figcaption", "label"}
VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source"}
ADDRESS = re.compile(r"\S+@\S+\.\S+|https?://\S+|www\.\S+")


class ArticleText(HTMLParser):
    """Collect the visible prose of Material's article as a list of blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside the article
        self.skipping: list[str] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if not self.depth:
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 1
            return
        if tag not in VOID:
            self.depth += 1
        if self.skipping:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        hidden = "hidden" in values or values.get("aria-hidden") == "true"
        if tag in SKIPPED or hidden or "headerlink" in classes:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        if self.skipping:
            self.skipping.pop()
            return
        if tag in BLOCKS or self.depth == 0:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join(ADDRESS.sub(" ", "".join(self.current)).split())
        self.current = []
        if re.search(r"[A-Za-z]", text):
            self.blocks.append(text if text[-1] in ".!?:;" else text + ".")

    def prose(self) -> str:
        """The blocks as one text, each block its own sentence."""
        return "\n".join(b[:-1] + "." if b[-1] in ":;" else b for b in self.blocks)


def page_prose(site: Path, key: str) -> str:
    parser = ArticleText()
    parser.feed((site / PAGES[key]).with_suffix(".html").read_text(encoding="utf-8"))
    parser.close()
    return parser.prose()


def grade(text: str) -> float:
    import textstat

    textstat.set_lang("en_US")
    return float(textstat.flesch_kincaid_grade(text))


def test_the_measure_reads_only_prose() -> None:
    """The parser keeps paragraphs and list items and drops code, tables and navigation."""
    html = """<nav>Menu item</nav><article class="md-content__inner md-typeset">
      <h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>
      <p>First words. Mail <a href="mailto:a@b.example">a@b.example</a> now</p>
      <ul><li>One item</li><li>Two <strong>items</strong></li></ul>
      <pre><code>print("code")</code></pre>
      <table><tr><td>cell</td></tr></table>
      <div hidden>secret</div></article><footer>Footer</footer>"""
    parser = ArticleText()
    parser.feed(html)
    assert parser.blocks == ["Title.", "First words. Mail now.", "One item.", "Two items."]


def test_short_plain_sentences_grade_low_and_long_ones_high() -> None:
    assert grade("We meet once a fortnight. You lead. We listen and learn.") < 4
    long = ("Institutional stakeholders should operationalise comprehensive, evidence-based "
            "interventions addressing intersectional disadvantage across organisational "
            "hierarchies, notwithstanding considerable methodological uncertainty.")
    assert grade(long) > 16


@pytest.mark.parametrize("site_fixture", ["example_site", "health_site"])
@pytest.mark.parametrize("key", PARTICIPANT_PAGES)
def test_participant_page_reads_at_grade_9_or_below(request: pytest.FixtureRequest,
                                                    site_fixture: str, key: str) -> None:
    text = page_prose(request.getfixturevalue(site_fixture), key)
    assert len(text.split()) > 100, f"{key}: too little text measured:\n{text}"
    measured = grade(text)
    assert measured <= MAX_GRADE, (
        f"{PAGES[key]} reads at Flesch-Kincaid grade {measured:.1f} (at most {MAX_GRADE}); "
        "the longest sentences:\n" + "\n".join(longest_sentences(text)))


def longest_sentences(text: str, count: int = 5) -> list[str]:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return [f"  ({len(s.split())} words) {s}"
            for s in sorted(sentences, key=lambda s: -len(s.split()))[:count]]
