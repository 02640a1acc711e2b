"""Engagement coverage: over the last 12 months, which levels, areas and groups engagement reached.

The window is the 365 days up to and including today: an occurrence counts when its day is in
(today - 365 days, today]. Each dated occurrence counts once (a monthly drop-in held eleven
times is eleven chances to take part). Cancelled and postponed events did not take place on the
day listed, so they do not count as engagement.

Every level of the continuum, every area and every group appears, with none at zero, so the
gaps can be named; those held on fewer dates than `settings.coverage_thin_below` are named as
thin spots, so three groups reached once each are not reported as "every group had some".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .models.event import EventStatus
from .models.types import ContinuumLevel
from .occurrences import Occurrence
from .portal import Portal

WINDOW_DAYS = 365
NOT_HELD = {EventStatus.CANCELLED, EventStatus.POSTPONED}


@dataclass(frozen=True)
class Bucket:
    """One figure: the occurrences behind a level, an area or a group."""

    facet: str
    """'level', 'area' or 'group'."""
    key: str
    name: str
    occurrences: tuple[Occurrence, ...]
    """Oldest first."""

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def event_count(self) -> int:
        """How many distinct events (a repeating event counts once)."""
        return len({o.event_id for o in self.occurrences})


@dataclass(frozen=True)
class Coverage:
    """Engagement in the window, by level of the continuum, by area and by group."""

    first_day: date
    """The first day in the window."""
    last_day: date
    """Today, the last day in the window."""
    total: Bucket
    levels: tuple[Bucket, ...]
    """In continuum order, least to most power shared."""
    areas: tuple[Bucket, ...]
    """By area name."""
    groups: tuple[Bucket, ...]
    """By group name."""
    thin_below: int = 1
    """A figure under this (but above zero) is a thin spot."""

    def thin(self, facet: str) -> tuple[Bucket, ...]:
        """The levels, areas or groups with some engagement, but on fewer dates than `thin_below`."""
        return tuple(b for b in getattr(self, facet) if 0 < b.count < self.thin_below)

    def without(self, facet: str) -> tuple[Bucket, ...]:
        """The levels, areas or groups with no engagement in the window."""
        return tuple(b for b in getattr(self, facet) if b.count == 0)


def level_name(level: ContinuumLevel) -> str:
    """'forums-for-debate' -> 'Forums for debate'."""
    text = level.value.replace("-", " ")
    return text[:1].upper() + text[1:]


def in_window(portal: Portal) -> list[Occurrence]:
    """Occurrences held in the 365 days up to today, oldest first."""
    first = portal.today - timedelta(days=WINDOW_DAYS - 1)
    return [
        o
        for o in portal.occurrences
        if first <= o.day <= portal.today and portal.events[o.event_id].model.status not in NOT_HELD
    ]


def coverage(portal: Portal) -> Coverage:
    held = in_window(portal)
    by_level: dict[str, list[Occurrence]] = {level.value: [] for level in ContinuumLevel}
    by_area: dict[str, list[Occurrence]] = {key: [] for key in portal.areas}
    by_group: dict[str, list[Occurrence]] = {key: [] for key in portal.groups}
    for occ in held:
        event = portal.events[occ.event_id].model
        by_level[portal.methods[event.method].level.value].append(occ)
        for area in event.areas:
            by_area[area].append(occ)
        for group in event.groups:
            by_group[group].append(occ)
    levels = tuple(
        Bucket("level", level.value, level_name(level), tuple(by_level[level.value])) for level in ContinuumLevel
    )
    areas = tuple(
        sorted(
            (Bucket("area", key, portal.areas[key].name, tuple(found)) for key, found in by_area.items()),
            key=lambda b: (b.name, b.key),
        )
    )
    groups = tuple(
        sorted(
            (Bucket("group", key, portal.groups[key].name, tuple(found)) for key, found in by_group.items()),
            key=lambda b: (b.name, b.key),
        )
    )
    return Coverage(
        first_day=portal.today - timedelta(days=WINDOW_DAYS - 1),
        last_day=portal.today,
        total=Bucket("all", "all", "All engagement", tuple(held)),
        levels=levels,
        areas=areas,
        groups=groups,
        thin_below=portal.settings.coverage_thin_below,
    )
