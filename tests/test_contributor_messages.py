"""Messages for the mistakes new contributors make: each says what to write instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engage.cli import main
from engage.ids import nearest

EVENT = "events/health-trust/2026-11-24-health-chat.yaml"


def _validate(data: Path, capsys: pytest.CaptureFixture[str], *paths: str) -> list[str]:
    capsys.readouterr()
    main(["validate", *(str(data / p) for p in paths or ("",))])
    return capsys.readouterr().out.splitlines()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_misspelt_venue_gets_the_nearest_id(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data_copy / EVENT, "venue: town-hall", "venue: town-hal")
    assert _validate(data_copy, capsys, EVENT) == [
        f"data/{EVENT}:24:1: error[dangling-reference]: venue: no venue has the id 'town-hal'; did you mean 'town-hall'?"
    ]


def test_misspelt_area_in_a_list_gets_the_nearest_id(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data_copy / EVENT, "areas: [north-ward]", "areas: [nort-ward]")
    assert _validate(data_copy, capsys, EVENT) == [
        f"data/{EVENT}:8:9: error[dangling-reference]: areas[0]: no area has the id 'nort-ward'; did you mean 'north-ward'?"
    ]


def test_reference_with_nothing_close_has_no_suggestion(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data_copy / EVENT, "venue: town-hall", "venue: riverside-barn")
    assert _validate(data_copy, capsys, EVENT) == [
        f"data/{EVENT}:24:1: error[dangling-reference]: venue: no venue has the id 'riverside-barn'"
    ]


def test_name_written_for_an_id_says_what_to_write(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data_copy / EVENT, "organiser: health-trust", "organiser: Health Trust")
    assert _validate(data_copy, capsys, EVENT) == [
        f"data/{EVENT}:5:1: error[invalid-value]: organiser: an id is written in lower case with hyphens: "
        "write health-trust, found 'Health Trust'"
    ]


def test_single_value_for_a_list_explains_lists(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data_copy / EVENT, "areas: [north-ward]", "areas: North Ward")
    assert _validate(data_copy, capsys, EVENT) == [
        f"data/{EVENT}:8:1: error[wrong-type]: areas: write this as a list: 'areas:' on its own line, then each "
        "entry on a line below it starting with '- ', such as '- north-ward', found 'North Ward'"
    ]


def test_file_name_date_must_match_date(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Regression: a file named 2027-02-18-... with date: 2027-02-25 used to pass.
    _edit(data_copy / EVENT, "date: 2026-11-24", "date: 2026-11-25")
    lines = _validate(data_copy, capsys, EVENT)
    assert (
        f"data/{EVENT}:11:1: error[file-name]: date: the file name says 2026-11-24 but date is 2026-11-25: "
        "rename a new event's file to 2026-11-25-health-chat.yaml; a published event that has moved keeps its name "
        "and raises sequence instead"
    ) in lines


def test_published_event_moved_keeps_its_file_name(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Once sequence is raised the event has been published: its URL (the file name) stays.
    _edit(data_copy / EVENT, "date: 2026-11-24", "date: 2026-11-25\nsequence: 1")
    _edit(data_copy / EVENT, "skip: [2026-12-29]", "skip: [2026-12-30]")
    _edit(data_copy / EVENT, "original: 2026-12-22", "original: 2026-12-23")
    assert _validate(data_copy, capsys, EVENT) == []


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (
            "eias/community-transport.yaml",
            "published: 2026-10-08",
            "published: 2026-12-04",
            "58:1: error[future-date]: published: published on 4 December 2026, which is after today (3 December 2026); "
            "write the date it happened",
        ),
        (
            "eias/community-transport.yaml",
            "completed: 2026-09-15",
            "completed: 2026-12-10",
            "47:1: error[future-date]: completed: completed on 10 December 2026, which is after today (3 December 2026); "
            "write the date it happened",
        ),
    ],
)
def test_things_that_have_happened_cannot_be_dated_in_the_future(
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    monkeypatch.setenv("ENGAGE_TODAY", "2026-12-03")
    _edit(data_copy / path, old, new)
    assert f"data/{path}:{expected}" in _validate(data_copy, capsys, path)


def test_feedback_published_in_the_future_is_refused(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_copy / "feedback/housing-allocations.yaml"
    published = re.search(r"^published: (\S+)$", path.read_text(), re.M)
    assert published is not None
    monkeypatch.setenv("ENGAGE_TODAY", "2026-12-03")
    assert _validate(data_copy, capsys, "feedback/housing-allocations.yaml") == []
    monkeypatch.setenv("ENGAGE_TODAY", "2020-01-01")
    assert any(
        "error[future-date]: published:" in line
        for line in _validate(data_copy, capsys, "feedback/housing-allocations.yaml")
    )


def test_nearest_offers_only_the_close_ids() -> None:
    ids = ["fernside-library", "fernside-community-centre", "holmfield-library"]
    assert nearest("fernside-libary", ids) == ["fernside-library"]
    assert nearest("Fernside Library", ids) == ["fernside-library"]
    assert nearest("calderbrook-pool", ids) == []
