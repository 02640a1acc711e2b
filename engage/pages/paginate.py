"""Split a long listing into numbered pages so no page grows with the archive."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .. import urls

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a listing, and how to reach its neighbours."""

    items: Sequence[T]
    number: int
    count: int
    url: str
    previous_url: str | None
    next_url: str | None
    first_url: str
    total: int
    start: int = 1
    """Position of this page's first item in the whole listing, counting from 1."""

    def titled(self, title: str) -> str:
        """The page's title: the listing's own on page 1, with "(page N of M)" after it on later pages."""
        return title if self.number == 1 else f"{title} (page {self.number} of {self.count})"

    @property
    def end(self) -> int:
        """Position of this page's last item (start - 1 on an empty page)."""
        return self.start + len(self.items) - 1

    @property
    def numbers(self) -> list[tuple[int, str] | None]:
        """Page numbers with URLs, GOV.UK style; None marks a gap, shown as an ellipsis."""
        return [
            None if n is None else (n, urls.listing(self.first_url, n)) for n in page_window(self.number, self.count)
        ]


def page_window(current: int, count: int) -> list[int | None]:
    """The first and last pages, the current one and its neighbours; None where pages are left out.

    The GOV.UK pagination pattern: [1, None, 4, 5, 6, None, 10]. A gap of one page shows that
    page instead of an ellipsis, which would take as much room. filters.js does the same.
    """
    shown = sorted({1, count, *range(max(1, current - 1), min(count, current + 1) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) == 2:
            out.append(n - 1)
        elif out and n - (out[-1] or 0) > 2:
            out.append(None)
        out.append(n)
    return out


def paginate(items: Sequence[T], per_page: int, base_url: str) -> list[Pager[T]]:
    """At least one page, even when there is nothing to list."""
    count = max(1, -(-len(items) // per_page))
    return _pagers([items[(n - 1) * per_page : n * per_page] for n in range(1, count + 1)], base_url, len(items))


def paginate_by_weight(items: Sequence[T], weight: Callable[[T], int], budget: int, base_url: str) -> list[Pager[T]]:
    """Pages holding items whose weights add up to at most `budget` (an item heavier than that
    has a page of its own), for listings whose entries differ in size; at least one page."""
    chunks: list[list[T]] = [[]]
    used = 0
    for item in items:
        cost = weight(item)
        if chunks[-1] and used + cost > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += cost
    return _pagers(chunks, base_url, len(items))


def _pagers(chunks: Sequence[Sequence[T]], base_url: str, total: int) -> list[Pager[T]]:
    count = len(chunks)
    out = []
    start = 1
    for number, chunk in enumerate(chunks, start=1):
        out.append(
            Pager(
                items=chunk,
                number=number,
                count=count,
                url=urls.listing(base_url, number),
                previous_url=urls.listing(base_url, number - 1) if number > 1 else None,
                next_url=urls.listing(base_url, number + 1) if number < count else None,
                first_url=base_url,
                total=total,
                start=start,
            )
        )
        start += len(chunk)
    return out
