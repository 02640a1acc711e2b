"""Every feed file: each item serialised once, then feeds put together from its bytes."""

from __future__ import annotations

import weakref

from .. import urls
from ..memo import IdentityMemo
from ..models.event import Event
from ..output import OutputFile
from ..portal import Portal
from ..records import Record
from . import deadlines, vevents
from .common import Entry
from .feeds import FeedSpec, assemble, single, sized_catalogue, zones_for

_EVENT_ENTRIES: IdentityMemo[Entry] = IdentityMemo()
"""Each event's serialised VEVENTs, reused under the preview while its inputs are unchanged."""


def _event_entry(portal: Portal, record: Record[Event]) -> Entry:
    """vevents.entry, which reads the record, the settings, the venue, the method and the topics, and
    the build day (an event without `changed` is stamped with it, capped at that day)."""
    event = record.model
    venue = portal.venues[event.venue] if event.venue else None
    inputs = (
        record,
        event,
        portal.settings,
        venue,
        portal.methods[event.method],
        *(portal.topics[t] for t in event.topics),
    )
    return _EVENT_ENTRIES.get((record.id, portal.today), inputs, lambda: vevents.entry(portal, record))


_CLOSES: IdentityMemo[Entry | None] = IdentityMemo()
_DEADLINES: IdentityMemo[list[Entry]] = IdentityMemo()
"""Consultation closing dates, EIA reviews and actions' due dates, reused likewise."""


def entries(portal: Portal) -> dict[str, Entry]:
    """Every feed item by key, each serialised once (and under the preview, once while its inputs last)."""
    out: dict[str, Entry] = {}
    settings = portal.settings
    for record in portal.events.values():
        item = _event_entry(portal, record)
        out[item.key] = item
        # The closing date reads the event, the settings and the build day (for its stamp).
        closes = _CLOSES.get(
            (record.id, portal.today),
            (record, record.model, settings),
            lambda: deadlines.consultation_close(portal, record),  # noqa: B023 (called at once)
        )
        if closes is not None:
            out[closes.key] = closes
    for eia in portal.eias.values():
        # An EIA's items read it, the settings and the EIAs that supersede it.
        newer = tuple(portal.eias[i] for i in portal.superseded_by.get(eia.id, []))
        items = _DEADLINES.get(
            ("eia", eia.id),
            (eia, eia.model, settings, *newer),
            lambda: deadlines.eia_entries(portal, eia),  # noqa: B023 (called at once)
        )
        out.update((item.key, item) for item in items)
    for commitment in portal.commitments.values():
        items = _DEADLINES.get(
            ("commitment", commitment.id),
            (commitment, commitment.model, settings),
            lambda: deadlines.commitment_entries(portal, commitment),  # noqa: B023 (called at once)
        )
        out.update((item.key, item) for item in items)
    return out


_BUILT: dict[int, tuple[weakref.ref[Portal], dict[str, Entry], list[FeedSpec]]] = {}


def built(portal: Portal) -> tuple[dict[str, Entry], list[FeedSpec]]:
    """The serialised items and the feeds cut to size, made once per portal.

    The subscribe page (counts) and the feed files (bytes) both need them, and serialising
    10,000 events takes seconds; a new portal (a rebuild under `serve`) starts afresh.
    """
    cached = _BUILT.get(id(portal))
    if cached is not None and cached[0]() is portal:
        return cached[1], cached[2]
    items = entries(portal)
    specs = sized_catalogue(portal, items)
    _BUILT.clear()
    _BUILT[id(portal)] = (weakref.ref(portal), items, specs)
    return items, specs


def files(portal: Portal) -> list[OutputFile]:
    """Every feed, and one calendar file per event beside its page."""
    zones = zones_for(portal)
    items, specs = built(portal)
    out = [
        OutputFile(
            spec.path, assemble(portal, zones, spec.name, spec.description, spec.path, [items[k] for k in spec.members])
        )
        for spec in specs
    ]
    for event_id in portal.events:
        path = urls.event_ics(event_id)
        out.append(OutputFile(path, single(portal, zones, items[vevents.event_key(event_id)])))
    return out
