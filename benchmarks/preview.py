"""How long the preview takes to show a saved event file, at a given number of events.

Starts `mkdocs serve --dirty` (as `make serve` does) on synthetic data, waits for the first
build, then edits one event's title and times until the event page served by the preview shows
it; three edits, each timed. CPU time of the server during each rebuild is printed beside the
wall time, because on a shared machine the wall time mostly measures the other processes.

    .venv/bin/python benchmarks/preview.py --events 2000
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-22"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def wait_for(url: str, needle: str, limit: float = 600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{needle!r} never appeared at {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    data = HERE / "work" / f"preview{args.events}" / "data"
    if not data.exists():
        generate(data, args.events)
    events = sorted(data.glob("events/*/*.yaml"))
    target = events[len(events) // 2]
    original = target.read_text(encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # As `make serve` runs it: no bytecode files written into the watched folders.
    env = {
        **os.environ,
        "ENGAGE_DATA": str(data),
        "ENGAGE_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/events/{target.stem}/"
    try:
        first = wait_for(page, "<h1>")
        print(f"{args.events:,} events: first build served after {first:.1f} s")
        time.sleep(2)
        for n in range(1, args.edits + 1):
            marker = f"Preview check {n}"
            before = cpu_seconds(server.pid)
            target.write_text(original.replace('title: "', f'title: "{marker}: ', 1), encoding="utf-8")
            seconds = wait_for(page, marker)
            print(
                f"edit {n}: the change was served after {seconds:.2f} s (server CPU {cpu_seconds(server.pid) - before:.2f} s)"
            )
            time.sleep(2)
    finally:
        target.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
