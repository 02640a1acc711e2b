"""Where equality commitments stand: each action's state today, each measure's readings, totals.

Pure functions over the Portal, so the commitments pages and their tests count the same way.
EIA mitigation actions share the same Action model, so `action_state` serves the register too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .models.commitment import Commitment, Measure, Reading
from .models.parts import Action, Update
from .models.taxonomy import Module
from .models.types import ActionStatus
from .portal import Portal


class ActionState(StrEnum):
    """An action's state as published: its written status, or 'overdue' worked out from the due date."""

    OVERDUE = "overdue"
    AT_RISK = "at-risk"
    ON_TRACK = "on-track"
    NOT_STARTED = "not-started"
    DONE = "done"
    DROPPED = "dropped"


STATE_LABELS: dict[ActionState, str] = {
    ActionState.OVERDUE: "Overdue",
    ActionState.AT_RISK: "At risk",
    ActionState.ON_TRACK: "On track",
    ActionState.NOT_STARTED: "Not started",
    ActionState.DONE: "Done",
    ActionState.DROPPED: "Dropped",
}
"""Words for each state, in the order totals are shown: what needs attention first."""

_CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


def action_state(action: Action, today: date) -> ActionState:
    """Overdue when not done or dropped and due before today; otherwise the written status."""
    if action.status not in _CLOSED and action.due < today:
        return ActionState.OVERDUE
    return ActionState(action.status.value)


@dataclass(frozen=True)
class ActionView:
    """One action as a page shows it."""

    action: Action
    state: ActionState
    partners: tuple[str, ...]
    """Names of the partner organisations sharing the work."""

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def latest(self) -> Update | None:
        """The most recent progress note (updates are written oldest first; sort to be sure)."""
        return max(self.action.updates, key=lambda u: u.date, default=None)

    @property
    def updates_newest_first(self) -> list[Update]:
        return sorted(self.action.updates, key=lambda u: u.date, reverse=True)


def action_views(portal: Portal, actions: Iterable[Action]) -> list[ActionView]:
    """Actions in the order their record lists them, each with its state today."""
    return [
        ActionView(
            action=a,
            state=action_state(a, portal.today),
            partners=tuple(_organisation_name(portal, p) for p in a.partners),
        )
        for a in actions
    ]


def _organisation_name(portal: Portal, organisation_id: str) -> str:
    org = portal.organisations.get(organisation_id)
    return org.name if org else organisation_id


def state_totals(states: Iterable[ActionState]) -> list[tuple[ActionState, int]]:
    """A count for every state, zeros included, in STATE_LABELS order."""
    counts = Counter(states)
    return [(state, counts[state]) for state in STATE_LABELS]


def format_value(value: float, unit: str) -> str:
    """65.0 with '%' -> '65%'; 7.0 with 'meetings' -> '7 meetings'; decimals kept when there are any."""
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
    return f"{number}%" if unit == "%" else f"{number} {unit}"


@dataclass(frozen=True)
class ReadingRow:
    """One row of a measure's table: the baseline, a progress reading or the target."""

    kind: str
    """'baseline', 'progress' or 'target'."""
    reading: Reading
    text: str
    """The value with its unit, such as '65%'."""


@dataclass(frozen=True)
class MeasureProgress:
    """A measure with its readings in date order and where the latest one stands."""

    measure: Measure
    rows: tuple[ReadingRow, ...]
    """Baseline, then progress readings by date, then the target."""
    latest: Reading
    """The newest reading; the baseline when nothing has been measured since."""
    target_met: bool

    @property
    def readings(self) -> list[ReadingRow]:
        """The measured values (baseline and progress), without the target."""
        return [r for r in self.rows if r.kind != "target"]

    def text(self, value: float) -> str:
        return format_value(value, self.measure.unit)


def measure_progress(measure: Measure) -> MeasureProgress:
    progress = sorted(measure.progress, key=lambda r: r.date)
    latest = progress[-1] if progress else measure.baseline
    met = latest.value >= measure.target.value if measure.higher_is_better else latest.value <= measure.target.value
    rows = (
        ReadingRow("baseline", measure.baseline, format_value(measure.baseline.value, measure.unit)),
        *(ReadingRow("progress", r, format_value(r.value, measure.unit)) for r in progress),
        ReadingRow("target", measure.target, format_value(measure.target.value, measure.unit)),
    )
    return MeasureProgress(measure=measure, rows=rows, latest=latest, target_met=met)


@dataclass(frozen=True)
class Evidence:
    """Records that show a commitment at work, whichever side declared the link."""

    events: tuple[str, ...]
    eias: tuple[str, ...]
    feedback: tuple[str, ...]


def evidence(portal: Portal, commitment_id: str) -> Evidence:
    """Everything the commitment cites, plus every EIA and feedback record that cites the commitment."""
    linked = sorted(key for key, ids in portal.commitments_for_record.items() if commitment_id in ids)
    return Evidence(
        events=tuple(i for kind, i in linked if kind == "event"),
        eias=tuple(i for kind, i in linked if kind == "eia"),
        feedback=tuple(i for kind, i in linked if kind == "feedback"),
    )


@dataclass(frozen=True)
class CommitmentSummary:
    """A commitment with its actions' states, their totals and its measures' progress."""

    id: str
    commitment: Commitment
    actions: tuple[ActionView, ...]
    totals: tuple[tuple[ActionState, int], ...]
    measures: tuple[MeasureProgress, ...]

    @property
    def totals_nonzero(self) -> list[tuple[ActionState, int]]:
        return [(state, n) for state, n in self.totals if n]


def summary(portal: Portal, commitment_id: str) -> CommitmentSummary:
    c = portal.commitments[commitment_id].model
    actions = action_views(portal, c.actions)
    return CommitmentSummary(
        id=commitment_id,
        commitment=c,
        actions=tuple(actions),
        totals=tuple(state_totals(a.state for a in actions)),
        measures=tuple(measure_progress(m) for m in c.measures),
    )


def by_module(portal: Portal) -> list[tuple[Module, list[CommitmentSummary]]]:
    """Every configured module in taxonomy order, with its commitments by title (empty modules kept)."""
    grouped: dict[str, list[CommitmentSummary]] = {m: [] for m in portal.modules}
    for cid, record in portal.commitments.items():
        grouped.setdefault(record.model.module, []).append(summary(portal, cid))
    return [
        (portal.modules[mid], sorted(items, key=lambda s: (s.commitment.title.casefold(), s.id)))
        for mid, items in grouped.items()
        if mid in portal.modules
    ]


def all_totals(portal: Portal) -> list[tuple[ActionState, int]]:
    """Every commitment action counted by state."""
    return state_totals(
        action_state(a, portal.today) for record in portal.commitments.values() for a in record.model.actions
    )


@dataclass(frozen=True)
class OverdueAction:
    """An overdue action with the commitment it belongs to."""

    commitment_id: str
    commitment_title: str
    view: ActionView


def overdue_actions(portal: Portal) -> list[OverdueAction]:
    """Commitment actions past their due date and not done or dropped, longest overdue first."""
    out = [
        OverdueAction(cid, record.model.title, view)
        for cid, record in portal.commitments.items()
        for view in action_views(portal, record.model.actions)
        if view.state is ActionState.OVERDUE
    ]
    return sorted(out, key=lambda o: (o.view.action.due, o.commitment_id, o.view.action.id))
