"""What 'today' is for a build: ENGAGE_TODAY when set, so builds are reproducible."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo


class TodayError(ValueError):
    """ENGAGE_TODAY is set to something that is not a date."""


def resolve_today(timezone: str, environ: dict[str, str] | None = None) -> date:
    env = os.environ if environ is None else environ
    value = env.get("ENGAGE_TODAY", "").strip()
    if value:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise TodayError(f"ENGAGE_TODAY must be a date written YYYY-MM-DD, found {value!r}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise TodayError(f"ENGAGE_TODAY is not a real date: {value!r}") from None
    return datetime.now(ZoneInfo(timezone)).date()
