"""Value types shared by every record model.

Each type carries its own parsing rule so that a contributor's mistake gets one
clear sentence ("expected a date written YYYY-MM-DD, found 20261203") instead of
a silent coercion (PyYAML's 18:30 -> 1110, a number read as a Unix timestamp).
"""

from __future__ import annotations

import math
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
# What no published text may hold, whether typed or written as a Markdown/HTML entity: C0 and
# C1 controls (an escape character runs terminal sequences, breaks XML feeds), the bidi
# embeddings, overrides and isolates that make text read differently from how it is stored
# (Trojan Source), lone surrogates and Unicode noncharacters (U+FFFE and U+FFFF make an Atom
# feed unreadable to XML parsers).
_UNSAFE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
UNSAFE_RE = re.compile(f"[{_UNSAFE_CHARS}]")
"""Characters never published: the one rule text types, Markdown output and feeds all use."""
_NUMERIC_ENTITY_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
EARLIEST_DAY = date(2000, 1, 1)
"""The first day any record may name: the site renders dates from here ..."""
LATEST_DAY = date(2099, 12, 31)
"""... to here. Outside this window a date is a typo (9999-12-31, 0001-01-01), not a plan."""
MAX_SEQUENCE = 1_000_000
"""An event's sequence is raised by one per change; a million changes is beyond any real event."""
MAX_COUNT = 1_000_000_000
"""The largest count of people or responses: more than any UK population."""
MAX_MEASURE = 10**12
"""The largest magnitude a published number may have; finite, and far beyond any real count."""
MAX_REFS = 200
"""The most ids one reference list may hold (a partnership has tens of areas, not thousands)."""

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


def _check_day_window(value: date) -> date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(
            f"expected a date from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()} "
            "(the dates the site publishes; check the year)"
        )
    return value


def _decoded(value: str) -> str:
    """The text with numeric character references (&#x1b;, &#64;) decoded as Markdown and HTML would.

    Unlike `html.unescape`, which drops invalid code points, this keeps them, so a check of the
    result sees what a browser or feed reader would be handed."""

    def one(match: re.Match[str]) -> str:
        number = int(match[1], 16) if match[1] is not None else int(match[2])
        return chr(number) if number <= 0x10FFFF else "\ufffd"

    return _NUMERIC_ENTITY_RE.sub(one, value) if "&#" in value else value


def unsafe_character(value: str) -> str | None:
    """The first character no published text may hold, typed or written as an entity, or None."""
    for text in (value, _decoded(value)):
        found = UNSAFE_RE.search(text)
        if found:
            return found[0]
    return None


def _describe(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name.lower()})" if name else "")


def _check_safe(value: str) -> str:
    char = unsafe_character(value)
    if char is not None:
        raise ValueError(
            f"expected text without control or invisible formatting characters, found {_describe(char)} "
            "(typed, or written as an entity such as &#x1b;); remove it"
        )
    return value


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
    return _check_safe(value)


def _check_text(value: str) -> str:
    if _CONTROL_RE.search(value.replace("\r\n", "\n")):
        raise ValueError("contains a control character")
    return _check_safe(value.replace("\r\n", "\n"))


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s<>\"'`]+$", value):
        raise ValueError(f"expected a web address starting https:// or http://, found {value!r}")
    # Percent-encoded controls (%00, %1b) and bidi overrides (%E2%80%AE) reach links and feeds too.
    encoded = re.search(r"%(?:[01][0-9a-fA-F]|7[fF])|%[eE]2%80%[aA][a-eA-E]|%[eE]2%81%[aA][6-9]", value)
    if encoded:
        raise ValueError(
            f"expected a web address without encoded control or bidi characters, found {encoded[0]}; remove it"
        )
    return _check_safe(value)


def _unique_refs(value: list[str]) -> list[str]:
    seen: set[str] = set()
    for ref in value:
        if ref in seen:
            raise ValueError(f"expected each id once, found '{ref}' more than once")
        seen.add(ref)
    return value


def _check_finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL_RE.match(value):
        raise ValueError(f"expected an email address such as engagement@example.gov.uk, found {value!r}")
    return value.lower()


WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{n}" for n in range(10)] + [f"lpt{n}" for n in range(10)]
)
"""Names Windows will not create as files or folders: an id becomes both, so none may be one."""


def _check_not_reserved(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise ValueError(f"'{value}' is a name Windows reserves for a device and cannot be a file; choose another id")
    return value


def _reject_bool(value: Any) -> Any:
    # `yes`/`no` stay strings in our loader, but a bare true/false must not be read as 1/0.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, found {str(value).lower()}")
    return value


Day = Annotated[date, BeforeValidator(_parse_day), AfterValidator(_check_day_window)]
"""A calendar date, YYYY-MM-DD, between EARLIEST_DAY and LATEST_DAY."""
Clock = Annotated[time, BeforeValidator(_parse_clock)]
"""A local wall-clock time, HH:MM (24-hour)."""
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80), AfterValidator(_check_not_reserved)]
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
Count = Annotated[int, BeforeValidator(_reject_bool), Field(ge=0, le=MAX_COUNT, strict=True)]
"""A whole number from zero to a thousand million (people, responses, population)."""
Number = Annotated[
    float, BeforeValidator(_reject_bool), Field(ge=-MAX_MEASURE, le=MAX_MEASURE), AfterValidator(_check_finite)
]
"""A number, whole or decimal, finite and at most a million million either side of zero."""
Percent = Annotated[float, BeforeValidator(_reject_bool), Field(ge=0, le=100), AfterValidator(_check_finite)]
"""A share in per cent, 0 to 100."""
Sequence = Annotated[int, BeforeValidator(_reject_bool), Field(ge=0, le=MAX_SEQUENCE, strict=True)]
"""An iCalendar SEQUENCE: a whole number from zero, raised by one per change."""
RefList = Annotated[list[Ref], Field(max_length=MAX_REFS), AfterValidator(_unique_refs)]
"""Ids of other records or taxonomy entries, each named once, at most MAX_REFS."""


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
