"""A record's id is its page's address, so it may not be a name the site uses beside it:
a commitment called 'overdue' would be drawn where the overdue actions are listed, one called
'page' above the overview's later pages. The names are read off urls.py; a test walks every
page and file the demo site generates so that none is forgotten there."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from engage import urls
from engage.checks.reserved_ids import RECORD_PAGES
from engage.loading import EVENT_NAME
from engage.pages import generate
from engage.portal import Portal, check_data


def test_the_reserved_names_are_read_off_the_addresses() -> None:
    assert urls.reserved_ids(urls.commitment) == {"overdue", "page"}
    assert urls.reserved_ids(urls.evaluation) == {"page"}
    assert urls.reserved_ids(urls.feedback) == {"page"}
    assert urls.reserved_ids(urls.eia) == {
        "page",
        "sort",
        "service",
        "outcome",
        "stage",
        "characteristic",
        "year",
        "review-overdue",
        "quality-assured",
        "negative-impact",
        "actions",
        "completed-after-decision",
    }
    assert urls.reserved_ids(urls.event) == {"page", "past", "filters", "upcoming.json"}


def test_a_commitment_called_overdue_or_page_is_refused_and_nothing_is_built(data_copy: Path) -> None:
    for name in ("overdue", "page"):
        shutil.copy(data_copy / "commitments" / "listening.yaml", data_copy / "commitments" / f"{name}.yaml")
    result = check_data(data_copy, date(2026, 11, 22))
    assert result.portal is None
    assert [p.as_text() for p in result.problems] == [
        "data/commitments/overdue.yaml:1:1: error[reserved-id]: the file name (the commitment's id) 'overdue' "
        "would make its page commitments/overdue/, an address the site keeps for its own pages; rename the file, "
        "for example to overdue-commitment.yaml",
        "data/commitments/page.yaml:1:1: error[reserved-id]: the file name (the commitment's id) 'page' "
        "would make its page commitments/page/, an address the site keeps for its own pages; rename the file, "
        "for example to page-commitment.yaml",
    ]


def test_an_evaluation_or_feedback_called_page_is_refused(data_copy: Path) -> None:
    shutil.copy(data_copy / "evaluations" / "library-review-drop-in.yaml", data_copy / "evaluations" / "page.yaml")
    shutil.copy(data_copy / "feedback" / "housing-allocations.yaml", data_copy / "feedback" / "page.yaml")
    result = check_data(data_copy, date(2026, 11, 22))
    assert [(p.file, p.code) for p in result.problems if p.code != "duplicate-id"] == [
        ("data/evaluations/page.yaml", "reserved-id"),
        ("data/feedback/page.yaml", "reserved-id"),
    ]


def test_every_name_the_site_uses_beside_records_pages_is_reserved(demo_portal: Portal) -> None:
    site = generate(demo_portal)
    addresses = [page.url for page in site.pages] + [file.path for file in site.files]
    for name, _, pages in RECORD_PAGES:
        ids = set(demo_portal_ids(demo_portal, name))
        for page in pages:
            parent = page("x").removesuffix("x/")
            beside = {a.removeprefix(parent).split("/")[0] for a in addresses if a.startswith(parent) and a != parent}
            unreserved = beside - ids - urls.reserved_ids(page)
            if name == "events":
                # Facet listings ('events/area/') sit beside event pages; an event's id begins
                # with its date, which none of their names can.
                assert unreserved and not any(EVENT_NAME.match(n) for n in unreserved), unreserved
            else:
                assert unreserved == set(), (name, parent, unreserved)


def demo_portal_ids(portal: Portal, name: str) -> list[str]:
    records = getattr(portal, name)
    assert isinstance(records, dict) and records, name
    return list(records)
