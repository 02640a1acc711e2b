"""The shared forward plan: possible clashes, consultation fatigue and joint opportunities.

Partners engaging the same communities at the same time is a named risk ("duplication and
inefficiencies"). These rules are written once and used by `engage validate` (a clash is a
warning), the /planning/ page and the planning feed.

- A **possible clash** is two events by different organisers whose dates overlap (an event runs
  from `date` to `end_date`) and that name a same area or a same group. Cancelled events and
  repeating meetings (a standing forum is known to everyone) are left out. The warning goes on the
  newer event: the one that starts later (on the same day, the later id), which is the one still
  easiest to move. A forward plan is about what is coming: a clash whose shared days are all
  before today is history, neither warned of nor shown.
- An **ask** is an event that asks people something: any method above "giving information" on
  the continuum. **Consultation fatigue** is a group or an area asked more than
  `fatigue_limit` times within any `fatigue_window_days` (settings). Events that name every area
  are district-wide: they count for the groups they name, not against each area.
- A **joint opportunity** is a clash or a fatigue window seen the other way round: partners who
  could run one session together instead of two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .models.event import Event, EventStatus
from .models.types import ContinuumLevel


@dataclass(frozen=True)
class Clash:
    """Two events by different partners, on overlapping dates, reaching the same people."""

    older: str
    """The id of the event that starts first (on the same day, the earlier id)."""
    newer: str
    """The id of the event the warning is given on."""
    areas: tuple[str, ...]
    """Area ids both name, sorted."""
    groups: tuple[str, ...]
    """Group ids both name, sorted."""
    first_day: date
    """The first day both run."""
    last_day: date
    """The last day both run: the clash is over once this day has passed."""


@dataclass(frozen=True)
class Fatigue:
    """A group or an area asked more often than the settings allow within one window."""

    facet: str
    """'group' or 'area'."""
    key: str
    """The group's or area's id."""
    first_day: date
    """The first day of the busiest window (the day of its first ask)."""
    last_day: date
    """The last day of that window."""
    events: tuple[str, ...]
    """The events asking in that window, in date order."""
    organisers: tuple[str, ...]
    """The organisations (ids) behind them, sorted."""


def span(event: Event) -> tuple[date, date]:
    """The days an event runs, first and last."""
    return event.date, event.end_date or event.date


def _order(events: Mapping[str, Event], event_id: str) -> tuple[date, str]:
    return events[event_id].date, event_id


def plannable(event: Event) -> bool:
    """Whether an event takes part in clash checks: held, and not a repeating meeting."""
    return event.status != EventStatus.CANCELLED and event.recurrence is None


def clashes(events: Mapping[str, Event], today: date) -> list[Clash]:
    """Every possible clash not yet over on `today`, in the order of the newer event's date, then ids."""
    # Each event's span and reach worked out once: the pairwise loop is the hot part at 10,000 events.
    # An event that ended before today cannot share a day from today on, so it is left out at once.
    plans = sorted(
        (e.date, event_id, (e.end_date or e.date), e.organiser, frozenset(e.areas), frozenset(e.groups))
        for event_id, e in events.items()
        if plannable(e) and (e.end_date or e.date) >= today
    )
    out: list[Clash] = []
    for index, (_, older, a_last, a_org, a_areas, a_groups) in enumerate(plans):
        for later in range(index + 1, len(plans)):
            b_first, newer, b_last, b_org, b_areas, b_groups = plans[later]
            if b_first > a_last:
                # Sorted by first day: every event after this one starts after `older` ends.
                break
            if a_org == b_org:
                continue
            areas = a_areas & b_areas
            groups = a_groups & b_groups
            if areas or groups:
                last = min(a_last, b_last)
                out.append(Clash(older, newer, tuple(sorted(areas)), tuple(sorted(groups)), b_first, last))
    return sorted(out, key=lambda c: (*_order(events, c.newer), c.older))


def asking_method(event: Event, levels: Mapping[str, ContinuumLevel]) -> bool:
    """Whether an event's method asks people something (above 'giving information' on the continuum)."""
    level = levels.get(event.method)
    return level is not None and level != ContinuumLevel.GIVING_INFORMATION


def asks(event: Event, levels: Mapping[str, ContinuumLevel]) -> bool:
    """Whether an event will ask people something: an asking method, and not cancelled."""
    return event.status != EventStatus.CANCELLED and asking_method(event, levels)


def fatigue(
    events: Mapping[str, Event],
    levels: Mapping[str, ContinuumLevel],
    all_areas: set[str],
    limit: int,
    window_days: int,
    since: date = date.min,
) -> list[Fatigue]:
    """Groups and areas asked more than `limit` times within `window_days`, from `since` on.

    For each group or area, the busiest window is reported once: the run of asks starting on
    the day of an ask that holds the most asks (the earliest such window on a tie).
    """
    dated: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for event_id, event in events.items():
        if event.date < since or event.recurrence is not None or not asks(event, levels):
            continue
        keys: list[tuple[str, str]] = [("group", g) for g in event.groups]
        if not all_areas or not all_areas <= set(event.areas):
            keys += [("area", a) for a in event.areas]
        for facet_key in keys:
            dated.setdefault(facet_key, []).append((event.date, event_id))
    out: list[Fatigue] = []
    for (facet, key), found in sorted(dated.items()):
        found.sort()
        # Two pointers over the sorted asks: linear, so a big archive stays fast.
        best = (0, 0)
        end = 0
        for begin, (start, _) in enumerate(found):
            while end < len(found) and found[end][0] < start + timedelta(days=window_days):
                end += 1
            if end - begin > best[1] - best[0]:
                best = (begin, end)
        best_asks = found[best[0] : best[1]]
        if len(best_asks) > limit:
            first = best_asks[0][0]
            organisers = tuple(sorted({events[i].organiser for _, i in best_asks}))
            out.append(
                Fatigue(
                    facet,
                    key,
                    first,
                    first + timedelta(days=window_days - 1),
                    tuple(i for _, i in best_asks),
                    organisers,
                )
            )
    return out
