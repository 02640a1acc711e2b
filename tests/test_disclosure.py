"""One disclosure rule for feedback pages and open data: small counts withheld, uncleared quotes never shown.

Each test pins the rule's exact edge (4 withheld, 5 shown; which consents publish), so a changed
threshold or consent list fails here, and the pages and the open data are checked against each
other on the same record, so one side cannot drift from the other.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from engage import disclosure, participation, render, urls
from engage.exports import json_export
from engage.exports.csv_export import TABLES
from engage.exports.csv_export import render as render_csv
from engage.exports.datasets import ALL
from engage.exports.names import name_index
from engage.exports.published import WITHHELD_COUNTS, withheld
from engage.models.evaluation import AreaReach, GroupReach
from engage.models.event import Event
from engage.models.feedback import Feedback, ProfileCount, Quote, QuoteConsent, Responses, Theme
from engage.pages import coverage_pages, events
from engage.pages.feedback_pages import feedback_context, gap_text, share_text
from engage.portal import Portal
from engage.representation import CategoryShare

FEEDBACK = next(d for d in ALL if d.name == "feedback")
EVENTS = next(d for d in ALL if d.name == "events")


def test_counts_under_five_are_small_and_five_is_not() -> None:
    assert disclosure.SMALL_COUNT == 5
    assert [disclosure.is_small(n) for n in (0, 1, 4, 5, 6, 412)] == [True, True, True, False, False, False]


def test_a_small_count_is_written_as_fewer_than_five() -> None:
    assert [disclosure.count_text(n) for n in (0, 4, 5, 2914)] == ["fewer than 5", "fewer than 5", "5", "2,914"]


def test_only_consented_and_anonymised_quotes_may_be_published() -> None:
    assert {c.value: disclosure.publishable(Quote(text="A quote.", consent=c)) for c in QuoteConsent} == {
        "consented": True,
        "anonymised": True,
        "not-cleared": False,
    }


def test_open_data_withholds_every_count_of_people_the_pages_withhold() -> None:
    assert {
        (Responses, "count"),
        (ProfileCount, "count"),
        (Theme, "count"),
        (GroupReach, "people"),
        (AreaReach, "people"),
        (Event, "attendees"),
    } == WITHHELD_COUNTS
    assert [withheld(Responses, "count", n) for n in (4, 5)] == [True, False]
    assert [withheld(GroupReach, "people", n) for n in (4, 5)] == [True, False]
    assert [withheld(Theme, "count", n) for n in (4, 5)] == [True, False]
    # Only counts of people: another whole number at 4 is published.
    assert withheld(Feedback, "count", 4) is False


def test_suppressed_shares_give_only_a_bound() -> None:
    small = CategoryShare("young", "Young people", 4, 2.0, 20.0, True)
    shown = CategoryShare("older", "Older people", 5, 2.5, 20.0, True)
    assert [share_text(small, 200), share_text(shown, 200)] == ["under 2.5%", "2.5%"]
    assert [gap_text(small, 200), gap_text(shown, 200)] == ["at least 17.5 points below", "17.5 points below"]


def _edge_case(portal: Portal) -> tuple[Portal, str]:
    """The example feedback with counts of 4 and 5 everywhere, and a quote of every consent."""
    key = "housing-allocations"
    record = portal.feedback[key]
    model = record.model
    theme = model.themes[0]
    quotes = [Quote(text=f"Said with consent {c.value}.", consent=c) for c in QuoteConsent]
    changed = model.model_copy(
        update={
            "responses": [
                model.responses[0].model_copy(update={"count": 4}),
                model.responses[1].model_copy(update={"count": 5}),
            ],
            "themes": [
                theme.model_copy(update={"count": 4, "quotes": quotes}),
                theme.model_copy(update={"id": "second", "count": 5, "quotes": []}),
            ],
        }
    )
    edited = copy.copy(portal)
    edited.feedback = {**portal.feedback, key: record.__class__(record.id, record.file, changed, record.doc)}
    return edited, key


def _csv(portal: Portal, file: str, key: str) -> list[dict[str, str]]:
    table = next(t for t in TABLES if t.file == file)
    rows = csv.DictReader(io.StringIO(render_csv(portal, table).decode("utf-8-sig"), newline=""))
    return [r for r in rows if r["feedback_id"] == key]


def test_the_feedback_page_and_the_open_data_withhold_the_same_counts_and_quotes(example_portal: Portal) -> None:
    portal, key = _edge_case(example_portal)
    page = feedback_context(portal, key)
    exported: dict[str, Any] = json.loads(
        json_export.dumps(json_export.record(name_index(portal), FEEDBACK, key, portal.feedback[key].model))
    )

    assert [count for _, count in page.responses] == ["fewer than 5", "5"]
    assert [r["count"] for r in exported["responses"]] == [None, 5]
    assert [r["count"] for r in _csv(portal, "feedback-responses.csv", key)] == ["", "5"]

    assert [t.count for t in page.themes] == ["fewer than 5", "5"]
    assert [t["count"] for t in exported["themes"]] == [None, 5]
    assert [r["count"] for r in _csv(portal, "feedback-themes.csv", key)] == ["", "5"]

    published = ["Said with consent consented.", "Said with consent anonymised."]
    assert [q.text for q in page.themes[0].quotes] == published
    assert [q["text"] for q in exported["themes"][0]["quotes"]] == published


def test_an_event_page_and_the_open_data_withhold_the_same_small_attendance(example_portal: Portal) -> None:
    """Regression: the event page's summary printed `attendees` as recorded while its "Who took
    part" section and nothing in open data withheld it; now one rule for all three."""
    key = "2026-12-03-library-review"
    record = example_portal.events[key]
    for attendees, page_words, exported_value, csv_value in (
        (4, "fewer than 5", None, ""),
        (1140, "1,140", 1140, "1140"),
    ):
        portal = copy.copy(example_portal)
        changed = record.model.model_copy(update={"attendees": attendees})
        portal.events = {**example_portal.events, key: record.__class__(record.id, record.file, changed, record.doc)}
        page = next(p for p in events.event_pages(portal) if p.url == urls.event(key))
        html = render.render_page(render.environment(), page, portal.settings).decode()
        exported = json.loads(json_export.dumps(json_export.record(name_index(portal), EVENTS, key, changed)))
        rows = csv.DictReader(
            io.StringIO(render_csv(portal, next(t for t in TABLES if t.file == "events.csv")).decode("utf-8-sig"))
        )
        assert f"<dt>Took part</dt><dd>{page_words} people</dd>" in html
        assert f"<p>People who took part: {page_words}.</p>" in html
        assert exported["attendees"] == exported_value
        assert next(r for r in rows if r["id"] == key)["attendees"] == csv_value


def test_coverage_participation_by_organisation_and_quarter_published_small_counts(example_portal: Portal) -> None:
    """Regression: the coverage page's participation tables and chart printed the people who took
    part as summed, so one event's withheld attendance of 3 showed as '3' beside its organisation
    and quarter; now they follow the one rule ('fewer than 5'), as the event page and open data do."""
    key = "2026-10-05-town-centre-consultation"
    record = example_portal.events[key]
    assert record.model.organiser == "district-council" and record.model.attendees is None
    for attendees, words in ((3, "fewer than 5"), (1140, "1,140")):
        portal = copy.copy(example_portal)
        changed = record.model.model_copy(update={"attendees": attendees})
        portal.events = {**example_portal.events, key: record.__class__(record.id, record.file, changed, record.doc)}
        page = next(p for p in coverage_pages.pages(portal) if p.url == urls.coverage())
        html = render.render_page(render.environment(), page, portal.settings).decode()
        assert (
            f'<th scope="row">Example District Council</th><td>13</td><td>{words} (recorded at 1 of 4 events)</td>'
        ) in html
        assert '<th scope="row">Oct to Dec 2026</th><td>3</td><td>' + words + "</td><td>1</td>" in html
        assert '<th scope="row">Jul to Sep 2026</th><td>2</td><td>Not recorded</td><td>0</td>' in html
        assert f"{words} people" in html
        assert ">3 people<" not in html


def _with_attendance(portal: Portal, attendance: dict[str, int]) -> Portal:
    changed = copy.copy(portal)
    events = dict(portal.events)
    for key, people in attendance.items():
        record = events[key]
        events[key] = record.__class__(
            record.id, record.file, record.model.model_copy(update={"attendees": people}), record.doc
        )
    changed.events = events
    return changed


def test_participation_totals_do_not_give_away_a_withheld_attendance_by_subtraction(example_portal: Portal) -> None:
    """Regression: a partner's total added one event's withheld 3 to another event's published 40,
    so the coverage page's 43 less the event page's 40 gave the 3 away. Totals now add only
    figures that are published one by one, and say how many events had fewer than 5."""
    # Two of the council's events, both first held in January to March 2026.
    portal = _with_attendance(example_portal, {"2026-03-02-parks-consultation": 3, "2026-01-06-carers-cafe": 40})
    council = next(t for t in participation.by_organisation(portal) if t.key == "district-council")
    assert (council.people, council.recorded, council.withheld) == (40, 2, 1)
    quarter = next(t for t in participation.by_quarter(portal) if t.key == "2026-01-01")
    assert (quarter.people, quarter.recorded, quarter.withheld) == (40, 2, 1)
    page = next(p for p in coverage_pages.pages(portal) if p.url == urls.coverage())
    html = render.render_page(render.environment(), page, portal.settings).decode()
    assert (
        '<th scope="row">Example District Council</th><td>13</td>'
        "<td>40, plus 1 event with fewer than 5 (recorded at 2 of 4 events)</td>"
    ) in html
    assert (
        f'<th scope="row">Jan to Mar 2026</th><td>{quarter.held}</td><td>40, plus 1 event with fewer than 5</td><td>2</td>'
    ) in html
    assert "at least 40 people" in html
    assert ">43" not in html and "43 people" not in html

    both_small = _with_attendance(example_portal, {"2026-03-02-parks-consultation": 3, "2026-01-06-carers-cafe": 4})
    council = next(t for t in participation.by_organisation(both_small) if t.key == "district-council")
    assert (council.people, council.people_text) == (0, "fewer than 5 at each of 2 events")
