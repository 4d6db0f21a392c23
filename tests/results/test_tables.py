"""Rounding and suppression at their boundaries, and the CSV of what is shown."""

from __future__ import annotations

import csv
import io

import pytest
from schemebook.results.tables import Table, round_count, table_csv


@pytest.mark.parametrize(("n", "shown"), [
    (0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (7, "5"),
    (8, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"), (102, "100"), (103, "105"),
])
def test_counts_are_rounded_to_the_nearest_five_and_small_ones_hidden(n: int, shown: str) -> None:
    table = Table(min_group=5)
    assert table.count("participation", "mentors", "", "pre", "n", n).shown == shown
    assert round_count(n) % 5 == 0


def test_a_zero_among_an_items_answers_is_hidden_too() -> None:
    """'0 chose Disagree' beside '10 chose Agree' would tell everyone's answer."""
    assert Table(5).count("item", "mentors", "belong", "pre", "Disagree", 0).shown == (
        "fewer than 5")


@pytest.mark.parametrize(("min_group", "rests_on", "withheld"), [
    (5, 4, True), (5, 5, False), (8, 7, True), (8, 8, False), (3, 3, False)])
def test_statistics_on_too_few_people_are_withheld_with_the_reason(
        min_group: int, rests_on: int, withheld: bool) -> None:
    table = Table(min_group)
    figure = table.statistic("score", "mentors", "belonging", "pre", "median", 3.25, rests_on)
    assert bool(figure.withheld) == withheld
    if withheld:
        assert figure.shown == "withheld" and figure.published is None
        assert f"fewer than {min_group} people" in figure.withheld
    else:
        assert figure.shown == "3.2" and figure.published == 3.25


def test_outputs_read_the_rounded_count_never_the_raw_one() -> None:
    table = Table(5)
    figure = table.count("participation", "mentees", "", "post", "n", 12)
    assert figure.published == 10.0 and figure.value == 12


def test_the_csv_shows_what_the_report_shows_and_keeps_text_inert() -> None:
    table = Table(5)
    table.count("participation", "mentors", "", "pre", "n", 3)
    table.statistic("change", "mentors", "=HYPERLINK(1)", "pre-post", "median change", -0.5, 9)
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"))))
    assert rows[1][5] == "fewer than 5" and "3" not in rows[1][5]
    assert rows[2][2] == "'=HYPERLINK(1)"  # text that would run as a formula
    assert rows[2][5] == "-0.5"  # a negative number stays a number
