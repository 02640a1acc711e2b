"""Participation over time on the coverage page: by organisation and by quarter, charts with tables."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..charts import Bar, Row, bar_chart
from ..disclosure import SMALL_COUNT
from ..participation import Tally, by_organisation, by_quarter
from ..portal import Portal


@dataclass(frozen=True)
class Participation:
    """What the coverage page shows of participation over time."""

    organisations: tuple[Tally, ...]
    organisations_chart: Markup
    quarters: tuple[Tally, ...]
    quarters_chart: Markup
    people_chart: Markup


def _people_bar(tally: Tally) -> Bar:
    """People who took part in a quarter, from published figures only; a quarter whose every
    figure is withheld is not drawn, and one with some withheld says its bar is at least that."""
    if not tally.recorded:
        return Bar(None, "not recorded")
    if tally.withheld == tally.recorded:
        return Bar(None, f"fewer than {SMALL_COUNT} people at each event")
    least = "at least " if tally.withheld else ""
    return Bar(float(tally.people), f"{least}{tally.people:,} people")


def participation(portal: Portal) -> Participation:
    organisations = tuple(by_organisation(portal))
    quarters = tuple(by_quarter(portal))
    return Participation(
        organisations=organisations,
        organisations_chart=bar_chart(
            "participation-organisation",
            "Events held by organisation, last 12 months",
            "Bar chart of the number of events each partner held in the last 12 months; the table after it gives "
            "the same numbers with the people who took part.",
            [Row(t.name, (Bar(float(t.held), f"{t.held} held"),)) for t in organisations],
        ),
        quarters=quarters,
        quarters_chart=bar_chart(
            "participation-quarter-held",
            "Events held by quarter",
            "Bar chart of the number of events held in each quarter, oldest first; the table after the charts gives the same numbers.",
            [Row(t.name, (Bar(float(t.held), f"{t.held} held"),)) for t in quarters],
        ),
        people_chart=bar_chart(
            "participation-quarter-people",
            "People who took part by quarter, where recorded",
            "Bar chart of the number of people who took part in each quarter, counted from the events that recorded "
            "a figure; the table after the charts gives the same numbers and how many events recorded one. "
            f"An event's count under {SMALL_COUNT} is withheld and not added.",
            [Row(t.name, (_people_bar(t),)) for t in quarters],
        ),
    )
