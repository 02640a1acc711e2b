"""`engage new` writes a commented starter that validates as written, in the right folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from engage.cli import main


@pytest.mark.parametrize(
    ("argv", "expected_path"),
    [
        (["event", "--title", "Budget drop-in", "--organiser", "health-trust", "--date", "2027-03-04"],
         "events/health-trust/2027-03-04-budget-drop-in.yaml"),
        (["eia", "--title", "Parking charges review", "--date", "2027-01-10"], "eias/parking-charges-review.yaml"),
        (["feedback", "--title", "Library review: what you said", "--date", "2027-01-10"], "feedback/library-review-what-you-said.yaml"),
        (["commitment", "--title", "Accessible meetings", "--date", "2027-01-10"], "commitments/accessible-meetings.yaml"),
        (["evaluation", "--title", "Library drop-in: what it achieved", "--date", "2027-01-10"],
         "evaluations/library-drop-in-what-it-achieved.yaml"),
    ],
)
def test_starter_file_validates_in_the_right_folder(
    data_copy: Path, argv: list[str], expected_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", *argv, "--data", str(data_copy)]) == 0
    written = data_copy / expected_path
    assert written.is_file()
    text = written.read_text()
    assert text.startswith("# yaml-language-server: $schema=https://engage.example.gov.uk/schemas/")
    assert "TODO" in text
    capsys.readouterr()
    assert main(["validate", str(written)]) == 0, capsys.readouterr().out


def test_starter_refuses_to_overwrite(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", "event", "--title", "Library review", "--organiser", "district-council", "--date", "2026-12-03",
            "--slug", "library-review", "--data", str(data_copy)]
    assert main(argv) == 2
    assert "already exists" in capsys.readouterr().err


def test_starter_names_the_choices_for_an_unknown_organiser(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "event", "--title", "X", "--organiser", "nobody", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == "engage new: no organisation 'nobody'; choose one of district-council, health-trust\n"
