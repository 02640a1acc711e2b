"""`engage import-ics` keeps step with the calendar: an imported event that has gone from it, was
cancelled in it, or lost a date is cancelled in the site's data (sequence raised, so subscribers'
calendars drop it); past events stay as the record of what happened; the dry run lists it all and
a second run changes nothing. Every run's result passes `engage validate --against` the last one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from engage.calendar_import import MARKER, WITHDRAWN_NOTE
from engage.cli import main

OPTIONS = ["--organiser", "health-trust", "--method", "drop-in", "--topic", "health"]
FOLDER = "events/health-trust"


def _vevent(uid: str, summary: str, start: str, end: str, *extra: str) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261101T090000Z",
        f"DTSTART;TZID=Europe/London:{start}",
        f"DTEND;TZID=Europe/London:{end}",
        f"SUMMARY:{summary}",
        "LOCATION:Town Hall",
        *extra,
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


def _calendar(*events: str) -> bytes:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Test//EN", *events, "END:VCALENDAR"])
    return (body + "\r\n").encode()


PAST = _vevent("past@example.org", "Autumn listening event", "20261105T180000", "20261105T200000")
FUTURE = _vevent("future@example.org", "Spring listening event", "20270304T180000", "20270304T200000")
WEEKLY = _vevent(
    "weekly@example.org",
    "Weekly drop-in",
    "20261110T100000",
    "20261110T113000",
    "RRULE:FREQ=WEEKLY;UNTIL=20270126T100000Z",
)
DAILY = _vevent(
    "daily@example.org", "Carers week stall", "20270607T100000", "20270607T120000", "RRULE:FREQ=DAILY;COUNT=3"
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGE_TODAY", "2026-12-03")


@pytest.fixture
def repo(data_copy: Path) -> Path:
    """The data copy in a git work tree, so each import can be checked with validate --against."""
    root = data_copy.parent
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "T"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    _commit(root)
    return data_copy


def _commit(root: Path) -> None:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "import"], cwd=root, check=True)


def _run(
    data: Path, tmp_path: Path, raw: bytes, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[list[str], str]:
    source = tmp_path / "calendar.ics"
    source.write_bytes(raw)
    capsys.readouterr()
    assert main(["import-ics", str(source), *OPTIONS, "--data", str(data), *extra]) == 0
    out, err = capsys.readouterr()
    return out.splitlines(), err


def _imported(data: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((data / FOLDER).glob("*.yaml")) if MARKER in p.read_text()}


def _valid_against_last_run(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = main(["validate", "--against", "HEAD", str(data)])
    assert (code, capsys.readouterr().out) == (0, "")
    _commit(data.parent)


def test_a_future_event_gone_from_the_calendar_is_cancelled_and_a_past_one_is_left(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(repo, tmp_path, _calendar(PAST, FUTURE), capsys)
    _commit(repo.parent)
    first = _imported(repo)
    # Both are removed from the calendar; another event stays, so it is not an empty export.
    lines, err = _run(repo, tmp_path, _calendar(DAILY), capsys, "--dry-run")
    assert _imported(repo) == first
    assert lines[-2:] == [
        "cancelled data/events/health-trust/2027-03-04-spring-listening-event.yaml  Spring listening event",
        "          - it is no longer in the calendar, so it is cancelled",
    ]
    assert err == "3 would be new, 0 would be updated, 1 would be cancelled, 0 unchanged, 0 not imported\n"
    _run(repo, tmp_path, _calendar(DAILY), capsys)
    after = _imported(repo)
    assert after["2026-11-05-autumn-listening-event.yaml"] == first["2026-11-05-autumn-listening-event.yaml"]
    spring = after["2027-03-04-spring-listening-event.yaml"]
    assert spring == first["2027-03-04-spring-listening-event.yaml"].replace(
        "venue: town-hall\n",
        "status: cancelled\nstatus_note: '" + WITHDRAWN_NOTE.replace("'", "''") + "'\nvenue: town-hall\n",
    ).replace("sequence: 0\n", "sequence: 1\nchanged: 2026-12-03\n")
    _valid_against_last_run(repo, capsys)
    lines, err = _run(repo, tmp_path, _calendar(DAILY), capsys)
    assert (lines, err) == ([], "0 new, 0 updated, 0 cancelled, 3 unchanged, 0 not imported\n")
    assert _imported(repo) == after


def test_an_event_cancelled_in_the_calendar_is_cancelled_with_its_sequence_raised(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(repo, tmp_path, _calendar(FUTURE), capsys)
    _commit(repo.parent)
    cancelled = FUTURE.replace("LOCATION:Town Hall", "LOCATION:Town Hall\r\nSTATUS:CANCELLED\r\nSEQUENCE:1")
    lines, _err = _run(repo, tmp_path, _calendar(cancelled), capsys)
    assert lines == [
        "updated   data/events/health-trust/2027-03-04-spring-listening-event.yaml  Spring listening event"
    ]
    text = _imported(repo)["2027-03-04-spring-listening-event.yaml"]
    assert "\nstatus: cancelled\n" in text and text.endswith("\nsequence: 1\nchanged: 2026-12-03\n")
    _valid_against_last_run(repo, capsys)
    assert _run(repo, tmp_path, _calendar(cancelled), capsys)[1].startswith(
        "0 new, 0 updated, 0 cancelled, 1 unchanged"
    )


def test_an_event_cancelled_before_it_was_ever_imported_makes_no_file(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cancelled = FUTURE.replace("LOCATION:Town Hall", "LOCATION:Town Hall\r\nSTATUS:CANCELLED")
    lines, _err = _run(repo, tmp_path, _calendar(cancelled), capsys)
    assert lines == ["skipped   (not written)  Spring listening event", "          - it is cancelled in the calendar"]
    assert _imported(repo) == {}


def test_a_newly_excluded_date_of_a_series_is_skipped_and_the_sequence_raised(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(repo, tmp_path, _calendar(WEEKLY), capsys)
    _commit(repo.parent)
    excluded = WEEKLY.replace("LOCATION:", "EXDATE;TZID=Europe/London:20261215T100000\r\nLOCATION:")
    lines, _err = _run(repo, tmp_path, _calendar(excluded), capsys)
    assert lines == ["updated   data/events/health-trust/2026-11-10-weekly-drop-in.yaml  Weekly drop-in"]
    text = _imported(repo)["2026-11-10-weekly-drop-in.yaml"]
    assert "  until: 2027-01-26\n  skip:\n    - 2026-12-15\n" in text
    assert text.endswith("\nsequence: 1\nchanged: 2026-12-03\n")
    _valid_against_last_run(repo, capsys)


def test_a_cancelled_instance_of_an_expanded_series_cancels_that_dates_file(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A daily series is a file per date; its second date is cancelled in the calendar.
    _run(repo, tmp_path, _calendar(DAILY), capsys)
    _commit(repo.parent)
    instance = _vevent(
        "daily@example.org",
        "Carers week stall",
        "20270608T100000",
        "20270608T120000",
        "RECURRENCE-ID;TZID=Europe/London:20270608T100000",
        "STATUS:CANCELLED",
    )
    lines, _err = _run(repo, tmp_path, _calendar(DAILY, instance), capsys)
    assert lines == [
        "cancelled data/events/health-trust/2027-06-08-carers-week-stall.yaml  Carers week stall",
        "          - it is no longer in the calendar, so it is cancelled",
    ]
    assert "\nstatus: cancelled\n" in _imported(repo)["2027-06-08-carers-week-stall.yaml"]
    _valid_against_last_run(repo, capsys)
    assert _run(repo, tmp_path, _calendar(DAILY, instance), capsys)[1].startswith(
        "0 new, 0 updated, 0 cancelled, 2 unchanged"
    )


def test_a_series_under_way_gone_from_the_calendar_keeps_its_past_dates(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(repo, tmp_path, _calendar(WEEKLY), capsys)
    _commit(repo.parent)
    lines, _err = _run(repo, tmp_path, _calendar(FUTURE), capsys)
    assert lines[-2:] == [
        "cancelled data/events/health-trust/2026-11-10-weekly-drop-in.yaml  Weekly drop-in",
        "          - it is no longer in the calendar, so its dates from 2026-12-08 are cancelled",
    ]
    text = _imported(repo)["2026-11-10-weekly-drop-in.yaml"]
    assert "status:" not in text
    assert (
        "  until: 2027-01-26\n  skip:\n"
        + "".join(f"    - {d}\n" for d in ("2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"))
        + "".join(f"    - {d}\n" for d in ("2027-01-05", "2027-01-12", "2027-01-19", "2027-01-26"))
    ) in text
    _valid_against_last_run(repo, capsys)


def test_an_empty_calendar_or_one_whose_event_is_not_imported_cancels_nothing(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(repo, tmp_path, _calendar(FUTURE), capsys)
    first = _imported(repo)
    # An empty export is more likely a mistake than a calendar with nothing left in it.
    assert _run(repo, tmp_path, _calendar(), capsys) == (
        [],
        "0 new, 0 updated, 0 cancelled, 0 unchanged, 0 not imported\n",
    )
    # Still in the calendar, but now at a place the site does not know: reported, not cancelled.
    elsewhere = FUTURE.replace("LOCATION:Town Hall", "LOCATION:The Old Barn")
    _lines, err = _run(repo, tmp_path, _calendar(elsewhere), capsys)
    assert err == "0 new, 0 updated, 0 cancelled, 0 unchanged, 1 not imported\n"
    assert _imported(repo) == first


def test_two_different_events_with_one_uid_are_reported_not_merged(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = FUTURE.replace("Spring listening event", "Summer listening event").replace("20270304", "20270604")
    lines, err = _run(repo, tmp_path, _calendar(FUTURE, twin, FUTURE), capsys)
    assert lines == [
        "new       data/events/health-trust/2027-03-04-spring-listening-event.yaml  Spring listening event",
        "skipped   (not written)  Summer listening event",
        "          - another event in the calendar ('Spring listening event') has the same UID, so only the first "
        "was imported; give each event its own UID",
    ]
    assert err == "1 new, 0 updated, 0 cancelled, 0 unchanged, 1 not imported\n"
