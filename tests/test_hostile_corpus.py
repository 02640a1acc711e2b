"""Hostile input: every bad file in tests/example-files/negative gets exactly its expected.txt.

Each case is laid over a copy of tests/example-data in a folder named `data`, and `engage
validate` must print the case's expected lines, exit 1 and never show a traceback. To add a case,
make a folder with the bad file at its data-relative path, run tests/regenerate_expected.py and
review the new expected.txt by hand.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from engage.cli import main

from .regenerate_expected import EXPECTED, GENERATED, NEGATIVE, case_files, case_names, make_data

CASES = case_names(NEGATIVE)
ENGAGE = Path(sys.executable).with_name("engage")
LINE = re.compile(r"^data/[^:]+:[1-9]\d*:[1-9]\d*: error\[[a-z0-9-]+\]: (?:[\w.\[\]]+: )?\S.*$")


def expected(name: str) -> str:
    return (NEGATIVE / name / EXPECTED).read_text(encoding="utf-8")


def test_the_corpus_covers_every_kind_of_file_and_mistake() -> None:
    assert len(CASES) >= 40
    touched = {rel.split("/")[0] for name in CASES for rel in case_files(NEGATIVE / name)}
    assert {"events", "eias", "feedback", "commitments", "taxonomies", "site.yaml"} <= touched
    codes = {m for name in CASES for m in re.findall(r"error\[([a-z0-9-]+)\]", expected(name))}
    assert codes >= {
        "yaml-syntax",
        "yaml-tag",
        "yaml-alias",
        "duplicate-key",
        "encoding-error",
        "file-too-large",
        "too-deep",
        "empty-file",
        "wrong-type",
        "unknown-field",
        "missing-field",
        "invalid-value",
        "dangling-reference",
        "duplicate-id",
        "end-before-start",
        "unknown-timezone",
        "file-name",
        "unexpected-file",
    }


def test_every_case_has_a_bad_file_and_an_expected_output() -> None:
    assert set(GENERATED) <= set(CASES)
    for name in CASES:
        assert case_files(NEGATIVE / name), f"{name} holds no file to test"
        assert expected(name).strip(), f"{name}/expected.txt is empty: a negative case must fail"


@pytest.mark.parametrize("name", CASES)
def test_negative_case_prints_exactly_its_expected_problems(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data(NEGATIVE / name, tmp_path)
    code = main(["validate", str(data)])
    printed = capsys.readouterr()
    assert printed.out == expected(name)
    assert code == 1
    assert "Traceback" not in printed.err
    lines = printed.out.splitlines()
    assert [line for line in lines if not LINE.match(line)] == []
    # The case's own file is the one blamed (other files only ever in addition, never instead).
    blamed = {line.split(":")[0].removeprefix("data/") for line in lines}
    assert blamed & set(case_files(NEGATIVE / name))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_file_fails_fast_in_a_real_process(name: str, tmp_path: Path) -> None:
    data = make_data(NEGATIVE / name, tmp_path)
    # A generous timeout: a bomb that expanded or a parser that recursed would blow well past it.
    proc = subprocess.run([str(ENGAGE), "validate", str(data)], capture_output=True, text=True, timeout=60, check=False)
    assert (proc.returncode, proc.stdout) == (1, expected(name))
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "name", ["yaml-python-tag", "yaml-unclosed-quote", "key-misspelt-event", "taxonomy-is-a-mapping"]
)
def test_committed_case_exits_1_without_traceback_in_a_real_process(name: str, tmp_path: Path) -> None:
    data = make_data(NEGATIVE / name, tmp_path)
    proc = subprocess.run([str(ENGAGE), "validate", str(data)], capture_output=True, text=True, timeout=60, check=False)
    assert (proc.returncode, proc.stdout) == (1, expected(name))
    assert "Traceback" not in proc.stderr
    count = len(expected(name).splitlines())
    assert proc.stderr.endswith(f"problem{'s' if count != 1 else ''}\n")
    assert f", {count} problem" in proc.stderr
