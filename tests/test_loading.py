"""Loading and checking a data folder: every problem in one run, each at file, line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engage.portal import check_data
from engage.problems import Problem


def texts(root: Path) -> list[str]:
    return [p.as_text() for p in check_data(root, date(2026, 11, 22)).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_unknown_key_is_named_with_a_suggestion(data_copy: Path) -> None:
    event = data_copy / "events/district-council/2026-12-03-library-review.yaml"
    edit(event, "venue: town-hall", "venu: town-hall")
    assert texts(data_copy) == [
        "data/events/district-council/2026-12-03-library-review.yaml:13:1: error[unknown-field]: venu: "
        "unknown field 'venu'; did you mean 'venue'?",
    ]


def test_all_problems_in_all_files_are_reported_in_one_run(data_copy: Path) -> None:
    edit(data_copy / "events/district-council/2026-12-03-library-review.yaml", "end_time: 20:00", "end_time: 17:00")
    edit(data_copy / "eias/library-hours.yaml", "organisation: district-council", "organisation: nobody")
    edit(data_copy / "feedback/housing-allocations.yaml", "count: 412", "count: lots")
    assert texts(data_copy) == [
        "data/eias/library-hours.yaml:3:1: error[dangling-reference]: organisation: no organisation has the id 'nobody'",
        "data/events/district-council/2026-12-03-library-review.yaml:12:1: error[end-before-start]: end_time: "
        "ends at 5pm, before it starts at 6:30pm",
        "data/feedback/housing-allocations.yaml:10:5: error[invalid-value]: responses[0].count: "
        "expected a whole number, found 'lots'",
    ]


def test_yaml_1_1_traps_get_a_clear_message(data_copy: Path) -> None:
    edit(data_copy / "events/district-council/2026-12-03-library-review.yaml", "start_time: 18:30", "start_time: 1830")
    edit(
        data_copy / "events/district-council/2026-12-03-library-review.yaml", "hearing_loop: yes", "hearing_loop: maybe"
    )
    assert texts(data_copy) == [
        "data/events/district-council/2026-12-03-library-review.yaml:11:1: error[invalid-value]: start_time: "
        "expected a 24-hour time written HH:MM such as 18:30, found 1830",
        "data/events/district-council/2026-12-03-library-review.yaml:17:3: error[invalid-value]: access.hearing_loop: "
        "expected one of 'yes', 'no', 'on-request' or 'unknown', found 'maybe'",
    ]


def test_event_folder_must_match_its_organiser(data_copy: Path) -> None:
    source = data_copy / "events/district-council/2026-12-03-library-review.yaml"
    target = data_copy / "events/health-trust/2026-12-03-library-review.yaml"
    target.parent.mkdir(exist_ok=True)
    source.rename(target)
    assert texts(data_copy) == [
        "data/events/health-trust/2026-12-03-library-review.yaml:5:1: error[organiser-folder]: organiser: "
        "organiser is 'district-council' but the file is in the folder of 'health-trust'",
    ]


def test_duplicate_event_ids_across_organiser_folders(data_copy: Path) -> None:
    copy = data_copy / "events/health-trust/2026-12-03-library-review.yaml"
    copy.parent.mkdir(exist_ok=True)
    text = (data_copy / "events/district-council/2026-12-03-library-review.yaml").read_text()
    copy.write_text(text.replace("organiser: district-council", "organiser: health-trust"))
    assert texts(data_copy) == [
        "data/events/health-trust/2026-12-03-library-review.yaml:1:1: error[duplicate-id]: event id "
        "'2026-12-03-library-review' is already used by data/events/district-council/2026-12-03-library-review.yaml",
    ]


def test_hostile_file_does_not_hide_other_problems(data_copy: Path) -> None:
    (data_copy / "feedback/housing-allocations.yaml").write_bytes(b"title: x\ntitle: y\n")
    result = check_data(data_copy, date(2026, 11, 22))
    assert result.portal is None
    assert [p for p in result.problems if p.file.endswith("housing-allocations.yaml")] == [
        Problem(
            "data/feedback/housing-allocations.yaml",
            2,
            1,
            "duplicate-key",
            "",
            "key 'title' appears twice in the same block (first on line 1); keep one",
        )
    ]
    # Records citing the unreadable one are not blamed: the file's own problem says what to fix.
    assert [p for p in result.problems if not p.file.endswith("housing-allocations.yaml")] == []


def test_population_shares_must_add_up(data_copy: Path) -> None:
    characteristics = data_copy / "taxonomies/characteristics.yaml"
    edit(characteristics, "      population_share: 22\n", "      population_share: 32\n")
    edit(
        characteristics,
        "      population_share: 20\n",
        "      population_share: 20\n      area_shares: {north-ward: 25}\n",
    )
    assert texts(data_copy) == [
        "data/taxonomies/characteristics.yaml:4:3: error[shares-do-not-add-up]: [0].categories: "
        "population shares of 'age' add up to 110%, expected 100%",
        "data/taxonomies/characteristics.yaml:17:3: error[shares-do-not-add-up]: [1].categories: "
        "area 'north-ward' has shares for some categories of 'disability' but not for 'not-disabled'",
    ]
