"""Population shares must add up, or 'who we heard from' compares against nonsense."""

from __future__ import annotations

from ..loading import Loaded
from ..problems import Problem

TOLERANCE = 1.5
"""Percentage points of rounding allowed around 100."""


def check(loaded: Loaded) -> list[Problem]:
    out: list[Problem] = []
    for record in loaded.taxonomies.get("characteristics", []):
        categories = record.model.categories
        shares = [c.population_share for c in categories]
        if categories and all(s is not None for s in shares):
            total = sum(s for s in shares if s is not None)
            if abs(total - 100) > TOLERANCE:
                out.append(
                    record.problem(
                        "shares-do-not-add-up",
                        ("categories",),
                        f"population shares of '{record.id}' add up to {total:g}%, expected 100%",
                    )
                )
        areas = sorted({area for c in categories for area in c.area_shares})
        for area in areas:
            missing = [c.id for c in categories if area not in c.area_shares]
            if missing:
                out.append(
                    record.problem(
                        "shares-do-not-add-up",
                        ("categories",),
                        f"area '{area}' has shares for some categories of '{record.id}' but not for "
                        + ", ".join(f"'{m}'" for m in missing),
                    )
                )
                continue
            total = sum(c.area_shares[area] for c in categories)
            if abs(total - 100) > TOLERANCE:
                out.append(
                    record.problem(
                        "shares-do-not-add-up",
                        ("categories",),
                        f"shares of '{record.id}' in area '{area}' add up to {total:g}%, expected 100%",
                    )
                )
    return out
