"""Site settings: the one file (data/site.yaml) that says whose portal this is."""

from __future__ import annotations

from pydantic import BaseModel, Field

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
    cancelled_kept_days: int = Field(default=90, ge=0)
    """How long a cancelled event stays in feeds after its date."""
    events_per_page: int = Field(default=25, ge=5, le=200)
    """How many events a listing page shows."""
    description: Text | None = None
    """A sentence on what the site is for."""
    repository: Url | None = None
    """The data repository's address on its code host, such as https://github.com/calderbrook/engage; the "Add your event" page proposes new files there."""
    branch: Line = "main"
    """The repository's published branch, which proposed files are added to."""
    reviewers: Reviewers = Field(default_factory=lambda: Reviewers())
    """Who approves changes to what is not a partner's own events; `engage codeowners` writes CODEOWNERS from it."""
