"""The size of every calendar feed for a data folder: subscribable feeds must stay under 1 MB.

    .venv/bin/python benchmarks/generate.py 10000 /tmp/bench-10000
    ENGAGE_TODAY=2026-11-22 .venv/bin/python benchmarks/feed_sizes.py /tmp/bench-10000

Prints the largest subscribable feeds, the archive and the time taken, and exits 1 if a
subscribable feed (anything under feeds/) is 1 MB (1,000,000 bytes) or more: Google
Calendar is reported to drop events from subscribed feeds over about 1 MB.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from engage import urls
from engage.feeds import publish
from engage.portal import check_data
from engage.today import resolve_today

LIMIT = 1_000_000


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    started = time.perf_counter()
    result = check_data(root)
    if result.portal is None or result.problems:
        print(f"{root}: the data does not validate", file=sys.stderr)
        return 2
    portal = result.portal
    checked = time.perf_counter()
    files = publish.files(portal)
    built = time.perf_counter()
    feeds = {f.path: len(f.content) for f in files if f.path.startswith("feeds/")}
    archive = next(len(f.content) for f in files if f.path == urls.ARCHIVE_FEED)
    largest = sorted(feeds.items(), key=lambda item: (-item[1], item[0]))[:5]
    print(
        f"{len(portal.events):,} events, today {resolve_today(portal.settings.timezone)}: {len(feeds)} subscribable feeds"
    )
    horizons = {spec.path: spec.horizon for spec in publish.built(portal)[1]}
    cut = sum(1 for h in horizons.values() if h is not None)
    for path in (urls.ALL_FEED, urls.CONSULTATIONS_FEED, urls.REVIEWS_FEED):
        reach = f", dates up to {horizons[path]} (size limit)" if horizons[path] else ", every current item"
        print(f"  {path}: {feeds[path]:,} bytes{reach}")
    print(f"  {cut} of {len(feeds)} subscribable feeds reach the size limit and stop at a whole date")
    print("  largest:")
    for path, size in largest:
        print(f"  {path}: {size:,} bytes")
    print(f"  {urls.ARCHIVE_FEED} (download, not subscribable): {archive:,} bytes")
    print(f"checked in {checked - started:.1f} s, feeds built in {built - checked:.1f} s")
    over = [path for path, size in feeds.items() if size >= LIMIT]
    for path in over:
        print(f"{path} is {feeds[path]:,} bytes, over the 1 MB limit", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
