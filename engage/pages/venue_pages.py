"""A page per venue (what is on there, its access, directions and a map link) and an index of venues.

Residents choose by place as much as by topic: "what is on at the library I can get into?".
Each venue page lists the upcoming dates held there (paginated like every listing, so no page
grows with the archive) and says how to get there. The map link is made here once, for venue
and event pages alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .. import urls
from ..models.taxonomy import Venue
from ..output import Page
from ..portal import Portal
from .event_view import EventItem, MonthGroup, page_months, upcoming_items, zone_words
from .paginate import Pager, paginate


def map_url(venue: Venue) -> str | None:
    """An OpenStreetMap link centred on the venue, when its position is known."""
    if venue.latitude is None or venue.longitude is None:
        return None
    return f"https://www.openstreetmap.org/?mlat={venue.latitude}&mlon={venue.longitude}#map=17/{venue.latitude}/{venue.longitude}"


STEP_FREE_WORDS = {True: "Yes", False: "No", None: "Not known"}
"""Step-free access in words, on the venue index and each venue's page."""


@dataclass(frozen=True)
class VenueSummary:
    """A venue as the index lists it."""

    id: str
    venue: Venue
    area: str
    upcoming: int
    """How many upcoming events (not dates) are held there."""

    @property
    def url(self) -> str:
        return urls.venue(self.id)

    @property
    def step_free(self) -> str:
        return STEP_FREE_WORDS[self.venue.step_free]


@dataclass(frozen=True)
class VenueIndex:
    """The context of `engage/venues.html`: every venue, by name."""

    kind: Literal["venues"]
    """Always 'venues'."""
    title: str
    """'Venues'."""
    venues: Sequence[VenueSummary]
    """Every venue, by name."""


@dataclass(frozen=True)
class VenuePage:
    """The context of `engage/venue.html`: one venue and a page of what is on there."""

    kind: Literal["venue"]
    """Always 'venue'."""
    title: str
    """The venue's name, and the page number after the first page."""
    venue: Venue
    """The venue as the taxonomy says it."""
    summary: VenueSummary
    """Its area's name and how many events are coming up there."""
    area_url: str
    """Upcoming events in the venue's area."""
    map_url: str | None
    """The venue on OpenStreetMap, when its position is known."""
    step_free: str
    """Step-free access in words: 'Yes', 'No' or 'Not known'."""
    zone: str
    """The site's time zone in words."""
    pager: Pager[EventItem]
    """This page of the dates held there."""
    months: Sequence[MonthGroup]
    """This page's dates, under month headings."""


def by_venue(entries: list[EventItem]) -> dict[str, list[EventItem]]:
    out: dict[str, list[EventItem]] = {}
    for entry in entries:
        if entry.event.venue:
            out.setdefault(entry.event.venue, []).append(entry)
    return out


def venue_pages(portal: Portal) -> list[Page]:
    held = by_venue(upcoming_items(portal))
    summaries = sorted(
        (
            VenueSummary(vid, v, portal.areas[v.area].name, len({e.record.id for e in held.get(vid, [])}))
            for vid, v in portal.venues.items()
        ),
        key=lambda s: (s.venue.name.casefold(), s.id),
    )
    out = [
        Page(
            url=urls.VENUES,
            title="Venues",
            template="engage/venues.html",
            description="The places where engagement events are held: what is on, access and how to get there.",
            context=VenueIndex("venues", "Venues", summaries),
            searchable=True,
        )
    ]
    for summary in summaries:
        entries = held.get(summary.id, [])
        for pager in paginate(entries, portal.settings.events_per_page, summary.url):
            name = summary.venue.name
            title = name if pager.number == 1 else f"{name}, page {pager.number} of {pager.count}"
            out.append(
                Page(
                    url=pager.url,
                    title=title,
                    template="engage/venue.html",
                    description=f"What is on at {name}, access and how to get there.",
                    context=VenuePage(
                        kind="venue",
                        title=title,
                        venue=summary.venue,
                        summary=summary,
                        area_url=urls.facet_listing("area", summary.venue.area),
                        map_url=map_url(summary.venue),
                        step_free=summary.step_free,
                        zone=zone_words(portal.settings.timezone),
                        pager=pager,
                        months=page_months(pager, entries),
                    ),
                    searchable=pager.number == 1,
                )
            )
    return out


def pages(portal: Portal) -> list[Page]:
    return venue_pages(portal)
