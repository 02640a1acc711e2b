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

Like is compared with like: when the consultation says who it is for (`consultation.audience`),
only those categories are compared (a working-age scheme is not short of under-16s), their
population shares rescaled to add up to 100 and respondents outside them left out of the shares;
its areas set the population (each area's share weighted by its population) unless the feedback
names one area itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Area, Characteristic, Feedback
from .models.event import Audience
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
    audience_words: str = ""
    """Who the comparison is limited to, in words ('16 to 24, 25 to 44 and 45 to 64'); '' for everyone."""
    outside: int = 0
    """Respondents in categories the consultation was not for, left out of the shares."""

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


def audience_share(
    characteristic: Characteristic, category_id: str, audience_areas: list[str], areas: dict[str, Area]
) -> float | None:
    """The category's share over several areas, each weighted by its population; the district's if any is unknown."""
    weighted = 0.0
    people = 0
    for area_id in audience_areas:
        share = population_share(characteristic, category_id, area_id)
        population = areas[area_id].population
        category = next((c for c in characteristic.categories if c.id == category_id), None)
        if share is None or population is None or category is None or area_id not in category.area_shares:
            return population_share(characteristic, category_id, None)
        weighted += share * population
        people += population
    return weighted / people if people else population_share(characteristic, category_id, None)


def and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def compare_profile(
    profile: Profile,
    characteristic: Characteristic,
    area: str | None,
    area_name: str,
    margin: float,
    audience: Audience | None = None,
    areas: dict[str, Area] | None = None,
) -> Comparison:
    """Compare one characteristic's respondent counts with the population (the consultation's audience, if given)."""
    scope = set(audience.categories.get(characteristic.id, [])) if audience else set()
    compared = [c for c in characteristic.categories if not scope or c.id in scope]
    counts: dict[str, int] = {}
    for entry in profile.counts:
        counts[entry.category] = counts.get(entry.category, 0) + entry.count
    stated = sum(counts.get(c.id, 0) for c in compared)
    outside = sum(counts.values()) - stated
    audience_areas = audience.areas if audience and area is None else []

    def share_of(category_id: str) -> float | None:
        if audience_areas and areas is not None:
            return audience_share(characteristic, category_id, audience_areas, areas)
        return population_share(characteristic, category_id, area)

    population = {c.id: share_of(c.id) for c in compared}
    known = [p for p in population.values() if p is not None]
    # Rescale to the audience: its categories' shares of the population add up to 100.
    total = sum(known) if scope and len(known) == len(compared) and sum(known) > 0 else None
    rows = []
    for category in compared:
        count = counts.get(category.id, 0)
        share = 100.0 * count / stated if stated else None
        pop = population[category.id]
        if pop is not None and total is not None:
            pop = 100.0 * pop / total
        under = share is not None and pop is not None and pop - share > margin
        rows.append(CategoryShare(category.id, category.name, count, share, pop, under))
    words = and_list([c.name for c in compared]) if scope else ""
    return Comparison(
        characteristic.id,
        characteristic.name,
        area_name,
        stated,
        profile.not_stated,
        margin,
        tuple(rows),
        words,
        outside,
    )


def compare(
    feedback: Feedback,
    characteristics: dict[str, Characteristic],
    areas: dict[str, Area],
    margin: float,
    audience: Audience | None = None,
) -> list[Comparison]:
    """Every characteristic in the feedback's respondent profile, in the order the record gives them."""
    if feedback.area:
        area_name = areas[feedback.area].name
    elif audience and audience.areas:
        area_name = and_list([areas[a].name for a in audience.areas])
    else:
        area_name = "the whole district"
    return [
        compare_profile(
            profile, characteristics[profile.characteristic], feedback.area, area_name, margin, audience, areas
        )
        for profile in feedback.profile
    ]


def compare_feedback(portal: Portal, feedback_id: str) -> list[Comparison]:
    """The comparisons for one published feedback record, with the site's margin."""
    feedback = portal.feedback[feedback_id].model
    consultation = portal.events[feedback.event].model.consultation
    audience = consultation.audience if consultation else None
    return compare(feedback, portal.characteristics, portal.areas, portal.settings.representation_margin, audience)
