"""What every feed item shares: absolute links, UIDs, deterministic stamps, serialised bytes.

UID: `<local id>@<site host>`, from the record's id (its file name), which never changes
for the life of the record, so a subscribed calendar updates an item instead of adding
a second copy. An event's local id is its id; other items add a dotted suffix or prefix
(`closes.<event>`, `eia.<id>.review`, `eia.<id>.action.<action>`), which no id can hold,
so no two items share a UID. The host keeps two partnerships' feeds apart in one calendar.

DTSTAMP never comes from the build clock (two builds of the same data on the same day must
be byte-identical). It is 00:00 UTC on a date taken from the data, never later than the
build day; see `revised` and the deadline items in `deadlines.py` for which date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Event as VEvent

from ..models.event import Event, EventStatus
from ..models.settings import Settings

_ID_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")

# RFC 5545 has no 'postponed': TENTATIVE says "do not rely on this date"; the summary says why.
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.MOVED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}
STATUS_PREFIX = {
    EventStatus.SCHEDULED: "",
    EventStatus.MOVED: "Moved: ",
    EventStatus.POSTPONED: "Postponed: ",
    EventStatus.CANCELLED: "Cancelled: ",
}


@dataclass(frozen=True)
class Entry:
    """One record's VEVENTs, serialised once and reused in every feed that holds it."""

    key: str
    """Identity within a build, such as 'event.<id>' or 'eia.<id>' (ids never hold a dot)."""
    ical: bytes
    """The VEVENT component(s), CRLF line ends, folded."""
    tzids: frozenset[str]
    """Time zones its times refer to, each needing a VTIMEZONE in the calendar."""


def absolute(settings: Settings, path: str) -> str:
    """The public address of a site path, such as 'events/x/'."""
    return settings.base_url.rstrip("/") + "/" + path.lstrip("/")


def webcal(settings: Settings, path: str) -> str:
    """A feed's subscribe address: phones and desktop apps subscribe to webcal:// instead of downloading."""
    return "webcal://" + absolute(settings, path).split("://", 1)[1]


def host(settings: Settings) -> str:
    return urlsplit(settings.base_url).hostname or "localhost"


def uid(settings: Settings, local: str) -> str:
    return f"{local}@{host(settings)}"


def day_stamp(day: date, seconds: int = 0) -> datetime:
    """00:00 UTC on `day`, plus `seconds`: a DTSTAMP that only the data can move."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds)


def revised(event_id: str, event: Event, today: date) -> date:
    """The day an event was last revised, as its DTSTAMP and LAST-MODIFIED give it.

    The source of truth is the record's `changed` date, which `engage validate --against`
    asks a contributor to move forward with every change a subscriber would see. Without
    one (records from before the field), the date in the file name stands in, which is
    when the record was made; a date that is not yet reached is never claimed, so the
    stamp is then the build day. Either way the same data on the same day give the same
    stamp, and no stamp lies in the future.
    """
    if event.changed is not None:
        return min(event.changed, today)
    match = _ID_DATE.match(event_id)
    base = event.date
    if match:
        try:
            base = date.fromisoformat(match.group(1))
        except ValueError:  # a file name such as 2026-02-30-x: fall back to the event's date
            base = event.date
    return min(base, today)


def event_stamp(event_id: str, event: Event, today: date) -> datetime:
    """DTSTAMP (and LAST-MODIFIED, when `changed` is set): 00:00 UTC on the day it was revised.

    A feed has no METHOD, so RFC 5545 (3.8.7.2) makes DTSTAMP the time the information was
    last revised, the same as LAST-MODIFIED; not the build clock, which would change every
    item in every build.
    """
    return day_stamp(revised(event_id, event, today))


def fold(line: str) -> bytes:
    """One content line, CRLF-ended and folded so no line passes 75 octets (RFC 5545 3.1).

    A fold never falls inside a UTF-8 character, nor between a backslash and the character
    it escapes (some clients unescape before unfolding). icalendar 7.3 folds character by
    character in Python, which was most of the cost of a 10,000-event build; this works on
    the encoded bytes instead.
    """
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return raw + b"\r\n"
    parts = []
    start, width = 0, 75  # continuation lines start with a space, so they carry 74 octets
    while len(raw) - start > width:
        cut = start + width
        while raw[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character's start
            cut -= 1
        run = 0
        while raw[cut - 1 - run] == 0x5C and cut - 1 - run > start:  # backslashes before the cut
            run += 1
        if run % 2:
            cut -= 1
        parts.append(raw[start:cut])
        start, width = cut, 74
    parts.append(raw[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def serialise(components: list[VEvent]) -> bytes:
    """The components' iCalendar text: icalendar writes each content line, `fold` folds it."""
    return b"".join(fold(line) for component in components for line in component.content_lines() if line)
