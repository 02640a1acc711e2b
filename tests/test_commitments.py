"""Equality commitments: action states, totals, measures, charts and pages (issue 5, points 5 and 6).

The demo data is counted a second time here straight from its YAML. Today is 22 November 2026.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from engage import commitment_progress as progress
from engage.commitment_progress import ActionState, action_state, format_value
from engage.models.commitment import Measure
from engage.models.parts import Action
from engage.pages import commitment_pages
from engage.pages.measure_chart import description, measure_chart, nice_step
from engage.portal import Portal

from .conftest import DEMO_DATA, DEMO_TODAY
from .test_eia_register import read_page

TODAY = date.fromisoformat(DEMO_TODAY)


def _action(status: str, due: str) -> Action:
    return Action.model_validate({"id": "a", "action": "Do it", "owner": "Officer", "status": status, "due": due})


def test_an_action_is_overdue_only_when_open_and_past_its_due_date() -> None:
    cases = [
        ("on-track", "2026-11-21"),
        ("on-track", "2026-11-22"),
        ("at-risk", "2026-01-01"),
        ("not-started", "2026-11-23"),
        ("done", "2026-01-01"),
        ("dropped", "2026-01-01"),
    ]
    assert [action_state(_action(status, due), TODAY) for status, due in cases] == [
        ActionState.OVERDUE,
        ActionState.ON_TRACK,
        ActionState.OVERDUE,
        ActionState.NOT_STARTED,
        ActionState.DONE,
        ActionState.DROPPED,
    ]


def test_values_are_written_with_their_units() -> None:
    assert [
        format_value(v, u) for v, u in [(65.0, "%"), (7.0, "meetings"), (12.5, "%"), (1500.0, "people"), (0.25, "days")]
    ] == [
        "65%",
        "7 meetings",
        "12.5%",
        "1,500 people",
        "0.25 days",
    ]


def test_commitments_grouped_by_module_in_taxonomy_order(example_portal: Portal) -> None:
    grouped = progress.by_module(example_portal)
    assert [(module.id, [(s.id, s.totals_nonzero) for s in items]) for module, items in grouped] == [
        ("communities", [("listening", [(ActionState.DONE, 1)])]),
        (
            "services",
            [
                (
                    "step-free-meetings",
                    [(ActionState.OVERDUE, 1), (ActionState.NOT_STARTED, 1), (ActionState.DROPPED, 1)],
                )
            ],
        ),
        ("workforce", []),
    ]


def test_action_totals_and_overdue_actions_of_the_example_data(example_portal: Portal) -> None:
    assert progress.all_totals(example_portal) == [
        (ActionState.OVERDUE, 1),
        (ActionState.AT_RISK, 0),
        (ActionState.ON_TRACK, 0),
        (ActionState.NOT_STARTED, 1),
        (ActionState.DONE, 1),
        (ActionState.DROPPED, 1),
    ]
    assert [
        (o.commitment_id, o.view.action.id, o.view.action.due) for o in progress.overdue_actions(example_portal)
    ] == [
        ("step-free-meetings", "venue-audit", date(2026, 9, 30)),
    ]


def test_a_measure_where_lower_is_better(example_portal: Portal) -> None:
    summary = progress.summary(example_portal, "step-free-meetings")
    (measure,) = summary.measures
    assert [(r.kind, r.reading.date, r.text, r.reading.note) for r in measure.rows] == [
        ("baseline", date(2026, 4, 1), "12 meetings", None),
        ("progress", date(2026, 7, 1), "9 meetings", None),
        ("progress", date(2026, 10, 1), "7 meetings", "Two venues closed for repairs"),
        ("target", date(2027, 3, 31), "0 meetings", None),
    ]
    assert (measure.latest.value, measure.target_met) == (7.0, False)


def test_a_target_is_met_in_the_direction_that_counts() -> None:
    def met(higher: bool, latest: float) -> bool:
        m = Measure.model_validate(
            {
                "id": "m",
                "name": "M",
                "unit": "%",
                "higher_is_better": higher,
                "baseline": {"date": "2026-01-01", "value": 50},
                "target": {"date": "2027-01-01", "value": 80 if higher else 20},
                "progress": [{"date": "2026-06-01", "value": latest}],
            }
        )
        return progress.measure_progress(m).target_met

    assert [met(True, 80), met(True, 79), met(False, 20), met(False, 21)] == [True, False, True, False]


def test_evidence_counts_links_declared_on_either_side(example_portal: Portal) -> None:
    # 'listening' cites the housing survey and its feedback; the community transport EIA cites 'listening'.
    assert progress.evidence(example_portal, "listening") == progress.Evidence(
        events=("2025-09-10-housing-survey",), eias=("community-transport",), feedback=("housing-allocations",)
    )


# The demo data, counted independently from its YAML files.


def _raw_commitments() -> dict[str, dict[str, Any]]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((DEMO_DATA / "commitments").glob("*.yaml"))
    }


def _raw_state(action: dict[str, Any]) -> str:
    status = action.get("status", "not-started")
    return "overdue" if status not in {"done", "dropped"} and action["due"] < TODAY else str(status)


def test_demo_totals_and_overdue_actions_agree_with_an_independent_count(demo_portal: Portal) -> None:
    raw = _raw_commitments()
    states = Counter(_raw_state(a) for c in raw.values() for a in c["actions"])
    overdue = sorted(
        (a["due"], cid, a["id"]) for cid, c in raw.items() for a in c["actions"] if _raw_state(a) == "overdue"
    )
    assert {state.value: n for state, n in progress.all_totals(demo_portal)} == {
        s: states[s] for s in ("overdue", "at-risk", "on-track", "not-started", "done", "dropped")
    }
    assert [
        (o.view.action.due, o.commitment_id, o.view.action.id) for o in progress.overdue_actions(demo_portal)
    ] == overdue
    assert overdue, "the demo data should show an overdue commitment action"


def test_demo_commitments_grouped_by_module_agree_with_an_independent_count(demo_portal: Portal) -> None:
    raw = _raw_commitments()
    modules = [m["id"] for m in yaml.safe_load((DEMO_DATA / "taxonomies" / "modules.yaml").read_text("utf-8"))]
    expected = [
        (m, sorted((c["title"].casefold(), cid) for cid, c in raw.items() if c["module"] == m)) for m in modules
    ]
    assert [
        (module.id, [(s.commitment.title.casefold(), s.id) for s in items])
        for module, items in progress.by_module(demo_portal)
    ] == expected


# The chart.


def test_ticks_are_round_numbers() -> None:
    assert [nice_step(span) for span in (100, 12, 7, 0.9, 0)] == [25, 5, 2, 0.25, 1]


def test_the_chart_is_one_labelled_image_with_its_numbers_in_words(example_portal: Portal) -> None:
    (measure,) = progress.summary(example_portal, "listening").measures
    svg = str(measure_chart(measure, "measure-on-time"))
    assert svg.startswith(
        '<svg class="engage-chart" viewBox="0 0 420 256" role="img" aria-labelledby="measure-on-time-title measure-on-time-desc"'
    )
    assert (
        '<title id="measure-on-time-title">Feedback published within 12 weeks (%): readings and target</title>' in svg
    )
    assert (
        '<desc id="measure-on-time-desc">Baseline 40% on 1 January 2026. 65% on 30 June 2026. '
        "Target 100% by 31 December 2027. Higher is better.</desc>"
    ) in svg
    # Measured and target differ by line style and marker shape, and are named in the legend.
    assert svg.count('stroke-dasharray="6 5"') == 2
    assert svg.count("<circle") == 3
    assert (
        ">Measured</text>" in svg and ">Path to target</text>" in svg and ">Target: 100% by December 2027</text>" in svg
    )
    assert svg == str(measure_chart(measure, "measure-on-time"))


def test_the_chart_escapes_contributor_text() -> None:
    m = Measure.model_validate(
        {
            "id": "m",
            "name": "<script>alert(1)</script>",
            "unit": "\"&'",
            "baseline": {"date": "2026-01-01", "value": 1},
            "target": {"date": "2027-01-01", "value": 2},
        }
    )
    p = progress.measure_progress(m)
    svg = str(measure_chart(p, "x"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert description(p) == "Baseline 1 \"&' on 1 January 2026. Target 2 \"&' by 1 January 2027. Higher is better."


# Pages.


def test_a_page_per_commitment_and_the_overview(example_portal: Portal) -> None:
    pages = commitment_pages.pages(example_portal)
    assert [(p.url, p.title, p.page_type) for p in pages] == [
        ("commitments/", "Equality commitments", "commitments-index"),
        ("commitments/listening/", "Close the loop on every consultation", "commitment"),
        ("commitments/step-free-meetings/", "Meetings everyone can get to", "commitment"),
    ]


def test_the_built_overview(example_site: Path) -> None:
    page = read_page(example_site, "commitments")
    assert page.tables["Commitment actions by status"] == [
        ["Status", "Actions"],
        ["Overdue", "1"],
        ["At risk", "0"],
        ["On track", "0"],
        ["Not started", "1"],
        ["Done", "1"],
        ["Dropped", "1"],
    ]
    assert page.tables["Actions past their due date"] == [
        ["Action", "Commitment", "Lead", "Was due"],
        [
            "Audit every venue we hire for step-free access and hearing loops",
            "Meetings everyone can get to",
            "Facilities Manager",
            "30 September 2026",
        ],
    ]
    html = (example_site / "commitments/index.html").read_text("utf-8")
    headings = [
        h
        for h in (
            "Understanding and working with your communities",
            "Responsive services and customer care",
            "Diverse and engaged workforce",
        )
        if f">{h}</h2>" in html
    ]
    assert len(headings) == 3
    assert html.index(headings[0]) < html.index(headings[1]) < html.index(headings[2])
    assert "No commitments under this module yet." in html


def test_the_built_commitment_page(example_site: Path) -> None:
    page = read_page(example_site, "commitments/step-free-meetings")
    assert page.tables["Public meetings in venues without step-free access: every reading"] == [
        ["Date", "Reading", "Value", "Note"],
        ["1 April 2026", "Baseline", "12 meetings", ""],
        ["1 July 2026", "Progress", "9 meetings", ""],
        ["1 October 2026", "Progress", "7 meetings", "Two venues closed for repairs"],
        ["31 March 2027", "Target", "0 meetings", ""],
    ]
    assert page.tables["Actions, leads and progress"] == [
        ["Action and lead", "Due", "Status", "Progress", "Risks", "Next steps"],
        [
            "Audit every venue we hire for step-free access and hearing loops Lead: Facilities Manager",
            "30 September 2026",
            "Overdue",
            "15 June 2026Half of the venues audited.",
            "Some venues are owned by others and slow to reply.",
            "Finish the audit and publish the results.",
        ],
        [
            "Buy portable hearing loops for meeting rooms Lead: Facilities Manager; with Example Health NHS Trust",
            "31 January 2027",
            "Not started",
            "No update yet",
            "None recorded",
            "None recorded",
        ],
        [
            "Refuse bookings of venues without step-free access Lead: Democratic Services Manager",
            "31 December 2026",
            "Dropped",
            "1 August 2026Dropped; the venue audit will guide bookings instead.",
            "None recorded",
            "None recorded",
        ],
    ]
    html = (example_site / "commitments/step-free-meetings/index.html").read_text("utf-8")
    assert 'role="img" aria-labelledby="measure-inaccessible-title measure-inaccessible-desc"' in html
    assert 'href="../../eia/library-hours/"' in html
