"""Dates and times must make sense on their own and against each other."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..formatting import long_date, short_time
from ..loading import Loaded
from ..models.event import EventStatus, Frequency
from ..occurrences import falls_on, rule_dates
from ..problems import Problem
from ..records import Record

MAX_EVENT_DAYS = 366
"""The longest an event over several days may run."""
MAX_RECURRENCE_DAYS = 5 * 365 + 1
"""The longest a recurring series may run from its first date (five years)."""


def valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _event(r: Record) -> list[Problem]:  # type: ignore[type-arg]
    e = r.model
    out: list[Problem] = []
    if e.timezone is not None and not valid_timezone(e.timezone):
        out.append(
            r.problem("unknown-timezone", ("timezone",), f"'{e.timezone}' is not a time zone such as Europe/London")
        )
    if (e.start_time is None) != (e.end_time is None):
        given, missing = ("start_time", "end_time") if e.end_time is None else ("end_time", "start_time")
        # Point at the time that is there: the missing one has no line of its own.
        out.append(
            r.problem(
                "missing-field",
                (given,),
                f"{given} is given but {missing} is not; give both, or neither for an all-day event",
            )
        )
    if e.end_date is not None and e.end_date < e.date:
        out.append(
            r.problem(
                "end-before-start",
                ("end_date",),
                f"ends on {long_date(e.end_date)}, before it starts on {long_date(e.date)}",
            )
        )
    elif e.end_date is not None and (e.end_date - e.date).days >= MAX_EVENT_DAYS:
        # Every day of an event is a square on the month grids: a century-long one is a typo.
        out.append(
            r.problem(
                "too-long",
                ("end_date",),
                f"lasts from {long_date(e.date)} to {long_date(e.end_date)}; an event may last at most "
                f"{MAX_EVENT_DAYS} days (list a longer programme as separate or recurring events)",
            )
        )
    elif e.start_time and e.end_time and (e.end_date or e.date) == e.date and e.end_time <= e.start_time:
        out.append(
            r.problem(
                "end-before-start",
                ("end_time",),
                f"ends at {short_time(e.end_time)}, before it starts at {short_time(e.start_time)}",
            )
        )
    if e.venue is None and e.online is None:
        out.append(
            r.problem("missing-field", ("venue",), "say where it is: give a venue, or online joining details, or both")
        )
    if e.status is not EventStatus.SCHEDULED and not e.status_note:
        out.append(
            r.problem(
                "missing-field",
                ("status",),
                f"a {e.status.value} event needs a status_note saying why and what to do instead",
            )
        )
    if e.booking.by and e.booking.by > (e.end_date or e.date) and e.recurrence is None:
        out.append(
            r.problem(
                "date-order",
                ("booking", "by"),
                f"the booking deadline, {long_date(e.booking.by)}, is after the event on {long_date(e.end_date or e.date)}",
            )
        )
    if e.access.adjustments_by and e.access.adjustments_by > (e.end_date or e.date) and e.recurrence is None:
        out.append(
            r.problem(
                "date-order",
                ("access", "adjustments_by"),
                f"the date to ask for adjustments, {long_date(e.access.adjustments_by)}, is after the event on {long_date(e.end_date or e.date)}",
            )
        )
    if e.consultation is not None and e.consultation.closes < e.consultation.opens:
        out.append(
            r.problem(
                "closes-before-opens",
                ("consultation", "closes"),
                f"closes on {long_date(e.consultation.closes)}, before it opens on {long_date(e.consultation.opens)}",
            )
        )
    out += _recurrence(r)
    return out


def _recurrence(r: Record) -> list[Problem]:  # type: ignore[type-arg]
    e = r.model
    rule = e.recurrence
    if rule is None:
        return []
    out: list[Problem] = []
    if e.end_date is not None and e.end_date != e.date:
        out.append(
            r.problem("invalid-value", ("end_date",), "a recurring event happens on single days; leave out end_date")
        )
    if rule.until < e.date:
        out.append(
            r.problem(
                "end-before-start",
                ("recurrence", "until"),
                f"repeats until {long_date(rule.until)}, before its first date {long_date(e.date)}",
            )
        )
        return out
    if (rule.until - e.date).days > MAX_RECURRENCE_DAYS:
        # Each occurrence is listed and gridded; a series to 2099 would add hundreds of pages.
        out.append(
            r.problem(
                "too-long",
                ("recurrence", "until"),
                f"repeats from {long_date(e.date)} until {long_date(rule.until)}; a series may run at most "
                f"{MAX_RECURRENCE_DAYS // 365} years (set a nearer until and extend it later)",
            )
        )
        return out
    if rule.frequency is Frequency.MONTHLY:
        if rule.week_of_month is None:
            out.append(
                r.problem(
                    "missing-field",
                    ("recurrence", "week_of_month"),
                    "a monthly event needs week_of_month: first, second, third, fourth or last",
                )
            )
            return out
        if not falls_on(e.date, rule.week_of_month):
            out.append(
                r.problem(
                    "invalid-value",
                    ("recurrence", "week_of_month"),
                    f"the first date, {long_date(e.date)}, is not the {rule.week_of_month.value} {e.date.strftime('%A')} of its month",
                )
            )
            return out
    dates = set(rule_dates(e.date, rule))
    for index, day in enumerate(rule.skip):
        if day not in dates:
            out.append(
                r.problem(
                    "invalid-value", ("recurrence", "skip", index), f"{long_date(day)} is not one of the event's dates"
                )
            )
    for index, moved in enumerate(rule.moved):
        if moved.original in rule.skip:
            # Skipping would win and the moved occurrence would silently disappear.
            out.append(
                r.problem(
                    "invalid-value",
                    ("recurrence", "moved", index, "original"),
                    f"{long_date(moved.original)} is also in skip: an occurrence is either skipped or moved; remove it from one list",
                )
            )
        if moved.original not in dates:
            out.append(
                r.problem(
                    "invalid-value",
                    ("recurrence", "moved", index, "original"),
                    f"{long_date(moved.original)} is not one of the event's dates",
                )
            )
        start = moved.start_time or e.start_time
        end = moved.end_time or e.end_time
        if start and end and end <= start:
            # Name the time written in this entry; the other may be inherited from the event.
            field = "end_time" if moved.end_time is not None else "start_time"
            out.append(
                r.problem(
                    "end-before-start",
                    ("recurrence", "moved", index, field),
                    f"ends at {short_time(end)}, before it starts at {short_time(start)}",
                )
            )
    return out


def check(loaded: Loaded) -> list[Problem]:
    out: list[Problem] = []
    if loaded.settings and not valid_timezone(loaded.settings.model.timezone):
        out.append(
            loaded.settings.problem(
                "unknown-timezone",
                ("timezone",),
                f"'{loaded.settings.model.timezone}' is not a time zone such as Europe/London",
            )
        )
    for r in loaded.events:
        out += _event(r)
    events = {r.id: r.model for r in loaded.events}
    for rf in loaded.feedback:
        f = rf.model
        event = events.get(f.event)
        closes: date | None = None
        if event is not None:
            closes = event.consultation.closes if event.consultation else (event.end_date or event.date)
            if f.published < closes:
                out.append(
                    rf.problem(
                        "feedback-before-close",
                        ("published",),
                        f"published on {long_date(f.published)}, before the consultation closed on {long_date(closes)}",
                    )
                )
        if f.stage.value == "interim" and f.final_expected is None:
            out.append(
                rf.problem(
                    "missing-field",
                    ("final_expected",),
                    "interim feedback must say when the final feedback is expected",
                )
            )
        if f.final_expected is not None and f.final_expected < f.published:
            out.append(
                rf.problem(
                    "date-order", ("final_expected",), "final feedback is expected before this one was published"
                )
            )
        if f.decision is not None and closes is not None and f.decision.date < closes:
            out.append(
                rf.problem(
                    "date-order",
                    ("decision", "date"),
                    f"decided on {long_date(f.decision.date)}, before the consultation closed on {long_date(closes)}",
                )
            )
    for ra in loaded.eias:
        m = ra.model
        if m.completed > m.decision.date:
            out.append(
                ra.problem(
                    "completed-after-decision",
                    ("completed",),
                    f"completed on {long_date(m.completed)}, after the decision on {long_date(m.decision.date)} it should inform",
                )
            )
        if m.review_date <= m.decision.date:
            out.append(
                ra.problem(
                    "review-before-decision",
                    ("review_date",),
                    f"review date {long_date(m.review_date)} must be after the decision on {long_date(m.decision.date)}",
                )
            )
        if m.published < m.completed:
            out.append(
                ra.problem(
                    "date-order",
                    ("published",),
                    f"published on {long_date(m.published)}, before the assessment was completed on {long_date(m.completed)}",
                )
            )
    for rc in loaded.commitments:
        c = rc.model
        if c.ends <= c.starts:
            out.append(
                rc.problem(
                    "end-before-start",
                    ("ends",),
                    f"ends on {long_date(c.ends)}, before it starts on {long_date(c.starts)}",
                )
            )
        for index, measure in enumerate(c.measures):
            if measure.target.date < measure.baseline.date:
                out.append(
                    rc.problem(
                        "date-order", ("measures", index, "target", "date"), "the target date is before the baseline"
                    )
                )
    return out
