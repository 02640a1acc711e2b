"""Access arrangements: their names, which need a building, and who can ask for them.

One home for what each access fact is called and how filters read it. An arrangement counts
for a resident when it is there ("yes") or can be asked for ("on-request"): a Deaf resident
filtering on BSL must find the events where an interpreter comes if asked. Physical facts
(step-free access and the like) belong to a venue, so an online-only event never has them;
online events have their own facts (captions, BSL on screen, dial-in, recording).
"""

from __future__ import annotations

from .models.event import Availability, Event

PHYSICAL = ("step_free", "accessible_toilet", "hearing_loop", "quiet_space", "childcare", "travel_costs")
"""Facts about a building or getting to it; they do not apply to an event with no venue."""

ONLINE_LABELS = {
    "captions": "Live captions",
    "bsl_on_screen": "BSL interpreter on screen",
    "dial_in": "Join by phone (dial-in)",
    "recording": "Recording afterwards",
}
"""Access facts of the online part of an event, from its `online` block."""

OFFERED = frozenset({Availability.YES, Availability.ON_REQUEST})
"""What a filter on an arrangement includes: there, or there if asked for."""


def in_person_facts(event: Event, labels: dict[str, str]) -> dict[str, Availability]:
    """The in-person access facts that apply to the event (none of the physical ones when it is online only)."""
    return {key: getattr(event.access, key) for key in labels if not (event.venue is None and key in PHYSICAL)}


def online_facts(event: Event) -> dict[str, Availability]:
    """The online access facts, for an online or hybrid event."""
    if event.online is None:
        return {}
    return {key: getattr(event.online, key) for key in ONLINE_LABELS}


def facts(event: Event, labels: dict[str, str]) -> dict[str, Availability]:
    """Every access fact that applies to the event, in-person first."""
    return {**in_person_facts(event, labels), **online_facts(event)}


def offered(event: Event, labels: dict[str, str]) -> tuple[str, ...]:
    """Keys of the arrangements there or available on request (what access filters match)."""
    return tuple(key for key, value in facts(event, labels).items() if value in OFFERED)
