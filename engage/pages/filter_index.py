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
from ..output import OutputFile
from ..portal import Portal
from .event_view import ALL_ACCESS_LABELS, EventItem, upcoming_items


def index(portal: Portal, entries: list[EventItem]) -> dict[str, Any]:
    """The index as a plain value: events (each once) and dates (each a short row pointing at its event).

    Repeated words (facet values, places, organisers, types) are written once in a table and
    referred to by position, which keeps the file small on a big calendar.
    """
    labels = list(ALL_ACCESS_LABELS.values())
    keys = [f.key for f in facets.FACETS]
    values: dict[str, dict[str, int]] = {key: {} for key in keys}
    tables: dict[str, dict[str, int]] = {"places": {}, "organisers": {}, "methods": {}}

    def slot(table: dict[str, int], word: str) -> int:
        return table.setdefault(word, len(table))

    position: dict[str, int] = {}
    events: list[list[Any]] = []
    dates: list[list[Any]] = []
    for entry in entries:
        event_id = entry.record.id
        if event_id not in position:
            position[event_id] = len(events)
            has = facets.values_of(portal, entry.event)
            events.append(
                [
                    event_id,
                    entry.event.title,
                    slot(tables["places"], entry.place),
                    slot(tables["organisers"], entry.organiser),
                    slot(tables["methods"], entry.method),
                    "" if entry.facts.free else entry.event.cost,
                    entry.status,
                    [[slot(values[key], v) for v in has[key]] for key in keys],
                    [labels.index(label) for label in entry.facts.access_yes],
                    [labels.index(label) for label in entry.facts.access_on_request],
                ]
            )
        moved = entry.occurrence.original.isoformat() if entry.occurrence.original and not entry.open_until else ""
        day = entry.day.isoformat()
        month = f"{entry.month:%Y-%m}"
        # The month is the date's own unless an open consultation is listed under today.
        dates.append([position[event_id], day, entry.when, "" if day.startswith(month) else month, moved])
    return {
        "perPage": portal.settings.events_per_page,
        "facets": keys,
        "values": [list(values[key]) for key in keys],
        "places": list(tables["places"]),
        "organisers": list(tables["organisers"]),
        "methods": list(tables["methods"]),
        "accessLabels": labels,
        "events": events,
        "dates": dates,
    }


def files(portal: Portal) -> list[OutputFile]:
    body = json.dumps(index(portal, upcoming_items(portal)), ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return [OutputFile(urls.UPCOMING_INDEX, body.encode("utf-8"))]
