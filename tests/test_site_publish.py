"""`make build` publishes site/ atomically under a lock: a failed, killed or concurrent build
leaves a whole site, old or new, never a mixture or half of one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engage import site_publish

# A stand-in builder: writes COUNT pages tagged with its name into the folder it is given,
# pausing between them, so a test can kill it or run two at once mid-build.
BUILDER = """
import os, sys, time
tag, count, pause, folder = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[-1]
for i in range(count):
    with open(os.path.join(folder, f"{i}.html"), "w") as f:
        f.write(tag)
    time.sleep(pause)
sys.exit(int(os.environ.get("BUILDER_EXIT", "0")))
"""


def _publisher(site: Path, tag: str, count: int = 20, pause: float = 0.0, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "engage.site_publish",
            "--site",
            str(site),
            "--",
            sys.executable,
            "-c",
            BUILDER,
            tag,
            str(count),
            str(pause),
        ],
        env={**os.environ, **env},
    )


def _old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for i in range(20):
        (site / f"{i}.html").write_text("old")
    return site


def _contents(site: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(site.iterdir())}


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name not in {"site", ".site.lock"})


def test_successful_build_replaces_the_site_whole(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    assert _publisher(site, "new").wait(30) == 0
    assert _contents(site) == {f"{i}.html": "new" for i in range(20)}
    assert _leftovers(tmp_path) == []


def test_failed_build_leaves_the_old_site(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    assert _publisher(site, "new", BUILDER_EXIT="1").wait(30) == 1
    assert _contents(site) == {f"{i}.html": "old" for i in range(20)}
    assert _leftovers(tmp_path) == []


def test_killed_build_leaves_the_old_site_and_the_next_run_tidies(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    build = _publisher(site, "new", count=200, pause=0.01)
    time.sleep(0.5)
    build.send_signal(signal.SIGKILL)
    build.wait(30)
    assert _contents(site) == {f"{i}.html": "old" for i in range(20)}
    assert _publisher(site, "next", count=3).wait(30) == 0
    assert _contents(site) == {f"{i}.html": "next" for i in range(3)}
    assert _leftovers(tmp_path) == []


def test_concurrent_builds_take_turns_and_leave_one_whole_site(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    first = _publisher(site, "first", count=50, pause=0.005)
    second = _publisher(site, "second", count=50, pause=0.005)
    assert (first.wait(60), second.wait(60)) == (0, 0)
    contents = _contents(site)
    assert len(contents) == 50
    assert len(set(contents.values())) == 1
    assert _leftovers(tmp_path) == []


def test_kill_between_fallback_renames_is_repaired(tmp_path: Path) -> None:
    # The fallback (no atomic exchange) renames site/ aside first; a kill right then leaves no site/.
    retired = tmp_path / ".site-retired-abc"
    retired.mkdir()
    (retired / "index.html").write_text("old")
    (tmp_path / ".site-building-abc").mkdir()
    site_publish.tidy(tmp_path / "site")
    assert _contents(tmp_path / "site") == {"index.html": "old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_fallback_swap_without_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_publish, "_exchange", lambda a, b: False)
    site = _old_site(tmp_path)
    new = tmp_path / ".site-building-xyz"
    new.mkdir()
    (new / "index.html").write_text("new")
    site_publish.swap_in(new, site)
    assert _contents(site) == {"index.html": "new"}
    assert _leftovers(tmp_path) == []


def test_read_only_site_is_swapped_whole(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    for path in site.iterdir():
        path.chmod(0o444)
    site.chmod(0o555)
    assert _publisher(site, "new").wait(30) == 0
    assert _contents(site) == {f"{i}.html": "new" for i in range(20)}
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_parent_reports_and_keeps_the_old_site(tmp_path: Path) -> None:
    parent = tmp_path / "out"
    parent.mkdir()
    site = _old_site(parent)
    parent.chmod(0o555)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "engage.site_publish",
                "--site",
                str(site),
                "--",
                sys.executable,
                "-c",
                BUILDER,
                "new",
                "1",
                "0",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _contents(site) == {f"{i}.html": "old" for i in range(20)}
