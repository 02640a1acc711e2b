"""Reference fields are said once (engage.reference_fields): the validator checks every one and
open data names every one, so a field left out of the rule, or a kind the check skips, fails here."""

from __future__ import annotations

import dataclasses
from typing import Any

from engage.checks import references as reference_check
from engage.exports.names import name_index, names
from engage.loading import Loaded, load
from engage.model_errors import dotted
from engage.portal import Portal
from engage.records import Record
from engage.reference_fields import references

from .conftest import DEMO_DATA, EXAMPLE_DATA


def walked(model: Any) -> set[tuple[str, str, tuple[str | int, ...]]]:
    return {(r.kind, r.value, r.path) for r in references(model)}


def test_every_reference_of_a_feedback_record_is_found_where_it_is(example_portal: Portal) -> None:
    feedback = example_portal.feedback["housing-allocations"].model
    assert walked(feedback) == {
        ("events", "2025-09-10-housing-survey", ("event",)),
        ("eias", "library-hours", ("eia",)),
        ("commitments", "listening", ("commitments", 0)),
        ("methods", "survey", ("asked", "methods", 0)),
        ("methods", "survey", ("responses", 0, "method")),
        ("methods", "drop-in", ("responses", 1, "method")),
        ("characteristics", "age", ("profile", 0, "characteristic")),
        ("categories", "age/under-35", ("profile", 0, "counts", 0, "category")),
        ("categories", "age/age-35-64", ("profile", 0, "counts", 1, "category")),
        ("categories", "age/over-65", ("profile", 0, "counts", 2, "category")),
        ("actions", "library-hours/keep-mornings", ("themes", 0, "actions", 0)),
    }


def test_every_reference_field_of_an_event_is_found(example_portal: Portal) -> None:
    event = next(iter(example_portal.events.values())).model.model_copy(
        update={
            "organiser": "o",
            "partners": ["p1", "p2"],
            "method": "m",
            "areas": ["a"],
            "topics": ["t"],
            "groups": ["g"],
            "venue": "v",
            "eia": "e",
        }
    )
    assert walked(event) == {
        ("organisations", "o", ("organiser",)),
        ("organisations", "p1", ("partners", 0)),
        ("organisations", "p2", ("partners", 1)),
        ("methods", "m", ("method",)),
        ("areas", "a", ("areas", 0)),
        ("topics", "t", ("topics", 0)),
        ("groups", "g", ("groups", 0)),
        ("venues", "v", ("venue",)),
        ("eias", "e", ("eia",)),
    }


def test_the_demo_data_uses_every_kind_of_reference() -> None:
    loaded = load(DEMO_DATA)
    kinds = {r.kind for record in _records(loaded) for r in references(record.model)}
    assert kinds == {
        "actions", "areas", "categories", "characteristics", "commitments", "criteria", "eias", "evaluations",
        "events", "feedback", "groups", "methods", "modules", "organisations", "topics", "venues",
    }  # fmt: skip


def _records(loaded: Loaded) -> list[Record[Any]]:
    out: list[Record[Any]] = [*loaded.events, *loaded.eias, *loaded.feedback, *loaded.commitments]
    out += [*loaded.evaluations, *loaded.assessments]
    return out + [entry for entries in loaded.taxonomies.values() for entry in entries]


def test_with_nothing_else_loaded_every_reference_of_every_record_is_reported() -> None:
    loaded = load(DEMO_DATA)
    nothing = dataclasses.replace(
        loaded,
        events=[],
        eias=[],
        feedback=[],
        commitments=[],
        evaluations=[],
        assessments=[],
        taxonomies={},
        broken={},
    )
    for record in _records(loaded):
        alone = _with_only(nothing, loaded, record)
        found = {p.field for p in reference_check.check(alone) if p.code == "dangling-reference"}
        expected = {
            dotted((*record.base, *r.path))
            for r in references(record.model)
            # A category is checked against its characteristic, which is reported itself here;
            # an action may name an action of the record itself.
            if r.kind != "categories" and not (r.kind == "actions" and r.value.startswith(f"{record.id}/"))
        }
        if record in loaded.eias and record.id in record.model.supersedes:
            expected.add("supersedes")
        assert found == expected, record.file


def _with_only(nothing: Loaded, loaded: Loaded, record: Record[Any]) -> Loaded:
    for name in ("events", "eias", "feedback", "commitments", "evaluations", "assessments"):
        if record in getattr(loaded, name):
            return dataclasses.replace(nothing, **{name: [record]})
    stem = next(name for name, entries in loaded.taxonomies.items() if record in entries)
    return dataclasses.replace(nothing, taxonomies={stem: [record]})


def test_open_data_names_exactly_the_references_the_validator_checks(demo_portal: Portal) -> None:
    index = name_index(demo_portal)
    for record in demo_portal.feedback.values():
        refs = list(references(record.model))
        assert names(index, record.model) == {
            kind: {value: index[kind][value] for value in sorted({r.value for r in refs if r.kind == kind})}
            for kind in sorted({r.kind for r in refs})
        }


def test_the_reference_fields_of_every_record_type_are_the_ones_the_models_document() -> None:
    loaded = load(DEMO_DATA)
    typed = [("event", r) for r in loaded.events] + [("eia", r) for r in loaded.eias]
    typed += [("feedback", r) for r in loaded.feedback] + [("commitment", r) for r in loaded.commitments]
    typed += [("evaluation", r) for r in loaded.evaluations] + [("assessment", r) for r in loaded.assessments]
    typed += [(name, r) for name, entries in loaded.taxonomies.items() for r in entries]
    fields: dict[str, set[str]] = {}
    for name, record in typed:
        for r in references(record.model):
            steps = [s for s in r.path if isinstance(s, str)]
            if steps[-2:-1] == ["area_shares"] or steps[-2:-1] == ["categories"]:
                steps = steps[:-1]  # keyed by the area (or characteristic) id itself
            fields.setdefault(name, set()).add(".".join(steps))
    assert fields == {
        "event": {
            "organiser", "partners", "method", "areas", "topics", "groups", "venue", "eia",
            "consultation.audience.categories", "consultation.audience.groups",
        },
        "evaluation": {
            "events", "organisations", "outputs.groups.group", "outputs.areas.area", "impact.feedback",
            "impact.commitments",
        },
        "assessment": {
            "criterion", "evidence.events", "evidence.feedback", "evidence.eias", "evidence.commitments",
            "evidence.evaluations",
        },
        "criteria": {"module"},
        "eia": {
            "organisation", "supersedes", "commitments", "engagement.events", "engagement.feedback",
            "impacts.characteristic", "actions.partners",
        },
        "feedback": {
            "event", "eia", "area", "commitments", "asked.methods", "responses.method",
            "profile.characteristic", "profile.counts.category", "themes.actions",
        },
        "commitment": {
            "module", "organisations", "characteristics", "evidence.events", "evidence.eias",
            "evidence.feedback", "actions.partners",
        },
        "venues": {"area"},
        "groups": {"characteristic"},
        "characteristics": {"categories.area_shares"},
    }  # fmt: skip


def test_a_profile_category_its_characteristic_lacks_is_reported() -> None:
    loaded = load(EXAMPLE_DATA)
    record = next(r for r in loaded.feedback if r.id == "housing-allocations")
    profile = record.model.profile[0]
    counts = [profile.counts[0].model_copy(update={"category": "under-18s"}), *profile.counts[1:]]
    changed = record.model.model_copy(update={"profile": [profile.model_copy(update={"counts": counts})]})
    edited = dataclasses.replace(record, model=changed)
    loaded.feedback = [edited if r is record else r for r in loaded.feedback]
    assert [(p.field, p.message) for p in reference_check.check(loaded)] == [
        ("profile[0].counts[0].category", "characteristic 'age' has no category 'under-18s'")
    ]
