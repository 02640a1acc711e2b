"""What listings and pages say about an event, worked out once from the record and taxonomies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..formatting import time_range, weekday_date
from ..models.event import Event, EventStatus
from ..occurrences import Occurrence
from ..portal import Portal
from ..records import Record

ACCESS_LABELS = {
    "step_free": "Step-free access",
    "accessible_toilet": "Accessible toilet",
    "hearing_loop": "Hearing loop",
    "bsl": "BSL interpreter",
    "speech_to_text": "Speech-to-text",
    "easy_read": "Easy read papers",
    "large_print": "Large print papers",
    "quiet_space": "Quiet space",
    "childcare": "Childcare",
    "travel_costs": "Travel costs paid",
    "carer_costs": "Carer costs paid",
}
AVAILABILITY_WORDS = {"yes": "Yes", "no": "No", "on-request": "On request", "unknown": "Not known"}


def attendance(event: Event) -> str:
    """in-person, online or hybrid."""
    if event.online and event.venue:
        return "hybrid"
    return "online" if event.online else "in-person"


def is_free(event: Event) -> bool:
    return event.cost.strip().lower() in {"free", "free of charge", "no charge", "£0"}


def when_text(occ: Occurrence) -> str:
    """'Thursday 3 December 2026, 6:30pm to 8pm' (GOV.UK style)."""
    text = weekday_date(occ.day)
    if occ.last_day != occ.day:
        text += f" to {weekday_date(occ.last_day)}"
    times = time_range(occ.start, occ.end)
    return f"{text}, {times}" if times else f"{text} (all day)"


@dataclass(frozen=True)
class EventItem:
    """One occurrence as a listing shows it."""

    occurrence: Occurrence
    record: Record[Event]
    organiser: str
    place: str
    method: str
    level: str
    access_yes: tuple[str, ...]
    status: str

    @property
    def event(self) -> Event:
        return self.record.model

    @property
    def when(self) -> str:
        return when_text(self.occurrence)

    @property
    def month(self) -> date:
        return self.occurrence.day.replace(day=1)


def item(portal: Portal, occ: Occurrence) -> EventItem:
    record = portal.events[occ.event_id]
    e = record.model
    org = portal.organisations[e.organiser]
    mode = attendance(e)
    if e.venue:
        place = portal.venues[e.venue].name + (" and online" if mode == "hybrid" else "")
    else:
        place = "Online"
    method = portal.methods[e.method]
    access = tuple(label for key, label in ACCESS_LABELS.items() if getattr(e.access, key).value == "yes")
    status = e.status.value if e.status is not EventStatus.SCHEDULED else ""
    return EventItem(
        occurrence=occ,
        record=record,
        organiser=org.short_name or org.name,
        place=place,
        method=method.name,
        level=method.level.value,
        access_yes=access,
        status=status,
    )
