"""validate.py and checks.py: typed validation with located, helpful messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from schemebook.core.errors import ValidationError
from schemebook.plan.load import load_scheme


def problems(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load_scheme(path, today=dt.date(2026, 11, 1))
    return [str(p) for p in info.value.problems]


def test_minimal_scheme_gets_defaults(make_project: Callable[..., Path]) -> None:
    loaded = load_scheme(make_project())
    scheme = loaded.scheme
    assert scheme.meetings.count == 4
    assert scheme.reflection.model == "gibbs"
    # Defaults never invent contacts or services.
    assert scheme.support.contacts == [] and scheme.support.services == []
    assert scheme.support.emergency == ""


def test_misspelt_key_names_the_closest(make_project: Callable[..., Path]) -> None:
    path = make_project(text=(
        "name: A\norganisation: B\ncontact: {name: C}\nfocus: {aims: [x]}\n"
        "meetings:\n  cuont: 4\n"
    ))
    [message] = problems(path)
    assert message.startswith(f"{path}:6:3:")
    assert "unknown key 'cuont' in meetings" in message and "did you mean 'count'?" in message


def test_every_problem_in_one_run(make_project: Callable[..., Path]) -> None:
    path = make_project(text=(
        "name: A\norganisation: B\ncontact: {name: C}\n"
        "brand:\n  primary: blue\n"
        "meetings:\n  count: many\n  interval: yearly\n"
    ))
    found = problems(path)
    joined = "\n".join(found)
    assert len(found) == 4, joined
    assert "focus is required but missing" in joined
    assert f"{path}:5:12: error: brand.primary: 'blue' is not a colour" in joined
    assert f"{path}:7:10: error: meetings.count:" in joined
    assert f"{path}:8:13: error: meetings.interval:" in joined


def test_wrong_type_in_a_list_item(make_project: Callable[..., Path]) -> None:
    path = make_project(themes=[{"title": "Fine"}, {"title": ["not", "text"]}])
    [message] = problems(path)
    assert "themes[2].title" in message


def test_impossible_dates(make_project: Callable[..., Path]) -> None:
    path = make_project(text=(
        "name: A\norganisation: B\ncontact: {name: C}\nfocus: {aims: [x]}\n"
        "meetings:\n  start: 2026-02-30\n"
    ))
    [message] = problems(path)
    assert ":6:10:" in message and "meetings.start" in message


def test_plan_that_cannot_fit(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"count": 12, "interval": "weekly",
                                  "start": "2026-10-05", "end": "2026-11-06"})
    [message] = problems(path)
    assert "12 meetings at this interval run to 2026-12-21" in message


def test_end_before_start(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"start": "2026-10-05", "end": "2026-09-01"})
    assert any("ends before it starts" in p for p in problems(path))


def test_training_activities_must_fill_the_session(make_project: Callable[..., Path]) -> None:
    path = make_project(training={"sessions": [{
        "title": "Mentor training", "minutes": 90,
        "activities": [{"title": "Welcome", "minutes": 15}, {"title": "Practice", "minutes": 60}],
    }]})
    [message] = problems(path)
    assert "add up to 75 minutes but the session lasts 90" in message


def test_support_warnings(make_project: Callable[..., Path]) -> None:
    path = make_project(contact={"name": "C", "email": ""},
                        support={"last_reviewed": "2025-01-10"})
    loaded = load_scheme(path, today=dt.date(2026, 11, 1))
    text = "\n".join(str(w) for w in loaded.warnings)
    assert "no contact people" in text
    assert "no escalation steps" in text
    assert "no emergency route" in text
    assert "last reviewed on 2025-01-10, over a year ago" in text


def test_time_cap_warning(make_project: Callable[..., Path]) -> None:
    path = make_project(meetings={"count": 20, "max_minutes": 120},
                        site={"time_cap_hours": 10})
    warnings = [str(w) for w in load_scheme(path).warnings]
    assert any("above the cap of 10" in w for w in warnings)


def test_logo_outside_project_is_refused(make_project: Callable[..., Path]) -> None:
    path = make_project(brand={"logo": "../../etc/passwd"})
    [message] = problems(path)
    assert "leaves the project folder" in message


def test_missing_logo(make_project: Callable[..., Path]) -> None:
    path = make_project(brand={"logo": "assets/nope.png", "logo_alt": "Logo"})
    [message] = problems(path)
    assert "does not exist" in message


def test_relative_phase_dates(make_project: Callable[..., Path]) -> None:
    path = make_project(timeline=[{"title": "Follow-up", "start": "six months later"}])
    [message] = problems(path)
    assert "is not a date or a relative date" in message


def test_low_contrast_brand_gets_ratio_and_a_shade(make_project: Callable[..., Path]) -> None:
    path = make_project(brand={"primary": "#7fb3d5", "accent": "#ffd966"})
    warnings = [str(w) for w in load_scheme(path).warnings]
    primary = next(w for w in warnings if "brand.primary #7fb3d5" in w)
    assert "contrast of 2.26:1" in primary and "below the 4.5:1" in primary
    shade = primary.split(" instead")[0].rsplit(" in ", 1)[1]
    from schemebook.core.colour import contrast

    assert contrast(shade, "#ffffff") >= 4.5
    assert any("brand.accent #ffd966" in w and "below the 4.5:1" in w for w in warnings)


def test_good_brand_colours_give_no_colour_warning(make_project: Callable[..., Path]) -> None:
    path = make_project(brand={"primary": "#1f4e79", "accent": "#b3541e"})
    assert not [w for w in load_scheme(path).warnings if "contrast" in str(w)]
