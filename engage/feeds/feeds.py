"""Which calendar feeds exist, what each holds, and how each is put together from shared bytes.

Every VEVENT is serialised once (`vevents.entry`, `deadlines.*`); a feed is a header,
the VTIMEZONEs its items use, and its items' bytes joined in date order. Serialising per
feed instead would cost a few seconds per thousand events for every facet value.

What a subscribable feed holds (all.ics, consultations.ics, reviews and deadlines, the
partners' forward plan, one per facet value):
- Upcoming items and a short recent window: an item stays until `feed_recent_days` after
  its last date (a cancelled one until `cancelled_kept_days`, so every calendar hears it is
  off). Google Calendar is reported to drop events from subscribed feeds over about 1 MB,
  and a feed that keeps the whole past grows past that in a year or two.
- At most `feed_max_kb`: items still to come are taken in date order, and when the next
  date's items would pass the limit the feed stops before that date and says so in its
  description (later events are added as their dates come nearer); items of the recent
  window fill what room is left, most recent first. Only the busiest feeds of the largest
  sites reach it.
- An event's consultation closing date is an item of its own, in every feed the event is
  in, so a subscriber sees the last day to respond on that day.
- Facet feeds hold the same events as the facet's listing (`facets.values_of`, the rule
  behind `facets.events_for`).
- A feed with nothing in it is still published (a calendar that subscribed earlier keeps
  a working address, and the file still carries a VTIMEZONE, so it has the component
  RFC 5545 asks for), but it is not offered: no subscribe link names it. A facet value no
  event has ever had gets no feed at all.

The archive (`urls.ARCHIVE_FEED`, with the open data) holds every event and closing date
ever listed. It is a download, never offered for subscribing.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from icalendar import Calendar, vDuration, vText

from .. import facets, planning, urls
from ..formatting import long_date
from ..models.event import EventStatus
from ..portal import Portal
from .common import Entry, absolute, fold
from .timezones import Zones, covering
from .vevents import event_key

FEED_FACETS = tuple(f for f in facets.FACETS if f.feed)
FACET_WORDS = {
    "area": "Events in or for {name}.",
    "topic": "Events about {name}.",
    "group": "Events that particularly reach out to {name}.",
    "organiser": "Events run by {name}.",
    "type": "Events of the type '{name}'.",
    "level": "Events at the level of involvement '{name}'.",
    "access": "Events that offer: {name}.",
}


@dataclass(frozen=True)
class Item:
    """One feed item's place in time: the date it is listed by and its last date."""

    key: str
    day: date
    """Its next date within the window (its first date, if it has not started)."""
    last: date
    cancelled: bool


@dataclass(frozen=True)
class FeedSpec:
    """One published feed: where it lives, what it is called, and the items it holds."""

    path: str
    group: str
    """'all', 'consultations', 'planning', 'reviews', 'archive', or a facet key such as 'area'."""
    label: str
    """What a person picks it by, such as 'North Ward'."""
    name: str
    """The calendar's name in a subscriber's app."""
    description: str
    members: tuple[str, ...]
    """Entry keys, in the order they are written."""
    horizon: date | None = None
    """The last date held, when the size limit cut later items off."""

    @property
    def offered(self) -> bool:
        """Whether subscribe links name it: a subscribable feed with something in it."""
        return self.group != "archive" and bool(self.members)


def items(portal: Portal) -> dict[str, Item]:
    """Every event and consultation closing date with the dates that place it in a feed."""
    start = portal.today - timedelta(days=portal.settings.feed_recent_days)
    by_event: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for occ in portal.occurrences:
        by_event[occ.event_id].append((occ.day, occ.last_day))
    out: dict[str, Item] = {}
    for event_id, record in portal.events.items():
        event = record.model
        cancelled = event.status is EventStatus.CANCELLED
        spans = sorted(by_event.get(event_id) or [(event.date, event.end_date or event.date)])
        last = max(end for _, end in spans)
        day = next((first for first, end in spans if end >= start), spans[0][0])
        out[event_key(event_id)] = Item(event_key(event_id), day, last, cancelled)
        if event.consultation is not None:
            closes = event.consultation.closes
            out[f"closes.{event_id}"] = Item(f"closes.{event_id}", closes, closes, cancelled)
    for eia_id, eia in portal.eias.items():
        review = eia.model.review_date
        out[f"eia.{eia_id}.review"] = Item(f"eia.{eia_id}.review", review, review, False)
        for action in eia.model.actions:
            key = f"eia.{eia_id}.action.{action.id}"
            out[key] = Item(key, action.due, action.due, False)
    for commitment_id, commitment in portal.commitments.items():
        for action in commitment.model.actions:
            key = f"commitment.{commitment_id}.action.{action.id}"
            out[key] = Item(key, action.due, action.due, False)
    return out


def current(portal: Portal, item: Item) -> bool:
    """Whether a subscribable feed holds the item today: upcoming, or within the recent window."""
    days = portal.settings.feed_recent_days
    if item.cancelled:
        days = max(days, portal.settings.cancelled_kept_days)
    return item.last + timedelta(days=days) >= portal.today


def _ordered(keys: list[str], placed: dict[str, Item]) -> tuple[str, ...]:
    return tuple(sorted(keys, key=lambda k: (placed[k].day, k)))


def catalogue(portal: Portal) -> list[FeedSpec]:
    """Every feed, in the order the subscribe page lists them, before the size limit is applied."""
    site = portal.settings.name
    placed = items(portal)
    dated = [k for k, item in placed.items() if current(portal, item)]
    now = [k for k in dated if k.startswith(("event.", "closes."))]
    events_now = [k for k in now if k.startswith("event.")]
    closes_now = [k for k in now if k.startswith("closes.")]
    deadlines_now = [k for k in dated if k.startswith(("eia.", "commitment."))]
    levels = {k: m.level for k, m in portal.methods.items()}
    asking_now = [
        k for k in events_now if planning.asking_method(portal.events[k.removeprefix("event.")].model, levels)
    ]
    specs = [
        FeedSpec(
            urls.ALL_FEED,
            "all",
            "All events",
            f"{site}: all events",
            f"Every event listed on {site}, with consultation closing dates.",
            _ordered(now, placed),
        ),
        FeedSpec(
            urls.CONSULTATIONS_FEED,
            "consultations",
            "Consultation closing dates",
            f"{site}: consultation closing dates",
            "The last day to respond to each consultation.",
            _ordered(closes_now, placed),
        ),
        FeedSpec(
            urls.REVIEWS_FEED,
            "reviews",
            "EIA reviews and action deadlines",
            f"{site}: EIA reviews and action deadlines",
            "Review dates of equality impact assessments, and due dates of their actions and of equality commitment actions.",
            _ordered(deadlines_now, placed),
        ),
        FeedSpec(
            urls.PLANNING_FEED,
            "planning",
            "Forward plan for partners",
            f"{site}: forward plan",
            "Events that ask people something (surveys, meetings, workshops ...), for partners planning their own.",
            # A cancelled event stays (marked cancelled) as in every feed, so calendars drop it.
            _ordered(asking_now, placed),
        ),
    ]
    # One pass over the events: values_of is the rule facet listings use (events_for).
    ever: dict[tuple[str, str], bool] = {}
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    live = set(events_now)
    live_closes = set(closes_now)
    for event_id, record in portal.events.items():
        values = facets.values_of(portal, record.model)
        key = event_key(event_id)
        for facet in FEED_FACETS:
            for value in values[facet.key]:
                ever[(facet.key, value)] = True
                if key in live:
                    buckets[(facet.key, value)].append(key)
                # A closing date still to come is listed even when the opening day has left the window.
                if f"closes.{event_id}" in live_closes:
                    buckets[(facet.key, value)].append(f"closes.{event_id}")
    for facet in FEED_FACETS:
        for value, name in facets.names(portal, facet.key).items():
            if not ever.get((facet.key, value)):
                continue
            specs.append(
                FeedSpec(
                    urls.facet_feed(facet.key, value),
                    facet.key,
                    name,
                    f"{site}: {name}",
                    FACET_WORDS[facet.key].format(name=name),
                    _ordered(buckets.get((facet.key, value), []), placed),
                )
            )
    specs.append(
        FeedSpec(
            urls.ARCHIVE_FEED,
            "archive",
            "Every event ever listed",
            f"{site}: archive of every event",
            f"Every event listed on {site}, past and future, with consultation closing dates. A download; subscribe to a feed instead.",
            _ordered([k for k in placed if k.startswith(("event.", "closes."))], placed),
        )
    )
    return specs


def offered_paths(portal: Portal) -> frozenset[str]:
    """The feeds that subscribe links may name (facet listing pages ask this)."""
    return frozenset(spec.path for spec in catalogue(portal) if spec.offered)


def limit(portal: Portal, spec: FeedSpec, sizes: dict[str, int], placed: dict[str, Item]) -> FeedSpec:
    """The spec cut to `feed_max_kb`, with its horizon in its description.

    What is still to come goes first, whole dates at a time, in date order; items wholly in
    the past (the recent window) fill what room is left, most recent first. A subscriber
    needs next month's events more than last week's.
    """
    if spec.group == "archive":
        return spec
    budget = portal.settings.feed_max_kb * 1000 - 20_000  # room for the header and time zones
    if sum(sizes[k] for k in spec.members) <= budget:
        return spec
    ahead = [k for k in spec.members if placed[k].last >= portal.today]
    behind = sorted(
        (k for k in spec.members if placed[k].last < portal.today), key=lambda k: (placed[k].last, k), reverse=True
    )
    total, kept = 0, 0
    while kept < len(ahead):
        day = placed[ahead[kept]].day
        end = kept
        size = 0
        while end < len(ahead) and placed[ahead[end]].day == day:
            size += sizes[ahead[end]]
            end += 1
        if total + size > budget and kept > 0:
            break
        total += size
        kept = end
    chosen = set(ahead[:kept])
    for key in behind:
        if total + sizes[key] > budget:
            break
        total += sizes[key]
        chosen.add(key)
    members = tuple(k for k in spec.members if k in chosen)
    if kept == len(ahead):
        return FeedSpec(spec.path, spec.group, spec.label, spec.name, spec.description, members)
    horizon = placed[ahead[kept - 1]].day
    text = (
        f"{spec.description} Holds dates up to {long_date(horizon)}: later events are added as their dates get nearer "
        f"(see the website for them)."
    )
    return FeedSpec(spec.path, spec.group, spec.label, spec.name, text, members, horizon)


def sized_catalogue(portal: Portal, entries: dict[str, Entry]) -> list[FeedSpec]:
    """`catalogue` with the size limit applied to the serialised entries."""
    sizes = {key: len(entry.ical) for key, entry in entries.items()}
    placed = items(portal)
    return [limit(portal, spec, sizes, placed) for spec in catalogue(portal)]


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
    fixed = _fixed(settings.publisher, settings.feed_refresh_hours, absolute(settings, urls.feeds()))
    own = [
        _text("NAME", name),
        _text("X-WR-CALNAME", name),
        _text("DESCRIPTION", text),
        _text("X-WR-CALDESC", text),
        fold(f"SOURCE;VALUE=URI:{absolute(settings, path)}"),
    ]
    return fixed + b"".join(own)


def assemble(portal: Portal, zones: Zones, name: str, text: str, path: str, entries: list[Entry]) -> bytes:
    """A whole subscribable calendar from already-serialised items.

    A calendar with no item still carries the site's VTIMEZONE, so it has the component
    RFC 5545 requires; such a feed is published (a subscribed address keeps working) but
    never offered (`offered`).
    """
    tzids = frozenset().union(*(e.tzids for e in entries)) if entries else frozenset()
    if not tzids and not entries:
        tzids = frozenset({portal.settings.timezone})
    return (
        header(portal, name, text, path) + zones.block(tzids) + b"".join(e.ical for e in entries) + b"END:VCALENDAR\r\n"
    )


@functools.cache
def _bare(publisher: str) -> bytes:
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", f"-//{publisher}//Engage//EN")
    cal.add("calscale", "GREGORIAN")
    body: bytes = cal.to_ical()
    return body[: -len(b"END:VCALENDAR\r\n")]


def single(portal: Portal, zones: Zones, entry: Entry) -> bytes:
    """One event's own file: the event, without calendar-level properties.

    Outlook desktop opens a file that names a calendar (X-WR-CALNAME, NAME) as a new
    calendar instead of adding the event to the person's own (MS-OXCICAL says the name
    must be left out); refresh hints and SOURCE belong to subscriptions, not to a file
    opened once. So only VERSION, PRODID and CALSCALE, the zones and the event.
    """
    return _bare(portal.settings.publisher) + zones.block(entry.tzids) + entry.ical + b"END:VCALENDAR\r\n"


def zones_for(portal: Portal) -> Zones:
    return covering(event_days(portal))
