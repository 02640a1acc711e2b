"""Month calendars: a grid per month at calendar/<yyyy>-<mm>/, and calendar/ for this month.

Months run from the first month with an event to the last, including empty months
between them within two years of today, so previous/next links skip no month near today;
further out only months with events get a page. Each page holds one month.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .. import urls
from ..formatting import month_name
from ..output import Page
from ..portal import Portal
from .event_view import EventItem, items, listing_order, zone_words

WEEKDAYS = tuple(calendar.day_name)
"""Monday first, as UK calendars are."""


def month_url(month: date) -> str:
    return urls.calendar_month(month.year, month.month)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class CalendarEntry:
    """An event on one day of the grid."""

    item: EventItem
    continues: bool
    """True on the second and later days of an event over several days."""


@dataclass(frozen=True)
class DayCell:
    """One square of the grid."""

    day: date
    in_month: bool
    today: bool
    entries: tuple[CalendarEntry, ...]


@dataclass(frozen=True)
class MonthLink:
    label: str
    url: str


def entries_by_day(portal: Portal) -> dict[date, list[CalendarEntry]]:
    """Every day that has events, with them in listing order; a multi-day event is on each of its days."""
    out: dict[date, list[CalendarEntry]] = defaultdict(list)
    for entry in items(portal, sorted(portal.occurrences, key=listing_order)):
        occ = entry.occurrence
        day = occ.day
        while day <= occ.last_day:
            out[day].append(CalendarEntry(entry, continues=day != occ.day))
            day += timedelta(days=1)
    for day_entries in out.values():
        # A continuing event sorts by the day it started on; put the day's own starts in time order after it.
        day_entries.sort(key=lambda c: (not c.continues, listing_order(c.item.occurrence)[1:]))
    return out


CONTINUOUS_MONTHS = 24
"""Within this many months either side of today every month gets a page, empty or not; further
out only months with events do, so one event a century away adds one page, not 1,200."""


def month_span(by_day: dict[date, list[CalendarEntry]], today: date | None = None) -> list[date]:
    """First days of every month from the first with an event to the last, near today;
    further away, only the months that have events."""
    if not by_day:
        return []
    months = {day.replace(day=1) for day in by_day}
    if today is None:
        near = sorted(months)
    else:
        low = add_months(today.replace(day=1), -CONTINUOUS_MONTHS)
        high = add_months(today.replace(day=1), CONTINUOUS_MONTHS)
        near = sorted(m for m in months if low <= m <= high)
    if near:
        month = near[0]
        while month < near[-1]:
            month = add_months(month, 1)
            months.add(month)
    return sorted(months)


def weeks(month: date, by_day: dict[date, list[CalendarEntry]], today: date) -> list[list[DayCell]]:
    return [
        [DayCell(day, day.month == month.month, day == today, tuple(by_day.get(day, ()))) for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(month.year, month.month)
    ]


def month_link(month: date) -> MonthLink:
    return MonthLink(month_name(month.year, month.month), month_url(month))


@dataclass(frozen=True)
class CalendarMonth:
    """The context of `engage/calendar.html`: one month's grid."""

    kind: Literal["calendar"]
    """Always 'calendar'."""
    title: str
    """'Events in December 2026'."""
    month: date
    """The month's first day."""
    month_name: str
    """'December 2026'."""
    weekdays: Sequence[str]
    """Column headings, Monday first."""
    weeks: Sequence[Sequence[DayCell]]
    """The grid, week by week, Monday first (days of other months included)."""
    event_count: int
    """Dates in the month (not in the days of other months the grid shows)."""
    previous: MonthLink | None
    """The month before with a page, if any."""
    next: MonthLink | None
    """The month after with a page, if any."""
    this_month: MonthLink | None
    """A link back to today's month, unless it is this one or next door."""
    is_this_month: bool
    """Whether the month is today's."""
    today: date
    """The build's day."""
    zone: str
    """The site's time zone in words."""


def month_context(
    portal: Portal, month: date, months: list[date], by_day: dict[date, list[CalendarEntry]]
) -> CalendarMonth:
    today_month = portal.today.replace(day=1)
    earlier = [m for m in months if m < month]
    later = [m for m in months if m > month]
    grid = weeks(month, by_day, portal.today)
    previous = earlier[-1] if earlier else None
    following = later[0] if later else None
    # A link back to today's month, unless this is it or it is already next door.
    back = today_month not in (month, previous, following)
    return CalendarMonth(
        kind="calendar",
        title=f"Events in {month_name(month.year, month.month)}",
        month=month,
        month_name=month_name(month.year, month.month),
        weekdays=WEEKDAYS,
        weeks=grid,
        event_count=len({c.item.occurrence for week in grid for d in week if d.in_month for c in d.entries}),
        previous=month_link(previous) if previous else None,
        next=month_link(following) if following else None,
        this_month=MonthLink(month_name(today_month.year, today_month.month), urls.calendar()) if back else None,
        is_this_month=month == today_month,
        today=portal.today,
        zone=zone_words(portal.settings.timezone),
    )


def calendar_pages(portal: Portal) -> list[Page]:
    by_day = entries_by_day(portal)
    months = month_span(by_day, portal.today)
    out = []
    for month in months:
        context = month_context(portal, month, months, by_day)
        out.append(
            Page(
                url=month_url(month),
                title=context.title,
                template="engage/calendar.html",
                description=f"A calendar of engagement events in {context.month_name}.",
                context=context,
            )
        )
    # calendar/ always shows today's month, even one with no events outside the span.
    this_month = portal.today.replace(day=1)
    context = month_context(portal, this_month, months, by_day)
    out.append(
        Page(
            url=urls.calendar(),
            title=context.title,
            template="engage/calendar.html",
            description="This month's engagement events, as a calendar.",
            context=context,
            searchable=True,
        )
    )
    return out


def pages(portal: Portal) -> list[Page]:
    return calendar_pages(portal)
