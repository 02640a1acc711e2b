"""Conservation: every record in the data shows up where it should on the built site, exactly once.

Each event has its own page, sits in the upcoming listing or the past archive once per date it
happens on (and in the right one of the two), is one master VEVENT in the whole-calendar feed
(unless it is a cancelled event past its keeping time), and is one row of the open data. EIAs,
feedback, commitments and evaluations each have their page, one entry in their index and one
open-data row; each assessed criterion is one section of its module's self-assessment page.
Both the example and the demo site are checked.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from engage.models.event import EventStatus
from engage.portal import Portal

UPCOMING = re.compile(r"^events/(?:page/\d+/)?index\.html$")
PAST = re.compile(r"^events/past/\d{4}/(?:page/\d+/)?index\.html$")
EVENT_PAGE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")


@dataclass(frozen=True)
class Built:
    site: Path
    portal: Portal


@pytest.fixture(scope="module", params=["example", "demo"])
def built(request: pytest.FixtureRequest) -> Built:
    return Built(request.getfixturevalue(f"{request.param}_site"), request.getfixturevalue(f"{request.param}_portal"))


@dataclass(frozen=True)
class Element:
    tag: str
    classes: frozenset[str]
    serial: int
    """Order of the element in the page, so that sibling elements are told apart."""


@dataclass(frozen=True)
class Link:
    """A link in a page's main content: where it goes and the elements around it."""

    target: str
    """Site-relative directory URL without fragment, such as 'events/x/'; '' for off-site links."""
    fragment: str
    ancestors: tuple[Element, ...]
    """From the outermost element inside <article> inwards."""

    def within(self, tag: str) -> bool:
        return any(e.tag == tag for e in self.ancestors)

    def innermost(self, tag: str, css_class: str) -> Element | None:
        found = [e for e in self.ancestors if e.tag == tag and css_class in e.classes]
        return found[-1] if found else None


class _ArticleLinks(HTMLParser):
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self, page_dir: str) -> None:
        super().__init__()
        self.page_dir = page_dir
        self.stack: list[Element] = []
        self.serial = 0
        self.article_depth: int | None = None
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        found = dict(attrs)
        self.serial += 1
        self.stack.append(Element(tag, frozenset((found.get("class") or "").split()), self.serial))
        if tag == "main" and self.article_depth is None:
            self.article_depth = len(self.stack)
        href = found.get("href")
        if tag == "a" and self.article_depth is not None and href:
            path, _, fragment = href.partition("#")
            if re.match(r"^[a-z]+:", path):
                target = ""
            else:
                target = posixpath.normpath(posixpath.join(self.page_dir, path)).removeprefix("./") + "/"
            self.links.append(Link(target, fragment, tuple(self.stack[self.article_depth : -1])))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        # Pop to the matching element; HTML lets some end tags be left out.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                if self.article_depth is not None and index < self.article_depth:
                    self.article_depth = None
                del self.stack[index:]
                return


def article_links(site: Path, page: str) -> list[Link]:
    """Links inside the <article> of `page` (a path such as 'events/index.html')."""
    parser = _ArticleLinks(posixpath.dirname(page))
    parser.feed((site / page).read_text(encoding="utf-8"))
    parser.close()
    return parser.links


def pages_matching(site: Path, pattern: re.Pattern[str]) -> list[str]:
    found = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted(p for p in found if pattern.match(p))


def listed_events(site: Path, pattern: re.Pattern[str], ids: set[str]) -> Counter[str]:
    """How many entries each event has across the listing pages matching `pattern`."""
    counts: Counter[str] = Counter()
    for page in pages_matching(site, pattern):
        # An entry is one <li class="engage-event">; it names its event by linking to its page.
        entries: dict[int, set[str]] = {}
        for link in article_links(site, page):
            entry = link.innermost("li", "engage-event")
            match = re.fullmatch(r"events/([^/]+)/", link.target)
            if entry and match and match[1] in ids and not link.fragment:
                entries.setdefault(entry.serial, set()).add(match[1])
        for named in entries.values():
            assert len(named) == 1, f"{page}: one entry links to several events: {sorted(named)}"
            counts[named.pop()] += 1
    return counts


def test_every_event_has_exactly_one_page(built: Built) -> None:
    pages = {
        p.name
        for p in (built.site / "events").iterdir()
        if EVENT_PAGE_DIR.match(p.name) and (p / "index.html").is_file()
    }
    assert pages == set(built.portal.events)


def test_each_event_is_listed_once_per_date_in_the_right_listing(built: Built) -> None:
    portal = built.portal
    ids = set(portal.events)
    upcoming = Counter(o.event_id for o in portal.occurrences if o.last_day >= portal.today)
    past = Counter(o.event_id for o in portal.occurrences if o.last_day < portal.today)
    # An open consultation is current, whatever its date: listed once as "Open until ..." (or on its
    # timed dates still to come), never in the archive.
    for event_id, record in portal.events.items():
        c, e = record.model.consultation, record.model
        if c and e.status.value not in ("cancelled", "postponed") and c.opens <= portal.today <= c.closes:
            past.pop(event_id, None)
            if e.start_time is None or not upcoming[event_id]:
                upcoming[event_id] = 1
    assert listed_events(built.site, UPCOMING, ids) == upcoming
    assert listed_events(built.site, PAST, ids) == past
    # Every event is somewhere, and a one-off event is in exactly one place, once.
    assert set(upcoming) | set(past) == ids
    one_off = {i for i, r in portal.events.items() if r.model.recurrence is None}
    assert {i: upcoming[i] + past[i] for i in one_off} == dict.fromkeys(one_off, 1)


def test_each_event_is_one_master_vevent_in_the_archive_and_the_current_ones_in_all_ics(built: Built) -> None:
    feed = built.site / "feeds" / "all.ics"
    archive = built.site / "open-data" / "events.ics"
    if not feed.exists():
        pytest.skip("feeds/all.ics is not generated yet (the feeds are being written)")
    portal = built.portal

    def masters(path: Path) -> Counter[str]:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        return Counter(
            str(v["UID"]).split("@")[0]
            for v in calendar.walk("VEVENT")
            if "RECURRENCE-ID" not in v and not str(v["UID"]).startswith("closes.")
        )

    last_day = {}
    for o in portal.occurrences:
        last_day[o.event_id] = max(last_day.get(o.event_id, o.last_day), o.last_day)
    # The archive holds every event once. A subscribable feed holds an event until
    # feed_recent_days after its last date, or cancelled_kept_days for a cancelled one, so
    # calendars that subscribed see it cancelled; after that it leaves.
    assert masters(archive) == Counter(list(portal.events))
    settings = portal.settings
    expected = {
        i
        for i, r in portal.events.items()
        if last_day[i]
        + timedelta(
            days=settings.cancelled_kept_days if r.model.status is EventStatus.CANCELLED else settings.feed_recent_days
        )
        >= portal.today
    }
    assert masters(feed) == Counter(expected)


def _links_to(site: Path, pages: list[str], section: str, ids: set[str], primary: bool) -> Counter[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        for link in article_links(site, page):
            match = re.fullmatch(rf"{section}/([^/]+)/", link.target)
            if not match or match[1] not in ids or link.fragment:
                continue
            heading = any(link.within(h) for h in ("h1", "h2", "h3", "h4", "h5", "h6", "th"))
            if heading or not primary:
                counts[match[1]] += 1
    return counts


def index_pages(site: Path, section: str) -> list[str]:
    return pages_matching(site, re.compile(rf"^{section}/(?:page/\d+/)?index\.html$"))


def test_each_eia_has_a_page_and_one_row_in_the_register(built: Built) -> None:
    ids = set(built.portal.eias)
    assert {i for i in ids if (built.site / "eia" / i / "index.html").is_file()} == ids
    # A register row names its EIA in its row header; other links (superseded by ...) do not count.
    assert _links_to(built.site, index_pages(built.site, "eia"), "eia", ids, primary=True) == Counter(ids)


def test_each_commitment_has_a_page_and_one_entry_in_the_index(built: Built) -> None:
    ids = set(built.portal.commitments)
    assert {i for i in ids if (built.site / "commitments" / i / "index.html").is_file()} == ids
    assert _links_to(built.site, index_pages(built.site, "commitments"), "commitments", ids, primary=True) == Counter(
        ids
    )


def test_each_feedback_record_has_a_page_and_one_link_in_the_index(built: Built) -> None:
    ids = set(built.portal.feedback)
    assert {i for i in ids if (built.site / "you-said-we-did" / i / "index.html").is_file()} == ids
    # The index is a table of consultations; each feedback record is linked once from its row.
    pages = index_pages(built.site, "you-said-we-did")
    assert _links_to(built.site, pages, "you-said-we-did", ids, primary=False) == Counter(ids)


def test_each_evaluation_has_a_page_and_one_row_in_the_impact_index(built: Built) -> None:
    ids = set(built.portal.evaluations)
    assert ids
    assert {i for i in ids if (built.site / "impact" / i / "index.html").is_file()} == ids
    assert _links_to(built.site, index_pages(built.site, "impact"), "impact", ids, primary=True) == Counter(ids)


def test_each_assessment_is_one_criterion_section_on_its_module_page(built: Built) -> None:
    found: Counter[str] = Counter()
    for page in (built.site / "self-assessment").glob("*/index.html"):
        found.update(re.findall(r'<h2 id="criterion-([a-z0-9-]+)"', page.read_text(encoding="utf-8")))
    assert found == Counter(list(built.portal.criteria))
    assert set(built.portal.assessments) <= set(built.portal.criteria)


def test_each_planned_event_and_clash_is_listed_once_on_the_forward_plan(built: Built) -> None:
    from engage.pages.planning_pages import entries, forward_clashes

    clashes = forward_clashes(built.portal)
    month_pages = pages_matching(built.site, re.compile(r"^planning/[a-z]+-\d{4}/(?:page/\d+/)?index\.html$"))
    listed: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for page in month_pages:
        newer = ""
        for link in article_links(built.site, page):
            match = re.fullmatch(r"events/([^/]+)/", link.target)
            if not match or link.innermost("ul", "engage-plan") is None:
                continue
            # An entry's own link sits in the plan's list; its clashes in a list inside the entry.
            if sum(e.tag == "ul" for e in link.ancestors) == 1:
                newer = match[1]
                listed[newer] += 1
            else:
                pairs[(match[1], newer)] += 1
    assert listed == Counter(e.record.id for e in entries(built.portal, clashes))
    assert pairs == Counter((c.older, c.newer) for c in clashes)


OPEN_DATA = {
    "events": "events",
    "eias": "eias",
    "feedback": "feedback",
    "commitments": "commitments",
    "evaluations": "evaluations",
    "assessments": "assessments",
}


@pytest.mark.parametrize("kind", sorted(OPEN_DATA))
def test_each_record_is_one_row_of_the_open_data(built: Built, kind: str) -> None:
    folder = built.site / "open-data"
    name = OPEN_DATA[kind]
    if not (folder / f"{name}.json").exists():
        pytest.skip(f"open-data/{name}.json is not generated yet (the open data is being written)")
    ids = Counter(list(getattr(built.portal, kind)))
    records = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    rows = records["records"] if isinstance(records, dict) else records
    assert Counter(r["id"] for r in rows) == ids
    table = list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8-sig"))))
    assert Counter(r["id"] for r in table) == ids
