"""Site settings: the one file (data/site.yaml) that says whose portal this is."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, WithJsonSchema

from .types import RECORD_CONFIG, Email, Line, Reviewer, Text, Url


class Reviewers(BaseModel):
    """GitHub accounts or teams who approve changes, by part of the repository."""

    model_config = RECORD_CONFIG

    site: list[Reviewer] = Field(default_factory=list)
    """The site team: the code, templates, pages, taxonomies and settings, and any partner's events on its behalf."""
    eias: list[Reviewer] = Field(default_factory=list)
    """Equality impact assessments (the site team when empty)."""
    feedback: list[Reviewer] = Field(default_factory=list)
    """Consultation feedback (the site team when empty)."""
    commitments: list[Reviewer] = Field(default_factory=list)
    """Equality commitments (the site team when empty)."""


_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _parse_colour(value: Any) -> Any:
    if isinstance(value, str) and _COLOUR_RE.match(value.strip()):
        return value.strip().lower()
    raise ValueError(f"expected a colour written #rrggbb such as #1d70b8 (in quotes), found {value!r}")


Colour = Annotated[
    str, BeforeValidator(_parse_colour), WithJsonSchema({"type": "string", "pattern": _COLOUR_RE.pattern})
]
"""A colour written as # and six hexadecimal digits, such as #1d70b8."""


class Branding(BaseModel):
    """The partnership's look: checked for contrast (WCAG 2.2 AA) when the data is read."""

    model_config = RECORD_CONFIG

    logo: Line | None = None
    """An image shown before the site's name in the header, as a path under content/ such as assets/logo.svg."""
    brand_colour: Colour = "#1d70b8"
    """Background of the header's name bar, written #rrggbb."""
    brand_text_colour: Colour = "#ffffff"
    """Text on the brand colour; needs a contrast of 4.5:1 with it."""
    link_colour: Colour = "#1d70b8"
    """Links on the white page; needs a contrast of 4.5:1 with white."""
    visited_link_colour: Colour = "#4c2c92"
    """Visited links on the white page; needs a contrast of 4.5:1 with white."""


class Settings(BaseModel):
    """Settings for the whole site."""

    model_config = RECORD_CONFIG

    name: Line
    """The site's name, shown in the header and calendar feeds."""
    publisher: Line
    """The body that publishes the site, named in licences and feeds."""
    base_url: Url
    """The public address of the site, ending with a slash."""
    timezone: Line = "Europe/London"
    """IANA time zone for all event times unless an event says otherwise."""
    licence: Line = "Open Government Licence v3.0"
    """Licence of the published data."""
    licence_url: Url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    """Where the licence is published."""
    contact: Email
    """The role mailbox for questions about the site."""
    role_mailboxes: list[Email] = Field(default_factory=list)
    """Extra role mailboxes that may appear in published text; organisations' contacts count too."""
    feedback_due_weeks: int = Field(default=12, ge=1, le=104)
    """Weeks after a consultation closes by which feedback is expected."""
    representation_margin: float = Field(default=5.0, ge=0, le=100)
    """Percentage points below the population share at which a group counts as under-represented."""
    feed_refresh_hours: int = Field(default=12, ge=1, le=168)
    """How often subscribed calendars are asked to refresh."""
    cancelled_kept_days: int = Field(default=90, ge=0, le=3650)
    """How long a cancelled event stays in feeds after its date."""
    feed_recent_days: int = Field(default=14, ge=0, le=366)
    """How many days after an event's last date it stays in the subscribable feeds."""
    feed_max_kb: int = Field(default=900, ge=100, le=4000)
    """The largest a subscribable feed may grow, in kilobytes; later events wait until nearer the time."""
    coverage_thin_below: int = Field(default=3, ge=1, le=1000)
    """Coverage names an area, group or level held on fewer dates than this in 12 months as a thin spot."""
    events_per_page: int = Field(default=25, ge=5, le=200)
    """How many events a listing page shows."""
    description: Text | None = None
    """A sentence on what the site is for."""
    branding: Branding = Field(default_factory=Branding)
    """The partnership's logo and colours."""
    fatigue_limit: int = Field(default=3, ge=1, le=100)
    """The forward plan warns when a group or an area is asked more than this many times in the window."""
    fatigue_window_days: int = Field(default=28, ge=1, le=366)
    """The rolling window, in days, for consultation fatigue."""
    repository: Url | None = None
    """The data repository's address on its code host, such as https://github.com/calderbrook/engage; the "Add your event" page proposes new files there."""
    branch: Line = "main"
    """The repository's published branch, which proposed files are added to."""
    reviewers: Reviewers = Field(default_factory=lambda: Reviewers())
    """Who approves changes to what is not a partner's own events; `engage codeowners` writes CODEOWNERS from it."""
