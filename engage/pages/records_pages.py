"""Pages for EIAs, feedback and commitments: a page per record and an index per type."""

from __future__ import annotations

from .. import urls
from ..portal import Portal
from .page import Page


def eia_pages(portal: Portal) -> list[Page]:
    rows = sorted(portal.eias.values(), key=lambda r: (r.model.decision.date, r.id), reverse=True)
    out = [
        Page(
            url="eia/",
            title="Equality Impact Assessments",
            template="engage/eia_register.html",
            description="Every published Equality Impact Assessment, its outcome and its review date.",
            context={"kind": "eia-register", "rows": rows, "today": portal.today},
            searchable=True,
        )
    ]
    for eia_id, record in portal.eias.items():
        m = record.model
        out.append(
            Page(
                url=urls.eia(eia_id),
                title=m.title,
                template="engage/eia.html",
                description=f"Equality Impact Assessment: {m.title}",
                context={
                    "kind": "eia",
                    "id": eia_id,
                    "record": m,
                    "today": portal.today,
                    "events": [portal.events[e] for e in portal.events if eia_id in portal.eias_for_event.get(e, [])],
                    "feedback": [portal.feedback[f] for f in portal.feedback_for_eia.get(eia_id, [])],
                    "superseded_by": [portal.eias[i] for i in portal.superseded_by.get(eia_id, [])],
                    "supersedes": [portal.eias[i] for i in m.supersedes],
                    "commitments": [portal.commitments[c] for c in portal.commitments_for_record.get(("eia", eia_id), [])],
                },
            )
        )
    return out


def feedback_pages(portal: Portal) -> list[Page]:
    rows = sorted(portal.feedback.values(), key=lambda r: (r.model.published, r.id), reverse=True)
    out = [
        Page(
            url="you-said-we-did/",
            title="You said, we did",
            template="engage/feedback_index.html",
            description="What people told us in each consultation, and what we did about it.",
            context={"kind": "feedback-index", "rows": rows},
            searchable=True,
        )
    ]
    for feedback_id, record in portal.feedback.items():
        f = record.model
        out.append(
            Page(
                url=urls.feedback(feedback_id),
                title=f"You said, we did: {f.title}",
                template="engage/feedback.html",
                description=f"What people said about {f.title}, and what was done.",
                context={
                    "kind": "feedback",
                    "id": feedback_id,
                    "record": f,
                    "event": portal.events[f.event],
                    "eia": portal.eias[f.eia] if f.eia else None,
                    "commitments": [portal.commitments[c] for c in portal.commitments_for_record.get(("feedback", feedback_id), [])],
                },
            )
        )
    return out


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
    return eia_pages(portal) + feedback_pages(portal) + commitment_pages(portal)
