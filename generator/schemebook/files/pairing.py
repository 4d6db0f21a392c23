"""The spreadsheets ``schemebook match`` writes: the roster and the pairing report.

Both are UTF-8 with a byte-order mark, so Excel opens names in every script
correctly. The roster has exactly the columns ``schemebook personalise``
reads (the language columns only for a scheme built in several languages),
so the pairs go on to packs, calendars and mail merge without editing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..people.applications import Applicant
from ..people.match import Outcome

ROSTER_HEADER = ("pair_id", "mentor", "mentee", "mentor_email", "mentee_email",
                 "first_meeting", "mentor_first_name", "mentee_first_name")
REPORT_HEADER = ("status", "pair_id", "mentor_id", "mentor", "mentee_id", "mentee", "score",
                 "theme_points", "time_points", "preference_points", "fixed", "why")


def sheet_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file as Excel's 'CSV UTF-8' saves it: a byte-order mark, CRLF lines."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def pack_language(person: Applicant, codes: Sequence[str]) -> str:
    """The first scheme language the person listed, for their pack; '' for the main one."""
    chosen = next((c for c in person.languages if c in codes), "")
    return "" if chosen == codes[0] else chosen


def roster_csv(outcome: Outcome, ids: Sequence[str], codes: Sequence[str]) -> bytes:
    """The pairs as a roster for ``schemebook personalise``."""
    header = list(ROSTER_HEADER)
    several = len(codes) > 1
    if several:
        header += ["mentor_language", "mentee_language"]
    rows = []
    for ident, pair in zip(ids, outcome.pairs, strict=True):
        row = [ident, pair.mentor.name, pair.mentee.name, pair.mentor.email, pair.mentee.email,
               "", pair.mentor.first_name, pair.mentee.first_name]
        if several:
            row += [pack_language(pair.mentor, codes), pack_language(pair.mentee, codes)]
        rows.append(row)
    return sheet_bytes(header, rows)


def report_csv(values: dict[str, Any]) -> bytes:
    """The pairing report as a spreadsheet: one row per pair, then one per person
    left unpaired, with the same plain-word reasons as the HTML report."""
    rows: list[list[Any]] = [
        ["paired", p["id"], p["mentor_id"], p["mentor"], p["mentee_id"], p["mentee"],
         p["score"], p["theme_points"], p["time_points"], p["preference_points"],
         "yes" if p["fixed"] else "", " ".join(p["reasons"])] for p in values["pairs"]]
    for person in values["unpaired"]:
        mentor = person["side"] == "mentor"
        rows.append(["unpaired", "", person["id"] if mentor else "",
                     person["name"] if mentor else "", "" if mentor else person["id"],
                     "" if mentor else person["name"], "", "", "", "", "", person["reason"]])
    return sheet_bytes(REPORT_HEADER, rows)
