"""Which calendar feeds exist, what each holds, and how each is put together from shared bytes.

Every VEVENT is serialised once (`vevents.entry`, `deadlines.*`); a feed is a header,
the VTIMEZONEs its items use, and its items' bytes joined in id order. Serialising per
feed instead would cost a few seconds per thousand events for every facet value.

Which events a feed holds:
- all.ics holds every event record, past and future, once each. A subscriber's calendar
  keeps past entries anyway, an export of the whole calendar is what scrutiny asks for,
  and an event that drops out of a feed is left stale in calendars that had it.
- The one exception, for all feeds: a cancelled event stays (with STATUS:CANCELLED) until
  `cancelled_kept_days` after its last date, long enough for every subscribed calendar
  to have refreshed and marked it cancelled; then it leaves the feeds. Its own .ics file
  beside its page stays.
- Facet feeds hold the same events as the facet's listing (`facets.values_of`, the rule
  behind `facets.events_for`), within the same window as all.ics.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from icalendar import Calendar, vDuration, vText

from .. import facets, planning, urls
from ..models.event import EventStatus
from ..portal import Portal
from .common import Entry, absolute, fold
from .timezones import Zones, covering
from .vevents import event_key

SUBSCRIBE_PAGE = "feeds/"
FEED_FACETS = tuple(f for f in facets.FACETS if f.feed)
FACET_WORDS = {
    "area": "Events in or for {name}.",
    "topic": "Events about {name}.",
    "group": "Events that particularly reach out to {name}.",
    "organiser": "Events run by {name}.",
    "type": "Events of the type '{name}'.",
}


@dataclass(frozen=True)
class FeedSpec:
    """One published feed: where it lives, what it is called, and the items it holds."""

    path: str
    group: str
    """'all', 'consultations', 'planning', 'reviews', or a facet key such as 'area'."""
    label: str
    """What a person picks it by, such as 'North Ward'."""
    name: str
    """The calendar's name in a subscriber's app."""
    description: str
    members: tuple[str, ...]
    """Entry keys, in the order they are written."""


def last_days(portal: Portal) -> dict[str, date]:
    """The last day each event happens on."""
    out: dict[str, date] = {}
    for occ in portal.occurrences:
        out[occ.event_id] = max(out.get(occ.event_id, occ.last_day), occ.last_day)
    return out


def in_feeds(portal: Portal, event_id: str, last_day: date | None = None) -> bool:
    """False only for a cancelled event more than `cancelled_kept_days` past its last date."""
    event = portal.events[event_id].model
    if event.status is not EventStatus.CANCELLED:
        return True
    last = last_day or event.end_date or event.date
    return last + timedelta(days=portal.settings.cancelled_kept_days) >= portal.today


def catalogue(portal: Portal) -> list[FeedSpec]:
    """Every feed, in the order the subscribe page lists them."""
    site = portal.settings.name
    lasts = last_days(portal)
    kept = [i for i in portal.events if in_feeds(portal, i, lasts.get(i))]
    levels = {k: m.level for k, m in portal.methods.items()}
    specs = [
        FeedSpec(urls.ALL_FEED, "all", "All events", f"{site}: all events", f"Every event listed on {site}.", tuple(event_key(i) for i in kept)),
        FeedSpec(
            urls.CONSULTATIONS_FEED,
            "consultations",
            "Consultation closing dates",
            f"{site}: consultation closing dates",
            "The last day to respond to each consultation.",
            tuple(f"closes.{i}" for i in kept if portal.events[i].model.consultation is not None),
        ),
        FeedSpec(
            urls.REVIEWS_FEED,
            "reviews",
            "EIA reviews and action deadlines",
            f"{site}: EIA reviews and action deadlines",
            "Review dates of equality impact assessments, and due dates of their actions and of equality commitment actions.",
            tuple([f"commitment.{i}" for i in portal.commitments] + [f"eia.{i}" for i in portal.eias]),
        ),
        FeedSpec(
            urls.PLANNING_FEED,
            "planning",
            "Forward plan for partners",
            f"{site}: forward plan",
            "Events that ask people something (surveys, meetings, workshops ...), for partners planning their own.",
            # A cancelled event stays (marked cancelled) as in every feed, so calendars drop it.
            tuple(event_key(i) for i in kept if planning.asking_method(portal.events[i].model, levels)),
        ),
    ]
    # One pass over the events: values_of is the rule facet listings use (events_for).
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id in kept:
        values = facets.values_of(portal, portal.events[event_id].model)
        for facet in FEED_FACETS:
            for value in values[facet.key]:
                buckets[(facet.key, value)].append(event_id)
    for facet in FEED_FACETS:
        for value, name in facets.names(portal, facet.key).items():
            specs.append(
                FeedSpec(
                    urls.facet_feed(facet.key, value),
                    facet.key,
                    name,
                    f"{site}: {name}",
                    FACET_WORDS[facet.key].format(name=name),
                    tuple(event_key(i) for i in buckets.get((facet.key, value), [])),
                )
            )
    return specs


def event_days(portal: Portal) -> list[date]:
    """Every date an event's times can fall on, for the VTIMEZONE range."""
    days: list[date] = []
    for record in portal.events.values():
        e = record.model
        days += [e.date, e.end_date or e.date]
        if e.recurrence:
            days += [e.recurrence.until, *(m.date for m in e.recurrence.moved)]
    return days


@functools.cache
def _fixed(publisher: str, refresh_hours: int, subscribe_url: str) -> bytes:
    """The calendar properties every feed shares, written by icalendar, without END:VCALENDAR."""
    refresh = timedelta(hours=refresh_hours)
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", f"-//{publisher}//Engage//EN")
    cal.add("calscale", "GREGORIAN")
    # icalendar 7.3 leaves out VALUE=DURATION, which RFC 7986 requires for REFRESH-INTERVAL.
    cal.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(refresh))
    cal.add("url", subscribe_url)
    body: bytes = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert body.endswith(end)
    return body[: -len(end)]


def _text(name: str, value: str) -> bytes:
    # Escaped by icalendar's vText (a newline in calendar text crashes icalendar 7.3 otherwise).
    return fold(f"{name}:{vText(value).to_ical().decode()}")


def header(portal: Portal, name: str, text: str, path: str) -> bytes:
    """The calendar's own properties (RFC 5545 and RFC 7986), without its END line.

    The shared part is written once per build; only the name, description and SOURCE
    differ from feed to feed, which matters with a file per event.
    """
    settings = portal.settings
    fixed = _fixed(settings.publisher, settings.feed_refresh_hours, absolute(settings, SUBSCRIBE_PAGE))
    own = [
        _text("NAME", name),
        _text("X-WR-CALNAME", name),
        _text("DESCRIPTION", text),
        _text("X-WR-CALDESC", text),
        fold(f"SOURCE;VALUE=URI:{absolute(settings, path)}"),
    ]
    return fixed + b"".join(own)


def assemble(portal: Portal, zones: Zones, name: str, text: str, path: str, entries: list[Entry]) -> bytes:
    """A whole calendar from already-serialised items."""
    tzids = frozenset().union(*(e.tzids for e in entries)) if entries else frozenset()
    return header(portal, name, text, path) + zones.block(tzids) + b"".join(e.ical for e in entries) + b"END:VCALENDAR\r\n"


def zones_for(portal: Portal) -> Zones:
    return covering(event_days(portal))
