"""Access facts must fit where an event happens.

An online-only event (no venue) has no building, so step-free access, an accessible toilet, a
hearing loop, a quiet space, childcare on site or travel costs say nothing true about it: a file
that gives them is told so, and the event's access is described by its online facts instead
(captions, BSL on screen, dial-in, recording).
"""

from __future__ import annotations

from ..access import PHYSICAL
from ..loading import Loaded
from ..problems import Problem


def check(loaded: Loaded) -> list[Problem]:
    out: list[Problem] = []
    for r in loaded.events:
        e = r.model
        if e.venue is not None:
            continue
        for key in PHYSICAL:
            if key in e.access.model_fields_set:
                out.append(
                    r.problem(
                        "not-applicable",
                        ("access", key),
                        f"an online-only event (no venue) has no '{key}'; remove it "
                        "(online access goes under online: captions, bsl_on_screen, dial_in, recording)",
                    )
                )
    return out
