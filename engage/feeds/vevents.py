"""An event record as iCalendar VEVENTs: one master, plus one override per moved occurrence.

The recurrence rule is written the way `engage.occurrences` expands it (tests compare the
two): skipped dates become EXDATE, a moved occurrence a VEVENT with the same UID, a
RECURRENCE-ID naming the date it would have been on, and its new date and time. Times are
local wall-clock times with a TZID (the feed carries a VTIMEZONE for each); all-day events
are DATE values with an exclusive DTEND, as RFC 5545 asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Event as VEvent

from .. import urls
from ..event_words import ACCESS_LABELS, AVAILABILITY_WORDS, attendance
from ..formatting import long_date, weekday_date
from ..markup import plain
from ..models.event import Event, EventStatus, Frequency, Moved, WeekOfMonth
from ..occurrences import rule_dates
from ..portal import Portal
from ..records import Record
from .common import ICAL_STATUS, STATUS_PREFIX, Entry, absolute, event_stamp, serialise, uid

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
NTH = {WeekOfMonth.FIRST: 1, WeekOfMonth.SECOND: 2, WeekOfMonth.THIRD: 3, WeekOfMonth.FOURTH: 4, WeekOfMonth.LAST: -1}

Moment = date | datetime


def moment(day: date, clock: time | None, tz: ZoneInfo) -> Moment:
    """A DATE for an all-day event, else a local date-time in the event's zone."""
    return day if clock is None else datetime.combine(day, clock, tzinfo=tz)


def span(first: date, last: date, start: time | None, end: time | None, tz: ZoneInfo) -> tuple[Moment, Moment]:
    """DTSTART and DTEND; an all-day DTEND is the day after the last day (it is exclusive)."""
    if start is None:
        return first, last + timedelta(days=1)
    return moment(first, start, tz), moment(last, end or start, tz)


def rrule(event: Event, tz: ZoneInfo) -> dict[str, object] | None:
    """The RRULE that gives the same dates as `occurrences.rule_dates`."""
    rule = event.recurrence
    if rule is None:
        return None
    dates = rule_dates(event.date, rule)
    if not dates:
        return None
    out: dict[str, object] = {"FREQ": "MONTHLY" if rule.frequency is Frequency.MONTHLY else "WEEKLY"}
    if rule.frequency is Frequency.FORTNIGHTLY:
        out["INTERVAL"] = 2
    if rule.frequency is Frequency.MONTHLY:
        nth = NTH[rule.week_of_month or WeekOfMonth.FIRST]
        out["BYDAY"] = f"{nth}{WEEKDAYS[event.date.weekday()]}"
    # UNTIL is the last date the rule really gives (so a capped rule stays exact); with a
    # TZID start, RFC 5545 wants it in UTC.
    last = dates[-1]
    out["UNTIL"] = last if event.start_time is None else datetime.combine(last, event.start_time, tzinfo=tz).astimezone(UTC)
    return out


def location(portal: Portal, event: Event) -> str:
    """'Town Hall, Room 2, 1 Market Street, Exampleton EX1 1AA', 'Online: Zoom', or both."""
    online = f"Online: {event.online.platform}" if event.online else ""
    if not event.venue:
        return online
    venue = portal.venues[event.venue]
    where = ", ".join(part for part in (venue.name, event.room, venue.address) if part) + f" {venue.postcode}"
    return f"{where} (and {online[0].lower()}{online[1:]})" if attendance(event) == "hybrid" else where


def _access(event: Event) -> str:
    known = [
        f"{label}: {AVAILABILITY_WORDS[getattr(event.access, key).value].lower()}"
        for key, label in ACCESS_LABELS.items()
        if getattr(event.access, key).value != "unknown"
    ]
    text = "; ".join(known) + "." if known else "Not yet known; ask the contact below."
    if event.access.adjustments_by:
        text += f" Ask for other adjustments by {long_date(event.access.adjustments_by)}."
    return text


@dataclass(frozen=True)
class Description:
    """An event's DESCRIPTION, worked out once (Markdown to plain text is slow) for every VEVENT."""

    before: str
    """What it is and whether it goes ahead."""
    after: str
    """The body, the practical facts and the page link."""

    def text(self, moved: Moved | None = None) -> str:
        if moved is None:
            return f"{self.before}\n\n{self.after}"
        note = f"This date moved from {weekday_date(moved.original)}." + (f" {moved.note}" if moved.note else "")
        return f"{self.before}\n\n{note}\n\n{self.after}"


def description(portal: Portal, event_id: str, event: Event) -> Description:
    """Plain text a calendar shows: what it is, what changed, the practical facts, the page link."""
    before = [event.summary]
    if event.status is not EventStatus.SCHEDULED:
        note = plain(event.status_note) if event.status_note else ""
        before.append(f"{STATUS_PREFIX[event.status]}{note}".strip())
    after = []
    body = plain(event.description)
    if body and body != event.summary:
        after.append(body)
    facts = [f"Where: {location(portal, event)}"]
    if event.online and event.online.url:
        facts.append(f"Join online: {event.online.url}")
    facts.append(f"Cost: {event.cost}")
    if event.booking.required:
        by = f" by {long_date(event.booking.by)}" if event.booking.by else ""
        facts.append(f"Booking needed{by}" + (f": {event.booking.url}" if event.booking.url else "."))
    facts.append(f"Access: {_access(event)}")
    if event.consultation:
        c = event.consultation
        facts.append(f"Consultation open from {long_date(c.opens)} to {long_date(c.closes)}.")
        if c.respond_url:
            facts.append(f"Respond online: {c.respond_url}")
    facts.append(f"Contact: {event.contact}")
    after.append("\n".join(facts))
    after.append(f"Full details: {absolute(portal.settings, urls.event(event_id))}")
    return Description("\n\n".join(before), "\n\n".join(after))


def _common(portal: Portal, event_id: str, event: Event, text: str) -> VEvent:
    page = absolute(portal.settings, urls.event(event_id))
    component = VEvent()
    component.add("uid", uid(portal.settings, event_id))
    component.add("dtstamp", event_stamp(event_id, event.date, event.sequence))
    component.add("sequence", event.sequence)
    component.add("summary", STATUS_PREFIX[event.status] + event.title)
    component.add("description", text)
    component.add("url", page)
    component.add("status", ICAL_STATUS[event.status])
    component.add("location", location(portal, event))
    if event.venue:
        venue = portal.venues[event.venue]
        if venue.latitude is not None and venue.longitude is not None:
            component.add("geo", (venue.latitude, venue.longitude))
    categories = [portal.methods[event.method].name, *(portal.topics[t].name for t in event.topics)]
    component.add("categories", categories)
    component.add("contact", event.contact)
    component.add("class", "PUBLIC")
    # A public listing should not mark the subscriber as busy for every event in it.
    component.add("transp", "TRANSPARENT")
    return component


def components(portal: Portal, event_id: str, event: Event) -> tuple[list[VEvent], frozenset[str]]:
    """The master VEVENT and its overrides, and the time zones they use."""
    tz = portal.event_tz(event)
    tzids: set[str] = set()
    text = description(portal, event_id, event)
    master = _common(portal, event_id, event, text.text())
    start, end = span(event.date, event.end_date or event.date, event.start_time, event.end_time, tz)
    master.add("dtstart", start)
    master.add("dtend", end)
    if event.start_time is not None:
        tzids.add(tz.key)
    out = [master]
    rule = rrule(event, tz)
    if rule is not None and event.recurrence is not None:
        master.add("rrule", rule)
        skipped = sorted(set(event.recurrence.skip))
        if skipped:
            master.add("exdate", [moment(day, event.start_time, tz) for day in skipped])
        for change in sorted(event.recurrence.moved, key=lambda m: m.original):
            if change.original in skipped:
                continue  # skipping wins, as in occurrences.expand
            clock = change.start_time or event.start_time
            override = _common(portal, event_id, event, text.text(change))
            override.add("recurrence-id", moment(change.original, event.start_time, tz))
            new_start, new_end = span(change.date, change.date, clock, change.end_time or event.end_time, tz)
            override.add("dtstart", new_start)
            override.add("dtend", new_end)
            if clock is not None:
                tzids.add(tz.key)
            out.append(override)
    return out, frozenset(tzids)


def event_key(event_id: str) -> str:
    """An event's entry key; deadline items use other prefixes, and ids never hold a dot."""
    return f"event.{event_id}"


def entry(portal: Portal, record: Record[Event]) -> Entry:
    """The event's VEVENT bytes, built once for every feed and file that holds it."""
    parts, tzids = components(portal, record.id, record.model)
    return Entry(event_key(record.id), serialise(parts), tzids)
