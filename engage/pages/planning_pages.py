"""The shared forward plan for partners (the rules are in engage/planning.py).

A plan that lists every clash pair on one page grows with the square of the data, so the plan is
an overview and pages beneath it:

- `planning/`: the overview a partner starts from. Counts month by month (with links), every
  consultation-fatigue warning in one line each, partners whose plans clash, and the next six
  months by area, topic and group. Its size follows the number of months, groups, areas and
  organisations, never the number of events.
- `planning/<month>-<year>/` (then `page/N/`): every event planned that month in date order,
  each with the possible clashes it is the newer event of (where `engage validate` puts the
  warning), so a clash is found under the event that would move. Paged by weight: an event
  with many clashes takes as much room as that many events.
- `planning/fatigue/<facet>-<key>/` (then `page/N/`): the events behind one fatigue warning.

Only what is not over on the build's day is planned: an event once its last day has passed, a
clash once its shared days have (planning.clashes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .. import planning, urls
from ..formatting import month_name
from ..models.event import Event, EventStatus
from ..models.types import ContinuumLevel
from ..output import Page
from ..portal import Portal
from ..records import Record
from .paginate import Pager, paginate, paginate_by_weight

HORIZON_DAYS = 183
"""How far ahead the overview's counts by area, topic and group look: about six months."""
PAGE_WEIGHT = 80
"""A month page holds entries worth this much: an event counts 1, and each of its clashes 1 more."""
FATIGUE_PER_PAGE = 100
"""Events per page behind one fatigue warning."""


@dataclass(frozen=True)
class Tally:
    """Upcoming events for one area, topic or group, and the partners behind them."""

    key: str
    name: str
    events: int
    organisers: tuple[str, ...]
    """Organisation names, sorted."""


@dataclass(frozen=True)
class Opportunity:
    """Partners who could engage together instead of separately."""

    text: str
    organisers: tuple[str, ...]
    events: tuple[str, ...]


@dataclass(frozen=True)
class ClashView:
    """A possible clash as shown under its newer event."""

    clash: planning.Clash
    older: Record[Event]
    older_org: str
    reached: str
    """The groups and areas both reach, in words."""


@dataclass(frozen=True)
class PlanEntry:
    """One planned event on a month page, with the clashes it is the newer event of."""

    record: Record[Event]
    day: date
    """Its next day from today (today for an event already running)."""
    organiser: str
    level: ContinuumLevel
    clashes: tuple[ClashView, ...]

    @property
    def weight(self) -> int:
        return 1 + len(self.clashes)


@dataclass(frozen=True)
class MonthSummary:
    """One month of the plan as the overview counts it."""

    name: str
    """Such as 'December 2026'."""
    url: str
    events: int
    clashes: int
    """Possible clashes whose newer event falls in this month."""
    organisers: int


@dataclass(frozen=True)
class FatigueView:
    """A consultation-fatigue warning with the names it needs."""

    item: planning.Fatigue
    name: str
    """The group's or area's name."""
    organisers: tuple[str, ...]
    """Organisation names, in the order of their ids."""
    url: str
    """The page listing its events."""


@dataclass(frozen=True)
class PairView:
    """Two partners whose plans clash, with how often and from when."""

    organisers: tuple[str, str]
    clashes: int
    first_month: str
    first_url: str


@dataclass(frozen=True)
class PlanningOverview:
    """The forward plan's overview at planning/."""

    title: str
    today: date
    until: date
    """The last day the counts by area, topic and group look to."""
    limit: int
    window: int
    months: tuple[MonthSummary, ...]
    clash_count: int
    fatigue: tuple[FatigueView, ...]
    pairs: tuple[PairView, ...]
    opportunities: tuple[Opportunity, ...]
    """Chances to work together that fatigue warnings name."""
    by_area: tuple[Tally, ...]
    by_topic: tuple[Tally, ...]
    by_group: tuple[Tally, ...]
    feed: str
    kind: Literal["planning"] = "planning"


@dataclass(frozen=True)
class PlanningMonth:
    """One page of one month of the forward plan."""

    title: str
    month: str
    """Such as 'December 2026'."""
    pager: Pager[PlanEntry]
    clash_count: int
    """Possible clashes in the whole month, on every page of it."""
    previous: MonthSummary | None
    next: MonthSummary | None
    opportunities: tuple[Opportunity, ...]
    """Partners whose plans clash this month (on the month's first page)."""
    kind: Literal["planning-month"] = "planning-month"


@dataclass(frozen=True)
class FatigueEvent:
    """An event counted in a fatigue warning."""

    record: Record[Event]
    organiser: str


@dataclass(frozen=True)
class PlanningFatigue:
    """One page of the events behind one fatigue warning."""

    title: str
    view: FatigueView
    window: int
    pager: Pager[FatigueEvent]
    kind: Literal["planning-fatigue"] = "planning-fatigue"


def org_name(portal: Portal, organisation_id: str) -> str:
    return portal.organisations[organisation_id].name


def reached(portal: Portal, areas: tuple[str, ...], groups: tuple[str, ...]) -> str:
    names = [portal.groups[g].name for g in groups] + [portal.areas[a].name for a in areas]
    return ", ".join(names)


def fatigue_name(portal: Portal, item: planning.Fatigue) -> str:
    return portal.groups[item.key].name if item.facet == "group" else portal.areas[item.key].name


def forward_clashes(portal: Portal) -> list[planning.Clash]:
    """Clashes not yet over on the build's day."""
    return planning.clashes({i: r.model for i, r in portal.events.items()}, portal.today)


def forward_fatigue(portal: Portal) -> list[planning.Fatigue]:
    s = portal.settings
    return planning.fatigue(
        {i: r.model for i, r in portal.events.items()},
        {k: m.level for k, m in portal.methods.items()},
        set(portal.areas),
        s.fatigue_limit,
        s.fatigue_window_days,
        since=portal.today,
    )


def next_days(portal: Portal) -> dict[str, date]:
    """Every event not cancelled and not over, with its next day from today (today while it runs)."""
    found: dict[str, date] = {}
    for occ in portal.occurrences:
        held = portal.events[occ.event_id].model.status != EventStatus.CANCELLED
        if held and occ.last_day >= portal.today and occ.event_id not in found:
            found[occ.event_id] = max(occ.day, portal.today)
    return found


def entries(portal: Portal, clashes: Sequence[planning.Clash]) -> list[PlanEntry]:
    """Every planned event in date order, each with the clashes it is the newer event of."""
    days = next_days(portal)
    under: dict[str, list[ClashView]] = defaultdict(list)
    for c in clashes:
        older = portal.events[c.older]
        under[c.newer].append(
            ClashView(c, older, org_name(portal, older.model.organiser), reached(portal, c.areas, c.groups))
        )
        # A clash's newer event is planned; the fallback only guards against a status the occurrences skip.
        days.setdefault(c.newer, max(portal.events[c.newer].model.date, portal.today))
    return [
        PlanEntry(
            portal.events[i],
            day,
            org_name(portal, portal.events[i].model.organiser),
            portal.methods[portal.events[i].model.method].level,
            tuple(under.get(i, ())),
        )
        for i, day in sorted(days.items(), key=lambda kv: (kv[1], kv[0]))
    ]


def _tallies(portal: Portal, events: Sequence[Event], facet: str) -> tuple[Tally, ...]:
    names: dict[str, str] = {
        "areas": {k: v.name for k, v in portal.areas.items()},
        "topics": {k: v.name for k, v in portal.topics.items()},
        "groups": {k: v.name for k, v in portal.groups.items()},
    }[facet]
    out = []
    for key, name in sorted(names.items(), key=lambda kv: kv[1]):
        found = [e for e in events if key in getattr(e, facet)]
        organisers = tuple(sorted({org_name(portal, e.organiser) for e in found}))
        out.append(Tally(key, name, len(found), organisers))
    return tuple(out)


def fatigue_views(portal: Portal, tired: Sequence[planning.Fatigue]) -> tuple[FatigueView, ...]:
    return tuple(
        FatigueView(
            f,
            fatigue_name(portal, f),
            tuple(org_name(portal, o) for o in f.organisers),
            urls.planning_fatigue(f.facet, f.key),
        )
        for f in tired
    )


def fatigue_opportunities(portal: Portal, views: Sequence[FatigueView]) -> tuple[Opportunity, ...]:
    out = []
    for v in views:
        if len(v.organisers) < 2:
            continue
        orgs = v.organisers
        out.append(
            Opportunity(
                f"{', '.join(orgs[:-1])} and {orgs[-1]} plan to ask {v.name} "
                f"{len(v.item.events)} times in {portal.settings.fatigue_window_days} days: shared questions or "
                "a joint event would ask less of them.",
                orgs,
                v.item.events,
            )
        )
    return tuple(out)


def _pair(entry: PlanEntry, view: ClashView) -> tuple[str, str]:
    a, b = sorted((entry.organiser, view.older_org))
    return a, b


def clash_opportunities(portal: Portal, month: Sequence[PlanEntry]) -> tuple[Opportunity, ...]:
    """One line per pair of partners whose plans clash in these entries."""
    found: dict[tuple[str, str], list[ClashView]] = defaultdict(list)
    for entry in month:
        for view in entry.clashes:
            found[_pair(entry, view)].append(view)
    out = []
    for (a, b), views in sorted(found.items()):
        reach = reached(
            portal,
            tuple(sorted({a for v in views for a in v.clash.areas})),
            tuple(sorted({g for v in views for g in v.clash.groups})),
        )
        times = "at the same time" if len(views) == 1 else f"at the same time {len(views)} times"
        out.append(
            Opportunity(
                f"{a} and {b} both plan to reach {reach} {times}: joint sessions could hear from people once.",
                (a, b),
                tuple(sorted({i for v in views for i in (v.clash.older, v.clash.newer)})),
            )
        )
    return tuple(out)


def _month_key(day: date) -> tuple[int, int]:
    return day.year, day.month


def _months(plan: Sequence[PlanEntry]) -> dict[tuple[int, int], list[PlanEntry]]:
    months: dict[tuple[int, int], list[PlanEntry]] = {}
    for entry in plan:
        months.setdefault(_month_key(entry.day), []).append(entry)
    return months


def _summary(year: int, month: int, found: Sequence[PlanEntry]) -> MonthSummary:
    return MonthSummary(
        month_name(year, month),
        urls.planning_month(year, month),
        len(found),
        sum(len(e.clashes) for e in found),
        len({e.organiser for e in found}),
    )


def overview_page(
    portal: Portal,
    plan: Sequence[PlanEntry],
    summaries: Sequence[MonthSummary],
    tired: Sequence[FatigueView],
) -> Page:
    until = portal.today + timedelta(days=HORIZON_DAYS)
    soon = [e.record.model for e in plan if e.day <= until]
    pairs: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], date] = {}
    for entry in plan:
        for view in entry.clashes:
            pair = _pair(entry, view)
            pairs[pair] += 1
            first.setdefault(pair, entry.day)
    return Page(
        url=urls.PLANNING,
        title="Forward plan for partners",
        template="engage/planning.html",
        description="Upcoming engagement across all partners by month, area, topic and group, with possible clashes, "
        "consultation fatigue and chances to work together.",
        context=PlanningOverview(
            title="Forward plan for partners",
            today=portal.today,
            until=until,
            limit=portal.settings.fatigue_limit,
            window=portal.settings.fatigue_window_days,
            months=tuple(summaries),
            clash_count=sum(s.clashes for s in summaries),
            fatigue=tuple(tired),
            pairs=tuple(
                PairView(
                    pair,
                    n,
                    month_name(first[pair].year, first[pair].month),
                    urls.planning_month(first[pair].year, first[pair].month),
                )
                for pair, n in sorted(pairs.items())
            ),
            opportunities=fatigue_opportunities(portal, tired),
            by_area=_tallies(portal, soon, "areas"),
            by_topic=_tallies(portal, soon, "topics"),
            by_group=_tallies(portal, soon, "groups"),
            feed=urls.PLANNING_FEED,
        ),
        searchable=True,
    )


def month_pages(
    portal: Portal, summaries: Sequence[MonthSummary], months: dict[tuple[int, int], list[PlanEntry]]
) -> list[Page]:
    out = []
    for index, found in enumerate(months.values()):
        summary = summaries[index]
        title = f"Forward plan: {summary.name}"
        opportunities = clash_opportunities(portal, found)
        for pager in paginate_by_weight(found, lambda e: e.weight, PAGE_WEIGHT, summary.url):
            out.append(
                Page(
                    url=pager.url,
                    title=pager.titled(title),
                    template="engage/planning_month.html",
                    description=f"Engagement partners plan in {summary.name}, with possible clashes.",
                    context=PlanningMonth(
                        title=title,
                        month=summary.name,
                        pager=pager,
                        clash_count=summary.clashes,
                        previous=summaries[index - 1] if index > 0 else None,
                        next=summaries[index + 1] if index + 1 < len(summaries) else None,
                        opportunities=opportunities if pager.number == 1 else (),
                    ),
                )
            )
    return out


def fatigue_pages(portal: Portal, tired: Sequence[FatigueView]) -> list[Page]:
    out = []
    for view in tired:
        events = [
            FatigueEvent(portal.events[i], org_name(portal, portal.events[i].model.organiser)) for i in view.item.events
        ]
        title = f"{view.name} asked {len(events)} times in {portal.settings.fatigue_window_days} days"
        for pager in paginate(events, FATIGUE_PER_PAGE, view.url):
            out.append(
                Page(
                    url=pager.url,
                    title=pager.titled(title),
                    template="engage/planning_fatigue.html",
                    description=f"The events that ask {view.name} more often than partners agreed.",
                    context=PlanningFatigue(
                        title=title, view=view, window=portal.settings.fatigue_window_days, pager=pager
                    ),
                )
            )
    return out


def pages(portal: Portal) -> list[Page]:
    plan = entries(portal, forward_clashes(portal))
    months = _months(plan)
    summaries = [_summary(year, month, found) for (year, month), found in months.items()]
    tired = fatigue_views(portal, forward_fatigue(portal))
    return [
        overview_page(portal, plan, summaries, tired),
        *month_pages(portal, summaries, months),
        *fatigue_pages(portal, tired),
    ]
