"""Who we heard from: respondents' shares against population shares, checked against shares
worked out here independently, from the raw YAML with exact fractions."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from engage.models import Characteristic
from engage.models.feedback import Profile
from engage.portal import Portal
from engage.representation import CategoryShare, compare_feedback, compare_profile

from .conftest import DEMO_DATA, EXAMPLE_DATA


def independent_shares(data: Path, feedback_id: str) -> dict[str, dict[str, tuple[Fraction, Fraction | None, bool]]]:
    """Per characteristic and category: (respondents' share, population share, under-represented),
    straight from the files: PyYAML and fractions, none of the engine's code."""
    raw: dict[str, Any] = yaml.safe_load((data / "feedback" / f"{feedback_id}.yaml").read_text(encoding="utf-8"))
    characteristics = {
        c["id"]: c for c in yaml.safe_load((data / "taxonomies" / "characteristics.yaml").read_text(encoding="utf-8"))
    }
    site = yaml.safe_load((data / "site.yaml").read_text(encoding="utf-8"))
    margin = Fraction(str(site.get("representation_margin", 5)))
    area = raw.get("area")
    # Who the consultation was for: only those categories are compared, their shares rescaled to 100.
    event_file = next((data / "events").rglob(f"{raw['event']}.yaml"))
    consultation = yaml.safe_load(event_file.read_text(encoding="utf-8")).get("consultation") or {}
    audience = consultation.get("audience") or {}
    assert not audience.get("areas") or area, "independent shares over several areas are not worked out here"
    out: dict[str, dict[str, tuple[Fraction, Fraction | None, bool]]] = {}
    for profile in raw.get("profile", []):
        counts: dict[str, int] = {}
        for entry in profile["counts"]:
            counts[entry["category"]] = counts.get(entry["category"], 0) + entry["count"]
        scope = set(audience.get("categories", {}).get(profile["characteristic"], []))
        compared = [
            c for c in characteristics[profile["characteristic"]]["categories"] if not scope or c["id"] in scope
        ]
        stated = sum(counts.get(c["id"], 0) for c in compared)
        pops: dict[str, Fraction | None] = {}
        for category in compared:
            shares = category.get("area_shares") or {}
            population = (
                shares.get(area, category.get("population_share")) if area else category.get("population_share")
            )
            pops[category["id"]] = None if population is None else Fraction(str(population))
        known = [p for p in pops.values() if p is not None]
        total = sum(known) if scope and len(known) == len(compared) else None
        rows = {}
        for category in compared:
            share = Fraction(100 * counts.get(category["id"], 0), stated)
            pop = pops[category["id"]]
            if pop is not None and total:
                pop = 100 * pop / total
            rows[category["id"]] = (share, pop, pop is not None and pop - share > margin)
        out[profile["characteristic"]] = rows
    return out


def as_table(found: list[Any]) -> dict[str, dict[str, tuple[float, float | None, bool]]]:
    return {
        c.characteristic_id: {
            cat.category_id: (cat.respondent_share, cat.population_share, cat.under_represented) for cat in c.categories
        }
        for c in found
    }


def assert_matches(engine: dict[str, Any], independent: dict[str, Any]) -> None:
    assert engine.keys() == independent.keys()
    for characteristic, rows in independent.items():
        assert engine[characteristic].keys() == rows.keys()
        for category, (share, pop, under) in rows.items():
            got_share, got_pop, got_under = engine[characteristic][category]
            assert got_share == pytest.approx(float(share), abs=1e-9), (characteristic, category)
            assert got_pop == (None if pop is None else pytest.approx(float(pop), abs=1e-9)), (characteristic, category)
            assert got_under is under, (characteristic, category)


@pytest.mark.parametrize("feedback_id", ["housing-allocations", "bus-routes-interim"])
def test_example_profiles_match_shares_worked_out_independently(example_portal: Portal, feedback_id: str) -> None:
    assert_matches(
        as_table(compare_feedback(example_portal, feedback_id)), independent_shares(EXAMPLE_DATA, feedback_id)
    )


def test_demo_profiles_match_shares_worked_out_independently(demo_portal: Portal) -> None:
    with_profiles = [fid for fid, r in demo_portal.feedback.items() if r.model.profile]
    assert with_profiles, "the demo data should have at least one respondent profile"
    for feedback_id in with_profiles:
        assert_matches(as_table(compare_feedback(demo_portal, feedback_id)), independent_shares(DEMO_DATA, feedback_id))


def test_the_interim_bus_routes_comparison_in_full(example_portal: Portal) -> None:
    """80 said their age (20 preferred not to): 3, 37, 40 against 40%, 38%, 22%."""
    age, disability = compare_feedback(example_portal, "bus-routes-interim")
    assert (age.name, age.area_name, age.stated, age.not_stated, age.margin) == ("Age", "North Ward", 80, 20, 5.0)
    assert age.categories == (
        CategoryShare("under-35", "Under 35", 3, 3.75, 40.0, True),
        CategoryShare("age-35-64", "35 to 64", 37, 46.25, 38.0, False),
        CategoryShare("over-65", "65 and over", 40, 50.0, 22.0, False),
    )
    assert [c.name for c in age.under_represented] == ["Under 35"]
    assert [(c.name, c.gap) for c in disability.categories] == [("Disabled", -17.5), ("Not disabled", 17.5)]
    assert [c.name for c in disability.under_represented] == ["Not disabled"]


def test_the_whole_district_is_used_when_the_feedback_names_no_area(example_portal: Portal) -> None:
    (age,) = compare_feedback(example_portal, "housing-allocations")
    assert age.area_name == "the whole district"
    assert [(c.respondent_share, c.population_share) for c in age.categories] == [
        (20.0, 40.0),
        (50.0, 38.0),
        (30.0, 22.0),
    ]


CHARACTERISTIC = Characteristic.model_validate(
    {
        "id": "age",
        "name": "Age",
        "protected": True,
        "categories": [
            {"id": "young", "name": "Young", "population_share": 30, "area_shares": {"east": 50}},
            {"id": "middle", "name": "Middle", "population_share": 45},
            {"id": "old", "name": "Old", "population_share": 25, "area_shares": {"west": 10}},
            {"id": "unknown", "name": "Unrecorded"},
        ],
    }
)


def test_area_shares_are_used_for_the_feedbacks_area_and_the_district_share_otherwise() -> None:
    profile = Profile.model_validate(
        {
            "characteristic": "age",
            "counts": [{"category": "young", "count": 30}, {"category": "middle", "count": 70}],
            "not_stated": 900,
        }
    )
    east = compare_profile(profile, CHARACTERISTIC, "east", "East", 5.0)
    assert [
        (c.category_id, c.count, c.respondent_share, c.population_share, c.under_represented) for c in east.categories
    ] == [
        ("young", 30, 30.0, 50.0, True),  # the area's share, 50, not the district's 30
        ("middle", 70, 70.0, 45.0, False),  # no share for the area: the district's
        ("old", 0, 0.0, 25.0, True),  # not in the counts at all: nobody, and named
        ("unknown", 0, 0.0, None, False),  # no population share: never judged
    ]
    west = compare_profile(profile, CHARACTERISTIC, "west", "West", 5.0)
    assert [c.population_share for c in west.categories] == [30.0, 45.0, 10.0, None]
    assert [c.category_id for c in west.under_represented] == ["old"]


def test_a_gap_exactly_at_the_margin_is_not_under_represented() -> None:
    profile = Profile.model_validate(
        {
            "characteristic": "age",
            "counts": [
                {"category": "young", "count": 25},
                {"category": "middle", "count": 50},
                {"category": "old", "count": 25},
            ],
        }
    )
    at_margin = compare_profile(profile, CHARACTERISTIC, None, "the whole district", 5.0)
    assert [(c.category_id, c.gap) for c in at_margin.categories[:3]] == [
        ("young", 5.0),
        ("middle", -5.0),
        ("old", 0.0),
    ]
    assert at_margin.under_represented == ()
    tighter = compare_profile(profile, CHARACTERISTIC, None, "the whole district", 4.9)
    assert [c.category_id for c in tighter.under_represented] == ["young"]


def test_nobody_stating_a_category_gives_no_shares_rather_than_dividing_by_zero() -> None:
    profile = Profile.model_validate(
        {"characteristic": "age", "counts": [{"category": "young", "count": 0}], "not_stated": 12}
    )
    result = compare_profile(profile, CHARACTERISTIC, None, "the whole district", 5.0)
    assert (result.stated, result.not_stated) == (0, 12)
    assert [(c.respondent_share, c.under_represented) for c in result.categories] == [(None, False)] * 4
