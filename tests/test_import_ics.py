"""`engage import-ics`: calendars exported from Google, Outlook and Apple become event files that
validate, keep their dates and times, and a second import changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from engage.calendar_import import MARKER
from engage.cli import main
from engage.portal import check_data

CALENDARS = Path(__file__).parent / "calendars"
LONDON = ZoneInfo("Europe/London")
OPTIONS = ["--organiser", "health-trust", "--method", "drop-in", "--topic", "health", "--area", "south-ward"]


def _import(data: Path, name: str, *extra: str) -> int:
    return main(["import-ics", str(CALENDARS / name), *OPTIONS, "--data", str(data), *extra])


def _folder(data: Path) -> dict[str, str]:
    folder = data / "events" / "health-trust"
    return {p.name: p.read_text() for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGE_TODAY", "2026-12-03")


@pytest.mark.parametrize("name", ["google.ics", "outlook.ics", "apple.ics"])
def test_imported_files_validate_and_a_second_run_changes_nothing(
    data_copy: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _folder(data_copy)
    assert _import(data_copy, name) == 0
    after = _folder(data_copy)
    assert set(before) < set(after)
    capsys.readouterr()
    assert main(["validate", str(data_copy)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert _import(data_copy, name) == 0
    _out, err = capsys.readouterr()
    assert _folder(data_copy) == after
    assert err.startswith(f"0 new, 0 updated, 0 cancelled, {len(after) - len(before)} unchanged")


def _calendar_starts(name: str) -> set[tuple[str, datetime]]:
    cal = Calendar.from_ical((CALENDARS / name).read_bytes())
    out = set()
    for component in recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2028, 1, 1)):
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue  # a cancelled occurrence: Engage skips it
        start = component.decoded("DTSTART")
        if isinstance(start, datetime):
            start = start.astimezone(LONDON).replace(tzinfo=None)
        else:
            start = datetime.combine(start, datetime.min.time())
        out.add((str(component.get("SUMMARY")), start))
    return out


@pytest.mark.parametrize("name", ["google.ics", "outlook.ics", "apple.ics"])
def test_every_occurrence_keeps_its_date_and_local_time(data_copy: Path, name: str) -> None:
    # Compared with an independent expansion of the source calendar (recurring-ical-events),
    # in the site's time zone: repeats, skipped and moved dates, Windows zone names, UTC times.
    _import(data_copy, name)
    result = check_data(data_copy, today=date(2026, 12, 3))
    assert result.portal is not None, result.problems
    imported = {eid for eid, r in result.portal.events.items() if MARKER in (data_copy.parent / r.file).read_text()}
    got = {
        (result.portal.events[o.event_id].model.title, datetime.combine(o.day, o.start or datetime.min.time()))
        for o in result.portal.occurrences
        if o.event_id in imported
    }
    # Apple's 'Walk and talk' is at a place that is not a venue: reported, not imported.
    assert got == {(title, start) for title, start in _calendar_starts(name) if title != "Walk and talk"}


def test_recurring_series_with_exception_and_move_maps_onto_the_recurrence_model(data_copy: Path) -> None:
    _import(data_copy, "google.ics")
    text = (data_copy / "events/health-trust/2027-01-12-health-and-wellbeing-drop-in.yaml").read_text()
    assert text == (
        "# yaml-language-server: $schema=../../../schemas/event.json\n"
        "# Imported from the organiser's calendar; UID: 4k1v9p7q2m3n8r6s5t0u1w2x3y@google.com\n"
        "title: Health and wellbeing drop-in\n"
        "summary: Drop in to tell the community health team what would make local services easier to use.\n"
        "description: |\n"
        "  Drop in to tell the community health team what would make local services easier to use.\n"
        "\n"
        "  No need to book. Tea and coffee provided.\n"
        "  More about the team: our community pages (https://www.example-health.nhs.uk/community)\n"
        "organiser: health-trust\n"
        "method: drop-in\n"
        "areas:\n"
        "  - north-ward\n"
        "topics:\n"
        "  - health\n"
        "date: 2027-01-12\n"
        "start_time: '14:00'\n"
        "end_time: '15:30'\n"
        "recurrence:\n"
        "  frequency: weekly\n"
        "  until: 2027-03-30\n"
        "  skip:\n"
        "    - 2027-02-16\n"
        "  moved:\n"
        "    - original: 2027-03-09\n"
        "      date: 2027-03-10\n"
        "      start_time: '11:00'\n"
        "      end_time: '12:30'\n"
        "venue: town-hall\n"
        "contact: involvement@example-health.nhs.uk\n"
        "sequence: 0\n"
    )


def test_hybrid_outlook_event_keeps_venue_and_teams_link_but_not_the_passcode(data_copy: Path) -> None:
    _import(data_copy, "outlook.ics")
    text = (data_copy / "events/health-trust/2027-02-03-patient-panel-hybrid.yaml").read_text()
    assert (
        "venue: town-hall\nonline:\n  platform: Microsoft Teams\n  url: https://teams.microsoft.com/l/meetup-join/"
        in text
    )
    assert "recurrence:\n  frequency: monthly\n  week_of_month: first\n  until: 2027-07-07\n" in text
    assert "Passcode" not in text


def test_unknown_categories_and_places_are_reported_not_guessed(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(data_copy, "apple.ics") == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "new       data/events/health-trust/2027-01-28-carers-coffee-morning.yaml  Carers' coffee morning",
        "new       data/events/health-trust/2027-06-07-carers-week-ask-us-anything.yaml  Carers Week: ask us anything",
        "          - category 'Wellbeing' is not a method, area, topic or group id or name, so it was left out",
        "          - its repeat pattern cannot be written as weekly, fortnightly or monthly, so each date is a file of its own",
        "new       data/events/health-trust/2027-06-08-carers-week-ask-us-anything.yaml  Carers Week: ask us anything",
        "          - category 'Wellbeing' is not a method, area, topic or group id or name, so it was left out",
        "          - its repeat pattern cannot be written as weekly, fortnightly or monthly, so each date is a file of its own",
        "new       data/events/health-trust/2027-06-09-carers-week-ask-us-anything.yaml  Carers Week: ask us anything",
        "          - category 'Wellbeing' is not a method, area, topic or group id or name, so it was left out",
        "          - its repeat pattern cannot be written as weekly, fortnightly or monthly, so each date is a file of its own",
        "skipped   (not written)  Walk and talk",
        "          - the location 'The Old Barn, Fernside Lane' is not a venue in venues.yaml; add it there, then import again",
    ]
    assert err == "4 new, 0 updated, 0 cancelled, 0 unchanged, 1 not imported\n"


def test_dry_run_lists_changes_and_writes_nothing(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _folder(data_copy)
    assert _import(data_copy, "outlook.ics", "--dry-run") == 0
    out, err = capsys.readouterr()
    assert _folder(data_copy) == before
    assert "new       data/events/health-trust/2027-02-03-patient-panel-hybrid.yaml  Patient panel (hybrid)" in out
    assert err == "3 would be new, 0 would be updated, 0 would be cancelled, 0 unchanged, 0 not imported\n"


def test_changed_time_raises_sequence_and_keeps_the_file(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(data_copy, "google.ics")
    changed = tmp_path / "google.ics"
    source = (CALENDARS / "google.ics").read_bytes()
    changed.write_bytes(
        source.replace(b"DTSTART;VALUE=DATE:20270305", b"DTSTART;VALUE=DATE:20270312").replace(
            b"DTEND;VALUE=DATE:20270306", b"DTEND;VALUE=DATE:20270313"
        )
    )
    capsys.readouterr()
    assert main(["import-ics", str(changed), *OPTIONS, "--data", str(data_copy)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "updated   data/events/health-trust/2027-03-05-carers-week-information-stall.yaml  Carers Week information stall"
    ]
    text = (data_copy / "events/health-trust/2027-03-05-carers-week-information-stall.yaml").read_text()
    # Raised, and dated today, as `engage validate --against` requires of a change people see.
    assert "\ndate: 2027-03-12\n" in text and text.endswith("\nsequence: 1\nchanged: 2026-12-03\n")
    assert main(["validate", str(data_copy)]) == 0
    capsys.readouterr()
    assert main(["import-ics", str(changed), *OPTIONS, "--data", str(data_copy)]) == 0
    assert capsys.readouterr()[1].startswith("0 new, 0 updated, 0 cancelled, ")


def test_unknown_organiser_and_option_ids_are_usage_errors(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["import-ics", str(CALENDARS / "google.ics"), "--organiser", "helth-trust", "--data", str(data_copy)]) == 2
    )
    assert capsys.readouterr().err == "engage import-ics: no organisation 'helth-trust'; did you mean 'health-trust'?\n"
    assert (
        main(
            [
                "import-ics",
                str(CALENDARS / "google.ics"),
                "--organiser",
                "health-trust",
                "--method",
                "dropin",
                "--data",
                str(data_copy),
            ]
        )
        == 2
    )
    assert (
        capsys.readouterr().err
        == "engage import-ics: --method dropin: no such id in methods.yaml; did you mean 'drop-in'?\n"
    )


def test_a_file_that_is_not_a_calendar_is_refused(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.ics"
    bad.write_text("Meeting on Tuesday at 6\n")
    assert main(["import-ics", str(bad), *OPTIONS, "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err.startswith("engage import-ics: this is not an iCalendar file")


def test_what_the_validator_refuses_is_reported_after_the_import(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (
        (CALENDARS / "outlook.ics")
        .read_bytes()
        .replace(b"Stand at the Exampleton spring fair.", b"Call Sam on 07700 900123.")
    )
    changed = tmp_path / "outlook.ics"
    changed.write_bytes(source)
    assert main(["import-ics", str(changed), *OPTIONS, "--data", str(data_copy)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-2:] == [
        f"data/events/health-trust/2027-04-17-spring-fair-stand.yaml:{line}:1: error[personal-data]: {field}: "
        "'07700 900123' looks like a phone number; do not publish people's phone numbers"
        for line, field in ((4, "summary"), (5, "description"))
    ]
    assert err.startswith("engage import-ics: fix these 2 problem(s) in the calendar or the files before publishing\n")


ENDLESS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Test//EN\r
BEGIN:VEVENT\r
UID:endless-weekly@example.org\r
DTSTAMP:20261101T090000Z\r
DTSTART:20270105T100000\r
DTEND:20270105T110000\r
RRULE:FREQ=WEEKLY\r
SUMMARY:Weekly drop-in\r
LOCATION:Town Hall\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_ics_takes_today_in_the_sites_time_zone_not_london(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Noon on 31 December 2026 in London is already 1 January 2027 in Kiritimati (UTC+14): an
    # endless series is imported to the end of the year after the site's today, 2028 here.
    import engage.today

    class _Noon(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            instant = datetime(2026, 12, 31, 12, 0, tzinfo=ZoneInfo("UTC"))
            return instant.astimezone(tz) if isinstance(tz, ZoneInfo) else instant

    monkeypatch.delenv("ENGAGE_TODAY")
    monkeypatch.setattr(engage.today, "datetime", _Noon)
    site = data_copy / "site.yaml"
    site.write_text(site.read_text() + "timezone: Pacific/Kiritimati\n")
    calendar = tmp_path / "endless.ics"
    calendar.write_bytes(ENDLESS)
    assert main(["import-ics", str(calendar), *OPTIONS, "--data", str(data_copy), "--dry-run"]) == 0
    out = capsys.readouterr()[0]
    assert "          - the series has no end date; imported up to 2028-12-31" in out.splitlines()
