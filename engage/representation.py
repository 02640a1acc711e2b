"""Who we heard from: a consultation's respondents compared with the people who live in the area.

For each characteristic in a feedback record's respondent profile, every category's share of
respondents is set beside its share of the population:

- respondents' share = the category's count / the sum of the profile's counts, leaving out
  those who preferred not to say (they are reported, not counted in the shares);
- population share = the category's share in the feedback's area (`area_shares[area]`),
  else the district's (`population_share`); unknown when neither is given;
- a category is under-represented when population share - respondents' share is more than
  the margin (`settings.representation_margin`, percentage points).

Every category of the characteristic is compared, listed in the profile or not: a category
missing from the counts had no respondents, and that is exactly the gap to name.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Area, Characteristic, Feedback
from .models.feedback import Profile
from .portal import Portal


@dataclass(frozen=True)
class CategoryShare:
    """One category: respondents against population."""

    category_id: str
    name: str
    count: int
    respondent_share: float | None
    """Per cent of respondents who stated a category; None when nobody did."""
    population_share: float | None
    """Per cent of the area's population; None when the taxonomy does not say."""
    under_represented: bool

    @property
    def gap(self) -> float | None:
        """Population share minus respondents' share, in percentage points."""
        if self.respondent_share is None or self.population_share is None:
            return None
        return self.population_share - self.respondent_share


@dataclass(frozen=True)
class Comparison:
    """One characteristic of a respondent profile compared with the population."""

    characteristic_id: str
    name: str
    area_name: str
    """The area the population shares are for: an area's name, or 'the whole district'."""
    stated: int
    """Respondents who gave a category."""
    not_stated: int
    """Respondents who preferred not to say."""
    margin: float
    categories: tuple[CategoryShare, ...]

    @property
    def under_represented(self) -> tuple[CategoryShare, ...]:
        return tuple(c for c in self.categories if c.under_represented)


def population_share(characteristic: Characteristic, category_id: str, area: str | None) -> float | None:
    """The category's share of the area's residents, falling back to the district's."""
    for category in characteristic.categories:
        if category.id == category_id:
            if area is not None and area in category.area_shares:
                return category.area_shares[area]
            return category.population_share
    return None


def compare_profile(
    profile: Profile, characteristic: Characteristic, area: str | None, area_name: str, margin: float
) -> Comparison:
    """Compare one characteristic's respondent counts with the population."""
    counts: dict[str, int] = {}
    for entry in profile.counts:
        counts[entry.category] = counts.get(entry.category, 0) + entry.count
    stated = sum(counts.values())
    rows = []
    for category in characteristic.categories:
        count = counts.get(category.id, 0)
        share = 100.0 * count / stated if stated else None
        population = population_share(characteristic, category.id, area)
        under = share is not None and population is not None and population - share > margin
        rows.append(CategoryShare(category.id, category.name, count, share, population, under))
    return Comparison(characteristic.id, characteristic.name, area_name, stated, profile.not_stated, margin, tuple(rows))


def compare(
    feedback: Feedback, characteristics: dict[str, Characteristic], areas: dict[str, Area], margin: float
) -> list[Comparison]:
    """Every characteristic in the feedback's respondent profile, in the order the record gives them."""
    area_name = areas[feedback.area].name if feedback.area else "the whole district"
    return [
        compare_profile(profile, characteristics[profile.characteristic], feedback.area, area_name, margin)
        for profile in feedback.profile
    ]


def compare_feedback(portal: Portal, feedback_id: str) -> list[Comparison]:
    """The comparisons for one published feedback record, with the site's margin."""
    return compare(
        portal.feedback[feedback_id].model, portal.characteristics, portal.areas, portal.settings.representation_margin
    )
