"""Shared building blocks of the scheme schema.

Every model forbids unknown keys (a misspelt key must be reported, not
ignored) and documents each field with an attribute docstring: the reference
page and the JSON Schema are generated from these docstrings.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ...core.escape import url_problem


class Model(BaseModel):
    """Base for all scheme models: strict keys, documented fields."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        validate_default=True,
    )


_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _check_colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(
            f"'{value}' is not a colour: write a hex code such as #1f4e79 "
            "(keep it in quotes in YAML)"
        )
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.lower()


Colour = Annotated[
    str,
    AfterValidator(_check_colour),
    Field(json_schema_extra={"format": "color", "pattern": _HEX.pattern}),
]
"""A hex colour such as ``#1f4e79``; three-digit codes are expanded."""

Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]
"""Long text written in Markdown. Raw HTML in it is shown as text."""

AssetPath = Annotated[str, Field(json_schema_extra={"format": "path"})]
"""A path to a file inside the project folder, relative to scheme.yml."""

def _check_url(value: str) -> str:
    if why := url_problem(value):
        raise ValueError(why)
    return value


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
"""A web address (https://...), mailto:, tel: or a relative link; nothing else."""

_EMAIL = re.compile(r"^[^@\s()<>\[\]\"',;:\\]+@[^@\s()<>\[\]\"',;:\\]+$")


def _check_email(value: str) -> str:
    if value and not _EMAIL.match(value):
        raise ValueError(f"'{value}' is not an email address (name@example.org, "
                         "without spaces, quotes or brackets)")
    return value


Email = Annotated[str, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]
"""An email address, or empty."""

ShortText = Annotated[str, Field(min_length=1, max_length=300)]
"""A single line of text such as a title or a label."""


class Person(Model):
    """Someone participants may contact."""

    name: ShortText
    """Full name, or the name of a team ('Wellbeing Team')."""

    role: str = ""
    """What this person does in the scheme or the institution."""

    email: Email = ""
    """Email address shown on the site and in the packs."""

    phone: str = ""
    """Phone number, written as people should dial it."""

    hours: str = ""
    """When they can be reached ('Mon-Fri 9:00-17:00')."""
