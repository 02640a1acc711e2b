"""The "Add your event" and "Update or cancel an event" forms, used as a partner would.

The file the form makes must pass `engage validate` as it is; every missing answer is in the
error summary, linked to its field; the propose link opens GitHub's new-file page with the path
and the contents filled in; and the pages pass axe at phone and desktop widths in every state.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from engage.cli import main
from engage.portal import Portal

from ..conftest import DEMO_DATA
from .axe import describe, prepare, violations
from .conftest import VIEWPORTS

ADD = "contribute/add-event/"
UPDATE = "contribute/update-event/"
DESCRIPTION = 'Tell us what would make our services easier to use: "what matters to you"?\n\nTea and coffee: free.'


def _open(new_page: Callable[..., Any], base_url: str, path: str, width: str = "phone") -> Any:
    page = new_page(VIEWPORTS[width])
    page.goto(f"{base_url}/{path}")
    page.wait_for_selector("#engage-event-form")
    return page


def _fill_recurring_hybrid(page: Any, portal: Portal) -> dict[str, str]:
    organiser = sorted(portal.organisations)[0]
    venue = sorted(portal.venues)[0]
    method, area, topic = sorted(portal.methods)[0], sorted(portal.areas)[0], sorted(portal.topics)[0]
    page.select_option("#f-organiser", organiser)
    page.fill("#f-title", "Patients' panel: have your say")
    page.fill("#f-summary", "A monthly panel where patients tell the trust what to improve, in person or online.")
    page.fill("#f-description", DESCRIPTION)
    page.select_option("#f-method", method)
    page.check(f"input[name=areas][value={area}]")
    page.check(f"input[name=topics][value={topic}]")
    # The second Tuesday of February 2027, then every month to July, not in April.
    page.fill("#f-date", "9")
    page.fill("#f-date-month", "2")
    page.fill("#f-date-year", "2027")
    page.check("input[name=timing][value=times]")
    page.fill("#f-start-time", "18:30")
    page.fill("#f-end-time", "20:00")
    page.check("input[name=repeats][value=monthly]")
    page.check("input[name=week_of_month][value=second]")
    page.fill("#f-until", "13")
    page.fill("#f-until-month", "7")
    page.fill("#f-until-year", "2027")
    page.fill("#f-skip", "2027-04-13")
    page.check("input[name=attendance][value=hybrid]")
    page.select_option("#f-venue", venue)
    page.fill("#f-online-platform", "Microsoft Teams")
    page.fill("#f-online-url", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc")
    page.check("input[name='booking.required'][value=true]")
    page.fill("#f-booking-url", "https://www.example.org/book")
    page.check("input[name='access.step_free'][value=yes]")
    page.check("input[name='access.bsl'][value=on-request]")
    # The contact is filled in with the organisation's mailbox when the organisation is chosen.
    return {"organiser": organiser, "venue": venue}


def _validate_in_copy(tmp_path: Path, path: str, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA, data)
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    capsys.readouterr()
    code = main(["validate", str(target)])
    return code, capsys.readouterr().out


def test_a_recurring_hybrid_event_makes_a_file_that_validates_unchanged(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _open(new_page, base_url, ADD)
    chosen = _fill_recurring_hybrid(page, demo_portal)
    page.click("#engage-event-form button[type=submit]")
    page.wait_for_selector("#engage-result:not([hidden])")
    assert page.locator("#engage-error-summary").is_hidden()
    path = page.locator("#engage-path").inner_text()
    text = page.locator("#engage-yaml").input_value()
    assert path == f"data/events/{chosen['organiser']}/2027-02-09-patients-panel-have-your-say.yaml"
    code, out = _validate_in_copy(tmp_path, path, text, capsys)
    assert (code, out) == (0, "")
    assert (
        "recurrence:\n  frequency: monthly\n  week_of_month: second\n  until: 2027-07-13\n  skip:\n    - 2027-04-13\n"
        in text
    )
    assert f"venue: {chosen['venue']}\nonline:\n  platform: Microsoft Teams\n" in text
    # Focus moves to the result, so a screen reader user hears that the file is ready.
    assert page.evaluate("document.activeElement.id") == "engage-result-title"


def test_the_propose_link_opens_githubs_new_file_page_with_path_and_contents(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal
) -> None:
    page = _open(new_page, base_url, ADD, "desktop")
    chosen = _fill_recurring_hybrid(page, demo_portal)
    page.click("#engage-event-form button[type=submit]")
    href = page.locator("#engage-propose").get_attribute("href")
    text = page.locator("#engage-yaml").input_value()
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        f"/calderbrook/engage/new/main/data/events/{chosen['organiser']}/",
    )
    query = parse_qs(parts.query)
    assert query == {"filename": ["2027-02-09-patients-panel-have-your-say.yaml"], "value": [text]}
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/event.json\n")
    mail = page.locator("#engage-email").get_attribute("href")
    assert mail.startswith("mailto:engagement@calderbrook.gov.uk?subject=")
    assert text in unquote(mail)
    assert page.locator("#engage-download").get_attribute("download") == "2027-02-09-patients-panel-have-your-say.yaml"


def test_each_required_field_left_empty_is_in_the_error_summary_linked_to_it(
    new_page: Callable[..., Any], base_url: str
) -> None:
    page = _open(new_page, base_url, ADD)
    page.click("#engage-event-form button[type=submit]")
    links = page.locator("#engage-error-summary a")
    found = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert found == [
        ("Select the organisation running the event", "#f-organiser"),
        ("Enter the event's name", "#f-title"),
        ("Enter a one-sentence summary", "#f-summary"),
        ("Enter a description of the event", "#f-description"),
        ("Select the type of engagement", "#f-method"),
        ("Select at least one area", "#f-areas"),
        ("Select at least one topic", "#f-topics"),
        ("Enter the date of the event", "#f-date"),
        ("Select whether the event has a start and end time", "#f-timing"),
        ("Select whether the event repeats", "#f-repeats"),
        ("Select how people take part", "#f-attendance"),
        ("Enter a contact email address, such as engagement@example.gov.uk", "#f-contact"),
    ]
    assert page.evaluate("document.activeElement.id") == "engage-error-summary"
    assert page.title().startswith("Error: ")
    for message, href in found:
        field = page.locator(href)
        assert field.count() == 1, href
        # The same message is beside the field, and the field says so to screen readers.
        assert page.locator(f"{href}-error").text_content() == f"Error: {message}"
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "f-title"
    assert page.locator("#f-title").get_attribute("aria-invalid") == "true"


def test_the_validators_rules_run_in_the_browser(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal
) -> None:
    page = _open(new_page, base_url, ADD)
    _fill_recurring_hybrid(page, demo_portal)
    page.fill("#f-end-time", "18:00")
    page.check("input[name=week_of_month][value=first]")
    page.fill("#f-summary", "TODO say in one sentence what this is")
    page.fill("#f-contact", "not an address")
    page.fill("#f-online-instructions", "Or call Sam on 07700 900123.")
    page.click("#engage-event-form button[type=submit]")
    links = page.locator("#engage-error-summary a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Replace the placeholder TODO with what you mean",
        "End time must be after the start time (18:30)",
        "9 February 2027 is not the first Tuesday of its month",
        "Remove the phone number 07700 900123: do not publish people's phone numbers",
    ]
    page.fill("#f-online-instructions", "")
    page.fill("#f-summary", "A monthly panel.")
    page.fill("#f-end-time", "20:00")
    page.check("input[name=week_of_month][value=second]")
    page.click("#engage-event-form button[type=submit]")
    # Checked against the published JSON Schema once the form's own rules pass.
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Contact email address must be an email address, such as engagement@example.gov.uk"
    ]


def test_updating_an_event_raises_its_sequence_and_keeps_what_the_form_does_not_show(
    new_page: Callable[..., Any], base_url: str, demo_portal: Portal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id, record = next(
        (eid, r)
        for eid, r in sorted(demo_portal.events.items())
        if r.model.consultation is not None and r.model.status.value == "scheduled"
    )
    page = _open(new_page, base_url, UPDATE)
    page.select_option("#f-pick-organiser", record.model.organiser)
    page.wait_for_selector(f"#f-pick-event option[value='{event_id}']", state="attached")
    page.select_option("#f-pick-event", event_id)
    page.click("#engage-load-event")
    assert page.locator("#f-title").input_value() == record.model.title
    page.check("input[name=status][value=cancelled]")
    page.fill("#f-status-note", "Cancelled because of the election period. Respond online instead.")
    page.click("#engage-event-form button[type=submit]")
    page.wait_for_selector("#engage-result:not([hidden])")
    text = page.locator("#engage-yaml").input_value()
    path = page.locator("#engage-path").inner_text()
    assert path == record.file
    assert "\nstatus: cancelled\n" in text
    assert f"\nsequence: {record.model.sequence + 1}\n" in text
    assert "\nconsultation:\n" in text  # not on the form, kept from the published record
    code, out = _validate_in_copy(tmp_path, path, text, capsys)
    assert (code, out) == (0, "")


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_the_form_passes_axe_empty_with_errors_and_with_the_file(
    width: str, new_page: Callable[..., Any], base_url: str, demo_portal: Portal
) -> None:
    page = new_page(VIEWPORTS[width])
    prepare(page)
    page.goto(f"{base_url}/{ADD}")
    page.wait_for_selector("#engage-event-form")
    states = {"empty": violations(page)}
    page.click("#engage-event-form button[type=submit]")
    states["errors"] = violations(page)
    _fill_recurring_hybrid(page, demo_portal)
    page.click("#engage-event-form button[type=submit]")
    page.wait_for_selector("#engage-result:not([hidden])")
    states["file"] = violations(page)
    assert {state: describe(found) for state, found in states.items() if found} == {}


def test_without_javascript_the_page_explains_the_template_route(new_page: Callable[..., Any], base_url: str) -> None:
    page = new_page(VIEWPORTS["phone"], java_script_enabled=False)
    page.goto(f"{base_url}/{ADD}")
    assert page.locator("h2", has_text="If the form does not appear").is_visible()
    assert page.locator("#engage-event-form").count() == 0
    link = page.locator(".engage-no-script a", has_text="guide for partners")
    assert link.get_attribute("href") == "../../contribute/"


def test_the_form_works_from_the_keyboard(new_page: Callable[..., Any], base_url: str) -> None:
    page = _open(new_page, base_url, ADD)
    page.focus("#f-title")
    page.keyboard.type("Drop-in")
    page.keyboard.press("Enter")  # submits the form, as any form does
    assert page.evaluate("document.activeElement.id") == "engage-error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#f-organiser"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "f-organiser"
