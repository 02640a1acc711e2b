"""`engage import-ics` on exports from the calendar clients partners use, each with its own habits:
Exchange/Office 365 (a byte-order mark, a display-name TZID with its VTIMEZONE, X-ALT-DESC HTML,
CDO properties), Thunderbird (LF line ends, a VTODO, RDATE), Nextcloud (a multi-day all-day event,
a moved occurrence, a VJOURNAL, an event with no place), Fastmail (floating times, HTML, no title,
one UID on two events), Proton (X-WR-TIMEZONE with UTC times across the clock change, a cancelled
occurrence and event, a long folded description), besides Google, Outlook and Apple.

For each: the files validate, a second run changes nothing, every occurrence is where
recurring-ical-events (an independent expansion) puts it, and what cannot be imported is reported
in a sentence, never guessed and never a traceback."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import x_wr_timezone  # type: ignore[import-untyped]  # installed with recurring-ical-events
from icalendar import Calendar

from engage.calendar_import import _MARKER_RE
from engage.cli import main
from engage.portal import check_data

CALENDARS = Path(__file__).parent / "calendars"
LONDON = ZoneInfo("Europe/London")
OPTIONS = ["--organiser", "health-trust", "--method", "drop-in", "--topic", "health", "--area", "south-ward"]
CLIENTS = ["exchange.ics", "thunderbird.ics", "nextcloud.ics", "fastmail.ics", "proton.ics"]
ALL = [*CLIENTS, "google.ics", "outlook.ics", "apple.ics"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGE_TODAY", "2026-12-03")


def _import(data: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    capsys.readouterr()
    assert main(["import-ics", str(source), *OPTIONS, "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    return out.splitlines(), err


def _imported(data: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((data / "events/health-trust").glob("*.yaml"))}


@pytest.mark.parametrize("name", ALL)
def test_each_clients_export_validates_and_a_second_run_changes_nothing(
    data_copy: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(data_copy, CALENDARS / name, capsys)
    first = _imported(data_copy)
    assert main(["validate", str(data_copy)]) == 0, capsys.readouterr().out
    lines, err = _import(data_copy, CALENDARS / name, capsys)
    assert _imported(data_copy) == first
    assert [line for line in lines if not line.startswith(("skipped", " "))] == []
    assert err.startswith("0 new, 0 updated, 0 cancelled, ")


def _expected(name: str, imported_uids: set[str]) -> set[tuple[str, datetime]]:
    # The reference: recurring-ical-events over the calendar as its own app reads it (the
    # calendar's X-WR-TIMEZONE applied by x-wr-timezone), in the site's zone.
    cal = x_wr_timezone.to_standard(Calendar.from_ical((CALENDARS / name).read_bytes()))
    out = set()
    for component in recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2028, 1, 1)):
        uid = str(component.get("UID"))
        if uid not in imported_uids or str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = component.decoded("DTSTART")
        if isinstance(start, datetime):
            start = (start.astimezone(LONDON) if start.tzinfo else start).replace(tzinfo=None)
        else:
            start = datetime.combine(start, datetime.min.time())
        out.add((uid, start))
    return out


@pytest.mark.parametrize("name", ALL)
def test_every_imported_occurrence_is_where_recurring_ical_events_puts_it(
    data_copy: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(data_copy, CALENDARS / name, capsys)
    result = check_data(data_copy, today=date(2026, 12, 3))
    assert result.portal is not None, result.problems
    uid_of = {}
    for event_id, record in result.portal.events.items():
        found = _MARKER_RE.search((data_copy.parent / record.file).read_text())
        if found:
            uid_of[event_id] = found.group(1).split(" ")[0]  # an expanded date's key is "UID date"
    got = {
        (uid_of[o.event_id], datetime.combine(o.day, o.start or datetime.min.time()))
        for o in result.portal.occurrences
        if o.event_id in uid_of
    }
    assert got == _expected(name, set(uid_of.values()))
    assert got  # every calendar has something to import


@pytest.mark.parametrize(
    ("name", "report"),
    [
        (
            "fastmail.ics",
            [
                "skipped   (not written)  Café conversation: pharmacy",
                "          - another event in the calendar ('Café conversation: GP appointments') has the same UID, "
                "so only the first was imported; give each event its own UID",
                "skipped   (not written)  Untitled event",
                "          - it has no title (SUMMARY); give it one in the calendar",
            ],
        ),
        (
            "nextcloud.ics",
            [
                "skipped   (not written)  Team planning (internal)",
                "          - it has no location; give --venue for events without one",
            ],
        ),
        (
            "proton.ics",
            ["skipped   (not written)  Board meeting in public", "          - it is cancelled in the calendar"],
        ),
        ("exchange.ics", []),
        ("thunderbird.ics", []),
    ],
)
def test_what_cannot_be_imported_is_reported_in_a_sentence(
    data_copy: Path, name: str, report: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    lines, _err = _import(data_copy, CALENDARS / name, capsys)
    skipped, inside = [], False
    for line in lines:
        inside = line.startswith("skipped") or (inside and line.startswith(" "))
        if inside:
            skipped.append(line)
    assert skipped == report


def test_client_habits_become_plain_files(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in CLIENTS:
        _import(data_copy, CALENDARS / name, capsys)
    files = _imported(data_copy)
    # Exchange: the display-name zone read from its VTIMEZONE; the HTML copy (X-ALT-DESC) left
    # for the plain DESCRIPTION; an all-day event over two days; a moved and a skipped date.
    nursing = files["2027-03-24-community-nursing-listening-event.yaml"]
    assert "start_time: '14:00'\nend_time: '16:00'\n" in nursing and "<" not in nursing
    assert "date: 2027-06-09\nend_date: 2027-06-10\n" in files["2027-06-09-carers-fair-stall.yaml"]
    assert (
        "recurrence:\n  frequency: monthly\n  week_of_month: third\n  until: 2027-06-15\n  skip:\n    - 2027-04-20\n"
        "  moved:\n    - original: 2027-05-18\n      date: 2027-05-19\n      start_time: '10:00'\n"
        "      end_time: '11:30'\n"
    ) in files["2027-01-19-patient-experience-surgery.yaml"]
    # Thunderbird: RDATE's extra dates become dates of their own; the task is not an event.
    assert [n for n in files if "carers-forum" in n] == [
        "2027-01-14-carers-forum.yaml",
        "2027-03-11-carers-forum.yaml",
        "2027-05-13-carers-forum.yaml",
    ]
    assert not any("book-the-room" in n for n in files)
    # Nextcloud: three whole days; a moved Monday session.
    assert "date: 2027-05-17\nend_date: 2027-05-19\n" in files["2027-05-17-mental-health-awareness-exhibition.yaml"]
    assert (
        "  moved:\n    - original: 2027-03-01\n      date: 2027-03-02\n      start_time: '14:00'\n"
        in (files["2027-02-01-walk-in-advice-hour.yaml"])
    )
    # Fastmail: floating times are the site's; HTML becomes words and links.
    dentistry = files["2027-02-22-cafe-conversation-dentistry.yaml"]
    assert "start_time: '18:30'\nend_time: '20:00'\n" in dentistry
    assert (
        "description: |\n  Can you get an NHS dentist? Tell us over coffee.\n"
        "  More at our dentistry page (https://www.example.org/dentistry).\n"
    ) in dentistry
    # Proton: UTC times in a London calendar stay at 7pm after the clocks change, so the series
    # is one fortnightly event with its cancelled date skipped; the Teams link makes it online.
    briefing = files["2027-03-16-community-services-online-briefing.yaml"]
    assert (
        "start_time: '19:00'\nend_time: '20:30'\nrecurrence:\n  frequency: fortnightly\n  until: 2027-04-27\n"
        "  skip:\n    - 2027-04-13\nonline:\n  platform: Microsoft Teams\n"
    ) in briefing
    assert briefing.count("  Part ") == 12


UNREADABLE = [
    ("DTSTART:20271340T250000\r\n", "its DTSTART '20271340T250000' cannot be read as a date or time"),
    (
        "DTSTART:20270301T100000\r\nRRULE:FREQ=SOMETIMES\r\n",
        "its repeat rule 'RRULE:FREQ=SOMETIMES' cannot be read; check it in the calendar",
    ),
    (
        "DTSTART;TZID=Customized Time Zone:20270301T100000\r\nDTEND;TZID=Customized Time Zone:20270301T110000\r\n",
        "its time zone 'Customized Time Zone' is neither a known zone nor described in the calendar (VTIMEZONE), "
        "so its time is not known; export the calendar with its time zones",
    ),
    ("DTSTART:20270301T100000\r\nDURATION:soon\r\n", "its DURATION 'soon' cannot be read as a date or time"),
]


@pytest.mark.parametrize(("lines", "reason"), UNREADABLE)
def test_an_event_that_cannot_be_read_is_reported_not_a_traceback(
    data_copy: Path, tmp_path: Path, lines: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "odd.ics"
    source.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nBEGIN:VEVENT\r\nUID:odd-1\r\n"
            f"SUMMARY:Drop-in\r\nLOCATION:Town Hall\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    lines_out, err = _import(data_copy, source, capsys)
    assert lines_out == ["skipped   (not written)  Drop-in", f"          - {reason}"]
    assert err == "0 new, 0 updated, 0 cancelled, 0 unchanged, 1 not imported\n"


@pytest.mark.parametrize(
    "raw",
    [b"", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2027", bytes(range(256)) * 2],
    ids=["empty", "cut", "binary"],
)
def test_a_file_that_is_no_calendar_gets_one_short_line(
    data_copy: Path, tmp_path: Path, raw: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.ics"
    source.write_bytes(raw)
    assert main(["import-ics", str(source), *OPTIONS, "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("engage import-ics: this is not an iCalendar file") and err.count("\n") == 1
    assert len(err) < 260 and err.rstrip("\n").isprintable()
