"""Ids as contributors write them: make one from a name, and find the nearest existing ones."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str) -> str:
    """'Healthwatch Calderbrook' -> 'healthwatch-calderbrook' (at most 60 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-")


def nearest(value: str, ids: Iterable[str], limit: int = 3) -> list[str]:
    """The existing ids closest to a misspelt or mis-written one, best first.

    Only ids about as close as the best are offered: a typo has one likely fix, and a list of
    look-alikes that share a long suffix ('...-consultation') would not help. A name written
    instead of an id ('Fernside Library') is compared as the id it would make."""
    wanted = {value, slugify(value)} - {""}
    scored: dict[str, float] = {}
    for candidate in set(ids):
        for form in wanted:
            matcher = difflib.SequenceMatcher(None, form, candidate)
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                scored[candidate] = max(scored.get(candidate, 0.0), matcher.ratio())
    good = sorted((-score, c) for c, score in scored.items() if score >= 0.6)
    if not good:
        return []
    best = -good[0][0]
    return [c for score, c in good if -score >= best - 0.05][:limit]


def did_you_mean(value: str, ids: Iterable[str]) -> str:
    """'; did you mean 'fernside-library'?' or '' when nothing is close."""
    close = nearest(value, ids)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
