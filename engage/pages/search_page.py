"""The search page: a form, a live region for the count, and the results (engage/search.py builds the index)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import urls
from ..output import Page
from ..portal import Portal

INDEX_PATH = urls.search_index()
"""Loaded by the search page only."""


@dataclass(frozen=True)
class SearchPage:
    """The context of `engage/search.html`."""

    kind: Literal["search"]
    """Always 'search'."""
    title: str
    """'Search'."""
    index: str
    """The compact search index the page's script loads."""


def pages(portal: Portal) -> list[Page]:
    return [
        Page(
            url=urls.search(),
            title="Search",
            template="engage/search.html",
            context=SearchPage("search", "Search", INDEX_PATH),
            description=f"Search {portal.settings.name}: events, impact assessments, feedback and information pages.",
        )
    ]
