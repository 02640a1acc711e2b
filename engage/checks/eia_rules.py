"""The rules that make an EIA more than box-ticking (issue: EIA register)."""

from __future__ import annotations

from ..loading import Loaded
from ..models.eia import ImpactLevel, Outcome
from ..problems import Problem


def check(loaded: Loaded) -> list[Problem]:
    configured = [r.id for r in loaded.taxonomies.get("characteristics", [])]
    out: list[Problem] = []
    for r in loaded.eias:
        m = r.model
        assessed = [i.characteristic for i in m.impacts]
        missing = [c for c in configured if c not in assessed]
        if missing:
            out.append(
                r.problem("characteristic-not-assessed", ("impacts",), "no impact given for " + ", ".join(f"'{c}'" for c in missing))
            )
        for index, characteristic in enumerate(assessed):
            if characteristic in assessed[:index]:
                out.append(r.problem("duplicate-id", ("impacts", index, "characteristic"), f"'{characteristic}' is assessed twice"))
        if m.outcome is Outcome.CONTINUE and not m.justification:
            out.append(
                r.problem("missing-justification", ("justification",), "the outcome 'continue' despite adverse impact needs a justification")
            )
        live_actions = [a for a in m.actions if a.status.value != "dropped"]
        for index, impact in enumerate(m.impacts):
            if impact.impact is ImpactLevel.NEGATIVE and not live_actions and m.outcome is not Outcome.CONTINUE:
                out.append(
                    r.problem(
                        "unmitigated-impact", ("impacts", index, "impact"),
                        f"negative impact on '{impact.characteristic}' has no mitigation action; add one, or choose the outcome 'continue' with a justification",
                    )
                )
    return out
