"""The CI workflows, pre-commit hooks and CODEOWNERS: safe, plain, and in step with the CLI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from engage.cli import build_parser, main
from engage.yaml_reader import read

from .sitebuild import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^:]+)::(?P<message>.+)$"
)


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    assert isinstance(data, dict)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def runs(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def test_every_workflow_parses_reads_only_by_default_and_uses_no_secrets() -> None:
    names = sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))
    assert {"publish.yml", "pull-request.yml"} <= set(names)
    for name in names:
        workflow = load(name)
        # Comments may name what is avoided; the parsed workflow must not use it.
        text = yaml.safe_dump(workflow)
        assert "pull_request_target" not in workflow["on"], name
        assert "secrets." not in text, name
        assert workflow["permissions"] == {"contents": "read"}, name
        if "pull_request" in workflow["on"]:
            assert "write" not in yaml.safe_dump([job.get("permissions") for job in workflow["jobs"].values()]), name


def test_the_pull_request_workflow_is_read_only_and_safe_for_forks() -> None:
    workflow = load("pull-request.yml")
    assert workflow["on"] == {"pull_request": None}
    assert [job.get("permissions") for job in workflow["jobs"].values()] == [None]
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_the_pull_request_workflow_validates_builds_and_keeps_a_preview() -> None:
    workflow = load("pull-request.yml")
    commands = runs(workflow)
    assert commands == [
        "make install",
        '.venv/bin/engage validate --format github --against "origin/$BASE_REF" data',
        "make build",
        ".venv/bin/engage preview-site site --out preview",
    ]
    upload = steps(workflow)[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "preview/"


def test_every_engage_command_in_the_workflows_is_one_the_cli_accepts() -> None:
    parser = build_parser()
    for name in ("pull-request.yml", "publish.yml"):
        for command in runs(load(name)):
            words = shlex.split(command)
            if words[0].endswith("/engage"):
                parser.parse_args([w.replace("$BASE_REF", "main") for w in words[1:]])


def test_the_publish_workflow_builds_nightly_and_only_its_deploy_job_may_write() -> None:
    workflow = load("publish.yml")
    assert set(workflow["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert [s["cron"] for s in workflow["on"]["schedule"]] == ["30 2 * * *"]
    assert {name: job.get("permissions") for name, job in workflow["jobs"].items()} == {
        "build": None,
        "deploy": {"pages": "write", "id-token": "write"},
    }
    assert runs(workflow) == ["make install", "make build"]
    uses = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"]
    # "Today" must be the real day, so that upcoming events move on by themselves.
    assert "ENGAGE_TODAY" not in yaml.safe_dump(workflow)


BAD_EVENT = """\
title: A drop-in with mistakes
summary: Three mistakes on three lines.
description: Come along.
organiser: district-council
method: drop-in
areas: [north-ward]
topics: [housing]
date: 2026-12-10
start_time: 6.30pm
end_time: "20:00"
venue: town-hall
contact: engagement@example.gov.uk
colour: blue
"""

MISFILED_EVENT = """\
title: A drop-in in the wrong folder
summary: Filed under the council but run by the health trust.
description: Come along.
organiser: health-trust
method: drop-in
areas: [north-ward]
topics: [housing]
date: 2026-12-11
start_time: "14:00"
end_time: "16:00"
venue: town-hall
contact: engagement@example.gov.uk
"""


def test_a_bad_event_becomes_annotations_on_its_lines(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = data_copy / "events" / "district-council"
    (folder / "2026-12-10-bad-drop-in.yaml").write_text(BAD_EVENT, "utf-8")
    (folder / "2026-12-11-misfiled-drop-in.yaml").write_text(MISFILED_EVENT, "utf-8")
    assert main(["validate", "--format", "github", str(data_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    matches = [ANNOTATION.match(line) for line in lines]
    assert all(matches), lines
    found = [(m["level"], m["file"], int(m["line"]), int(m["col"]), m["title"]) for m in matches if m]
    assert found == [
        ("error", "data/events/district-council/2026-12-10-bad-drop-in.yaml", 9, 1, "invalid-value in start_time"),
        ("error", "data/events/district-council/2026-12-10-bad-drop-in.yaml", 13, 1, "unknown-field in colour"),
        (
            "error",
            "data/events/district-council/2026-12-11-misfiled-drop-in.yaml",
            4,
            1,
            "organiser-folder in organiser",
        ),
    ]
    assert (
        next(m["message"] for m in matches if m)
        == "expected a 24-hour time written HH:MM such as 18:30, found '6.30pm'"
    )


def test_the_pre_commit_hooks_run_engage_validate_on_data_files() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    local = config["repos"][0]
    assert local["repo"] == "local"
    for hook in [*hooks, *local["hooks"]]:
        assert hook["id"] == "engage-validate"
        assert hook["entry"].split()[-2:] == ["engage", "validate"] or hook["entry"].endswith("/engage validate")
        assert (hook["files"], hook["pass_filenames"]) == ("^data/", True)


def test_codeowners_gives_every_partner_its_own_folder() -> None:
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text("utf-8").splitlines()]
    rules = {words[0]: words[1:] for words in lines if words and not words[0].startswith("#")}
    organisations = read((ROOT / "data" / "taxonomies" / "organisations.yaml").read_bytes()).value
    folders = {f"/data/events/{org['id']}/" for org in organisations}
    assert folders <= set(rules)
    assert all(rules[f] and all(o.startswith("@") for o in rules[f]) for f in folders)
    assert len({rules[f][0] for f in folders}) == len(folders)


def test_codeowners_is_made_from_the_data_and_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check", str(ROOT / ".github" / "CODEOWNERS"), "--data", str(ROOT / "data")]) == 0
    assert main(["codeowners", "--data", str(ROOT / "data")]) == 0
    assert capsys.readouterr().out == (ROOT / ".github" / "CODEOWNERS").read_text("utf-8")


def test_the_calendar_import_runs_only_when_set_up_and_only_its_job_may_write() -> None:
    workflow = load("import-calendar.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    job = workflow["jobs"]["import"]
    assert job["if"] == "vars.CALENDAR_FEED_URL != '' && vars.CALENDAR_ORGANISER != ''"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    # The partner's settings reach commands through the environment, never pasted into a script.
    assert all("${{" not in command for command in runs(workflow))
    parser = build_parser()
    command = next(c for c in runs(workflow) if "import-ics" in c)
    words = shlex.split(command.split(">")[0].replace("$OPTIONS", "--method drop-in --area x"))
    args = parser.parse_args(
        [w.replace("$FEED", "https://example.org/a.ics").replace("$ORGANISER", "x") for w in words[1:]]
    )
    assert (args.command, args.dry_run) == ("import-ics", False)
    assert ".venv/bin/engage validate data" in runs(workflow)
