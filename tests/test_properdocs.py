"""The site survives MkDocs: ProperDocs (the maintained fork of MkDocs 1.6.1) builds the same
bytes from the same mkdocs.yml, hooks and data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DEMO_DATA, DEMO_TODAY
from .sitebuild import ROOT

PROPERDOCS = Path(sys.executable).with_name("properdocs")


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_properdocs_builds_the_same_site(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "ENGAGE_DATA": str(DEMO_DATA), "ENGAGE_TODAY": DEMO_TODAY, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ours, theirs = _tree(demo_site), _tree(site)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []
