"""The one rule for "open now", and the places that ask it: listings, facet pages, the home page, event pages.

Cases are built from the data model (a copy of the demo data with a consultation's dates
changed), not from the demo's ids alone.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from engage import consultation_stage, facets
from engage.models.event import Consultation, Event, EventStatus
from engage.pages import events, facet_pages, feedback_pages, home
from engage.pages.event_view import past_items, upcoming_items
from engage.portal import Portal, check_data
from engage.render import environment, render_page

from .conftest import DEMO_DATA

REFERENCE_DAY = date(2026, 12, 3)
BUDGET = "2026-11-02-budget-2027-consultation"


def consultation(opens: date, closes: date, status: EventStatus = EventStatus.SCHEDULED) -> Event:
    return Event.model_validate(
        {
            "title": "A consultation",
            "summary": "Have your say.",
            "description": "About it.",
            "organiser": "council",
            "method": "survey",
            "areas": ["north"],
            "topics": ["parks"],
            "date": opens.isoformat(),
            "contact": "consult@example.gov.uk",
            "status": status.value,
            "consultation": {
                "decision": "Something.",
                "opens": opens.isoformat(),
                "closes": closes.isoformat(),
                "how_responses_used": "Reported to Cabinet.",
            },
        }
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 1), False),  # the day before it opens
        (date(2026, 11, 2), True),  # the opening day
        (date(2026, 12, 3), True),
        (date(2026, 12, 13), True),  # the closing day is included
        (date(2026, 12, 14), False),
    ],
)
def test_a_consultation_is_open_from_its_opening_to_its_closing_day(day: date, expected: bool) -> None:
    assert consultation_stage.is_open_on(consultation(date(2026, 11, 2), date(2026, 12, 13)), day) is expected


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.POSTPONED])
def test_a_cancelled_or_postponed_consultation_is_not_open(status: EventStatus) -> None:
    assert (
        consultation_stage.is_open_on(consultation(date(2026, 11, 2), date(2026, 12, 13), status), REFERENCE_DAY)
        is False
    )


def test_an_event_without_a_consultation_is_never_open() -> None:
    event = consultation(date(2026, 11, 2), date(2026, 12, 13)).model_copy(update={"consultation": None})
    assert consultation_stage.is_open_on(event, REFERENCE_DAY) is False


def test_open_on_lists_closing_soonest_first_with_days_left() -> None:
    found = consultation_stage.open_on(
        {
            "later": consultation(date(2026, 11, 1), date(2026, 12, 31)),
            "today": consultation(date(2026, 11, 1), REFERENCE_DAY),
            "soon": consultation(date(2026, 12, 1), date(2026, 12, 6)),
            "tomorrow": consultation(date(2026, 12, 1), date(2026, 12, 4)),
            "not-yet": consultation(date(2026, 12, 4), date(2026, 12, 6)),
        },
        REFERENCE_DAY,
    )
    assert [(o.event_id, o.closes_in) for o in found] == [
        ("today", "closes today"),
        ("tomorrow", "closes tomorrow"),
        ("soon", "closes in 3 days"),
        ("later", "closes in 28 days"),
    ]


def test_the_stage_uses_the_same_rule() -> None:
    event = consultation(date(2026, 11, 2), date(2026, 12, 13))
    stages = [
        consultation_stage.stage_on("x", event, {}, day, 12).stage
        for day in (date(2026, 11, 1), date(2026, 12, 13), date(2026, 12, 14))
    ]
    assert stages == [
        consultation_stage.Stage.UPCOMING,
        consultation_stage.Stage.OPEN,
        consultation_stage.Stage.CLOSED_AWAITING,
    ]


# --- Where the rule shows ---------------------------------------------------------------


def open_everywhere(portal: Portal, event_id: str) -> None:
    """An open consultation leads 'Have your say', is listed (once, 'Open until') in /events/ and its
    area and topic listings, and is not in the archive."""
    c = portal.events[event_id].model.consultation
    assert isinstance(c, Consultation)
    open_until = f"Open until {c.closes.day} {c.closes:%B %Y}"
    assert event_id in [h.url.split("/")[1] for h in home.have_your_say(portal)]
    upcoming = [e for e in upcoming_items(portal) if e.record.id == event_id]
    assert [(e.when, e.listed_day, e.day) for e in upcoming] == [(open_until, portal.today, c.closes)]
    assert event_id not in {e.record.id for e in past_items(portal)}
    pages = facet_pages.facet_pages(portal) + events.upcoming_pages(portal)
    event = portal.events[event_id].model
    for url in ["events/"] + [f"events/area/{a}/" for a in event.areas] + [f"events/topic/{t}/" for t in event.topics]:
        shown = [
            e.record.id
            for p in pages
            if p.url in (url, f"{url}page/") or p.url.startswith(f"{url}page/")
            for g in p.context.months
            for e in g.entries
        ]
        assert shown.count(event_id) == 1, url
    stage = consultation_stage.stage_of(portal, event_id)
    assert stage is not None and stage.stage is consultation_stage.Stage.OPEN
    page = next(p for p in events.event_pages(portal) if p.url == f"events/{event_id}/")
    assert (page.context.consultation_open, page.context.is_past) == (True, False)


def test_the_budget_consultation_is_open_on_the_reference_day() -> None:
    result = check_data(DEMO_DATA, REFERENCE_DAY)
    assert result.portal is not None
    open_everywhere(result.portal, BUDGET)
    assert next(h.title for h in home.have_your_say(result.portal)) == "Budget 2027/28: have your say"


def test_a_consultation_opened_a_year_ago_and_closing_next_month_is_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA, data)
    others = "".join(p.read_text() for p in data.rglob("*.yaml") if "events" not in p.parts)
    # A consultation nothing else refers to, so its file can take a new name (its id) and dates.
    source = next(
        p
        for p in sorted((data / "events").rglob("*.yaml"))
        if "consultation:" in p.read_text() and "budget" not in p.name and p.stem not in others
    )
    opened, closes = REFERENCE_DAY - timedelta(days=365), REFERENCE_DAY + timedelta(days=35)
    text = source.read_text()
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith("date:"):
            line = f"date: {opened.isoformat()}"
        elif stripped.startswith("opens:"):
            line = line[: line.index("opens:")] + f"opens: {opened.isoformat()}"
        elif stripped.startswith("closes:"):
            line = line[: line.index("closes:")] + f"closes: {closes.isoformat()}"
        lines.append(line)
    target = source.with_name(f"{opened.isoformat()}-a-year-long-consultation.yaml")
    source.unlink()
    target.write_text("\n".join(lines) + "\n")
    result = check_data(data, REFERENCE_DAY)
    # Errors only: the demo's planned events warn of possible clashes, which do not stop a build.
    assert [p.as_text() for p in result.errors] == []
    portal = result.portal
    assert portal is not None
    open_everywhere(portal, target.stem)
    assert facets.values_of(portal, portal.events[target.stem].model)["topic"]


def test_the_event_page_and_the_stage_agree_on_when_a_consultation_opens_and_closes() -> None:
    """Regression: the event page (and the Atom feed) compared the opening day themselves; now
    all ask consultation_stage."""
    opens, closes = date(2026, 12, 10), date(2026, 12, 20)
    event = consultation(opens, closes)
    assert event.consultation is not None
    for offset in range(-3, 16):
        day = opens + timedelta(days=offset)
        stage = consultation_stage.stage_on("c", event, {}, day, 12).stage
        state = events.consultation_state(event, day)
        words = state.split(".")[0]
        expected = (
            ("Opens on 10 December 2026", consultation_stage.Stage.UPCOMING)
            if day < opens
            else ("Open now", consultation_stage.Stage.OPEN)
            if day <= closes
            else ("Closed on 20 December 2026", consultation_stage.Stage.CLOSED_AWAITING)
        )
        assert (day, words, stage) == (day, *expected)
        assert consultation_stage.opens_after(event.consultation, day) == (day < opens)


# --- A consultation that is not taking place ---------------------------------------------


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.POSTPONED])
def test_a_cancelled_or_postponed_consultation_has_no_open_stage_and_owes_no_feedback(status: EventStatus) -> None:
    event = consultation(date(2026, 11, 2), date(2026, 12, 13), status)
    found = [
        (s.stage, s.overdue)
        for day in (date(2026, 11, 1), date(2026, 12, 3), date(2026, 12, 14), date(2027, 12, 14))
        for s in [consultation_stage.stage_on("x", event, {}, day, 12)]
    ]
    assert found == [(consultation_stage.Stage.NOT_TAKING_PLACE, False)] * 4


def test_feedback_index_listed_a_cancelled_consultation_as_open_now(tmp_path: Path) -> None:
    """Regression: the stage compared the consultation's dates alone, so a cancelled consultation
    whose window held today stood under "Open now" on "You said, we did" (and its event page said
    "Stage: Open now") while every listing, the home page and the feeds knew it was not open."""
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA, data)
    budget = next((data / "events").rglob(f"{BUDGET}.yaml"))
    text = budget.read_text()
    budget.write_text(
        text.replace("changed: 2026-10-12", "changed: 2026-11-20")
        + "status: cancelled\nstatus_note: The budget timetable has changed; a new consultation will follow.\n"
        "sequence: 1\n"
    )
    result = check_data(data, REFERENCE_DAY)
    assert [p.as_text() for p in result.errors] == []
    portal = result.portal
    assert portal is not None
    stage = consultation_stage.stage_of(portal, BUDGET)
    assert stage is not None and (stage.stage, stage.name, stage.overdue) == (
        consultation_stage.Stage.NOT_TAKING_PLACE,
        "Cancelled or postponed",
        False,
    )
    index = feedback_pages.index_pages(portal)[0].context
    sections = {key: [row.event.id for row in rows] for key, _, rows in index.sections}
    assert BUDGET not in sections["open"]
    assert sections["not-taking-place"] == [BUDGET]
    html = render_page(environment(), feedback_pages.index_pages(portal)[0], portal.settings).decode()
    open_now = html[html.index('<h2 id="open">') : html.index('<h2 id="closed-awaiting">')]
    assert "Budget 2027/28" not in open_now
    assert BUDGET not in [h.url.split("/")[1] for h in home.have_your_say(portal)]
    page = next(p for p in events.event_pages(portal) if p.url == f"events/{BUDGET}/")
    assert page.context.consultation_open is False
    event_html = render_page(environment(), page, portal.settings).decode()
    assert "Stage: <strong>Cancelled or postponed</strong>." in event_html
    assert "Stage: <strong>Open now</strong>" not in event_html
    assert "Was to be open from Monday 2 November 2026 until 13 December 2026" in event_html
    assert "open until" not in event_html
