"""Rebuild the bundled web fonts in generator/schemebook/assets/fonts/ from the npm registry.

Run from the repository root with the project's virtual environment:

    .venv/bin/python scripts/build_fonts.py

Needs `npm` (only to fetch the pinned packages) and fontTools with brotli,
both of which WeasyPrint already pulls into .venv. The output is committed,
so this only has to run again when the fonts are to be changed or upgraded.

Why one file per weight and style, rather than one file per Unicode subset as
the usual web-font packages ship them: WeasyPrint 70 keys the fonts it embeds
in a PDF by family, weight and style only, so two subset files of the same
face (say the "latin" and "latin-ext" halves of Atkinson Regular) get merged
into one PDF font and letters from one file are drawn with the other's glyphs.
A single file per face avoids that, and browsers are just as happy with it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.merge import Options as MergeOptions
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "generator" / "schemebook" / "assets" / "fonts"
EMOJI_OUT = ROOT / "generator" / "schemebook" / "assets" / "emoji"

# The monochrome Noto Emoji, which WeasyPrint 70 draws (Debian's Noto Color
# Emoji is an 11 MB bitmap font it cannot embed). @fontsource ships it only
# in per-range slices; they are merged into one file, kept apart from the web
# fonts: it is not linked from fonts.css, and each site and each PDF gets a
# copy cut down to the emoji it uses (schemebook.core.emoji).
EMOJI_PACKAGE, EMOJI_VERSION = "@fontsource/noto-emoji", "5.3.2"
EMOJI_FILE, EMOJI_LICENCE = "noto-emoji-400-normal.woff2", "OFL-NotoEmoji.txt"

# The unicode ranges of Google Fonts' "latin", "latin-ext" and "vietnamese"
# subsets, as listed in the @fontsource packages' unicode.json.
LATIN = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
    "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
LATIN_EXT = (
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
    "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
    "U+2C60-2C7F,U+A720-A7FF"
)
VIETNAMESE = (
    "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"
)
# Combining circumflex, breve and horn: used by decomposed (NFD) Vietnamese,
# and fontconfig only counts a font as covering Vietnamese ("vi") when it has
# them. Without them WeasyPrint prefers Debian's system Noto Sans over ours
# for Vietnamese text.
VIETNAMESE_COMBINING = "U+0302,U+0306,U+031B"


@dataclass(frozen=True)
class Face:
    weight: int
    style: str  # "normal" or "italic"
    source: str  # path of the TTF inside the npm package


@dataclass(frozen=True)
class Family:
    name: str  # CSS font-family
    slug: str  # file name prefix
    package: str  # npm package name
    version: str  # pinned npm package version
    licence_file: str  # name of the licence copy written next to the fonts
    ranges: str | None  # subset to these code points; None keeps the whole font
    faces: tuple[Face, ...]


FAMILIES = (
    Family(
        name="Atkinson Hyperlegible Next",
        slug="atkinson-hyperlegible-next",
        package="@expo-google-fonts/atkinson-hyperlegible-next",
        version="0.4.1",
        licence_file="OFL-AtkinsonHyperlegibleNext.txt",
        ranges=None,  # the whole font is small (about 360 characters)
        faces=(
            Face(400, "normal", "400Regular/AtkinsonHyperlegibleNext_400Regular.ttf"),
            Face(400, "italic", "400Regular_Italic/AtkinsonHyperlegibleNext_400Regular_Italic.ttf"),
            Face(700, "normal", "700Bold/AtkinsonHyperlegibleNext_700Bold.ttf"),
            Face(700, "italic", "700Bold_Italic/AtkinsonHyperlegibleNext_700Bold_Italic.ttf"),
        ),
    ),
    Family(
        name="Noto Sans",
        slug="noto-sans",
        package="@expo-google-fonts/noto-sans",
        version="0.4.2",
        licence_file="OFL-NotoSans.txt",
        ranges=",".join((LATIN, LATIN_EXT, VIETNAMESE, VIETNAMESE_COMBINING)),
        faces=(
            Face(400, "normal", "400Regular/NotoSans_400Regular.ttf"),
            Face(700, "normal", "700Bold/NotoSans_700Bold.ttf"),
        ),
    ),
)

def parse_ranges(text: str) -> set[int]:
    points: set[int] = set()
    for part in text.split(","):
        part = part.strip().upper().removeprefix("U+")
        first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def format_ranges(points: set[int]) -> str:
    spans: list[str] = []
    ordered = sorted(points)
    start = prev = ordered[0]
    for point in [*ordered[1:], -1]:
        if point == prev + 1:
            prev = point
            continue
        spans.append(f"U+{start:04X}" if start == prev else f"U+{start:04X}-{prev:04X}")
        start = prev = point
    return ",".join(spans)


def fetch_package(package: str, version: str, workdir: Path) -> Path:
    """npm pack the package into workdir and unpack it; return its folder."""
    result = subprocess.run(
        ["npm", "pack", "--silent", f"{package}@{version}"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    target = workdir / tarball.stem
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def keep_precomposed(font: TTFont) -> None:
    """Stop 'ccmp' from splitting precomposed letters such as ị into i + dot.

    Noto Sans 2.015 decomposes a few letters with a dot below (ị ọ ụ ẹ ...),
    and WeasyPrint 70 then records the text of the cluster on the first glyph
    only, so copying 'Thị' out of a PDF gives 'Th ị'. The font has its own
    precomposed glyphs for these code points: drawing those keeps the text
    whole. Glyphs reached through the character map are left undecomposed.
    """
    if "GSUB" not in font:
        return
    mapped = set(font.getBestCmap().values())
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            inner = table.ExtSubTable if lookup.LookupType == 7 else table
            if getattr(inner, "LookupType", lookup.LookupType) != 2:
                continue
            for glyph in [g for g in inner.mapping if g in mapped]:
                del inner.mapping[glyph]


def build_face(source: Path, ranges: str | None, target: Path) -> set[int]:
    if ranges is None:
        font = TTFont(source, recalcTimestamp=False)
    else:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        font = TTFont(source, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=parse_ranges(ranges))
        subsetter.subset(font)
    keep_precomposed(font)
    font.flavor = "woff2"
    font.save(target)
    return set(font.getBestCmap())


def face_row(family: Family, face: Face, filename: str, points: set[int]) -> dict[str, object]:
    """The row of fonts.json for one file: schemebook.core.fonts makes its @font-face rule."""
    return {"family": family.name, "style": face.style, "weight": face.weight,
            "file": filename, "unicode_range": format_ranges(points)}


def build_emoji(workdir: Path, out: Path) -> None:
    """Merge the weight-400 slices of Noto Emoji into one WOFF2 file, with its licence."""
    package_dir = fetch_package(EMOJI_PACKAGE, EMOJI_VERSION, workdir)
    slices = sorted((package_dir / "files").glob("noto-emoji-*-400-normal.woff2"))
    merged = Merger(MergeOptions(drop_tables=["vhea", "vmtx"])).merge([str(p) for p in slices])
    merged.flavor = "woff2"
    out.mkdir(parents=True, exist_ok=True)
    merged.save(out / EMOJI_FILE)
    shutil.copyfile(package_dir / "LICENSE", out / EMOJI_LICENCE)
    print(f"{EMOJI_FILE}: {(out / EMOJI_FILE).stat().st_size} bytes, "
          f"{len(merged.getBestCmap())} characters from {len(slices)} slices")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--emoji-out", type=Path, default=EMOJI_OUT,
                        help="output folder of the emoji font")
    parser.add_argument("--only-emoji", action="store_true", help="rebuild the emoji font only")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.only_emoji:
        with tempfile.TemporaryDirectory(prefix="schemebook-fonts-") as tmp:
            build_emoji(Path(tmp), args.emoji_out)
        return

    faces = []
    with tempfile.TemporaryDirectory(prefix="schemebook-fonts-") as tmp:
        for family in FAMILIES:
            package_dir = fetch_package(family.package, family.version, Path(tmp))
            shutil.copyfile(package_dir / "LICENSE_FONT", out / family.licence_file)
            for face in family.faces:
                filename = f"{family.slug}-{face.weight}-{face.style}.woff2"
                points = build_face(package_dir / face.source, family.ranges, out / filename)
                faces.append(face_row(family, face, filename, points))
                size = (out / filename).stat().st_size
                print(f"{filename}: {size} bytes, {len(points)} characters")
        build_emoji(Path(tmp), args.emoji_out)
    table = json.dumps({"faces": faces}, indent=2, ensure_ascii=False) + "\n"
    (out / "fonts.json").write_text(table, encoding="utf-8")
    print(f"wrote {out / 'fonts.json'}")


if __name__ == "__main__":
    main()
