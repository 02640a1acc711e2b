"""Equality commitments: the overview by framework module, and a page per commitment."""

from __future__ import annotations

from .. import commitment_progress as progress
from .. import urls
from ..output import Page
from ..portal import Portal
from .measure_chart import measure_chart


def index_page(portal: Portal) -> Page:
    return Page(
        url=urls.commitments(),
        title="Equality commitments",
        template="engage/commitments_index.html",
        description="Our equality commitments by Equality Framework module, their action plans and progress.",
        context={
            "kind": "commitments-index",
            "modules": progress.by_module(portal),
            "totals": progress.all_totals(portal),
            "overdue": progress.overdue_actions(portal),
            "count": len(portal.commitments),
            "today": portal.today,
        },
        searchable=True,
    )


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
        context={
            "kind": "commitment",
            "id": commitment_id,
            "record": c,
            "summary": summary,
            "module": portal.modules[c.module],
            "organisations": [portal.organisations[o].name for o in c.organisations],
            "characteristics": [portal.characteristics[ch].name for ch in c.characteristics],
            "charts": [measure_chart(m, f"measure-{m.measure.id}") for m in summary.measures],
            "today": portal.today,
            "events": [portal.events[i] for i in evidence.events],
            "eias": [portal.eias[i] for i in evidence.eias],
            "feedback": [portal.feedback[i] for i in evidence.feedback],
            "criteria": [
                portal.criteria[i] for i in portal.criteria_for_record.get(("commitments", commitment_id), [])
            ],
            "evaluations": [
                portal.evaluations[i] for i in portal.evaluations_for_record.get(("commitment", commitment_id), [])
            ],
        },
    )


def pages(portal: Portal) -> list[Page]:
    return [index_page(portal)] + [commitment_page(portal, cid) for cid in portal.commitments]
