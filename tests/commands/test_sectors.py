"""Sectors: each sector's handbook speaks its own language, and no other sector's.

The test holds a vocabulary per sector: words a coordinator there would use
and one in another sector would not. Each sector (and a scheme without one)
is built once, in English and Welsh, from a scheme whose own text is neutral
tokens ("Zorb"), so that every word judged comes from schemebook: the
defaults, the pages, the packs and paperwork (their print HTML, the text
WeasyPrint lays out: tests/pdf/test_extracted_text.py checks that PDFs give
their text back), the messages, the calendars and the survey download.
None of one sector's words may appear in another's build, nor any sector's
in the neutral build. The same vocabulary checks the catalogue and the
defaults files directly, which covers the branches a small scheme never shows.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO, edition, print_env, run_cli
from schemebook.commands.build import build
from schemebook.commands.init import EXAMPLES, SECTOR_EXAMPLES, init_project, with_sector
from schemebook.core.errors import ValidationError
from schemebook.core.i18n import Translator
from schemebook.core.options import Options
from schemebook.core.paths import DEFAULTS, LOCALES
from schemebook.scheme.sectors import SECTORS, WORDS, Words, overlay, sector_words
from schemebook.scheme.validate import read_scheme

VOCABULARY: dict[str, dict[str, list[str]]] = {
    "higher-education": {
        "en": ["students?", "studies", "studying", "marks", "lecturers?", "lectures?",
               "modules?", "campus", "term", "semesters?", "deans?", "tutors?",
               "timetables?", "seminars?", "coursework"],
        "cy": ["[mf]yfyr(iwr|wyr)", "h?astudi(o|aethau)", "[mf]arciau", "(d|dd|n)arlith\\w*",
               "[mf]odiwl\\w*", "(c|g|ngh|ch)ampws", "semester\\w*", "(d|dd|n)eon(iaid)?",
               "(t|d|nh|th)iwtor\\w*", "seminar\\w*"],
    },
    "workplace": {
        "en": ["billable", "clients?", "client work", "practice groups?", "promotion",
               "promotion rounds?", "employee assistance programme", "whistleblowing",
               "associates?"],
        "cy": ["(c|g|ngh|ch)leient\\w*", "[bfm]ilio", "(d|dd|n)yrchaf\\w*",
               "chwythu'r chwiban", "(c|g|ngh|ch)ydymaith\\w*"],
    },
    "health-care": {
        "en": ["wards?", "shifts?", "rotas?", "patients?", "clinical", "clinics?",
               "revalidation", "freedom to speak up", "occupational health",
               "winter pressures", "nhs", "nurses?", "midwi(fe|ves)", "healthcare"],
        "cy": ["wardiau", "ward", "shifft\\w*", "rota\\w*", "(c|g|ngh|ch)l(af|eifion)",
               "(c|g|ngh|ch)linig\\w*", "h?ailddilys\\w*", "r?h?yddid i siarad",
               "iechyd galwedigaethol", "pwysau'r gaeaf", "gig", "nyrs\\w*",
               "[bfm]ydwr(aig|agedd)"],
    },
    "voluntary": {
        "en": ["lived experience", "charit(y|ies)", "trustees?", "service users?",
               "uses? the service", "user-led", "volunteering", "funders?"],
        "cy": ["(p|ph)rofiad bywyd", "h?elusen\\w*", "h?ymddiriedolw\\w*",
               "defnyddio'r gwasanaeth", "(d|dd|n)efnyddwyr gwasanaeth\\w*",
               "(c|g|ngh|ch)yllidw(r|yr)", "wirfoddoli|gwirfoddoli|ngwirfoddoli"],
    },
}
"""Words of each sector, per language, as regular expressions matched whole and in any
case (Welsh with its mutated forms)."""

NEUTRAL = ""
"""The key of a scheme without a sector."""

BUILDS = [NEUTRAL, *SECTORS]

TOKENS: dict[str, Any] = {
    "name": "Zorb",
    "organisation": "Zorb Org",
    "languages": ["en", "cy"],
    "contact": {"name": "Zed Zorb", "email": "zed@zorb.example"},
    "focus": {"aims": ["Zorb aim"]},
    "meetings": {"start": "2026-10-05"},
    "build_date": "2026-09-01",
}
"""A scheme whose own text is tokens: everything else is built-in."""


@functools.cache
def _any_of(vocabulary: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the whole vocabulary: it matches wherever one of its words would."""
    return re.compile(rf"(?<![\w'’-])(?:{'|'.join(vocabulary)})(?![\w-])", re.IGNORECASE)


def found(vocabulary: list[str], text: str) -> list[str]:
    """The words of ``vocabulary`` in ``text``, as written there."""
    if not _any_of(tuple(vocabulary)).search(text):  # most texts: one scan, not one a word
        return []
    hits: list[str] = []
    for word in vocabulary:
        hits += [m.group(0) for m in re.finditer(rf"(?<![\w'’-])(?:{word})(?![\w-])", text,
                                                  re.IGNORECASE)]
    return sorted(set(hits))


def others(sector: str) -> list[str]:
    """The sectors whose words must not appear in ``sector``'s text."""
    return [s for s in SECTORS if s != sector]


def visible(page: str) -> str:
    """The text of an HTML page a reader sees: no scripts, styles or tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def print_texts(scheme: Path, language: str) -> dict[str, str]:
    """The visible text of every printable of ``scheme`` in ``language``, by file name."""
    from schemebook.printing.packs import pack_documents
    from schemebook.printing.paperwork import paperwork_documents

    built = edition(scheme, language)
    env = print_env(built)
    jobs = pack_documents(built, env) + paperwork_documents(built, env)
    return {f"print/{job.filename}": visible(job.html) for job in jobs}


def site_texts(site: Path) -> dict[str, dict[str, str]]:
    """Every text of a built bilingual site by language ('en' at site/, 'cy' at site/cy/),
    then by file: pages, messages, calendars and the survey download."""
    texts: dict[str, dict[str, str]] = {"en": {}, "cy": {}}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(("search/", "assets/")):
            continue
        language = "cy" if rel.startswith("cy/") else "en"
        if path.suffix == ".html":
            texts[language][rel] = visible(path.read_text(encoding="utf-8"))
        elif path.suffix in (".txt", ".ics", ".csv"):
            texts[language][rel] = path.read_text(encoding="utf-8-sig")
    return texts


@pytest.fixture(scope="session")
def sector_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, str]]]:
    """Each sector's token scheme built once, English and Welsh, as texts."""
    built: dict[str, dict[str, dict[str, str]]] = {}
    for sector in BUILDS:
        project = tmp_path_factory.mktemp(f"sector-{sector or 'neutral'}")
        scheme = {**TOKENS, **({"sector": sector} if sector else {})}
        (project / "scheme.yml").write_text(yaml.safe_dump(scheme, sort_keys=False),
                                            encoding="utf-8")
        texts = site_texts(build(project / "scheme.yml", options=Options(packs=False)).out)
        for language, found in texts.items():
            found.update(print_texts(project / "scheme.yml", language))
        built[sector] = texts
    return built


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("sector", BUILDS, ids=[s or "neutral" for s in BUILDS])
def test_no_other_sectors_words_in_a_build(sector_sites: dict[str, Any], sector: str,
                                           language: str) -> None:
    texts = sector_sites[sector][language]
    assert any(name.startswith("print/") for name in texts), "the build made no packs"
    assert any(name.endswith(".txt") for name in texts), "the build made no messages"
    stray = {f"{name}: {other}": hits for name, text in texts.items() for other in others(sector)
             if (hits := found(VOCABULARY[other][language], text))}
    assert not stray, stray


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("sector", list(SECTORS))
def test_each_sector_speaks_its_own_words(sector_sites: dict[str, Any], sector: str,
                                          language: str) -> None:
    """The vocabulary test could pass on empty text: each build must use its own words."""
    text = "\n".join(sector_sites[sector][language].values())
    assert len(found(VOCABULARY[sector][language], text)) >= 3


def shared_strings(language: str) -> list[str]:
    """Every built-in string except the sector sentences: what all sectors share."""
    own = {text for words in WORDS.values() for text in words.__dict__.values()} | set(
        SECTORS.values())
    with (LOCALES / "cy.po").open("rb") as handle:
        catalogue = read_po(handle)
    strings = []
    for message in catalogue:
        if not message.id or (message.id if isinstance(message.id, str) else message.id[0]) in own:
            continue
        if language == "en":
            strings += [message.id] if isinstance(message.id, str) else list(message.id)
        else:
            strings += [message.string] if isinstance(message.string, str) else list(
                message.string)
    return strings


@pytest.mark.parametrize("language", ["en", "cy"])
def test_shared_strings_belong_to_no_sector(language: str) -> None:
    text = "\n".join(shared_strings(language))
    stray = {s: hits for s in SECTORS if (hits := found(VOCABULARY[s][language], text))}
    assert not stray, stray


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("sector", BUILDS, ids=[s or "neutral" for s in BUILDS])
def test_sector_sentences_and_defaults_keep_to_their_sector(sector: str, language: str) -> None:
    tr = Translator.for_language(language)
    words = "\n".join(sector_words(sector or None, tr).values())
    defaults = (DEFAULTS / f"{language}.yml").read_text(encoding="utf-8")
    if sector:
        defaults = (DEFAULTS / "sectors" / sector / f"{language}.yml").read_text(encoding="utf-8")
    body = "\n".join(line for line in defaults.splitlines() if not line.lstrip().startswith("#"))
    stray = {other: hits for other in (others(sector) if sector else SECTORS)
             if (hits := found(VOCABULARY[other][language], words + "\n" + body))}
    assert not stray, stray


def test_every_sector_has_every_sentence_and_overlay() -> None:
    assert set(WORDS) == {NEUTRAL, *SECTORS}
    required = [name for name, field in Words.__dataclass_fields__.items()
                if field.default is not None and field.default != ""]
    for sector, words in WORDS.items():
        assert all(getattr(words, name) for name in required), sector
    for sector in SECTORS:
        english = yaml.safe_load((DEFAULTS / "sectors" / sector / "en.yml").read_text())
        welsh = yaml.safe_load((DEFAULTS / "sectors" / sector / "cy.yml").read_text())
        assert _shape(english) == _shape(welsh), sector


def _shape(data: Any) -> Any:
    """Keys and ids of a defaults file, without its text: the same in every language."""
    if isinstance(data, dict):
        return {key: _shape(value) for key, value in data.items()}
    if isinstance(data, list):
        return [item.get("id") if isinstance(item, dict) else "-" for item in data]
    return None


def test_overlay_merges_mappings_and_items_by_id() -> None:
    base = {"a": {"x": 1, "y": 2}, "faq": [{"id": "p", "q": "P", "r": "base"},
                                           {"id": "q", "q": "Q"}], "plain": [1, 2]}
    extra = {"a": {"y": 3}, "faq": [{"id": "p", "r": "sector"}, {"id": "n", "q": "N"}],
             "plain": [9]}
    assert overlay(base, extra) == {
        "a": {"x": 1, "y": 3},
        "faq": [{"id": "p", "q": "P", "r": "sector"}, {"id": "q", "q": "Q"},
                {"id": "n", "q": "N"}],
        "plain": [9]}


def test_the_sector_chooses_the_defaults(make_project: Callable[..., Path]) -> None:
    neutral = read_scheme(make_project()).scheme
    health = read_scheme(make_project(sector="health-care")).scheme
    assert neutral.sector is None and health.sector == "health-care"
    faq = {q.question: q.answer for q in health.faq}
    assert "Can meetings fit around my shifts?" in faq
    assert "Could taking part count against me?" in {q.question for q in neutral.faq}
    assert [c.situation for c in health.contingency][-1] == "Winter pressures or a surge in demand"
    assert "patient safety" in health.support.limits.lower()
    # Items keep their order, and the ids of the defaults never reach the scheme...
    assert health.faq[0].question == "What is reverse mentoring?"
    assert "id" not in health.faq[0].model_dump()
    # ...except the training topics', which sessions name.
    assert health.training.topics[0].id == "what-is-reverse-mentoring"
    assert "ward manager" in health.training.topics[1].activity_steps


def test_an_unknown_sector_is_a_located_error(make_project: Callable[..., Path]) -> None:
    path = make_project(sector="hospital")
    with pytest.raises(ValidationError) as caught:
        read_scheme(path)
    problem = caught.value.problems[0]
    assert problem.location.line == path.read_text().splitlines().index(
        "sector: hospital") + 1
    assert "health-care" in problem.message and "hospital" in problem.message


def test_init_sector_sets_it_and_picks_its_example(tmp_path: Path) -> None:
    for sector, example in SECTOR_EXAMPLES.items():
        project = init_project(tmp_path / sector, sector=sector)
        text = (project / "scheme.yml").read_text(encoding="utf-8")
        assert yaml.safe_load(text)["sector"] == sector
        assert text.splitlines()[0] == "# yaml-language-server: $schema=./scheme.schema.json"
        if example in EXAMPLES:
            shipped = (REPO / ("scheme.yml" if example == "university"
                               else f"examples/{example}/scheme.yml")).read_text()
            assert yaml.safe_load(shipped)["name"] == yaml.safe_load(text)["name"]
    law = init_project(tmp_path / "law-health", "law-firm", sector="health-care")
    assert yaml.safe_load((law / "scheme.yml").read_text())["sector"] == "health-care"


def test_a_sector_is_set_in_place_or_added_at_the_end() -> None:
    replaced = with_sector("# note\nname: X\nsector: workplace  # firms\nfocus: {}\n", "voluntary")
    assert replaced.splitlines()[2] == "sector: voluntary"
    added = yaml.safe_load(with_sector("name: X\nfocus:\n  aims: [A]\n", "health-care"))
    assert added == {"name": "X", "focus": {"aims": ["A"]}, "sector": "health-care"}


def test_every_example_sets_its_sector() -> None:
    sectors = {}
    for name in EXAMPLES:
        path = REPO / ("scheme.yml" if name == "university" else f"examples/{name}/scheme.yml")
        sectors[name] = yaml.safe_load(path.read_text(encoding="utf-8")).get("sector")
    assert sectors == {"university": "higher-education", "law-firm": "workplace",
                       "welsh": "higher-education", "health": "health-care"}
    assert set(SECTOR_EXAMPLES) == set(SECTORS)


def test_the_command_offers_every_sector_and_example() -> None:
    result = run_cli("init", "--help")
    assert result.returncode == 0, result.stderr
    offered = " ".join(result.stdout.split())
    for name in [*SECTORS, *EXAMPLES]:
        assert name in offered, name


@pytest.mark.slow
def test_init_voluntary_builds_a_voluntary_handbook(tmp_path: Path) -> None:
    result = run_cli("init", "--sector", "voluntary", "--no-build", str(tmp_path / "v"))
    assert result.returncode == 0, result.stderr
    scheme = tmp_path / "v" / "scheme.yml"
    assert yaml.safe_load(scheme.read_text())["sector"] == "voluntary"
    out = build(scheme, options=Options(packs=False)).out
    mentors = visible((out / "mentors.html").read_text(encoding="utf-8"))
    assert "support or service you receive" in mentors
    assert not found(VOCABULARY["higher-education"]["en"], mentors)
