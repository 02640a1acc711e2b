"""One recurrence rule: engage.occurrences expands it and says it in RFC 5545 terms; the feeds'
RRULE, the JSON-LD schedule and the calendar import read the same table (BYDAY_POSITION)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.rrule import rrulestr

from engage.calendar_import import _representable
from engage.models.event import Frequency, Recurrence, WeekOfMonth
from engage.occurrences import falls_on, rrule_parts, rule_dates, week_of_month

UNTIL = date(2028, 3, 31)


def _rules_starting(first: date) -> list[Recurrence]:
    """Every rule the model can say that starts on `first` (a monthly rule only on its own week)."""
    rules = [
        Recurrence(frequency=Frequency.WEEKLY, until=UNTIL),
        Recurrence(frequency=Frequency.FORTNIGHTLY, until=UNTIL),
    ]
    rules += [
        Recurrence(frequency=Frequency.MONTHLY, week_of_month=w, until=UNTIL) for w in WeekOfMonth if falls_on(first, w)
    ]
    return rules


FIRST_DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(0, 366, 5)]


def _text(parts: dict[str, object]) -> str:
    return ";".join(f"{key}={value}" for key, value in parts.items())


@pytest.mark.parametrize("first", FIRST_DAYS, ids=str)
def test_the_rrule_gives_exactly_the_dates_occurrences_expands(first: date) -> None:
    for rule in _rules_starting(first):
        expected = rule_dates(first, rule)
        parts = {**rrule_parts(first, rule), "UNTIL": UNTIL.strftime("%Y%m%d")}
        found = [d.date() for d in rrulestr(f"RRULE:{_text(parts)}", dtstart=first, cache=False)]
        assert (rule, found) == (rule, expected)


@pytest.mark.parametrize("first", FIRST_DAYS, ids=str)
def test_the_calendar_import_reads_back_the_rule_the_feeds_write(first: date) -> None:
    for rule in _rules_starting(first):
        parts = {key: [value] for key, value in rrule_parts(first, rule).items()}
        expected: dict[str, str] = {"frequency": rule.frequency.value}
        if rule.week_of_month is not None:
            expected["week_of_month"] = rule.week_of_month.value
        assert _representable(parts, first) == expected


def test_which_week_of_its_month_a_day_falls_on() -> None:
    assert [w.value for w in WeekOfMonth if falls_on(date(2026, 12, 1), w)] == ["first"]
    assert [w.value for w in WeekOfMonth if falls_on(date(2026, 12, 22), w)] == ["fourth"]
    assert [w.value for w in WeekOfMonth if falls_on(date(2026, 12, 25), w)] == ["fourth", "last"]
    assert [w.value for w in WeekOfMonth if falls_on(date(2026, 12, 29), w)] == ["last"]


def test_a_fifth_weekday_is_no_monthly_rule() -> None:
    """29 December 2026 is the fifth Tuesday: only 'last' says it, and the import agrees."""
    first = date(2026, 12, 29)
    assert week_of_month(first) == (4, True)
    assert [r.week_of_month for r in _rules_starting(first) if r.frequency is Frequency.MONTHLY] == [WeekOfMonth.LAST]
    assert _representable({"FREQ": ["MONTHLY"], "BYDAY": ["5TU"]}, first) is None
