"""Where a build's time goes, in one process: CPU seconds per phase of the engine's work.

Checks the data, generates each page and file family, draws every page (by template) and
writes everything into a scratch folder, timing each with the process's CPU clock, so the
figures hold on a busy machine. MkDocs' own part of `make build` is left out (it is the same
for the plain-MkDocs floor). A build forks workers for the families; this runs them one after
another to show each one's cost.

    .venv/bin/python benchmarks/phases.py benchmarks/work/n2000/data
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ENGAGE_TODAY", "2026-11-22")

from engage import render, site_writer, urls  # noqa: E402  (the engine is importable once ROOT is on the path)
from engage.pages import FILE_FAMILIES, PAGE_FAMILIES  # noqa: E402
from engage.portal import check_data  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="a data folder (benchmarks/generate.py makes one)")
    args = parser.parse_args()
    clock = time.process_time
    site_writer.quiet_collector()
    start = clock()
    result = check_data(args.data)
    print(f"check the data: {clock() - start:.2f} s")
    if result.portal is None:
        print("the data has errors; nothing to build")
        return 1
    portal = result.portal
    env = render.environment()
    env.auto_reload = False
    written: list[tuple[str, bytes]] = []
    drawing: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for family in PAGE_FAMILIES:
        start = clock()
        pages = family(portal)
        made = clock() - start
        start = clock()
        for page in pages:
            begun = clock()
            html = render.render_page(env, page, portal.settings)
            drawing[page.template][0] += 1
            drawing[page.template][1] += clock() - begun
            written.append((urls.output_path(page.url), html))
        print(f"pages {family.__module__}: {len(pages):,} made in {made:.2f} s, drawn in {clock() - start:.2f} s")
    for file_family in FILE_FAMILIES:
        start = clock()
        outputs = file_family(portal)
        size = sum(len(output.content) for output in outputs) / 1024 / 1024
        print(f"files {file_family.__module__}: {len(outputs):,} ({size:,.1f} MB) in {clock() - start:.2f} s")
        written += [(output.path, output.content) for output in outputs]
    print("drawing by template (pages, seconds):")
    for template, (count, seconds) in sorted(drawing.items(), key=lambda item: -item[1][1])[:10]:
        print(f"  {template}: {count:,} in {seconds:.2f} s")
    with tempfile.TemporaryDirectory() as scratch:
        start = clock()
        for path, content in written:
            site_writer._write(Path(scratch), path, content)
        print(f"write {len(written):,} files: {clock() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
