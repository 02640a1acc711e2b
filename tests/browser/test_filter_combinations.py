"""Combined filters tell the truth: in a real browser, two filters on a listing show the same events
and count as a computation made here, independently, over the published events.json.

The independent rule (written here from the published records, not the engine): an event is
upcoming when its last day (or its repeat rule's last day) is today or later, or its consultation
is open today; filters match any ticked value within a kind and every kind; an access filter
holds events where the arrangement is there or on request, and an online-only event has no
building's facts.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from engage.portal import Portal

from .axe import describe, quieten, violations
from .conftest import PHONE, VIEWPORTS

PHYSICAL = {"step_free", "accessible_toilet", "hearing_loop", "quiet_space", "childcare", "travel_costs"}
ONLINE = ("captions", "bsl_on_screen", "dial_in", "recording")
FREE = {"free", "free of charge", "no charge", "£0"}


def records(site: Path, name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads((site / "open-data" / f"{name}.json").read_text("utf-8"))["records"]
    return found


def upcoming(record: dict[str, Any], today: date) -> bool:
    last = record["end_date"] or record["date"]
    if record["recurrence"]:
        last = max([record["recurrence"]["until"]] + [m["date"] for m in record["recurrence"]["moved"]])
    c = record["consultation"]
    open_now = (
        bool(c)
        and record["status"] not in ("cancelled", "postponed")
        and c["opens"] <= today.isoformat() <= c["closes"]
    )
    return last >= today.isoformat() or open_now


def values(record: dict[str, Any], levels: dict[str, str]) -> dict[str, set[str]]:
    offered = {"yes", "on-request"}
    access = {
        k for k, v in record["access"].items() if v in offered and not (record["venue"] is None and k in PHYSICAL)
    }
    if record["online"]:
        access |= {k for k in ONLINE if record["online"].get(k) in offered}
    attendance = "hybrid" if record["online"] and record["venue"] else "online" if record["online"] else "in-person"
    return {
        "area": set(record["areas"]),
        "topic": set(record["topics"]),
        "group": set(record["groups"]),
        "organiser": {record["organiser"]},
        "type": {record["method"]},
        "level": {levels[record["method"]]},
        "attendance": {attendance},
        "cost": {"free" if record["cost"].strip().lower() in FREE else "paid"},
        "access": {k.replace("_", "-") for k in access},
    }


def expected(site: Path, today: date, chosen: list[tuple[str, str]]) -> set[str]:
    levels = {m["id"]: m["level"] for m in records(site, "methods")}
    wanted: dict[str, set[str]] = {}
    for facet, value in chosen:
        wanted.setdefault(facet, set()).add(value)
    out = set()
    for record in records(site, "events"):
        if not upcoming(record, today):
            continue
        have = values(record, levels)
        if all(have[facet] & want for facet, want in wanted.items()):
            out.add(record["id"])
    return out


def shown(page: Any, base_url: str, chosen: list[tuple[str, str]]) -> tuple[set[str], str, str]:
    """The event ids listed on every page of the combination, the count line and the heading."""
    ids: set[str] = set()
    number = 1
    while True:
        query = urlencode(chosen + ([("page", str(number))] if number > 1 else []))
        page.goto(f"{base_url}/events/?{query}")
        page.wait_for_selector("[data-engage-results][data-engage-filtered]")
        hrefs = page.eval_on_selector_all(
            "[data-engage-results] .engage-event__title a", "els => els.map(a => a.pathname)"
        )
        ids |= {h.strip("/").split("/")[1] for h in hrefs}
        if number == 1:
            count = " ".join(page.locator("[data-engage-count]").inner_text().split())
            heading = " ".join(page.locator("h1").first.inner_text().split())
            title = page.title()
            assert title.startswith(heading), (title, heading)
        if not page.locator("[data-engage-results] a[rel=next]").count():
            return ids, count, heading
        number += 1


def pairs(site: Path, today: date) -> list[list[tuple[str, str]]]:
    """Two filters: for every two kinds of filter (and within each kind), their two busiest values."""
    levels = {m["id"]: m["level"] for m in records(site, "methods")}
    tally: dict[str, dict[str, int]] = {}
    for record in records(site, "events"):
        if upcoming(record, today):
            for facet, have in values(record, levels).items():
                for value in have:
                    tally.setdefault(facet, {}).setdefault(value, 0)
                    tally[facet][value] += 1
    busiest = {f: [v for v, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:2]] for f, c in tally.items()}
    out = []
    for a, b in itertools.combinations(sorted(busiest), 2):
        out.append([(a, busiest[a][0]), (b, busiest[b][-1])])
    for facet, top in sorted(busiest.items()):
        if len(top) == 2:
            out.append([(facet, top[0]), (facet, top[1])])
    return out


@pytest.mark.slow
def test_every_two_filter_combination_matches_events_json(
    site: Path, portal: Portal, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(PHONE)
    checked = 0
    for chosen in pairs(site, portal.today):
        want = expected(site, portal.today, chosen)
        ids, count, heading = shown(page, base_url, chosen)
        assert ids == want, chosen
        if want:
            assert re.match(rf"^{len(want)} events? match", count), (chosen, count)
        else:
            assert count.startswith("No upcoming events match"), (chosen, count)
        for facet, value in chosen:
            name = page.locator(f"input[name={facet}][value='{value}']").get_attribute("data-name")
            assert name and name in heading, (chosen, heading)
        checked += 1
    assert checked >= 30


def test_a_combination_names_its_filters_as_removable_tags(
    site: Path, portal: Portal, base_url: str, new_page: Callable[..., Any]
) -> None:
    chosen = pairs(site, portal.today)[0]
    page = new_page()
    shown(page, base_url, chosen)
    tags = page.locator("[data-engage-filter-tags] a")
    assert tags.count() == 2
    first = tags.first
    removed = first.inner_text()
    assert removed.startswith("Remove filter")
    names = {(f, v): page.locator(f"input[name={f}][value='{v}']").get_attribute("data-name") for f, v in chosen}
    kept = [fv for fv, name in names.items() if f": {name} " not in removed + " "]
    assert len(kept) == 1, (removed, names)
    first.click()
    # Removing one of two leaves the other's own static page.
    page.wait_for_load_state()
    assert page.url.endswith(f"/events/{kept[0][0]}/{kept[0][1]}/")


def test_the_pager_marks_gaps_with_an_ellipsis(site: Path, base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page()
    page.goto(f"{base_url}/events/")
    numbers = page.locator(".engage-pager li").all_inner_texts()
    pages_total = len(list((site / "events" / "page").iterdir())) + 1
    if pages_total > 4:
        assert "⋯" in numbers, numbers
    assert f"Page {pages_total}" in numbers


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_combination_with_its_panel_open_passes_axe(
    site: Path, portal: Portal, base_url: str, new_page: Callable[..., Any], width: str
) -> None:
    page = new_page(VIEWPORTS[width])
    quieten(page)
    chosen = pairs(site, portal.today)[0]
    shown(page, base_url, chosen)
    page.locator("summary", has_text="Choose and combine filters").click()
    page.locator("details.engage-filter-group summary").first.click()
    found = violations(page)
    assert found == [], describe(found)
