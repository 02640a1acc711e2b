"""Engagement coverage: the summary page at coverage/ and a listing behind every figure on it.

Each figure on the summary (a level, an area, a group, or the total) links to a paginated
listing of the events behind it, under coverage/<facet>/<id>/, so no page grows with the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from .. import urls
from ..charts import Bar, Row, bar_chart
from ..coverage import Bucket, Coverage, coverage
from ..formatting import long_date
from ..output import Page
from ..portal import Portal
from .event_view import EventItem, items, listing_order
from .paginate import Pager, paginate
from .participation_view import Participation, participation

FACET_WORDS = {"level": "level of the continuum", "area": "area", "group": "group"}


def bucket_url(bucket: Bucket) -> str:
    """Where the events behind a figure are listed."""
    return urls.coverage_detail(bucket.facet, bucket.key)


@dataclass(frozen=True)
class Figure:
    """A bucket as the summary shows it: its count, and a link when there is anything behind it."""

    bucket: Bucket
    url: str | None


@dataclass(frozen=True)
class Section:
    """One breakdown on the summary: a chart, a table of figures and the gaps in words."""

    key: str
    heading: str
    column: str
    chart: Markup
    figures: tuple[Figure, ...]
    without: tuple[str, ...]
    thin: tuple[tuple[str, int], ...]
    """(name, dates held) of the thin spots."""


def _chart(key: str, title: str, buckets: tuple[Bucket, ...]) -> Markup:
    rows = [Row(b.name, (Bar(float(b.count), f"{b.count} held"),)) for b in buckets]
    return bar_chart(
        f"coverage-{key}",
        title,
        f"Bar chart of the number of events held by {FACET_WORDS[key]} in the last 12 months. "
        "The table after it gives the same numbers, with links to the events.",
        rows,
    )


def _section(key: str, heading: str, column: str, buckets: tuple[Bucket, ...], cov: Coverage, plural: str) -> Section:
    return Section(
        key=key,
        heading=heading,
        column=column,
        chart=_chart(
            key, f"Events held by {FACET_WORDS[key]}, {long_date(cov.first_day)} to {long_date(cov.last_day)}", buckets
        ),
        figures=tuple(Figure(b, bucket_url(b) if b.count else None) for b in buckets),
        without=tuple(b.name for b in cov.without(plural)),
        thin=tuple((b.name, b.count) for b in cov.thin(plural)),
    )


@dataclass(frozen=True)
class CoverageSummary:
    """The context of `engage/coverage.html` at coverage/: every figure, with its chart and table."""

    kind: Literal["coverage"]
    """Always 'coverage'."""
    title: str
    """'Engagement coverage'."""
    coverage: Coverage
    """Every figure over the last 12 months."""
    total: Figure
    """Every event held in the window."""
    sections: Sequence[Section]
    """By level, by area, by group."""
    participation: Participation
    """Events held and people who took part, by organisation and by quarter."""


@dataclass(frozen=True)
class CoverageDetail:
    """The context of `engage/coverage.html` behind one figure: a page of the events it counts."""

    kind: Literal["coverage-detail"]
    """Always 'coverage-detail'."""
    title: str
    """The figure in words, with the page number after the first page."""
    bucket: Bucket
    """The figure: the dates held behind it."""
    facet: str
    """The breakdown the figure belongs to, in words ('area'); '' for the total."""
    coverage: Coverage
    """The whole summary (its window's first and last days)."""
    pager: Pager[EventItem]
    """This page of the dates behind the figure."""


def summary_page(portal: Portal, cov: Coverage) -> Page:
    sections = [
        _section("level", "By level of the continuum of engagement", "Level", cov.levels, cov, "levels"),
        _section("area", "By area", "Area", cov.areas, cov, "areas"),
        _section("group", "By the groups events reached out to", "Group", cov.groups, cov, "groups"),
    ]
    return Page(
        url=urls.coverage(),
        title="Engagement coverage",
        template="engage/coverage.html",
        description="Which levels of engagement, areas and groups our events reached in the last 12 months, and which they missed.",
        context=CoverageSummary(
            kind="coverage",
            title="Engagement coverage",
            coverage=cov,
            total=Figure(cov.total, bucket_url(cov.total) if cov.total.count else None),
            sections=sections,
            participation=participation(portal),
        ),
        searchable=True,
    )


def detail_pages(portal: Portal, cov: Coverage) -> list[Page]:
    out = []
    buckets = [cov.total, *cov.levels, *cov.areas, *cov.groups]
    for bucket in buckets:
        if not bucket.count:
            continue
        entries = items(portal, sorted(bucket.occurrences, key=listing_order, reverse=True))
        what = "All events held" if bucket.facet == "all" else f"Events held: {bucket.name}"
        for pager in paginate(entries, portal.settings.events_per_page, bucket_url(bucket)):
            title = what + (f", page {pager.number} of {pager.count}" if pager.number > 1 else "")
            out.append(
                Page(
                    url=pager.url,
                    title=title,
                    template="engage/coverage.html",
                    context=CoverageDetail(
                        kind="coverage-detail",
                        title=title,
                        bucket=bucket,
                        facet=FACET_WORDS.get(bucket.facet, ""),
                        coverage=cov,
                        pager=pager,
                    ),
                )
            )
    return out


def pages(portal: Portal) -> list[Page]:
    cov = coverage(portal)
    return [summary_page(portal, cov), *detail_pages(portal, cov)]
