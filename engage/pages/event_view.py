"""What listings and pages say about an event, worked out once from the record and taxonomies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from urllib.parse import quote, urlencode

from .. import access, consultation_stage, urls
from ..event_words import ACCESS_LABELS, is_free
from ..formatting import long_date, time_range, weekday_date
from ..memo import IdentityMemo
from ..models.event import Event, EventStatus, Frequency, WeekOfMonth
from ..occurrences import Occurrence
from ..portal import Portal
from ..records import Record
from .paginate import Pager

ALL_ACCESS_LABELS = {**ACCESS_LABELS, **access.ONLINE_LABELS}


def zone_words(timezone: str) -> str:
    """How a listing names its time zone once: 'UK time' reads better than 'Europe/London'."""
    return "UK time" if timezone == "Europe/London" else f"{timezone.replace('_', ' ')} time"


def when_text(occ: Occurrence) -> str:
    """'Thursday 3 December 2026, 6:30pm to 8pm' (GOV.UK style)."""
    text = weekday_date(occ.day)
    if occ.last_day != occ.day:
        text += f" to {weekday_date(occ.last_day)}"
    times = time_range(occ.start, occ.end)
    return f"{text}, {times}" if times else f"{text} (all day)"


_ORDINALS = {
    WeekOfMonth.FIRST: "first",
    WeekOfMonth.SECOND: "second",
    WeekOfMonth.THIRD: "third",
    WeekOfMonth.FOURTH: "fourth",
    WeekOfMonth.LAST: "last",
}


def recurrence_text(event: Event) -> str:
    """'Every Tuesday until 30 June 2027', 'On the first Tuesday of each month until ...'."""
    rule = event.recurrence
    if rule is None:
        return ""
    weekday = f"{event.date:%A}"
    if rule.frequency is Frequency.WEEKLY:
        text = f"Every {weekday}"
    elif rule.frequency is Frequency.FORTNIGHTLY:
        text = f"Every other {weekday}"
    else:
        text = f"On the {_ORDINALS[rule.week_of_month or WeekOfMonth.FIRST]} {weekday} of each month"
    return f"{text}, from {long_date(event.date)} until {long_date(rule.until)}"


@dataclass(frozen=True)
class EventFacts:
    """What every listing entry of one event shows, worked out once per event, not per date."""

    record: Record[Event]
    organiser: str
    place: str
    method: str
    level: str
    access_yes: tuple[str, ...]
    """Arrangements that are there, as short labels."""
    access_on_request: tuple[str, ...]
    """Arrangements available if asked for in time."""
    status: str
    """'' when scheduled, else cancelled, postponed or moved."""
    free: bool
    zone: str
    """The event's own time zone in words when it differs from the site's, else ''."""


def place_text(portal: Portal, event: Event) -> str:
    """'Town Hall', 'Town Hall and online' or 'Online'."""
    if not event.venue:
        return "Online"
    return portal.venues[event.venue].name + (" and online" if event.online else "")


_FACTS: IdentityMemo[EventFacts] = IdentityMemo()
"""An event's facts, reused under the preview while the objects they are made from are unchanged."""


def facts(portal: Portal, record: Record[Event]) -> EventFacts:
    """What every listing shows of an event (the same for each of its dates)."""
    e = record.model
    inputs = (
        record,
        e,
        portal.settings,
        portal.organisations[e.organiser],
        portal.methods[e.method],
        portal.venues[e.venue] if e.venue else None,
        *(portal.areas[a] for a in e.areas),
        *(portal.topics[t] for t in e.topics),
        *(portal.groups[g] for g in e.groups),
    )
    return _FACTS.get(record.id, inputs, lambda: _facts(portal, record))


def _facts(portal: Portal, record: Record[Event]) -> EventFacts:
    e = record.model
    org = portal.organisations[e.organiser]
    method = portal.methods[e.method]
    applying = access.facts(e, ACCESS_LABELS)
    return EventFacts(
        record=record,
        organiser=org.short_name or org.name,
        place=place_text(portal, e),
        method=method.name,
        level=method.level.value,
        access_yes=tuple(ALL_ACCESS_LABELS[key] for key, value in applying.items() if value.value == "yes"),
        access_on_request=tuple(
            ALL_ACCESS_LABELS[key] for key, value in applying.items() if value.value == "on-request"
        ),
        status=e.status.value if e.status is not EventStatus.SCHEDULED else "",
        free=is_free(e),
        zone=zone_words(e.timezone) if e.timezone and e.timezone != portal.settings.timezone else "",
    )


@dataclass(frozen=True)
class EventItem:
    """One occurrence as a listing shows it."""

    occurrence: Occurrence
    facts: EventFacts
    open_until: date | None = None
    """Set for an open consultation listed for its whole window: its closing day."""
    listed_day: date | None = None
    """The day it is listed under when that is not its own date (an open consultation: today)."""

    @property
    def record(self) -> Record[Event]:
        return self.facts.record

    @property
    def event(self) -> Event:
        return self.facts.record.model

    @property
    def organiser(self) -> str:
        return self.facts.organiser

    @property
    def place(self) -> str:
        return self.facts.place

    @property
    def method(self) -> str:
        return self.facts.method

    @property
    def level(self) -> str:
        return self.facts.level

    @property
    def access_yes(self) -> tuple[str, ...]:
        return self.facts.access_yes

    @property
    def status(self) -> str:
        return self.facts.status

    @property
    def when(self) -> str:
        if self.open_until is not None:
            return f"Open until {long_date(self.open_until)}"
        c = self.event.consultation
        if c is not None and self.occurrence.start is None and self.occurrence.day == c.opens:
            # A consultation is a window to respond in, not an all-day event on its first day.
            if self.event.status in consultation_stage.NOT_TAKING_PLACE:
                return f"Was to be open from {weekday_date(c.opens)} until {long_date(c.closes)}"
            return f"Opens on {weekday_date(c.opens)}, open until {long_date(c.closes)}"
        text = when_text(self.occurrence)
        return f"{text} ({self.facts.zone})" if self.facts.zone else text

    @property
    def day(self) -> date:
        """The date the listing's <time> element carries: the closing day of an open consultation."""
        return self.open_until or self.occurrence.day

    @property
    def month(self) -> date:
        return (self.listed_day or self.occurrence.day).replace(day=1)


def item(portal: Portal, occ: Occurrence) -> EventItem:
    return EventItem(occ, facts(portal, portal.events[occ.event_id]))


def items(portal: Portal, occurrences: Iterable[Occurrence]) -> list[EventItem]:
    """Listing entries for many occurrences; a weekly event's facts are worked out only once."""
    cache: dict[str, EventFacts] = {}
    out = []
    for occ in occurrences:
        known = cache.get(occ.event_id)
        if known is None:
            known = cache[occ.event_id] = facts(portal, portal.events[occ.event_id])
        out.append(EventItem(occ, known))
    return out


def listing_order(occ: Occurrence) -> tuple[date, time, str]:
    """By day, then start time (all-day events first), so a morning event leads its day."""
    return (occ.day, occ.start or time.min, occ.event_id)


def upcoming_items(portal: Portal) -> list[EventItem]:
    """What is on: occurrences not finished before today, and consultations open today, soonest first.

    An open consultation is listed once, at the top of today, for its whole window ("Open until
    13 December 2026"), whatever its own date: its all-day dates are that window's opening day,
    not events of their own. Its timed dates (a public meeting) are listed as usual.
    """
    today = portal.today
    keyed: list[tuple[tuple[date, int, str, str], EventItem]] = []
    cache: dict[str, EventFacts] = {}

    def facts_of(event_id: str) -> EventFacts:
        known = cache.get(event_id)
        if known is None:
            known = cache[event_id] = facts(portal, portal.events[event_id])
        return known

    open_ids = {o.event_id: o.closes for o in consultation_stage.open_now(portal)}
    last_seen: dict[str, Occurrence] = {}
    for occ in portal.occurrences:
        last_seen[occ.event_id] = occ
        if occ.last_day < today or (occ.event_id in open_ids and occ.start is None):
            continue
        key = (occ.day, 1, (occ.start or time.min).isoformat(), occ.event_id)
        keyed.append((key, EventItem(occ, facts_of(occ.event_id))))
    listed = {entry.record.id for _, entry in keyed}
    for event_id, closes in open_ids.items():
        seen = last_seen.get(event_id)
        if seen is None or (event_id in listed and portal.events[event_id].model.start_time is not None):
            continue  # a timed consultation with a date still to come is listed on that date
        keyed.append(((today, 0, closes.isoformat(), event_id), EventItem(seen, facts_of(event_id), closes, today)))
    keyed.sort(key=lambda pair: pair[0])
    return [entry for _, entry in keyed]


def is_current(portal: Portal, event: Event) -> bool:
    """An open consultation is current, not past, whatever its own date."""
    return consultation_stage.is_open_on(event, portal.today)


def past_items(portal: Portal) -> list[EventItem]:
    """Occurrences that finished before today, most recent first; consultations still open are not past."""
    past = sorted(
        (
            occ
            for occ in portal.occurrences
            if occ.last_day < portal.today and not is_current(portal, portal.events[occ.event_id].model)
        ),
        key=listing_order,
        reverse=True,
    )
    return items(portal, past)


def absolute(portal: Portal, path: str) -> str:
    """A site path as a full address, for calendars and search engines that leave the site."""
    return portal.settings.base_url.rstrip("/") + "/" + path


def location_text(portal: Portal, event: Event) -> str:
    """Where, in one line, for a calendar entry: the venue's address, or how to join online."""
    parts = []
    if event.venue:
        venue = portal.venues[event.venue]
        parts.append(", ".join(p for p in (event.room, venue.name, venue.address, venue.postcode) if p))
    if event.online:
        parts.append(f"Online: {event.online.platform}" + (f" {event.online.url}" if event.online.url else ""))
    return "; ".join(parts)


@dataclass(frozen=True)
class CalendarLinks:
    """'Add to calendar' links for one date of an event."""

    ics: str
    """The event's calendar file, relative to the site root (every date, kept up to date)."""
    google: str
    outlook: str
    """Outlook.com (personal accounts)."""
    outlook_work: str
    """Outlook for work or school (Microsoft 365 accounts), the same link on outlook.office.com."""


def _span(portal: Portal, event: Event, occ: Occurrence) -> tuple[datetime, datetime] | None:
    """Start and end as aware datetimes, or None for an all-day event."""
    if occ.start is None:
        return None
    tz = portal.event_tz(event)
    start = datetime.combine(occ.day, occ.start, tz)
    end = datetime.combine(occ.last_day, occ.end or occ.start, tz)
    return start, end


def calendar_links(portal: Portal, event_id: str, occ: Occurrence) -> CalendarLinks:
    """Google and Outlook 'add event' links for `occ`; they carry one date, the .ics file all of them."""
    event = portal.events[event_id].model
    page = absolute(portal, urls.event(event_id))
    details = f"{event.summary}\n\nFull details and any changes: {page}"
    where = location_text(portal, event)
    span = _span(portal, event, occ)
    if span is None:
        after = occ.last_day + timedelta(days=1)  # both services take an exclusive end day
        google_dates = f"{occ.day:%Y%m%d}/{after:%Y%m%d}"
        outlook_times = {"startdt": occ.day.isoformat(), "enddt": after.isoformat(), "allday": "true"}
    else:
        start, end = span
        google_dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
        # Outlook reads a time without an offset in the viewer's own zone: send UTC, marked Z.
        outlook_times = {
            "startdt": start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "enddt": end.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": google_dates,
        "details": details,
        "location": where,
        "ctz": str(portal.event_tz(event)),
        # Busy for a timed event, free for an all-day one, as the feeds' TRANSP says (vevents.transparency).
        "trp": "false" if span is None else "true",
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        **outlook_times,
        "location": where,
        "body": details,
    }
    return CalendarLinks(
        ics=urls.event_ics(event_id),
        google="https://calendar.google.com/calendar/render?" + urlencode(google, quote_via=quote),
        outlook="https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(outlook, quote_via=quote),
        outlook_work="https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(outlook, quote_via=quote),
    )


@dataclass(frozen=True)
class MonthGroup:
    """A month's heading in a listing and its entries on this page."""

    month: date
    entries: tuple[EventItem, ...]
    continued: bool
    """True when the month began on the previous page, so the heading says so."""

    @property
    def heading(self) -> str:
        return f"{self.month:%B %Y}" + (" (continued)" if self.continued else "")


def months(page_items: Sequence[EventItem], before: EventItem | None = None) -> list[MonthGroup]:
    """Entries grouped under month headings, keeping their order; `before` ends the previous page."""
    out: list[MonthGroup] = []
    for month, group in groupby(page_items, key=lambda i: i.month):
        continued = not out and before is not None and before.month == month
        out.append(MonthGroup(month, tuple(group), continued))
    return out


def page_months(pager: Pager[EventItem], entries: Sequence[EventItem]) -> list[MonthGroup]:
    """The month groups of one page of `entries`."""
    return months(pager.items, entries[pager.start - 2] if pager.start > 1 else None)
