"""commands/mail_merge.py, and the example's whole way from applications to emails.

The drafts are parsed back with Python's email package; the calendars that
personalise writes beside the packs with icalendar and vobject. The
example's applications go through match, personalise and mail-merge as
they are (the scheme builds certificates only here, to keep the test quick;
packs are attached the same way).
"""

from __future__ import annotations

import csv
import io
import shutil
import stat
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import icalendar
import pytest
import vobject
from conftest import REPO, copy_example, run_cli
from schemebook.commands.mail_merge import mail_merge
from schemebook.commands.personalise import OWNED
from schemebook.files.mail import first_name

pytestmark = [pytest.mark.pdf, pytest.mark.slow]


def read_eml(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scheme = copy_example(tmp_path_factory.mktemp("mail"))
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text + "\npacks:\n  mentor: {build: false}\n  mentee: {build: false}\n",
                      encoding="utf-8")
    project = scheme.parent
    shutil.copy2(REPO / "examples" / "applications.csv", project)
    for command in (["match", "applications.csv"],
                    ["personalise", "private/pairing/roster.csv", "-q"],
                    ["mail-merge", "private/pairing/roster.csv"]):
        result = run_cli(*command, cwd=project)
        assert result.returncode == 0, result.stderr
    return project / "private"


def test_every_person_gets_every_message_to_pairs(private: Path) -> None:
    folders = sorted(p.name for p in (private / "mail").iterdir() if p.is_dir())
    assert folders == ["03-pairing", "04-first-meeting", "05-log-reminder", "06-survey-pre",
                       "07-survey-post", "08-survey-follow-up", "09-thank-you",
                       "10-celebration"]
    for folder in folders:
        assert len(list((private / "mail" / folder).glob("*.eml"))) == 22
        assert (private / "mail" / f"{folder}.csv").is_file()


def test_a_draft_has_the_right_names_and_its_attachments(private: Path) -> None:
    draft = read_eml(private / "mail" / "03-pairing" / "P01-mentor-gwenllian-ap-rhys.eml")
    assert draft["X-Unsent"] == "1"
    assert draft["To"] == "Gwenllian ap Rhys <g.aprhys@students.northmoor.example>"
    assert draft["From"] == "Dr Amara Okafor <voices.upward@northmoor.example>"
    assert draft["Subject"] == "Meet your partner in Voices Upward"
    body = draft.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert text.startswith("Dear Gwenllian,")
    assert "Your partner is Professor Daniel Hartley (d.hartley@northmoor.example)." in text
    assert "[[" not in text
    names = [part.get_filename() for part in draft.iter_attachments()]
    assert names == ["P01-mentor-gwenllian-ap-rhys.ics"]  # no pack: the scheme builds none
    later = read_eml(private / "mail" / "09-thank-you" / "P01-mentee-professor-daniel-hartley.eml")
    assert "Dear Daniel," in later.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert not list(later.iter_attachments())
    assert stat.S_IMODE((private / "mail" / "03-pairing.csv").stat().st_mode) == 0o600


def test_the_merge_sheet_is_what_word_and_outlook_read(private: Path) -> None:
    data = (private / "mail" / "03-pairing.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 22
    first = rows[0]
    assert (first["first_name"], first["email"], first["partner_name"]) == (
        "Gwenllian", "g.aprhys@students.northmoor.example", "Professor Daniel Hartley")
    assert first["first_meeting"] == "12 October 2026"


def test_personal_calendars_parse_in_icalendar_and_vobject(private: Path) -> None:
    files = sorted((private / "calendars").glob("*.ics"))
    assert len(files) == 22
    data = (private / "calendars" / "P01-mentor-gwenllian-ap-rhys.ics").read_bytes()
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert "Meeting 1 with Professor Daniel Hartley: Belonging and community" in summaries
    assert "Training for student mentors" in summaries
    assert len(vobject.readOne(data.decode("utf-8")).vevent_list) == len(summaries)
    assert stat.S_IMODE((private / "calendars.lock").stat().st_mode) == 0o600


def test_drafts_attach_a_pack_where_one_exists(private: Path, tmp_path: Path) -> None:
    out = tmp_path / "private"
    (out / "packs").mkdir(parents=True)
    (out / "packs" / OWNED[0]).write_text("as personalise marks it", encoding="utf-8")
    (out / "packs" / "P01-mentor-gwenllian-ap-rhys.pdf").write_bytes(b"%PDF-1.7 test")
    scheme = private.parent / "scheme.yml"
    result = mail_merge(scheme, private / "pairing" / "roster.csv", out)
    assert result.drafts == 22 * 8
    draft = read_eml(out / "mail" / "03-pairing" / "P01-mentor-gwenllian-ap-rhys.eml")
    (pack,) = draft.iter_attachments()
    assert pack.get_content_type() == "application/pdf"
    assert pack.get_content() == b"%PDF-1.7 test"


def test_first_names_drop_titles() -> None:
    assert first_name("Professor Daniel Hartley") == "Daniel"
    assert first_name("Dr. Siân Morgan") == "Siân"
    assert first_name("王芳 (Wang Fang)") == "王芳"
    assert first_name("Dr") == "Dr"
