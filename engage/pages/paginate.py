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
    def numbers(self) -> list[tuple[int, str]]:
        """Page numbers with URLs; a window around the current page keeps the list short."""
        window = {1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)}
        return [(n, urls.listing(self.first_url, n)) for n in sorted(window)]


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
