"""The EIA register as rows, the static selections that filter it, and the figures over it.

Pure functions over the Portal. Every figure is a Selection (a set of EIA ids with its own
static page), so each number on the register links to exactly the assessments it counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import urls
from .commitment_progress import STATE_LABELS, ActionState, action_state
from .impacts import is_adverse
from .models.eia import Eia, Outcome, Stage
from .portal import Portal

OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.NO_MAJOR_CHANGE: "No major change",
    Outcome.ADJUST: "Adjust the policy",
    Outcome.CONTINUE: "Continue despite adverse impact",
    Outcome.STOP: "Stop and remove the policy",
}

OUTCOME_MEANINGS: dict[Outcome, str] = {
    Outcome.NO_MAJOR_CHANGE: "The assessment found no major negative impact, so the policy goes ahead as planned.",
    Outcome.ADJUST: "The policy is changed to remove barriers or to do more for equality.",
    Outcome.CONTINUE: "The policy goes ahead although it may affect some groups badly, for the reasons given below.",
    Outcome.STOP: "The policy is stopped and removed, because its impact could not be justified or put right.",
}

STAGE_NAMES: dict[Stage, str] = {Stage.SCREENING: "Screening", Stage.FULL: "Full assessment"}


def slug(text: str) -> str:
    """A URL part from free text: 'Culture and Libraries' -> 'culture-and-libraries'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "other"


@dataclass(frozen=True)
class EiaRow:
    """One EIA as the register shows it, with everything the filters and figures need."""

    id: str
    eia: Eia
    negative: tuple[str, ...]
    """Characteristic ids with a negative impact, in taxonomy order."""
    negative_names: tuple[str, ...]
    review_overdue: bool
    """Review date before today; never for an EIA a later version has replaced."""
    superseded: bool
    action_states: tuple[ActionState, ...]
    """The state of each mitigation action, in the order the EIA lists them."""

    @property
    def service_slug(self) -> str:
        return slug(self.eia.service)

    @property
    def outcome_name(self) -> str:
        return OUTCOME_NAMES[self.eia.outcome]

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES[self.eia.stage]

    @property
    def quality_assured(self) -> bool:
        return self.eia.quality_assurance is not None

    @property
    def completed_late(self) -> bool:
        """Completed after the decision it informs (the checks reject this; the figure proves it)."""
        return self.eia.completed > self.eia.decision.date

    @property
    def mitigated(self) -> bool | None:
        """For an EIA with a negative impact: whether it has a live (not dropped) action. None otherwise."""
        if not self.negative:
            return None
        return any(s is not ActionState.DROPPED for s in self.action_states)

    @property
    def action_summary(self) -> list[tuple[str, int]]:
        """Non-zero action counts by state, in STATE_LABELS order: [('Overdue', 1), ('Done', 2)]."""
        counts = Counter(self.action_states)
        return [(label, counts[state]) for state, label in STATE_LABELS.items() if counts[state]]

    def sort_values(self) -> dict[str, str]:
        """Keys the client-side sort uses: ISO dates and case-folded text sort as strings."""
        return {
            "title": self.eia.title.casefold(),
            "service": self.eia.service.casefold(),
            "decision": self.eia.decision.date.isoformat(),
            "review": self.eia.review_date.isoformat(),
        }


def row(portal: Portal, eia_id: str) -> EiaRow:
    m = portal.eias[eia_id].model
    levels = {i.characteristic: i.impact for i in m.impacts}
    negative = tuple(c for c in portal.characteristics if is_adverse(levels.get(c)))
    superseded = bool(portal.superseded_by.get(eia_id))
    return EiaRow(
        id=eia_id,
        eia=m,
        negative=negative,
        negative_names=tuple(portal.characteristics[c].name for c in negative),
        review_overdue=m.review_date < portal.today and not superseded,
        superseded=superseded,
        action_states=tuple(action_state(a, portal.today) for a in m.actions),
    )


def rows(portal: Portal) -> list[EiaRow]:
    """Every published EIA, newest decision first (id breaks ties, so the order is stable)."""
    out = [row(portal, i) for i in portal.eias]
    out.sort(key=lambda r: r.id)
    out.sort(key=lambda r: r.eia.decision.date, reverse=True)
    return out


SORTS: dict[str, tuple[str, str]] = {
    "decision": ("decision date, newest first", urls.eia_sort("decision")),
    "review": ("review date, soonest first", urls.eia_sort("review")),
    "title": ("title, A to Z", urls.eia_sort("title")),
    "service": ("service, A to Z", urls.eia_sort("service")),
}
"""The register's static sort orders (for readers without JavaScript): key -> (words, URL)."""


def sorted_rows(register: list[EiaRow], key: str) -> list[EiaRow]:
    """The register in one of SORTS' orders; ties keep the newest decision first."""
    if key == "decision":
        return list(register)
    values = {
        "review": lambda r: (r.eia.review_date.isoformat(),),
        "title": lambda r: (r.eia.title.casefold(),),
        "service": lambda r: (r.eia.service.casefold(), r.eia.title.casefold()),
    }[key]
    return sorted(register, key=values)


@dataclass(frozen=True)
class Selection:
    """A named subset of the register with its own static page."""

    facet: str
    """A key of FACETS, such as 'outcome'."""
    value: str
    label: str
    """The value in words, such as 'Adjust the policy'."""
    heading: str
    """The filtered page's heading, such as 'Assessments with the outcome: Adjust the policy'."""
    url: str
    ids: tuple[str, ...]
    """EIA ids in register order."""

    @property
    def count(self) -> int:
        return len(self.ids)


FACETS: dict[str, str] = {
    "service": "Assessments by {label}",
    "outcome": "Assessments with the outcome: {label}",
    "stage": "Assessments at the stage: {label}",
    "characteristic": "Assessments finding a negative or mixed impact on {label}",
    "year": "Assessments informing decisions in {label}",
    "review-overdue": "Assessments overdue for review",
    "quality-assured": "Assessments that were {lower}",
    "negative-impact": "Assessments with a negative or mixed impact and {lower}",
    "action-state": "Assessments with a mitigation action that is {lower}",
    "completed-late": "Assessments completed after the decision they inform",
}
"""Every way of selecting from the register: facet -> page heading (filled in per value); urls.eia_selection says where."""


def facet_values(r: EiaRow) -> dict[str, tuple[str, ...]]:
    """The values (of FACETS) one EIA has, facet by facet."""
    return {
        "service": (r.service_slug,),
        "outcome": (r.eia.outcome.value,),
        "stage": (r.eia.stage.value,),
        "characteristic": r.negative,
        "year": (str(r.eia.decision.date.year),),
        "review-overdue": ("yes",) if r.review_overdue else (),
        "quality-assured": ("yes",) if r.quality_assured else ("no",),
        "negative-impact": () if r.mitigated is None else ("mitigated",) if r.mitigated else ("not-mitigated",),
        "action-state": tuple(s.value for s in r.action_states),
        "completed-late": ("yes",) if r.completed_late else (),
    }


def facet_labels(portal: Portal, register: list[EiaRow]) -> dict[str, dict[str, str]]:
    """Each facet's values in the order shown, with their words; fixed vocabularies list every value."""
    # Services are free text: spellings that differ only in case or punctuation share one page.
    services: dict[str, str] = {}
    for r in sorted(register, key=lambda r: (r.eia.service, r.id)):
        services.setdefault(r.service_slug, r.eia.service)
    years = sorted({r.eia.decision.date.year for r in register}, reverse=True)
    return {
        "service": dict(sorted(services.items())),
        "outcome": {o.value: name for o, name in OUTCOME_NAMES.items()},
        "stage": {s.value: name for s, name in STAGE_NAMES.items()},
        "characteristic": {cid: c.name for cid, c in portal.characteristics.items()},
        "year": {str(y): str(y) for y in years},
        "review-overdue": {"yes": "Review overdue"},
        "quality-assured": {"yes": "Quality-assured", "no": "Not quality-assured"},
        "negative-impact": {"mitigated": "With a mitigation action", "not-mitigated": "Without a mitigation action"},
        "action-state": {s.value: label for s, label in STATE_LABELS.items()},
        "completed-late": {"yes": "Completed after the decision"},
    }


def selections(portal: Portal, register: list[EiaRow]) -> dict[str, list[Selection]]:
    """Every filter and figure of the register, facet by facet, each value in a stable order."""
    values = {r.id: facet_values(r) for r in register}
    out: dict[str, list[Selection]] = {}
    for facet, labels in facet_labels(portal, register).items():
        heading = FACETS[facet]
        out[facet] = [
            Selection(
                facet=facet,
                value=value,
                label=label,
                heading=heading.format(label=label, lower=label[:1].lower() + label[1:]),
                url=urls.eia_selection(facet, value),
                ids=tuple(r.id for r in register if value in values[r.id][facet]),
            )
            for value, label in labels.items()
        ]
    return out


FILTER_FACETS: tuple[tuple[str, str], ...] = (
    ("service", "Service"),
    ("outcome", "Outcome"),
    ("stage", "Stage"),
    ("characteristic", "Negative impact on"),
    ("year", "Year of decision"),
    ("review-overdue", "Review"),
)
"""The facets offered as filters on the register, in the order shown."""


@dataclass(frozen=True)
class Share:
    """'n of total' with the selection behind n."""

    selection: Selection
    total: int

    @property
    def percent(self) -> int:
        """Rounded half up with whole numbers, so the same counts always print the same figure."""
        return (200 * self.selection.count + self.total) // (2 * self.total) if self.total else 0


@dataclass(frozen=True)
class ActionFigure:
    """How many mitigation actions are in a state, and the EIAs that have one."""

    state: ActionState
    label: str
    actions: int
    selection: Selection


@dataclass(frozen=True)
class Figures:
    """The figures shown over the register."""

    total: int
    by_outcome: tuple[Selection, ...]
    by_stage: tuple[Selection, ...]
    quality_assured: Share
    mitigated: Share
    """Of the EIAs with a negative impact, those with a live mitigation action."""
    not_mitigated: Selection
    actions: tuple[ActionFigure, ...]
    reviews_overdue: Selection
    completed_late: Selection


def figures(register: list[EiaRow], chosen: dict[str, list[Selection]]) -> Figures:
    action_counts = Counter(s for r in register for s in r.action_states)
    with_negative = sum(1 for r in register if r.negative)
    return Figures(
        total=len(register),
        by_outcome=tuple(chosen["outcome"]),
        by_stage=tuple(chosen["stage"]),
        quality_assured=Share(chosen["quality-assured"][0], len(register)),
        mitigated=Share(chosen["negative-impact"][0], with_negative),
        not_mitigated=chosen["negative-impact"][1],
        actions=tuple(
            ActionFigure(ActionState(sel.value), sel.label, action_counts[ActionState(sel.value)], sel)
            for sel in chosen["action-state"]
        ),
        reviews_overdue=chosen["review-overdue"][0],
        completed_late=chosen["completed-late"][0],
    )
