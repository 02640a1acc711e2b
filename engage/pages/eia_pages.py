"""The EIA register and a page per Equality Impact Assessment."""

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


def pages(portal: Portal) -> list[Page]:
    return eia_pages(portal)
