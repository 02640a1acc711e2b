"""Access filters tell the truth: 'on request' counts where a resident can ask, and an online-only
event never has a building's facts. Built from the data model, for every event of the demo data."""

from __future__ import annotations

from datetime import date

from engage import access, facets
from engage.models.event import Availability
from engage.pages import facet_pages
from engage.pages.event_view import ACCESS_LABELS, upcoming_items
from engage.portal import Portal, check_data

from .conftest import DEMO_DATA

REFERENCE_DAY = date(2026, 12, 3)


def portal() -> Portal:
    result = check_data(DEMO_DATA, REFERENCE_DAY)
    assert result.portal is not None
    return result.portal


def test_the_bsl_filter_holds_every_event_with_bsl_there_or_on_request() -> None:
    p = portal()
    wanted = sorted(i for i, r in p.events.items() if r.model.access.bsl in (Availability.YES, Availability.ON_REQUEST))
    assert facets.events_for(p, "access", "bsl") == wanted
    assert any(p.events[i].model.access.bsl is Availability.ON_REQUEST for i in wanted)


def test_an_on_request_arrangement_is_labelled_as_such_in_listings() -> None:
    p = portal()
    for entry in upcoming_items(p):
        if entry.event.access.bsl is Availability.ON_REQUEST:
            assert "BSL interpreter" in entry.facts.access_on_request
            assert "BSL interpreter" not in entry.facts.access_yes
    assert facets.names(p, "access")["bsl"] == "BSL interpreter (available or on request)"


def test_no_online_only_event_is_under_step_free_or_any_building_fact() -> None:
    p = portal()
    online_only = {i for i, r in p.events.items() if r.model.venue is None}
    assert online_only
    for key in access.PHYSICAL:
        assert online_only.isdisjoint(facets.events_for(p, "access", key.replace("_", "-"))), key
    index = facet_pages.by_value(p, upcoming_items(p))
    assert not {e.record.id for e in index.get(("access", "step-free"), [])} & online_only


def test_an_online_only_event_that_says_step_free_is_still_not_step_free() -> None:
    """Even if a record slipped through with a building's fact, the filter rule ignores it."""
    p = portal()
    event_id = next(i for i, r in p.events.items() if r.model.venue is None)
    event = p.events[event_id].model
    forced = event.model_copy(update={"access": event.access.model_copy(update={"step_free": Availability.YES})})
    assert "step-free" not in facets.values_of(p, forced)["access"]
    assert "step_free" not in access.in_person_facts(forced, ACCESS_LABELS)


def test_online_events_are_offered_under_their_own_access_facts() -> None:
    p = portal()
    with_captions = sorted(
        i for i, r in p.events.items() if r.model.online and r.model.online.captions in access.OFFERED
    )
    assert with_captions
    assert facets.events_for(p, "access", "captions") == with_captions
    in_person = sorted(i for i, r in p.events.items() if r.model.online is None)
    assert set(in_person).isdisjoint(facets.events_for(p, "access", "dial-in"))
