"""Links on paper: the address after the words, a QR code for meeting links and long ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import edition, print_env
from schemebook.printing.links import (
    is_meeting_link,
    link_on_paper,
    print_links,
    short_address,
)
from schemebook.printing.packs import pack_documents
from schemebook.render import markdown_to_html

TEAMS = ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZTk4YzEtMzY0Ni00ZDQ1"
         "%40thread.v2/0")


def fake_qr(url: str) -> str:
    return f"data:qr,{len(url)}"


def on_paper(markdown: str) -> str:
    return str(print_links(markdown_to_html(markdown), fake_qr, lambda w: f"QR: {w}"))


def test_a_link_prints_its_address_after_its_words() -> None:
    out = on_paper("Read the [staff guide](https://intranet.trust.example/it/teams/).")
    assert '>staff guide</a> <span class="print-url">(intranet.trust.example/it/teams)' in out
    assert "link-qr" not in out


def test_a_meeting_link_gets_a_shortened_address_and_a_qr_code() -> None:
    out = on_paper(f"[Join your meeting on Microsoft Teams]({TEAMS})")
    short = short_address(TEAMS)
    assert len(short) <= 48 and short.startswith("teams.microsoft.com/l/meetup-join")
    assert short.endswith("…") and f"({short})" in out
    assert f'src="data:qr,{len(TEAMS)}"' in out
    assert 'alt="QR: Join your meeting on Microsoft Teams"' in out


def test_an_address_written_as_its_own_words_is_not_repeated() -> None:
    out = on_paper("<https://trust.example/wellbeing>")
    assert "print-url" not in out


def test_email_links_show_the_address_and_pages_of_the_handbook_are_left_alone() -> None:
    out = on_paper("[Write to us](mailto:rm@trust.example) or see [support](support.md).")
    assert "(rm@trust.example)" in out
    assert out.count("print-url") == 1


def test_meeting_hosts_are_recognised() -> None:
    assert is_meeting_link(TEAMS) and is_meeting_link("https://us02web.zoom.us/j/123")
    assert is_meeting_link("https://meet.google.com/abc-defg-hij")
    assert not is_meeting_link("https://teams.example.com/")


def test_a_place_that_is_not_an_address_stays_text() -> None:
    assert str(link_on_paper("Room 2.14, Trust HQ", fake_qr)) == "Room 2.14, Trust HQ"
    assert "link-qr" in str(link_on_paper(TEAMS, fake_qr))


def test_the_packs_print_the_meeting_link_with_a_real_qr_code(
        make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"format": "online",
                                  "online": f"[Join your meeting on Microsoft Teams]({TEAMS})"},
                        training={"sessions": [{"title": "Launch", "minutes": 60,
                                                "place": TEAMS}]})
    built = edition(path)
    jobs = {job.key: job.html for job in pack_documents(built, print_env(built))}
    for key in ("mentor", "mentee", "coordinator"):
        assert '<img class="link-qr" src="data:image/svg+xml' in jobs[key], key
        assert short_address(TEAMS) in jobs[key], key
