"""What an event's facts are called, and the two facts derived from its fields (attendance, cost).

Pages, feeds and facets all describe events with these, so they live below all three.
"""

from __future__ import annotations

from .models.event import Event

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
