"""Residents can find records through the site search: what the index holds and where it loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engage import search
from engage.portal import Portal
from engage.search import Entry

ROOT = Path(__file__).resolve().parents[1]


def _rows(site: Path) -> list[list[Any]]:
    rows: list[list[Any]] = json.loads((site / "search/index.json").read_text(encoding="utf-8"))["rows"]
    return rows


def test_every_record_page_is_indexed_by_title(example_site: Path, example_portal: Portal) -> None:
    titles = {row[0]: row[2] for row in _rows(example_site)}
    expected = {f"events/{i}/": r.model.title for i, r in example_portal.events.items()}
    expected |= {f"eia/{i}/": r.model.title for i, r in example_portal.eias.items()}
    expected |= {f"commitments/{i}/": r.model.title for i, r in example_portal.commitments.items()}
    expected |= {
        f"you-said-we-did/{i}/": f"You said, we did: {r.model.title}" for i, r in example_portal.feedback.items()
    }
    assert {k: v for k, v in titles.items() if k in expected} == expected


def test_an_event_is_found_by_place_organiser_access_and_topic(demo_portal: Portal) -> None:
    """Regression: the index held titles and summaries only, so "BSL" found nothing."""
    entries = {entry.url: entry for entry in search.event_entries(demo_portal)}
    for event_id, record in demo_portal.events.items():
        e = record.model
        words = entries[f"events/{event_id}/"].text
        org = demo_portal.organisations[e.organiser]
        assert org.name in words
        if e.venue:
            assert demo_portal.venues[e.venue].name in words
            assert demo_portal.venues[e.venue].postcode in words
        for topic in e.topics:
            assert demo_portal.topics[topic].name in words
        assert ("BSL interpreter" in words) == (e.access.bsl.value in {"yes", "on-request"})


def test_index_rows_are_compact_and_in_a_fixed_order(example_portal: Portal) -> None:
    terms = {"Fernside": 0}
    entry = Entry("events/x/", "event", "T", "S", None, "w", ("Town Hall", "Fernside"))
    assert entry.row(terms) == ["events/x/", "event", "T", "S", "", "w", [1, 0]]
    assert terms == {"Fernside": 0, "Town Hall": 1}
    assert entry.text == "w Town Hall Fernside"
    first = search.index_json(search.entries(example_portal, ROOT / "content"))
    again = search.index_json(search.entries(example_portal, ROOT / "content"))
    assert first == again
    payload = json.loads(first)
    assert payload["kinds"] == search.KIND_LABELS
    kinds = [row[1] for row in payload["rows"]]
    # Upcoming events first, then information pages, assessments, feedback, commitments, past events.
    order = ["event", "page", "eia", "feedback", "commitment", "past-event"]
    assert kinds == sorted(kinds, key=order.index)
    pages = {row[0]: row[2] for row in payload["rows"] if row[1] == "page"}
    assert pages["accessibility/"] == "Accessibility statement for Calderbrook Engage"
    assert pages["privacy/"] == "Privacy notice"


def test_the_index_loads_on_the_search_page_only(example_site: Path) -> None:
    """Regression: 72 KB of search code and index were fetched on every page."""
    loading = [
        page.relative_to(example_site).as_posix()
        for page in example_site.rglob("*.html")
        if "search.js" in page.read_text(encoding="utf-8") or "search_index" in page.read_text(encoding="utf-8")
    ]
    assert loading == ["search/index.html"]
    assert not (example_site / "search" / "search_index.json").exists()
