"""Expand an event's recurrence rule into the dates it actually happens on.

The same rule is written into feeds as RRULE/RECURRENCE-ID; this module is what
listings and month grids use, and tests compare the two.

An event over several days with a start and an end time (`date`, `end_date`,
`start_time`, `end_time`, the end later in the day than the start) happens on each of
those days at those times, not in one block from the first start to the last end; an end
time at or before the start time means one block that runs overnight.

A skipped date is not a date the event happens on, but a subscriber whose calendar shows
it must hear that it is off: `expand(..., with_skipped=True)` gives it as a cancelled
occurrence, as the feeds write it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time, timedelta

from .models.event import Event, Frequency, Recurrence, WeekOfMonth

BYDAY_POSITION: dict[WeekOfMonth, int] = {
    WeekOfMonth.FIRST: 1,
    WeekOfMonth.SECOND: 2,
    WeekOfMonth.THIRD: 3,
    WeekOfMonth.FOURTH: 4,
    WeekOfMonth.LAST: -1,
}
"""Which weekday of its month a monthly rule takes, numbered as RFC 5545's BYDAY and
schema.org's byMonthWeek number it (-1 is the last). The one table: expansion here, the feeds'
RRULE, the JSON-LD schedule and the calendar import all read it."""

RFC_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""Weekdays as RFC 5545 writes them, Monday first (as `date.weekday()` counts)."""
MAX_OCCURRENCES = 1000


@dataclass(frozen=True, order=True)
class Occurrence:
    """One date an event happens on, with its times."""

    day: date
    event_id: str
    start: time | None
    end: time | None
    last_day: date
    original: date | None = None
    """For a moved occurrence: the date it would have been on."""
    note: str | None = None
    cancelled: bool = False
    """A skipped date of a recurring event (only with `expand(..., with_skipped=True)`)."""


def week_of_month(day: date) -> tuple[int, bool]:
    """(0-based week index of this weekday in its month, whether it is the last one)."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7, day.day + 7 > days_in_month


def falls_on(day: date, week: WeekOfMonth) -> bool:
    """Whether `day` is its weekday's `week` of its month (the 29th can be only the last)."""
    index, is_last = week_of_month(day)
    position = BYDAY_POSITION[week]
    return is_last if position < 0 else index + 1 == position


def _monthly(first: date, which: WeekOfMonth, until: date) -> list[date]:
    out: list[date] = []
    year, month = first.year, first.month
    while True:
        weeks = calendar.Calendar().monthdatescalendar(year, month)
        candidates = [w[first.weekday()] for w in weeks if w[first.weekday()].month == month]
        position = BYDAY_POSITION[which]
        day = candidates[-1] if position < 0 else candidates[position - 1] if len(candidates) >= position else None
        if day is not None and day > until:
            return out
        if day is not None and day >= first:
            out.append(day)
        if len(out) >= MAX_OCCURRENCES:
            return out
        month += 1
        if month > 12:
            year, month = year + 1, 1


def rrule_parts(first: date, rule: Recurrence) -> dict[str, object]:
    """The rule as RFC 5545 says it, without UNTIL: FREQ, INTERVAL for fortnightly, BYDAY for
    monthly ('-1TU'). `rule_dates` gives exactly the dates these parts give from `first`."""
    if rule.frequency is Frequency.MONTHLY:
        position = BYDAY_POSITION[rule.week_of_month or WeekOfMonth.FIRST]
        return {"FREQ": "MONTHLY", "BYDAY": f"{position}{RFC_WEEKDAYS[first.weekday()]}"}
    if rule.frequency is Frequency.FORTNIGHTLY:
        return {"FREQ": "WEEKLY", "INTERVAL": 2}
    return {"FREQ": "WEEKLY"}


def rule_dates(first: date, rule: Recurrence) -> list[date]:
    """Every date the rule gives from `first` to `until`, before skips and moves."""
    if rule.frequency is Frequency.MONTHLY:
        return _monthly(first, rule.week_of_month or WeekOfMonth.FIRST, rule.until)
    step = timedelta(weeks=1 if rule.frequency is Frequency.WEEKLY else 2)
    out: list[date] = []
    day = first
    while day <= rule.until and len(out) < MAX_OCCURRENCES:
        out.append(day)
        day += step
    return out


def daily_hours(event: Event) -> bool:
    """True for an event over several days that happens at the same times each day."""
    return (
        event.recurrence is None
        and event.end_date is not None
        and event.end_date > event.date
        and event.start_time is not None
        and event.end_time is not None
        and event.end_time > event.start_time
    )


def expand(event_id: str, event: Event, with_skipped: bool = False) -> list[Occurrence]:
    """All occurrences of an event, in date order; skipped dates too, cancelled, if asked."""
    last_day = event.end_date or event.date
    if daily_hours(event):
        days = min((last_day - event.date).days + 1, MAX_OCCURRENCES)
        return [
            Occurrence(day, event_id, event.start_time, event.end_time, day)
            for day in (event.date + timedelta(days=n) for n in range(days))
        ]
    if event.recurrence is None:
        return [Occurrence(event.date, event_id, event.start_time, event.end_time, last_day)]
    rule = event.recurrence
    skipped = set(rule.skip)
    moved = {m.original: m for m in rule.moved}
    out: list[Occurrence] = []
    for day in rule_dates(event.date, rule):
        if day in skipped:
            if with_skipped:
                out.append(Occurrence(day, event_id, event.start_time, event.end_time, day, cancelled=True))
            continue
        change = moved.get(day)
        if change is None:
            out.append(Occurrence(day, event_id, event.start_time, event.end_time, day))
        else:
            out.append(
                Occurrence(
                    change.date,
                    event_id,
                    change.start_time or event.start_time,
                    change.end_time or event.end_time,
                    change.date,
                    original=day,
                    note=change.note,
                )
            )
    return sorted(out)
