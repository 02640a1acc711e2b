"""The seeded mutation fuzzer, on a short budget: a new traceback fails CI (`make fuzz` runs longer)."""

from __future__ import annotations

import os

from .fuzz import fuzz

SECONDS = float(os.environ.get("ENGAGE_FUZZ_SECONDS", "45"))


def test_mutated_demo_data_never_gives_a_traceback_and_what_validates_builds() -> None:
    assert fuzz(SECONDS, seed=16, log=lambda line: None) == []
