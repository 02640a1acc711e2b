"""When an evaluation's follow-up is due, and whether it is overdue: one rule for checks, pages and data.

The engagement self-assessment asks for follow-up measurement "at least 6 months after
interventions have ended". The follow-up is due six calendar months after `ends` (or on a later
`follow_up_due`); it is done when every measure has a follow-up reading on or after that day,
and overdue when that day has passed without one. An evaluation without measures has nothing to
follow up.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .models.evaluation import Evaluation, EvaluationMeasure

FOLLOW_UP_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day (31 August -> 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def earliest_due(evaluation: Evaluation) -> date:
    """Six months after the engagement ended: the earliest a follow-up may be due."""
    return add_months(evaluation.ends, FOLLOW_UP_MONTHS)


def due(evaluation: Evaluation) -> date:
    return evaluation.follow_up_due or earliest_due(evaluation)


class FollowUpState(StrEnum):
    """Where an evaluation's follow-up stands on a day."""

    NONE = "none"
    """No measures, so nothing to follow up."""
    NOT_YET_DUE = "not-yet-due"
    DONE = "done"
    OVERDUE = "overdue"


def measure_done(measure: EvaluationMeasure, due_day: date) -> bool:
    return any(r.date >= due_day for r in measure.follow_up)


def state(evaluation: Evaluation, today: date) -> FollowUpState:
    if not evaluation.measures:
        return FollowUpState.NONE
    due_day = due(evaluation)
    if all(measure_done(m, due_day) for m in evaluation.measures):
        return FollowUpState.DONE
    return FollowUpState.OVERDUE if today > due_day else FollowUpState.NOT_YET_DUE


@dataclass(frozen=True)
class FollowUp:
    """An evaluation's follow-up as pages show it."""

    due: date
    state: FollowUpState
    missing: tuple[str, ...]
    """Names of measures still without a follow-up reading on or after the due day."""


def follow_up(evaluation: Evaluation, today: date) -> FollowUp:
    due_day = due(evaluation)
    missing = tuple(m.name for m in evaluation.measures if not measure_done(m, due_day))
    return FollowUp(due_day, state(evaluation, today), missing)
