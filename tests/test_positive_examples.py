"""Valid variants in tests/example-files/positive validate clean and mean what they say."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from engage.cli import main
from engage.occurrences import expand
from engage.portal import Portal, check_data

from .regenerate_expected import POSITIVE, case_files, case_names, make_data

CASES = case_names(POSITIVE)
EVENT_ID = "2026-12-10-corpus-drop-in"


def test_there_are_positive_examples_for_every_record_type() -> None:
    touched = {rel.split("/")[0] for name in CASES for rel in case_files(POSITIVE / name)}
    assert {"events", "eias", "feedback", "commitments", "taxonomies"} <= touched


@pytest.mark.parametrize("name", CASES)
def test_positive_case_validates_clean(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(POSITIVE / name, tmp_path)
    code = main(["validate", str(data)])
    printed = capsys.readouterr()
    assert (code, printed.out) == (0, "")
    assert printed.err.endswith(", 0 problems\n")


def portal(name: str, tmp_path: Path) -> Portal:
    result = check_data(make_data(POSITIVE / name, tmp_path), date(2026, 11, 22))
    assert result.problems == []
    assert result.portal is not None
    return result.portal


def when(name: str, tmp_path: Path) -> tuple[object, ...]:
    e = portal(name, tmp_path).events[EVENT_ID].model
    return (e.date, e.start_time, e.end_time, e.end_date)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("quoted-times", (date(2026, 12, 10), time(14), time(16), None)),
        ("unquoted-times", (date(2026, 12, 10), time(14), time(16), None)),
        ("single-digit-hour", (date(2026, 12, 10), time(9, 30), time(11), None)),
        ("all-day", (date(2026, 12, 10), None, None, None)),
        ("multi-day", (date(2026, 12, 10), time(14), time(12), date(2026, 12, 12))),
        ("multi-day-all-day", (date(2026, 12, 10), None, None, date(2026, 12, 11))),
        ("crlf-line-endings", (date(2026, 12, 10), time(14), time(16), None)),
        ("document-markers", (date(2026, 12, 10), time(14), time(16), None)),
    ],
)
def test_dates_and_times_are_read_as_written(name: str, expected: tuple[object, ...], tmp_path: Path) -> None:
    assert when(name, tmp_path) == expected


def occurrence_days(name: str, event_id: str, tmp_path: Path) -> list[date]:
    p = portal(name, tmp_path)
    return [o.day for o in expand(event_id, p.events[event_id].model)]


def test_monthly_last_weekday_falls_on_the_last_thursday_of_each_month(tmp_path: Path) -> None:
    days = occurrence_days("recurring-monthly-last-weekday", "2026-12-31-corpus-year-end", tmp_path)
    assert days == [
        date(2026, 12, 31),
        date(2027, 1, 28),
        date(2027, 2, 25),
        date(2027, 3, 25),
        date(2027, 4, 29),
        date(2027, 5, 27),
        date(2027, 6, 24),
        date(2027, 7, 29),
        date(2027, 8, 26),
        date(2027, 9, 30),
        date(2027, 10, 28),
        date(2027, 11, 25),
        date(2027, 12, 30),
    ]


def test_monthly_second_weekday(tmp_path: Path) -> None:
    assert occurrence_days("recurring-monthly-second", EVENT_ID, tmp_path) == [
        date(2026, 12, 10),
        date(2027, 1, 14),
        date(2027, 2, 11),
        date(2027, 3, 11),
        date(2027, 4, 8),
        date(2027, 5, 13),
        date(2027, 6, 10),
    ]


def test_weekly_with_skipped_dates(tmp_path: Path) -> None:
    assert occurrence_days("recurring-weekly", EVENT_ID, tmp_path) == [
        date(2026, 12, 10),
        date(2026, 12, 17),
        date(2027, 1, 7),
        date(2027, 1, 14),
        date(2027, 1, 21),
        date(2027, 1, 28),
        date(2027, 2, 4),
        date(2027, 2, 11),
        date(2027, 2, 18),
        date(2027, 2, 25),
    ]


def test_fortnightly_with_a_moved_occurrence(tmp_path: Path) -> None:
    p = portal("recurring-fortnightly-moved", tmp_path)
    occurrences = expand(EVENT_ID, p.events[EVENT_ID].model)
    assert [(o.day, o.start, o.end, o.original) for o in occurrences] == [
        (date(2026, 12, 10), time(14), time(16), None),
        (date(2026, 12, 22), time(10), time(12), date(2026, 12, 24)),
        (date(2027, 1, 7), time(14), time(16), None),
        (date(2027, 1, 21), time(14), time(16), None),
        (date(2027, 2, 4), time(14), time(16), None),
        (date(2027, 2, 18), time(14), time(16), None),
        (date(2027, 3, 4), time(14), time(16), None),
        (date(2027, 3, 18), time(14), time(16), None),
    ]


def test_text_keeps_its_characters_and_loses_carriage_returns(tmp_path: Path) -> None:
    e = portal("unicode-text", tmp_path).events[EVENT_ID].model
    assert e.title == "Café and crèche consultation – Señora’s corner"
    assert e.description == "Gwybodaeth yn Gymraeg. 🌍 Ласкаво просимо. مرحبا\n\n- **Bold** and _italic_ Markdown."
    crlf = portal("crlf-line-endings", tmp_path / "crlf").events[EVENT_ID].model
    assert (crlf.title, crlf.summary) == ("Town centre plan drop-in", "Drop in to see the draft town centre plan.")


def test_folded_text_and_comments(tmp_path: Path) -> None:
    e = portal("comments-and-block-styles", tmp_path).events[EVENT_ID].model
    assert (e.description, e.areas) == ("Officers will be there to answer questions.", ["north-ward", "south-ward"])


def test_yes_and_no_are_read_as_true_and_false_where_a_boolean_is_asked(tmp_path: Path) -> None:
    p = portal("yes-no-for-booleans", tmp_path)
    assert (p.events[EVENT_ID].model.booking.required, p.venues["town-hall"].step_free) == (True, False)


def test_hybrid_and_online_events_keep_their_joining_details(tmp_path: Path) -> None:
    hybrid = portal("hybrid", tmp_path / "hybrid").events[EVENT_ID].model
    assert (hybrid.venue, hybrid.room, hybrid.online and hybrid.online.platform) == (
        "town-hall",
        "Council Chamber",
        "Zoom",
    )
    online = portal("online-only", tmp_path / "online").events[EVENT_ID].model
    assert (online.venue, online.online and online.online.url) == (None, "https://teams.example.com/join/abc")
