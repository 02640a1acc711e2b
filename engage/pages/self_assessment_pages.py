"""The Equality Framework self-assessment at self-assessment/: the index and a page per module.

Evidence is 'thin' when an assessment cites fewer than THIN_BELOW records, or no evaluation
(nothing then shows the difference made): the pages say so, criterion by criterion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..models.assessment import AssessedLevel, Assessment, Criterion
from ..output import Page
from ..portal import Portal
from ..records import Record

THIN_BELOW = 3
"""An assessment citing fewer records than this has thin evidence."""
EVIDENCE_KINDS = (
    ("events", "Events", urls.event),
    ("feedback", "You said, we did", urls.feedback),
    ("eias", "Equality impact assessments", urls.eia),
    ("commitments", "Equality commitments", urls.commitment),
    ("evaluations", "Evaluations", urls.evaluation),
)


@dataclass(frozen=True)
class CriterionView:
    criterion: Criterion
    assessment: Assessment | None
    evidence: tuple[tuple[str, Callable[[str], str], tuple[Record[Any], ...]], ...]
    """(label, URL of a record, records) per kind of evidence that has any."""
    thin: tuple[str, ...]
    """Why the evidence is thin, in words; empty when it is not."""

    @property
    def count(self) -> int:
        return sum(len(records) for _, _, records in self.evidence)


def criterion_view(portal: Portal, criterion: Criterion) -> CriterionView:
    record = portal.assessments.get(criterion.id)
    if record is None:
        return CriterionView(criterion, None, (), ("not assessed yet",))
    a = record.model
    evidence = tuple(
        (label, link, tuple(getattr(portal, kind)[i] for i in getattr(a.evidence, kind)))
        for kind, label, link in EVIDENCE_KINDS
        if getattr(a.evidence, kind)
    )
    view = CriterionView(criterion, a, evidence, ())
    thin = []
    if view.count < THIN_BELOW:
        thin.append(f"only {view.count} record{'s' if view.count != 1 else ''} cited")
    if not a.evidence.evaluations:
        thin.append("no evaluation shows the difference made")
    return CriterionView(criterion, a, evidence, tuple(thin))


def module_views(portal: Portal) -> list[tuple[Any, list[CriterionView]]]:
    return [
        (module, [criterion_view(portal, c) for c in portal.criteria.values() if c.module == mid])
        for mid, module in portal.modules.items()
    ]


def level_counts(views: list[CriterionView]) -> list[tuple[str, int]]:
    counts = [
        (level.value, sum(1 for v in views if v.assessment and v.assessment.level == level)) for level in AssessedLevel
    ]
    counts.append(("not-assessed", sum(1 for v in views if v.assessment is None)))
    return counts


def index_page(portal: Portal) -> Page:
    modules = module_views(portal)
    return Page(
        url=urls.SELF_ASSESSMENT,
        title="Equality Framework self-assessment",
        template="engage/self_assessment.html",
        description="Where the partnership stands against each Equality Framework criterion, its evidence and what would take it further.",
        context={
            "kind": "self-assessment-index",
            "modules": [
                {"module": m, "views": views, "counts": level_counts(views), "thin": [v for v in views if v.thin]}
                for m, views in modules
            ],
            "thin_below": THIN_BELOW,
        },
        searchable=True,
    )


def module_page(portal: Portal, module: Any, views: list[CriterionView]) -> Page:
    return Page(
        url=urls.self_assessment_module(module.id),
        title=f"Self-assessment: {module.name}",
        template="engage/self_assessment.html",
        description=f"Equality Framework self-assessment for the module {module.name}.",
        context={"kind": "self-assessment-module", "module": module, "views": views, "thin_below": THIN_BELOW},
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    return [index_page(portal)] + [module_page(portal, m, views) for m, views in module_views(portal)]
