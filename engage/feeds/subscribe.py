"""The subscribe page at /feeds/: every feed with one-click links for the common calendar apps."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .. import facets
from ..pages.page import Page
from ..portal import Portal
from .common import absolute
from .feeds import SUBSCRIBE_PAGE, FeedSpec, catalogue

FACET_HEADINGS = {
    "area": "By area",
    "topic": "By topic",
    "group": "By group",
    "organiser": "By organiser",
    "type": "By type of event",
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


def links(portal: Portal, spec: FeedSpec, count: int, unit: str = "event") -> FeedLinks:
    https = absolute(portal.settings, spec.path)
    webcal = "webcal://" + https.split("://", 1)[1]
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


def review_count(portal: Portal) -> int:
    """Dated items in the reviews feed: each EIA's review and every action."""
    return sum(1 + len(r.model.actions) for r in portal.eias.values()) + sum(
        len(r.model.actions) for r in portal.commitments.values()
    )


def page(portal: Portal) -> Page:
    specs = catalogue(portal)
    main = [links(portal, s, len(s.members)) for s in specs if s.group in {"all", "consultations", "planning"}]
    reviews = [links(portal, s, review_count(portal), "date") for s in specs if s.group == "reviews"]
    groups = [
        (FACET_HEADINGS[facet.key], [links(portal, s, len(s.members)) for s in specs if s.group == facet.key])
        for facet in facets.FACETS
        if facet.feed
    ]
    settings = portal.settings
    return Page(
        url=SUBSCRIBE_PAGE,
        title="Subscribe to calendars",
        template="engage/feeds.html",
        description="Add events to Google Calendar, Outlook, Apple Calendar or any calendar app, and keep them up to date.",
        context={
            "kind": "feeds",
            "main": main,
            "reviews": reviews,
            "groups": groups,
            "refresh_hours": settings.feed_refresh_hours,
            "cancelled_kept_days": settings.cancelled_kept_days,
            "timezone": settings.timezone,
        },
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    return [page(portal)]
