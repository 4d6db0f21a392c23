"""downloads/surveys.csv: every survey item, one per row, for loading into a survey tool."""

from __future__ import annotations

from ..core.escape import csv_bytes
from ..core.i18n import Translator
from ..plan.instruments import Instruments

CSV_COLUMNS = ("survey", "audience", "item_id", "text", "scale", "scale_points",
               "reverse_scored", "measure")
"""Columns of downloads/surveys.csv, one row per item of each survey."""



def survey_csv(found: Instruments, tr: Translator) -> bytes:
    """One row per item of each survey, for loading into a survey tool.

    Written by :func:`schemebook.core.escape.csv_bytes`: UTF-8 with a byte-order
    mark, CRLF line ends, and an item text such as ``=HYPERLINK(...)`` kept as
    text. A retrospective item gives two rows: the 'then' rating first, then
    the 'now' rating.
    """
    rows: list[tuple[object, ...]] = [CSV_COLUMNS]
    for survey in found.surveys:
        for item in survey.items:
            points = " | ".join(item.scale.labels)
            flag = "yes" if item.reverse else "no"
            if item.then_id:
                then_text = tr.gettext("Before the scheme: %(text)s", text=item.text)
                rows.append((survey.stage, item.audience, item.then_id, then_text,
                             item.scale.id, points, flag, item.measure))
            rows.append((survey.stage, item.audience, item.id, item.text, item.scale.id,
                         points, flag, item.measure))
    return csv_bytes(rows)
