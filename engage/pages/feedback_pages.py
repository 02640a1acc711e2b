"""'You said, we did': the index of consultations and a page per feedback record."""

from __future__ import annotations

from .. import urls
from ..portal import Portal
from .page import Page


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


def pages(portal: Portal) -> list[Page]:
    return feedback_pages(portal)
