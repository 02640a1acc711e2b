"""An event record as iCalendar VEVENTs: one master, plus one override per moved or skipped date.

The recurrence rule is written the way `engage.occurrences` expands it (tests compare the
two): a moved occurrence is a VEVENT with the same UID, a RECURRENCE-ID naming the date it
would have been on, and its new date and time; a skipped date is such a VEVENT with
STATUS:CANCELLED (an EXDATE would make the date vanish without a word, and a subscriber
who had noted it would turn up). An event over several days with the same hours each day
is a daily RRULE, not one block from the first start to the last end. Times are local
wall-clock times with a TZID (the feed carries a VTIMEZONE for each); all-day events are
DATE values with an exclusive DTEND, as RFC 5545 asks.

TRANSP follows what Google and Outlook do when a person adds an entry themselves, so an
event added from a feed, a file or an "add to calendar" link shows the same way: a timed
event makes the person busy (OPAQUE), an all-day entry leaves them free (TRANSPARENT).
Subscribed calendars do not count towards a person's free/busy in either service.

An online event's joining link is in LOCATION when there is no venue (clients make it a
link there) and, for online and hybrid events alike, in an RFC 7986 CONFERENCE property.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Event as VEvent
from icalendar import Parameters, vText

from .. import urls
from ..event_words import ACCESS_LABELS, AVAILABILITY_WORDS, attendance
from ..formatting import long_date, weekday_date
from ..models.event import Event, EventStatus, Moved
from ..occurrences import daily_hours, rrule_parts, rule_dates
from ..portal import Portal
from ..records import Record
from .common import ICAL_STATUS, STATUS_PREFIX, Entry, absolute, event_stamp, serialise, uid
from .text import readable

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
    out = rrule_parts(event.date, rule)
    # UNTIL is the last date the rule really gives (so a capped rule stays exact); with a
    # TZID start, RFC 5545 wants it in UTC.
    last = dates[-1]
    out["UNTIL"] = (
        last if event.start_time is None else datetime.combine(last, event.start_time, tzinfo=tz).astimezone(UTC)
    )
    return out


def location(portal: Portal, event: Event) -> str:
    """'Town Hall, Room 2, 1 Market Street, Exampleton EX1 1AA', 'Online: Zoom', or both."""
    online = f"Online: {event.online.platform}" if event.online else ""
    if not event.venue:
        return event.online.url if event.online and event.online.url else online
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
    if event.access.notes:
        text += "\n" + readable(event.access.notes)
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
        note = readable(event.status_note) if event.status_note else ""
        before.append(f"{STATUS_PREFIX[event.status]}{note}".strip())
    after = []
    body = readable(event.description)
    if body and body != event.summary:
        after.append(body)
    venue = portal.venues[event.venue] if event.venue else None
    facts = [
        f"Where: {location(portal, event)}" if venue or not event.online else f"Where: online ({event.online.platform})"
    ]
    if event.online:
        join = f"Join online ({event.online.platform})" + (
            f": {event.online.url}" if event.online.url else ": the link is sent when you book."
        )
        if event.online.instructions:
            join += "\n" + readable(event.online.instructions)
        facts.append(join)
    facts.append(f"Cost: {event.cost}")
    booking = event.booking
    if booking.required or booking.url or booking.details:
        by = f" by {long_date(booking.by)}" if booking.by else ""
        lead = f"Booking needed{by}" if booking.required else "Booking"
        line = lead + (f": {booking.url}" if booking.url else ".")
        if booking.details:
            line += "\n" + readable(booking.details)
        facts.append(line)
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


def transparency(start: time | None) -> str:
    """Busy for a timed event, free for an all-day one: what the clients do for a hand-made entry."""
    return "TRANSPARENT" if start is None else "OPAQUE"


def conference(event: Event) -> tuple[str, dict[str, str | list[str]]] | None:
    """The RFC 7986 CONFERENCE value and parameters for an online joining link, if there is one."""
    if event.online is None or event.online.url is None:
        return None
    return event.online.url, {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": event.online.platform}


def _common(portal: Portal, event_id: str, event: Event, text: str) -> VEvent:
    page = absolute(portal.settings, urls.event(event_id))
    component = VEvent()
    component.add("uid", uid(portal.settings, event_id))
    stamp = event_stamp(event_id, event, portal.today)
    component.add("dtstamp", stamp)
    if event.changed is not None:
        component.add("last-modified", stamp)
    component.add("sequence", event.sequence)
    component.add("summary", STATUS_PREFIX[event.status] + event.title)
    component.add("description", text)
    component.add("url", page)
    component.add("status", ICAL_STATUS[event.status])
    component.add("location", location(portal, event))
    joining = conference(event)
    if joining is not None:
        component.add("conference", joining[0], parameters=Parameters(joining[1]))
    if event.venue:
        venue = portal.venues[event.venue]
        if venue.latitude is not None and venue.longitude is not None:
            component.add("geo", (venue.latitude, venue.longitude))
    categories = [portal.methods[event.method].name, *(portal.topics[t].name for t in event.topics)]
    component.add("categories", categories)
    component.add("contact", event.contact)
    component.add("class", "PUBLIC")
    return component


def components(portal: Portal, event_id: str, event: Event) -> tuple[list[VEvent], frozenset[str]]:
    """The master VEVENT and its overrides, and the time zones they use."""
    tz = portal.event_tz(event)
    tzids: set[str] = set()
    text = description(portal, event_id, event)
    master = _common(portal, event_id, event, text.text())
    if daily_hours(event):
        assert event.end_date is not None and event.start_time is not None
        start, end = span(event.date, event.date, event.start_time, event.end_time, tz)
        last = datetime.combine(event.end_date, event.start_time, tzinfo=tz).astimezone(UTC)
        master.add("rrule", {"FREQ": "DAILY", "UNTIL": last})
    else:
        start, end = span(event.date, event.end_date or event.date, event.start_time, event.end_time, tz)
    master.add("dtstart", start)
    master.add("dtend", end)
    master.add("transp", transparency(event.start_time))
    if event.start_time is not None:
        tzids.add(tz.key)
    out = [master]
    rule = rrule(event, tz)
    if rule is not None and event.recurrence is not None:
        master.add("rrule", rule)
        skipped = sorted(set(event.recurrence.skip))
        for day in skipped:
            off = _common(
                portal, event_id, event, f"This date is cancelled; the other dates go ahead.\n\n{text.text()}"
            )
            off["summary"] = vText("Cancelled: " + event.title)
            off["status"] = vText("CANCELLED")
            off.add("recurrence-id", moment(day, event.start_time, tz))
            day_start, day_end = span(day, day, event.start_time, event.end_time, tz)
            off.add("dtstart", day_start)
            off.add("dtend", day_end)
            off.add("transp", "TRANSPARENT")
            out.append(off)
        for change in sorted(event.recurrence.moved, key=lambda m: m.original):
            if change.original in skipped:
                continue  # validation refuses this; skipping wins, as in occurrences.expand
            clock = change.start_time or event.start_time
            override = _common(portal, event_id, event, text.text(change))
            override.add("recurrence-id", moment(change.original, event.start_time, tz))
            new_start, new_end = span(change.date, change.date, clock, change.end_time or event.end_time, tz)
            override.add("dtstart", new_start)
            override.add("dtend", new_end)
            override.add("transp", transparency(clock))
            if clock is not None:
                tzids.add(tz.key)
            out.append(override)
        out[1:] = sorted(out[1:], key=lambda c: c.decoded("recurrence-id"))
    return out, frozenset(tzids)


def event_key(event_id: str) -> str:
    """An event's entry key; deadline items use other prefixes, and ids never hold a dot."""
    return f"event.{event_id}"


def entry(portal: Portal, record: Record[Event]) -> Entry:
    """The event's VEVENT bytes, built once for every feed and file that holds it."""
    parts, tzids = components(portal, record.id, record.model)
    return Entry(event_key(record.id), serialise(parts), tzids)
