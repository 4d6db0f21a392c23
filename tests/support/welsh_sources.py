"""Where schemebook's Welsh is: the catalogue, the defaults, the examples, and
the places templates put a translated string right before a value.

Each function returns ``Text`` items: where a reader would find the text to
correct it, the Welsh, and its English original ("" when there is none). The
original tells the spelling check which words are carried over on purpose
(names, products, keys of scheme.yml).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from babel.dates import get_day_names, get_month_names
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "generator" / "schemebook" / "locales" / "cy.po"
DEFAULTS = REPO / "generator" / "schemebook" / "scheme" / "defaults"
TEMPLATE_ROOTS = (REPO / "content", REPO / "templates")

PROGRAM_KEYS = {"id", "audience", "format", "topic", "minutes", "start", "end", "when",
                "on_card", "build", "email", "phone", "url", "site_url", "logo", "timezone",
                "languages", "language", "model"}
"""Keys of scheme.yml whose values the program reads, or that are not prose."""


class Text(NamedTuple):
    where: str
    welsh: str
    english: str


def catalogue(path: Path = CATALOGUE) -> list[Text]:
    """Every Welsh form of every entry, named by the start of its English."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) \
            else (message.string,)
        found.extend(Text(f"cy.po msgid {ids[0][:60]!r}", text, " ".join(ids))
                     for text in strings if text)
    return found


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in PROGRAM_KEYS:
                yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def defaults(folder: Path = DEFAULTS) -> list[Text]:
    """Every text of the Welsh defaults and of each sector's Welsh overlay, named by
    its file and key, with the English of the en.yml beside it."""
    texts = []
    for welsh_file in [folder / "cy.yml", *sorted(folder.glob("sectors/*/cy.yml"))]:
        welsh = yaml.safe_load(welsh_file.read_text(encoding="utf-8"))
        english_file = welsh_file.with_name("en.yml")
        english = dict(_strings(yaml.safe_load(english_file.read_text(encoding="utf-8")), ""))
        name = welsh_file.relative_to(folder).as_posix()
        texts += [Text(f"{name} {where}", text, english.get(where, ""))
                  for where, text in _strings(welsh, "")]
    return texts


def _welsh_values(node: Any, path: str, welsh_only: bool) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, dict):
        if "cy" in node:
            english = dict(_strings(node.get("en", ""), ""))
            for where, text in _strings(node["cy"], ""):
                yield f"{path}.cy{where and '.' + where}", text, english.get(where, "")
            return
        for key, value in node.items():
            if key not in PROGRAM_KEYS:
                yield from _welsh_values(value, f"{path}.{key}" if path else str(key),
                                         welsh_only)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _welsh_values(value, f"{path}[{i}]", welsh_only)
    elif isinstance(node, str) and welsh_only:
        yield path, node, ""


def languages(scheme: Path) -> list[str]:
    data = yaml.safe_load(scheme.read_text(encoding="utf-8"))
    found = data.get("languages") or [data.get("language", "en")]
    return [str(code) for code in found]


def example_schemes() -> list[Path]:
    """The scheme.yml of every shipped example that builds in Welsh."""
    candidates = [REPO / "scheme.yml", *sorted((REPO / "examples").glob("*/scheme.yml"))]
    return [path for path in candidates if "cy" in languages(path)]


def scheme_welsh(path: Path) -> list[Text]:
    """The Welsh text of a scheme: its ``cy:`` values (every text, if Welsh is
    its only language)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    welsh_only = languages(path) == ["cy"]
    name = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
    return [Text(f"{name} {where}", text, english)
            for where, text, english in _welsh_values(data, "", welsh_only)]


def scheme_names(path: Path) -> set[str]:
    """Words of the values a scheme gives once for every language (people's
    names, addresses): names, not Welsh to spell-check."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    shared = [text for _where, text, _en in _welsh_values(data, "", True)]
    return {word for text in shared for word in re.findall(r"[^\W\d_]+", text)}


_CALL_THEN_VALUE = re.compile(
    r"""_\(\s*(?P<q>["'])(?P<msgid>(?:(?!(?P=q)).)+)(?P=q)[^)]*\)\s*\}\}"""
    r"""(?P<gap>(?:[ \t]|\*|_|</?(?:strong|em|b|i|span|a|code|mark)\b[^<>{}]*>"""
    r"""|</p>\s*<p\b[^<>{}]*>)*)\{\{(?P<expr>.*?)\}\}""", re.DOTALL)
"""A translated string printed right before a Jinja value on the same line,
with nothing but spaces, Markdown emphasis, inline HTML tags or an HTML
paragraph break (the certificate's "presented to" / name) between."""


def template_joins(translations: dict[str, str]) -> list[Text]:
    """Every place a template prints a translated string right before a value:
    the last words of the Welsh followed by the value's expression. A string
    ending in a word such as "gan" or "i" would stand right before the value."""
    found = []
    for root in TEMPLATE_ROOTS:
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".md", ".html", ".txt") or not path.is_file():
                continue
            source = path.read_text(encoding="utf-8")
            for match in _CALL_THEN_VALUE.finditer(source):
                welsh = translations.get(match.group("msgid"))
                if welsh:
                    line = source.count("\n", 0, match.start()) + 1
                    tail = " ".join(welsh.split()[-3:])
                    found.append(Text(f"{path.relative_to(REPO).as_posix()}:{line}",
                                      f"{tail} {{{{{match.group('expr')}}}}}", ""))
    return found


def translations(path: Path = CATALOGUE) -> dict[str, str]:
    """English to Welsh, for the entries without plural forms."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    return {m.id: m.string for m in catalog
            if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string}


_BLOCK = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|td|th|tr|table|thead|tbody|dt|dd|dl|div|br|hr|section|nav|"
    r"header|footer|main|article|aside|label|button|option|select|summary|details|"
    r"blockquote|figure|figcaption|caption|legend|fieldset|form|input|textarea|title)\b"
    r"[^>]*>", re.IGNORECASE)


def page_text(page: str) -> str:
    """The text of an HTML page a reader sees, a blank line between blocks (a
    heading, a cell, a menu item), so that the rules never read across them.
    Code (keys of scheme.yml, YAML samples) becomes a stop: it is no Welsh."""
    page = re.sub(r"<(script|style|svg|pre|code|kbd)\b.*?</\1>", " · ", page,
                  flags=re.DOTALL | re.IGNORECASE)
    page = _BLOCK.sub("\n\n", page)
    return _plain(re.sub(r"<[^>]+>", " ", page))


def _plain(text: str) -> str:
    """Curly quotes and the other marks of print as the rules expect them."""
    text = html.unescape(text)
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00ad", ""),
                            ("\u00a0", " "), ("\u202f", " ")):
        text = text.replace(curly, straight)
    return text


def pdf_text(pdf: Path) -> str:
    """What a reader of a PDF reads: pdftotext's text, paragraphs apart."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=120)
    return _plain(done.stdout)


def built_texts(scheme: Path, site: Path, pdfs: dict[str, bytes], folder: Path) -> list[Text]:
    """The Welsh a reader of a built example reads: every page of its Welsh
    tree, every message, and the text of each PDF (written to ``folder``)."""
    codes = languages(scheme)
    tree = site if codes[0] == "cy" else site / "cy"
    others = {f"{code}/" for code in codes if code != codes[0]} if codes[0] == "cy" else set()
    found = []
    for path in sorted(tree.rglob("*.html")):
        rel = path.relative_to(tree).as_posix()
        if not any(rel.startswith(other) for other in others):
            found.append(Text(f"page {rel}", page_text(path.read_text(encoding="utf-8")), ""))
    for path in sorted((tree / "downloads" / "messages").glob("*.txt")):
        found.append(Text(f"message {path.name}", _plain(path.read_text(encoding="utf-8")), ""))
    for name, data in sorted(pdfs.items()):
        pdf = folder / name
        pdf.write_bytes(data)
        found.append(Text(f"pdf {name}", pdf_text(pdf), ""))
    return found


WRITTEN_BY_CODE = "KB MB"
"""Words the code writes into Welsh pages as they are: file sizes (core.text.human_size)."""


def _schema_words(node: Any) -> Iterator[str]:
    """Key names, choices and default values of scheme.schema.json: what the
    reference page shows as typed in scheme.yml."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value.keys()
            if key in ("enum", "default", "const", "examples"):
                yield from (str(v) for v in (value if isinstance(value, list) else [value]))
            yield from _schema_words(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_words(value)


def english_words(*schemes: Path) -> str:
    """What a Welsh page may carry on purpose, as it is: the English of the
    template, the defaults and the schemes, the schemes' shared values (names),
    the keys, choices and defaults of scheme.yml, Babel's Welsh month and day
    names and their abbreviations, and the words the code writes."""
    parts = [text.english for text in catalogue() + defaults()]
    for scheme in schemes:
        parts += [text.english for text in scheme_welsh(scheme)]
        parts += sorted(scheme_names(scheme))
    schema = json.loads((REPO / "scheme.schema.json").read_text(encoding="utf-8"))
    parts += list(_schema_words(schema))
    for width in ("wide", "abbreviated"):
        parts += get_month_names(width, locale="cy").values()
        parts += get_day_names(width, locale="cy").values()
    return " ".join([*parts, WRITTEN_BY_CODE])
