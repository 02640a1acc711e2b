"""The compact index the filter script combines filters over, and GOV.UK-style page numbers."""

from __future__ import annotations

import json

import pytest

from engage import facets
from engage.pages import filter_index
from engage.pages.event_view import upcoming_items
from engage.pages.paginate import page_window, paginate
from engage.portal import Portal


@pytest.mark.parametrize(
    ("current", "count", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (3, 6, [1, 2, 3, 4, 5, 6]),  # a gap of one page shows the page, not an ellipsis
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
        (6, 20, [1, None, 5, 6, 7, None, 20]),
    ],
)
def test_page_numbers_follow_the_gov_uk_pattern(current: int, count: int, expected: list[int | None]) -> None:
    assert page_window(current, count) == expected


def test_pager_numbers_regression_page_1_page_2_page_3_page_6_showed_no_gap() -> None:
    pager = paginate(list(range(6 * 25)), 25, "events/")[0]
    assert pager.numbers == [(1, "events/"), (2, "events/page/2/"), None, (6, "events/page/6/")]


def test_the_index_holds_every_upcoming_date_once_with_its_event_facets(example_portal: Portal) -> None:
    entries = upcoming_items(example_portal)
    data = json.loads(filter_index.files(example_portal)[0].content)
    assert [(data["events"][row[0]][0], row[2]) for row in data["dates"]] == [(e.record.id, e.when) for e in entries]
    assert sorted(e[0] for e in data["events"]) == sorted({e.record.id for e in entries})
    for event in data["events"]:
        values = facets.values_of(example_portal, example_portal.events[event[0]].model)
        named = {facet: [data["values"][k][i] for i in event[7][k]] for k, facet in enumerate(data["facets"])}
        assert named == {facet: list(v) for facet, v in values.items()}
        entry = next(e for e in entries if e.record.id == event[0])
        assert (data["places"][event[2]], data["organisers"][event[3]], data["methods"][event[4]]) == (
            entry.place,
            entry.organiser,
            entry.method,
        )
    assert data["perPage"] == example_portal.settings.events_per_page
    assert filter_index.files(example_portal)[0].path == "events/upcoming.json"
