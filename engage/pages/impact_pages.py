"""Evaluations at impact/: the index with participation and follow-up, and a page per evaluation.

Counts of people under 5 are shown as 'fewer than 5' (feedback_pages.count_text), and case
studies not cleared for publication never appear. Every chart has a table with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import follow_up, urls
from ..charts import Bar, Row, bar_chart, number
from ..disclosure import SMALL_COUNT, count_text, is_small
from ..formatting import long_date
from ..models.evaluation import Evaluation, EvaluationMeasure
from ..models.feedback import QuoteConsent
from ..models.types import ContinuumLevel
from ..output import Page
from ..portal import Portal
from ..records import Record

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


def index_page(portal: Portal) -> Page:
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
    chart = bar_chart(
        "impact-attendance",
        "People who took part, by evaluation",
        "Bar chart of how many people took part in each evaluated engagement; the table after it gives the same numbers.",
        [Row(row.record.title, (_people_bar(row.record.outputs.attendance),)) for row in rows],
    )
    overdue = [row for row in rows if row.follow_up.state == follow_up.FollowUpState.OVERDUE]
    return Page(
        url=urls.IMPACT,
        title="What our engagement achieved",
        template="engage/impact_index.html",
        description="Evaluations of our engagement: who took part, what changed, six-month follow-up, lessons and impact.",
        context={
            "kind": "impact-index",
            "evaluations": rows,
            "chart": chart,
            "overdue": overdue,
            "today": portal.today,
        },
        searchable=True,
    )


def evaluation_page(portal: Portal, evaluation_id: str, record: Record[Evaluation]) -> Page:
    v = record.model
    groups = [(portal.groups[r.group].name, r.people) for r in v.outputs.groups]
    areas = [(portal.areas[r.area].name, r.people) for r in v.outputs.areas]
    return Page(
        url=urls.evaluation(evaluation_id),
        title=v.title,
        template="engage/evaluation.html",
        description=f"Evaluation: {v.title}",
        context={
            "kind": "evaluation",
            "id": evaluation_id,
            "record": v,
            "levels": levels(portal, v),
            "events": [portal.events[e] for e in v.events],
            "organisations": [portal.organisations[o].name for o in v.organisations],
            "attendance": count_text(v.outputs.attendance),
            "groups": [(name, count_text(n)) for name, n in groups],
            "areas": [(name, count_text(n)) for name, n in areas],
            "groups_chart": reach_chart(f"{evaluation_id}-groups", "People who took part, by group", groups)
            if groups
            else None,
            "areas_chart": reach_chart(f"{evaluation_id}-areas", "People who took part, by area", areas)
            if areas
            else None,
            "measures": [measure_view(evaluation_id, i, m) for i, m in enumerate(v.measures)],
            "follow_up": follow_up.follow_up(v, portal.today),
            "follow_up_words": FOLLOW_UP_WORDS,
            "case_studies": [c for c in v.case_studies if c.consent != QuoteConsent.NOT_CLEARED],
            "feedback": [portal.feedback[f] for f in v.impact.feedback],
            "commitments": [portal.commitments[c] for c in v.impact.commitments],
            "today": portal.today,
        },
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    return [index_page(portal)] + [evaluation_page(portal, vid, r) for vid, r in portal.evaluations.items()]
