"""The scheme file reference: its rows grouped as the reference page lists them."""

from __future__ import annotations

from schemebook.scheme.reference import reference_rows, reference_sections


def test_sections_hold_every_row_once_in_schema_order() -> None:
    rows = reference_rows()
    plain, sections = reference_sections(rows)
    regrouped = [r for r in rows if r in plain or any(r is s.top for s in sections)]
    assert [r for r in rows if not r.depth] == regrouped
    inner = [r for s in sections for r in s.rows]
    assert inner == [r for r in rows if r.depth]
    for section in sections:
        assert section.rows, section.top.key
        for row in section.rows:
            assert row.key.startswith((section.top.key + ".", section.top.key + "[].")), row.key
    assert {"meetings", "themes"} <= {s.top.key for s in sections}
    assert all(not any(r.key.startswith(p.key + ".") for r in rows) for p in plain)
