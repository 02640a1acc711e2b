"""The Equality Framework self-assessment at self-assessment/: the index and a page per module.

Every module of the framework has its page. The framework's criteria are data
(data/taxonomies/criteria.yaml) and may be given for any module; a module whose criteria are
not recorded says plainly that it has not been assessed against criteria, and still links the
evidence there is: the commitments filed under it and the evaluations that cite them.

Evidence is 'thin' when an assessment cites fewer than THIN_BELOW records, or no evaluation
(nothing then shows the difference made): the pages say so, criterion by criterion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .. import urls
from ..models.assessment import AssessedLevel, Assessment, Criterion
from ..models.commitment import Commitment
from ..models.evaluation import Evaluation
from ..models.taxonomy import Module
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


@dataclass(frozen=True)
class ModuleView:
    """A framework module: its criteria as assessed, and the commitments filed under it."""

    module: Module
    views: tuple[CriterionView, ...]
    """Its criteria; none when the framework's criteria for it are not recorded."""
    counts: tuple[tuple[str, int], ...]
    """Criteria by level assessed, then 'not-assessed'."""
    thin: tuple[CriterionView, ...]
    commitments: tuple[Record[Commitment], ...]
    """Commitments under this module: the evidence there is, assessed or not."""
    evaluations: tuple[Record[Evaluation], ...]
    """Evaluations that name one of those commitments among the difference they made."""


@dataclass(frozen=True)
class SelfAssessmentIndex:
    """The self-assessment's index: every module with its criteria in one table."""

    title: str
    modules: tuple[ModuleView, ...]
    thin_below: int
    kind: Literal["self-assessment-index"] = "self-assessment-index"


@dataclass(frozen=True)
class SelfAssessmentModule:
    """One module's page: each criterion with its evidence, or why there are none."""

    title: str
    module: Module
    view: ModuleView
    thin_below: int
    kind: Literal["self-assessment-module"] = "self-assessment-module"

    @property
    def views(self) -> tuple[CriterionView, ...]:
        return self.view.views


def module_views(portal: Portal) -> list[ModuleView]:
    out = []
    for mid, module in portal.modules.items():
        views = tuple(criterion_view(portal, c) for c in portal.criteria.values() if c.module == mid)
        commitments = tuple(r for r in portal.commitments.values() if r.model.module == mid)
        evaluations = {
            e: portal.evaluations[e]
            for r in commitments
            for e in portal.evaluations_for_record.get(("commitment", r.id), [])
        }
        out.append(
            ModuleView(
                module,
                views,
                tuple(level_counts(list(views))),
                tuple(v for v in views if v.thin),
                commitments,
                tuple(evaluations[e] for e in sorted(evaluations)),
            )
        )
    return out


def level_counts(views: list[CriterionView]) -> list[tuple[str, int]]:
    counts = [
        (level.value, sum(1 for v in views if v.assessment and v.assessment.level == level)) for level in AssessedLevel
    ]
    counts.append(("not-assessed", sum(1 for v in views if v.assessment is None)))
    return counts


def index_page(portal: Portal, modules: list[ModuleView]) -> Page:
    title = "Equality Framework self-assessment"
    return Page(
        url=urls.SELF_ASSESSMENT,
        title=title,
        template="engage/self_assessment.html",
        description="Where the partnership stands against each Equality Framework criterion, its evidence and what would take it further.",
        context=SelfAssessmentIndex(title=title, modules=tuple(modules), thin_below=THIN_BELOW),
        searchable=True,
    )


def module_page(view: ModuleView) -> Page:
    title = f"Self-assessment: {view.module.name}"
    return Page(
        url=urls.self_assessment_module(view.module.id),
        title=title,
        template="engage/self_assessment.html",
        description=f"Equality Framework self-assessment for the module {view.module.name}.",
        context=SelfAssessmentModule(title=title, module=view.module, view=view, thin_below=THIN_BELOW),
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    modules = module_views(portal)
    return [index_page(portal, modules)] + [module_page(view) for view in modules]
