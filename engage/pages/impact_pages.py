"""Evaluations at impact/: the index (paged, PER_PAGE to a page, each page with its own chart and
table) with participation and follow-up, and a page per evaluation.

Counts of people under 5 are shown as 'fewer than 5' (feedback_pages.count_text), and case
studies not cleared for publication never appear. Every chart has a table with the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from markupsafe import Markup

from .. import follow_up, urls
from ..charts import Bar, Row, bar_chart, number
from ..disclosure import SMALL_COUNT, count_text, is_small
from ..follow_up import FollowUpState
from ..formatting import long_date
from ..models.commitment import Commitment
from ..models.evaluation import CaseStudy, Evaluation, EvaluationMeasure
from ..models.event import Event
from ..models.feedback import Feedback, QuoteConsent
from ..models.types import ContinuumLevel
from ..output import Page
from ..portal import Portal
from ..records import Record
from .paginate import Pager, paginate

FOLLOW_UP_WORDS = {
    follow_up.FollowUpState.NONE: "No measures to follow up",
    follow_up.FollowUpState.NOT_YET_DUE: "Not yet due",
    follow_up.FollowUpState.DONE: "Done",
    follow_up.FollowUpState.OVERDUE: "Overdue",
}


def levels(portal: Portal, evaluation: Evaluation) -> tuple[ContinuumLevel, ...]:
    """The continuum levels of the events evaluated, least to most power shared."""
    found = {portal.methods[portal.events[e].model.method].level for e in evaluation.events}
    return tuple(level for level in ContinuumLevel if level in found)


@dataclass(frozen=True)
class MeasureView:
    """A measure's readings in order, as the table and chart show them."""

    measure: EvaluationMeasure
    rows: tuple[tuple[str, str, str], ...]
    """(stage, date, value) rows: baseline, after, each follow-up."""
    chart: Markup


def _value(value: float, unit: str) -> str:
    return f"{number(value)}%" if unit == "%" else f"{number(value)} {unit}"


def measure_view(evaluation_id: str, index: int, measure: EvaluationMeasure) -> MeasureView:
    readings = [("Before", measure.baseline)]
    if measure.after is not None:
        readings.append(("After", measure.after))
    readings += [("Follow-up", r) for r in measure.follow_up]
    rows = tuple((stage, long_date(r.date), _value(r.value, measure.unit)) for stage, r in readings)
    chart = bar_chart(
        f"{evaluation_id}-measure-{index}",
        f"{measure.name}: before, after and follow-up",
        "Bar chart of the readings in the table after it. "
        + ("Higher is better." if measure.higher_is_better else "Lower is better."),
        [
            Row(f"{stage}, {day}", (Bar(r.value, value),))
            for (stage, r), (_, day, value) in zip(readings, rows, strict=True)
        ],
        scale=100.0 if measure.unit == "%" else None,
    )
    return MeasureView(measure, rows, chart)


def _people_bar(people: int) -> Bar:
    """A bar for a number of people; a count small enough to identify someone is not drawn."""
    return Bar(None if is_small(people) else float(people), count_text(people))


def reach_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> Markup:
    return bar_chart(
        chart_id,
        title,
        "Bar chart of the number of people who took part; the table after it gives the same numbers. "
        f"Counts under {SMALL_COUNT} are not drawn.",
        [Row(name, (_people_bar(n),)) for name, n in rows],
    )


@dataclass(frozen=True)
class EvaluationRow:
    """An evaluation as the index lists it."""

    id: str
    record: Evaluation
    levels: tuple[ContinuumLevel, ...]
    follow_up: follow_up.FollowUp
    attendance: str
    """The number of people, or 'fewer than 5'."""


@dataclass(frozen=True)
class ImpactIndex:
    """One page of the evaluations index."""

    title: str
    today: date
    pager: Pager[EvaluationRow]
    chart: Markup
    """People who took part in this page's evaluations (its table has the same numbers)."""
    overdue: tuple[EvaluationRow, ...]
    """Evaluations whose follow-up is overdue, the OVERDUE_SHOWN ended longest ago (first page only)."""
    overdue_count: int
    kind: Literal["impact-index"] = "impact-index"


@dataclass(frozen=True)
class EvaluationPage:
    """An evaluation's own page."""

    title: str
    id: str
    record: Evaluation
    levels: tuple[ContinuumLevel, ...]
    events: tuple[Record[Event], ...]
    organisations: tuple[str, ...]
    attendance: str
    groups: tuple[tuple[str, str], ...]
    """(group name, people in words) for each group reached."""
    areas: tuple[tuple[str, str], ...]
    groups_chart: Markup | None
    areas_chart: Markup | None
    measures: tuple[MeasureView, ...]
    follow_up: follow_up.FollowUp
    follow_up_words: Mapping[FollowUpState, str]
    case_studies: tuple[CaseStudy, ...]
    """Only those cleared for publication."""
    feedback: tuple[Record[Feedback], ...]
    commitments: tuple[Record[Commitment], ...]
    today: date
    kind: Literal["evaluation"] = "evaluation"


PER_PAGE = 30
"""Evaluations per page of the index (each page has its own chart of the same rows)."""
OVERDUE_SHOWN = 20
"""Overdue follow-ups named on the index's first page; every row of the table says its own state."""


def index_pages(portal: Portal) -> list[Page]:
    rows = [
        EvaluationRow(
            vid,
            record.model,
            levels(portal, record.model),
            follow_up.follow_up(record.model, portal.today),
            count_text(record.model.outputs.attendance),
        )
        for vid, record in portal.evaluations.items()
    ]
    rows.sort(key=lambda row: (row.record.ends, row.id), reverse=True)
    overdue = [row for row in rows if row.follow_up.state == follow_up.FollowUpState.OVERDUE]
    # Ended longest ago first: those have waited longest for their follow-up.
    overdue.reverse()
    title = "What our engagement achieved"
    out = []
    for pager in paginate(rows, PER_PAGE, urls.IMPACT):
        chart = bar_chart(
            "impact-attendance",
            "People who took part, by evaluation",
            "Bar chart of how many people took part in each evaluated engagement; "
            "the table after it gives the same numbers.",
            [Row(row.record.title, (_people_bar(row.record.outputs.attendance),)) for row in pager.items],
        )
        out.append(
            Page(
                url=pager.url,
                title=pager.titled(title),
                template="engage/impact_index.html",
                description="Evaluations of our engagement: who took part, what changed, six-month follow-up, "
                "lessons and impact.",
                context=ImpactIndex(
                    title=title,
                    today=portal.today,
                    pager=pager,
                    chart=chart,
                    overdue=tuple(overdue[:OVERDUE_SHOWN]) if pager.number == 1 else (),
                    overdue_count=len(overdue),
                ),
                searchable=pager.number == 1,
            )
        )
    return out


def evaluation_page(portal: Portal, evaluation_id: str, record: Record[Evaluation]) -> Page:
    v = record.model
    groups = [(portal.groups[r.group].name, r.people) for r in v.outputs.groups]
    areas = [(portal.areas[r.area].name, r.people) for r in v.outputs.areas]
    return Page(
        url=urls.evaluation(evaluation_id),
        title=v.title,
        template="engage/evaluation.html",
        description=f"Evaluation: {v.title}",
        context=EvaluationPage(
            title=v.title,
            id=evaluation_id,
            record=v,
            levels=levels(portal, v),
            events=tuple(portal.events[e] for e in v.events),
            organisations=tuple(portal.organisations[o].name for o in v.organisations),
            attendance=count_text(v.outputs.attendance),
            groups=tuple((name, count_text(n)) for name, n in groups),
            areas=tuple((name, count_text(n)) for name, n in areas),
            groups_chart=reach_chart(f"{evaluation_id}-groups", "People who took part, by group", groups)
            if groups
            else None,
            areas_chart=reach_chart(f"{evaluation_id}-areas", "People who took part, by area", areas)
            if areas
            else None,
            measures=tuple(measure_view(evaluation_id, i, m) for i, m in enumerate(v.measures)),
            follow_up=follow_up.follow_up(v, portal.today),
            follow_up_words=FOLLOW_UP_WORDS,
            case_studies=tuple(c for c in v.case_studies if c.consent != QuoteConsent.NOT_CLEARED),
            feedback=tuple(portal.feedback[f] for f in v.impact.feedback),
            commitments=tuple(portal.commitments[c] for c in v.impact.commitments),
            today=portal.today,
        ),
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    return index_pages(portal) + [evaluation_page(portal, vid, r) for vid, r in portal.evaluations.items()]
