"""schema.org Event JSON-LD for an event page, so search engines and assistants read it correctly."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from .. import urls
from ..event_words import ACCESS_LABELS, attendance, is_free
from ..models.event import Event, EventStatus, Frequency, WeekOfMonth
from ..occurrences import BYDAY_POSITION, Occurrence
from ..portal import Portal
from .event_view import absolute

SCHEMA = "https://schema.org/"
STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.MOVED: "EventRescheduled",
}
MODE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
REPEAT = {Frequency.WEEKLY: "P1W", Frequency.FORTNIGHTLY: "P2W", Frequency.MONTHLY: "P1M"}


def _moment(day: date, clock: Any, tz: Any) -> str:
    """An ISO 8601 date-time with its UTC offset, or a bare date for an all-day event."""
    if clock is None:
        return day.isoformat()
    return datetime.combine(day, clock, tz).isoformat()


def _place(portal: Portal, event: Event) -> dict[str, Any]:
    assert event.venue is not None
    venue = portal.venues[event.venue]
    place: dict[str, Any] = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.postcode,
            "addressCountry": "GB",
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude}
    # Only firm answers become features: 'on request' and 'not known' are not facts about the place.
    features = [
        {"@type": "LocationFeatureSpecification", "name": label, "value": getattr(event.access, key).value == "yes"}
        for key, label in ACCESS_LABELS.items()
        if getattr(event.access, key).value in ("yes", "no")
    ]
    if features:
        place["amenityFeature"] = features
    return place


def _virtual(event: Event) -> dict[str, Any]:
    assert event.online is not None
    virtual: dict[str, Any] = {"@type": "VirtualLocation", "name": event.online.platform}
    if event.online.url:
        virtual["url"] = event.online.url
    return virtual


def _schedule(portal: Portal, event: Event) -> dict[str, Any]:
    rule = event.recurrence
    assert rule is not None
    schedule: dict[str, Any] = {
        "@type": "Schedule",
        "startDate": event.date.isoformat(),
        "endDate": rule.until.isoformat(),
        "repeatFrequency": REPEAT[rule.frequency],
        "byDay": f"{SCHEMA}{event.date:%A}",
        "scheduleTimezone": str(portal.event_tz(event)),
    }
    if event.start_time:
        schedule["startTime"] = event.start_time.isoformat("minutes")
    if event.end_time:
        schedule["endTime"] = event.end_time.isoformat("minutes")
    if rule.frequency is Frequency.MONTHLY:
        schedule["byMonthWeek"] = BYDAY_POSITION[rule.week_of_month or WeekOfMonth.FIRST]
    exceptions = sorted({*rule.skip, *(m.original for m in rule.moved)})
    if exceptions:
        schedule["exceptDate"] = [d.isoformat() for d in exceptions]
    return schedule


def event_jsonld(portal: Portal, event_id: str, occ: Occurrence) -> dict[str, Any]:
    """The Event object for the occurrence the page leads with (the next one, or the first)."""
    event = portal.events[event_id].model
    tz = portal.event_tz(event)
    organiser = portal.organisations[event.organiser]
    org: dict[str, Any] = {"@type": "Organization", "name": organiser.name, "email": event.contact}
    if organiser.url:
        org["url"] = organiser.url
    mode = attendance(event)
    locations = ([_place(portal, event)] if event.venue else []) + ([_virtual(event)] if event.online else [])
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": absolute(portal, urls.event(event_id)),
        "startDate": _moment(occ.day, occ.start, tz),
        "endDate": _moment(occ.last_day, occ.end or occ.start, tz),
        "eventStatus": SCHEMA + STATUS[event.status],
        "eventAttendanceMode": SCHEMA + MODE[mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": org,
        "isAccessibleForFree": is_free(event),
        "inLanguage": "en-GB",
    }
    if event.recurrence:
        data["eventSchedule"] = _schedule(portal, event)
    return data


def script_text(data: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: no '</script>' or '<!--' can be formed from contributor text."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
