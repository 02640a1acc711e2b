"""`engage validate`: exit codes, the three output formats, and choosing which files to report on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engage.cli import main

from .regenerate_expected import EXAMPLE_DATA, NEGATIVE, make_data

ENGAGE = Path(sys.executable).with_name("engage")
CASE = NEGATIVE / "many-problems-in-many-files"
EVENT = "data/events/district-council/2026-12-10-corpus-drop-in.yaml"
TEXT = [
    "data/commitments/corpus-meetings.yaml:5:1: error[invalid-value]: level: "
    "expected one of 'developing', 'achieving' or 'excellent', found 'excelent'",
    "data/eias/corpus-parking.yaml:5:1: error[invalid-value]: stage: expected one of 'screening' or 'full', found 'partial'",
    f"{EVENT}:10:1: error[end-before-start]: end_time: ends at 1pm, before it starts at 2pm",
    f"{EVENT}:13:1: error[unknown-timezone]: timezone: 'Europe/Londres' is not a time zone such as Europe/London",
]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ENGAGE), *args], capture_output=True, text=True, timeout=120, cwd=cwd, check=False)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return make_data(CASE, tmp_path)


def count_files(data: Path) -> int:
    return sum(1 for p in data.rglob("*") if p.is_file())


def test_clean_data_exits_0_and_prints_nothing_but_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE_DATA)]) == 0
    printed = capsys.readouterr()
    assert (printed.out, printed.err) == ("", f"{count_files(EXAMPLE_DATA)} files checked, 0 problems\n")


def test_text_format_lists_every_problem_and_exits_1(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken)]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines() == TEXT
    assert printed.err == f"{count_files(broken)} files checked, 4 problems\n"


def test_json_format_parses_and_lists_the_same_problems(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(broken)]) == 1
    printed = capsys.readouterr()
    problems = json.loads(printed.out)
    assert problems[1] == {
        "file": "data/eias/corpus-parking.yaml",
        "line": 5,
        "column": 1,
        "code": "invalid-value",
        "field": "stage",
        "message": "expected one of 'screening' or 'full', found 'partial'",
        "severity": "error",
    }
    as_text = [
        f"{p['file']}:{p['line']}:{p['column']}: {p['severity']}[{p['code']}]: {p['field']}: {p['message']}"
        for p in problems
    ]
    assert as_text == TEXT
    # JSON output is only the document: the summary would break a parser reading stdout and stderr.
    assert printed.err == ""


def test_json_format_on_clean_data_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(EXAMPLE_DATA)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_github_format_prints_workflow_annotations(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "github", str(broken)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=data/commitments/corpus-meetings.yaml,line=5,col=1,title=invalid-value in level::"
        "expected one of 'developing', 'achieving' or 'excellent', found 'excelent'",
        "::error file=data/eias/corpus-parking.yaml,line=5,col=1,title=invalid-value in stage::"
        "expected one of 'screening' or 'full', found 'partial'",
        f"::error file={EVENT},line=10,col=1,title=end-before-start in end_time::ends at 1pm, before it starts at 2pm",
        f"::error file={EVENT},line=13,col=1,title=unknown-timezone in timezone::"
        "'Europe/Londres' is not a time zone such as Europe/London",
    ]


def test_github_format_escapes_what_would_end_an_annotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(NEGATIVE / "yaml-unclosed-quote", tmp_path)
    (data / "events/district-council/2026-12-10-corpus-drop-in.yaml").rename(
        data / "events/district-council/2026-12-10-a,b.yaml"
    )
    assert main(["validate", "--format", "github", str(data)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=data/events/district-council/2026-12-10-a%2Cb.yaml,line=1,col=1,title=file-name::"
        "expected a name like 2026-12-03-short-title.yaml (the date, then lower-case words joined by hyphens), "
        "found '2026-12-10-a,b.yaml'"
    ]


def test_paths_narrow_the_report_to_those_files(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken / "eias"), str(broken / "commitments/corpus-meetings.yaml")]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines() == TEXT[:2]
    assert printed.err == f"{len(list((broken / 'eias').iterdir())) + 1} files checked, 2 problems\n"


def test_a_clean_file_in_broken_data_passes(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken / "eias/library-hours.yaml")]) == 0
    assert capsys.readouterr() == ("", "1 file checked, 0 problems\n")


def test_default_path_is_data_in_the_current_folder(broken: Path) -> None:
    proc = run("validate", cwd=broken.parent)
    assert (proc.returncode, proc.stdout.splitlines()) == (1, TEXT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--bogus", "data"], "engage: error: unrecognized arguments: --bogus\n"),
        (
            ["validate", "--format", "yaml", "data"],
            "engage validate: error: argument --format: invalid choice: 'yaml' (choose from 'text', 'github', 'json')\n",
        ),
        (["validate", "no-such-folder"], "engage validate: no such file or folder: no-such-folder\n"),
        (
            ["validate", "elsewhere"],
            "engage validate: cannot find the data folder (the folder with site.yaml) for the paths given\n",
        ),
        (["validate", "data", "other"], "engage validate: the paths belong to more than one data folder\n"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(args: list[str], message: str, broken: Path) -> None:
    (broken.parent / "elsewhere").mkdir()
    (broken.parent / "other").mkdir()
    (broken.parent / "other" / "site.yaml").write_text((broken / "site.yaml").read_text())
    proc = run(*args, cwd=broken.parent)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.endswith(message)
    assert "Traceback" not in proc.stderr


def test_no_command_prints_help_and_exits_2() -> None:
    proc = run()
    assert proc.returncode == 2
    assert proc.stdout.startswith("usage: engage [-h] [--version] COMMAND ...\n")
    assert "validate" in proc.stdout


def test_usage_error_in_process_raises_system_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--bogus"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith("engage: error: unrecognized arguments: --bogus\n")
