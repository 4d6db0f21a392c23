"""Welsh builds, end to end: the bilingual example, its packs, and the switcher.

The example is examples/welsh/scheme.yml: ``languages: [cy, en]``, so Welsh
is built at site/ and English at site/en/, with every text of the scheme
given in both languages. It is built for real (MkDocs, WeasyPrint, no
mocks); the site without packs, for speed, and one real pack per language
through the same renderer the build uses.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from conftest import REPO, edition, print_env
from support import spelling, welsh_sources
from support.welsh import check

WELSH_EXAMPLE = REPO / "examples" / "welsh" / "scheme.yml"
TEMPLATE = REPO / "generator" / "schemebook" / "locales" / "schemebook.pot"
CATALOGUE = REPO / "generator" / "schemebook" / "locales" / "cy.po"

SAME_IN_WELSH = {"Agenda", "Sector"}
"""English entries whose Welsh is the same word (tests/test_i18n.py allows them)."""

_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?[sd]")
_ELEMENT = re.compile(
    r"<(h[1-6]|th|td|a|label|button|title|dt|strong|summary|caption|legend)\b[^>]*>(.*?)</\1>",
    re.DOTALL | re.IGNORECASE)


def _normalise(text: str) -> str:
    """Text as a reader sees it, whatever Markdown, HTML or the PDF did to it."""
    text = html.unescape(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"),
                            ("—", "-"), ("\u00ad", ""), ("\u00a0", " ")):
        text = text.replace(curly, straight)
    text = re.sub(r"[*_`#>|]", " ", text)
    return " ".join(text.split())


def _visible(page: str) -> str:
    """The text of an HTML page a reader can see: no scripts, styles or icons."""
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    return _normalise(re.sub(r"<[^>]+>", " ", page))


def _messages(path: Path) -> list[tuple[str, ...]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return [m.id if isinstance(m.id, tuple) else (m.id,) for m in catalog if m.id]


def english_fragments() -> tuple[set[str], set[str]]:
    """What an untranslated string would leave in a page, from the template.

    Long: every run of text between placeholders of three words or more, for
    any entry (a sentence, a heading, a docstring). A string the Welsh build
    failed to translate shows up whole, so each of its runs is found in the
    page text whatever the placeholders were filled with. Short: whole
    entries of one or two words ("Meetings", "Key dates"), which are too
    common to look for inside running text but would be the entire text of a
    heading, a menu link, a table cell or a label if left in English.

    A run that also occurs in a Welsh translation (a product name, a key of
    scheme.yml such as support.emergency) is not evidence of English and is
    left out, as are the entries Welsh writes the same way.
    """
    welsh = " ".join(_normalise(" ".join(m)) for m in _welsh_strings())
    long: set[str] = set()
    short: set[str] = set()
    for ids in _messages(TEMPLATE):
        for text in ids:
            if text in SAME_IN_WELSH:
                continue
            for run in _PLACEHOLDER.split(text):
                run = _normalise(run).strip(" ,.:;()'\"-")
                words = run.split()
                if len(words) >= 3 and run not in welsh:
                    long.add(run)
            whole = _normalise(text)
            if not _PLACEHOLDER.search(text) and 1 <= len(whole.split()) <= 2:
                short.add(whole.rstrip(":.?"))
    return long, short


def _welsh_strings() -> list[tuple[str, ...]]:
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    return [tuple(m.string) if isinstance(m.string, tuple | list) else (m.string,)
            for m in catalog if m.id]


def english_in(text: str, long: set[str]) -> list[str]:
    return sorted(run for run in long if run in text)


def short_english_in(page: str, short: set[str]) -> list[str]:
    found = []
    for _tag, inner in _ELEMENT.findall(page):
        text = _normalise(re.sub(r"<[^>]+>", " ", inner)).rstrip(":.?")
        if text in short:
            found.append(text)
    return sorted(set(found))


@pytest.fixture(scope="session")
def welsh_pack(welsh_project: Path, tmp_path_factory: pytest.TempPathFactory,
               renderer: Any) -> dict[str, Any]:
    """The mentor pack of each language, rendered to PDF by the build's own workers."""
    from schemebook.pdf.types import PdfResult
    from schemebook.printing.packs import pack_documents, pdf_request

    packs: dict[str, Any] = {}
    for code in ("cy", "en"):
        ed = edition(welsh_project / "scheme.yml", language=code)
        job = next(j for j in pack_documents(ed, print_env(ed)) if j.key == "mentor")
        [result] = renderer.render_all([pdf_request(ed, job)])
        assert isinstance(result, PdfResult), result
        pdf = tmp_path_factory.mktemp(f"pack-{code}") / job.filename
        pdf.write_bytes(result.data)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        packs[code] = {"html": job.html, "pdf": pdf, "text": text}
    return packs


def _pages(root: Path, skip: str | None = None) -> list[Path]:
    return sorted(p for p in root.rglob("*.html")
                  if skip is None or not p.relative_to(root).as_posix().startswith(skip))


def test_fragments_are_meaningful() -> None:
    """The check below is only as good as its list: it must hold most of the
    catalogue, and known English must trip it."""
    long, short = english_fragments()
    assert len(long) > 700 and len(short) > 150
    assert english_in(_normalise("Each pair meets 4 times, every two weeks."), long)
    assert short_english_in("<h2>Key dates</h2>", short) == ["Key dates"]


def test_welsh_site_has_no_english_catalogue_string(welsh_site: Path) -> None:
    """Done when: a Welsh build of the example reads in Welsh throughout.

    Every page of the Welsh tree (everything but en/) is searched for every
    English run of the template (see english_fragments). The scheme's own text
    is Welsh in this example, so any hit is built-in text that bypassed the
    catalogue or was left untranslated.
    """
    long, short = english_fragments()
    problems = {}
    for path in _pages(welsh_site, skip="en/"):
        page = path.read_text(encoding="utf-8")
        found = english_in(_visible(page), long) + short_english_in(page, short)
        if found:
            problems[path.relative_to(welsh_site).as_posix()] = found[:5]
    assert not problems, problems


def test_welsh_pack_has_no_english_catalogue_string(welsh_pack: dict[str, Any]) -> None:
    """The same check on what a reader of the printed Welsh mentor pack sees."""
    long, _ = english_fragments()
    text = _normalise(welsh_pack["cy"]["text"])
    assert "Pecyn mentor o fyfyriwr" in text
    assert english_in(text, long) == []


def test_check_finds_english_in_the_english_pack(welsh_pack: dict[str, Any]) -> None:
    """The same check on the English pack finds plenty: it can see English."""
    long, _ = english_fragments()
    assert len(english_in(_normalise(welsh_pack["en"]["text"]), long)) > 50


def test_pack_language_is_set(welsh_pack: dict[str, Any]) -> None:
    from pypdf import PdfReader

    for code in ("cy", "en"):
        assert f'<html lang="{code}">' in welsh_pack[code]["html"]
        root = PdfReader(welsh_pack[code]["pdf"]).trailer["/Root"]
        assert root.get("/Lang") == code


def test_welsh_dates(welsh_site: Path) -> None:
    """Dates go through Babel in Welsh: month names in Welsh, none in English."""
    from schemebook.core.i18n import Translator

    home = _visible((welsh_site / "index.html").read_text(encoding="utf-8"))
    first = Translator.for_language("cy").date(dt.date(2026, 10, 12))
    assert first == "12 Hydref 2026"
    assert first in home
    from babel.dates import get_month_names

    months = list(get_month_names("wide", locale="en").values())
    for path in _pages(welsh_site, skip="en/"):
        text = _visible(path.read_text(encoding="utf-8"))
        assert not [m for m in months if re.search(rf"\b{m}\b", text)], path


def test_both_trees_and_the_switcher(welsh_site: Path) -> None:
    """Welsh at the root and English under en/, each page linking to itself in
    the other language (a relative link, so it works from disk)."""
    welsh = (welsh_site / "meetings.html").read_text(encoding="utf-8")
    english = (welsh_site / "en" / "meetings.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in welsh and '<html lang="en"' in english
    assert 'href="en/meetings.html" hreflang="en"' in welsh
    assert 'href="../meetings.html" hreflang="cy"' in english
    deep = (welsh_site / "en" / "coordinator" / "pairing.html").read_text(encoding="utf-8")
    assert 'href="../../coordinator/pairing.html" hreflang="cy"' in deep
    assert ">\n              Cymraeg\n" in welsh or "Cymraeg" in _visible(welsh)
    assert "Lleisiau i'r Brig" in _visible(welsh)
    assert "Voices to the Top" in _visible(english)
    for path in _pages(welsh_site, skip="en/"):
        twin = welsh_site / "en" / path.relative_to(welsh_site)
        assert twin.is_file(), f"no English page for {path.relative_to(welsh_site)}"


def test_a_one_language_site_has_no_switcher(example_site: Path) -> None:
    """A language menu offering only the page's own language is a control that
    does nothing: screen readers would announce it on every page."""
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home
    assert "md-select" not in home and "hreflang" not in home


def test_english_tree_reads_in_english(welsh_site: Path) -> None:
    """The English half of the bilingual scheme is not Welsh: built-in text and
    the scheme's own values both come in English."""
    text = _visible((welsh_site / "en" / "index.html").read_text(encoding="utf-8"))
    assert "What is reverse mentoring?" in text
    assert "Belonging and community" in _visible(
        (welsh_site / "en" / "themes.html").read_text(encoding="utf-8"))
    assert "Beth yw mentora gwrthdro?" not in text


def test_search_is_not_stemmed_as_english(welsh_site: Path) -> None:
    """lunr has no Welsh: the Welsh index keeps whole words rather than cutting
    them down with the English stemmer."""
    index = (welsh_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert '"pipeline":["trimmer"]' in index.replace(" ", "")


def test_each_language_gets_its_packs(make_project: Any) -> None:
    """A real bilingual build with packs: one set under downloads/ per language."""
    from schemebook.commands.build import build

    scheme = make_project(languages=["en", "cy"],
                          name={"en": "Tiny Scheme", "cy": "Cynllun Bach"},
                          site_url="https://tiny.example/handbook/",
                          packs={"coordinator": {"build": False},
                                 "mentee": {"build": False}, "card": {"build": False}})
    result = build(scheme)
    for tree in (result.out, result.out / "cy"):
        assert (tree / "downloads" / "mentor-pack.pdf").is_file(), tree
    english = subprocess.run(["pdftotext", str(result.out / "downloads" / "mentor-pack.pdf"),
                              "-"], capture_output=True, text=True, check=True).stdout
    welsh = subprocess.run(["pdftotext", str(result.out / "cy" / "downloads" / "mentor-pack.pdf"),
                            "-"], capture_output=True, text=True, check=True).stdout
    assert "Tiny Scheme" in english and "Cynllun Bach" in welsh
    assert "Cynllun Bach" not in english
    assert "cy/index.md" in result.pages
    # Each language's packs (cover QR code and address) point at its own site.
    assert "tiny.example/handbook/cy/" in "".join(welsh.split())
    assert "tiny.example/handbook/" in "".join(english.split())
    assert "/cy/" not in "".join(english.split())
    welsh_home = (result.out / "cy" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://tiny.example/handbook/cy/index.html">' in welsh_home


def test_missing_welsh_text_falls_back_with_a_located_warning(make_project: Any) -> None:
    from schemebook.plan.load import load_scheme

    scheme = make_project(languages=["en", "cy"],
                          focus={"aims": [{"en": "Only in English"}]})
    loaded = load_scheme(scheme, language="cy")
    assert loaded.scheme.focus.aims == ["Only in English"]
    [warning] = [w for w in loaded.warnings if "has no 'cy' text" in w.message]
    assert warning.location.line > 1
    assert "focus.aims[1]" in warning.message


def test_localise_is_pure_and_keeps_other_mappings() -> None:
    from schemebook.scheme.localise import localise

    data = {"name": {"en": "A", "cy": "B"}, "roles": {"mentor": {"label": "X"}},
            "themes": [{"title": {"cy": "Perthyn", "en": "Belonging"}}]}
    welsh, warnings = localise(data, "cy")
    assert welsh == {"name": "B", "roles": {"mentor": {"label": "X"}},
                     "themes": [{"title": "Perthyn"}]}
    assert data["name"] == {"en": "A", "cy": "B"} and warnings == []


def test_unknown_language_is_a_located_error(make_project: Any) -> None:
    from schemebook.core.errors import ValidationError
    from schemebook.plan.load import load_scheme

    with pytest.raises(ValidationError) as caught:
        load_scheme(make_project(languages=["en", "fr"]))
    [problem] = caught.value.problems
    assert "no built-in text in 'fr'" in problem.message


def test_welsh_example_is_marked_as_a_draft() -> None:
    head = WELSH_EXAMPLE.read_text(encoding="utf-8")[:1500].lower()
    assert "draft for review by a welsh speaker" in head


def test_pdftotext_available() -> None:
    assert shutil.which("pdftotext"), "poppler-utils is needed (scripts/setup installs it)"


def _pdf_text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())


def test_packs_command_writes_every_language(make_project: Any) -> None:
    """`schemebook packs` puts each further language where the full build does, the
    unpublished coordinator pack in private/CODE/; four small PDFs in all."""
    from conftest import run_cli
    from schemebook.commands.packs import build_packs

    scheme = make_project(languages=["en", "cy"], site={"coordinator_section": False},
                          meetings={"count": 1},
                          packs={"mentor": {"build": False}, "mentee": {"build": False},
                                 "card": {"build": False},
                                 "coordinator": {"sections": ["contacts"]}})
    done = run_cli("packs", "--scheme", str(scheme))
    assert done.returncode == 0, done.stderr
    root = scheme.parent
    lines = done.stdout.splitlines()
    assert any(line.startswith("reflective-log.pdf: ") for line in lines), lines
    assert any(line.startswith("cy/reflective-log.pdf: ") for line in lines), lines
    assert any(line.startswith("cy/coordinator-pack.pdf:") for line in lines), lines
    english = _pdf_text(root / "site" / "downloads" / "reflective-log.pdf")
    welsh = _pdf_text(root / "site" / "cy" / "downloads" / "reflective-log.pdf")
    assert "Reflective log" in english and "Cofnod myfyriol" not in english
    assert "Cofnod myfyriol" in welsh and "Reflective log" not in welsh
    assert "Cysylltiadau" in _pdf_text(root / "private" / "cy" / "coordinator-pack.pdf")
    assert "Contacts" in _pdf_text(root / "private" / "coordinator-pack.pdf")
    assert not (root / "site" / "cy" / "downloads" / "coordinator-pack.pdf").exists()
    # --out X: X/ and X/CODE/, the coordinator pack beside the others (from the cache).
    result = build_packs(scheme, root / "out")
    assert result.out == (root / "out").resolve()
    assert sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").rglob("*.pdf")) \
        == ["coordinator-pack.pdf", "cy/coordinator-pack.pdf", "cy/reflective-log.pdf",
            "reflective-log.pdf"]


def test_messages_command_writes_every_language(make_project: Any, tmp_path: Path) -> None:
    from conftest import run_cli

    scheme = make_project(languages=["en", "cy"])
    done = run_cli("messages", "--scheme", str(scheme), "--out", str(tmp_path / "mail"))
    assert done.returncode == 0, done.stderr
    english = (tmp_path / "mail" / "03-pairing.txt").read_text(encoding="utf-8")
    welsh = (tmp_path / "mail" / "cy" / "03-pairing.txt").read_text(encoding="utf-8")
    assert english.startswith("Subject: ") and welsh.startswith("Pwnc: ")
    assert len(list((tmp_path / "mail" / "cy").glob("*.txt"))) == len(
        list((tmp_path / "mail").glob("*.txt")))
    assert str(tmp_path / "mail" / "cy" / "03-pairing.txt") in done.stdout


# The Welsh a Welsh teacher would sign off: the rules of tests/support/welsh.py
# and the spelling of tests/support/spelling.py, on the catalogue, the defaults,
# the Welsh examples and everything they build. docs/translating.md says how
# to read a failure and how to add a word to the allow-list.

GOOD_WELSH = [
    "Mae aelodau'r bwrdd yn dod i wrando.",
    "Yr aelod sy'n arwain y sgwrs, a'r cydlynydd sy'n helpu.",
    "Mae'r gwasanaethau hyn gan Fwrdd Iechyd Glan Hafren.",
    "Ewch i'r wefan, neu cysylltwch â'r cydlynydd o'r swyddfa.",
    "Yr wythnos nesaf, yr haf, yr ysgol a'r iaith; y wefan a'r wybodaeth.",
    "Efallai y bydd angen i chi gael help, a'r camau y cytunodd y ddau arnynt.",
    "Dewch i gwrdd ar ddydd Llun, dros dro, heb ddim cost, wrth gwrs.",
    "Dau gyfarfod, dwy flynedd, a'r ddau bartner.",
    "Gallwch ei defnyddio (y wefan) neu ei ddefnyddio (y cofnod).",
    "Sgwrs o ryw %(minutes)s munud ar %(date)s, drwy %(url)s.",
    "Gwasanaethau %(org)s yw'r rhain. Mae %(mentees)s yn gwrando.",
    "Yma am byth, i mi ac i ti; y tu allan i'r ystafell, neu y tu ôl iddi.",
    "Mae'r dystysgrif hon yn cydnabod {{ participant.name }}.",
    "Cysylltwch â'r cydlynydd, gan Dr Elin Parry, ac i mewn â chi.",
]
"""Sentences a Welsh teacher accepts, each exercising one rule or exception."""

BAD_WELSH = [
    ("Mae'r aelodau'r bwrdd yn dod i wrando.", "double-article"),
    ("Y aelod sy'n arwain.", "article"),
    ("Yr cydlynydd sy'n helpu.", "article"),
    ("Ewch i y wefan.", "article"),
    ("Siaradwch gan'r cydlynydd.", "article"),
    ("Mae'r gwasanaethau hyn gan Bwrdd Iechyd.", "soft-mutation"),
    ("Dewch i gweld y cynllun.", "soft-mutation"),
    ("Mae'n bwysig i bod yn onest.", "soft-mutation"),
    ("Rydym am dod eto.", "soft-mutation"),
    ("Siaradwch am pethau pwysig.", "soft-mutation"),
    ("Ewch at llyfrgell y brifysgol.", "soft-mutation"),
    ("Dros mis cyfan.", "soft-mutation"),
    ("Ewch drwy rhwystrau.", "soft-mutation"),
    ("Heb cymorth.", "soft-mutation"),
    ("Dau cyfarfod.", "soft-mutation"),
    ("Dwy taflen.", "soft-mutation"),
    ("Wrth teipio.", "soft-mutation"),
    ("Ar papur.", "soft-mutation"),
    ("Dan pwysau.", "soft-mutation"),
    ("O tua deg munud.", "soft-mutation"),
    ("Hyd diwedd y flwyddyn.", "soft-mutation"),
    ("Ei tad a'i cartref.", "soft-mutation"),
    ("Mae'r gwasanaethau hyn gan %(org)s.", "value"),
    ("Y %(mentor)s sy'n arwain.", "value"),
    ("Mae'r %(mentees)s yn gwrando.", "value"),
    ("%(mentors)s a %(mentees)s", "value"),
    ("Ymunwch fel un o'n %(people)s", "value"),
    ("Cyflwynir y dystysgrif hon i {{ participant.name }}", "value"),
]
"""Errors the checker must find: the issue's own, and one per trigger and rule."""


@pytest.mark.parametrize("sentence", GOOD_WELSH)
def test_grammar_checker_accepts_good_welsh(sentence: str) -> None:
    assert [str(f) for f in check(sentence, spelling.is_word)] == []


@pytest.mark.parametrize(("sentence", "rule"), BAD_WELSH)
def test_grammar_checker_finds_each_error(sentence: str, rule: str) -> None:
    found = check(sentence, spelling.is_word)
    assert found and {f.rule for f in found} == {rule}, [str(f) for f in found]


def test_grammar_checker_finds_a_capital_role_name() -> None:
    labels = ["Mentor rheng flaen", "LHDTC+ mentor"]
    [found] = check("Pecyn Mentor rheng flaen", labels=labels)
    assert found.rule == "capital" and "'mentor rheng flaen'" in found.message
    assert check("Pecyn mentor rheng flaen\n\nMentor rheng flaen: pwy ydyn nhw",
                 labels=labels) == []
    assert check("Pecyn LHDTC+ mentor", labels=labels) == []


def _static_welsh() -> list[welsh_sources.Text]:
    schemes = welsh_sources.example_schemes()
    return (welsh_sources.catalogue() + welsh_sources.defaults()
            + [text for scheme in schemes for text in welsh_sources.scheme_welsh(scheme)])


def test_grammar_of_the_welsh_text() -> None:
    """Every entry of cy.po, every text of cy.yml and every Welsh value of the
    examples passes the article, mutation and value rules."""
    texts = _static_welsh()
    assert len(texts) > 1500
    problems = [f"{t.where}: {f}" for t in texts
                for f in check(t.welsh, spelling.is_word, english=t.english)]
    assert not problems, "\n".join(problems)


def test_grammar_before_a_value_a_template_inserts() -> None:
    """Where a template prints a translated string right before a value
    ({{ _("...") }} {{ value }}), the Welsh must not end in a word that would
    have to mutate the value (certificate.html once read "i {{ name }}")."""
    joins = welsh_sources.template_joins(welsh_sources.translations())
    assert joins, "the scan finds no translated string before a value: is it broken?"
    problems = [f"{t.where}: {f}" for t in joins for f in check(t.welsh, spelling.is_word)]
    assert not problems, "\n".join(problems)


def test_spelling_of_the_welsh_text() -> None:
    """aspell-cy knows every word of the catalogue, the defaults and the Welsh
    examples, or tests/support/welsh-words.txt lists it with its reason."""
    unknown = spelling.misspelt((t.welsh, t.english) for t in _static_welsh())
    assert not unknown, f"not in aspell-cy nor in {spelling.ALLOW_LIST.name}: {unknown}"


def test_spelling_allow_list_is_reviewed_and_needed() -> None:
    """Each entry has a reason, is unknown to aspell-cy, and is still used."""
    allowed = spelling.read_allow_list()
    assert len(allowed) > 50
    known = allowed.keys() - spelling.aspell_unknown(allowed)
    assert not known, f"aspell-cy knows these: take them off the list: {sorted(known)}"
    used: set[str] = set()
    for text in _static_welsh():
        for word in spelling.words(text.welsh):
            used |= spelling.radicals(word.lower()) & allowed.keys()
    assert not allowed.keys() - used, f"no Welsh text uses: {sorted(allowed.keys() - used)}"


def test_spelling_checker_finds_a_misspelling(tmp_path: Path) -> None:
    assert spelling.misspelt([("Mae'r cydlynnydd yn helpu'r mentoriaid.", "")]) \
        == {"cydlynnydd": 1}
    assert spelling.misspelt([("Mae'r cydlynydd yn helpu'r fentoriaid ar-lein.", "")]) == {}
    assert spelling.misspelt([("Agorwch y ffeil yn Outlook.", "Open it in Outlook.")]) == {}
    bare = tmp_path / "words.txt"
    bare.write_text("gwefan\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has no reason"):
        spelling.read_allow_list(bare)


def _example_name(scheme: Path) -> str:
    return "university" if scheme.parent == REPO else scheme.parent.name


def _welsh_pdfs(scheme: Path, renderer: Any, keys: tuple[str, ...] = ()) -> dict[str, bytes]:
    """The Welsh printables of a scheme (every one, or those of ``keys``),
    rendered by the build's own workers."""
    from schemebook.pdf.types import PdfResult
    from schemebook.printing.packs import pack_documents, pdf_request
    from schemebook.printing.paperwork import paperwork_documents

    ed = edition(scheme, language="cy")
    env = print_env(ed)
    jobs = [job for job in pack_documents(ed, env) + paperwork_documents(ed, env)
            if not keys or job.key in keys]
    results = renderer.render_all([pdf_request(ed, job) for job in jobs])
    assert all(isinstance(r, PdfResult) for r in results), results
    return {job.filename: result.data for job, result in zip(jobs, results, strict=True)}


def _role_labels(scheme: Path) -> set[str]:
    from schemebook.context.template import role_words

    return set(role_words(edition(scheme, language="cy").scheme).values())


@pytest.fixture(scope="session", params=welsh_sources.example_schemes(), ids=_example_name)
def built_welsh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                renderer: Any) -> dict[str, Any]:
    """Everything a Welsh reader of a shipped example reads: its pages, its
    messages and its printables, as text."""
    from schemebook.commands.build import build
    from schemebook.commands.init import init_project
    from schemebook.core.options import Options

    name = _example_name(request.param)
    if name == "welsh":
        scheme = request.getfixturevalue("welsh_project") / "scheme.yml"
        site = request.getfixturevalue("welsh_site")
    else:
        scheme = init_project(tmp_path_factory.mktemp(name) / "project", name) / "scheme.yml"
        site = build(scheme, options=Options(packs=False)).out
    folder = tmp_path_factory.mktemp(f"{name}-pdf")
    texts = welsh_sources.built_texts(scheme, site, _welsh_pdfs(scheme, renderer), folder)
    return {"scheme": scheme, "texts": texts, "labels": _role_labels(scheme)}


@pytest.mark.pdf
@pytest.mark.slow
def test_grammar_of_built_welsh(built_welsh: dict[str, Any]) -> None:
    """Done when: every Welsh page, message and printable of every example that
    builds in Welsh passes the rules, the scheme's values in place, and
    no role name keeps its capital inside a sentence."""
    texts, labels = built_welsh["texts"], built_welsh["labels"]
    kinds = {t.where.split()[0] for t in texts}
    assert kinds == {"page", "message", "pdf"} and len(texts) > 40, kinds
    problems = [f"{t.where}: {f}" for t in texts
                for f in check(t.welsh, spelling.is_word, labels)]
    assert not problems, "\n".join(problems)


@pytest.mark.pdf
@pytest.mark.slow
def test_spelling_of_built_welsh(built_welsh: dict[str, Any]) -> None:
    """The same pages and messages, spell-checked (not the PDFs: pdftotext
    splits words and addresses at the ends of lines and table cells). Words
    the English of the template or the scheme also has (names, products,
    keys) are carried over on purpose and are not checked."""
    carried = welsh_sources.english_words(built_welsh["scheme"])
    texts = [t for t in built_welsh["texts"] if not t.where.startswith("pdf ")]
    unknown = spelling.misspelt((t.welsh, carried) for t in texts)
    where = {word: next(t.where for t in texts if word in spelling.words(t.welsh))
             for word in unknown}
    assert not unknown, f"not in aspell-cy nor in {spelling.ALLOW_LIST.name}: {where}"


HEALTH_BOARD = {
    "language": "cy",
    "name": "Lleisiau'r Rheng Flaen",
    "organisation": "Bwrdd Iechyd Prifysgol Glan Hafren",
    "contact": {"name": "Siân Morgan", "email": "lleisiau@glanhafren.example"},
    "focus": {"aims": ["Bod aelodau'r bwrdd yn deall y rhwystrau y mae staff rheng flaen "
                       "yn eu hwynebu."]},
    "roles": {"mentor": {"label": "Mentor rheng flaen", "plural": "Mentoriaid rheng flaen"},
              "mentee": {"label": "Aelod o'r bwrdd", "plural": "Aelodau'r bwrdd"}},
    "support": {"services": [{"name": "Gwasanaeth Llesiant Staff",
                              "contact": "llesiant@glanhafren.example"}]},
}
"""The issue's health board, in Welsh only, with the built-in text throughout:
an organisation that must mutate after "gan" ("gan Fwrdd"), a mentee that
begins with a vowel ("yr aelod") and a plural with its own article
("aelodau'r bwrdd"), and role names written with a capital."""


@pytest.mark.pdf
@pytest.mark.slow
def test_grammar_of_the_issues_health_board(make_project: Any, renderer: Any,
                                                      tmp_path: Path) -> None:
    """Done when: the errors the issue found ("Mae'r aelodau'r bwrdd", "y
    aelod", "gan Bwrdd Iechyd", "Pecyn Mentor rheng flaen") are gone from every
    page, message and printable such a scheme builds."""
    from schemebook.commands.build import build
    from schemebook.core.options import Options

    scheme = make_project(**HEALTH_BOARD)
    site = build(scheme, options=Options(packs=False)).out
    pdfs = _welsh_pdfs(scheme, renderer, keys=("mentor", "mentee"))
    texts = welsh_sources.built_texts(scheme, site, pdfs, tmp_path)
    labels = _role_labels(scheme)
    problems = [f"{t.where}: {f}" for t in texts for f in check(t.welsh, spelling.is_word, labels)]
    assert not problems, "\n".join(problems)
    every = "\n".join(t.welsh for t in texts)
    assert "Pecyn mentor rheng flaen" in every and "Pecyn aelod o'r bwrdd" in every
    assert "Gwasanaethau Bwrdd Iechyd Prifysgol Glan Hafren yw'r rhain" in " ".join(every.split())
    for wrong in ("'r aelodau'r bwrdd", "y aelod", "Y aelod", "gan Bwrdd", "Pecyn Mentor"):
        assert wrong not in every, wrong
