"""Mail merge: one ready email per message and person, and one merge sheet per message.

Each email is an ``.eml`` file made with Python's :mod:`email` package:
UTF-8, From (the scheme's contact), To, the subject, the text with the
partner's name and email and the pair's dates filled in, and
``X-Unsent: 1`` so Outlook and Thunderbird open it as a draft to check and
send. The person's pack and calendar are attached where they exist. The
merge sheet of each message (UTF-8 with a byte-order mark) has the columns
Word's and Outlook's mail merge take, named like the message's own fields
(``first_name``, ``partner_name``, ``partner_email``), for a coordinator who
prefers to send from there. Writing them is :mod:`schemebook.commands.mail_merge`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from .pairing import sheet_bytes

TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord",
          "lady", "rev", "revd", "reverend", "cllr", "judge"}
"""Words before a name that are not what a message calls the person."""

MERGE_HEADER = ("first_name", "full_name", "email", "role", "partner_name", "partner_email",
                "pair_id", "first_meeting", "subject", "attachments")


@dataclass(frozen=True)
class Recipient:
    """One person a message goes to, and what fills its merge fields."""

    pair_id: str
    role: str
    """The scheme's label of their role."""
    name: str
    first_name: str
    email: str
    partner: str
    partner_email: str
    first_meeting: str
    """The pair's first meeting in words, '' when undated."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    maintype: str
    subtype: str


def first_name(name: str) -> str:
    """What to call someone from their full name: titles dropped, the first word kept
    ('Professor Daniel Hartley' -> 'Daniel'); a name in one word stays whole."""
    words = re.sub(r"\(.*?\)", " ", name).split() or name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        words = words[1:]
    return words[0] if words else name


def fill(text: str, person: Recipient) -> str:
    """The message's merge fields replaced with this person's values."""
    if not person.partner_email:
        text = text.replace(" ([[partner_email]])", "")
    return (text.replace("[[first_name]]", person.first_name)
            .replace("[[partner_name]]", person.partner)
            .replace("[[partner_email]]", person.partner_email))


def draft_eml(sender: tuple[str, str], person: Recipient, subject: str, body: str,
              attachments: Sequence[Attachment], stamp: dt.date) -> bytes:
    """The email as an unsent draft (.eml)."""
    message = EmailMessage(policy=policy.SMTPUTF8)
    name, address = sender
    if address:
        message["From"] = formataddr((name, address))
    if person.email:
        message["To"] = formataddr((person.name, person.email))
    message["Subject"] = fill(subject, person)
    message["Date"] = format_datetime(dt.datetime(stamp.year, stamp.month, stamp.day,
                                                  tzinfo=dt.UTC))
    message["X-Unsent"] = "1"
    message.set_content(fill(body, person) + "\n", charset="utf-8")
    for item in attachments:
        message.add_attachment(item.data, maintype=item.maintype, subtype=item.subtype,
                               filename=item.filename)
    return bytes(message.as_bytes())


def merge_sheet(rows: Sequence[tuple[Recipient, str, Sequence[str]]]) -> bytes:
    """The mail-merge CSV of one message: one row per person (subject, attachments)."""
    return sheet_bytes(MERGE_HEADER, [
        (p.first_name, p.name, p.email, p.role, p.partner, p.partner_email, p.pair_id,
         p.first_meeting, fill(subject, p), "; ".join(files))
        for p, subject, files in rows])
