"""Evaluations: dates in order, follow-up due at least six months after the engagement ended."""

from __future__ import annotations

from ..follow_up import earliest_due
from ..formatting import long_date
from ..loading import Loaded
from ..problems import Problem


def check(loaded: Loaded) -> list[Problem]:
    out: list[Problem] = []
    for r in loaded.evaluations:
        e = r.model
        if e.ends < e.starts:
            out.append(
                r.problem(
                    "end-before-start",
                    ("ends",),
                    f"ends on {long_date(e.ends)}, before it starts on {long_date(e.starts)}",
                )
            )
            continue
        earliest = earliest_due(e)
        if e.follow_up_due is not None and e.follow_up_due < earliest:
            out.append(
                r.problem(
                    "date-order",
                    ("follow_up_due",),
                    f"the follow-up must be at least six months after the engagement ended on {long_date(e.ends)}: "
                    f"{long_date(earliest)} or later, found {long_date(e.follow_up_due)}",
                )
            )
        for index, measure in enumerate(e.measures):
            path = ("measures", index)
            if measure.after is not None and measure.after.date < measure.baseline.date:
                out.append(
                    r.problem(
                        "date-order",
                        (*path, "after", "date"),
                        f"the after value ({long_date(measure.after.date)}) is dated before the baseline ({long_date(measure.baseline.date)})",
                    )
                )
            for f_index, reading in enumerate(measure.follow_up):
                if reading.date <= e.ends:
                    out.append(
                        r.problem(
                            "date-order",
                            (*path, "follow_up", f_index, "date"),
                            f"a follow-up reading comes after the engagement ended on {long_date(e.ends)}, found {long_date(reading.date)}",
                        )
                    )
    return out
