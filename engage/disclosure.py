"""What of a feedback record (and of any count of people, such as an event's attendance) may be
shown: one rule for the pages and the open data.

Counts of people under SMALL_COUNT are never published (pages say "fewer than 5", open data
leaves the value empty), so that nobody can be picked out; a quote is published only when its
consent allows it. `engage.exports.published` applies the same rule to whole records.
"""

from __future__ import annotations

from .models.feedback import Quote, QuoteConsent

SMALL_COUNT = 5
"""Counts of people below this are withheld."""

PUBLISHABLE_CONSENT = frozenset({QuoteConsent.CONSENTED, QuoteConsent.ANONYMISED})
"""The consents under which a quote may be published; anything else (not-cleared) never is."""


def is_small(count: int) -> bool:
    """Whether a count of people is small enough to identify someone, and so is withheld."""
    return count < SMALL_COUNT


def count_text(count: int) -> str:
    """'412', or 'fewer than 5' for a count small enough to identify someone."""
    return f"fewer than {SMALL_COUNT}" if is_small(count) else f"{count:,}"


def publishable(quote: Quote) -> bool:
    """Whether a quote may be published."""
    return quote.consent in PUBLISHABLE_CONSENT
