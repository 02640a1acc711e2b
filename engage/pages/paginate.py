"""Split a long listing into numbered pages so no page grows with the archive."""

from __future__ import annotations

from collections.abc import Sequence
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
    out = []
    for number in range(1, count + 1):
        chunk = items[(number - 1) * per_page : number * per_page]
        out.append(
            Pager(
                items=chunk,
                number=number,
                count=count,
                url=urls.listing(base_url, number),
                previous_url=urls.listing(base_url, number - 1) if number > 1 else None,
                next_url=urls.listing(base_url, number + 1) if number < count else None,
                first_url=base_url,
                total=len(items),
                start=(number - 1) * per_page + 1,
            )
        )
    return out
