"""Dates of things that must already have happened cannot be in the future.

An EIA cannot have been completed, signed off or published tomorrow, nor feedback published
next week: a future date there is a typo, and the register would show it inconsistently (listed
as published, dated later). Dates of things still to come (decisions, reviews, due dates,
targets) are not checked here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..formatting import long_date
from ..loading import Loaded
from ..models.parts import Action
from ..problems import Problem
from ..records import Record
from ..yaml_reader import Path


def _past(record: Record[Any], today: date, path: Path, day: date | None, what: str) -> list[Problem]:
    if day is None or day <= today:
        return []
    return [
        record.problem(
            "future-date",
            path,
            f"{what} on {long_date(day)}, which is after today ({long_date(today)}); write the date it happened",
        )
    ]


def _updates(record: Record[Any], today: date, actions: Iterable[Action]) -> list[Problem]:
    out: list[Problem] = []
    for a_index, action in enumerate(actions):
        for u_index, update in enumerate(action.updates):
            out += _past(
                record, today, ("actions", a_index, "updates", u_index, "date"), update.date, "progress written"
            )
    return out


def check(loaded: Loaded, today: date) -> list[Problem]:
    out: list[Problem] = []
    for ra in loaded.eias:
        m = ra.model
        out += _past(ra, today, ("completed",), m.completed, "completed")
        out += _past(ra, today, ("sign_off", "date"), m.sign_off.date, "signed off")
        if m.quality_assurance is not None:
            out += _past(ra, today, ("quality_assurance", "date"), m.quality_assurance.date, "quality-assured")
        out += _past(ra, today, ("published",), m.published, "published")
        out += _past(ra, today, ("updated",), m.updated, "updated")
        out += _updates(ra, today, m.actions)
    for rf in loaded.feedback:
        out += _past(rf, today, ("published",), rf.model.published, "published")
        out += _past(rf, today, ("updated",), rf.model.updated, "updated")
    for rc in loaded.commitments:
        c = rc.model
        out += _past(rc, today, ("published",), c.published, "published")
        out += _past(rc, today, ("updated",), c.updated, "updated")
        out += _updates(rc, today, c.actions)
        for index, measure in enumerate(c.measures):
            out += _past(rc, today, ("measures", index, "baseline", "date"), measure.baseline.date, "baseline measured")
            for r_index, reading in enumerate(measure.progress):
                out += _past(rc, today, ("measures", index, "progress", r_index, "date"), reading.date, "measured")
    return out
