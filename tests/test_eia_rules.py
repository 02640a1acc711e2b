"""Each EIA rule rejects a bad assessment with the file, line and field to fix (issue 5, point 4).

Every test writes one EIA into a copy of the example data, so the expected line numbers can be
read off the YAML in this file.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from engage.portal import check_data
from engage.problems import Problem

TODAY = date(2026, 11, 22)
FILE = "data/eias/bad.yaml"

GOOD = """\
title: Parking permits for carers
service: Parking Services
organisation: district-council
lead_officer: Parking Manager
stage: full
purpose: Free parking permits for unpaid carers.
evidence: Permit applications, 2025.
impacts:
  - characteristic: age
    impact: negative
    rationale: Older carers drive less and gain less from a permit.
  - characteristic: disability
    impact: positive
    rationale: Carers of disabled people park near the person they care for.
actions:
  - id: bus-passes
    action: Offer a bus pass instead of a permit
    owner: Parking Manager
    due: 2027-03-31
outcome: adjust
completed: 2026-05-01
sign_off:
  by: Director of Place
  date: 2026-05-02
decision:
  maker: Cabinet
  date: 2026-05-12
published: 2026-05-13
review_date: 2027-05-12
"""
# Line numbers in GOOD, for the expected problems.
IMPACTS_LINE = 8
FIRST_IMPACT_LINE = 10
OUTCOME_LINE = 20
COMPLETED_LINE = 21
REVIEW_LINE = 29


def problems_with(data: Path, text: str) -> list[Problem]:
    (data / "eias" / "bad.yaml").write_text(text, encoding="utf-8")
    return check_data(data, TODAY).problems


def test_the_good_eia_passes(data_copy: Path) -> None:
    assert GOOD.splitlines()[IMPACTS_LINE - 1] == "impacts:"
    assert GOOD.splitlines()[FIRST_IMPACT_LINE - 1] == "    impact: negative"
    assert GOOD.splitlines()[OUTCOME_LINE - 1] == "outcome: adjust"
    assert GOOD.splitlines()[COMPLETED_LINE - 1] == "completed: 2026-05-01"
    assert GOOD.splitlines()[REVIEW_LINE - 1] == "review_date: 2027-05-12"
    assert problems_with(data_copy, GOOD) == []


def test_every_configured_characteristic_must_be_assessed(data_copy: Path) -> None:
    text = GOOD.replace(
        "  - characteristic: disability\n    impact: positive\n"
        "    rationale: Carers of disabled people park near the person they care for.\n",
        "",
    )
    assert problems_with(data_copy, text) == [
        Problem(FILE, IMPACTS_LINE, 1, "characteristic-not-assessed", "impacts", "no impact given for 'disability'")
    ]


def test_a_characteristic_is_assessed_once(data_copy: Path) -> None:
    text = GOOD.replace(
        "actions:\n",
        "  - characteristic: age\n    impact: neutral\n    rationale: Counted twice.\nactions:\n",
    )
    assert problems_with(data_copy, text) == [
        Problem(FILE, 15, 5, "duplicate-id", "impacts[2].characteristic", "'age' is assessed twice")
    ]


def test_a_negative_impact_needs_a_mitigation_action(data_copy: Path) -> None:
    text = GOOD.replace(
        "actions:\n  - id: bus-passes\n    action: Offer a bus pass instead of a permit\n"
        "    owner: Parking Manager\n    due: 2027-03-31\n",
        "",
    )
    assert problems_with(data_copy, text) == [
        Problem(
            FILE,
            FIRST_IMPACT_LINE,
            5,
            "unmitigated-impact",
            "impacts[0].impact",
            "negative impact on 'age' has no mitigation action; add one, or choose the outcome 'continue' with a justification",
        )
    ]


def test_a_dropped_action_does_not_mitigate(data_copy: Path) -> None:
    text = GOOD.replace("    due: 2027-03-31\n", "    due: 2027-03-31\n    status: dropped\n")
    assert problems_with(data_copy, text) == [
        Problem(
            FILE,
            FIRST_IMPACT_LINE,
            5,
            "unmitigated-impact",
            "impacts[0].impact",
            "negative impact on 'age' has only dropped actions; add one, or choose the outcome 'continue' with a justification",
        )
    ]


def test_continue_with_a_justification_answers_a_negative_impact(data_copy: Path) -> None:
    text = GOOD.replace(
        "actions:\n  - id: bus-passes\n    action: Offer a bus pass instead of a permit\n"
        "    owner: Parking Manager\n    due: 2027-03-31\n",
        "",
    ).replace("outcome: adjust\n", "outcome: continue\njustification: Permits cost little and help most carers.\n")
    assert problems_with(data_copy, text) == []


def test_continue_always_needs_a_justification(data_copy: Path) -> None:
    text = GOOD.replace("outcome: adjust", "outcome: continue")
    assert problems_with(data_copy, text) == [
        Problem(
            FILE,
            OUTCOME_LINE,
            1,
            "missing-justification",
            "justification",
            "the outcome 'continue' despite adverse impact needs a justification",
        )
    ]


def test_completed_after_the_decision_is_rejected(data_copy: Path) -> None:
    text = GOOD.replace("completed: 2026-05-01", "completed: 2026-05-13").replace(
        "published: 2026-05-13", "published: 2026-05-14"
    )
    assert problems_with(data_copy, text) == [
        Problem(
            FILE,
            COMPLETED_LINE,
            1,
            "completed-after-decision",
            "completed",
            "completed on 13 May 2026, after the decision on 12 May 2026 it should inform",
        )
    ]


def test_completed_on_the_day_of_the_decision_is_allowed(data_copy: Path) -> None:
    text = GOOD.replace("completed: 2026-05-01", "completed: 2026-05-12").replace(
        "  date: 2026-05-02", "  date: 2026-05-12"
    )
    assert problems_with(data_copy, text) == []


def test_the_review_must_come_after_the_decision(data_copy: Path) -> None:
    text = GOOD.replace("review_date: 2027-05-12", "review_date: 2026-05-12")
    assert problems_with(data_copy, text) == [
        Problem(
            FILE,
            REVIEW_LINE,
            1,
            "review-before-decision",
            "review_date",
            "review date 12 May 2026 must be after the decision on 12 May 2026",
        )
    ]


def test_engage_validate_prints_file_line_and_field(data_copy: Path) -> None:
    (data_copy / "eias" / "bad.yaml").write_text(GOOD.replace("outcome: adjust", "outcome: continue"), encoding="utf-8")
    engage = Path(sys.executable).with_name("engage")
    result = subprocess.run(
        [str(engage), "validate", str(data_copy)],
        capture_output=True,
        text=True,
        env={"ENGAGE_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert (result.returncode, result.stdout) == (
        1,
        f"{FILE}:{OUTCOME_LINE}:1: error[missing-justification]: justification: the outcome 'continue' despite "
        "adverse impact needs a justification\n",
    )
