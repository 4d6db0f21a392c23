#!/usr/bin/env python3
"""Collect every built-in string into generator/schemebook/locales/schemebook.pot.

    .venv/bin/python scripts/extract_messages.py          write the template
    .venv/bin/python scripts/extract_messages.py --check  exit 1 if it is stale
    .venv/bin/python scripts/extract_messages.py --update also add new strings
                                                          to every LANG.po

Strings come from the Python code (``_()``, ``gettext``, ``ngettext``,
``N_()``), the Jinja templates (``_()``, ``ngettext``, ``{% trans %}``), as
mapped in babel.cfg, the docstrings of the scheme models, which the
scheme file reference page shows, and the built-in data tables
(:data:`schemebook.core.data.TABLES`: the sector sentences, the survey
instruments, the reflective models). The template names the files each
string comes from but has no line numbers and no creation date, so it
changes only when a string or its file does. tests/test_i18n.py runs
``--check``, which compares the strings and ignores the file names: a new or
changed English string without a fresh extraction fails the tests, a string
moved to another template does not.

``--update`` merges the template into each catalogue: new strings arrive
empty (a Welsh build shows them in English until they are translated, and
the tests fail until then), strings that are gone are dropped.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "babel.cfg"
LOCALES = ROOT / "generator" / "schemebook" / "locales"
TEMPLATE = LOCALES / "schemebook.pot"
COMMENT_TAGS = ("Translators:",)
HEADER = """\
# Template of schemebook's built-in strings, made by
# scripts/extract_messages.py: do not edit it by hand.
# To translate schemebook, see docs/translating.md."""
VOLATILE = ('"POT-Creation-Date:', '"Generated-By:')
"""Header lines left out: they change with the day and the Babel release, not the strings."""
SKIP_DIRS = {".venv", "site", "tests", "examples", "docs", "private", "node_modules"}


def _wanted(dirname: str) -> bool:
    """Folders to read: not hidden, and not outputs or tests at the top (the package
    has a site/ folder of its own, which is read)."""
    path = Path(dirname)
    rel = path.relative_to(ROOT) if path.is_absolute() else path
    return not path.name.startswith((".", "_")) and not (
        len(rel.parts) == 1 and rel.parts[0] in SKIP_DIRS)


def extract() -> Catalog:
    """A fresh template catalogue built from the code and templates."""
    with CONFIG.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(CONFIG))
    catalog = Catalog(project="schemebook", version="", msgid_bugs_address="",
                      copyright_holder="the schemebook authors", fuzzy=False)
    catalog.header_comment = HEADER
    found = extract_from_dir(ROOT, method_map, options_map, comment_tags=COMMENT_TAGS,
                             strip_comment_tags=True, directory_filter=_wanted,
                             keywords={**DEFAULT_KEYWORDS, "NN_": (1, 2)})
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    for description, keys in key_descriptions().items():
        catalog.add(description, None, [("generator/schemebook/scheme/models", 0)],
                    auto_comments=["Describes scheme.yml key " + ", ".join(keys)])
    for name, texts in table_texts().items():
        for text in texts:
            catalog.add(text, None, [(f"generator/schemebook/{name}", 0)])
    return catalog


def key_descriptions() -> dict[str, list[str]]:
    """The docstring of every scheme.yml key, shown on the scheme file reference page."""
    sys.path.insert(0, str(ROOT / "generator"))
    from schemebook.scheme.reference import reference_rows

    found: dict[str, list[str]] = {}
    for row in reference_rows():
        if row.description:
            found.setdefault(row.description, []).append(row.key)
    return found


def table_texts() -> dict[str, list[str]]:
    """The English text of each built-in data table (sectors, instruments, reflective
    models), by the table's path in the package."""
    sys.path.insert(0, str(ROOT / "generator"))
    from schemebook.core.data import TABLES, read_table, texts

    return {name: list(texts(read_table(name))) for name in TABLES}


def render(catalog: Catalog) -> str:
    """The .pot text: sorted by msgid, files without line numbers, no dates or Babel version."""
    out = io.BytesIO()
    write_po(out, catalog, width=76, sort_output=True, include_lineno=False)
    lines = out.getvalue().decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(VOLATILE))


def _without_locations(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#:"))


def update_catalogues(template: Catalog) -> list[Path]:
    """Merge the template into every LANG.po, keeping translations and comments."""
    changed = []
    for path in sorted(LOCALES.glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.stem)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        out = io.BytesIO()
        write_po(out, catalog, width=76, sort_output=True, include_lineno=False,
                 ignore_obsolete=True)
        lines = out.getvalue().decode("utf-8").splitlines(keepends=True)
        text = "".join(line for line in lines if not line.startswith(VOLATILE))
        # Keep the translator's header comment exactly as written: Babel rewraps it.
        before = path.read_text(encoding="utf-8")
        head = before[:before.index('msgid ""')] if 'msgid ""' in before else ""
        text = head + text[text.index('msgid ""'):]
        if text != before:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when the committed template is stale")
    parser.add_argument("--update", action="store_true",
                        help="also merge new and removed strings into every LANG.po")
    args = parser.parse_args(argv)
    catalog = extract()
    text = render(catalog)
    current = TEMPLATE.read_text(encoding="utf-8") if TEMPLATE.exists() else ""
    if args.check:  # the strings, their forms and notes; where they come from may move
        if _without_locations(text) != _without_locations(current):
            print(f"{TEMPLATE.relative_to(ROOT)} is out of date: "
                  "run .venv/bin/python scripts/extract_messages.py --update", file=sys.stderr)
            return 1
        return 0
    if text != current:
        TEMPLATE.write_text(text, encoding="utf-8")
        print(f"wrote {TEMPLATE.relative_to(ROOT)} ({len(catalog)} strings)")
    if args.update:
        for path in update_catalogues(catalog):
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
