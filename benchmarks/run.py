"""The benchmark behind `make bench`: build synthetic data at 2,000 and 10,000 events.

For each size it generates data (benchmarks/generate.py) into benchmarks/work/, times `engage
validate`, builds the site as `make build` does and measures it, then builds a plain MkDocs
project with the same theme and the same number of pages (all out of the nav, as Engage's record
pages are): the floor any MkDocs site pays for that many pages. It prints one Markdown table.

    .venv/bin/python benchmarks/run.py                       # 2,000 and 10,000 events
    .venv/bin/python benchmarks/run.py --sizes 1000,5000
    .venv/bin/python benchmarks/run.py --results benchmarks/RESULTS.md   # also write the results file
    .venv/bin/python benchmarks/run.py --repeat 5                          # more pairs of runs

The build and the floor run in alternating pairs (three by default) and each figure is the
median, so a burst of load on a shared machine falls on both and moves the ratio little.
Written data is flushed to disk before every timed command, so that no command pays for the
previous one's writing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
BIN = Path(sys.executable).parent
TODAY = "2026-11-22"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

from engage.pages.search_page import INDEX_PATH  # noqa: E402  (generate puts the project on the path)

MB = 1024 * 1024
TARGETS = {
    "floor_ratio": 1.0,
    "peak_rss_mb": 1024,
    "largest_page_kb": 200,
    "search_index_mb": 10,
    "validate_s": 10.0,
}
"""The targets at every size measured; a miss is reported, never loosened."""


@dataclass
class Run:
    """What one measured command took."""

    seconds: float
    cpu_seconds: float
    """User plus system time: what the work cost, whatever else the machine was doing."""
    peak_rss_kb: int
    returncode: int
    output: str


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    """Run `command`, timing it; wait4 gives the peak RSS of that child and its descendants."""
    os.sync()  # the last command's (or the generator's) writing is not this one's to pay for
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, output)


def mkdocs_build(site: Path, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    run = measure(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        {"NO_MKDOCS_2_WARNING": "1", **(env or {})},
        cwd,
    )
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {cwd}:\n{run.output[-3000:]}")
    return run


@dataclass
class SiteFigures:
    pages: int
    html_bytes: int
    largest_page: tuple[int, str]
    search_index_bytes: int
    all_feed_bytes: int
    ics_bytes: int


def site_figures(site: Path) -> SiteFigures:
    pages = list(site.rglob("index.html"))
    html = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    search = site / INDEX_PATH  # the site's own index, which the search page loads
    feed = site / "feeds" / "all.ics"
    return SiteFigures(
        pages=len(pages),
        html_bytes=sum(size for size, _ in html),
        largest_page=max(html),
        search_index_bytes=search.stat().st_size if search.exists() else 0,
        all_feed_bytes=feed.stat().st_size if feed.exists() else 0,
        ics_bytes=sum(p.stat().st_size for p in site.rglob("*.ics")),
    )


PLAIN_PAGE = """# Record {n}

A plain page with a heading, a few paragraphs and a list, about the size of a generated
record page's own text. It stands in for one record so that the floor build has exactly as
many pages as the Engage build it is compared with.

- First point about record {n}
- Second point, with a [link to the home page](../index.md)
- Third point

Paragraph two says a little more, so that the search plugin and the Markdown renderer have
some real text to work through on every page, as they would on a real site.
"""


def floor_project(target: Path, pages: int) -> Path:
    """A plain MkDocs project: Engage's theme settings, `pages` Markdown pages, all but the home page out of the nav."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    (docs / "records").mkdir(parents=True)
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    config = {
        "site_name": "Plain MkDocs floor",
        "site_url": "https://floor.example.org/",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": ours.get("plugins", ["search"]),
        "nav": [{"Home": "index.md"}],
        "not_in_nav": "/records/",
    }
    (target / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nThe floor project.\n", encoding="utf-8")
    for n in range(1, pages):
        (docs / "records" / f"record-{n:05d}.md").write_text(PLAIN_PAGE.format(n=n), encoding="utf-8")
    return target


@dataclass
class Row:
    events: int
    counts: dict[str, int]
    validate: Run
    build: Run
    figures: SiteFigures
    floor: Run

    @property
    def ratio(self) -> float:
        return self.build.seconds / self.floor.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.build.cpu_seconds / self.floor.cpu_seconds

    @property
    def per_thousand(self) -> float:
        return self.build.seconds / (self.events / 1000)


def median_run(runs: list[Run]) -> Run:
    """The median wall time and the median CPU time of several runs, and the highest peak memory."""
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        max(r.peak_rss_kb for r in runs),
        max(r.returncode for r in runs),
        runs[-1].output,
    )


def bench(events: int, keep: bool, repeat: int = 3) -> Row:
    folder = WORK / f"n{events}"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"[{events:,} events] generating data...", file=sys.stderr, flush=True)
    counts = generate(folder / "data", events)
    print(f"[{events:,} events] validating...", file=sys.stderr, flush=True)
    validate = measure([str(BIN / "engage"), "validate", str(folder / "data")])
    if validate.returncode != 0:
        raise SystemExit(f"generated data does not validate:\n{validate.output[-3000:]}")
    site = folder / "site"
    env = {"ENGAGE_DATA": str(folder / "data"), "ENGAGE_TODAY": TODAY}
    builds: list[Run] = []
    floors: list[Run] = []
    project: Path | None = None
    for n in range(1, repeat + 1):
        print(f"[{events:,} events] building the site ({n} of {repeat})...", file=sys.stderr, flush=True)
        shutil.rmtree(site, ignore_errors=True)
        builds.append(mkdocs_build(site, env))
        if project is None:
            figures = site_figures(site)
            project = floor_project(folder / "floor", figures.pages)
        print(
            f"[{events:,} events] building the plain MkDocs floor ({figures.pages:,} pages, {n} of {repeat})...",
            file=sys.stderr,
            flush=True,
        )
        shutil.rmtree(project / "site", ignore_errors=True)
        floors.append(mkdocs_build(project / "site", cwd=project))
    assert project is not None
    build, floor = median_run(builds), median_run(floors)
    if not keep:
        for path in (site, project, folder / "data"):
            shutil.rmtree(path, ignore_errors=True)
    return Row(events, counts, validate, build, figures, floor)


def size(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n / 1024:,.0f} KB"


def table(rows: list[Row]) -> str:
    head = [
        "Events",
        "EIAs / feedback / commitments",
        "Build (wall)",
        "Build (CPU)",
        "Peak memory",
        "Pages",
        "Total HTML",
        "Largest page",
        "Search index (`search/index.json`)",
        "all.ics",
        "All .ics",
        "Validate (wall)",
        "Validate (CPU)",
        "Floor (wall)",
        "Floor (CPU)",
        "Build / floor (wall, CPU)",
        "Build per 1,000 events",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        f = r.figures
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{r.events:,}",
                    f"{r.counts['eias']:,} / {r.counts['feedback']:,} / {r.counts['commitments']:,}",
                    f"{r.build.seconds:,.1f} s",
                    f"{r.build.cpu_seconds:,.1f} s",
                    f"{r.build.peak_rss_kb / 1024:,.0f} MB",
                    f"{f.pages:,}",
                    size(f.html_bytes),
                    f"{size(f.largest_page[0])} (`{f.largest_page[1]}`)",
                    size(f.search_index_bytes),
                    size(f.all_feed_bytes),
                    size(f.ics_bytes),
                    f"{r.validate.seconds:,.1f} s",
                    f"{r.validate.cpu_seconds:,.1f} s",
                    f"{r.floor.seconds:,.1f} s",
                    f"{r.floor.cpu_seconds:,.1f} s",
                    f"{r.ratio:.2f}x, {r.cpu_ratio:.2f}x",
                    f"{r.per_thousand:,.1f} s",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """Each target at the largest size measured, met or missed and by how much."""
    big = max(rows, key=lambda r: r.events)
    small = min(rows, key=lambda r: r.events)
    out = []
    for row in rows:
        # The first check holds at every size, not only the largest.
        ratio, limit = row.ratio, TARGETS["floor_ratio"]
        state = "met" if ratio <= limit else f"MISSED ({ratio / limit:.2f}x the target)"
        out.append(
            f"- At {row.events:,} events, build within {limit:.0f}x the plain-MkDocs floor (wall, medians): "
            f"{ratio:.2f}x, {state}."
        )
    checks = [
        (
            f"peak memory under {TARGETS['peak_rss_mb'] / 1024:.1f} GB",
            big.build.peak_rss_kb / 1024,
            TARGETS["peak_rss_mb"],
            " MB",
        ),
        (
            f"no page over {TARGETS['largest_page_kb']} KB",
            big.figures.largest_page[0] / 1024,
            TARGETS["largest_page_kb"],
            " KB",
        ),
        (
            f"search index under {TARGETS['search_index_mb']} MB",
            big.figures.search_index_bytes / MB,
            TARGETS["search_index_mb"],
            " MB",
        ),
        (f"validate under {TARGETS['validate_s']:.0f} s", big.validate.seconds, TARGETS["validate_s"], " s"),
    ]
    for label, value, limit, unit in checks:
        state = "met" if value <= limit else f"MISSED by {value - limit:,.2f}{unit} ({value / limit:.2f}x the target)"
        out.append(f"- At {big.events:,} events, {label}: {value:,.2f}{unit}, {state}.")
    if big is not small:
        growth = big.per_thousand / small.per_thousand
        state = "met" if growth <= 1.0 else f"MISSED: {growth:.2f}x the time per 1,000 events"
        out.append(
            f"- Time per 1,000 events from {small.events:,} to {big.events:,} events: {small.per_thousand:,.1f} s to "
            f"{big.per_thousand:,.1f} s (x{growth:.2f}); growing no faster than linearly: {state}."
        )
    return out


def machine() -> list[str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kb / 1024 / 1024:.1f} GB"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (nproc)",
        f"- Memory: {memory}",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- Load average when the run started: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build synthetic data at several sizes and print the figures.")
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated event counts (default: 2000,10000)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data and sites under benchmarks/work/")
    parser.add_argument(
        "--repeat", type=int, default=3, help="pairs of build and floor runs; figures are medians (default: 3)"
    )
    parser.add_argument(
        "--results", type=Path, help="also write the table, the verdicts and the machine to this Markdown file"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",") if s.strip())
    about_machine = machine()
    rows = [bench(n, args.keep, max(1, args.repeat)) for n in sizes]
    text = "\n".join([table(rows), "", *verdicts(rows)])
    print(text)
    if args.results:
        args.results.write_text(
            "\n".join(
                [
                    "# Benchmark results",
                    "",
                    f"`make bench` (benchmarks/run.py) on {date.today().isoformat()}, ENGAGE_TODAY={TODAY}.",
                    "Synthetic data from benchmarks/generate.py (seed 1) with the taxonomies and settings of data/.",
                    "Build is `mkdocs build --strict` as `make build` runs it (record pages generated, drawn and written by",
                    "forked workers); peak memory is the largest resident size of the build process or any one of its workers;",
                    "CPU is user plus system time of the build and its workers together; the floor is a plain MkDocs project",
                    "with the same theme and plugins and as many plain Markdown pages, all but the home page out of the nav,",
                    "built in the same run. The search index is the site's own (`search/index.json`).",
                    f"Build and floor ran in {args.repeat} alternating pairs; times are medians, peak memory the highest;",
                    "written data was flushed to disk before each timed command.",
                    "",
                    "## Machine",
                    "",
                    *about_machine,
                    "",
                    "## Figures",
                    "",
                    text,
                    "",
                ]
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
