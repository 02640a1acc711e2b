"""Value types shared by every record model.

Each type carries its own parsing rule so that a contributor's mistake gets one
clear sentence ("expected a date written YYYY-MM-DD, found 20261203") instead of
a silent coercion (PyYAML's 18:30 -> 1110, a number read as a Unix timestamp).
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
# Control characters other than tab and newline never belong in published text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

RECORD_CONFIG = ConfigDict(
    extra="forbid",
    frozen=True,
    use_attribute_docstrings=True,
    str_strip_whitespace=True,
)


def _parse_day(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DAY_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
    raise ValueError(f"expected a date written YYYY-MM-DD, found {value!r}")


def _parse_clock(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        match = _TIME_RE.match(value.strip())
        if match:
            return time(int(match.group(1)), int(match.group(2)))
    raise ValueError(f"expected a 24-hour time written HH:MM such as 18:30, found {value!r}")


def _check_one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line; put longer text in a description field")
    if _CONTROL_RE.search(value):
        raise ValueError("contains a control character")
    return value


def _check_text(value: str) -> str:
    if _CONTROL_RE.search(value.replace("\r\n", "\n")):
        raise ValueError("contains a control character")
    return value.replace("\r\n", "\n")


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s<>\"'`]+$", value):
        raise ValueError(f"expected a web address starting https:// or http://, found {value!r}")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL_RE.match(value):
        raise ValueError(f"expected an email address such as engagement@example.gov.uk, found {value!r}")
    return value.lower()


def _reject_bool(value: Any) -> Any:
    # `yes`/`no` stay strings in our loader, but a bare true/false must not be read as 1/0.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, found {str(value).lower()}")
    return value


Day = Annotated[date, BeforeValidator(_parse_day)]
"""A calendar date, YYYY-MM-DD."""
Clock = Annotated[time, BeforeValidator(_parse_clock)]
"""A local wall-clock time, HH:MM (24-hour)."""
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
"""An identifier: lower-case letters, digits and single hyphens."""
Ref = Slug
"""The id of another record or taxonomy entry."""
Line = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_check_one_line)]
"""A single line of plain text, such as a title."""
Text = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_check_text)]
"""Plain text or Markdown over several lines; sanitised before it is published."""
Url = Annotated[str, Field(max_length=2000), AfterValidator(_check_url)]
"""An http(s) web address."""
Email = Annotated[str, Field(max_length=254), AfterValidator(_check_email)]
"""An email address; published contacts must be role mailboxes, not people."""
Reviewer = Annotated[str, Field(pattern=r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]{1,100})?$")]
"""A code host account or team that reviews changes, such as @calderbrook/healthwatch."""
Count = Annotated[int, BeforeValidator(_reject_bool), Field(ge=0, strict=True)]
"""A whole number, zero or more."""
Number = Annotated[float, BeforeValidator(_reject_bool)]
"""A number, whole or decimal."""
Percent = Annotated[float, BeforeValidator(_reject_bool), Field(ge=0, le=100)]
"""A share in per cent, 0 to 100."""


class ContinuumLevel(StrEnum):
    """The six levels of the continuum of engagement, least to most power shared."""

    GIVING_INFORMATION = "giving-information"
    GETTING_INFORMATION = "getting-information"
    FORUMS_FOR_DEBATE = "forums-for-debate"
    PARTICIPATION = "participation"
    PARTNERSHIP = "partnership"
    EMPOWERMENT = "empowerment"


class ActionStatus(StrEnum):
    """Where an action stands; 'overdue' is never written, it is derived from the due date."""

    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    DONE = "done"
    DROPPED = "dropped"
