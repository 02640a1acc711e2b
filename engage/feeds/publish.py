"""Every feed file: each item serialised once, then feeds put together from its bytes."""

from __future__ import annotations

from .. import urls
from ..memo import IdentityMemo
from ..models.event import Event
from ..output import OutputFile
from ..portal import Portal
from ..records import Record
from . import deadlines, vevents
from .common import Entry
from .feeds import assemble, catalogue, zones_for

_EVENT_ENTRIES: IdentityMemo[Entry] = IdentityMemo()
"""Each event's serialised VEVENTs, reused under the preview while its inputs are unchanged."""


def _event_entry(portal: Portal, record: Record[Event]) -> Entry:
    """vevents.entry, which reads the record, the settings, the venue, the method and the topics."""
    event = record.model
    venue = portal.venues[event.venue] if event.venue else None
    inputs = (record, event, portal.settings, venue, portal.methods[event.method], *(portal.topics[t] for t in event.topics))
    return _EVENT_ENTRIES.get(record.id, inputs, lambda: vevents.entry(portal, record))


def entries(portal: Portal) -> dict[str, Entry]:
    """Every feed item by key, each serialised once."""
    out: dict[str, Entry] = {}
    for record in portal.events.values():
        item = _event_entry(portal, record)
        out[item.key] = item
        closes = deadlines.consultation_close(portal, record)
        if closes is not None:
            out[closes.key] = closes
    for eia in portal.eias.values():
        item = deadlines.eia_entry(portal, eia)
        out[item.key] = item
    for commitment in portal.commitments.values():
        item = deadlines.commitment_entry(portal, commitment)
        out[item.key] = item
    return out


def files(portal: Portal) -> list[OutputFile]:
    """Every feed, and one calendar file per event beside its page."""
    zones = zones_for(portal)
    items = entries(portal)
    out = [
        OutputFile(spec.path, assemble(portal, zones, spec.name, spec.description, spec.path, [items[k] for k in spec.members]))
        for spec in catalogue(portal)
    ]
    for event_id, record in portal.events.items():
        path = urls.event_ics(event_id)
        item = items[vevents.event_key(event_id)]
        out.append(OutputFile(path, assemble(portal, zones, record.model.title, record.model.summary, path, [item])))
    return out
