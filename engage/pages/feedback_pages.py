"""'You said, we did': the index of consultations by stage, and a page per feedback record.

The index lists every consultation (an event with a `consultation` block) under its stage on
the build's day, flagging those whose feedback is overdue. Final feedback is the part that
grows with the archive, so it is paginated; the other stages are bounded by time.

A feedback page closes the loop: we asked, who took part, who we heard from, you said, we did,
the decision, and links to the EIA and actions. Counts under 5 are published as 'fewer than 5'
and quotes not cleared for publication are never published.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from markupsafe import Markup

from .. import urls
from ..charts import Bar, Row, bar_chart, number
from ..consultation_stage import STAGE_NAMES, ConsultationStage, Stage, all_stages, stage_of
from ..disclosure import SMALL_COUNT, count_text, is_small, publishable
from ..models import Commitment, Eia, Evaluation, Event, Feedback
from ..models.event import Consultation
from ..models.feedback import Quote, Response, Theme
from ..output import Page
from ..portal import Portal
from ..records import Record
from ..representation import CategoryShare, Comparison, compare_feedback
from .paginate import Pager, paginate

RESPONSE_NAMES = {
    Response.CHANGED: "Changed",
    Response.PARTLY: "Partly changed",
    Response.NOT_CHANGED: "Not changed",
    Response.CONSIDERING: "Still considering",
}
# The order stages appear on the index: what people can act on first. Cancelled and postponed
# consultations come last, and only when there are any.
INDEX_ORDER = (Stage.OPEN, Stage.CLOSED_AWAITING, Stage.INTERIM, Stage.UPCOMING, Stage.NOT_TAKING_PLACE)


# ---- The index -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationRow:
    """A consultation as the index lists it."""

    status: ConsultationStage
    event: Record[Event]
    feedback: tuple[Record[Feedback], ...]
    """Feedback answering it, oldest first."""

    @property
    def latest(self) -> Record[Feedback] | None:
        return self.feedback[-1] if self.feedback else None


def consultation_rows(portal: Portal) -> dict[Stage, list[ConsultationRow]]:
    """Consultations by stage, each list in the order the index shows it."""
    by_stage: dict[Stage, list[ConsultationRow]] = {stage: [] for stage in Stage}
    for status in all_stages(portal):
        row = ConsultationRow(
            status, portal.events[status.event_id], tuple(portal.feedback[f] for f in status.feedback_ids)
        )
        by_stage[status.stage].append(row)
    by_stage[Stage.UPCOMING].sort(key=lambda r: (r.status.opens, r.status.event_id))
    by_stage[Stage.NOT_TAKING_PLACE].sort(key=lambda r: (r.status.opens, r.status.event_id))
    by_stage[Stage.OPEN].sort(key=lambda r: (r.status.closes, r.status.event_id))
    # Longest-waiting first, so overdue feedback heads the list.
    by_stage[Stage.CLOSED_AWAITING].sort(key=lambda r: (r.status.closes, r.status.event_id))
    for stage in (Stage.INTERIM, Stage.FINAL):
        by_stage[stage].sort(key=lambda r: (_published(r), r.status.event_id), reverse=True)
    return by_stage


def _published(row: ConsultationRow) -> Any:
    return row.latest.model.published if row.latest else row.status.closes


@dataclass(frozen=True)
class FeedbackIndex:
    """The context of `engage/feedback_index.html`: consultations by stage, and a page of final feedback."""

    kind: Literal["feedback-index"]
    """Always 'feedback-index'."""
    title: str
    """The page's heading, with its page number after the first."""
    sections: Sequence[tuple[str, str, Sequence[ConsultationRow]]]
    """(stage key, stage name, its consultations) in INDEX_ORDER; first page only."""
    final: Pager[ConsultationRow]
    """This page of the consultations with final feedback."""
    overdue: Sequence[ConsultationRow]
    """Closed consultations whose feedback is overdue; first page only."""
    due_weeks: int
    """Weeks after closing that feedback is due."""
    today: date
    """The build's day."""


def index_pages(portal: Portal) -> list[Page]:
    by_stage = consultation_rows(portal)
    sections = [
        (stage.value, STAGE_NAMES[stage], by_stage[stage])
        for stage in INDEX_ORDER
        if by_stage[stage] or stage is not Stage.NOT_TAKING_PLACE
    ]
    overdue = [r for r in by_stage[Stage.CLOSED_AWAITING] if r.status.overdue]
    out = []
    for pager in paginate(by_stage[Stage.FINAL], portal.settings.events_per_page, urls.feedback_index()):
        first = pager.number == 1
        title = (
            "You said, we did" if first else f"You said, we did: final feedback, page {pager.number} of {pager.count}"
        )
        out.append(
            Page(
                url=pager.url,
                title=title,
                template="engage/feedback_index.html",
                description="Every consultation, where it stands, and what came of it." if first else "",
                context=FeedbackIndex(
                    kind="feedback-index",
                    title=title,
                    sections=sections if first else [],
                    final=pager,
                    overdue=overdue if first else [],
                    due_weeks=portal.settings.feedback_due_weeks,
                    today=portal.today,
                ),
                searchable=first,
            )
        )
    return out


# ---- A feedback page -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionLink:
    """An action taken in response to a theme, with where it is tracked."""

    text: str
    holder: str
    url: str


def _action_link(portal: Portal, ref: str) -> ActionLink:
    # References were checked on loading: '<eia-or-commitment-id>/<action-id>'.
    holder_id, _, action_id = ref.partition("/")
    if holder_id in portal.eias:
        eia = portal.eias[holder_id].model
        action = next(a for a in eia.actions if a.id == action_id)
        return ActionLink(
            action.action, f"Equality Impact Assessment: {eia.title}", urls.eia_action(holder_id, action_id)
        )
    commitment = portal.commitments[holder_id].model
    action = next(a for a in commitment.actions if a.id == action_id)
    return ActionLink(
        action.action, f"Equality commitment: {commitment.title}", urls.commitment_action(holder_id, action_id)
    )


def themes_chart(feedback_id: str, f: Feedback) -> Markup:
    rows = [
        Row(t.theme, (Bar(None if is_small(t.count) else float(t.count), f"{count_text(t.count)} responses"),))
        for t in f.themes
    ]
    return bar_chart(
        f"themes-{feedback_id}",
        f"What people said in {f.title}: responses raising each theme",
        "Bar chart of the number of responses that raised each theme. The table after it gives the same numbers.",
        rows,
    )


def share_bound(stated: int) -> float:
    """The most a suppressed count can be as a share of respondents, rounded up to 0.1%."""
    return min(100.0, math.ceil(1000.0 * SMALL_COUNT / stated) / 10)


def share_text(cat: CategoryShare, stated: int) -> str:
    """'38%', or an upper bound when the count behind it is too small to publish."""
    if cat.respondent_share is None:
        return "none stated"
    if is_small(cat.count):
        return f"under {number(share_bound(stated))}%"
    return f"{number(cat.respondent_share)}%"


def gap_text(cat: CategoryShare, stated: int) -> str:
    """Respondents' share against the population's, in words: '36.2 points below'.

    For a suppressed count only a bound is given, since the exact gap would give the count away.
    """
    gap = cat.gap
    if gap is None or cat.population_share is None:
        return "not known"
    if is_small(cat.count):
        least = cat.population_share - share_bound(stated)
        return f"at least {number(least)} points below" if least > 0 else f"not published ({count_text(cat.count)})"
    if round(gap, 1) == 0:
        return "the same"
    return f"{number(abs(gap))} points {'below' if gap > 0 else 'above'}"


def population_text(cat: CategoryShare) -> str:
    return "not known" if cat.population_share is None else f"{number(cat.population_share)}%"


def representation_chart(feedback_id: str, title: str, c: Comparison) -> Markup:
    rows = []
    for cat in c.categories:
        shown = None if is_small(cat.count) else cat.respondent_share
        rows.append(
            Row(
                cat.name,
                (
                    Bar(shown, f"Respondents: {share_text(cat, c.stated)}"),
                    Bar(cat.population_share, f"Population: {population_text(cat)}", hatched=True),
                ),
            )
        )
    return bar_chart(
        f"profile-{feedback_id}-{c.characteristic_id}",
        f"{c.name}: respondents to {title} compared with the population of {c.area_name}",
        "Paired bar chart. For each group, the solid bar is the share of respondents and the hatched bar the share "
        "of the population, in per cent. The table after it gives the same numbers.",
        rows,
    )


@dataclass(frozen=True)
class ComparisonView:
    """A comparison with its chart and its figures written out for the table."""

    comparison: Comparison
    chart: Markup
    shares: tuple[tuple[str, str, str, str], ...]
    """Per category: respondents, share of respondents, share of population, and the gap in words."""


def comparison_view(feedback_id: str, title: str, c: Comparison) -> ComparisonView:
    shares = tuple(
        (count_text(cat.count), share_text(cat, c.stated), population_text(cat), gap_text(cat, c.stated))
        for cat in c.categories
    )
    return ComparisonView(c, representation_chart(feedback_id, title, c), shares)


@dataclass(frozen=True)
class ThemeView:
    """A theme as a feedback page shows it: what people said, and what was done."""

    theme: Theme
    count: str
    """Responses raising it, as published (small counts withheld)."""
    quotes: Sequence[Quote]
    """Only the quotes cleared for publication."""
    response: str
    """What was done, in words ('Partly changed')."""
    actions: Sequence[ActionLink]


@dataclass(frozen=True)
class FeedbackPage:
    """The context of `engage/feedback.html`: one "you said, we did" record."""

    kind: Literal["feedback"]
    """Always 'feedback'."""
    title: str
    """'You said, we did: ' and the record's title."""
    id: str
    """The feedback record's id (its file name)."""
    record: Feedback
    """The feedback as its file says it."""
    event: Record[Event]
    """The consultation it answers."""
    consultation: Consultation | None
    """The consultation block of the event it answers."""
    status: ConsultationStage | None
    """The consultation's stage on the build's day."""
    methods: Sequence[str]
    """How people were asked, by method name."""
    responses: Sequence[tuple[str, str]]
    """(method name, responses as published)."""
    total: str
    """All responses, as published."""
    margin: str
    """Points of difference from the population counted as under-represented."""
    comparisons: Sequence[ComparisonView]
    """Respondents against the population, a chart and table each."""
    themes_chart: Markup
    """Responses raising each theme, as an SVG chart (small counts drawn as withheld)."""
    themes: Sequence[ThemeView]
    """What people said, and what was done, theme by theme."""
    eia: Record[Eia] | None
    """The Equality Impact Assessment it informed."""
    commitments: Sequence[Record[Commitment]]
    """Equality commitments it is evidence for."""
    evaluations: Sequence[Record[Evaluation]]
    """Evaluations that draw on it."""


def feedback_context(portal: Portal, feedback_id: str) -> FeedbackPage:
    f = portal.feedback[feedback_id].model
    event = portal.events[f.event]
    total = sum(r.count for r in f.responses)
    return FeedbackPage(
        kind="feedback",
        title=f"You said, we did: {f.title}",
        id=feedback_id,
        record=f,
        event=event,
        consultation=event.model.consultation,
        status=stage_of(portal, f.event),
        methods=[portal.methods[m].name for m in f.asked.methods],
        responses=[(portal.methods[r.method].name, count_text(r.count)) for r in f.responses],
        total=count_text(total),
        margin=number(portal.settings.representation_margin),
        comparisons=[comparison_view(feedback_id, f.title, c) for c in compare_feedback(portal, feedback_id)],
        themes_chart=themes_chart(feedback_id, f),
        themes=[
            ThemeView(
                theme=t,
                count=count_text(t.count),
                quotes=[q for q in t.quotes if publishable(q)],
                response=RESPONSE_NAMES[t.response],
                actions=[_action_link(portal, a) for a in t.actions],
            )
            for t in f.themes
        ],
        eia=portal.eias[f.eia] if f.eia else None,
        commitments=[portal.commitments[c] for c in portal.commitments_for_record.get(("feedback", feedback_id), [])],
        evaluations=[portal.evaluations[v] for v in portal.evaluations_for_record.get(("feedback", feedback_id), [])],
    )


def feedback_pages(portal: Portal) -> list[Page]:
    return [
        Page(
            url=urls.feedback(feedback_id),
            title=f"You said, we did: {record.model.title}",
            template="engage/feedback.html",
            # Titles only: the page text lives in its template, so each entry is small.
            searchable=True,
            description=f"What people said about {record.model.title}, and what was done.",
            context=feedback_context(portal, feedback_id),
        )
        for feedback_id, record in portal.feedback.items()
    ]


def pages(portal: Portal) -> list[Page]:
    return index_pages(portal) + feedback_pages(portal)
