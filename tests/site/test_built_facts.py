"""A built handbook says only its own scheme's facts: real MkDocs, WeasyPrint, pdftotext.

A scheme with seven meetings every five weeks, 40 minutes each, a winter
pause and roles called Guide and Sponsor is built whole, in English and in
Welsh. Its pages (what a reader sees of each article), its packs (pdftotext)
and its messages must not hold another count, cadence, length or role word:
no "mentor", no "four meetings", no "60 to 90 minutes", no "fortnightly".
The Teams link of its online meetings must survive on paper.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, deep_merge
from schemebook.commands.build import build

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

TEAMS = ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZTk4YzEtMzY0Ni00ZDQ1"
         "%40thread.v2/0?context=%7b%22Tid%22%3a%22a1b2%22%7d")

ROLES = {
    "en": {"mentor": {"label": "Guide"}, "mentee": {"label": "Sponsor"}},
    "cy": {"mentor": {"label": "Tywysydd", "plural": "Tywyswyr"},
           "mentee": {"label": "Noddwr", "plural": "Noddwyr"}},
}

ROLE_WORDS = {
    "en": r"\bment(?:or|ee)s?\b",
    "cy": r"\b(?:mentor|mentoriaid|mentorai|mentoreion|fentor|fentoriaid|fentorai|fentoreion)\b",
}
"""The built-in role words, which a scheme with its own role names must never show."""

NUMBERS = {
    "en": r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve",
    "cy": r"\d{1,2}|un|dau|dwy|tri|tair|pedwar|pedair|pump|pum|chwech|chwe|saith|wyth|naw|deg"
          r"|deng",
}

COUNTS = {
    "en": rf"\b(?P<n>{NUMBERS['en']})\s+meetings\b(?! in a row)|\bmeets (?P<m>\w+) times",
    "cy": rf"\b(?P<n>{NUMBERS['cy']})\s+(?:cyfarfod|gyfarfod)\b(?! yn olynol)",
}
"""A count of the scheme's meetings, as each language writes it."""

CADENCES = {
    "en": r"\bevery (?:\w+ )?(?:weeks?|days?|months?|fortnight)\b|\bfortnightly\b|\bweekly\b"
          r"|\bmonthly\b",
    # "bob dydd" is "everyday" (gwaith bob dydd), not a cadence.
    "cy": r"\bbob (?:\w+ )?(?:wythnos|pythefnos|diwrnod|mis|deufis)\b",
}
CADENCE = {"en": "every five weeks", "cy": "bob pum wythnos"}

LENGTHS = {
    "en": r"\b(\d+) to (\d+) minutes\b|\bmeetings? of (?:up to )?(\d+) minutes\b"
          r"|\blasts (\d+) minutes\b|\bPlan for (\d+) minutes\b",
    "cy": r"\b(\d+) i (\d+) munud\b|\byn para (\d+) munud\b",
}


def scheme_for(language: str) -> dict[str, object]:
    return {
        "language": language,
        "build_date": "2026-09-01",
        "site_url": "https://handbook.estuary.example/",
        "roles": ROLES[language],
        "meetings": {"count": 7, "minutes": 40, "interval": "every 5 weeks",
                     "start": "2026-10-05", "format": "online",
                     "online": f"[Join your meeting on Microsoft Teams]({TEAMS})",
                     "skip": [{"start": "2026-12-21", "end": "2027-01-10",
                               "reason": "Winter pressures"}]},
        "support": {"last_reviewed": "2026-08-01",
                    "escalation": [{"who": "The coordinator"}], "emergency": "Call 999."},
    }


def article_text(page: str) -> str:
    """What a reader sees of a built page's article: no menu, scripts or icons."""
    match = re.search(r"<article\b.*?</article>", page, re.DOTALL)
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", match[0] if match else "",
                  flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.replace("\u2019", "'").split())


def built_texts(site: Path) -> dict[str, str]:
    """Every text a reader meets: pages (but the key reference), packs, messages.

    File names (calendar-mentors.ics, 01-invitation-mentors.txt) are the
    files' names, not words of the text, and are left out.
    """
    texts = {str(p.relative_to(site)): article_text(p.read_text(encoding="utf-8"))
             for p in site.rglob("*.html")
             if p.name != "reference.html" and "search" not in p.parts}
    texts |= {str(p.relative_to(site)): pdf_text(p) for p in site.rglob("*.pdf")}
    texts |= {str(p.relative_to(site)): p.read_text(encoding="utf-8")
              for p in (site / "downloads" / "messages").glob("*.txt")}
    return {name: re.sub(r"\S*(?:\.ics|\.txt|\.pdf|\.csv|\.html)\b", " ", text)
            for name, text in texts.items()}


@pytest.fixture(scope="module", params=["en", "cy"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[
        str, Path]:
    language = request.param
    project = tmp_path_factory.mktemp(f"facts-{language}")
    scheme = project / "scheme.yml"
    scheme.write_text(yaml.safe_dump(deep_merge(MINIMAL, scheme_for(language)),
                                     allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(scheme)
    return language, project / "site"


def found(texts: dict[str, str], pattern: str) -> list[tuple[str, str]]:
    return [(name, m[0]) for name, text in texts.items()
            for m in re.finditer(pattern, text, re.IGNORECASE)]


def test_no_other_role_word(built: tuple[str, Path]) -> None:
    language, site = built
    leaks = found(built_texts(site), ROLE_WORDS[language])
    assert not leaks, leaks[:20]


def test_no_other_count_cadence_or_length(built: tuple[str, Path]) -> None:
    language, site = built
    texts = built_texts(site)
    counts = [(name, m[0]) for name, text in texts.items()
              for m in re.finditer(COUNTS[language], text, re.IGNORECASE)
              if (m["n"] or m.groupdict().get("m") or "").lower() not in ("7", "seven", "saith")]
    assert not counts, counts[:20]
    cadences = [hit for hit in found(texts, CADENCES[language])
                if hit[1].lower() != CADENCE[language]]
    assert not cadences, cadences[:20]
    lengths = [(name, m[0]) for name, text in texts.items()
               for m in re.finditer(LENGTHS[language], text)
               if {g for g in m.groups() if g} != {"40"}]
    assert not lengths, lengths[:20]
    assert found(texts, CADENCE[language]), "the cadence is said somewhere"


def test_the_pause_is_a_row_on_the_site_and_in_the_packs(built: tuple[str, Path]) -> None:
    language, site = built
    pause = {"en": "Pause", "cy": "Egwyl"}[language]
    meetings = article_text((site / "meetings.html").read_text(encoding="utf-8"))
    assert re.search(rf"{pause} 21 \w+ 2026 .{{1,6}} 10 \w+ 2027 .*Winter pressures", meetings)
    pack = pdf_text(site / "downloads" / "mentor-pack.pdf")
    assert re.search(rf"{pause}\s+21 \w+ 2026", pack) and "Winter pressures" in pack
    calendar = (site / "downloads" / "calendar-mentors.ics").read_text(encoding="utf-8")
    assert "Winter pressures" in calendar.replace("\r\n ", "")


def test_the_teams_link_survives_on_paper(built: tuple[str, Path]) -> None:
    _, site = built
    text = pdf_text(site / "downloads" / "mentor-pack.pdf")
    words = text.index("Join your meeting on Microsoft Teams")
    assert "teams.microsoft.com/l/meetup-join" in text[words:words + 200].replace(" ", "")
