"""A static listing per filter value (events/<facet>/<value>/) and the index of every filter.

These pages work with no JavaScript; the filter form on the listings (assets/filters.js)
only makes them quicker to reach and combine. Which events a value holds comes from
engage.facets, the same rule the calendar feeds use, so a page and its feed always agree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .. import facets, urls
from ..feeds.common import webcal
from ..feeds.feeds import offered_paths
from ..memo import IdentityMemo
from ..output import OutputFile, Page
from ..portal import Portal
from .event_view import EventItem, page_months, upcoming_items, zone_words
from .listing import EventListing
from .paginate import paginate


@dataclass(frozen=True)
class FilterOption:
    """One value of a facet, with how many upcoming events it holds (events, not dates: a weekly event counts once)."""

    value: str
    name: str
    count: int
    url: str
    feed: str | None = None
    """Its calendar feed, when the facet has feeds."""


@dataclass(frozen=True)
class FilterGroup:
    """A facet and its values, as the filter form and the index of filters show them."""

    key: str
    label: str
    options: tuple[FilterOption, ...]
    feed: bool


@dataclass(frozen=True)
class FiltersPage:
    """The context of `engage/facets.html`: every filter value, each linking to its own listing."""

    kind: Literal["filters"]
    """Always 'filters'."""
    title: str
    """'Filter upcoming events'."""
    filter_groups: Sequence[FilterGroup]
    """Every facet with its values and how many upcoming events each holds."""
    zone: str
    """The site's time zone in words."""


def by_value(portal: Portal, entries: list[EventItem]) -> dict[tuple[str, str], list[EventItem]]:
    """Entries under every (facet, value) they have, keeping their order.

    Each event's values come from facets.values_of once, rather than one pass over every
    event per value (facets.events_for), which would grow with events x values.
    """
    values: dict[str, dict[str, tuple[str, ...]]] = {}
    out: dict[tuple[str, str], list[EventItem]] = defaultdict(list)
    for entry in entries:
        event_id = entry.record.id
        if event_id not in values:
            values[event_id] = facets.values_of(portal, entry.event)
        for facet, facet_values in values[event_id].items():
            for value in facet_values:
                out[(facet, value)].append(entry)
    return out


def filter_groups(portal: Portal, index: dict[tuple[str, str], list[EventItem]]) -> list[FilterGroup]:
    return [
        FilterGroup(
            key=facet.key,
            label=facet.label,
            options=tuple(
                FilterOption(
                    value,
                    name,
                    len({entry.record.id for entry in index.get((facet.key, value), [])}),
                    urls.facet_listing(facet.key, value),
                    urls.facet_feed(facet.key, value) if facet.feed else None,
                )
                for value, name in facets.names(portal, facet.key).items()
            ),
            feed=facet.feed,
        )
        for facet in facets.FACETS
    ]


def listing_context(portal: Portal) -> dict[str, Any]:
    """What every upcoming listing (all events or one filter) shares: the zone and where the
    filter form's script finds its checkboxes and the index it combines filters over."""
    return {
        "zone": zone_words(portal.settings.timezone),
        "filters_url": urls.filters(),
        "index_url": urls.UPCOMING_INDEX,
        "choices_url": urls.FILTER_CHOICES,
    }


def choices(groups: Sequence[FilterGroup]) -> dict[str, Any]:
    """The filter form's checkboxes as a plain value: every facet, and each value as
    [value, name, upcoming events, its page, its feed or null] (positions keep the file small).

    Drawn by the filter script when a resident opens the form. The form used to be drawn into
    every listing page, where it was more than half of each page's bytes on a big calendar, for
    a panel that is hidden until the script runs anyway."""
    return {
        "groups": [
            {
                "key": group.key,
                "label": group.label,
                "feed": group.feed,
                "options": [[o.value, o.name, o.count, o.url, o.feed] for o in group.options],
            }
            for group in groups
        ]
    }


_VALUES: IdentityMemo[tuple[dict[tuple[str, str], list[EventItem]], list[FilterGroup]]] = IdentityMemo()
"""Each value's upcoming entries and the filter groups counted from them, for one checked data
set: the listing pages and the choices file (one worker makes both) need the same."""


def _values(portal: Portal) -> tuple[dict[tuple[str, str], list[EventItem]], list[FilterGroup]]:
    def make() -> tuple[dict[tuple[str, str], list[EventItem]], list[FilterGroup]]:
        index = by_value(portal, upcoming_items(portal))
        return index, filter_groups(portal, index)

    return _VALUES.get("values", (portal,), make)


def files(portal: Portal) -> list[OutputFile]:
    _, groups = _values(portal)
    body = json.dumps(choices(groups), ensure_ascii=False, separators=(",", ":"))
    return [OutputFile(urls.FILTER_CHOICES, body.encode("utf-8"))]


def facet_pages(portal: Portal) -> list[Page]:
    offered = offered_paths(portal)
    index, groups = _values(portal)
    shared = listing_context(portal)
    out = [
        Page(
            url=urls.filters(),
            title="Filter upcoming events",
            template="engage/facets.html",
            description="Find upcoming events by area, topic, group, organiser, type, cost and access.",
            context=FiltersPage("filters", "Filter upcoming events", groups, zone_words(portal.settings.timezone)),
            searchable=True,
        )
    ]
    for group in groups:
        for option in group.options:
            entries = index.get((group.key, option.value), [])
            feed = urls.facet_feed(group.key, option.value)
            for pager in paginate(entries, portal.settings.events_per_page, option.url):
                title = f"Upcoming events: {option.name}"
                heading = title if pager.number == 1 else f"{title}, page {pager.number} of {pager.count}"
                out.append(
                    Page(
                        url=pager.url,
                        title=heading,
                        template="engage/events.html",
                        description=f"Upcoming events filtered by {group.label.lower()}: {option.name}.",
                        context=EventListing(
                            "facet",
                            heading,
                            pager,
                            page_months(pager, entries),
                            event_count=option.count,  # the same events counted, once per value
                            facet=group,
                            option=option,
                            feed_url=feed if feed in offered else None,
                            feed_webcal=webcal(portal.settings, feed),
                            **shared,
                        ),
                    )
                )
    return out


def pages(portal: Portal) -> list[Page]:
    return facet_pages(portal)
