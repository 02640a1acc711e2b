"""Equality commitments: the overview and a page per commitment."""

from __future__ import annotations

from .. import urls
from ..portal import Portal
from .page import Page


def commitment_pages(portal: Portal) -> list[Page]:
    rows = sorted(portal.commitments.values(), key=lambda r: (r.model.module, r.id))
    out = [
        Page(
            url="commitments/",
            title="Equality commitments",
            template="engage/commitments_index.html",
            description="Our equality commitments, their action plans and progress.",
            context={"kind": "commitments-index", "rows": rows, "today": portal.today},
            searchable=True,
        )
    ]
    for commitment_id, record in portal.commitments.items():
        c = record.model
        out.append(
            Page(
                url=urls.commitment(commitment_id),
                title=c.title,
                template="engage/commitment.html",
                description=f"Equality commitment: {c.title}",
                context={
                    "kind": "commitment",
                    "id": commitment_id,
                    "record": c,
                    "today": portal.today,
                    "events": [portal.events[i] for i in c.evidence.events],
                    "eias": [portal.eias[i] for i in sorted(set(c.evidence.eias) | {a for a, r in portal.eias.items() if commitment_id in r.model.commitments})],
                    "feedback": [portal.feedback[i] for i in sorted(set(c.evidence.feedback) | {f for f, r in portal.feedback.items() if commitment_id in r.model.commitments})],
                },
            )
        )
    return out


def pages(portal: Portal) -> list[Page]:
    return commitment_pages(portal)
