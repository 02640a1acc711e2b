"""The form's fields for everything a partner publishes: a consultation (what is decided, dates,
options, papers, who decides, who it is for), documents, the EIA it informs, online access, moved
dates of a series and an event over several days with times. Each is checked in the browser
with the validator's rules, its file passes `engage validate` unchanged, "add another" works from
the keyboard and is heard by screen readers, and the update form loads and keeps all of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engage.models import Event
from engage.portal import Portal
from engage.yaml_reader import read

from .axe import describe, prepare, violations
from .conftest import VIEWPORTS
from .test_event_form import ADD, UPDATE, _open, _validate_in_copy

SUBMIT = "#engage-event-form button[type=submit]"


def _summary(page: Any) -> list[tuple[str, str | None]]:
    links = page.locator("#engage-error-summary a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def _date(page: Any, field: str, day: int, month: int, year: int) -> None:
    page.fill(f"#{field}", str(day))
    page.fill(f"#{field}-month", str(month))
    page.fill(f"#{field}-year", str(year))


def _fill_consultation(page: Any, portal: Portal) -> dict[str, str]:
    eia = sorted(portal.eias)[0]
    page.select_option("#f-organiser", "calderbrook-council")
    page.fill("#f-title", "Fernside library opening hours: consultation")
    page.fill("#f-summary", "Tell us which opening hours would suit you before the council decides.")
    page.fill("#f-description", "We must save money on libraries. Three ways to do it are set out below.")
    page.select_option("#f-method", "exhibition")
    page.check("input[name=areas][value=fernside]")
    page.check("input[name=topics][value=libraries-and-culture]")
    # Over three days with times: from 18:00 on the first day to 12:00 on the last.
    _date(page, "f-date", 3, 3, 2027)
    page.check("input[name=timing][value=times]")
    page.fill("#f-start-time", "18:00")
    page.fill("#f-end-time", "12:00")
    _date(page, "f-end-date", 5, 3, 2027)
    page.check("input[name=repeats][value=no]")
    page.check("input[name=attendance][value=in-person]")
    page.select_option("#f-venue", "calderbrook-central-library")
    page.check("input[name=is_consultation][value=yes]")
    page.fill("#f-consultation-decision", "The opening hours of Fernside library from April 2027.")
    _date(page, "f-consultation-opens", 1, 2, 2027)
    _date(page, "f-consultation-closes", 28, 3, 2027)
    page.fill("#f-consultation-respond-url", "https://consult.calderbrook.gov.uk/libraries/fernside")
    page.fill("#f-consultation-how-responses-used", "A report of the responses goes to Cabinet with the EIA.")
    page.click("#f-consultation-options-add")
    page.fill("#f-consultation-options-0-title", "Close on Mondays")
    page.fill("#f-consultation-options-0-status", "Preferred option")
    page.click("#f-consultation-options-add")
    page.fill("#f-consultation-options-1-title", "Close the library")
    page.fill("#f-consultation-options-1-description", "Would save most, but leave Fernside with no library.")
    page.fill("#f-consultation-options-1-status", "Rejected before consultation")
    page.click("#f-consultation-documents-add")
    page.fill("#f-consultation-documents-0-title", "The proposals")
    page.fill("#f-consultation-documents-0-url", "https://consult.calderbrook.gov.uk/libraries/fernside/proposals")
    page.click("#f-consultation-documents-add")
    page.fill("#f-consultation-documents-1-title", "Easy read summary")
    page.fill("#f-consultation-documents-1-url", "https://consult.calderbrook.gov.uk/libraries/fernside/easy-read.pdf")
    page.fill("#f-consultation-documents-1-format", "PDF, 300 KB")
    page.fill("#f-consultation-decision-due-maker", "Cabinet")
    _date(page, "f-consultation-decision-due-date", 15, 6, 2027)
    page.check("input[name=has_audience][value=yes]")
    page.check("input[name='consultation.audience.areas'][value=fernside]")
    page.check("input[name='consultation.audience.categories.age'][value=age-65-74]")
    page.click("#f-documents-add")
    page.fill("#f-documents-0-title", "Library strategy 2026 to 2030")
    page.fill("#f-documents-0-url", "https://www.calderbrook.gov.uk/libraries/strategy")
    page.select_option("#f-eia", eia)
    return {"eia": eia}


def test_a_consultation_with_papers_an_eia_and_a_timed_span_over_days_validates_unchanged(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _open(new_page, base_url, ADD)
    chosen = _fill_consultation(page, demo_portal)
    page.click(SUBMIT)
    page.wait_for_selector("#engage-result:not([hidden])")
    text = page.locator("#engage-yaml").input_value()
    path = page.locator("#engage-path").inner_text()
    assert path == "data/events/calderbrook-council/2027-03-03-fernside-library-opening-hours-consultation.yaml"
    assert (_validate_in_copy(tmp_path, path, text, capsys)) == (0, "")
    assert 'date: 2027-03-03\nstart_time: "18:00"\nend_time: "12:00"\nend_date: 2027-03-05\n' in text
    record = read(text.encode()).value
    assert record["consultation"] == {
        "decision": "The opening hours of Fernside library from April 2027.",
        "opens": "2027-02-01",
        "closes": "2027-03-28",
        "options": [
            {"title": "Close on Mondays", "status": "Preferred option"},
            {
                "title": "Close the library",
                "description": "Would save most, but leave Fernside with no library.",
                "status": "Rejected before consultation",
            },
        ],
        "documents": [
            {"title": "The proposals", "url": "https://consult.calderbrook.gov.uk/libraries/fernside/proposals"},
            {
                "title": "Easy read summary",
                "url": "https://consult.calderbrook.gov.uk/libraries/fernside/easy-read.pdf",
                "format": "PDF, 300 KB",
            },
        ],
        "respond_url": "https://consult.calderbrook.gov.uk/libraries/fernside",
        "how_responses_used": "A report of the responses goes to Cabinet with the EIA.",
        "decision_due": {"maker": "Cabinet", "date": "2027-06-15"},
        "audience": {"categories": {"age": ["age-65-74"]}, "areas": ["fernside"]},
    }
    assert record["documents"] == [
        {"title": "Library strategy 2026 to 2030", "url": "https://www.calderbrook.gov.uk/libraries/strategy"}
    ]
    assert record["eia"] == chosen["eia"]


def test_consultation_answers_are_checked_and_each_problem_links_to_its_field(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal
) -> None:
    page = _open(new_page, base_url, ADD)
    _fill_consultation(page, demo_portal)
    page.fill("#f-consultation-decision", "")
    page.fill("#f-consultation-how-responses-used", "")
    _date(page, "f-consultation-closes", 28, 1, 2027)
    page.fill("#f-consultation-documents-1-title", "")
    page.fill("#f-consultation-options-0-title", "")
    page.fill("#f-documents-0-url", "www.calderbrook.gov.uk/strategy")
    page.fill("#f-consultation-decision-due-maker", "")
    _date(page, "f-end-date", 1, 3, 2027)
    page.click(SUBMIT)
    assert _summary(page) == [
        ("Last day must be on or after the date", "#f-end-date"),
        ("Enter what is being decided", "#f-consultation-decision"),
        ("The closing date must be on or after the opening date, 1 February 2027", "#f-consultation-closes"),
        ("Enter how the responses will be used", "#f-consultation-how-responses-used"),
        ("Enter option 1 in a few words", "#f-consultation-options-0-title"),
        ("Enter the title of paper 2", "#f-consultation-documents-1-title"),
        ("Enter who decides, such as Cabinet", "#f-consultation-decision-due-maker"),
    ]
    for message, href in _summary(page):
        assert page.locator(f"{href}-error").text_content() == f"Error: {message}"
    page.locator("#engage-error-summary a").nth(4).click()
    assert page.evaluate("document.activeElement.id") == "f-consultation-options-0-title"
    # Once the form's own rules pass, the published schema: a web address must start https://.
    page.fill("#f-consultation-decision", "The opening hours.")
    page.fill("#f-consultation-how-responses-used", "Cabinet reads them.")
    _date(page, "f-consultation-closes", 28, 3, 2027)
    page.fill("#f-consultation-documents-1-title", "Easy read summary")
    page.fill("#f-consultation-options-0-title", "Close on Mondays")
    page.fill("#f-consultation-decision-due-maker", "Cabinet")
    _date(page, "f-end-date", 5, 3, 2027)
    page.click(SUBMIT)
    assert _summary(page) == [("Web address must be a web address starting https://", "#f-documents-0-url")]


def test_add_another_and_remove_work_from_the_keyboard_and_are_announced(
    new_page: Callable[..., Any], base_url: str
) -> None:
    page = _open(new_page, base_url, ADD)
    add = page.locator("#f-documents-add")
    assert add.inner_text() == "Add a document"
    page.focus("#f-eia")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "f-documents-add"
    page.keyboard.press("Enter")
    # Focus is in the new item's first field, and the live region says what happened.
    assert page.evaluate("document.activeElement.id") == "f-documents-0-title"
    page.wait_for_function("document.getElementById('engage-announce').textContent === 'Document 1 added.'")
    page.keyboard.type("Agenda")
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/agenda")
    page.keyboard.press("Tab")  # format
    page.keyboard.press("Tab")  # Remove document 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-documents-add"
    assert add.inner_text() == "Add another document"
    page.keyboard.press("Enter")
    page.keyboard.type("Minutes")
    # Remove the first: the second becomes document 1, keeping what was typed in it.
    remove = page.locator("#f-documents-0 .engage-repeater__remove")
    assert remove.text_content() == "Remove document 1"  # the hidden words name the item for screen readers
    remove.focus()
    page.keyboard.press("Enter")
    assert page.locator("#f-documents-0 legend").inner_text() == "Document 1"
    assert page.locator("#f-documents-0-title").input_value() == "Minutes"
    assert page.locator("#f-documents-1").count() == 0
    assert page.evaluate("document.activeElement.id") == "f-documents-0-title"
    page.wait_for_function(
        "document.getElementById('engage-announce').textContent === 'Document 1 removed. 1 document left.'"
    )
    page.locator("#f-documents-0 .engage-repeater__remove").focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.id") == "f-documents-add"
    assert add.inner_text() == "Add a document"


def test_updating_a_consultation_loads_every_part_and_keeps_it(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = "2026-08-03-council-tax-reduction-scheme-consultation"
    record = demo_portal.events[event_id]
    assert record.model.consultation is not None and record.model.consultation.audience is not None
    page = _open(new_page, base_url, UPDATE)
    page.select_option("#f-pick-organiser", record.model.organiser)
    page.wait_for_selector(f"#f-pick-event option[value='{event_id}']", state="attached")
    page.select_option("#f-pick-event", event_id)
    page.click("#engage-load-event")
    assert page.locator("#f-consultation-decision").input_value() == record.model.consultation.decision
    assert page.locator("#f-consultation-closes").input_value() == "27"
    assert page.locator("#f-consultation-options-2-title").input_value() == record.model.consultation.options[2].title
    assert page.locator("input[name='consultation.audience.categories.age']:checked").count() == 3
    page.click(SUBMIT)
    page.wait_for_selector("#engage-result:not([hidden])")
    text = page.locator("#engage-yaml").input_value()
    code, out = _validate_in_copy(tmp_path, record.file, text, capsys)
    assert (code, out) == (0, ""), out
    changed = Event.model_validate(read(text.encode()).value)
    # Everything the form shows comes back as it was, consultation and all; the file says when it changed.
    assert changed.consultation == record.model.consultation
    assert (
        changed.model_copy(update={"sequence": 0, "changed": None}).model_dump()
        == record.model.model_copy(update={"sequence": 0, "changed": None}).model_dump()
    )
    assert changed.sequence == record.model.sequence + 1
    assert changed.changed is not None and changed.changed > record.model.changed  # type: ignore[operator]


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_the_new_parts_of_the_form_pass_axe_open_filled_and_with_errors(
    width: str, new_page: Callable[..., Any], base_url: str, demo_portal: Portal
) -> None:
    page = new_page(VIEWPORTS[width])
    prepare(page)
    page.goto(f"{base_url}/{ADD}")
    page.wait_for_selector("#engage-event-form")
    _fill_consultation(page, demo_portal)
    page.check("input[name=attendance][value=hybrid]")
    page.check("input[name=repeats][value=weekly]")
    page.click("#f-recurrence-moved-add")
    states = {"filled": violations(page)}
    page.fill("#f-consultation-documents-0-title", "")
    page.click(SUBMIT)
    states["errors"] = violations(page)
    assert {state: describe(found) for state, found in states.items() if found} == {}


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_the_update_form_with_a_consultation_loaded_passes_axe(
    width: str, new_page: Callable[..., Any], base_url: str
) -> None:
    page = new_page(VIEWPORTS[width])
    prepare(page)
    page.goto(f"{base_url}/{UPDATE}")
    page.wait_for_selector("#engage-event-form")
    event_id = "2026-08-03-council-tax-reduction-scheme-consultation"
    page.select_option("#f-pick-organiser", "calderbrook-council")
    page.wait_for_selector(f"#f-pick-event option[value='{event_id}']", state="attached")
    page.select_option("#f-pick-event", event_id)
    page.click("#engage-load-event")
    page.wait_for_selector("#engage-consultation:not([hidden])")
    found = violations(page)
    assert describe(found) == ""


def test_a_postponed_event_asks_why_in_a_field_that_can_be_seen(new_page: Callable[..., Any], base_url: str) -> None:
    # Regression: the note was inside the "cancelled" reveal, so a postponed or moved event was
    # refused for a field the partner could not see.
    page = _open(new_page, base_url, UPDATE)
    event_id = "2026-08-03-council-tax-reduction-scheme-consultation"
    page.select_option("#f-pick-organiser", "calderbrook-council")
    page.wait_for_selector(f"#f-pick-event option[value='{event_id}']", state="attached")
    page.select_option("#f-pick-event", event_id)
    page.click("#engage-load-event")
    assert page.locator("#f-status-note").is_hidden()
    page.check("input[name=status][value=postponed]")
    assert page.locator("#f-status-note").is_visible()
    page.click(SUBMIT)
    assert _summary(page) == [("Say why, and what people should do instead", "#f-status-note")]
    page.locator("#engage-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "f-status-note"


def test_every_published_event_comes_back_unchanged_from_the_update_form(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal
) -> None:
    # Load each demo event, make the file without touching a field: the same event comes back
    # (series with moved dates, hybrid, several days, documents, consultations, cancelled ones),
    # with only its sequence raised and `changed` set. An update never loses what it did not show.
    page = _open(new_page, base_url, UPDATE, "desktop")
    differences: dict[str, object] = {}
    for event_id, record in sorted(demo_portal.events.items()):
        page.select_option("#f-pick-organiser", record.model.organiser)
        page.wait_for_selector(f"#f-pick-event option[value='{event_id}']", state="attached")
        page.select_option("#f-pick-event", event_id)
        page.click("#engage-load-event")
        page.click(SUBMIT)
        if page.locator("#engage-result").is_hidden():
            differences[event_id] = _summary(page)
            continue
        again = Event.model_validate(read(page.locator("#engage-yaml").input_value().encode()).value)
        assert again.sequence == record.model.sequence + 1
        same = {"sequence": 0, "changed": None}
        before, after = record.model.model_copy(update=same).model_dump(), again.model_copy(update=same).model_dump()
        if before != after:
            differences[event_id] = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert differences == {}
    assert len(demo_portal.events) > 50
