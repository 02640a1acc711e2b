"""An id is a page's address: it must not be a name the site already uses beside it.

A commitment called 'overdue' would be drawn at 'commitments/overdue/', where the list of
overdue actions is; one called 'page' would sit above the overview's later pages
('commitments/page/2/'). The names come from `urls.reserved_ids`, which reads them off the
addresses themselves, so a new fixed page or listing reserves its name here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from .. import urls
from ..loading import TAXONOMIES, Loaded
from ..problems import Problem
from ..records import Record

# Each kind of record whose id is the last part of a page's address, with those pages.
# Events are here for completeness: their ids begin with the date, which no fixed name does.
RECORD_PAGES: tuple[tuple[str, str, tuple[Callable[[str], str], ...]], ...] = (
    ("events", "event", (urls.event,)),
    ("eias", "EIA", (urls.eia,)),
    ("feedback", "feedback", (urls.feedback,)),
    ("commitments", "commitment", (urls.commitment,)),
    ("evaluations", "evaluation", (urls.evaluation,)),
    ("venues", "venue", (urls.venue,)),
    ("modules", "module", (urls.self_assessment_module,)),
    ("organisations", "organisation", (partial(urls.facet_listing, "organiser"),)),
    ("areas", "area", (partial(urls.facet_listing, "area"), partial(urls.coverage_detail, "area"))),
    ("topics", "topic", (partial(urls.facet_listing, "topic"),)),
    ("groups", "group", (partial(urls.facet_listing, "group"), partial(urls.coverage_detail, "group"))),
    ("methods", "method", (partial(urls.facet_listing, "type"),)),
)
"""(the records' folder or taxonomy, what one is called, its pages from its id)."""


def reserved_for(name: str) -> frozenset[str]:
    """Every id the records of a folder or taxonomy (such as 'commitments') cannot have."""
    return frozenset().union(*(urls.reserved_ids(page) for n, _, pages in RECORD_PAGES if n == name for page in pages))


def _records(loaded: Loaded, name: str) -> Sequence[Record[Any]]:
    if name in TAXONOMIES:
        return loaded.taxonomies.get(name, [])
    records: Sequence[Record[Any]] = getattr(loaded, name)
    return records


def check(loaded: Loaded) -> list[Problem]:
    out: list[Problem] = []
    for name, what, pages in RECORD_PAGES:
        for record in _records(loaded, name):
            taken = [page(record.id) for page in pages if record.id in urls.reserved_ids(page)]
            if not taken:
                continue
            clash = f"'{record.id}' would make its page {taken[0]}, an address the site keeps for its own pages"
            if record.base:
                # A taxonomy entry: its id is a field of its own.
                out.append(record.problem("reserved-id", ("id",), f"{what} id {clash}; choose another id"))
            else:
                out.append(
                    record.problem(
                        "reserved-id",
                        (),
                        f"the file name (the {what}'s id) {clash}; rename the file, for example to "
                        f"{record.id}-{what.lower()}.yaml",
                    )
                )
    return out
