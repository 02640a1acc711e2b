"""Which impacts count as adverse: negative or mixed, everywhere negative impacts are counted.

A mixed impact harms some people with a characteristic while helping others; the harm still
needs mitigation and still belongs in "negative impact on" views. One rule, used by the
register's figures, its filter pages and the validator's check for mitigation.
"""

from __future__ import annotations

from .models.eia import ImpactLevel

ADVERSE = frozenset({ImpactLevel.NEGATIVE, ImpactLevel.MIXED})


def is_adverse(level: ImpactLevel | None) -> bool:
    """Negative or mixed."""
    return level in ADVERSE
