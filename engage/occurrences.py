"""Expand an event's recurrence rule into the dates it actually happens on.

The same rule is written into feeds as RRULE/EXDATE/RECURRENCE-ID; this module
is what listings and month grids use, and tests compare the two.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time, timedelta

from .models.event import Event, Frequency, Recurrence, WeekOfMonth

_NTH = {WeekOfMonth.FIRST: 0, WeekOfMonth.SECOND: 1, WeekOfMonth.THIRD: 2, WeekOfMonth.FOURTH: 3}
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


def week_of_month(day: date) -> tuple[int, bool]:
    """(0-based week index of this weekday in its month, whether it is the last one)."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7, day.day + 7 > days_in_month


def _monthly(first: date, which: WeekOfMonth, until: date) -> list[date]:
    out: list[date] = []
    year, month = first.year, first.month
    while True:
        weeks = calendar.Calendar().monthdatescalendar(year, month)
        candidates = [w[first.weekday()] for w in weeks if w[first.weekday()].month == month]
        day = candidates[-1] if which is WeekOfMonth.LAST else candidates[_NTH[which]] if len(candidates) > _NTH[which] else None
        if day is not None and day > until:
            return out
        if day is not None and day >= first:
            out.append(day)
        if len(out) >= MAX_OCCURRENCES:
            return out
        month += 1
        if month > 12:
            year, month = year + 1, 1


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


def expand(event_id: str, event: Event) -> list[Occurrence]:
    """All occurrences of an event, in date order."""
    last_day = event.end_date or event.date
    if event.recurrence is None:
        return [Occurrence(event.date, event_id, event.start_time, event.end_time, last_day)]
    rule = event.recurrence
    skipped = set(rule.skip)
    moved = {m.original: m for m in rule.moved}
    out: list[Occurrence] = []
    for day in rule_dates(event.date, rule):
        if day in skipped:
            continue
        change = moved.get(day)
        if change is None:
            out.append(Occurrence(day, event_id, event.start_time, event.end_time, day))
        else:
            out.append(
                Occurrence(
                    change.date, event_id, change.start_time or event.start_time,
                    change.end_time or event.end_time, change.date, original=day, note=change.note,
                )
            )
    return sorted(out)
