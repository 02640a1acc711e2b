"""The Atom feed of publications: dates from the data, ids that never change."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from engage import atom, urls
from engage.portal import Portal, check_data

from .conftest import EXAMPLE_DATA

NS = {"a": "http://www.w3.org/2005/Atom"}


def feed_for(day: date) -> ET.Element:
    result = check_data(EXAMPLE_DATA, day)
    assert result.portal is not None
    return ET.fromstring(atom.render(result.portal))


def entries(feed: ET.Element) -> list[dict[str, str]]:
    out = []
    for entry in feed.findall("a:entry", NS):
        link = entry.find("a:link", NS)
        category = entry.find("a:category", NS)
        assert link is not None and category is not None
        out.append(
            {
                "id": entry.findtext("a:id", "", NS),
                "title": entry.findtext("a:title", "", NS),
                "published": entry.findtext("a:published", "", NS),
                "updated": entry.findtext("a:updated", "", NS),
                "link": link.get("href", ""),
                "category": category.get("term", ""),
            }
        )
    return out


def test_the_feed_is_atom_with_its_updated_date_from_the_newest_entry(example_portal: Portal) -> None:
    feed = ET.fromstring(atom.render(example_portal))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    found = entries(feed)
    assert found
    assert feed.findtext("a:updated", "", NS) == max(e["updated"] for e in found)
    assert [e["updated"] for e in found] == sorted((e["updated"] for e in found), reverse=True)
    assert len({e["id"] for e in found}) == len(found)
    assert all(e["id"].startswith("urn:uuid:") for e in found)
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == "https://engage.example.gov.uk/feeds/publications.atom"


def test_entries_carry_the_dates_written_in_the_data() -> None:
    found = {e["link"]: e for e in entries(feed_for(date(2026, 11, 22)))}
    assert found["https://engage.example.gov.uk/eia/library-hours/"] == {
        "id": atom.entry_id("https://engage.example.gov.uk/", "eia/library-hours"),
        "title": "Equality Impact Assessment: Library opening hours review",
        "published": "2026-02-11T00:00:00+00:00",
        "updated": "2026-02-11T00:00:00+00:00",
        "link": "https://engage.example.gov.uk/eia/library-hours/",
        "category": "Equality Impact Assessment",
    }
    assert found["https://engage.example.gov.uk/events/2026-12-03-library-review/"] == {
        "id": atom.entry_id("https://engage.example.gov.uk/", "event/2026-12-03-library-review/consultation"),
        "title": "Consultation: Library service review consultation",
        "published": "2026-11-01T00:00:00+00:00",
        "updated": "2026-11-01T00:00:00+00:00",
        "link": "https://engage.example.gov.uk/events/2026-12-03-library-review/",
        "category": "Consultation",
    }


def test_every_publication_has_an_entry_dated_from_its_record(example_portal: Portal) -> None:
    found = entries(ET.fromstring(atom.render(example_portal)))
    day = example_portal.today
    by_link: dict[str, list[dict[str, str]]] = {}
    for e in found:
        by_link.setdefault(e["link"].removeprefix("https://engage.example.gov.uk/"), []).append(e)

    def dated(entry: dict[str, str]) -> tuple[str, str]:
        return entry["published"][:10], entry["updated"][:10]

    for i, r in example_portal.eias.items():
        if r.model.published <= day:
            assert [dated(e) for e in by_link[f"eia/{i}/"]] == [
                (r.model.published.isoformat(), (r.model.updated or r.model.published).isoformat())
            ]
    for i, r in example_portal.feedback.items():
        if r.model.published <= day:
            assert [dated(e) for e in by_link[f"you-said-we-did/{i}/"]] == [
                (r.model.published.isoformat(), (r.model.updated or r.model.published).isoformat())
            ]
    for i, r in example_portal.events.items():
        c = r.model.consultation
        if c is not None and c.opens <= day:
            assert [dated(e) for e in by_link[f"events/{i}/"]] == [(c.opens.isoformat(), c.opens.isoformat())]
    for i, r in example_portal.commitments.items():
        reports = sorted((u.date.isoformat(), u.date.isoformat()) for u in r.model.updates if u.date <= day)
        got = sorted(dated(e) for e in by_link[f"commitments/{i}/"] if e["category"] == "Commitment progress")
        assert got == reports


def test_commitment_progress_updates_are_entries_of_their_own(data_copy: Path) -> None:
    path = data_copy / "commitments" / "listening.yaml"
    path.write_text(
        path.read_text("utf-8") + "updates:\n  - date: 2026-04-01\n    text: Tracker live.\n"
        "  - date: 2026-07-01\n    text: Two thirds on time.\n",
        "utf-8",
    )
    result = check_data(data_copy, date(2026, 11, 22))
    assert result.portal is not None, result.problems
    found = [
        e for e in entries(ET.fromstring(atom.render(result.portal))) if e["link"].endswith("/commitments/listening/")
    ]
    assert [(e["title"], e["published"], e["updated"]) for e in found] == [
        (
            "Equality commitment: Close the loop on every consultation",
            "2026-01-10T00:00:00+00:00",
            "2026-07-01T00:00:00+01:00",
        ),
        (
            "Progress on Close the loop on every consultation: 1 July 2026",
            "2026-07-01T00:00:00+01:00",
            "2026-07-01T00:00:00+01:00",
        ),
        (
            "Progress on Close the loop on every consultation: 1 April 2026",
            "2026-04-01T00:00:00+01:00",
            "2026-04-01T00:00:00+01:00",
        ),
    ]


def test_ids_are_stable_across_days_and_nothing_is_dated_after_today() -> None:
    days = [date(2026, 2, 12), date(2026, 11, 22), date(2026, 11, 23), date(2027, 6, 1)]
    feeds = {day: entries(feed_for(day)) for day in days}
    ids: dict[tuple[str, str], str] = {}
    for day, found in feeds.items():
        assert all(e["published"][:10] <= day.isoformat() and e["updated"][:10] <= day.isoformat() for e in found)
        for e in found:
            assert ids.setdefault((e["link"], e["title"]), e["id"]) == e["id"]
    # Nothing new is dated 23 November, so the next day's feed is the same, byte for byte.
    assert feeds[date(2026, 11, 22)] == feeds[date(2026, 11, 23)]
    assert len(feeds[date(2026, 2, 12)]) < len(feeds[date(2026, 11, 22)])


def test_the_site_publishes_the_feed_and_links_it_from_the_open_data_page(
    example_portal: Portal, example_site: Path
) -> None:
    assert (example_site / urls.publications_feed()).read_bytes() == atom.render(example_portal)
    page = (example_site / "open-data" / "index.html").read_text("utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Newly published" href="../feeds/publications.atom">'
        in page
    )
