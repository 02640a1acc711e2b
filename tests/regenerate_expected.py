"""The hostile-input corpus: how a case becomes a data folder, and how its expected output is made.

tests/example-files/negative/<case>/ holds bad files at their data-relative paths
(events/district-council/2026-12-10-x.yaml, eias/x.yaml, taxonomies/areas.yaml ...) and
expected.txt, the exact lines `engage validate` prints for them. A case is laid over a copy of
tests/example-data, replacing or adding files. tests/example-files/positive/<case>/ holds valid
variants that must validate clean.

Files too big or too odd to commit (an alias bomb, 2 MB, 10,000-deep nesting, invalid UTF-8, a
BOM) are made at run time by GENERATED below; their folders hold only expected.txt.

Run this file to rewrite every expected.txt from what `engage validate` prints now:

    .venv/bin/python tests/regenerate_expected.py

then read the diff line by line: each message must name the field, say what was expected and
what was found, and point at the right line. A poor message is an engine bug, not a new truth.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "example-files"
NEGATIVE = CORPUS / "negative"
POSITIVE = CORPUS / "positive"
EXAMPLE_DATA = ROOT / "tests" / "example-data"
EXPECTED = "expected.txt"

# The event every generated case breaks: valid as it stands.
EVENT_PATH = "events/district-council/2026-12-10-corpus-drop-in.yaml"
EVENT = b"""\
title: Town centre plan drop-in
summary: Drop in to see the draft town centre plan.
description: Officers will be there to answer questions.
organiser: district-council
method: drop-in
areas: [north-ward]
topics: [housing]
date: 2026-12-10
start_time: "14:00"
end_time: "16:00"
venue: town-hall
contact: engagement@example.gov.uk
"""


def _billion_laughs() -> bytes:
    # The classic: nine levels of ten aliases each would expand to 10^9 strings.
    lines = [b'lol0: &lol0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"lol{level}: &lol{level} [{refs}]".encode())
    return EVENT + b"\n".join(lines) + b"\n"


def _too_large() -> bytes:
    # 2 MB of description: refused before the YAML parser sees it.
    return EVENT.replace(
        b"description: Officers", b"description: " + b"Officers " * (2 * 1024 * 1024 // 9) + b"Officers"
    )


def _deep_flow() -> bytes:
    return EVENT.replace(b"areas: [north-ward]", b"areas: " + b"[" * 10_000 + b"north-ward" + b"]" * 10_000)


def _deep_block() -> bytes:
    # 40 levels of ordinary indented mappings, the way a runaway editor macro might write them.
    lines = [b"access:"] + [b"  " * (depth + 1) + f"level{depth}:".encode() for depth in range(40)]
    return EVENT + b"\n".join(lines) + b" yes\n"


def _invalid_utf8() -> bytes:
    # Saved as Latin-1 by an old editor: 'é' is the single byte 0xe9.
    return EVENT.replace(b"title: Town centre plan drop-in", b"title: Caf\xe9 consultation drop-in")


def _utf16() -> bytes:
    # Saved as 'Unicode' by Windows Notepad: UTF-16 with its byte-order mark.
    return EVENT.decode().encode("utf-16")


def _bom() -> bytes:
    return b"\xef\xbb\xbf" + EVENT


def _nul() -> bytes:
    return EVENT.replace(b"summary: Drop in", b"summary: Drop\x00 in")


def _too_many_values() -> bytes:
    return EVENT.replace(b"topics: [housing]", b"topics: [" + b"a," * 60_000 + b"a]")


def _long_title() -> bytes:
    return EVENT.replace(b"title: Town centre plan drop-in", b"title: " + b"Town " * 20_000)


GENERATED: dict[str, tuple[str, Callable[[], bytes]]] = {
    "generated-billion-laughs": (EVENT_PATH, _billion_laughs),
    "generated-too-large": (EVENT_PATH, _too_large),
    "generated-deep-flow-nesting": (EVENT_PATH, _deep_flow),
    "generated-deep-block-nesting": (EVENT_PATH, _deep_block),
    "generated-invalid-utf8": (EVENT_PATH, _invalid_utf8),
    "generated-utf16": (EVENT_PATH, _utf16),
    "generated-bom": (EVENT_PATH, _bom),
    "generated-nul-byte": (EVENT_PATH, _nul),
    "generated-too-many-values": (EVENT_PATH, _too_many_values),
    "generated-long-title": (EVENT_PATH, _long_title),
}
"""Cases made at run time: case name -> (data-relative path, the file's bytes)."""


def case_names(kind: Path) -> list[str]:
    return sorted(p.name for p in kind.iterdir() if p.is_dir())


def case_files(case: Path) -> dict[str, bytes]:
    """The files a case lays over the example data, by data-relative path."""
    files = {
        p.relative_to(case).as_posix(): p.read_bytes()
        for p in sorted(case.rglob("*"))
        if p.is_file() and p.name != EXPECTED
    }
    if case.name in GENERATED:
        rel, make = GENERATED[case.name]
        files[rel] = make()
    return files


def make_data(case: Path, parent: Path) -> Path:
    """A folder named `data` under `parent`: the example data with the case's files laid over it."""
    data = parent / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    for rel, content in case_files(case).items():
        target = data / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return data


def validate(data: Path, *options: str) -> tuple[int, str, str]:
    """Run `engage validate` in this process: (exit code, stdout, stderr)."""
    from engage.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *options, str(data)])
    return code, out.getvalue(), err.getvalue()


def regenerate(tmp: Path) -> list[str]:
    """Rewrite every negative case's expected.txt; returns the names whose text changed."""
    changed = []
    for name in case_names(NEGATIVE):
        case = NEGATIVE / name
        workdir = tmp / name
        workdir.mkdir()
        _, printed, _ = validate(make_data(case, workdir))
        expected = case / EXPECTED
        if not expected.exists() or expected.read_text(encoding="utf-8") != printed:
            expected.write_text(printed, encoding="utf-8")
            changed.append(name)
    return changed


def main() -> int:
    import tempfile

    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        changed = regenerate(Path(tmp))
    for name in changed:
        print(f"rewrote {(NEGATIVE / name / EXPECTED).relative_to(ROOT)}")
    print(f"{len(changed)} of {len(case_names(NEGATIVE))} expected files changed; review them before committing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
