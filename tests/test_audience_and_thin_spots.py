"""Like with like: a consultation's audience limits who its respondents are compared with; coverage
names thin spots below the threshold in site.yaml, not only zeros."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from engage.coverage import coverage
from engage.models import Area, Characteristic, Feedback
from engage.models.event import Audience
from engage.models.feedback import Profile
from engage.portal import check_data
from engage.representation import compare

from .conftest import DEMO_DATA, EXAMPLE_DATA

AGE = Characteristic.model_validate(
    {
        "id": "age",
        "name": "Age",
        "protected": True,
        "categories": [
            {"id": "under-16", "name": "Under 16", "population_share": 20},
            {"id": "working", "name": "16 to 64", "population_share": 60},
            {"id": "older", "name": "65 and over", "population_share": 20},
        ],
    }
)


def feedback(counts: dict[str, int]) -> Feedback:
    """An example feedback record with only an age profile of these counts, for the whole district."""
    portal = check_data(EXAMPLE_DATA, date(2026, 11, 22)).portal
    assert portal is not None
    base = next(r.model for r in portal.feedback.values() if r.model.profile)
    profile = Profile.model_validate(
        {"characteristic": "age", "counts": [{"category": k, "count": v} for k, v in counts.items()]}
    )
    return base.model_copy(update={"profile": [profile], "area": None})


def test_a_working_age_scheme_is_not_short_of_under_16s() -> None:
    fb = feedback({"working": 90, "older": 10})
    everyone = compare(fb, {"age": AGE}, {}, 5.0)[0]
    assert [(c.category_id, c.under_represented) for c in everyone.categories] == [
        ("under-16", True),
        ("working", False),
        ("older", True),
    ]
    audience = Audience.model_validate({"categories": {"age": ["working"]}})
    limited = compare(fb, {"age": AGE}, {}, 5.0, audience)[0]
    assert [
        (c.category_id, c.count, c.respondent_share, c.population_share, c.under_represented)
        for c in limited.categories
    ] == [("working", 90, 100.0, 100.0, False)]
    assert (limited.stated, limited.outside, limited.audience_words) == (90, 10, "16 to 64")


def test_the_audience_rescales_population_shares_to_its_categories() -> None:
    fb = feedback({"under-16": 5, "older": 45})
    audience = Audience.model_validate({"categories": {"age": ["under-16", "older"]}})
    c = compare(fb, {"age": AGE}, {}, 5.0, audience)[0]
    assert [(x.category_id, x.respondent_share, x.population_share, x.under_represented) for x in c.categories] == [
        ("under-16", 10.0, 50.0, True),
        ("older", 90.0, 50.0, False),
    ]


def test_coverage_names_thin_spots_below_the_threshold(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA, data)
    site = data / "site.yaml"
    site.write_text(site.read_text().replace("coverage_thin_below: 3", "coverage_thin_below: 2"))
    today = date(2026, 12, 3)
    for threshold, folder in ((3, DEMO_DATA), (2, data)):
        portal = check_data(folder, today).portal
        assert portal is not None
        cov = coverage(portal)
        assert cov.thin_below == threshold
        for facet in ("levels", "areas", "groups"):
            assert cov.thin(facet) == tuple(b for b in getattr(cov, facet) if 0 < b.count < threshold)
    portal = check_data(DEMO_DATA, today).portal
    assert portal is not None
    assert [b.name for b in coverage(portal).thin("groups")] == [
        "Armed forces community",
        "Gypsy, Roma and Traveller communities",
        "LGBT+ residents",
        "Trans and non-binary people",
    ]


def test_the_example_data_has_no_thin_spot_rule_surprises() -> None:
    portal = check_data(EXAMPLE_DATA, date(2026, 11, 22)).portal
    assert portal is not None
    cov = coverage(portal)
    assert cov.thin_below == portal.settings.coverage_thin_below


def test_the_audience_areas_set_the_population_weighted_by_area_size() -> None:
    age = Characteristic.model_validate(
        {
            "id": "age",
            "name": "Age",
            "protected": True,
            "categories": [
                {"id": "young", "name": "Young", "population_share": 50, "area_shares": {"north": 20, "south": 80}},
                {"id": "old", "name": "Old", "population_share": 50, "area_shares": {"north": 80, "south": 20}},
            ],
        }
    )
    areas = {
        "north": Area.model_validate({"id": "north", "name": "North", "population": 3000}),
        "south": Area.model_validate({"id": "south", "name": "South", "population": 1000}),
    }
    fb = feedback({"young": 50, "old": 50}).model_copy(
        update={
            "profile": [
                Profile.model_validate(
                    {
                        "characteristic": "age",
                        "counts": [{"category": "young", "count": 50}, {"category": "old", "count": 50}],
                    }
                )
            ]
        }
    )
    c = compare(fb, {"age": age}, areas, 5.0, Audience.model_validate({"areas": ["north", "south"]}))[0]
    # (20 x 3000 + 80 x 1000) / 4000 = 35; (80 x 3000 + 20 x 1000) / 4000 = 65.
    assert [(x.category_id, x.population_share, x.under_represented) for x in c.categories] == [
        ("young", 35.0, False),
        ("old", 65.0, True),
    ]
    assert c.area_name == "North and South"
