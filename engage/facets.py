"""The ways residents narrow the calendar: by area, topic, group, organiser, type and more.

Listings (a static page per value) and feeds (a feed per value) both use these, so a
facet page and its feed always hold the same events.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import access as access_facts
from .event_words import ACCESS_LABELS, attendance, is_free
from .memo import IdentityMemo
from .models.event import Event
from .models.types import ContinuumLevel
from .portal import Portal


@dataclass(frozen=True)
class Facet:
    """One way of filtering, such as 'area'."""

    key: str
    label: str
    feed: bool
    """Whether each value gets its own calendar feed."""


FACETS: tuple[Facet, ...] = (
    Facet("area", "Area", True),
    Facet("topic", "Topic", True),
    Facet("group", "Group", True),
    Facet("organiser", "Organiser", True),
    Facet("type", "Type of event", True),
    Facet("level", "Level of involvement", True),
    Facet("attendance", "In person or online", False),
    Facet("cost", "Cost", False),
    Facet("access", "Access", True),
)

ATTENDANCE_NAMES = {"in-person": "In person", "online": "Online", "hybrid": "In person and online"}
COST_NAMES = {"free": "Free", "paid": "Paid"}
ACCESS_VALUES = {
    key.replace("_", "-"): f"{label} (available or on request)"
    for key, label in {**ACCESS_LABELS, **access_facts.ONLINE_LABELS}.items()
}
"""An access filter holds events where the arrangement is there or can be asked for; the name says so."""


_VALUES: IdentityMemo[dict[str, tuple[str, ...]]] = IdentityMemo()


def values_of(portal: Portal, event: Event) -> dict[str, tuple[str, ...]]:
    """The facet values (ids) an event has, facet by facet (callers must not change the result)."""
    return _VALUES.get(id(event), (event, portal.methods[event.method]), lambda: _values_of(portal, event))


def _values_of(portal: Portal, event: Event) -> dict[str, tuple[str, ...]]:
    return {
        "area": tuple(event.areas),
        "topic": tuple(event.topics),
        "group": tuple(event.groups),
        "organiser": (event.organiser,),
        "type": (event.method,),
        "level": (portal.methods[event.method].level.value,),
        "attendance": (attendance(event),),
        "cost": ("free" if is_free(event) else "paid",),
        # There or on request; an online-only event never has a building's facts (step-free and the like).
        "access": tuple(key.replace("_", "-") for key in access_facts.offered(event, ACCESS_LABELS)),
    }


def names(portal: Portal, facet: str) -> dict[str, str]:
    """Every value a facet can take, id to display name, in display order."""
    if facet == "area":
        return {k: v.name for k, v in portal.areas.items()}
    if facet == "topic":
        return {k: v.name for k, v in portal.topics.items()}
    if facet == "group":
        return {k: v.name for k, v in portal.groups.items()}
    if facet == "organiser":
        return {k: v.name for k, v in portal.organisations.items()}
    if facet == "type":
        return {k: v.name for k, v in portal.methods.items()}
    if facet == "level":
        return {level.value: level.value.replace("-", " ").capitalize() for level in ContinuumLevel}
    if facet == "attendance":
        return dict(ATTENDANCE_NAMES)
    if facet == "cost":
        return dict(COST_NAMES)
    if facet == "access":
        return dict(ACCESS_VALUES)
    raise KeyError(facet)


def events_for(portal: Portal, facet: str, value: str) -> list[str]:
    """Ids of the events with `value` for `facet`, sorted."""
    return sorted(i for i, r in portal.events.items() if value in values_of(portal, r.model)[facet])
