"""The typed context of an event listing page (`engage/events.html`): upcoming events, the
upcoming events of one filter value, or one year of past events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .. import urls
from .event_view import EventItem, MonthGroup
from .paginate import Pager

if TYPE_CHECKING:  # facet_pages builds listings, so it imports this module
    from .facet_pages import FilterGroup, FilterOption


@dataclass(frozen=True)
class EventListing:
    """One page of a listing of event dates."""

    kind: Literal["upcoming", "facet", "past"]
    """Which listing: every upcoming event, one filter value's, or one past year's."""
    title: str
    """The page's heading (and title)."""
    pager: Pager[EventItem]
    """This page of the listing and the links to the others."""
    months: Sequence[MonthGroup]
    """This page's entries, grouped under month headings."""
    zone: str
    """The site's time zone in words, said once above the entries."""
    filters_url: str = field(default_factory=urls.filters)
    """The page of every filter, for readers without JavaScript."""
    feedback_for_event: Mapping[str, str] = field(default_factory=dict)
    """Event id -> its published "you said, we did" page id (past listings)."""
    year: int | None = None
    """The year of a past listing."""
    facet: FilterGroup | None = None
    """The facet of a filter-value listing."""
    option: FilterOption | None = None
    """The value of a filter-value listing."""
    feed_url: str | None = None
    """The calendar feed of a filter value, when it is offered (it has something to hold)."""
    feed_webcal: str | None = None
    """The same feed as a webcal:// address, which subscribes rather than downloads on a phone."""
    event_count: int | None = None
    """How many events (not dates) the whole listing holds (upcoming listings)."""
    index_url: str = urls.UPCOMING_INDEX
    """The compact index of upcoming dates that the filter script loads to combine filters."""
    choices_url: str = urls.FILTER_CHOICES
    """The filter form's checkboxes, which the filter script loads when the form is opened."""
