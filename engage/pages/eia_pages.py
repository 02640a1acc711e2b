"""The EIA register (with static filtered and sorted views) and a page per assessment.

Readers without JavaScript filter and sort by following links: each filter value and each
figure over the register has its own static page, listed with the same table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .. import urls
from ..commitment_progress import ActionView, action_views
from ..eia_figures import (
    FILTER_FACETS,
    OUTCOME_MEANINGS,
    OUTCOME_NAMES,
    SORTS,
    STAGE_NAMES,
    EiaRow,
    Figures,
    Selection,
    figures,
    row,
    rows,
    selections,
    sorted_rows,
)
from ..models import Commitment, Eia, Event, Feedback
from ..models.eia import ImpactLevel
from ..models.taxonomy import Organisation
from ..output import Page
from ..portal import Portal
from ..records import Record
from .paginate import Pager, paginate

ROWS_PER_PAGE = 50
"""Register rows per page: a row is one line of a table, so a page holds more than an events listing."""

IMPACT_SYMBOLS: dict[ImpactLevel, str] = {
    ImpactLevel.POSITIVE: "▲",
    ImpactLevel.NEGATIVE: "▼",
    ImpactLevel.NEUTRAL: "●",
    ImpactLevel.MIXED: "◆",
    ImpactLevel.UNKNOWN: "?",
}
"""A shape per impact, always printed beside its word (the shape is hidden from screen readers)."""


@dataclass(frozen=True)
class ImpactRow:
    """One row of an EIA's impact table: a configured characteristic and what was found."""

    characteristic: str
    """The characteristic's name."""
    level: ImpactLevel | None
    """None only if the characteristic was added to the taxonomy after the EIA (the checks report it)."""
    rationale: str

    @property
    def symbol(self) -> str:
        return IMPACT_SYMBOLS[self.level] if self.level else "–"

    @property
    def words(self) -> str:
        return self.level.value.capitalize() if self.level else "Not assessed"


def impact_rows(portal: Portal, eia_id: str) -> list[ImpactRow]:
    """A row for every configured characteristic, in the taxonomy's order."""
    found = {i.characteristic: i for i in portal.eias[eia_id].model.impacts}
    out = []
    for cid, characteristic in portal.characteristics.items():
        impact = found.get(cid)
        out.append(
            ImpactRow(characteristic.name, impact.impact if impact else None, impact.rationale if impact else "")
        )
    return out


def _filters(chosen: dict[str, list[Selection]]) -> list[tuple[str, list[Selection]]]:
    return [(label, chosen[facet]) for facet, label in FILTER_FACETS if chosen[facet]]


def _sorts(current: str) -> list[tuple[str, str, bool]]:
    return [(words, url, key == current) for key, (words, url) in SORTS.items()]


@dataclass(frozen=True)
class RegisterView:
    """What a view of the register adds to its table: one of kind 'eia-register' (the register
    with its figures), 'eia-sorted' (another order) or 'eia-selection' (a filter value)."""

    kind: Literal["eia-register", "eia-sorted", "eia-selection"]
    """Which view of the register this is."""
    filters: list[tuple[str, list[Selection]]]
    """The filter panel: (facet label, its selections)."""
    figures: Figures | None = None
    """The register in figures (the register itself only)."""
    selection: Selection | None = None
    """The filter value this view shows (selections only)."""
    sorts: list[tuple[str, str, bool]] = field(default_factory=list)
    """The sort links: (words, URL, whether this view is in that order)."""


@dataclass(frozen=True)
class RegisterPage:
    """The context of `engage/eia_register.html`: one page of one view of the register."""

    view: RegisterView
    """Which view of the register, and what it adds to the table."""
    title: str
    """The page's heading, with its page number after the first."""
    pager: Pager[EiaRow]
    """This page of the view and the links to the others."""
    rows: list[EiaRow]
    """This page's assessments."""
    today: date
    """The build's day."""
    first_page: bool
    """Whether this is the view's first page (which carries its figures)."""

    @property
    def kind(self) -> str:
        return self.view.kind

    @property
    def filters(self) -> list[tuple[str, list[Selection]]]:
        return self.view.filters

    @property
    def figures(self) -> Figures | None:
        return self.view.figures

    @property
    def selection(self) -> Selection | None:
        return self.view.selection

    @property
    def sorts(self) -> list[tuple[str, str, bool]]:
        return self.view.sorts


def _listing(
    portal: Portal, items: list[EiaRow], base: str, title: str, description: str, view: RegisterView
) -> list[Page]:
    """A register table over `items`, paginated under `base`."""
    out = []
    for pager in paginate(items, ROWS_PER_PAGE, base):
        first = pager.number == 1
        heading = title if first else f"{title}, page {pager.number} of {pager.count}"
        out.append(
            Page(
                url=pager.url,
                title=heading,
                template="engage/eia_register.html",
                description=description,
                context=RegisterPage(view, heading, pager, list(pager.items), portal.today, first),
                searchable=first and base == urls.eias(),
            )
        )
    return out


def register_pages(portal: Portal) -> list[Page]:
    register = rows(portal)
    chosen = selections(portal, register)
    by_id = {r.id: r for r in register}
    filters = _filters(chosen)
    out = _listing(
        portal,
        register,
        urls.eias(),
        "Equality Impact Assessments",
        "Every published Equality Impact Assessment, its outcome, its review date and its actions.",
        RegisterView("eia-register", filters, figures=figures(register, chosen), sorts=_sorts("decision")),
    )
    for key, (words, url) in SORTS.items():
        if key != "decision":
            out += _listing(
                portal,
                sorted_rows(register, key),
                url,
                f"Equality Impact Assessments by {words}",
                f"Every published Equality Impact Assessment, sorted by {words}.",
                RegisterView("eia-sorted", filters, sorts=_sorts(key)),
            )
    for facet_selections in chosen.values():
        for selection in facet_selections:
            out += _listing(
                portal,
                [by_id[i] for i in selection.ids],
                selection.url,
                selection.heading,
                f"{selection.heading}: {selection.count} in the register.",
                RegisterView("eia-selection", filters, selection=selection),
            )
    return out


@dataclass(frozen=True)
class EiaPage:
    """The context of `engage/eia.html`: one Equality Impact Assessment."""

    kind: Literal["eia"]
    """Always 'eia'."""
    title: str
    """The assessment's title (the page's heading)."""
    id: str
    """The assessment's id (its file name)."""
    record: Eia
    """The assessment as its file says it."""
    row: EiaRow
    """Its row in the register: stage, outcome, review date and action figures."""
    today: date
    """The build's day."""
    organisation: Organisation
    """The organisation that carried it out."""
    stage_name: str
    """Its stage in words ('Full assessment')."""
    outcome_name: str
    """Its outcome in words."""
    outcome_meaning: str
    """What the outcome means, in a sentence."""
    impacts: Sequence[ImpactRow]
    """A row per configured characteristic, in the taxonomy's order."""
    actions: Sequence[ActionView]
    """Its mitigation actions with their state today."""
    events: Sequence[Record[Event]]
    """The events it assessed, by id."""
    feedback: Sequence[Record[Feedback]]
    """"You said, we did" records that informed it."""
    superseded_by: Sequence[Record[Eia]]
    """Later versions that replace it."""
    supersedes: Sequence[Record[Eia]]
    """Earlier versions it replaces."""
    commitments: Sequence[Record[Commitment]]
    """Equality commitments it contributes to."""


def eia_pages(portal: Portal) -> list[Page]:
    events_for: dict[str, list[str]] = {}
    for event_id, eia_ids in portal.eias_for_event.items():
        for eia_id in eia_ids:
            events_for.setdefault(eia_id, []).append(event_id)
    out = []
    for eia_id, record in portal.eias.items():
        m = record.model
        out.append(
            Page(
                url=urls.eia(eia_id),
                title=m.title,
                template="engage/eia.html",
                # Titles only: the page text lives in its template, so each entry is small.
                searchable=True,
                description=f"Equality Impact Assessment: {m.title}",
                context=EiaPage(
                    kind="eia",
                    title=m.title,
                    id=eia_id,
                    record=m,
                    row=row(portal, eia_id),
                    today=portal.today,
                    organisation=portal.organisations[m.organisation],
                    stage_name=STAGE_NAMES[m.stage],
                    outcome_name=OUTCOME_NAMES[m.outcome],
                    outcome_meaning=OUTCOME_MEANINGS[m.outcome],
                    impacts=impact_rows(portal, eia_id),
                    actions=action_views(portal, m.actions),
                    events=[portal.events[e] for e in sorted(events_for.get(eia_id, []))],
                    feedback=[portal.feedback[f] for f in portal.feedback_for_eia.get(eia_id, [])],
                    superseded_by=[portal.eias[i] for i in portal.superseded_by.get(eia_id, [])],
                    supersedes=[portal.eias[i] for i in m.supersedes],
                    commitments=[portal.commitments[c] for c in portal.commitments_for_record.get(("eia", eia_id), [])],
                ),
            )
        )
    return out


def pages(portal: Portal) -> list[Page]:
    return register_pages(portal) + eia_pages(portal)
