"""The rules that make an EIA more than box-ticking (issue: EIA register).

Every configured characteristic is assessed, once; a negative impact has a mitigation action
(one that is not dropped) or the outcome 'continue' with a justification; 'continue' always
has a justification. The date rules (completed on or before the decision, review after it)
live with the other date checks in dates.py.
"""

from __future__ import annotations

from ..impacts import is_adverse
from ..loading import Loaded
from ..models.eia import Eia, Outcome
from ..models.types import ActionStatus
from ..problems import Problem
from ..records import Record


def _assessed(r: Record[Eia], configured: list[str]) -> list[Problem]:
    assessed = [i.characteristic for i in r.model.impacts]
    out = []
    missing = [c for c in configured if c not in assessed]
    if missing:
        out.append(
            r.problem(
                "characteristic-not-assessed",
                ("impacts",),
                "no impact given for " + ", ".join(f"'{c}'" for c in missing),
            )
        )
    for index, characteristic in enumerate(assessed):
        if characteristic in assessed[:index]:
            out.append(
                r.problem("duplicate-id", ("impacts", index, "characteristic"), f"'{characteristic}' is assessed twice")
            )
    return out


def _justified(r: Record[Eia]) -> list[Problem]:
    m = r.model
    if m.outcome is Outcome.CONTINUE and not m.justification:
        # The justification is absent, so point at the line that asks for it: 'outcome: continue'.
        line, column = r.doc.position((*r.base, "outcome"))
        return [
            Problem(
                r.file,
                line,
                column,
                "missing-justification",
                "justification",
                "the outcome 'continue' despite adverse impact needs a justification",
            )
        ]
    return []


def _mitigated(r: Record[Eia]) -> list[Problem]:
    m = r.model
    # 'continue' answers a negative or mixed impact by its justification (checked on its own above).
    if m.outcome is Outcome.CONTINUE or any(a.status is not ActionStatus.DROPPED for a in m.actions):
        return []
    why = "only dropped actions" if m.actions else "no mitigation action"
    return [
        r.problem(
            "unmitigated-impact",
            ("impacts", index, "impact"),
            f"{impact.impact.value} impact on '{impact.characteristic}' has {why}; add one, or choose the outcome 'continue' with a justification",
        )
        for index, impact in enumerate(m.impacts)
        if is_adverse(impact.impact)
    ]


def check(loaded: Loaded) -> list[Problem]:
    configured = [r.id for r in loaded.taxonomies.get("characteristics", [])]
    out: list[Problem] = []
    for r in loaded.eias:
        out += _assessed(r, configured) + _justified(r) + _mitigated(r)
    return out
