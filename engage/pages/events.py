"""Event pages, the upcoming listing and the archive of past events."""

from __future__ import annotations

from itertools import groupby

from .. import urls
from ..formatting import long_date
from ..markup import plain
from ..portal import Portal
from .event_view import EventItem, item
from .page import Page
from .paginate import paginate


def upcoming_items(portal: Portal) -> list[EventItem]:
    """Occurrences that have not finished before today, soonest first."""
    return [item(portal, occ) for occ in portal.occurrences if occ.last_day >= portal.today]


def past_items(portal: Portal) -> list[EventItem]:
    """Occurrences that finished before today, most recent first."""
    past = [occ for occ in portal.occurrences if occ.last_day < portal.today]
    return [item(portal, occ) for occ in reversed(past)]


def months(items: list[EventItem]) -> list[tuple[str, list[EventItem]]]:
    """Items grouped under 'December 2026' headings, keeping their order."""
    return [(key.strftime("%B %Y"), list(group)) for key, group in groupby(items, key=lambda i: i.month)]


def event_pages(portal: Portal) -> list[Page]:
    out = []
    by_event: dict[str, list] = {}
    for occ in portal.occurrences:
        by_event.setdefault(occ.event_id, []).append(occ)
    for event_id, record in portal.events.items():
        e = record.model
        occurrences = by_event.get(event_id, [])
        upcoming = [o for o in occurrences if o.last_day >= portal.today]
        out.append(
            Page(
                url=urls.event(event_id),
                title=e.title,
                template="engage/event.html",
                description=e.summary,
                context={
                    "kind": "event",
                    "id": event_id,
                    "record": e,
                    "item": item(portal, occurrences[0]) if occurrences else None,
                    "venue": portal.venues[e.venue] if e.venue else None,
                    "upcoming": [item(portal, o) for o in upcoming],
                    "occurrence_count": len(occurrences),
                    "eias": [portal.eias[i] for i in portal.eias_for_event.get(event_id, [])],
                    "feedback": [portal.feedback[i] for i in portal.feedback_for_event.get(event_id, [])],
                    "commitments": [portal.commitments[i] for i in portal.commitments_for_record.get(("event", event_id), [])],
                    "plain_description": plain(e.description),
                },
            )
        )
    return out


def upcoming_pages(portal: Portal) -> list[Page]:
    items = upcoming_items(portal)
    pagers = paginate(items, portal.settings.events_per_page, "events/")
    return [
        Page(
            url=pager.url,
            title="Upcoming events" if pager.number == 1 else f"Upcoming events, page {pager.number} of {pager.count}",
            template="engage/events.html",
            description="Consultations, meetings and drop-ins coming up, soonest first.",
            context={"kind": "upcoming", "pager": pager, "months": months(list(pager.items)), "timezone": portal.settings.timezone},
            searchable=pager.number == 1,
        )
        for pager in pagers
    ]


def past_pages(portal: Portal) -> list[Page]:
    items = past_items(portal)
    years: dict[int, list[EventItem]] = {}
    for entry in items:
        years.setdefault(entry.occurrence.day.year, []).append(entry)
    out = [
        Page(
            url="events/past/",
            title="Past events",
            template="engage/past_index.html",
            description="Events that have taken place, by year, with what came of them.",
            context={"kind": "past-index", "years": [(year, len(entries)) for year, entries in sorted(years.items(), reverse=True)]},
            searchable=True,
        )
    ]
    for year, entries in sorted(years.items()):
        for pager in paginate(entries, portal.settings.events_per_page, f"events/past/{year}/"):
            out.append(
                Page(
                    url=pager.url,
                    title=f"Past events in {year}" + (f", page {pager.number} of {pager.count}" if pager.number > 1 else ""),
                    template="engage/events.html",
                    context={
                        "kind": "past",
                        "year": year,
                        "pager": pager,
                        "months": months(list(pager.items)),
                        "timezone": portal.settings.timezone,
                        "feedback_for_event": portal.feedback_for_event,
                    },
                )
            )
    return out


def pages(portal: Portal) -> list[Page]:
    return event_pages(portal) + upcoming_pages(portal) + past_pages(portal)


def as_of(portal: Portal) -> str:
    return long_date(portal.today)
