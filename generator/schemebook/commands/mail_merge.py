"""``schemebook mail-merge``: every message to every paired person, ready to send.

For each message that goes to pairs (the pairing announcement to the
celebration) and each person of the roster, a draft ``.eml`` in the
person's language, with their partner's name and email and their pair's
dates filled in; the pairing announcement carries the person's pack and
calendar when ``personalise`` has made them. One mail-merge CSV per message
sits beside the drafts. Everything goes to ``private/mail/`` (replaced in
one rename once every file is made), never into the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..context.messages import Message, render_messages
from ..context.template import Edition
from ..core.errors import Location, Problem, Report
from ..core.options import Options
from ..files.mail import Attachment, Recipient, draft_eml, first_name, merge_sheet
from ..people.roster import Pair, read_roster
from ..printing.personal import ROLES, file_stem, pair_plan
from ..scheme.validate import scheme_codes
from .build import load_editions
from .private import private_folder, replace_private_folder

FOLDER = "mail"
OWNED = ".schemebook-mail"
ATTACHED = ("pairing",)
"""Messages that carry the person's pack and calendar."""


@dataclass
class MailResult:
    """What ``schemebook mail-merge`` wrote."""

    folder: Path
    drafts: int
    sheets: int
    warnings: list[Problem] = field(default_factory=list)


def mail_merge(scheme_path: Path, roster_path: Path, out: Path | None = None,
               options: Options | None = None) -> MailResult:
    """Write the drafts and merge sheets of every pair in the roster (see the module)."""
    report = Report()
    editions = load_editions(scheme_path, options or Options(), report)
    main = editions[0]
    root = main.root.resolve()
    codes = scheme_codes(main.scheme)
    pairs = read_roster(roster_path, codes)
    out = private_folder(out or root / "private", root, "mail-merge files")
    by_code = {"": main, **dict(zip(codes, editions, strict=True))}
    keys = [m.key for m in main.context["participant_messages"] if m.audience == "both"]
    files: dict[str, bytes] = {}
    sheets: dict[str, list[tuple[Recipient, str, list[str]]]] = {k: [] for k in keys}
    names = {m.key: Path(m.filename).stem for m in main.context["participant_messages"]}
    cache: dict[tuple[str, object], dict[str, Message]] = {}
    for pair in pairs:
        for role in ROLES:
            edition = by_code[getattr(pair, f"{role}_language")]
            person = _recipient(edition, pair, role, report, roster_path)
            messages = _messages(edition, pair, cache)
            stem = file_stem(pair, role, getattr(pair, role))
            for key in keys:
                attached = _attachments(out, stem) if key in ATTACHED else []
                message = messages[key]
                files[f"{names[key]}/{stem}.eml"] = draft_eml(
                    _sender(edition), person, message.subject, message.body, attached,
                    edition.stamp)
                sheets[key].append((person, message.subject, [a.filename for a in attached]))
    for key, rows in sheets.items():
        files[f"{names[key]}.csv"] = merge_sheet(rows)
    folder = replace_private_folder(out, FOLDER, OWNED, files)
    return MailResult(folder, sum(1 for n in files if n.endswith(".eml")), len(sheets),
                      report.warnings)


def _sender(edition: Edition) -> tuple[str, str]:
    scheme = edition.scheme
    return (scheme.messages.sender or scheme.contact.name, scheme.contact.email)


def _recipient(edition: Edition, pair: Pair, role: str, report: Report,
               roster: Path) -> Recipient:
    other = "mentee" if role == "mentor" else "mentor"
    name, email = getattr(pair, role), getattr(pair, f"{role}_email")
    if not email:
        report.warn(Location(str(roster), pair.row), f"{pair.pair_id}: the {role} has no "
                    "email, so their drafts have no To", "add it to the roster")
    plan = pair_plan(edition.scheme, pair)
    first = plan[0].date if plan else None
    return Recipient(pair.pair_id, edition.context[role], name,
                     getattr(pair, f"{role}_first_name") or first_name(name), email,
                     getattr(pair, other), getattr(pair, f"{other}_email"),
                     edition.tr.date(first))


def _messages(edition: Edition, pair: Pair, cache: dict[tuple[str, object], dict[str, Message]]
              ) -> dict[str, Message]:
    """The messages with the pair's own dates: rendered again for a pair whose first
    meeting differs from the scheme's, once per date."""
    key = (edition.code, pair.first_meeting)
    if key not in cache:
        if pair.first_meeting is None:
            found = edition.context["participant_messages"]
        else:
            context = {**edition.context, "plan": pair_plan(edition.scheme, pair)}
            found = render_messages(edition.loaded, edition.tr, context, edition.bytecode)
        cache[key] = {m.key: m for m in found}
    return cache[key]


def _attachments(out: Path, stem: str) -> list[Attachment]:
    """The person's pack and calendar, where ``personalise`` wrote them."""
    found = []
    for folder, suffix, kind in (("packs", ".pdf", ("application", "pdf")),
                                 ("calendars", ".ics", ("text", "calendar"))):
        path = out / folder / f"{stem}{suffix}"
        if path.is_file():
            found.append(Attachment(path.name, path.read_bytes(), *kind))
    return found


__all__ = ["MailResult", "mail_merge"]
