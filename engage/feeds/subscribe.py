"""The subscribe page at /feeds/: every feed with one-click links for the common calendar apps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from .. import facets, urls
from ..output import Page
from ..portal import Portal
from .common import absolute
from .common import webcal as subscribe_address
from .feeds import FeedSpec
from .publish import built

FACET_HEADINGS = {
    "area": "By area",
    "topic": "By topic",
    "group": "By group",
    "organiser": "By organiser",
    "type": "By type of event",
    "level": "By level of involvement",
    "access": "By access arrangement",
}


@dataclass(frozen=True)
class FeedLinks:
    """One feed as the subscribe page lists it."""

    label: str
    description: str
    count: int
    https: str
    webcal: str
    google: str
    outlook: str
    outlook_work: str
    unit: str = "event"
    """What the count counts, in the singular."""


@dataclass(frozen=True)
class SubscribePage:
    """The context of `engage/feeds.html`: every feed offered, with how to subscribe to it."""

    kind: Literal["feeds"]
    """Always 'feeds'."""
    title: str
    """'Subscribe to calendars'."""
    main: Sequence[FeedLinks]
    """Every event, the forward plan and consultations' closing dates."""
    reviews: Sequence[FeedLinks]
    """EIA reviews and action deadlines."""
    archive: Sequence[FeedLinks]
    """Every event ever listed (a download, too big to subscribe to)."""
    recent_days: int
    """Days that feeds keep a past event."""
    groups: Sequence[tuple[str, Sequence[FeedLinks]]]
    """(heading, feeds) for each facet with feeds: by area, topic..."""
    refresh_hours: int
    """How often calendar apps are asked to check for changes."""
    cancelled_kept_days: int
    """Days a cancelled event stays in the feeds, marked cancelled."""
    timezone: str
    """The site's time zone (IANA name), which the feeds' times are in."""


def links(portal: Portal, spec: FeedSpec, count: int, unit: str = "event") -> FeedLinks:
    https = absolute(portal.settings, spec.path)
    webcal = subscribe_address(portal.settings, spec.path)
    outlook_query = urlencode({"url": https, "name": spec.name})
    return FeedLinks(
        label=spec.label,
        description=spec.description,
        count=count,
        https=https,
        webcal=webcal,
        # Google adds a calendar by address from its cid parameter; it wants webcal:// there.
        google="https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        outlook="https://outlook.live.com/calendar/0/addfromweb?" + outlook_query,
        outlook_work="https://outlook.office.com/calendar/0/addfromweb?" + outlook_query,
        unit=unit,
    )


def event_count(spec: FeedSpec) -> int:
    """Events in a feed (its consultation closing dates are extra items, not events)."""
    return sum(1 for key in spec.members if key.startswith("event."))


def page(portal: Portal) -> Page:
    specs = [s for s in built(portal)[1] if s.offered or s.group == "archive"]
    main = [links(portal, s, event_count(s)) for s in specs if s.group in {"all", "planning"}]
    main += [links(portal, s, len(s.members), "closing date") for s in specs if s.group == "consultations"]
    reviews = [links(portal, s, len(s.members), "date") for s in specs if s.group == "reviews"]
    archive = [links(portal, s, event_count(s)) for s in specs if s.group == "archive"]
    groups = [
        (FACET_HEADINGS[facet.key], [links(portal, s, event_count(s)) for s in specs if s.group == facet.key])
        for facet in facets.FACETS
        if facet.feed
    ]
    settings = portal.settings
    return Page(
        url=urls.feeds(),
        title="Subscribe to calendars",
        template="engage/feeds.html",
        description="Add events to Google Calendar, Outlook, Apple Calendar or any calendar app, and keep them up to date.",
        context=SubscribePage(
            kind="feeds",
            title="Subscribe to calendars",
            main=main,
            reviews=reviews,
            archive=archive,
            recent_days=settings.feed_recent_days,
            groups=groups,
            refresh_hours=settings.feed_refresh_hours,
            cancelled_kept_days=settings.cancelled_kept_days,
            timezone=settings.timezone,
        ),
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    return [page(portal)]
