"""Build a site from a data folder the way `make build` does, for tests and the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str
    site: Path


def build_site(
    data: Path, site: Path, today: str = "2026-11-22", extra_env: dict[str, str] | None = None
) -> BuildResult:
    """Run `mkdocs build --strict` over `data` into `site`; never raises on a failed build."""
    env = {
        **os.environ,
        "ENGAGE_DATA": str(data),
        "ENGAGE_TODAY": today,
        "NO_MKDOCS_2_WARNING": "1",
        **(extra_env or {}),
    }
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)
