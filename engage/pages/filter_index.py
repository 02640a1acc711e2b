"""The compact index of upcoming dates that the filter script loads to combine filters.

A static page per filter value works with no JavaScript, but a combination (two areas and
BSL, say) needs every upcoming date, not just the 25 on one page. This file holds what a
listing entry shows and the facet values it matches, once per event, and a short row per
date in listing order, so the script can count and list the whole listing. It is fetched only
when a resident combines filters, so a plain visit on an old phone never pays for it.
Facet values come from engage.facets (the rule the static pages and feeds use), so a
combination and its static pages always agree.
"""

from __future__ import annotations

import json
from typing import Any

from .. import facets, urls
from ..portal import Portal
from .event_view import ALL_ACCESS_LABELS, EventItem, upcoming_items
from .page import OutputFile


def index(portal: Portal, entries: list[EventItem]) -> dict[str, Any]:
    """The index as a plain value: events (each once) and dates (each a row pointing at its event)."""
    labels = list(ALL_ACCESS_LABELS.values())
    position: dict[str, int] = {}
    events: list[list[Any]] = []
    dates: list[list[Any]] = []
    for entry in entries:
        event_id = entry.record.id
        if event_id not in position:
            position[event_id] = len(events)
            values = facets.values_of(portal, entry.event)
            events.append(
                [
                    event_id,
                    entry.event.title,
                    entry.place,
                    entry.organiser,
                    entry.method,
                    "" if entry.facts.free else entry.event.cost,
                    entry.status,
                    {facet: list(v) for facet, v in values.items() if v},
                    [labels.index(label) for label in entry.facts.access_yes],
                    [labels.index(label) for label in entry.facts.access_on_request],
                ]
            )
        moved = entry.occurrence.original.isoformat() if entry.occurrence.original and not entry.open_until else ""
        dates.append([position[event_id], entry.day.isoformat(), entry.when, f"{entry.month:%Y-%m}", moved])
    return {
        "perPage": portal.settings.events_per_page,
        "feeds": [f.key for f in facets.FACETS if f.feed],
        "accessLabels": labels,
        "events": events,
        "dates": dates,
    }


def files(portal: Portal) -> list[OutputFile]:
    body = json.dumps(index(portal, upcoming_items(portal)), ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return [OutputFile(urls.UPCOMING_INDEX, body.encode("utf-8"))]
