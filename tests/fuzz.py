"""A seeded mutation fuzzer over the demo data: whatever a partner's pull request holds,
`engage validate` answers exit 0 or 1 with one line per problem, never a traceback, within
seconds, and what validates also builds (the whole site is generated in memory).

Each case copies nothing: one file of a working copy of data/ is mutated, validated, restored.
A failing case prints its seed and number, so `python -m tests.fuzz --seed S --case N` replays it.

    .venv/bin/python -m tests.fuzz --seconds 600          # make fuzz
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engage.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data"
CASE_SECONDS = 5.0
"""The most CPU time one validation may take, whatever the file holds."""
MAX_MEGABYTES = 500
"""The most memory the validating process may reach (its peak, so one bad case stays visible)."""

PAYLOADS: list[str] = [
    "9999-12-31",
    "0001-01-01",
    "2099-12-31",
    "1" * 5000,
    "1000000000000",
    "-1",
    "1e308",
    "-1e308",
    "1e400",
    ".nan",
    ".inf",
    "0x1F",
    "0o17",
    "18:30",
    "24:00",
    "no",
    "yes",
    "null",
    "~",
    "[]",
    "{}",
    "''",
    '""',
    '"&#x1b;[31mred"',
    '"&#xfffe;"',
    '"\\uFFFE"',
    '"\\u202Eevil"',
    '"\\x00"',
    '"\\x1b"',
    '"a\\u0085b"',
    '"=HYPERLINK(\\"http://x\\")"',
    '"+1+1"',
    '"-2+3"',
    '"@SUM(A1)"',
    '"\\tcmd"',
    '"' + "[" * 20000 + '"',
    '"' + "1. " * 3000 + '"',
    '"' + "> " * 5000 + '"',
    '"' + "*a " * 3000 + '"',
    '"`</code><script>alert(1)</script>`"',
    '"<img src=x onerror=alert(1)>"',
    '"javascript:alert(1)"',
    '"https://example.com/a%00b"',
    '"https://example.com/\\u202e"',
    '"http://x"',
    "https://",
    '"jo.bloggs&#64;gmail.com"',
    '"jo\\u200b@gmail.com"',
    '"07700 900123"',
    '"ab 12 34 56 c"',
    "con",
    "nul",
    "com1",
    "Fernside",
    "fernside",
    "north-ward",
    "topics[0]",
    '"' + "x" * 30000 + '"',
    "[" + ", ".join(["fernside"] * 10000) + "]",
    "[a, a]",
    "{a: 1}",
    "&anchor x",
    "*alias",
    "!!python/object:os.system",
    "|\n  multi\n  line",
    ">-\n  folded",
    "'unclosed",
    '"unclosed',
    "\\",
    "\t",
    "- - - -",
    ": : :",
]
LINE_VALUE = re.compile(r"^(?P<key>\s*(?:- )?[A-Za-z_][\w.\[\]-]*: ?)(?P<value>.*)$")


@dataclass(frozen=True)
class Case:
    seed: int
    number: int
    file: str
    mutation: str


def _replace_value(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if LINE_VALUE.match(line)]
    if not candidates:
        return text + "\nx: 1\n", "append a key"
    i = rng.choice(candidates)
    match = LINE_VALUE.match(lines[i])
    assert match is not None
    payload = rng.choice(PAYLOADS)
    lines[i] = match["key"] + (" " if not match["key"].endswith(" ") else "") + payload
    return "\n".join(lines), f"line {i + 1} value -> {payload[:40]!r}"


def _line_edit(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    kind = rng.choice(["duplicate", "delete", "indent", "dedent", "swap", "key"])
    if kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "delete":
        del lines[i]
    elif kind == "indent":
        lines[i] = "  " + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i].lstrip()
    elif kind == "swap" and len(lines) > 1:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines.insert(
            i,
            rng.choice(
                [
                    "topics[0]: x",
                    "id: con",
                    "sequence: 99999999999",
                    "x" * 300 + ": y",
                    "? complex",
                    "--- ",
                    "...",
                    "%YAML 1.1",
                ]
            ),
        )
    return "\n".join(lines), f"line {i + 1} {kind}"


def _byte_edit(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    kind = rng.choice(["truncate", "insert", "flip", "bom", "nul"])
    at = rng.randrange(len(raw) + 1)
    if kind == "truncate":
        return raw[:at], f"truncate at {at}"
    if kind == "insert":
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        return raw[:at] + junk + raw[at:], f"insert {junk!r} at {at}"
    if kind == "flip" and raw:
        at = min(at, len(raw) - 1)
        return raw[:at] + bytes([raw[at] ^ (1 << rng.randrange(8))]) + raw[at + 1 :], f"flip a bit at {at}"
    if kind == "bom":
        return b"\xef\xbb\xbf" + raw, "byte-order mark"
    return raw[:at] + b"\x00" + raw[at:], f"NUL at {at}"


MUTATORS: list[Callable[[random.Random, bytes], tuple[bytes, str]]] = [
    lambda rng, raw: (lambda r: (r[0].encode("utf-8", "surrogatepass"), r[1]))(
        _replace_value(rng, raw.decode("utf-8", "replace"))
    ),
    lambda rng, raw: (lambda r: (r[0].encode("utf-8", "surrogatepass"), r[1]))(
        _line_edit(rng, raw.decode("utf-8", "replace"))
    ),
    _byte_edit,
]


def run_case(data: Path, files: list[Path], seed: int, number: int) -> tuple[Case, str | None]:
    """Mutate one file, validate, restore it; the failure in words, or None."""
    rng = random.Random(f"{seed}:{number}")
    path = rng.choice(files)
    original = path.read_bytes()
    weights = [5, 3, 2]
    mutator = rng.choices(MUTATORS, weights)[0]
    mutated, what = mutator(rng, original)
    case = Case(seed, number, path.relative_to(data.parent).as_posix(), what)
    path.write_bytes(mutated)
    out, err = io.StringIO(), io.StringIO()
    # CPU time, not wall time: the machine may be shared, and the budget is about the work done.
    started = time.process_time()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(data)])
    except BaseException as exc:  # the fuzzer's whole point is to catch anything that escapes
        return case, f"raised {type(exc).__name__}: {exc}"
    finally:
        path.write_bytes(original)
    elapsed = time.process_time() - started
    lines = out.getvalue().splitlines()
    if code not in (0, 1):
        return case, f"exit {code}: {err.getvalue()[:300]}"
    if "Traceback" in out.getvalue() + err.getvalue():
        return case, "printed a traceback"
    if code == 1 and not any(": error[" in line for line in lines):
        return case, "exit 1 with no problem printed"
    # Warnings (a possible clash between partners' events) share the error lines' form.
    bad = [line for line in lines if not re.match(r"^[^\n]+:\d+:\d+: (error|warning)\[[a-z-]+\]: ", line)]
    if bad:
        return case, f"a line not in file:line:col form: {bad[0][:200]!r}"
    if any("error[build-failed]" in line for line in lines):
        return case, f"validated but would not build: {lines[0][:300]}"
    if elapsed > CASE_SECONDS:
        return case, f"took {elapsed:.1f} s of CPU"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if peak_mb > MAX_MEGABYTES:
        return case, f"the process grew to {peak_mb:.0f} MB"
    return case, None


def fuzz(
    seconds: float, seed: int, only: int | None = None, log: Callable[[str], None] = print
) -> list[tuple[Case, str]]:
    """Run cases until `seconds` have passed (or just case `only`); the failures."""
    failures: list[tuple[Case, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DEMO, data)
        files = sorted(p for p in data.rglob("*.yaml"))
        deadline = time.monotonic() + seconds
        number = only if only is not None else 0
        ran = 0
        while True:
            case, failure = run_case(data, files, seed, number)
            ran += 1
            if failure:
                failures.append((case, failure))
                log(f"FAIL seed={seed} case={number} {case.file} [{case.mutation}]: {failure}")
            if only is not None or time.monotonic() > deadline:
                break
            number += 1
        log(f"fuzz: {ran} cases, seed {seed}, {len(failures)} failures")
    return failures


def main_fuzz(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description="Seeded mutation fuzzing of the demo data."
    )
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--case", type=int, default=None, help="replay one case")
    args = parser.parse_args(argv)
    return 1 if fuzz(args.seconds, args.seed, args.case) else 0


if __name__ == "__main__":
    sys.exit(main_fuzz())
