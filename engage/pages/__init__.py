"""Turn a checked Portal into pages and files: pure functions, no MkDocs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..feeds import families as feed_families
from ..output import OutputFile, Page, TypedContext
from ..portal import Portal
from . import (
    calendar_pages,
    commitment_pages,
    coverage_pages,
    eia_pages,
    event_form_data,
    events,
    facet_pages,
    feedback_pages,
    filter_index,
    home,
    impact_pages,
    open_data_pages,
    planning_pages,
    search_page,
    self_assessment_pages,
    venue_pages,
)

# Each page family contributes its pages; each output family its files.
PAGE_FAMILIES: list[Callable[[Portal], list[Page]]] = [
    events.pages,
    facet_pages.pages,
    calendar_pages.pages,
    eia_pages.pages,
    feedback_pages.pages,
    commitment_pages.pages,
    coverage_pages.pages,
    feed_families.pages,
    open_data_pages.pages,
    search_page.pages,
    planning_pages.pages,
    impact_pages.pages,
    self_assessment_pages.pages,
    venue_pages.pages,
]
FILE_FAMILIES: list[Callable[[Portal], list[OutputFile]]] = [
    feed_families.files,
    open_data_pages.files,
    filter_index.files,
    facet_pages.files,
    event_form_data.files,
]


@dataclass
class Site:
    """Everything generated for one build."""

    pages: list[Page]
    files: list[OutputFile]
    content_context: dict[str, TypedContext] = field(default_factory=dict)
    """Context for hand-written pages (by source path), such as the home page's listings."""


def generate(portal: Portal) -> Site:
    pages = [page for family in PAGE_FAMILIES for page in family(portal)]
    files = [output for family in FILE_FAMILIES for output in family(portal)]
    return Site(pages=pages, files=files, content_context={"index.md": home.context(portal)})
