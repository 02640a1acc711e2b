"""Equality commitments: the overview by framework module (paged), every overdue action (paged),
and a page per commitment.

The overview lists commitments in module order, PER_PAGE to a page, each page under the
headings of the modules it reaches; its first page holds the totals and the OVERDUE_SHOWN
actions overdue longest, and links to the whole overdue list when there are more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from markupsafe import Markup

from .. import commitment_progress as progress
from .. import urls
from ..models.assessment import Criterion
from ..models.commitment import Commitment
from ..models.eia import Eia
from ..models.evaluation import Evaluation
from ..models.event import Event
from ..models.feedback import Feedback
from ..models.taxonomy import Module
from ..output import Page
from ..portal import Portal
from ..records import Record
from .measure_chart import measure_chart
from .paginate import Pager, paginate

PER_PAGE = 25
"""Commitments per page of the overview."""
OVERDUE_SHOWN = 20
"""Overdue actions on the overview's first page; the rest are on the overdue list."""
OVERDUE_PER_PAGE = 50


@dataclass(frozen=True)
class ModuleEntry:
    """A place in the overview's order: a commitment, or a module that has none (summary None)."""

    module: Module
    summary: progress.CommitmentSummary | None


@dataclass(frozen=True)
class ModuleSection:
    """The commitments of one module on one page of the overview."""

    module: Module
    items: tuple[progress.CommitmentSummary, ...]
    continued: bool
    """Whether the module began on an earlier page (its description is shown there)."""


@dataclass(frozen=True)
class CommitmentsIndex:
    """One page of the commitments overview."""

    title: str
    today: date
    count: int
    """Commitments in all."""
    totals: tuple[tuple[progress.ActionState, int], ...]
    overdue: tuple[progress.OverdueAction, ...]
    """The actions overdue longest (first page only)."""
    overdue_count: int
    pager: Pager[ModuleEntry]
    sections: tuple[ModuleSection, ...]
    overdue_url: str = urls.COMMITMENTS_OVERDUE
    kind: Literal["commitments-index"] = "commitments-index"


@dataclass(frozen=True)
class OverdueList:
    """One page of every overdue action."""

    title: str
    today: date
    pager: Pager[progress.OverdueAction]
    kind: Literal["commitments-overdue"] = "commitments-overdue"


@dataclass(frozen=True)
class CommitmentPage:
    """A commitment's own page."""

    title: str
    id: str
    record: Commitment
    summary: progress.CommitmentSummary
    module: Module
    organisations: tuple[str, ...]
    characteristics: tuple[str, ...]
    charts: tuple[Markup, ...]
    today: date
    events: tuple[Record[Event], ...]
    eias: tuple[Record[Eia], ...]
    feedback: tuple[Record[Feedback], ...]
    criteria: tuple[Criterion, ...]
    """The framework criteria whose assessments cite this commitment."""
    evaluations: tuple[Record[Evaluation], ...]
    kind: Literal["commitment"] = "commitment"


def _sections(entries: Sequence[ModuleEntry], shown_before: set[str]) -> tuple[ModuleSection, ...]:
    out: list[ModuleSection] = []
    for entry in entries:
        if not out or out[-1].module.id != entry.module.id:
            out.append(ModuleSection(entry.module, (), entry.module.id in shown_before))
            shown_before.add(entry.module.id)
        if entry.summary is not None:
            last = out[-1]
            out[-1] = ModuleSection(last.module, (*last.items, entry.summary), last.continued)
    return tuple(out)


def index_pages(portal: Portal) -> list[Page]:
    entries = [
        entry
        for module, items in progress.by_module(portal)
        for entry in ([ModuleEntry(module, s) for s in items] or [ModuleEntry(module, None)])
    ]
    overdue = progress.overdue_actions(portal)
    totals = tuple(progress.all_totals(portal))
    title = "Equality commitments"
    shown: set[str] = set()
    out = []
    for pager in paginate(entries, PER_PAGE, urls.commitments()):
        out.append(
            Page(
                url=pager.url,
                title=pager.titled(title),
                template="engage/commitments_index.html",
                description="Our equality commitments by Equality Framework module, their action plans and progress.",
                context=CommitmentsIndex(
                    title=title,
                    today=portal.today,
                    count=len(portal.commitments),
                    totals=totals,
                    overdue=tuple(overdue[:OVERDUE_SHOWN]) if pager.number == 1 else (),
                    overdue_count=len(overdue),
                    pager=pager,
                    sections=_sections(pager.items, shown),
                ),
                searchable=pager.number == 1,
            )
        )
    return out


def overdue_pages(portal: Portal) -> list[Page]:
    overdue = progress.overdue_actions(portal)
    if len(overdue) <= OVERDUE_SHOWN:
        return []
    title = "Overdue commitment actions"
    return [
        Page(
            url=pager.url,
            title=pager.titled(title),
            template="engage/commitments_overdue.html",
            description="Every equality commitment action past its due date.",
            context=OverdueList(title=title, today=portal.today, pager=pager),
        )
        for pager in paginate(overdue, OVERDUE_PER_PAGE, urls.COMMITMENTS_OVERDUE)
    ]


def commitment_page(portal: Portal, commitment_id: str) -> Page:
    summary = progress.summary(portal, commitment_id)
    c = summary.commitment
    evidence = progress.evidence(portal, commitment_id)
    return Page(
        url=urls.commitment(commitment_id),
        title=c.title,
        template="engage/commitment.html",
        # Titles only: the page text lives in its template, so each entry is small.
        searchable=True,
        description=f"Equality commitment: {c.title}",
        context=CommitmentPage(
            title=c.title,
            id=commitment_id,
            record=c,
            summary=summary,
            module=portal.modules[c.module],
            organisations=tuple(portal.organisations[o].name for o in c.organisations),
            characteristics=tuple(portal.characteristics[ch].name for ch in c.characteristics),
            charts=tuple(measure_chart(m, f"measure-{m.measure.id}") for m in summary.measures),
            today=portal.today,
            events=tuple(portal.events[i] for i in evidence.events),
            eias=tuple(portal.eias[i] for i in evidence.eias),
            feedback=tuple(portal.feedback[i] for i in evidence.feedback),
            criteria=tuple(
                portal.criteria[i] for i in portal.criteria_for_record.get(("commitments", commitment_id), [])
            ),
            evaluations=tuple(
                portal.evaluations[i] for i in portal.evaluations_for_record.get(("commitment", commitment_id), [])
            ),
        ),
    )


def pages(portal: Portal) -> list[Page]:
    return index_pages(portal) + overdue_pages(portal) + [commitment_page(portal, cid) for cid in portal.commitments]
