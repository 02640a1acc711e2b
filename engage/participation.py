"""Participation over time: events held and people who took part, by organisation and by quarter.

Events held count dated occurrences, as on the coverage page (`coverage.in_window`, cancelled
and postponed ones left out). People who took part come from each event's `attendees`, recorded
after it: an event's figure counts once, in the quarter of its first date held, and only where
it was recorded, so every figure says how many events it rests on.

A total adds only figures that are published one by one: an event's attendance under 5 is
withheld on its page and in the open data (`disclosure`), so adding it to a total beside its
published companions would give it away by subtraction (a partner's 43 less its other event's
40). Such events are counted and named as "fewer than 5" instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .coverage import NOT_HELD, in_window
from .disclosure import SMALL_COUNT, is_small
from .occurrences import Occurrence
from .portal import Portal

QUARTERS = 8
"""How many quarters the trend shows at most, up to and including the current one: two years."""
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Tally:
    """Events held and people who took part, for an organisation or a quarter."""

    key: str
    name: str
    held: int
    """Dated occurrences held."""
    people: int
    """People who took part, summed over the events whose figure is published (5 or more)."""
    recorded: int
    """How many events recorded how many took part (published or withheld)."""
    events: int
    """How many different events were held."""
    withheld: int = 0
    """How many of the recorded events had fewer than 5 people: counted here, never added."""

    @property
    def people_text(self) -> str:
        """'412'; '412, plus 1 event with fewer than 5'; 'fewer than 5' when every figure is withheld."""
        if self.withheld == self.recorded:
            return f"fewer than {SMALL_COUNT}" + (f" at each of {self.withheld} events" if self.withheld > 1 else "")
        if not self.withheld:
            return f"{self.people:,}"
        events = "1 event" if self.withheld == 1 else f"{self.withheld} events"
        return f"{self.people:,}, plus {events} with fewer than {SMALL_COUNT}"


def quarter_of(day: date) -> date:
    """The first day of the quarter a day falls in."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_name(first: date) -> str:
    """'Oct to Dec 2026'."""
    return f"{MONTH_NAMES[first.month - 1]} to {MONTH_NAMES[first.month + 1]} {first.year}"


def _people(figures: list[int | None]) -> tuple[int, int, int]:
    """The published people, the recorded events and the withheld ones among `figures`."""
    recorded = [n for n in figures if n is not None]
    withheld = [n for n in recorded if is_small(n)]
    return sum(n for n in recorded if not is_small(n)), len(recorded), len(withheld)


def _tally(portal: Portal, key: str, name: str, held: list[Occurrence]) -> Tally:
    events = sorted({o.event_id for o in held})
    people, recorded, withheld = _people([portal.events[e].model.attendees for e in events])
    return Tally(key, name, len(held), people, recorded, len(events), withheld)


def by_organisation(portal: Portal) -> list[Tally]:
    """Every organisation, by name, over the coverage window (the last 12 months)."""
    held = in_window(portal)
    return sorted(
        (
            _tally(portal, key, org.name, [o for o in held if portal.events[o.event_id].model.organiser == key])
            for key, org in portal.organisations.items()
        ),
        key=lambda t: (t.name, t.key),
    )


def by_quarter(portal: Portal) -> list[Tally]:
    """The last QUARTERS quarters up to today, oldest first, from the first quarter anything was held.

    An event's people count in the first quarter it was held."""
    current = quarter_of(portal.today)
    firsts = []
    year, month = current.year, current.month
    for _ in range(QUARTERS):
        firsts.append(date(year, month, 1))
        month -= 3
        if month < 1:
            month += 12
            year -= 1
    firsts.reverse()
    held = [
        o
        for o in portal.occurrences
        if firsts[0] <= o.day <= portal.today and portal.events[o.event_id].model.status not in NOT_HELD
    ]
    if held:
        # No empty lead-in: the trend starts with the first quarter anything was held.
        firsts = [f for f in firsts if f >= quarter_of(min(o.day for o in held))]
    first_quarter: dict[str, date] = {}
    for o in held:
        first_quarter.setdefault(o.event_id, quarter_of(o.day))
    out = []
    for first in firsts:
        in_quarter = [o for o in held if quarter_of(o.day) == first]
        tally = _tally(portal, first.isoformat(), quarter_name(first), in_quarter)
        starting = [e for e, q in first_quarter.items() if q == first]
        people, recorded, withheld = _people([portal.events[e].model.attendees for e in starting])
        out.append(Tally(tally.key, tally.name, tally.held, people, recorded, tally.events, withheld))
    return out
