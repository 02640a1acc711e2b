"""`engage codeowners`: CODEOWNERS made from each organisation's reviewers and site.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from engage.cli import main


def _add(path: Path, after: str, text: str) -> None:
    content = path.read_text()
    assert after in content
    path.write_text(content.replace(after, after + text, 1))


def test_each_partner_folder_gets_its_reviewers_and_the_site_team(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(
        data_copy / "site.yaml",
        "branch: main\n",
        'reviewers:\n  site: ["@example/site-team"]\n  eias: ["@example/equality"]\n',
    )
    _add(
        data_copy / "taxonomies/organisations.yaml",
        "contact: involvement@example-health.nhs.uk\n",
        '  reviewers: ["@example/health", "@jo-bloggs"]\n',
    )
    assert main(["codeowners", "--data", str(data_copy)]) == 0
    rules = [line for line in capsys.readouterr().out.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "*                              @example/site-team",
        "/data/events/district-council/ @example/site-team",
        "/data/events/health-trust/     @example/health @jo-bloggs @example/site-team",
        "/data/eias/                    @example/equality",
        "/data/feedback/                @example/site-team",
        "/data/commitments/             @example/site-team",
        "/data/taxonomies/              @example/site-team",
        "/data/site.yaml                @example/site-team",
        "/.github/                      @example/site-team",
    ]


def test_without_a_site_team_there_is_no_codeowners(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == (
        "engage codeowners: site.yaml has no reviewers.site: the site team must review what no one else does\n"
    )


def test_check_fails_when_the_file_is_out_of_date(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(data_copy / "site.yaml", "branch: main\n", 'reviewers:\n  site: ["@example/site-team"]\n')
    target = tmp_path / "CODEOWNERS"
    assert main(["codeowners", "--write", str(target), "--data", str(data_copy)]) == 0
    assert main(["codeowners", "--check", str(target), "--data", str(data_copy)]) == 0
    _add(
        data_copy / "taxonomies/organisations.yaml",
        "contact: involvement@example-health.nhs.uk\n",
        '  reviewers: ["@example/health"]\n',
    )
    capsys.readouterr()
    assert main(["codeowners", "--check", str(target), "--data", str(data_copy)]) == 1
    assert capsys.readouterr().err == (
        f"engage codeowners: {target} is out of date; run engage codeowners --write {target}\n"
    )


def test_a_reviewer_must_be_an_account_or_team(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _add(
        data_copy / "taxonomies/organisations.yaml",
        "contact: involvement@example-health.nhs.uk\n",
        "  reviewers: [health team]\n",
    )
    assert main(["validate", str(data_copy)]) == 1
    assert "reviewers[0]" in capsys.readouterr().out
