"""`mkdocs serve` shows a data error in the preview instead of dying, and recovers when it is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .sitebuild import MKDOCS, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode()
            if needle in body:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}; last body: {body[:500]}")


@pytest.mark.slow
def test_preview_shows_problems_then_recovers(data_copy: Path) -> None:
    event = data_copy / "events/district-council/2026-12-03-library-review.yaml"
    event.write_text(event.read_text().replace("venue: town-hall", "venu: town-hall"))
    port = _free_port()
    env = {**os.environ, "ENGAGE_DATA": str(data_copy), "ENGAGE_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        home = _wait_for(f"http://127.0.0.1:{port}/", "unknown-field")
        assert (
            "2026-12-03-library-review.yaml:13:1: error[unknown-field]: venu: unknown field &#39;venu&#39;; did you mean &#39;venue&#39;?"
            in home
            or ("did you mean" in home and "2026-12-03-library-review.yaml:13:1" in home)
        )
        event.write_text(event.read_text().replace("venu: town-hall", "venue: town-hall"))
        _wait_for(f"http://127.0.0.1:{port}/events/", "Library service review consultation")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Traceback" not in output
