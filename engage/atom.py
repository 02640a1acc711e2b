"""An Atom feed of what the partnership publishes: EIAs, feedback, commitment progress, consultations.

Every date comes from the data (a record's published and updated dates, a progress update's
date, a consultation's opening day), never from the clock, so a rebuild changes nothing.
Entry ids are `urn:uuid:` names derived from the site address, the record's id and the kind of
entry (RFC 4122 name-based UUIDs): the same entry keeps the same id on every build and every day.
Entries dated after 'today' wait until their day.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from . import urls
from .consultation_stage import opens_after
from .formatting import long_date
from .output import OutputFile
from .portal import Portal

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_ENTRIES = 100
"""The feed keeps the newest entries only, so it never grows with the archive."""
EMPTY_FEED_DATE = date(1970, 1, 1)
"""A feed with no entries still needs an updated date; this one never changes."""


@dataclass(frozen=True)
class Entry:
    """One published item."""

    key: str
    """Record kind, id and entry kind, such as 'eia/library-hours'; the atom:id is made from it."""
    title: str
    summary: str
    url: str
    """Site-relative URL of the page it links to."""
    category: str
    published: date
    updated: date


def _latest(days: list[date | None], today: date) -> date:
    return max(d for d in days if d is not None and d <= today)


def entries(portal: Portal) -> list[Entry]:
    """Every entry published on or before today, newest first (ties by key)."""
    today = portal.today
    out: list[Entry] = []
    for eia_id, eia in portal.eias.items():
        m = eia.model
        if m.published <= today:
            out.append(
                Entry(
                    f"eia/{eia_id}",
                    f"Equality Impact Assessment: {m.title}",
                    f"{m.service}. Outcome: {m.outcome.value.replace('-', ' ')}. Decision by {m.decision.maker} on {long_date(m.decision.date)}.",
                    urls.eia(eia_id),
                    "Equality Impact Assessment",
                    m.published,
                    _latest([m.published, m.updated], today),
                )
            )
    for feedback_id, feedback in portal.feedback.items():
        f = feedback.model
        if f.published <= today:
            out.append(
                Entry(
                    f"feedback/{feedback_id}",
                    f"You said, we did: {f.title}",
                    f"{f.stage.value.capitalize()} feedback: what people said in the consultation and what was done.",
                    urls.feedback(feedback_id),
                    "You said, we did",
                    f.published,
                    _latest([f.published, f.updated], today),
                )
            )
    for commitment_id, commitment in portal.commitments.items():
        c = commitment.model
        if c.published > today:
            continue
        reported = [u.date for u in c.updates]
        out.append(
            Entry(
                f"commitment/{commitment_id}",
                f"Equality commitment: {c.title}",
                c.statement,
                urls.commitment(commitment_id),
                "Equality commitment",
                c.published,
                _latest([c.published, c.updated, *reported], today),
            )
        )
        seen: dict[date, int] = {}
        for update in c.updates:
            if update.date > today:
                continue
            # Two reports on one day get their own entries, numbered in the order written.
            seen[update.date] = seen.get(update.date, 0) + 1
            suffix = "" if seen[update.date] == 1 else f"-{seen[update.date]}"
            out.append(
                Entry(
                    f"commitment/{commitment_id}/progress/{update.date.isoformat()}{suffix}",
                    f"Progress on {c.title}: {long_date(update.date)}",
                    update.text,
                    urls.commitment(commitment_id),
                    "Commitment progress",
                    update.date,
                    update.date,
                )
            )
    for event_id, event in portal.events.items():
        e = event.model
        if e.consultation is None or opens_after(e.consultation, today):
            continue
        consultation = e.consultation
        out.append(
            Entry(
                f"event/{event_id}/consultation",
                f"Consultation: {e.title}",
                f"Open from {long_date(consultation.opens)} to {long_date(consultation.closes)}. {consultation.decision}",
                urls.event(event_id),
                "Consultation",
                consultation.opens,
                consultation.opens,
            )
        )
    out.sort(key=lambda entry: entry.key)
    out.sort(key=lambda entry: entry.updated, reverse=True)
    return out[:MAX_ENTRIES]


def entry_id(base_url: str, key: str) -> str:
    """A stable, unique atom:id for an entry."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{base_url}#{key}')}"


def _stamp(day: date, tz: ZoneInfo) -> str:
    # Atom needs a date-time: midnight at the start of the day, in the site's time zone.
    return datetime.combine(day, time(0, 0), tzinfo=tz).isoformat()


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    element.text = text
    return element


def render(portal: Portal) -> bytes:
    """The feed as UTF-8 XML."""
    settings = portal.settings
    base = settings.base_url
    items = entries(portal)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {f"{{{XML_NS}}}lang": "en-GB"})
    _text(feed, "id", entry_id(base, urls.publications_feed()))
    _text(feed, "title", f"{settings.name}: newly published")
    _text(
        feed,
        "subtitle",
        "Equality Impact Assessments, consultation feedback, progress on equality commitments and new consultations.",
    )
    _text(feed, "updated", _stamp(items[0].updated if items else EMPTY_FEED_DATE, portal.tz))
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _text(author, "name", settings.publisher)
    _text(feed, "rights", f"{settings.licence}: {settings.licence_url}")
    ET.SubElement(
        feed,
        f"{{{ATOM_NS}}}link",
        {"rel": "self", "type": "application/atom+xml", "href": f"{base}{urls.publications_feed()}"},
    )
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "alternate", "type": "text/html", "href": base})
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        _text(entry, "id", entry_id(base, item.key))
        _text(entry, "title", item.title)
        _text(entry, "published", _stamp(item.published, portal.tz))
        _text(entry, "updated", _stamp(item.updated, portal.tz))
        ET.SubElement(
            entry, f"{{{ATOM_NS}}}link", {"rel": "alternate", "type": "text/html", "href": f"{base}{item.url}"}
        )
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", {"term": item.category})
        _text(entry, "summary", item.summary)
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def files(portal: Portal) -> list[OutputFile]:
    return [OutputFile(urls.publications_feed(), render(portal))]
