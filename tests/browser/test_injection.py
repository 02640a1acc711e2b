"""Script injection through the data: every free-text and URL field, one build for the lot.

A payload the validator rightly rejects (javascript: in a URL, a line break in a one-line
field) must stop the build with a clear problem. Any other payload must come out as text:
visible as typed, no element or attribute of its own in the page, no script run in the
browser, and no property of its own in any calendar feed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest

from engage.portal import check_data

from ..conftest import DEMO_TODAY, EXAMPLE_DATA
from ..sitebuild import build_site
from .conftest import DESKTOP
from .findings import FINDINGS, TRAP, feeds, shape, unfolded
from .injection_corpus import ACCEPTED, MODELS, NOT_FREE_TEXT, REJECTED, Injected, apply_overlays, inject, string_fields
from .site_pages import discover

# Optional fields the example records leave out, filled so that every field of every model
# carries a payload. Plain values: with them alone the data builds (the clean build).
DOC = {"title": "Plain document", "url": "https://example.org/plain", "format": "PDF, 100 KB"}
UPDATE = {"date": "2026-03-01", "text": "Plain progress note."}
OVERLAYS: dict[str, Any] = {
    "events/district-council/2026-12-03-library-review.yaml": {
        "room": "Plain room",
        "cost": "Free",
        "url": "https://example.org/plain-event",
        "online": {
            "platform": "Plain platform",
            "url": "https://example.org/join",
            "instructions": "Plain instructions.",
        },
        "booking": {"required": True, "url": "https://example.org/book", "details": "Plain booking details."},
        "access": {
            "step_free": "yes",
            "hearing_loop": "yes",
            "bsl": "on-request",
            "adjustments_by": "2026-11-26",
            "notes": "Plain access notes.",
        },
        "documents": [DOC],
        "consultation": {
            "options": [
                {"title": "Keep current hours", "status": "Under consideration", "description": "Plain option."},
                {"title": "Close one branch", "status": "Rejected before consultation"},
            ],
            "documents": [DOC],
            "respond_url": "https://example.org/respond",
            "decision_due": {
                "maker": "Cabinet",
                "date": "2027-02-10",
                "url": "https://example.org/decision",
                "summary": "Plain summary.",
            },
        },
    },
    "eias/library-hours.yaml": {
        "evidence_documents": [DOC],
        "documents": [DOC],
        "engagement": {"events": ["2026-12-03-library-review"], "summary": "Plain engagement summary."},
        "justification": "Plain justification.",
        "actions": [
            {
                "id": "keep-mornings",
                "action": "Keep morning opening at the two busiest branches",
                "owner": "Head of Libraries",
                "due": "2026-09-30",
                "status": "on-track",
                "updates": [UPDATE],
                "risks": "Plain risks.",
                "next_steps": "Plain next steps.",
            }
        ],
        "decision": {
            "maker": "Cabinet",
            "date": "2026-02-10",
            "url": "https://example.org/decision",
            "summary": "Plain summary.",
        },
    },
    "feedback/housing-allocations.yaml": {
        "asked": {"question": "How should social housing be allocated?", "methods": ["survey"], "documents": [DOC]},
        "reach_gaps": "Plain reach gaps.",
        "decision": {
            "maker": "Cabinet",
            "date": "2026-01-20",
            "url": "https://example.org/decision",
            "summary": "Plain summary.",
        },
    },
    "commitments/listening.yaml": {
        "measures": [
            {
                "id": "on-time",
                "name": "Feedback published within 12 weeks",
                "unit": "%",
                "baseline": {"date": "2026-01-01", "value": 40, "note": "Plain note."},
                "target": {"date": "2027-12-31", "value": 100, "note": "Plain note."},
                "progress": [{"date": "2026-06-30", "value": 65, "note": "Plain note."}],
            }
        ],
        "updates": [UPDATE],
    },
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same records built twice: with plain values, and with a payload in every field."""
    root = tmp_path_factory.mktemp("injection")
    clean, dirty = root / "clean-data", root / "dirty-data"
    shutil.copytree(EXAMPLE_DATA, clean)
    apply_overlays(clean, OVERLAYS)
    shutil.copytree(clean, dirty)
    injected = inject(dirty, ACCEPTED)
    clean_build = build_site(clean, root / "clean-site", DEMO_TODAY)
    assert clean_build.returncode == 0, clean_build.output
    dirty_build = build_site(dirty, root / "dirty-site", DEMO_TODAY)
    assert dirty_build.returncode == 0, dirty_build.output
    return {"injected": injected, "clean": clean_build.site, "dirty": dirty_build.site}


def test_every_free_text_and_url_field_gets_a_payload(builds: dict[str, Any]) -> None:
    injected: list[Injected] = builds["injected"]
    for folder, model in MODELS.items():
        expected = set(string_fields(model)) - set(NOT_FREE_TEXT)
        covered = {i.schema_path for i in injected if i.file.startswith(f"{folder}/")}
        assert expected - covered == set(), f"{model.__name__} fields with no payload: add them to OVERLAYS"
    used = {i.payload.replace(i.marker, "{id}") for i in injected}
    for kind, payloads in ACCEPTED.items():
        assert {p.replace("{{", "{").replace("}}", "}") for p in payloads} - used == set(), f"unused {kind} payloads"


def test_payloads_render_as_text_and_run_no_script(
    builds: dict[str, Any], serve: Callable[[Path], str], browser: Any
) -> None:
    site: Path = builds["dirty"]
    injected: list[Injected] = builds["injected"]
    base = serve(site)
    with_markers = {url for url in discover(site).features if "PWN" in (site / _file(url)).read_text(encoding="utf-8")}
    pages = discover(site)
    to_visit = sorted(
        {url for kind in pages.by_type for url in pages.sample(kind, 4) if url in with_markers}
        | {
            url
            for url in with_markers
            if url.count("/") == 2 and url.split("/")[0] in {"events", "eia", "you-said-we-did", "commitments"}
        }
    )
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    context.add_init_script(TRAP)
    context.route("**/search/search_index.json", lambda route: route.abort())
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems: list[str] = []
    shown: set[str] = set()
    try:
        for url in to_visit:
            page.goto(f"{base}/{url}")
            found = page.evaluate(FINDINGS)
            problems += [f"/{url}: {finding}" for finding in found["findings"]]
            problems += [f"/{url}: a script ran: {call}" for call in found["calls"]]
            text = " ".join((found["text"] + " " + found["title"]).split())
            for item in injected:
                if item.kind == "line" and re.search(rf"\b{item.marker}\b", text):
                    shown.add(item.marker)
                    if " ".join(item.payload.split()) not in text:
                        problems.append(f"/{url}: {item.file} {item.field} is not shown as typed: {item.payload!r}")
    finally:
        context.close()
    assert dialogs == []
    assert not problems, "\n".join(problems)
    titles = {i.marker for i in injected if i.field == "title"}
    assert titles - shown == set(), "record titles never shown as text"


def test_no_feed_gains_a_property(builds: dict[str, Any]) -> None:
    clean_feeds = feeds(builds["clean"])
    dirty_feeds = feeds(builds["dirty"])
    assert clean_feeds, "the site publishes no calendar feed"
    assert set(dirty_feeds) == set(clean_feeds)
    injected_names = {f"X-PWN-{i.marker}" for i in builds["injected"]}
    for name, raw in sorted(dirty_feeds.items()):
        assert shape(raw) == shape(clean_feeds[name]), name
        starts = {line.split(":", 1)[0].split(";", 1)[0] for line in unfolded(raw)}
        assert starts & injected_names == set(), name
        assert starts <= {line.split(":", 1)[0].split(";", 1)[0] for line in unfolded(clean_feeds[name])}, name
    titles = {i.payload for i in builds["injected"] if i.field == "title" and i.file.startswith("events/")}
    summaries = {
        str(event["SUMMARY"])
        for raw in dirty_feeds.values()
        for event in icalendar.Calendar.from_ical(raw).walk("VEVENT")
    }
    assert titles & summaries, "no injected event title reached a feed intact"


def test_payloads_the_validator_rejects_stop_the_build(data_copy: Path, tmp_path: Path) -> None:
    injected = inject(data_copy, REJECTED)
    assert {i.kind for i in injected} == {"line", "url"}
    result = check_data(data_copy, date.fromisoformat(DEMO_TODAY))
    problems = {(p.file.split("/", 1)[1], p.field): p for p in result.problems}
    expected = {(i.file, i.field) for i in injected}
    assert expected - set(problems) == set(), "rejected payloads let through"
    for key in expected:
        message = problems[key].message
        assert "single line" in message or "web address" in message, problems[key].as_text()
    build = build_site(data_copy, tmp_path / "site", DEMO_TODAY)
    assert build.returncode != 0
    assert "nothing was published" in build.output
    assert not (tmp_path / "site" / "index.html").exists()


def _file(url: str) -> str:
    return url if url.endswith(".html") else f"{url}index.html"
