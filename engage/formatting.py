"""Dates, times and numbers written the way GOV.UK style asks: '4 June 2026', '6:30pm'."""

from __future__ import annotations

from datetime import date, time


def long_date(day: date) -> str:
    """4 June 2026"""
    return f"{day.day} {day:%B %Y}"


def weekday_date(day: date) -> str:
    """Thursday 3 December 2026"""
    return f"{day:%A} {long_date(day)}"


def short_time(moment: time) -> str:
    """6:30pm, 10am, midday."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def time_range(start: time | None, end: time | None) -> str:
    """'6:30pm to 8pm', or '' for an all-day event."""
    if start is None:
        return ""
    if end is None:
        return short_time(start)
    return f"{short_time(start)} to {short_time(end)}"


def month_name(year: int, month: int) -> str:
    return f"{date(year, month, 1):%B %Y}"
