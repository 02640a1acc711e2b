"""'You said, we did': consultation stages and overdue feedback, the feedback page, and charts."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from engage.charts import Bar, Row, bar_chart
from engage.consultation_stage import Stage, stage_of, stage_on
from engage.disclosure import count_text
from engage.pages.feedback_pages import consultation_rows, index_pages
from engage.portal import Portal

from .conftest import DEMO_DATA, DEMO_TODAY

PARKS = "2026-03-02-parks-consultation"
BUS = "2026-06-01-bus-routes-consultation"
TOWN = "2026-10-05-town-centre-consultation"
LIBRARY = "2026-12-03-library-review"
HOUSING = "2025-09-10-housing-survey"


def stage_of_bus_on(portal: Portal, day: str) -> tuple[str, bool]:
    event = portal.events[BUS].model
    found = stage_on(
        BUS, event, {"bus-routes-interim": portal.feedback["bus-routes-interim"].model}, date.fromisoformat(day), 12
    )
    return found.stage.value, found.overdue


def test_a_consultation_moves_through_its_stages(example_portal: Portal) -> None:
    # Open 1 June to 12 July 2026; interim feedback published 15 September 2026.
    days = ["2026-05-31", "2026-06-01", "2026-07-12", "2026-07-13", "2026-09-14", "2026-09-15", "2027-06-01"]
    assert [stage_of_bus_on(example_portal, d) for d in days] == [
        ("upcoming", False),
        ("open", False),
        ("open", False),
        ("closed-awaiting", False),
        ("closed-awaiting", False),
        ("interim", False),
        ("interim", False),
    ]


def test_feedback_is_overdue_the_day_after_the_due_weeks_run_out(example_portal: Portal) -> None:
    event = example_portal.events[PARKS].model  # closed 26 April 2026
    due = date(2026, 4, 26) + timedelta(weeks=12)
    assert due == date(2026, 7, 19)
    on_due_day = stage_on(PARKS, event, {}, due, 12)
    day_after = stage_on(PARKS, event, {}, due + timedelta(days=1), 12)
    assert (on_due_day.stage, on_due_day.overdue, on_due_day.feedback_due) == (Stage.CLOSED_AWAITING, False, due)
    assert (day_after.stage, day_after.overdue) == (Stage.CLOSED_AWAITING, True)
    # feedback_due_weeks is a setting: with 30 weeks it is not yet due on 22 November 2026.
    assert stage_on(PARKS, event, {}, date(2026, 11, 22), 30).overdue is False


def test_latest_feedback_sets_the_stage_and_future_feedback_does_not_count_yet(example_portal: Portal) -> None:
    event = example_portal.events[HOUSING].model
    final = example_portal.feedback["housing-allocations"].model  # final, published 15 January 2026
    interim = final.model_copy(update={"stage": "interim", "published": date(2025, 12, 1)})
    answers = {"a-interim": interim, "b-final": final}
    assert stage_on(HOUSING, event, answers, date(2025, 12, 10), 12).stage is Stage.INTERIM
    found = stage_on(HOUSING, event, answers, date(2026, 2, 1), 12)
    assert (found.stage, found.feedback_ids, found.latest_feedback) == (
        Stage.FINAL,
        ("a-interim", "b-final"),
        "b-final",
    )
    assert stage_on(HOUSING, event, answers, date(2025, 11, 30), 12).stage is Stage.CLOSED_AWAITING


def test_only_events_with_a_consultation_have_a_stage(example_portal: Portal) -> None:
    assert stage_of(example_portal, "2026-01-06-carers-cafe") is None
    found = stage_of(example_portal, PARKS)
    assert found is not None
    assert (found.stage, found.overdue, found.name) == (Stage.CLOSED_AWAITING, True, "Closed, awaiting feedback")


def test_the_example_index_sorts_every_consultation_under_its_stage(example_portal: Portal) -> None:
    by_stage = consultation_rows(example_portal)
    assert {stage.value: [r.event.id for r in rows] for stage, rows in by_stage.items()} == {
        "upcoming": [],
        "open": [LIBRARY],
        "closed-awaiting": [PARKS, TOWN],
        "interim": [BUS],
        "final": [HOUSING],
        "not-taking-place": [],
    }
    (index,) = index_pages(example_portal)
    assert [r.event.id for r in index.context.overdue] == [PARKS]


def overdue_in_html(html: str) -> list[str]:
    """Event ids of the index rows that carry the 'Overdue' flag."""
    rows = re.findall(r'<tr id="consultation-([^"]+)">(.*?)</tr>', html, flags=re.S)
    return sorted(event_id for event_id, body in rows if '<strong class="engage-flag">Overdue</strong>' in body)


def test_the_built_example_index_flags_exactly_the_overdue_consultation(example_site: Path) -> None:
    html = (example_site / "you-said-we-did/index.html").read_text(encoding="utf-8")
    assert overdue_in_html(html) == [PARKS]
    assert (
        '<li><a href="../events/2026-03-02-parks-consultation/">Parks and green spaces consultation</a>: '
        "closed 26 April 2026, feedback was due by 19 July 2026</li>"
    ) in html


def independently_overdue(data: Path, today: date, weeks: int) -> list[str]:
    """Consultations closed more than `weeks` weeks before `today` with no feedback published
    by then, read from the raw YAML without the engine."""
    published = {}
    for path in (data / "feedback").glob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if raw["published"] <= today:
            published[raw["event"]] = True
    out = []
    for path in (data / "events").glob("*/*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        consultation = raw.get("consultation")
        if consultation and path.stem not in published and consultation["closes"] + timedelta(days=7 * weeks) < today:
            out.append(path.stem)
    return sorted(out)


@pytest.mark.slow
def test_the_built_demo_index_flags_exactly_the_overdue_consultations(demo_site: Path) -> None:
    weeks = yaml.safe_load((DEMO_DATA / "site.yaml").read_text(encoding="utf-8")).get("feedback_due_weeks", 12)
    expected = independently_overdue(DEMO_DATA, date.fromisoformat(DEMO_TODAY), weeks)
    assert expected, "the demo data should show at least one overdue consultation"
    html = (demo_site / "you-said-we-did/index.html").read_text(encoding="utf-8")
    assert overdue_in_html(html) == expected


@pytest.mark.parametrize("day", ["2026-03-01", DEMO_TODAY, "2027-02-01", "2027-12-31"])
def test_demo_overdue_consultations_on_any_day_match_an_independent_count(demo_portal: Portal, day: str) -> None:
    today = date.fromisoformat(day)
    portal = dataclasses.replace(demo_portal, today=today)
    (index, *_) = index_pages(portal)
    flagged = sorted(r.event.id for r in index.context.overdue)
    assert flagged == independently_overdue(DEMO_DATA, today, portal.settings.feedback_due_weeks)


def test_small_counts_are_published_as_fewer_than_5() -> None:
    assert [count_text(n) for n in (0, 1, 4, 5, 412, 2914)] == ["fewer than 5"] * 3 + ["5", "412", "2,914"]


@pytest.fixture(scope="module")
def interim_html(example_site: Path) -> str:
    return (example_site / "you-said-we-did/bus-routes-interim/index.html").read_text(encoding="utf-8")


def test_an_interim_page_says_so_and_when_the_final_one_is_due(interim_html: str) -> None:
    assert "Final feedback is expected by 31 January 2027." in interim_html
    assert "<dd>Interim, published 15 September 2026</dd>" in interim_html


def test_who_took_part_hides_small_counts(interim_html: str) -> None:
    assert '<tr><th scope="row">Survey</th><td>96</td></tr>' in interim_html
    assert '<tr><th scope="row">Drop-in session</th><td>fewer than 5</td></tr>' in interim_html
    assert '<tfoot><tr><th scope="row">All responses</th><td>100</td></tr></tfoot>' in interim_html


def test_only_cleared_quotes_are_published(interim_html: str) -> None:
    assert "I can get there by bus but I cannot get home again." in interim_html
    assert "My neighbour relies on it every week." not in interim_html


def test_we_did_gives_each_themes_response_reason_and_actions(interim_html: str) -> None:
    assert '<h3 id="we-did-evening-services">Evening services: still considering</h3>' in interim_html
    assert "<p>We are costing two evening journeys and will say in the final feedback.</p>" in interim_html
    assert '<h3 id="we-did-hospital-stop">A stop at the hospital: changed</h3>' in interim_html
    assert (
        '<li><a href="../../commitments/listening/#action-tracker">Keep a tracker of consultations awaiting feedback</a> '
        "(Equality commitment: Close the loop on every consultation)</li>"
    ) in interim_html
    assert "<p>Not yet decided. Cabinet is due to decide on 20 January 2027.</p>" in interim_html


def test_who_we_heard_from_names_under_represented_groups_in_words(interim_html: str) -> None:
    assert "<p><strong>Under-represented:</strong> Under 35.</p>" in interim_html
    assert "<p><strong>Under-represented:</strong> Not disabled.</p>" in interim_html
    # The 3 under-35s are suppressed: their share and gap are bounds, never the exact figures.
    assert (
        '<tr><th scope="row">Under 35 <strong>(under-represented)</strong></th><td>fewer than 5</td>'
        "<td>under 6.3%</td><td>40%</td><td>at least 33.7 points below</td></tr>"
    ) in interim_html
    assert (
        '<tr><th scope="row">35 to 64</th><td>37</td><td>46.2%</td><td>38%</td><td>8.2 points above</td></tr>'
        in interim_html
    )
    assert "3.75" not in interim_html


def test_the_theme_chart_has_its_numbers_as_text(interim_html: str) -> None:
    svg = interim_html.split('<div class="engage-chart">')[-1].split("</svg>")[0] + "</svg>"
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert (
        root.findtext(f"{ns}title")
        == "What people said in Community bus routes consultation: responses raising each theme"
    )
    assert [t.text for t in root.iter(f"{ns}text")] == [
        "Evening services",
        "42 responses",
        "A stop at the hospital",
        "fewer than 5 responses",
    ]
    assert len(root.findall(f"{ns}rect")) == 1  # no bar drawn for a suppressed count


def test_a_chart_escapes_its_text_and_tells_series_apart_without_colour() -> None:
    svg = bar_chart(
        "x<1>",
        'Title with <script>alert("x")</script>',
        "A & B",
        [Row("<b>Group</b> & co", (Bar(30.0, "Respondents: 30%"), Bar(60.0, "Population: 60%", hatched=True)))],
    )
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(str(svg))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.findtext(f"{ns}title") == 'Title with <script>alert("x")</script>'
    assert root.findtext(f"{ns}desc") == "A & B"
    assert root.get("aria-labelledby") == "x<1>-title x<1>-desc"
    assert [t.text for t in root.iter(f"{ns}text")] == ["<b>Group</b> & co", "Respondents: 30%", "Population: 60%"]
    bars = [(r.get("width"), r.get("fill")) for r in root.findall(f"{ns}rect")]
    # Scaled to the longest bar (250 units); the second series is hatched, with its name printed.
    assert bars == [("125", "#1a237e"), ("250", "url(#x<1>-hatch)")]


def test_a_long_label_wraps_onto_several_lines() -> None:
    label = "Gender identity different from sex registered at birth but no specific identity given"
    root = ET.fromstring(str(bar_chart("w", "t", "d", [Row(label, (Bar(1.0, "1"),))])))
    lines = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")][:-1]
    assert " ".join(lines) == label
    assert len(lines) == 2 and all(len(line or "") <= 50 for line in lines)
